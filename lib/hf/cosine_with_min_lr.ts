/**
 * transformers' `get_cosine_with_min_lr_schedule_with_warmup` and
 * `get_cosine_with_min_lr_schedule_with_warmup_lr_rate`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR, type HfOptimizerLike } from "./hf_lambda_lr.ts";
import { defaultLr, hfOptions, saved, steps, warmupFactor } from "./_shared.ts";

/** Options of {@linkcode getCosineWithMinLrScheduleWithWarmup}. */
export interface CosineWithMinLrScheduleWithWarmupOptions {
  /** Steps of linear warmup from 0 to the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** The total number of training steps; a non-negative integer. */
  numTrainingSteps: number;
  /** The number of cosine waves; default 0.5. */
  numCycles?: number;
  /** The lr to end at, divided by the default lr to give `minLrRate`. Set this or `minLrRate`. */
  minLr?: number;
  /** The end lr as a fraction (0 or more) of the initial lr. Set this or `minLr`. */
  minLrRate?: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/** transformers' check: exactly one of `minLr` and `minLrRate`; returns the rate. */
function minLrRateOf(optimizer: HfOptimizerLike, minLr: unknown, minLrRate: unknown): number {
  if (minLr !== undefined && minLrRate !== undefined) {
    throw new TypeError(
      `Only one of minLr or minLrRate should be set, got minLr=${check.show(minLr)} and ` +
        `minLrRate=${check.show(minLrRate)}`,
    );
  }
  if (minLr !== undefined) return check.nonNegative("minLr", minLr) / defaultLr(optimizer);
  if (minLrRate === undefined) {
    throw new TypeError("One of minLr or minLrRate should be set, got neither");
  }
  return check.nonNegative("minLrRate", minLrRate);
}

/**
 * Linear warmup, then a cosine from the initial lr down to `minLrRate` times it:
 * transformers' `get_cosine_with_min_lr_schedule_with_warmup`. With `minLr`, the rate is
 * `minLr / optimizer.defaults.lr` (or the first group's lr when the optimizer has no
 * `defaults`), as transformers divides by `optimizer.defaults["lr"]`.
 *
 * progress = (step − W) / max(1, T − W); f = 0.5 · (1 + cos(π · numCycles · 2 · progress));
 * lambda(step) = max(0, f · (1 − minLrRate) + minLrRate) after warmup
 *
 * @example
 * ```ts
 * import { getCosineWithMinLrScheduleWithWarmup } from "./mod.ts";
 * const s = getCosineWithMinLrScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 0,
 *   numTrainingSteps: 10,
 *   minLrRate: 0.25,
 * });
 * for (let i = 0; i < 10; i++) s.step();
 * if (s.getLastLr()[0] !== 0.25) throw new Error(String(s.getLastLr()));
 * ```
 */
export function getCosineWithMinLrScheduleWithWarmup(
  optimizer: HfOptimizerLike,
  options: CosineWithMinLrScheduleWithWarmupOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const name = "getCosineWithMinLrScheduleWithWarmup";
  const o = hfOptions<CosineWithMinLrScheduleWithWarmupOptions>(name, options, [
    "numWarmupSteps",
    "numTrainingSteps",
    "numCycles",
    "minLr",
    "minLrRate",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numTrainingSteps = steps("numTrainingSteps", o.numTrainingSteps);
  const numCycles = check.finite("numCycles", o.numCycles ?? 0.5);
  const minLrRate = minLrRateOf(optimizer, o.minLr, o.minLrRate);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) return warmupFactor(step, numWarmupSteps);
    const progress = (step - numWarmupSteps) / Math.max(1, numTrainingSteps - numWarmupSteps);
    let factor = 0.5 * (1.0 + Math.cos(Math.PI * numCycles * 2.0 * progress));
    factor = factor * (1 - minLrRate) + minLrRate;
    return Math.max(0, factor);
  };
  return new HfLambdaLR(optimizer, name, saved(o), lambda, o.lastEpoch);
}

/** Options of {@linkcode getCosineWithMinLrScheduleWithWarmupLrRate}. */
export interface CosineWithMinLrScheduleWithWarmupLrRateOptions
  extends CosineWithMinLrScheduleWithWarmupOptions {
  /** The first warmup factor; default none: warmup then runs (step + 1) / W. */
  warmupLrRate?: number;
}

/**
 * transformers' `get_cosine_with_min_lr_schedule_with_warmup_lr_rate` (`SchedulerType`
 * `"cosine_warmup_with_min_lr"`): as {@linkcode getCosineWithMinLrScheduleWithWarmup}, but
 * the warmup starts above 0 and the cosine is shifted one step earlier.
 *
 * warmup: (step + 1) / max(1, W), or with `warmupLrRate` r:
 * r + (1 − r) · step / max(1, W − 1); then progress = (step − W + 1) / max(1, T − W) and the
 * same cosine to `minLrRate`
 *
 * @example
 * ```ts
 * import { getCosineWithMinLrScheduleWithWarmupLrRate } from "./mod.ts";
 * const s = getCosineWithMinLrScheduleWithWarmupLrRate({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 4,
 *   numTrainingSteps: 10,
 *   minLrRate: 0.1,
 * });
 * if (s.getLastLr()[0] !== 0.25) throw new Error(String(s.getLastLr())); // (0 + 1) / 4
 * ```
 */
export function getCosineWithMinLrScheduleWithWarmupLrRate(
  optimizer: HfOptimizerLike,
  options: CosineWithMinLrScheduleWithWarmupLrRateOptions,
): HfLambdaLR {
  checkOptimizer(optimizer);
  const name = "getCosineWithMinLrScheduleWithWarmupLrRate";
  const o = hfOptions<CosineWithMinLrScheduleWithWarmupLrRateOptions>(name, options, [
    "numWarmupSteps",
    "numTrainingSteps",
    "numCycles",
    "minLr",
    "minLrRate",
    "warmupLrRate",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numTrainingSteps = steps("numTrainingSteps", o.numTrainingSteps);
  const numCycles = check.finite("numCycles", o.numCycles ?? 0.5);
  const warmupLrRate = o.warmupLrRate === undefined
    ? undefined
    : check.finite("warmupLrRate", o.warmupLrRate);
  const minLrRate = minLrRateOf(optimizer, o.minLr, o.minLrRate);
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) {
      if (warmupLrRate === undefined) return (step + 1) / Math.max(1, numWarmupSteps);
      return warmupLrRate + (1.0 - warmupLrRate) * step / Math.max(1, numWarmupSteps - 1);
    }
    const progress = (step - numWarmupSteps + 1) / Math.max(1, numTrainingSteps - numWarmupSteps);
    let factor = 0.5 * (1.0 + Math.cos(Math.PI * numCycles * 2.0 * progress));
    factor = factor * (1 - minLrRate) + minLrRate;
    return Math.max(0, factor);
  };
  return new HfLambdaLR(optimizer, name, saved(o), lambda, o.lastEpoch);
}
