/**
 * `PolynomialLR`: decay the lr to zero along a polynomial over `totalIters` epochs.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode PolynomialLR}: PyTorch's keyword arguments in camelCase. */
export interface PolynomialLROptions {
  /** How many epochs the decay takes, a positive integer (default 5). */
  totalIters?: number;
  /** The power of the polynomial, non-negative (default 1). */
  power?: number;
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

function parse(o: { totalIters?: unknown; power?: unknown }, prefix = "") {
  return {
    totalIters: check.positiveInteger(`${prefix}totalIters`, o.totalIters),
    power: check.nonNegative(`${prefix}power`, o.power),
  };
}

/**
 * Decays the lr of each param group to zero along a polynomial over `totalIters` epochs:
 * PyTorch's `torch.optim.lr_scheduler.PolynomialLR`.
 *
 * lr_e = initialLr · (1 − min(e, totalIters) / totalIters)^power
 *
 * `step()` uses the chainable form, the ratio
 * ((1 − e / totalIters) / (1 − (e − 1) / totalIters))^power; `step(epoch)` uses the closed
 * form. A negative `power`, which PyTorch accepts and which makes the lr infinite at
 * `totalIters`, is rejected.
 *
 * @example Linear decay to zero over 4 epochs
 * ```ts
 * import { PolynomialLR } from "./polynomial_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 4, power: 1 });
 * const lrs = [scheduler.getLastLr()[0]];
 * for (let i = 0; i < 5; i++) {
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * if (lrs.join() !== "1,0.75,0.5,0.25,0,0") throw new Error(lrs.join());
 * ```
 */
export class PolynomialLR extends LRScheduler {
  #totalIters: number;
  #power: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: PolynomialLROptions = {}) {
    checkOptimizer(optimizer);
    checkOptions("PolynomialLR", options, ["totalIters", "power", "lastEpoch", "field"]);
    const { totalIters, power } = parse({
      totalIters: options.totalIters ?? 5,
      power: options.power ?? 1,
    });
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#totalIters = totalIters;
    this.#power = power;
    this.initialStep();
  }

  /** How many epochs the decay takes. */
  get totalIters(): number {
    return this.#totalIters;
  }

  /** The power of the polynomial. */
  get power(): number {
    return this.#power;
  }

  /** lr times the ratio of consecutive polynomial values, until `totalIters`. */
  protected override computeLr(): number[] {
    const e = this.lastEpoch;
    const total = this.#totalIters;
    if (this.isInitial || e > total) return this.unchanged();
    const decayFactor = ((1 - e / total) / (1 - (e - 1) / total)) ** this.#power;
    return this.scaled(decayFactor);
  }

  /** baseLr · (1 − min(totalIters, lastEpoch) / totalIters) ** power. */
  protected override closedFormLr(): number[] {
    const total = this.#totalIters;
    const left = 1 - Math.min(total, this.lastEpoch) / total;
    return this.baseLrs.map((baseLr) => baseLr * left ** this.#power);
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return { totalIters: this.#totalIters, power: this.#power };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const { totalIters, power } = parse(state, "state.");
    this.#totalIters = totalIters;
    this.#power = power;
  }
}
