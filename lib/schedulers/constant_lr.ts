/**
 * `ConstantLR`: multiply the lr by a constant factor until `totalIters`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode ConstantLR}: PyTorch's keyword arguments in camelCase. */
export interface ConstantLROptions {
  /** The factor applied until `totalIters`, in (0, 1] (default 1/3). */
  factor?: number;
  /** How many epochs the factor applies, a positive integer (default 5). */
  totalIters?: number;
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

function parse(o: { factor?: unknown; totalIters?: unknown }, prefix = "") {
  const name = `${prefix}factor`;
  const factor = check.number(name, o.factor);
  if (!(factor >= 0 && factor <= 1)) {
    throw new RangeError(
      `Constant multiplicative factor expected to be between 0 and 1, got ${name}=${factor}`,
    );
  }
  if (factor === 0) {
    throw new RangeError(
      `${name} must be greater than 0 (the lr is divided by it at totalIters), got ${name}=0`,
    );
  }
  return { factor, totalIters: check.positiveInteger(`${prefix}totalIters`, o.totalIters) };
}

/**
 * Multiplies the lr of each param group by `factor` until the epoch reaches `totalIters`:
 * PyTorch's `torch.optim.lr_scheduler.ConstantLR`, a simple warmup.
 *
 * lr_e = initialLr · factor if e < totalIters, initialLr otherwise
 *
 * `step()` uses the chainable form (multiply by `factor` at epoch 0 and by `1 / factor` at
 * `totalIters`); `step(epoch)` uses the closed form. A `factor` of 0, which PyTorch accepts
 * and which turns the lr into NaN at `totalIters`, is rejected.
 *
 * @example Half the lr for 4 epochs
 * ```ts
 * import { ConstantLR } from "./constant_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.05 }] };
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 * const lrs = [scheduler.getLastLr()[0]];
 * for (let i = 0; i < 5; i++) {
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * // lr = 0.025 if epoch < 4, 0.05 if epoch >= 4
 * if (lrs.join() !== "0.025,0.025,0.025,0.025,0.05,0.05") throw new Error(lrs.join());
 * ```
 */
export class ConstantLR extends LRScheduler {
  #factor: number;
  #totalIters: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: ConstantLROptions = {}) {
    checkOptimizer(optimizer);
    checkOptions("ConstantLR", options, ["factor", "totalIters", "lastEpoch", "field"]);
    const { factor, totalIters } = parse({
      factor: options.factor ?? 1 / 3,
      totalIters: options.totalIters ?? 5,
    });
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#factor = factor;
    this.#totalIters = totalIters;
    this.initialStep();
  }

  /** The factor applied until `totalIters`. */
  get factor(): number {
    return this.#factor;
  }

  /** How many epochs the factor applies. */
  get totalIters(): number {
    return this.#totalIters;
  }

  /** lr · factor at epoch 0, lr · (1 / factor) at `totalIters`, else lr unchanged. */
  protected override computeLr(): number[] {
    if (this.lastEpoch === 0) return this.scaled(this.#factor);
    if (this.lastEpoch !== this.#totalIters) return this.unchanged();
    return this.scaled(1 / this.#factor);
  }

  /** baseLr · (factor + [lastEpoch ≥ totalIters] · (1 − factor)). */
  protected override closedFormLr(): number[] {
    const done = this.lastEpoch >= this.#totalIters ? 1 : 0;
    return this.baseLrs.map((baseLr) => baseLr * (this.#factor + done * (1 - this.#factor)));
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return { factor: this.#factor, totalIters: this.#totalIters };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const { factor, totalIters } = parse(state, "state.");
    this.#factor = factor;
    this.#totalIters = totalIters;
  }
}
