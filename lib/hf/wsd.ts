/**
 * transformers' `get_wsd_schedule`: warmup, stable, decay.
 *
 * @module
 */

import * as check from "../_check.ts";
import { warn } from "../schedulers/_warn.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR } from "./hf_lambda_lr.ts";
import { hfOptions, saved, steps } from "./_shared.ts";

/** The warmup and decay shapes transformers' WSD schedule knows. */
export const WSD_TYPES = ["linear", "cosine", "1-sqrt"] as const;

/** A WSD warmup or decay shape: `"linear"`, `"cosine"` or `"1-sqrt"`. */
export type WsdType = typeof WSD_TYPES[number];

/** Options of {@linkcode getWsdSchedule}. */
export interface WsdScheduleOptions {
  /** Steps of warmup from `minLrRatio` to 1 times the initial lr; a non-negative integer. */
  numWarmupSteps: number;
  /** Steps of decay from the initial lr to `minLrRatio` times it; a non-negative integer. */
  numDecaySteps: number;
  /** The total steps; the stable phase is what warmup and decay leave. Set this or the next. */
  numTrainingSteps?: number;
  /** Steps of the stable phase; wins over `numTrainingSteps` when both are set (with a warning). */
  numStableSteps?: number;
  /** The warmup's shape; default `"linear"`. */
  warmupType?: WsdType;
  /** The decay's shape; default `"cosine"`. */
  decayType?: WsdType;
  /** The lowest factor, where warmup starts and decay ends; default 0. */
  minLrRatio?: number;
  /** The number of cosine waves in a `"cosine"` decay; default 0.5. */
  numCycles?: number;
  /** The index of the last epoch when resuming; -1 (default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Warmup, stable, decay: transformers' `get_wsd_schedule`, with every warmup and decay type
 * it has (`"linear"`, `"cosine"`, `"1-sqrt"`). W warmup, S stable, D decay steps; m =
 * `minLrRatio`:
 *
 * - warmup (step < W): p = step / max(1, W); f = p, 0.5 · (1 − cos(π p)) or 1 − √(1 − p);
 *   lambda = max(0, f · (1 − m) + m)
 * - stable (step < W + S): 1
 * - decay (step < W + S + D): p = (step − W − S) / max(1, D); f = 1 − p,
 *   0.5 · (1 + cos(π · numCycles · 2 · p)) or 1 − √p; lambda = max(0, f · (1 − m) + m)
 * - after: m
 *
 * S is `numStableSteps`, else `numTrainingSteps − W − D` (not checked for sign, as in
 * transformers).
 *
 * @example
 * ```ts
 * import { getWsdSchedule } from "./mod.ts";
 * const s = getWsdSchedule({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 2,
 *   numDecaySteps: 2,
 *   numTrainingSteps: 6,
 *   decayType: "linear",
 * });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 7; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * if (lrs.join() !== "0,0.5,1,1,1,0.5,0,0") throw new Error(lrs.join());
 * ```
 */
export function getWsdSchedule(optimizer: OptimizerLike, options: WsdScheduleOptions): HfLambdaLR {
  checkOptimizer(optimizer);
  const o = hfOptions<WsdScheduleOptions>("getWsdSchedule", options, [
    "numWarmupSteps",
    "numDecaySteps",
    "numTrainingSteps",
    "numStableSteps",
    "warmupType",
    "decayType",
    "minLrRatio",
    "numCycles",
  ]);
  const numWarmupSteps = steps("numWarmupSteps", o.numWarmupSteps);
  const numDecaySteps = steps("numDecaySteps", o.numDecaySteps);
  if (o.numTrainingSteps === undefined && o.numStableSteps === undefined) {
    throw new TypeError(
      "Either numTrainingSteps or numStableSteps must be specified, got neither",
    );
  }
  const numTrainingSteps = o.numTrainingSteps === undefined
    ? undefined
    : steps("numTrainingSteps", o.numTrainingSteps);
  const stable = o.numStableSteps === undefined
    ? undefined
    : steps("numStableSteps", o.numStableSteps);
  const warmupType = wsdType("warmupType", o.warmupType ?? "linear");
  const decayType = wsdType("decayType", o.decayType ?? "cosine");
  const minLrRatio = check.nonNegative("minLrRatio", o.minLrRatio ?? 0);
  const numCycles = check.finite("numCycles", o.numCycles ?? 0.5);
  if (numTrainingSteps !== undefined && stable !== undefined) {
    warn(
      "Both numTrainingSteps and numStableSteps are specified. numStableSteps will be used.",
    );
  }
  const numStableSteps = stable ?? (numTrainingSteps as number) - numWarmupSteps - numDecaySteps;
  const lambda = (step: number): number => {
    if (step < numWarmupSteps) {
      const progress = step / Math.max(1, numWarmupSteps);
      let factor = warmupType === "linear"
        ? progress
        : warmupType === "cosine"
        ? 0.5 * (1.0 - Math.cos(Math.PI * progress))
        : 1.0 - Math.sqrt(1.0 - progress);
      factor = factor * (1.0 - minLrRatio) + minLrRatio;
      return Math.max(0.0, factor);
    }
    if (step < numWarmupSteps + numStableSteps) return 1.0;
    if (step < numWarmupSteps + numStableSteps + numDecaySteps) {
      const progress = (step - numWarmupSteps - numStableSteps) / Math.max(1, numDecaySteps);
      let factor = decayType === "linear"
        ? 1.0 - progress
        : decayType === "cosine"
        ? 0.5 * (1.0 + Math.cos(Math.PI * numCycles * 2.0 * progress))
        : 1.0 - Math.sqrt(progress);
      factor = factor * (1.0 - minLrRatio) + minLrRatio;
      return Math.max(0.0, factor);
    }
    return minLrRatio;
  };
  return new HfLambdaLR(optimizer, "getWsdSchedule", saved(o), lambda, o.lastEpoch);
}

/** transformers' check and message: `Unknown warmup type: ..., expected ...`. */
function wsdType(name: "warmupType" | "decayType", value: unknown): WsdType {
  if (!WSD_TYPES.includes(value as WsdType)) {
    const what = name === "warmupType" ? "warmup" : "decay";
    throw new RangeError(
      `Unknown ${what} type: ${check.show(value)}, expected 'linear', 'cosine' or '1-sqrt', ` +
        `got ${name}=${check.show(value)}`,
    );
  }
  return value as WsdType;
}
