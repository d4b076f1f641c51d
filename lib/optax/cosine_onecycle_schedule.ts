/**
 * optax's `cosine_onecycle_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { piecewiseInterpolateSchedule } from "./piecewise_interpolate_schedule.ts";
import { scalesDict } from "./_onecycle.ts";

/** Options of {@linkcode cosineOnecycleSchedule} (optax's kwargs in camelCase). */
export interface CosineOnecycleScheduleOptions {
  /** The length `N > 0` of the cycle. */
  transitionSteps: number;
  /** The peak value `P`, reached at `trunc(pctStart * N)`. */
  peakValue: number;
  /** The fraction of the cycle spent rising (default 0.3). */
  pctStart?: number;
  /** The start value is `P / divFactor` (default 25). */
  divFactor?: number;
  /** The final value is `P / divFactor / finalDivFactor` (default 1e4). */
  finalDivFactor?: number;
}

/**
 * optax's one-cycle (`optax.cosine_onecycle_schedule`, optax/schedules/_schedule.py): a
 * cosine {@linkcode piecewiseInterpolateSchedule} from `a = P / divFactor` with
 *
 * ```
 * { trunc(pctStart * N): divFactor, trunc(N): 1 / (divFactor * finalDivFactor) }
 * ```
 *
 * so it rises from `a` to `P` at step `trunc(pctStart N)` and falls to
 * `P / (divFactor * finalDivFactor)` (up to rounding) at step `N`, then holds. PyTorch's
 * `OneCycleLR` peaks at `pctStart * N - 1` and ends at `N - 1` instead: for those numbers use
 * the top-level `oneCycleSchedule`.
 *
 * @throws {RangeError} `cosineOnecycleSchedule requires positive transitionSteps, got
 * transitionSteps=0`; also for a non-finite value or a negative resulting scale.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example 100 steps peaking at 0.1 at step 30
 * ```ts
 * import { cosineOnecycleSchedule } from "./cosine_onecycle_schedule.ts";
 * const lr = cosineOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 });
 * // optax's order of operations: 0.1 + (0.004 - 0.1) / 2 * 2, so not exactly 0.004
 * if (lr(0) !== 0.0040000000000000036 || lr(30) !== 0.1) throw new Error("peak at step 30");
 * if (lr(100) !== 4e-7 || lr(1000) !== 4e-7) throw new Error("ends at 0.1 / 25 / 1e4");
 * ```
 */
export function cosineOnecycleSchedule(options: CosineOnecycleScheduleOptions): Schedule {
  check.options("cosineOnecycleSchedule", options, [
    "transitionSteps",
    "peakValue",
    "pctStart",
    "divFactor",
    "finalDivFactor",
  ]);
  const { transitionSteps, peakValue, pctStart = 0.3, divFactor = 25 } = options;
  const { finalDivFactor = 1e4 } = options;
  check.finite("transitionSteps", transitionSteps);
  if (!(transitionSteps > 0)) {
    throw new RangeError(
      `cosineOnecycleSchedule requires positive transitionSteps, got transitionSteps=${transitionSteps}`,
    );
  }
  check.finite("peakValue", peakValue);
  check.finite("pctStart", pctStart);
  check.finite("divFactor", divFactor);
  check.finite("finalDivFactor", finalDivFactor);
  return described(
    piecewiseInterpolateSchedule({
      interpolateType: "cosine",
      initValue: peakValue / divFactor,
      boundariesAndScales: scalesDict([
        [Math.trunc(pctStart * transitionSteps), divFactor],
        [Math.trunc(transitionSteps), 1.0 / (divFactor * finalDivFactor)],
      ]),
    }),
    { type: "optax.cosineOnecycleSchedule", ...options },
  );
}
