/**
 * `collectLrs`: the lrs a scheduler gives epoch by epoch, for charts, tables and comparisons.
 *
 * @module
 */

import * as check from "../_check.ts";

/** What {@linkcode collectLrs} drives: any scheduler stepped without arguments. */
export interface SteppableScheduler {
  /** The lr of each param group as last set. */
  getLastLr(): number[];
  /** Advances one epoch. */
  step(): void;
}

/**
 * The lr of every param group at epochs `0 … epochs − 1`, read with `getLastLr()` and advanced
 * with `step()` in between, exactly as the modern training loop sees them:
 *
 * ```
 * for epoch in 0 … epochs − 1:
 *   lrs[epoch] = scheduler.getLastLr()
 *   train(...); optimizer.step()
 *   scheduler.step()            (not after the last epoch)
 * ```
 *
 * The scheduler ends at `lastEpoch = epochs − 1` (plus where it started). Use a fresh scheduler
 * on a bare `{ paramGroups: [{ lr }] }` to study a schedule alone. `ReduceLROnPlateau` needs a
 * metric per step, so drive it by hand.
 *
 * @throws {TypeError} when `scheduler` lacks `getLastLr()` or `step()`.
 * @throws {RangeError} `epochs must be a non-negative integer, got epochs=2.5`.
 *
 * @example StepLR halving every 2 epochs, two param groups
 * ```ts
 * import { collectLrs } from "./collect_lrs.ts";
 * import { StepLR } from "./step_lr.ts";
 * const scheduler = new StepLR({ paramGroups: [{ lr: 0.1 }, { lr: 1 }] }, { stepSize: 2, gamma: 0.5 });
 * const lrs = collectLrs(scheduler, 5);
 * if (JSON.stringify(lrs) !== "[[0.1,1],[0.1,1],[0.05,0.5],[0.05,0.5],[0.025,0.25]]") {
 *   throw new Error(JSON.stringify(lrs));
 * }
 * ```
 */
export function collectLrs(scheduler: SteppableScheduler, epochs: number): number[][] {
  if (typeof scheduler?.getLastLr !== "function" || typeof scheduler.step !== "function") {
    throw new TypeError(
      `scheduler must have getLastLr() and step(), got scheduler=${check.show(scheduler)}`,
    );
  }
  if (!(Number.isInteger(epochs) && epochs >= 0)) {
    throw new RangeError(`epochs must be a non-negative integer, got epochs=${check.show(epochs)}`);
  }
  const lrs: number[][] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (epoch > 0) scheduler.step();
    lrs.push(scheduler.getLastLr());
  }
  return lrs;
}
