/**
 * optax's `linear_onecycle_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { piecewiseInterpolateSchedule } from "./piecewise_interpolate_schedule.ts";
import { scalesDict } from "./_onecycle.ts";

/** Options of {@linkcode linearOnecycleSchedule} (optax's kwargs in camelCase). */
export interface LinearOnecycleScheduleOptions {
  /** The length `N > 0` of the cycle. */
  transitionSteps: number;
  /** The peak value `P`, reached at `trunc(pctStart * N)`. */
  peakValue: number;
  /** The fraction of the cycle spent rising (default 0.3). */
  pctStart?: number;
  /** The fraction at whose end the value is back at the start (default 0.85). */
  pctFinal?: number;
  /** The start value is `P / divFactor` (default 25). */
  divFactor?: number;
  /** The final value is `P / divFactor / finalDivFactor` (default 1e4). */
  finalDivFactor?: number;
}

/**
 * optax's three-phase linear one-cycle (`optax.linear_onecycle_schedule`,
 * optax/schedules/_schedule.py): a linear {@linkcode piecewiseInterpolateSchedule} from
 * `a = P / divFactor` with
 *
 * ```
 * { trunc(pctStart * N): divFactor, trunc(pctFinal * N): 1 / divFactor, N: 1 / finalDivFactor }
 * ```
 *
 * so it rises from `a` to `P` until `trunc(pctStart N)`, falls back to `a` until
 * `trunc(pctFinal N)`, then to `a / finalDivFactor` at `N`, and holds. As in Python's dict
 * literal, a repeated step keeps the later scale (`pctStart = pctFinal` drops the peak).
 * These are not PyTorch `OneCycleLR`'s phase boundaries (see the top-level
 * `oneCycleSchedule` for those).
 *
 * @throws {RangeError} `linearOnecycleSchedule requires positive transitionSteps, got
 * transitionSteps=0`; also for a non-finite value or a negative resulting scale.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example 100 steps peaking at 0.1 at step 30
 * ```ts
 * import { linearOnecycleSchedule } from "./linear_onecycle_schedule.ts";
 * const lr = linearOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 });
 * if (lr(0) !== 0.004 || lr(30) !== 0.1 || lr(85) !== 0.004) throw new Error("unexpected");
 * ```
 */
export function linearOnecycleSchedule(options: LinearOnecycleScheduleOptions): Schedule {
  check.options("linearOnecycleSchedule", options, [
    "transitionSteps",
    "peakValue",
    "pctStart",
    "pctFinal",
    "divFactor",
    "finalDivFactor",
  ]);
  const { transitionSteps, peakValue, pctStart = 0.3, pctFinal = 0.85 } = options;
  const { divFactor = 25, finalDivFactor = 1e4 } = options;
  check.finite("transitionSteps", transitionSteps);
  if (!(transitionSteps > 0)) {
    throw new RangeError(
      `linearOnecycleSchedule requires positive transitionSteps, got transitionSteps=${transitionSteps}`,
    );
  }
  check.finite("peakValue", peakValue);
  check.finite("pctStart", pctStart);
  check.finite("pctFinal", pctFinal);
  check.finite("divFactor", divFactor);
  check.finite("finalDivFactor", finalDivFactor);
  return described(
    piecewiseInterpolateSchedule({
      interpolateType: "linear",
      initValue: peakValue / divFactor,
      boundariesAndScales: scalesDict([
        [Math.trunc(pctStart * transitionSteps), divFactor],
        [Math.trunc(pctFinal * transitionSteps), 1.0 / divFactor],
        [transitionSteps, 1.0 / finalDivFactor],
      ]),
    }),
    { type: "optax.linearOnecycleSchedule", ...options },
  );
}
