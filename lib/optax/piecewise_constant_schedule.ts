/**
 * optax's `piecewise_constant_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";
import { sortedScales } from "./_scales.ts";

/** Options of {@linkcode piecewiseConstantSchedule} (optax's kwargs in camelCase). */
export interface PiecewiseConstantScheduleOptions {
  /** The value before the first boundary. */
  initValue: number;
  /** `{ step: scale }`: from `step` on, the value is multiplied by `scale >= 0` (default none). */
  boundariesAndScales?: Readonly<Record<number, number>>;
}

/**
 * Piecewise constant schedule (`optax.piecewise_constant_schedule`,
 * optax/schedules/_schedule.py): `initValue` times every scale whose boundary `t` has
 * reached, computed as optax does, boundary by boundary in increasing order:
 *
 * ```
 * v = I
 * for each (b_i, s_i) sorted by b_i:
 *   ind = max(0, sign(b_i - t))            1 before b_i, 0 from b_i on
 *   v   = v * ind + (1 - ind) * s_i * v
 * lr(t) = v
 * ```
 *
 * @throws {RangeError} `piecewiseConstantSchedule expects non-negative scale factors, got
 * boundariesAndScales[100]=-1`; also for a key that is not a number or a non-finite value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example optax's docstring example
 * ```ts
 * import { piecewiseConstantSchedule } from "./piecewise_constant_schedule.ts";
 * const lr = piecewiseConstantSchedule({
 *   initValue: 1, boundariesAndScales: { 100: 0.1, 200: 0.01 },
 * });
 * if (lr(50) !== 1 || lr(150) !== 0.1 || lr(250) !== 0.1 * 0.01) throw new Error("unexpected");
 * ```
 */
export function piecewiseConstantSchedule(options: PiecewiseConstantScheduleOptions): Schedule {
  const owner = "piecewiseConstantSchedule";
  check.options(owner, options, ["initValue", "boundariesAndScales"]);
  const initValue = check.finite("initValue", options.initValue);
  const { boundaries, scales } = options.boundariesAndScales === undefined
    ? { boundaries: [], scales: [] }
    : sortedScales(owner, options.boundariesAndScales);
  return described((step) => {
    const count = checkStep(step);
    let v = initValue;
    boundaries.forEach((threshold, i) => {
      const indicator = Math.max(0, Math.sign(threshold - count));
      v = v * indicator + (1 - indicator) * (scales[i] as number) * v;
    });
    return v;
  }, { type: "optax.piecewiseConstantSchedule", ...options });
}
