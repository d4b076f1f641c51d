/**
 * Inverse square root decay after a linear warmup.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode inverseSqrtSchedule}. */
export interface InverseSqrtScheduleOptions {
  /** The value `P` reached at the end of the warmup. */
  peakValue: number;
  /** The length `W >= 0` of the linear warmup from 0 (default 0). */
  warmupSteps?: number;
  /** The time scale `tau > 0` of the decay (default `warmupSteps`, or 10000 when that is 0). */
  timescale?: number;
}

/**
 * Inverse square root decay (Hugging Face `transformers.get_inverse_sqrt_schedule`,
 * src/transformers/optimization.py, itself from big_vision):
 *
 * ```
 * lr(t) = P * (t / max(1, W))                          if t < W
 *       = P * (1 / sqrt((t + tau - W) / tau))          if t >= W
 * ```
 *
 * - `P` (`peakValue`, the optimizer's lr in Hugging Face); `t`: the step;
 * - `W` (`warmupSteps`); `tau` (`timescale`, default `W || 10000`).
 *
 * The value rises linearly from 0 to `P` at `t = W`, then falls like `1 / sqrt(t)`: it
 * halves when `t - W` reaches `3 tau`.
 *
 * @throws {RangeError} `timescale must be positive, got timescale=0`; also for a negative
 * `warmupSteps` or a non-finite `peakValue`.
 *
 * @example Warm up over 100 steps, then halve by step 400
 * ```ts
 * import { inverseSqrtSchedule } from "./inverse_sqrt.ts";
 * const lr = inverseSqrtSchedule({ peakValue: 0.1, warmupSteps: 100 });
 * if (lr(50) !== 0.05 || lr(100) !== 0.1 || lr(400) !== 0.05) throw new Error("unexpected");
 * ```
 */
export function inverseSqrtSchedule(options: InverseSqrtScheduleOptions): Schedule {
  check.options("inverseSqrtSchedule", options, ["peakValue", "warmupSteps", "timescale"]);
  const { peakValue, warmupSteps = 0 } = options;
  check.finite("peakValue", peakValue);
  check.nonNegative("warmupSteps", warmupSteps);
  const timescale = options.timescale ?? (warmupSteps || 10_000);
  check.positive("timescale", timescale);
  const shift = timescale - warmupSteps;
  const schedule: Schedule = (step) => {
    const t = checkStep(step);
    if (t < warmupSteps) return peakValue * (t / Math.max(1, warmupSteps));
    return peakValue * (1 / Math.sqrt((t + shift) / timescale));
  };
  return described(schedule, { type: "inverseSqrtSchedule", peakValue, warmupSteps, timescale });
}
