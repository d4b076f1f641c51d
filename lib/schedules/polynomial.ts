/**
 * Polynomial transition from an initial to an end value.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode polynomialSchedule}. */
export interface PolynomialScheduleOptions {
  /** The value `I` held until `transitionBegin`. */
  initValue: number;
  /** The value `E` reached after `transitionBegin + transitionSteps` steps, and held. */
  endValue: number;
  /** The power `P > 0` of the polynomial (1 is linear). */
  power: number;
  /** The number of steps `T > 0` the transition takes. */
  transitionSteps: number;
  /** The steps `B >= 0` the value is held at `initValue` first (default 0). */
  transitionBegin?: number;
}

/**
 * Polynomial transition from `initValue` to `endValue` (`optax.polynomial_schedule`,
 * optax/schedules/_schedule.py):
 *
 * ```
 * lr(t) = (I - E) * (1 - clip(t - B, 0, T) / T) ** P + E
 * ```
 *
 * which is `I` (up to rounding) for `t <= B`, `E` exactly for `t >= B + T`.
 * - `I` (`initValue`), `E` (`endValue`), `P` (`power`);
 * - `T` (`transitionSteps`), `B` (`transitionBegin`), `t`: the step.
 *
 * With `E = 0`, `B = 0` it is PyTorch's `PolynomialLR` (`totalIters = T`) in closed form.
 * Unlike optax, which falls back to a constant schedule for a non-positive
 * `transitionSteps`, that throws here.
 *
 * @throws {RangeError} `transitionSteps must be positive, got transitionSteps=0`; also for a
 * non-positive `power`, a negative `transitionBegin` or a non-finite value.
 *
 * @example A quadratic decay from 1 to 0.01 over 100 steps (optax's docstring example)
 * ```ts
 * import { polynomialSchedule } from "./polynomial.ts";
 * const lr = polynomialSchedule({
 *   initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5,
 * });
 * if (lr(5) !== 1 || lr(6).toFixed(4) !== "0.9803" || lr(105) !== 0.01) {
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
  check.positive("power", power);
  check.positive("transitionSteps", transitionSteps);
  check.nonNegative("transitionBegin", transitionBegin);
  const schedule: Schedule = (step) => {
    const count = Math.min(Math.max(checkStep(step) - transitionBegin, 0), transitionSteps);
    const frac = 1 - count / transitionSteps;
    return (initValue - endValue) * frac ** power + endValue;
  };
  return described(schedule, {
    type: "polynomialSchedule",
    initValue,
    endValue,
    power,
    transitionSteps,
    transitionBegin,
  });
}
