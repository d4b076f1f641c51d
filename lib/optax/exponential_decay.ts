/**
 * optax's `exponential_decay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";

/** Options of {@linkcode exponentialDecay} (optax's kwargs in camelCase). */
export interface ExponentialDecayOptions {
  /** The initial value `I`, held until `transitionBegin`. */
  initValue: number;
  /** The steps `T` over which the value is multiplied by `decayRate` once (`<= 0`: constant). */
  transitionSteps: number;
  /** The factor `r` per `T` steps (`0`: constant `I`, as in optax). */
  decayRate: number;
  /** The steps `B` the value is held at `I` first (default 0; negative counts as 0). */
  transitionBegin?: number;
  /** Decay at discrete intervals, flooring the exponent (default false). */
  staircase?: boolean;
  /**
   * The bound the value stops at: a lower bound when `r < 1`, an upper bound otherwise
   * (default none; `null` also means none, as optax's `None`).
   */
  endValue?: number | null;
}

/**
 * Exponential decay (`optax.exponential_decay`, optax/schedules/_schedule.py), in optax's
 * order of operations:
 *
 * ```
 * d     = t - B
 * p     = d / T                           (floor(p) when staircase)
 * lr(t) = I                   if d <= 0
 *       = I * r ** p          otherwise
 * then max(lr, E) when r < 1, min(lr, E) when r >= 1, if E is given
 * ```
 *
 * - `I` (`initValue`), `T` (`transitionSteps`), `r` (`decayRate`), `B` (`transitionBegin`),
 *   `E` (`endValue`); `t`: the step.
 *
 * Like optax, a non-positive `T` or a zero `r` gives the constant schedule `I`, and a
 * negative `B` is taken as 0 (optax logs these; nothing is thrown). A negative `r` is
 * allowed as in optax (`r ** p` is NaN for a fractional `p`).
 *
 * @throws {RangeError} `decayRate must be finite, got decayRate=NaN` and the like.
 * @throws {TypeError} `staircase must be a boolean, got staircase=1`, and for options that are
 * not an object or hold an unknown key.
 *
 * @example Halve every 10 steps, never below 0.01
 * ```ts
 * import { exponentialDecay } from "./exponential_decay.ts";
 * const lr = exponentialDecay({
 *   initValue: 0.1, transitionSteps: 10, decayRate: 0.5, endValue: 0.01,
 * });
 * if (lr(0) !== 0.1 || lr(10) !== 0.05 || lr(20) !== 0.025 || lr(100) !== 0.01) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  check.options("exponentialDecay", options, [
    "initValue",
    "transitionSteps",
    "decayRate",
    "transitionBegin",
    "staircase",
    "endValue",
  ], { nullable: ["endValue"] });
  const { initValue, transitionSteps, decayRate, transitionBegin = 0 } = options;
  const { staircase = false, endValue = null } = options;
  check.finite("initValue", initValue);
  check.finite("transitionSteps", transitionSteps);
  check.nonNegative("decayRate", decayRate);
  check.finite("transitionBegin", transitionBegin);
  check.boolean("staircase", staircase);
  if (endValue !== null) check.finite("endValue", endValue);
  if (transitionSteps <= 0 || decayRate === 0) {
    return described((step) => {
      checkStep(step);
      return initValue;
    }, { type: "optax.exponentialDecay", ...options });
  }
  const begin = Math.max(transitionBegin, 0);
  const clip = decayRate < 1 ? Math.max : Math.min;
  return described((step) => {
    const decreased = checkStep(step) - begin;
    let p = decreased / transitionSteps;
    if (staircase) p = Math.floor(p);
    const decayed = decreased <= 0 ? initValue : initValue * decayRate ** p;
    return endValue === null ? decayed : clip(decayed, endValue);
  }, { type: "optax.exponentialDecay", ...options });
}
