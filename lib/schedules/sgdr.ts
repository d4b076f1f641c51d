/**
 * SGDR: cosine decay with warm restarts, a peak that may shrink and cycles that may grow.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";
import { sgdrCos } from "./_anneal.ts";

/** Options of {@linkcode sgdrSchedule}. */
export interface SgdrScheduleOptions {
  /** The value `P` at the start of the first cycle. */
  peakValue: number;
  /** The length `T_0` of the first cycle, a positive integer (PyTorch's `T_0`). */
  cycleSteps: number;
  /** The factor, a positive integer, by which each cycle is longer (PyTorch's `T_mult`; 1). */
  cycleMult?: number;
  /** The factor `gamma >= 0` by which each cycle's peak is lower than the last (default 1). */
  cycleDecay?: number;
  /** The value `E` each cycle decays towards (PyTorch's `eta_min`; default 0). */
  endValue?: number;
}

/**
 * Stochastic gradient descent with warm restarts (Loshchilov and Hutter, SGDR, 2017): a
 * cosine decay from the cycle's peak to `E` that restarts at the end of every cycle.
 *
 * ```
 * T_i   = T_0 * m ** i                       the length of cycle i = 0, 1, 2, ...
 * t_i   = t - (T_0 + ... + T_(i-1))          the step within the cycle that holds t
 * P_i   = P * gamma ** i                     the cycle's peak
 * lr(t) = E + (P_i - E) * (1 + cos(pi * t_i / T_i)) / 2
 * ```
 *
 * - `P` (`peakValue`), `E` (`endValue`), `gamma` (`cycleDecay`); `t`: the step;
 * - `T_0` (`cycleSteps`), `m` (`cycleMult`).
 *
 * With `gamma = 1` it is PyTorch's `CosineAnnealingWarmRestarts` (`t0 = T_0`,
 * `tMult = m`, `etaMin = E`), in the same order of operations, so integer steps give
 * PyTorch's numbers to the bit. A shrinking peak (`gamma < 1`) is timm's `cycle_decay`.
 * optax's `sgdr_schedule` takes one option set per cycle instead.
 *
 * @throws {RangeError} `cycleSteps must be a positive integer, got cycleSteps=0`; also for
 * a `cycleMult` that is not a positive integer, a negative `cycleDecay` or a non-finite
 * value.
 *
 * @example Cycles of 10, 20, 40 steps, each peak half the last
 * ```ts
 * import { sgdrSchedule } from "./sgdr.ts";
 * const lr = sgdrSchedule({ peakValue: 0.1, cycleSteps: 10, cycleMult: 2, cycleDecay: 0.5 });
 * if (lr(0) !== 0.1 || lr(10) !== 0.05 || lr(30) !== 0.025) throw new Error("peaks");
 * if (lr(20) !== 0.025) throw new Error("halfway through the second cycle");
 * ```
 */
export function sgdrSchedule(options: SgdrScheduleOptions): Schedule {
  check.options("sgdrSchedule", options, [
    "peakValue",
    "cycleSteps",
    "cycleMult",
    "cycleDecay",
    "endValue",
  ]);
  const { peakValue, cycleSteps, cycleMult = 1, cycleDecay = 1, endValue = 0 } = options;
  check.finite("peakValue", peakValue);
  check.positiveInteger("cycleSteps", cycleSteps);
  check.positiveInteger("cycleMult", cycleMult);
  check.nonNegative("cycleDecay", cycleDecay);
  check.finite("endValue", endValue);
  const schedule: Schedule = (step) => {
    const t = checkStep(step);
    let cycle: number;
    let tCur: number;
    let tI = cycleSteps;
    if (cycleMult === 1) {
      tCur = t % cycleSteps;
      cycle = Math.round((t - tCur) / cycleSteps);
    } else {
      cycle = 0;
      tCur = t;
      while (tCur >= tI) {
        tCur -= tI;
        tI *= cycleMult;
        cycle += 1;
      }
    }
    const peak = peakValue * cycleDecay ** cycle;
    return sgdrCos(peak, endValue, tCur, tI);
  };
  return described(schedule, {
    type: "sgdrSchedule",
    peakValue,
    cycleSteps,
    cycleMult,
    cycleDecay,
    endValue,
  });
}
