/**
 * transformers' `get_inverse_sqrt_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR } from "./hf_lambda_lr.ts";
import { hfOptions, saved, steps, warmupFactor } from "./_shared.ts";

/** Options of {@linkcode getInverseSqrtSchedule}. */
export interface InverseSqrtScheduleOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The time scale; default `numWarmupSteps`, or 10000 when that is 0. Positive. */
  timescale?: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Linear warmup, then an inverse square root decay: transformers' `get_inverse_sqrt_schedule`
 * (adapted there from big_vision).
 *
 * lambda(step) = 1 / √((step + timescale − W) / timescale) after warmup
 *
 * @example
 * ```ts
 * import { getInverseSqrtSchedule } from "./mod.ts";
 * const s = getInverseSqrtSchedule({ paramGroups: [{ lr: 1 }] }, { numWarmupSteps: 4 });
 * for (let i = 0; i < 16; i++) s.step(); // step 16: 1 / sqrt(16 / 4)
 * if (s.getLastLr()[0] !== 0.5) throw new Error(String(s.getLastLr()));
 * ```
 */
export function getInverseSqrtSchedule(
  optimizer: OptimizerLike,
  options: InverseSqrtScheduleOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const o = hfOptions<InverseSqrtScheduleOptions>("getInverseSqrtSchedule", options, [
    "numWarmupSteps",
    "timescale",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const timescale = o.timescale === undefined
    ? (numWarmupSteps || 10_000)
    : check.positive("timescale", o.timescale);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return warmupFactor(step, numWarmupSteps);
    const shift = timescale - numWarmupSteps;
    return 1.0 / Math.sqrt((step + shift) / timescale);
  };
  return new HfLambdaLR(optimizer, "getInverseSqrtSchedule", saved(o), lambda, o.lastEpoch);
}
