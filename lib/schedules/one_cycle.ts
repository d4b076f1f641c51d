/**
 * The one-cycle policy: warm up to a peak, then anneal far below the start.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";
import { annealingCos, annealingLinear } from "./_anneal.ts";

/** Options of {@linkcode oneCycleSchedule}; the names are PyTorch `OneCycleLR`'s. */
export interface OneCycleScheduleOptions {
  /** The peak value (PyTorch's `max_lr`). */
  peakValue: number;
  /** The number of steps in the cycle, a positive integer. */
  totalSteps: number;
  /** The fraction of the cycle spent rising, in [0, 1] (default 0.3). */
  pctStart?: number;
  /** `"cos"` (default) or `"linear"` annealing within each phase. */
  annealStrategy?: "cos" | "linear";
  /** The start value is `peakValue / divFactor` (default 25). */
  divFactor?: number;
  /** The final value is `peakValue / divFactor / finalDivFactor` (default 1e4). */
  finalDivFactor?: number;
  /** Three phases: up, back down to the start value, then down to the final value. */
  threePhase?: boolean;
}

/**
 * The one-cycle policy (Smith and Topin, 2017) with PyTorch `OneCycleLR`'s values at each
 * step (torch/optim/lr_scheduler.py), for a single param group with `lr = peakValue`:
 *
 * ```
 * a = P / div                the start value (PyTorch's initial_lr)
 * z = a / finalDiv           the final value (PyTorch's min_lr)
 * phases, each ending at a step e_k, going from one value to another:
 *   two-phase:   a -> P until e_1 = pctStart * N - 1,  P -> z until e_2 = N - 1
 *   three-phase: a -> P until e_1 = pctStart * N - 1,  P -> a until e_2 = 2 pctStart N - 2,
 *                a -> z until e_3 = N - 1
 * in the first phase with t <= e_k (or the last), with e_0 = 0 and q = (t - e_(k-1)) / (e_k - e_(k-1)):
 *   "cos":    lr(t) = to + (from - to) / 2 * (cos(pi q) + 1)
 *   "linear": lr(t) = (to - from) * q + from
 * ```
 *
 * - `P` (`peakValue`), `div` (`divFactor`), `finalDiv` (`finalDivFactor`);
 * - `N` (`totalSteps`); `t`: the step.
 *
 * The value is `a` at step 0, `P` around step `pctStart * N - 1`, `z` at step `N - 1`.
 * PyTorch throws when stepped past `N`; this schedule holds `z` from `N - 1` on. Where a
 * phase has no length (`pctStart * N = 1`), PyTorch divides by zero; here `q = 1`.
 * Momentum cycling is left to the `OneCycleLR` scheduler.
 *
 * @throws {RangeError} `totalSteps must be a positive integer, got totalSteps=0`,
 * `pctStart must be in [0, 1], got pctStart=1.5`, `annealStrategy must be one of "cos",
 * "linear", got annealStrategy="cosine"`; also for a non-positive factor.
 *
 * @example 100 steps peaking at 0.1
 * ```ts
 * import { oneCycleSchedule } from "./one_cycle.ts";
 * const lr = oneCycleSchedule({ peakValue: 0.1, totalSteps: 100 });
 * // PyTorch's order of operations: 0.1 + (0.004 - 0.1) / 2 * 2, so not exactly 0.004
 * if (lr(0) !== 0.0040000000000000036) throw new Error("starts at peak / 25");
 * if (lr(29) !== 0.1) throw new Error("peaks at step 0.3 * 100 - 1");
 * if (lr(99) !== 0.1 / 25 / 1e4) throw new Error("ends at the start / 1e4");
 * ```
 */
export function oneCycleSchedule(options: OneCycleScheduleOptions): Schedule {
  check.options("oneCycleSchedule", options, [
    "peakValue",
    "totalSteps",
    "pctStart",
    "annealStrategy",
    "divFactor",
    "finalDivFactor",
    "threePhase",
  ]);
  const { peakValue, totalSteps, pctStart = 0.3, annealStrategy = "cos" } = options;
  const { divFactor = 25, finalDivFactor = 1e4, threePhase = false } = options;
  check.finite("peakValue", peakValue);
  check.positiveInteger("totalSteps", totalSteps);
  check.inRange("pctStart", pctStart, 0, 1);
  check.oneOf("annealStrategy", annealStrategy, ["cos", "linear"] as const);
  check.positive("divFactor", divFactor);
  check.positive("finalDivFactor", finalDivFactor);
  check.boolean("threePhase", threePhase);
  const initial = peakValue / divFactor;
  const min = initial / finalDivFactor;
  const phases = threePhase
    ? [
      { end: pctStart * totalSteps - 1, from: initial, to: peakValue },
      { end: 2 * pctStart * totalSteps - 2, from: peakValue, to: initial },
      { end: totalSteps - 1, from: initial, to: min },
    ]
    : [
      { end: pctStart * totalSteps - 1, from: initial, to: peakValue },
      { end: totalSteps - 1, from: peakValue, to: min },
    ];
  const anneal = annealStrategy === "cos" ? annealingCos : annealingLinear;
  const schedule: Schedule = (step) => {
    const t = Math.min(checkStep(step), totalSteps - 1);
    let start = 0;
    for (const [i, phase] of phases.entries()) {
      if (t <= phase.end || i === phases.length - 1) {
        const q = phase.end === start ? 1 : (t - start) / (phase.end - start);
        return anneal(phase.from, phase.to, q);
      }
      start = phase.end;
    }
    throw new Error("unreachable: the last phase always matches");
  };
  return described(schedule, {
    type: "oneCycleSchedule",
    peakValue,
    totalSteps,
    pctStart,
    annealStrategy,
    divFactor,
    finalDivFactor,
    threePhase,
  });
}
