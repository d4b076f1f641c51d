/**
 * optax's `piecewise_interpolate_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { checkStep } from "../schedules/_step.ts";
import { sortedScales } from "./_scales.ts";

/** Options of {@linkcode piecewiseInterpolateSchedule} (optax's kwargs in camelCase). */
export interface PiecewiseInterpolateScheduleOptions {
  /** `"linear"` or `"cosine"` interpolation between the boundaries. */
  interpolateType: "linear" | "cosine";
  /** The value at step 0. */
  initValue: number;
  /** `{ step: scale }`: the value reached at `step` is the one before times `scale >= 0`. */
  boundariesAndScales?: Readonly<Record<number, number>>;
}

/** optax's `_linear_interpolate`: `(end - start) * pct + start`. */
function linear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

/** optax's `_cosine_interpolate`: `end + (start - end) / 2 * (cos(pi * pct) + 1)`. */
function cosine(start: number, end: number, pct: number): number {
  return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
}

/**
 * Piecewise interpolation between accumulated scales (`optax.piecewise_interpolate_schedule`,
 * optax/schedules/_schedule.py), in optax's order of operations:
 *
 * ```
 * b = [0, b_1, ..., b_n]                 the sorted boundaries, after a leading 0
 * v = cumprod([I, s_1, ..., s_n])        v_0 = I, v_i = v_(i-1) * s_i
 * in the interval b_(i-1) <= t < b_i:  lr(t) = f(v_(i-1), v_i, (t - b_(i-1)) / max(b_i - b_(i-1), 1))
 * from b_n on:                         lr(t) = v_n
 * f = linear:  (end - start) * pct + start
 *     cosine:  end + (start - end) / 2 * (cos(pi * pct) + 1)
 * ```
 *
 * - `I` (`initValue`); `(b_i, s_i)`: the entries of `boundariesAndScales`; `t`: the step.
 *
 * optax sums `indicator * value` over the intervals; the inactive terms are exact zeros, so
 * the value of the active interval is returned as it is. The cumulative product is taken left
 * to right as numpy's `cumprod` does (XLA may associate it differently for 3+ boundaries).
 *
 * @throws {RangeError} `interpolateType must be one of "linear", "cosine", got
 * interpolateType="cos"`, `piecewiseInterpolateSchedule expects non-negative scale factors,
 * got boundariesAndScales[4]=-1`; also for a non-finite value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example optax's docstring example
 * ```ts
 * import { piecewiseInterpolateSchedule } from "./piecewise_interpolate_schedule.ts";
 * const lr = piecewiseInterpolateSchedule({
 *   interpolateType: "linear", initValue: 1, boundariesAndScales: { 4: 0.1, 8: 0.01 },
 * });
 * const shown = [0, 2, 4, 6, 8, 10].map((t) => lr(t).toFixed(6)).join(" ");
 * if (shown !== "1.000000 0.550000 0.100000 0.050500 0.001000 0.001000") throw new Error(shown);
 * ```
 */
export function piecewiseInterpolateSchedule(
  options: PiecewiseInterpolateScheduleOptions,
): Schedule {
  const owner = "piecewiseInterpolateSchedule";
  check.options(owner, options, ["interpolateType", "initValue", "boundariesAndScales"]);
  const interpolate = check.oneOf(
      "interpolateType",
      options.interpolateType,
      [
        "linear",
        "cosine",
      ] as const,
    ) === "linear"
    ? linear
    : cosine;
  const initValue = check.finite("initValue", options.initValue);
  const { boundaries, scales } = options.boundariesAndScales === undefined
    ? { boundaries: [], scales: [] }
    : sortedScales(owner, options.boundariesAndScales);
  const bounds = [0, ...boundaries];
  const values = [initValue];
  for (const scale of scales) values.push((values[values.length - 1] as number) * scale);
  const last = bounds.length - 1;
  return described((step) => {
    const count = checkStep(step);
    let dot = 0;
    for (let i = 0; i < last; i++) {
      const lo = bounds[i] as number;
      const hi = bounds[i + 1] as number;
      if (lo <= count && count < hi) {
        const pct = (count - lo) / Math.max(hi - lo, 1);
        dot += interpolate(values[i] as number, values[i + 1] as number, pct);
      }
    }
    return dot + ((bounds[last] as number) <= count ? values[last] as number : 0);
  }, { type: "optax.piecewiseInterpolateSchedule", ...options });
}
