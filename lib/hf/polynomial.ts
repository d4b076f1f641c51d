/**
 * transformers' `get_polynomial_decay_schedule_with_warmup`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR, type HfOptimizerLike } from "./hf_lambda_lr.ts";
import { defaultLr, hfOptions, saved, steps } from "./_shared.ts";

/** Options of {@linkcode getPolynomialDecayScheduleWithWarmup}. */
export interface PolynomialDecayScheduleWithWarmupOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The total number of training steps; a non-negative integer. */
  numTrainingSteps: number;
  /** The lr reached at `numTrainingSteps`; default 1e-7. Must be below the default lr. */
  lrEnd?: number;
  /** The power of the decay; default 1 (linear). */
  power?: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Linear warmup, then a polynomial decay from `lrInit` to `lrEnd`, then `lrEnd`:
 * transformers' `get_polynomial_decay_schedule_with_warmup`.
 *
 * `lrInit` is transformers' `optimizer.defaults["lr"]`: `optimizer.defaults.lr` when the
 * optimizer has `defaults` (anneal's `SGD` and `Adam` do), else the first group's lr. As in
 * transformers, every group's lr is its initial lr times the factor below, so a group whose lr
 * differs from `lrInit` does not end exactly at `lrEnd`.
 *
 * lambda(step) = ((lrInit − lrEnd) · (1 − (step − W) / (T − W))^power + lrEnd) / lrInit for
 * W ≤ step ≤ T, and lrEnd / lrInit after T
 *
 * @example
 * ```ts
 * import { getPolynomialDecayScheduleWithWarmup } from "./mod.ts";
 * const s = getPolynomialDecayScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 0,
 *   numTrainingSteps: 2,
 *   lrEnd: 0.5,
 *   power: 2,
 * });
 * s.step(); // ((1 - 0.5) * 0.5 ** 2 + 0.5) / 1
 * if (s.getLastLr()[0] !== 0.625) throw new Error(String(s.getLastLr()));
 * ```
 */
export function getPolynomialDecayScheduleWithWarmup(
  optimizer: HfOptimizerLike,
  options: PolynomialDecayScheduleWithWarmupOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const name = "getPolynomialDecayScheduleWithWarmup";
  const o = hfOptions<PolynomialDecayScheduleWithWarmupOptions>(name, options, [
    "numWarmupSteps",
    "numTrainingSteps",
    "lrEnd",
    "power",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numTrainingSteps = steps("numTrainingSteps", o.numTrainingSteps);
  const lrEnd = check.finite("lrEnd", o.lrEnd ?? 1e-7);
  const power = check.finite("power", o.power ?? 1.0);
  const lrInit = defaultLr(optimizer);
  if (!(lrInit > lrEnd)) {
    throw new RangeError(`lrEnd (${lrEnd}) must be smaller than initial lr (${lrInit})`);
  }
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return step / Math.max(1, numWarmupSteps);
    if (step > numTrainingSteps) return lrEnd / lrInit;
    const lrRange = lrInit - lrEnd;
    const decaySteps = numTrainingSteps - numWarmupSteps;
    const pctRemaining = 1 - (step - numWarmupSteps) / decaySteps;
    const decay = lrRange * pctRemaining ** power + lrEnd;
    return decay / lrInit;
  };
  return new HfLambdaLR(optimizer, name, saved(o), lambda, o.lastEpoch);
}
