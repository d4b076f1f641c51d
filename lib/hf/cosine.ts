/**
 * transformers' `get_cosine_schedule_with_warmup` and
 * `get_cosine_with_hard_restarts_schedule_with_warmup`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR } from "./hf_lambda_lr.ts";
import { hfOptions, saved, steps, warmupFactor } from "./_shared.ts";

/** Options of {@linkcode getCosineScheduleWithWarmup}. */
export interface CosineScheduleWithWarmupOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The total number of training steps; a non-negative integer. */
  numTrainingSteps: number;
  /** The number of cosine waves; default 0.5, one half-cosine from the initial lr to 0. */
  numCycles?: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Linear warmup, then a cosine from the initial lr to 0: transformers'
 * `get_cosine_schedule_with_warmup`.
 *
 * progress = (step − W) / max(1, T − W);
 * lambda(step) = max(0, 0.5 · (1 + cos(π · numCycles · 2 · progress))) after warmup
 *
 * @example
 * ```ts
 * import { getCosineScheduleWithWarmup } from "./mod.ts";
 * const s = getCosineScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 1,
 *   numTrainingSteps: 3,
 * });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 3; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * // 0, 1, then half-way down the half-cosine, then 0
 * if (lrs[1] !== 1 || Math.abs(lrs[2]! - 0.5) > 1e-15 || lrs[3] !== 0) throw new Error(lrs.join());
 * ```
 */
export function getCosineScheduleWithWarmup(
  optimizer: OptimizerLike,
  options: CosineScheduleWithWarmupOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const o = hfOptions<CosineScheduleWithWarmupOptions>("getCosineScheduleWithWarmup", options, [
    "numWarmupSteps",
    "numTrainingSteps",
    "numCycles",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numTrainingSteps = steps("numTrainingSteps", o.numTrainingSteps);
  const numCycles = check.finite("numCycles", o.numCycles ?? 0.5);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return warmupFactor(step, numWarmupSteps);
    const progress = (step - numWarmupSteps) / Math.max(1, numTrainingSteps - numWarmupSteps);
    return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * numCycles * 2.0 * progress)));
  };
  return new HfLambdaLR(optimizer, "getCosineScheduleWithWarmup", saved(o), lambda, o.lastEpoch);
}

/** Options of {@linkcode getCosineWithHardRestartsScheduleWithWarmup}. */
export interface CosineWithHardRestartsScheduleWithWarmupOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The total number of training steps; a non-negative integer. */
  numTrainingSteps: number;
  /** The number of hard restarts (cosine cycles); default 1. */
  numCycles?: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Linear warmup, then `numCycles` half-cosines from the initial lr to 0, each restarting at
 * the initial lr; 0 from `numTrainingSteps` on: transformers'
 * `get_cosine_with_hard_restarts_schedule_with_warmup`.
 *
 * progress = (step − W) / max(1, T − W); 0 when progress ≥ 1, else
 * lambda(step) = max(0, 0.5 · (1 + cos(π · ((numCycles · progress) mod 1))))
 *
 * @example
 * ```ts
 * import { getCosineWithHardRestartsScheduleWithWarmup } from "./mod.ts";
 * const s = getCosineWithHardRestartsScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 0,
 *   numTrainingSteps: 4,
 *   numCycles: 2,
 * });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 4; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * // 1, 0.5, 1 (restart), 0.5, 0
 * if (lrs[2] !== 1 || Math.abs(lrs[3]! - 0.5) > 1e-15 || lrs[4] !== 0) throw new Error(lrs.join());
 * ```
 */
export function getCosineWithHardRestartsScheduleWithWarmup(
  optimizer: OptimizerLike,
  options: CosineWithHardRestartsScheduleWithWarmupOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const name = "getCosineWithHardRestartsScheduleWithWarmup";
  const o = hfOptions<CosineWithHardRestartsScheduleWithWarmupOptions>(name, options, [
    "numWarmupSteps",
    "numTrainingSteps",
    "numCycles",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numTrainingSteps = steps("numTrainingSteps", o.numTrainingSteps);
  const numCycles = check.finite("numCycles", o.numCycles ?? 1);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return warmupFactor(step, numWarmupSteps);
    const progress = (step - numWarmupSteps) / Math.max(1, numTrainingSteps - numWarmupSteps);
    if (progress >= 1.0) return 0.0;
    return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * (pyMod(numCycles * progress, 1.0)))));
  };
  return new HfLambdaLR(optimizer, name, saved(o), lambda, o.lastEpoch);
}

/** Python's float `a % b` (the sign of `b`), which differs from JavaScript's `%` for a < 0. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}
