/**
 * Linear transition from an initial to an end value.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { polynomialSchedule } from "./polynomial.ts";
import { described } from "./_described.ts";

/** Options of {@linkcode linearSchedule}. */
export interface LinearScheduleOptions {
  /** The value `I` held until `transitionBegin`. */
  initValue: number;
  /** The value `E` reached after `transitionBegin + transitionSteps` steps, and held. */
  endValue: number;
  /** The number of steps `T > 0` the transition takes. */
  transitionSteps: number;
  /** The steps `B >= 0` the value is held at `initValue` first (default 0). */
  transitionBegin?: number;
}

/**
 * Linear transition from `initValue` to `endValue` (`optax.linear_schedule`): the
 * {@linkcode polynomialSchedule} with power 1, computed as optax does,
 *
 * ```
 * lr(t) = (I - E) * (1 - clip(t - B, 0, T) / T) + E
 * ```
 *
 * - `I` (`initValue`), `E` (`endValue`), `T` (`transitionSteps`), `B` (`transitionBegin`).
 *
 * Used as a warmup (`I` small, `E` the peak) it is PyTorch's `LinearLR` with
 * `startFactor = I / base`, `endFactor = E / base`, `totalIters = T`, up to rounding.
 *
 * @throws {RangeError} `transitionSteps must be positive, got transitionSteps=-1`; also for a
 * negative `transitionBegin` or a non-finite value.
 *
 * @example A warmup from 0 to 0.1 over 10 steps
 * ```ts
 * import { linearSchedule } from "./linear.ts";
 * const lr = linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 });
 * if (lr(0) !== 0 || lr(5) !== 0.05 || lr(10) !== 0.1 || lr(99) !== 0.1) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function linearSchedule(options: LinearScheduleOptions): Schedule {
  check.options("linearSchedule", options, [
    "initValue",
    "endValue",
    "transitionSteps",
    "transitionBegin",
  ]);
  const { initValue, endValue, transitionSteps, transitionBegin = 0 } = options;
  return described(polynomialSchedule({ ...options, power: 1 }), {
    type: "linearSchedule",
    initValue,
    endValue,
    transitionSteps,
    transitionBegin,
  });
}
