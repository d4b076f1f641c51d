/**
 * optax's `cosine_decay_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";

/** Options of {@linkcode cosineDecaySchedule} (optax's kwargs in camelCase). */
export interface CosineDecayScheduleOptions {
  /** The value `I` at step 0. */
  initValue: number;
  /** The length `T > 0` of the decay. */
  decaySteps: number;
  /** The floor of the multiplier: the value ends at `alpha * I` (default 0). */
  alpha?: number;
  /** The exponent `p` applied to the cosine factor (default 1). */
  exponent?: number;
}

/**
 * Cosine decay (`optax.cosine_decay_schedule`, optax/schedules/_schedule.py), in optax's
 * order of operations:
 *
 * ```
 * c     = min(t, T)
 * k     = 0.5 * (1 + cos(pi * c / T))
 * lr(t) = I * ((1 - alpha) * k ** p + alpha)
 * ```
 *
 * - `I` (`initValue`), `T` (`decaySteps`), `alpha`, `p` (`exponent`); `t`: the step.
 *
 * @throws {RangeError} `cosineDecaySchedule requires positive decaySteps, got decaySteps=0`
 * (optax's message); also for a non-finite value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example From 0.1 to 0.01 over 50 steps
 * ```ts
 * import { cosineDecaySchedule } from "./cosine_decay_schedule.ts";
 * const lr = cosineDecaySchedule({ initValue: 0.1, decaySteps: 50, alpha: 0.1 });
 * if (lr(0) !== 0.1 || Math.abs(lr(50) - 0.01) > 1e-17 || lr(60) !== lr(50)) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function cosineDecaySchedule(options: CosineDecayScheduleOptions): Schedule {
  check.options("cosineDecaySchedule", options, ["initValue", "decaySteps", "alpha", "exponent"]);
  const { initValue, decaySteps, alpha = 0, exponent = 1 } = options;
  check.finite("initValue", initValue);
  check.finite("decaySteps", decaySteps);
  if (!(decaySteps > 0)) {
    throw new RangeError(
      `cosineDecaySchedule requires positive decaySteps, got decaySteps=${decaySteps}`,
    );
  }
  check.finite("alpha", alpha);
  check.nonNegative("exponent", exponent);
  return described((step) => {
    const count = Math.min(checkStep(step), decaySteps);
    const cosineDecay = 0.5 * (1 + Math.cos(Math.PI * count / decaySteps));
    const decayed = (1 - alpha) * cosineDecay ** exponent + alpha;
    return initValue * decayed;
  }, { type: "optax.cosineDecaySchedule", ...options });
}
