/**
 * optax's `polynomial_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";

/** Options of {@linkcode polynomialSchedule} (optax's kwargs in camelCase). */
export interface PolynomialScheduleOptions {
  /** The value `I` before and at the start of the transition. */
  initValue: number;
  /** The value `E` at the end of the transition, and held after it. */
  endValue: number;
  /** The power `P` of the polynomial. */
  power: number;
  /** The length `T` of the transition; `T <= 0` gives the constant `I`, as in optax. */
  transitionSteps: number;
  /** The steps `B` the value is held at `I` first (default 0; a negative `B` counts as 0). */
  transitionBegin?: number;
}

/**
 * Polynomial transition from `initValue` to `endValue` (`optax.polynomial_schedule`,
 * optax/schedules/_schedule.py), in optax's order of operations:
 *
 * ```
 * c     = clip(t - B, 0, T)
 * lr(t) = (I - E) * (1 - c / T) ** P + E
 * ```
 *
 * - `I` (`initValue`), `E` (`endValue`), `P` (`power`), `T` (`transitionSteps`),
 *   `B` (`transitionBegin`); `t`: the step.
 *
 * Like optax, a non-positive `T` gives the constant schedule `I` and a negative `B` is
 * taken as 0 (optax logs these; nothing is thrown).
 *
 * @throws {RangeError} `power must be finite, got power=NaN` and the like for every value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example optax's docstring example: quadratic, from 1 to 0.01 over 100 steps after 5
 * ```ts
 * import { polynomialSchedule } from "./polynomial_schedule.ts";
 * const lr = polynomialSchedule({
 *   initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5,
 * });
 * if (lr(5) !== 1 || lr(6).toFixed(4) !== "0.9803" || lr(110) !== 0.01) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function polynomialSchedule(options: PolynomialScheduleOptions): Schedule {
  check.options("polynomialSchedule", options, [
    "initValue",
    "endValue",
    "power",
    "transitionSteps",
    "transitionBegin",
  ]);
  const { initValue, endValue, power, transitionSteps, transitionBegin = 0 } = options;
  check.finite("initValue", initValue);
  check.finite("endValue", endValue);
  check.nonNegative("power", power);
  check.finite("transitionSteps", transitionSteps);
  check.finite("transitionBegin", transitionBegin);
  if (transitionSteps <= 0) {
    return described((step) => {
      checkStep(step);
      return initValue;
    }, { type: "optax.polynomialSchedule", ...options });
  }
  const begin = Math.max(transitionBegin, 0);
  return described((step) => {
    const count = Math.min(Math.max(checkStep(step) - begin, 0), transitionSteps);
    const frac = 1 - count / transitionSteps;
    return (initValue - endValue) * frac ** power + endValue;
  }, { type: "optax.polynomialSchedule", ...options });
}
