/**
 * optax's `warmup_cosine_decay_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { cosineDecaySchedule } from "./cosine_decay_schedule.ts";
import { joinSchedules } from "./join_schedules.ts";
import { linearSchedule } from "./linear_schedule.ts";

/** Options of {@linkcode warmupCosineDecaySchedule} (optax's kwargs in camelCase). */
export interface WarmupCosineDecayScheduleOptions {
  /** The value `I` at step 0. */
  initValue: number;
  /** The value `P` at the end of the warmup, where the decay starts. */
  peakValue: number;
  /** The length `W` of the linear warmup. */
  warmupSteps: number;
  /** The total length `D > W` of the schedule, warmup included. */
  decaySteps: number;
  /** The value `E` at the end (default 0). */
  endValue?: number;
  /** The exponent `p` of the cosine factor (default 1). */
  exponent?: number;
}

/**
 * Linear warmup, then cosine decay (`optax.warmup_cosine_decay_schedule`,
 * optax/schedules/_schedule.py): optax's {@linkcode joinSchedules} at `W` of a
 * {@linkcode linearSchedule} from `I` to `P` and a {@linkcode cosineDecaySchedule} from `P`
 * over `D - W` steps with `alpha = E / P` (0 when `P = 0`):
 *
 * ```
 * lr(t) = (I - P) * (1 - t / W) + P                                    if t < W
 *       = P * ((1 - alpha) * (0.5 * (1 + cos(pi * s / (D - W)))) ** p + alpha)
 *         with s = min(t - W, D - W)                                    if t >= W
 * ```
 *
 * The top-level `warmupCosineDecaySchedule` computes the same formula (it was checked against
 * Hugging Face's cosine, which coincides with it up to rounding); this one is optax's, with
 * optax's handling of degenerate options.
 *
 * @throws {RangeError} `decaySteps must be greater than warmupSteps, got decaySteps=10,
 * warmupSteps=10` (optax: "requires positive decay_steps"); also for a non-finite value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example 10 warmup steps from 0 to 0.1, then down to 0 by step 100
 * ```ts
 * import { warmupCosineDecaySchedule } from "./warmup_cosine_decay_schedule.ts";
 * const lr = warmupCosineDecaySchedule({
 *   initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100,
 * });
 * if (lr(0) !== 0 || lr(5) !== 0.05 || lr(10) !== 0.1 || lr(100) !== 0) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function warmupCosineDecaySchedule(options: WarmupCosineDecayScheduleOptions): Schedule {
  check.options("warmupCosineDecaySchedule", options, [
    "initValue",
    "peakValue",
    "warmupSteps",
    "decaySteps",
    "endValue",
    "exponent",
  ]);
  const { initValue, peakValue, warmupSteps, decaySteps, endValue = 0, exponent = 1 } = options;
  check.finite("initValue", initValue);
  check.finite("peakValue", peakValue);
  check.finite("warmupSteps", warmupSteps);
  check.finite("decaySteps", decaySteps);
  check.finite("endValue", endValue);
  if (!(decaySteps - warmupSteps > 0)) {
    throw new RangeError(
      `decaySteps must be greater than warmupSteps, got decaySteps=${decaySteps}, ` +
        `warmupSteps=${warmupSteps}`,
    );
  }
  const alpha = peakValue === 0 ? 0 : endValue / peakValue;
  return described(
    joinSchedules({
      schedules: [
        linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps }),
        cosineDecaySchedule({
          initValue: peakValue,
          decaySteps: decaySteps - warmupSteps,
          alpha,
          exponent,
        }),
      ],
      boundaries: [warmupSteps],
    }),
    { type: "optax.warmupCosineDecaySchedule", ...options },
  );
}
