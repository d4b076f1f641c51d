/**
 * `StepLR`: multiply the lr by `gamma` every `stepSize` epochs.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode StepLR}: PyTorch's keyword arguments in camelCase. */
export interface StepLROptions {
  /** Period of the decay in epochs, a positive integer. */
  stepSize: number;
  /** Multiplicative factor of the decay, positive (default 0.1). */
  gamma?: number;
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

function parse(o: { stepSize?: unknown; gamma?: unknown }, prefix = "") {
  return {
    stepSize: check.positiveInteger(`${prefix}stepSize`, o.stepSize),
    gamma: check.positive(`${prefix}gamma`, o.gamma),
  };
}

/**
 * Multiplies the lr of each param group by `gamma` every `stepSize` epochs:
 * PyTorch's `torch.optim.lr_scheduler.StepLR`.
 *
 * lr_e = initialLr · gamma^⌊e / stepSize⌋
 *
 * `step()` uses the chainable form (multiply by `gamma` when `e > 0` and `e % stepSize == 0`),
 * so that other changes to the lr made in between carry on; `step(epoch)` uses the closed form.
 *
 * @example The seed's listing: `stepSize` 5, `gamma` 0.5 from lr 0.1
 * ```ts
 * import { StepLR } from "./step_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new StepLR(optimizer, { stepSize: 5, gamma: 0.5 });
 * const lrs = [scheduler.getLastLr()[0]];
 * for (let i = 0; i < 10; i++) {
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * // lr = 0.1 if epoch < 5, 0.05 if 5 <= epoch < 10, 0.025 if 10 <= epoch < 15, ...
 * if (lrs[4] !== 0.1 || lrs[5] !== 0.05 || lrs[10] !== 0.025) throw new Error();
 * ```
 */
export class StepLR extends LRScheduler {
  #stepSize: number;
  #gamma: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: StepLROptions) {
    checkOptimizer(optimizer);
    checkOptions("StepLR", options, ["stepSize", "gamma", "lastEpoch", "field"]);
    const { stepSize, gamma } = parse({ stepSize: options.stepSize, gamma: options.gamma ?? 0.1 });
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#stepSize = stepSize;
    this.#gamma = gamma;
    this.initialStep();
  }

  /** Period of the decay in epochs. */
  get stepSize(): number {
    return this.#stepSize;
  }

  /** Multiplicative factor of the decay. */
  get gamma(): number {
    return this.#gamma;
  }

  /** lr · gamma when `lastEpoch` is a positive multiple of `stepSize`, else lr unchanged. */
  protected override computeLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.#stepSize !== 0) return this.unchanged();
    return this.scaled(this.#gamma);
  }

  /** baseLr · gamma ** ⌊lastEpoch / stepSize⌋. */
  protected override closedFormLr(): number[] {
    const k = Math.floor(this.lastEpoch / this.#stepSize);
    return this.baseLrs.map((baseLr) => baseLr * this.#gamma ** k);
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return { stepSize: this.#stepSize, gamma: this.#gamma };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const { stepSize, gamma } = parse(state, "state.");
    this.#stepSize = stepSize;
    this.#gamma = gamma;
  }
}
