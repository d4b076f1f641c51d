/**
 * optax's `linear_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { polynomialSchedule } from "./polynomial_schedule.ts";

/** Options of {@linkcode linearSchedule} (optax's kwargs in camelCase). */
export interface LinearScheduleOptions {
  /** The value `I` before and at the start of the transition. */
  initValue: number;
  /** The value `E` at the end of the transition, and held after it. */
  endValue: number;
  /** The length `T` of the transition; `T <= 0` gives the constant `I`, as in optax. */
  transitionSteps: number;
  /** The steps `B` the value is held at `I` first (default 0; a negative `B` counts as 0). */
  transitionBegin?: number;
}

/**
 * Linear transition from `initValue` to `endValue` (`optax.linear_schedule`,
 * optax/schedules/_schedule.py): optax's {@linkcode polynomialSchedule} with power 1,
 *
 * ```
 * lr(t) = (I - E) * (1 - clip(t - B, 0, T) / T) ** 1 + E
 * ```
 *
 * - `I` (`initValue`), `E` (`endValue`), `T` (`transitionSteps`), `B` (`transitionBegin`).
 *
 * @throws {RangeError} `initValue must be finite, got initValue=Infinity` and the like.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example optax's docstring example: from 1 to 0.01 over 100 steps
 * ```ts
 * import { linearSchedule } from "./linear_schedule.ts";
 * const lr = linearSchedule({ initValue: 1, endValue: 0.01, transitionSteps: 100 });
 * if (lr(0) !== 1 || lr(100) !== 0.01 || lr(50) !== 0.505) throw new Error("unexpected");
 * ```
 */
export function linearSchedule(options: LinearScheduleOptions): Schedule {
  check.options("linearSchedule", options, [
    "initValue",
    "endValue",
    "transitionSteps",
    "transitionBegin",
  ]);
  return described(polynomialSchedule({ ...options, power: 1 }), {
    type: "optax.linearSchedule",
    ...options,
  });
}
