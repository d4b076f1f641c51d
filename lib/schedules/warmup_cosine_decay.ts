/**
 * Linear warmup followed by cosine decay.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { cosineDecaySchedule } from "./cosine_decay.ts";
import { joinSchedules } from "./join.ts";
import { linearSchedule } from "./linear.ts";
import { described } from "./_described.ts";

/** Options of {@linkcode warmupCosineDecaySchedule}. */
export interface WarmupCosineDecayScheduleOptions {
  /** The value `I` at step 0, where the warmup starts. */
  initValue: number;
  /** The value `P` reached at the end of the warmup, where the decay starts. */
  peakValue: number;
  /** The length `W >= 0` of the linear warmup, in steps. */
  warmupSteps: number;
  /** The total length `D > W` of the schedule, warmup included. */
  decaySteps: number;
  /** The value `E` at the end, and held after it (default 0). */
  endValue?: number;
  /** The exponent `p > 0` applied to the cosine factor (default 1). */
  exponent?: number;
}

/**
 * Linear warmup from `initValue` to `peakValue`, then cosine decay to `endValue`
 * (`optax.warmup_cosine_decay_schedule`, optax/schedules/_schedule.py): a
 * {@linkcode joinSchedules} of a {@linkcode linearSchedule} and a
 * {@linkcode cosineDecaySchedule} at `W`, so
 *
 * ```
 * lr(t) = (I - P) * (1 - t / W) + P                                   if t < W
 *       = P * ((1 - alpha) * (0.5 * (1 + cos(pi * s / (D - W)))) ** p + alpha)
 *         with s = min(t - W, D - W), alpha = E / P (0 when P = 0)     if t >= W
 * ```
 *
 * - `I` (`initValue`), `P` (`peakValue`), `E` (`endValue`), `p` (`exponent`);
 * - `W` (`warmupSteps`), `D` (`decaySteps`, which counts the warmup, as in optax).
 *
 * The value is `P` at `t = W` and `E` (up to rounding of `P * (E / P)`) from `t = D` on.
 *
 * @throws {RangeError} `decaySteps must be greater than warmupSteps, got decaySteps=10,
 * warmupSteps=10` (optax: "requires positive decay_steps"); also for a negative
 * `warmupSteps`, a non-positive `exponent` or a non-finite value.
 *
 * @example 10 warmup steps from 0 to 0.1, then down to 0.001 by step 100
 * ```ts
 * import { warmupCosineDecaySchedule } from "./warmup_cosine_decay.ts";
 * const lr = warmupCosineDecaySchedule({
 *   initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 100, endValue: 0.001,
 * });
 * if (lr(0) !== 0 || lr(5) !== 0.05 || lr(10) !== 0.1) throw new Error("warmup");
 * if (Math.abs(lr(100) - 0.001) > 1e-18) throw new Error("end");
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
  check.nonNegative("warmupSteps", warmupSteps);
  check.finite("decaySteps", decaySteps);
  if (!(decaySteps > warmupSteps)) {
    throw new RangeError(
      `decaySteps must be greater than warmupSteps, got decaySteps=${decaySteps}, ` +
        `warmupSteps=${warmupSteps}`,
    );
  }
  check.finite("endValue", endValue);
  const alpha = peakValue === 0 ? 0 : endValue / peakValue;
  const decay = cosineDecaySchedule({
    initValue: peakValue,
    decaySteps: decaySteps - warmupSteps,
    alpha,
    exponent,
  });
  const spec = {
    type: "warmupCosineDecaySchedule",
    initValue,
    peakValue,
    warmupSteps,
    decaySteps,
    endValue,
    exponent,
  };
  if (warmupSteps === 0) {
    return described(joinSchedules({ schedules: [decay], boundaries: [] }), spec);
  }
  const warmup = linearSchedule({ initValue, endValue: peakValue, transitionSteps: warmupSteps });
  return described(joinSchedules({ schedules: [warmup, decay], boundaries: [warmupSteps] }), spec);
}
