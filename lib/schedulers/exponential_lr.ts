/**
 * `ExponentialLR`: multiply the lr by `gamma` every epoch.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode ExponentialLR}: PyTorch's keyword arguments in camelCase. */
export interface ExponentialLROptions {
  /** Multiplicative factor of the decay, positive (above 1 the lr grows). */
  gamma: number;
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

function parse(o: { gamma?: unknown }, prefix = "") {
  return { gamma: check.positive(`${prefix}gamma`, o.gamma) };
}

/**
 * Multiplies the lr of each param group by `gamma` every epoch:
 * PyTorch's `torch.optim.lr_scheduler.ExponentialLR`.
 *
 * lr_e = initialLr · gamma^e
 *
 * `step()` multiplies the current lr by `gamma`; `step(epoch)` uses the closed form. When
 * resuming (`lastEpoch ≥ 0`), construction leaves the lr as it is (PyTorch 2.x).
 *
 * @example Halve every epoch
 * ```ts
 * import { ExponentialLR } from "./exponential_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }, { lr: 0.5 }] };
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.5 });
 * scheduler.step();
 * scheduler.step();
 * if (scheduler.getLastLr().join() !== "0.25,0.125") throw new Error();
 * ```
 */
export class ExponentialLR extends LRScheduler {
  #gamma: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: ExponentialLROptions) {
    checkOptimizer(optimizer);
    checkOptions("ExponentialLR", options, ["gamma", "lastEpoch", "field"]);
    const { gamma } = parse(options);
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#gamma = gamma;
    this.initialStep();
  }

  /** Multiplicative factor of the decay. */
  get gamma(): number {
    return this.#gamma;
  }

  /** lr · gamma, except on the constructor's initial step. */
  protected override computeLr(): number[] {
    if (this.isInitial) return this.unchanged();
    return this.scaled(this.#gamma);
  }

  /** baseLr · gamma ** lastEpoch. */
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((baseLr) => baseLr * this.#gamma ** this.lastEpoch);
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return { gamma: this.#gamma };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    this.#gamma = parse(state, "state.").gamma;
  }
}
