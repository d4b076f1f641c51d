/**
 * optax's `warmup_exponential_decay_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { exponentialDecay } from "./exponential_decay.ts";
import { joinSchedules } from "./join_schedules.ts";
import { linearSchedule } from "./linear_schedule.ts";

/** Options of {@linkcode warmupExponentialDecaySchedule} (optax's kwargs in camelCase). */
export interface WarmupExponentialDecayScheduleOptions {
  /** The value `I` at step 0. */
  initValue: number;
  /** The value `P` at the end of the warmup, where the decay starts. */
  peakValue: number;
  /** The length `W` of the linear warmup. */
  warmupSteps: number;
  /** The steps over which the value is multiplied by `decayRate` once. */
  transitionSteps: number;
  /** The factor per `transitionSteps` steps. */
  decayRate: number;
  /** Steps after the warmup the value is held at `P` (default 0). */
  transitionBegin?: number;
  /** Decay at discrete intervals (default false). */
  staircase?: boolean;
  /** The bound the decay stops at (default none; `null` also means none). */
  endValue?: number | null;
}

/**
 * Linear warmup, then exponential decay (`optax.warmup_exponential_decay_schedule`,
 * optax/schedules/_schedule.py): optax's {@linkcode joinSchedules} at `W` of a
 * {@linkcode linearSchedule} from `I` to `P` and an {@linkcode exponentialDecay} starting at
 * `P` (with all its options, and its fallbacks to a constant).
 *
 * ```
 * lr(t) = (I - P) * (1 - t / W) + P                  if t < W
 *       = exponentialDecay({ initValue: P, ... })(t - W)   if t >= W
 * ```
 *
 * @throws {RangeError} `decayRate must be finite, got decayRate=NaN` and the like.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example Warm up to 0.1 over 10 steps, then halve every 10 steps
 * ```ts
 * import { warmupExponentialDecaySchedule } from "./warmup_exponential_decay_schedule.ts";
 * const lr = warmupExponentialDecaySchedule({
 *   initValue: 0, peakValue: 0.1, warmupSteps: 10, transitionSteps: 10, decayRate: 0.5,
 * });
 * if (lr(5) !== 0.05 || lr(10) !== 0.1 || lr(20) !== 0.05 || lr(30) !== 0.025) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function warmupExponentialDecaySchedule(
  options: WarmupExponentialDecayScheduleOptions,
): Schedule {
  check.options("warmupExponentialDecaySchedule", options, [
    "initValue",
    "peakValue",
    "warmupSteps",
    "transitionSteps",
    "decayRate",
    "transitionBegin",
    "staircase",
    "endValue",
  ], { nullable: ["endValue"] });
  const { initValue, peakValue, warmupSteps, ...decay } = options;
  check.finite("initValue", initValue);
  check.finite("peakValue", peakValue);
  check.finite("warmupSteps", warmupSteps);
  const warmup = linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps });
  return described(
    joinSchedules({
      schedules: [warmup, exponentialDecay({ initValue: peakValue, ...decay })],
      boundaries: [warmupSteps],
    }),
    { type: "optax.warmupExponentialDecaySchedule", ...options },
  );
}
