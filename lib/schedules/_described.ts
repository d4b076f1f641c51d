/**
 * Pure schedules are closures; this records, beside each one, the spec it was built from
 * (`{ type: "stepDecay", lr0, beta, period }`, defaults filled in), so that `toSpec(schedule)`
 * can turn a schedule back into data. Nested schedules (`joinSchedules`' parts) stay functions
 * in the description; `toSpec` describes them in turn.
 *
 * @module
 */

import type { Schedule } from "./schedule.ts";

/** What a factory records: its spec `type` and its options with the defaults filled in. */
export interface ScheduleDescription {
  /** The factory's name, for example `"cosineDecaySchedule"`. */
  type: string;
  /** The options, defaults filled in; nested schedules are still functions here. */
  [option: string]: unknown;
}

const descriptions = new WeakMap<Schedule, ScheduleDescription>();
const lowered = new WeakMap<ScheduleDescription, ScheduleDescription>();

/**
 * Records `description` for `schedule` and returns `schedule` unchanged. A factory that
 * delegates to another (`linearSchedule` to `polynomialSchedule`) describes the result again,
 * and the last description wins; the one it replaces stays reachable through
 * {@linkcode loweredOf} (what the schedule is made of, for exporters that lack the outer type).
 */
export function described(schedule: Schedule, description: ScheduleDescription): Schedule {
  const previous = descriptions.get(schedule);
  if (previous !== undefined) lowered.set(description, previous);
  descriptions.set(schedule, description);
  return schedule;
}

/** The description `schedule` was built with, or `undefined` for a hand-written function. */
export function descriptionOf(schedule: Schedule): ScheduleDescription | undefined {
  return descriptions.get(schedule);
}

/** The description `description` replaced (`polynomialSchedule` under `linearSchedule`), if any. */
export function loweredOf(description: ScheduleDescription): ScheduleDescription | undefined {
  return lowered.get(description);
}
