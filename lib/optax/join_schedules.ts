/**
 * optax's `join_schedules`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";

/** Options of {@linkcode joinSchedules} (optax's arguments). */
export interface JoinSchedulesOptions {
  /** The schedules to run one after another: at least one. */
  schedules: readonly Schedule[];
  /** The steps at which to switch to the next schedule: one fewer than `schedules`. */
  boundaries: readonly number[];
}

/**
 * Runs schedules one after another (`optax.join_schedules`, optax/schedules/_join.py), with
 * optax's selection rule:
 *
 * ```
 * out = s_0(t)
 * for each (b_i, s_(i+1)):  out = t < b_i ? out : s_(i+1)(t - b_i)
 * ```
 *
 * so the last schedule whose boundary `t` has reached wins, each seeing the steps since its
 * boundary. optax evaluates every schedule and selects; here only the selected ones are
 * called (same values, and a schedule never sees a negative step). optax pairs boundaries
 * and schedules with `zip`; here their lengths must match.
 *
 * @throws {RangeError} `joinSchedules boundaries must have one fewer element than schedules,
 * got 2 schedules and 2 boundaries`; also for no schedules or a non-finite boundary.
 * @throws {TypeError} `schedules[1] must be a function, got schedules[1]=0.1`.
 *
 * @example Warm up for 10 steps, then hold
 * ```ts
 * import { joinSchedules } from "./join_schedules.ts";
 * import { linearSchedule } from "./linear_schedule.ts";
 * import { constantSchedule } from "./constant_schedule.ts";
 * const lr = joinSchedules({
 *   schedules: [
 *     linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 }),
 *     constantSchedule({ value: 0.1 }),
 *   ],
 *   boundaries: [10],
 * });
 * if (lr(5) !== 0.05 || lr(10) !== 0.1 || lr(99) !== 0.1) throw new Error("unexpected");
 * ```
 */
export function joinSchedules(options: JoinSchedulesOptions): Schedule {
  check.options("joinSchedules", options, ["schedules", "boundaries"]);
  const { schedules, boundaries } = options;
  if (!Array.isArray(schedules)) {
    throw new TypeError(`schedules must be an array, got schedules=${check.show(schedules)}`);
  }
  if (schedules.length === 0) {
    throw new RangeError(
      `joinSchedules schedules must be a non-empty array, got schedules=${check.show(schedules)}`,
    );
  }
  if (!Array.isArray(boundaries)) {
    throw new TypeError(`boundaries must be an array, got boundaries=${check.show(boundaries)}`);
  }
  schedules.forEach((s, i) => check.callable(`schedules[${i}]`, s));
  if (boundaries.length !== schedules.length - 1) {
    throw new RangeError(
      `joinSchedules boundaries must have one fewer element than schedules, got ` +
        `${schedules.length} schedules and ${boundaries.length} boundaries`,
    );
  }
  boundaries.forEach((b, i) => check.finite(`boundaries[${i}]`, b));
  const parts = [...schedules];
  const starts = [...boundaries];
  return described((step) => {
    const t = checkStep(step);
    let output = (parts[0] as Schedule)(t);
    starts.forEach((boundary, i) => {
      if (!(t < boundary)) output = (parts[i + 1] as Schedule)(t - boundary);
    });
    return output;
  }, { type: "optax.joinSchedules", ...options });
}
