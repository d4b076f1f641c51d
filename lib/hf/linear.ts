/**
 * transformers' `get_linear_schedule_with_warmup`.
 *
 * @module
 */

import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR } from "./hf_lambda_lr.ts";
import { hfOptions, saved, steps, warmupFactor } from "./_shared.ts";

/** Options of {@linkcode getLinearScheduleWithWarmup}. */
export interface LinearScheduleWithWarmupOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The total number of training steps; the lr reaches 0 there. A non-negative integer. */
  numTrainingSteps: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Linear warmup from 0 to the initial lr, then linear decay to 0 at `numTrainingSteps` (and 0
 * after): transformers' `get_linear_schedule_with_warmup`.
 *
 * lambda(step) = step / max(1, W) while step < W, else
 * max(0, (T − step) / max(1, T − W))
 *
 * @example
 * ```ts
 * import { getLinearScheduleWithWarmup } from "./mod.ts";
 * const s = getLinearScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 2,
 *   numTrainingSteps: 6,
 * });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 7; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * if (lrs.join() !== "0,0.5,1,0.75,0.5,0.25,0,0") throw new Error(lrs.join());
 * ```
 */
export function getLinearScheduleWithWarmup(
  optimizer: OptimizerLike,
  options: LinearScheduleWithWarmupOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const o = hfOptions<LinearScheduleWithWarmupOptions>("getLinearScheduleWithWarmup", options, [
    "numWarmupSteps",
    "numTrainingSteps",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numTrainingSteps = steps("numTrainingSteps", o.numTrainingSteps);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return warmupFactor(step, numWarmupSteps);
    return Math.max(
      0.0,
      (numTrainingSteps - step) / Math.max(1, numTrainingSteps - numWarmupSteps),
    );
  };
  return new HfLambdaLR(optimizer, "getLinearScheduleWithWarmup", saved(o), lambda, o.lastEpoch);
}
