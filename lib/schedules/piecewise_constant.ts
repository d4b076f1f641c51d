/**
 * Piecewise constant schedule: scaled jumps at given steps.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode piecewiseConstantSchedule}. */
export interface PiecewiseConstantScheduleOptions {
  /** The value before the first boundary. */
  initValue: number;
  /**
   * `{ step: scale }`: from `step` on, the value is multiplied by `scale >= 0`
   * (default: none, a constant schedule).
   */
  boundariesAndScales?: Readonly<Record<number, number>>;
}

/**
 * Piecewise constant schedule (`optax.piecewise_constant_schedule`,
 * optax/schedules/_schedule.py): at step `t` the value is `initValue` times every scale whose
 * boundary has been reached,
 *
 * ```
 * lr(t) = I * prod { s_i : t >= b_i }
 * ```
 *
 * - `I` (`initValue`); `(b_i, s_i)`: the entries of `boundariesAndScales`, applied in
 *   increasing order of `b_i`; `t`: the step.
 *
 * With scales all equal to `gamma` it is PyTorch's `MultiStepLR` (`milestones = b_i`).
 *
 * @throws {RangeError} `boundariesAndScales[100] must be non-negative, got
 * boundariesAndScales[100]=-1` (optax: "expects non-negative scale factors"); also for a
 * boundary that is not a non-negative number or a non-finite `initValue`.
 *
 * @example Divide by 10 at step 100 and again at step 200 (optax's docstring example)
 * ```ts
 * import { piecewiseConstantSchedule } from "./piecewise_constant.ts";
 * const lr = piecewiseConstantSchedule({
 *   initValue: 1, boundariesAndScales: { 100: 0.1, 200: 0.1 },
 * });
 * if (lr(99) !== 1 || lr(100) !== 0.1 || lr(250) !== 0.1 * 0.1) throw new Error("unexpected");
 * ```
 */
export function piecewiseConstantSchedule(options: PiecewiseConstantScheduleOptions): Schedule {
  check.options("piecewiseConstantSchedule", options, ["initValue", "boundariesAndScales"]);
  const { initValue, boundariesAndScales = {} } = options;
  check.finite("initValue", initValue);
  if (typeof boundariesAndScales !== "object" || boundariesAndScales === null) {
    throw new TypeError(
      `boundariesAndScales must be an object, got boundariesAndScales=${
        check.show(boundariesAndScales)
      }`,
    );
  }
  const entries = Object.entries(boundariesAndScales).map(([key, scale]) => {
    const boundary = Number(key);
    if (key.trim() === "" || !(boundary >= 0) || !Number.isFinite(boundary)) {
      throw new RangeError(
        `boundariesAndScales keys must be non-negative numbers, got boundary ${check.show(key)}`,
      );
    }
    check.nonNegative(`boundariesAndScales[${key}]`, scale);
    return [boundary, scale] as const;
  }).sort((a, b) => a[0] - b[0]);
  const schedule: Schedule = (step) => {
    const t = checkStep(step);
    let value = initValue;
    for (const [boundary, scale] of entries) {
      if (t >= boundary) value = scale * value;
    }
    return value;
  };
  return described(schedule, {
    type: "piecewiseConstantSchedule",
    initValue,
    boundariesAndScales: { ...boundariesAndScales },
  });
}
