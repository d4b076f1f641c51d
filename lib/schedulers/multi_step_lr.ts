/**
 * `MultiStepLR`: multiply the lr by `gamma` at each milestone epoch.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode MultiStepLR}: PyTorch's keyword arguments in camelCase. */
export interface MultiStepLROptions {
  /**
   * Epoch indices, non-negative integers in non-decreasing order; a milestone given k times
   * multiplies by `gamma ** k` (PyTorch keeps them in a `Counter`).
   */
  milestones: readonly number[];
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

function parse(o: { milestones?: unknown; gamma?: unknown }, prefix = "") {
  const name = `${prefix}milestones`;
  const milestones = o.milestones;
  if (!Array.isArray(milestones)) {
    throw new TypeError(`${name} must be an array, got ${name}=${check.show(milestones)}`);
  }
  milestones.forEach((m, i) => {
    if (!(check.integer(`${name}[${i}]`, m) >= 0)) {
      throw new RangeError(`${name}[${i}] must be non-negative, got ${name}[${i}]=${m}`);
    }
    if (i > 0 && m < milestones[i - 1]) {
      throw new RangeError(
        `${name} must be in non-decreasing order, got ${name}=${check.show(milestones)}`,
      );
    }
  });
  return {
    milestones: [...milestones] as number[],
    gamma: check.positive(`${prefix}gamma`, o.gamma),
  };
}

function countMilestones(milestones: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of milestones) counts.set(m, (counts.get(m) ?? 0) + 1);
  return counts;
}

/** How many of the sorted `milestones` are at most `epoch` (Python's `bisect_right`). */
function bisectRight(milestones: readonly number[], epoch: number): number {
  let lo = 0;
  let hi = milestones.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (epoch < (milestones[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Multiplies the lr of each param group by `gamma` once the epoch reaches each milestone:
 * PyTorch's `torch.optim.lr_scheduler.MultiStepLR`.
 *
 * lr_e = initialLr · gamma^(number of milestones ≤ e)
 *
 * `step()` uses the chainable form (at a milestone given k times, multiply by `gamma ** k`);
 * `step(epoch)` uses the closed form.
 *
 * @example The seed's listing: milestones 3, 5, 10 with `gamma` 0.5 from lr 0.1
 * ```ts
 * import { MultiStepLR } from "./multi_step_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new MultiStepLR(optimizer, { milestones: [3, 5, 10], gamma: 0.5 });
 * const lrs = [scheduler.getLastLr()[0]];
 * for (let i = 0; i < 10; i++) {
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * // lr = 0.1 if epoch < 3, 0.05 if 3 <= epoch < 5, 0.025 if 5 <= epoch < 10, 0.0125 after
 * if (lrs[2] !== 0.1 || lrs[3] !== 0.05 || lrs[5] !== 0.025 || lrs[10] !== 0.0125) {
 *   throw new Error();
 * }
 * ```
 */
export class MultiStepLR extends LRScheduler {
  #milestones: number[];
  #counts: Map<number, number>;
  #gamma: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: MultiStepLROptions) {
    checkOptimizer(optimizer);
    checkOptions("MultiStepLR", options, ["milestones", "gamma", "lastEpoch", "field"]);
    const { milestones, gamma } = parse({
      milestones: options.milestones,
      gamma: options.gamma ?? 0.1,
    });
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#milestones = milestones;
    this.#counts = countMilestones(milestones);
    this.#gamma = gamma;
    this.initialStep();
  }

  /** The milestones, sorted, repeats included. */
  get milestones(): number[] {
    return [...this.#milestones];
  }

  /** Multiplicative factor of the decay. */
  get gamma(): number {
    return this.#gamma;
  }

  /** lr · gamma ** k at a milestone given k times, else lr unchanged. */
  protected override computeLr(): number[] {
    const count = this.#counts.get(this.lastEpoch);
    if (count === undefined) return this.unchanged();
    return this.scaled(this.#gamma ** count);
  }

  /** baseLr · gamma ** (number of milestones ≤ lastEpoch). */
  protected override closedFormLr(): number[] {
    const k = bisectRight(this.#milestones, this.lastEpoch);
    return this.baseLrs.map((baseLr) => baseLr * this.#gamma ** k);
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return { milestones: [...this.#milestones], gamma: this.#gamma };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const { milestones, gamma } = parse(state, "state.");
    this.#milestones = milestones;
    this.#counts = countMilestones(milestones);
    this.#gamma = gamma;
  }
}
