/**
 * Join schedules end to end.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode joinSchedules}. */
export interface JoinSchedulesOptions {
  /** The schedules to run one after another: at least one. */
  schedules: readonly Schedule[];
  /** The steps at which to switch to the next schedule: one fewer than `schedules`. */
  boundaries: readonly number[];
}

/**
 * Runs schedules one after another (`optax.join_schedules`, optax/schedules/_join.py).
 * Schedule `i + 1` takes over at boundary `b_i` and sees the steps counted from that
 * boundary:
 *
 * ```
 * lr(t) = s_0(t)            if t < b_0
 *       = s_i(t - b_(i-1))  if b_(i-1) <= t < b_i
 *       = s_n(t - b_(n-1))  if t >= b_(n-1)
 * ```
 *
 * - `s_i`: `schedules[i]`; `b_i`: `boundaries[i]`, absolute steps; `t`: the step.
 *
 * Only the active schedule is called (optax evaluates them all and selects one; the values
 * are the same). Boundaries must not decrease.
 *
 * @throws {RangeError} `boundaries must have one fewer element than schedules, got 2
 * schedules and 2 boundaries`, `boundaries[1] must not be less than boundaries[0], got
 * boundaries=[10,5]`, and for a negative or non-finite boundary or no schedules.
 * @throws {TypeError} `schedules[1] must be a function, got schedules[1]=0.1`.
 *
 * @example Warm up linearly for 10 steps, then decay with a cosine over 90
 * ```ts
 * import { joinSchedules } from "./join.ts";
 * import { linearSchedule } from "./linear.ts";
 * import { cosineDecaySchedule } from "./cosine_decay.ts";
 * const lr = joinSchedules({
 *   schedules: [
 *     linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 }),
 *     cosineDecaySchedule({ initValue: 0.1, decaySteps: 90 }),
 *   ],
 *   boundaries: [10],
 * });
 * if (lr(5) !== 0.05 || lr(10) !== 0.1 || lr(100) !== 0) throw new Error("unexpected");
 * ```
 */
export function joinSchedules(options: JoinSchedulesOptions): Schedule {
  check.options("joinSchedules", options, ["schedules", "boundaries"]);
  const { schedules, boundaries } = options;
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw new RangeError(
      `schedules must be a non-empty array, got schedules=${check.show(schedules)}`,
    );
  }
  if (!Array.isArray(boundaries)) {
    throw new TypeError(`boundaries must be an array, got boundaries=${check.show(boundaries)}`);
  }
  schedules.forEach((s, i) => check.callable(`schedules[${i}]`, s));
  if (boundaries.length !== schedules.length - 1) {
    throw new RangeError(
      `boundaries must have one fewer element than schedules, got ${schedules.length} ` +
        `schedules and ${boundaries.length} boundaries`,
    );
  }
  boundaries.forEach((b, i) => {
    check.nonNegative(`boundaries[${i}]`, b);
    if (i > 0 && b < (boundaries[i - 1] as number)) {
      throw new RangeError(
        `boundaries[${i}] must not be less than boundaries[${i - 1}], got boundaries=${
          check.show(boundaries)
        }`,
      );
    }
  });
  const parts = [...schedules];
  const starts = [0, ...boundaries];
  const schedule: Schedule = (step) => {
    const t = checkStep(step);
    let i = parts.length - 1;
    while (i > 0 && t < (starts[i] as number)) i -= 1;
    return (parts[i] as Schedule)(t - (starts[i] as number));
  };
  return described(schedule, {
    type: "joinSchedules",
    schedules: parts,
    boundaries: [...boundaries],
  });
}
