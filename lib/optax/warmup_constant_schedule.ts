/**
 * optax's `warmup_constant_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { linearSchedule } from "./linear_schedule.ts";

/** Options of {@linkcode warmupConstantSchedule} (optax's kwargs in camelCase). */
export interface WarmupConstantScheduleOptions {
  /** The value `I` at step 0. */
  initValue: number;
  /** The value `P` reached at the end of the warmup and held after it. */
  peakValue: number;
  /** The length `W` of the linear warmup (`W <= 0`: the constant `I`, as in optax). */
  warmupSteps: number;
}

/**
 * Linear warmup, then constant (`optax.warmup_constant_schedule`,
 * optax/schedules/_schedule.py): optax's {@linkcode linearSchedule} from `I` to `P` over `W`
 * steps, `lr(t) = (I - P) * (1 - min(t, W) / W) + P`.
 *
 * @throws {RangeError} `peakValue must be finite, got peakValue=NaN` and the like.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example From 0 to 0.1 over 10 steps
 * ```ts
 * import { warmupConstantSchedule } from "./warmup_constant_schedule.ts";
 * const lr = warmupConstantSchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10 });
 * if (lr(0) !== 0 || lr(5) !== 0.05 || lr(10) !== 0.1 || lr(500) !== 0.1) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function warmupConstantSchedule(options: WarmupConstantScheduleOptions): Schedule {
  check.options("warmupConstantSchedule", options, ["initValue", "peakValue", "warmupSteps"]);
  const { initValue, peakValue, warmupSteps } = options;
  check.finite("initValue", initValue);
  check.finite("peakValue", peakValue);
  check.finite("warmupSteps", warmupSteps);
  return described(
    linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }),
    { type: "optax.warmupConstantSchedule", ...options },
  );
}
