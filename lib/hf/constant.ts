/**
 * transformers' `get_constant_schedule` and `get_constant_schedule_with_warmup`.
 *
 * @module
 */

import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR } from "./hf_lambda_lr.ts";
import { hfOptions, saved, steps } from "./_shared.ts";

/** Options of {@linkcode getConstantSchedule}. */
export interface ConstantScheduleOptions {
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * A constant lr, the one set in the optimizer: transformers' `get_constant_schedule`.
 *
 * lambda(step) = 1
 *
 * @example
 * ```ts
 * import { getConstantSchedule } from "./mod.ts";
 * const s = getConstantSchedule({ paramGroups: [{ lr: 0.1 }, { lr: 0.05 }] });
 * s.step();
 * if (s.getLastLr().join() !== "0.1,0.05") throw new Error(String(s.getLastLr()));
 * ```
 */
export function getConstantSchedule(
  optimizer: OptimizerLike,
  options: ConstantScheduleOptions = {},
): HfLambdaLR {
  checkOptimizer(optimizer);
  const o = hfOptions<ConstantScheduleOptions>("getConstantSchedule", options, []);
  return new HfLambdaLR(optimizer, "getConstantSchedule", saved(o), () => 1, o.lastEpoch);
}

/** Options of {@linkcode getConstantScheduleWithWarmup}. */
export interface ConstantScheduleWithWarmupOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * A constant lr after a linear warmup from 0: transformers'
 * `get_constant_schedule_with_warmup`.
 *
 * lambda(step) = step / max(1, numWarmupSteps) while step < numWarmupSteps, then 1
 *
 * @example
 * ```ts
 * import { getConstantScheduleWithWarmup } from "./mod.ts";
 * const s = getConstantScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, { numWarmupSteps: 4 });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 5; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * if (lrs.join() !== "0,0.25,0.5,0.75,1,1") throw new Error(lrs.join());
 * ```
 */
export function getConstantScheduleWithWarmup(
  optimizer: OptimizerLike,
  options: ConstantScheduleWithWarmupOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const o = hfOptions<ConstantScheduleWithWarmupOptions>(
    "getConstantScheduleWithWarmup",
    options,
    ["numWarmupSteps"],
  );
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return step / Math.max(1.0, numWarmupSteps);
    return 1.0;
  };
  return new HfLambdaLR(optimizer, "getConstantScheduleWithWarmup", saved(o), lambda, o.lastEpoch);
}
