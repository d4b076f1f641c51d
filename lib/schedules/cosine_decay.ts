/**
 * Cosine decay, SGDR's single cycle.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode cosineDecaySchedule}. */
export interface CosineDecayScheduleOptions {
  /** The value `I` at step 0. */
  initValue: number;
  /** The number of steps `T > 0` the decay takes; the value is then held at `alpha * I`. */
  decaySteps: number;
  /** The floor as a fraction of `initValue` (default 0). */
  alpha?: number;
  /** The exponent `p > 0` applied to the cosine factor (default 1). */
  exponent?: number;
}

/**
 * Cosine decay (`optax.cosine_decay_schedule`, optax/schedules/_schedule.py; Loshchilov and
 * Hutter, SGDR, 2017):
 *
 * ```
 * c     = 0.5 * (1 + cos(pi * min(t, T) / T))
 * lr(t) = I * ((1 - alpha) * c ** p + alpha)
 * ```
 *
 * - `I` (`initValue`); `T` (`decaySteps`); `t`: the step;
 * - `alpha`: the final value as a fraction of `I`; `p` (`exponent`).
 *
 * It falls from `I` at `t = 0` to `alpha * I` at `t = T` and stays there. With
 * `alpha = etaMin / I` and `p = 1` it is PyTorch's `CosineAnnealingLR` (`tMax = T`) up to
 * rounding, for `t <= T` (PyTorch's curve rises again after `T`).
 *
 * @throws {RangeError} `decaySteps must be positive, got decaySteps=0` (optax: "requires
 * positive decay_steps"); also for a non-positive `exponent` or a non-finite value.
 *
 * @example From 0.1 to 0.001 over 100 steps
 * ```ts
 * import { cosineDecaySchedule } from "./cosine_decay.ts";
 * const lr = cosineDecaySchedule({ initValue: 0.1, decaySteps: 100, alpha: 0.01 });
 * if (lr(0) !== 0.1 || Math.abs(lr(50) - 0.0505) > 1e-15 || lr(100) !== 0.001) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function cosineDecaySchedule(options: CosineDecayScheduleOptions): Schedule {
  check.options("cosineDecaySchedule", options, ["initValue", "decaySteps", "alpha", "exponent"]);
  const { initValue, decaySteps, alpha = 0, exponent = 1 } = options;
  check.finite("initValue", initValue);
  check.positive("decaySteps", decaySteps);
  check.finite("alpha", alpha);
  check.positive("exponent", exponent);
  const schedule: Schedule = (step) => {
    const count = Math.min(checkStep(step), decaySteps);
    const cosine = 0.5 * (1 + Math.cos(Math.PI * count / decaySteps));
    return initValue * ((1 - alpha) * cosine ** exponent + alpha);
  };
  return described(schedule, {
    type: "cosineDecaySchedule",
    initValue,
    decaySteps,
    alpha,
    exponent,
  });
}
