/**
 * `LinearLR`: move the lr factor linearly from `startFactor` to `endFactor` over `totalIters`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode LinearLR}: PyTorch's keyword arguments in camelCase. */
export interface LinearLROptions {
  /** The factor at epoch 0, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** The factor from `totalIters` on, in [0, 1] (default 1). */
  endFactor?: number;
  /** How many epochs the change takes, a positive integer (default 5). */
  totalIters?: number;
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

function parse(
  o: { startFactor?: unknown; endFactor?: unknown; totalIters?: unknown },
  prefix = "",
) {
  const start = `${prefix}startFactor`;
  const startFactor = check.number(start, o.startFactor);
  if (!(startFactor > 0 && startFactor <= 1)) {
    throw new RangeError(
      "Starting multiplicative factor expected to be greater than 0 and less or equal to 1, " +
        `got ${start}=${startFactor}`,
    );
  }
  const end = `${prefix}endFactor`;
  const endFactor = check.number(end, o.endFactor);
  if (!(endFactor >= 0 && endFactor <= 1)) {
    throw new RangeError(
      `Ending multiplicative factor expected to be between 0 and 1, got ${end}=${endFactor}`,
    );
  }
  return {
    startFactor,
    endFactor,
    totalIters: check.positiveInteger(`${prefix}totalIters`, o.totalIters),
  };
}

/**
 * Multiplies the lr of each param group by a factor that moves linearly from `startFactor` to
 * `endFactor` over `totalIters` epochs: PyTorch's `torch.optim.lr_scheduler.LinearLR`, the
 * usual linear warmup (or, with `endFactor < startFactor`, a linear decay).
 *
 * lr_e = initialLr · (startFactor + (endFactor − startFactor) · min(e, totalIters) / totalIters)
 *
 * `step()` uses the chainable form, the ratio of consecutive factors
 * 1 + (end − start) / (totalIters · start + (e − 1) · (end − start)); `step(epoch)` uses the
 * closed form.
 *
 * @example Warm up from half the lr over 4 epochs
 * ```ts
 * import { LinearLR } from "./linear_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.05 }] };
 * const scheduler = new LinearLR(optimizer, { startFactor: 0.5, totalIters: 4 });
 * const lrs = scheduler.getLastLr();
 * for (let i = 0; i < 5; i++) {
 *   scheduler.step();
 *   lrs.push(...scheduler.getLastLr());
 * }
 * // lr = 0.025, 0.03125, 0.0375, 0.04375, then 0.05 from epoch 4 on (the chainable form gives
 * // 0.043750000000000004 at epoch 3, as PyTorch's does)
 * const rounded = lrs.map((lr) => lr.toFixed(6)).join();
 * if (rounded !== "0.025000,0.031250,0.037500,0.043750,0.050000,0.050000") throw new Error(rounded);
 * ```
 */
export class LinearLR extends LRScheduler {
  #startFactor: number;
  #endFactor: number;
  #totalIters: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: LinearLROptions = {}) {
    checkOptimizer(optimizer);
    checkOptions("LinearLR", options, [
      "startFactor",
      "endFactor",
      "totalIters",
      "lastEpoch",
      "field",
    ]);
    const parsed = parse({
      startFactor: options.startFactor ?? 1 / 3,
      endFactor: options.endFactor ?? 1,
      totalIters: options.totalIters ?? 5,
    });
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#startFactor = parsed.startFactor;
    this.#endFactor = parsed.endFactor;
    this.#totalIters = parsed.totalIters;
    this.initialStep();
  }

  /** The factor at epoch 0. */
  get startFactor(): number {
    return this.#startFactor;
  }

  /** The factor from `totalIters` on. */
  get endFactor(): number {
    return this.#endFactor;
  }

  /** How many epochs the change takes. */
  get totalIters(): number {
    return this.#totalIters;
  }

  /** lr · startFactor at epoch 0, then lr times the ratio of consecutive factors. */
  protected override computeLr(): number[] {
    const start = this.#startFactor;
    const end = this.#endFactor;
    if (this.lastEpoch === 0) return this.scaled(start);
    if (this.isInitial || this.lastEpoch > this.#totalIters) return this.unchanged();
    const ratio = 1 +
      (end - start) / (this.#totalIters * start + (this.lastEpoch - 1) * (end - start));
    return this.scaled(ratio);
  }

  /** baseLr · (start + (end − start) · min(totalIters, lastEpoch) / totalIters). */
  protected override closedFormLr(): number[] {
    const start = this.#startFactor;
    const end = this.#endFactor;
    const e = Math.min(this.#totalIters, this.lastEpoch);
    return this.baseLrs.map((baseLr) => baseLr * (start + (end - start) * e / this.#totalIters));
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return {
      startFactor: this.#startFactor,
      endFactor: this.#endFactor,
      totalIters: this.#totalIters,
    };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const parsed = parse(state, "state.");
    this.#startFactor = parsed.startFactor;
    this.#endFactor = parsed.endFactor;
    this.#totalIters = parsed.totalIters;
  }
}
