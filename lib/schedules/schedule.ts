/**
 * The type every pure schedule has: a function from a step count to a value.
 *
 * @module
 */

/**
 * A pure schedule (optax's `Schedule`): maps a step count `t >= 0` to a value, usually a
 * learning rate. Schedules are built by a function that validates its options once
 * (`stepDecay({ lr0: 1e-3, period: 10 })`); the schedule itself holds no state, so calling it
 * twice with the same step gives the same value. Every schedule in this folder throws a
 * `RangeError` naming `step` for a negative or non-finite step, and a `TypeError` for a
 * non-number. Fractional steps are allowed (plots, fractional epochs).
 *
 * @example A schedule written by hand
 * ```ts
 * import type { Schedule } from "./schedule.ts";
 * const halfLife: Schedule = (t) => 0.1 * 0.5 ** (t / 10);
 * if (halfLife(10) !== 0.05) throw new Error("expected 0.05");
 * ```
 */
export type Schedule = (step: number) => number;
