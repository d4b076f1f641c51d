/**
 * Step decay, the seed's first annealing formula.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode stepDecay}. */
export interface StepDecayOptions {
  /** The initial value `lr0`, held for the first `period` steps. */
  lr0: number;
  /** The factor `beta` applied once every `period` steps; the seed's usual value 0.5. */
  beta?: number;
  /** The number of steps `T` between two decays: a positive integer. */
  period: number;
}

/**
 * Step decay: multiply the value by `beta` once every `period` steps.
 *
 * ```
 * lr(t) = lr0 * beta ** floor(t / T)
 * ```
 *
 * - `lr0`: the initial value;
 * - `beta`: the decay factor (default 0.5);
 * - `t`: the step, 0, 1, 2, ...;
 * - `T` (`period`): the steps between decays; `floor(t / T)` is the integer division of the
 *   seed (`2 / 4 = 0`, `5 / 4 = 1`).
 *
 * Computed exactly as written: `lr0 * beta ** Math.floor(t / period)`. The same curve as
 * PyTorch's `StepLR` with `stepSize = period`, `gamma = beta`, and as
 * {@linkcode exponentialDecay} with `decayRate = beta`, `transitionSteps = period`,
 * `staircase = true`.
 *
 * @throws {RangeError} `period must be a positive integer, got period=0`, and likewise for a
 * non-finite `lr0` or a negative or non-finite `beta`.
 *
 * @example The seed's comparison: lr0 = 1e-3, halved every 10 iterations
 * ```ts
 * import { stepDecay } from "./step_decay.ts";
 * const lr = stepDecay({ lr0: 1e-3, beta: 0.5, period: 10 });
 * if (lr(9) !== 1e-3) throw new Error("held for the first 10 steps");
 * if (lr(10) !== 5e-4) throw new Error("halved at t = 10");
 * if (lr(25) !== 2.5e-4) throw new Error("halved twice by t = 25");
 * ```
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  check.options("stepDecay", options, ["lr0", "beta", "period"]);
  const { lr0, beta = 0.5, period } = options;
  check.finite("lr0", lr0);
  check.nonNegative("beta", beta);
  check.positiveInteger("period", period);
  const schedule: Schedule = (step) => lr0 * beta ** Math.floor(checkStep(step) / period);
  return described(schedule, { type: "stepDecay", lr0, beta, period });
}
