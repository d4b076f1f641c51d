/**
 * optax's `constant_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";

/** Options of {@linkcode constantSchedule}. */
export interface ConstantScheduleOptions {
  /** The value held at every step. */
  value: number;
}

/**
 * A constant schedule (`optax.constant_schedule`, optax/schedules/_schedule.py):
 * `lr(t) = value` for every step `t >= 0`.
 *
 * @throws {RangeError} `value must be finite, got value=NaN`.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example optax's docstring example
 * ```ts
 * import { constantSchedule } from "./constant_schedule.ts";
 * const lr = constantSchedule({ value: 5 });
 * if (lr(0) !== 5 || lr(100) !== 5) throw new Error("constant");
 * ```
 */
export function constantSchedule(options: ConstantScheduleOptions): Schedule {
  check.options("constantSchedule", options, ["value"]);
  const value = check.finite("value", options.value);
  return described((step) => {
    checkStep(step);
    return value;
  }, { type: "optax.constantSchedule", ...options });
}
