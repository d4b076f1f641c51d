/**
 * The constant schedule.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode constantSchedule}. */
export interface ConstantScheduleOptions {
  /** The value held at every step. */
  value: number;
}

/**
 * A constant schedule (`optax.constant_schedule`): `lr(t) = value` for every step `t >= 0`.
 *
 * @throws {RangeError} `value must be finite, got value=NaN`.
 *
 * @example
 * ```ts
 * import { constantSchedule } from "./constant.ts";
 * const lr = constantSchedule({ value: 0.1 });
 * if (lr(0) !== 0.1 || lr(1e6) !== 0.1) throw new Error("expected 0.1");
 * ```
 */
export function constantSchedule(options: ConstantScheduleOptions): Schedule {
  check.options("constantSchedule", options, ["value"]);
  const { value } = options;
  check.finite("value", value);
  const schedule: Schedule = (step) => {
    checkStep(step);
    return value;
  };
  return described(schedule, { type: "constantSchedule", value });
}
