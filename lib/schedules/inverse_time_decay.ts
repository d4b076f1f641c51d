/**
 * 1/t decay: the seed's `lr0 / (1 + k t)` and Keras's `InverseTimeDecay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode inverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** The initial value `lr0`. */
  lr0: number;
  /** The decay constant `k >= 0` (Keras's `decay_rate`). */
  k: number;
  /** The steps `T` that make one unit of time (Keras's `decay_steps`; default 1). */
  transitionSteps?: number;
  /** Floor `t / T`, so that the value drops at discrete intervals (default false). */
  staircase?: boolean;
}

/**
 * 1/t (inverse time) decay, the seed's third formula, with Keras's
 * `keras.optimizers.schedules.InverseTimeDecay` options:
 *
 * ```
 * p     = t / T                (floor(t / T) when staircase)
 * lr(t) = lr0 / (1 + k * p)
 * ```
 *
 * - `lr0`: the initial value; `t`: the step;
 * - `k`: the decay constant (Keras's `decay_rate`);
 * - `T` (`transitionSteps`, Keras's `decay_steps`, default 1).
 *
 * With the defaults this is `lr0 / (1 + k * t)` exactly as the seed computes it. At
 * `t = 1 / k` the value has halved; it falls like `1 / t` for large `t`, more slowly than
 * {@linkcode exponentialDecay}.
 *
 * @throws {RangeError} `k must be non-negative, got k=-1`; also for a non-positive
 * `transitionSteps` or a non-finite `lr0`.
 * @throws {TypeError} `staircase must be a boolean, got staircase="yes"`.
 *
 * @example The seed's 1/t decay, lr0 = 1e-3, k = 0.5
 * ```ts
 * import { inverseTimeDecay } from "./inverse_time_decay.ts";
 * const lr = inverseTimeDecay({ lr0: 1e-3, k: 0.5 });
 * if (lr(0) !== 1e-3) throw new Error("starts at lr0");
 * if (lr(2) !== 5e-4) throw new Error("halved at t = 1 / k = 2");
 * ```
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): Schedule {
  check.options("inverseTimeDecay", options, ["lr0", "k", "transitionSteps", "staircase"]);
  const { lr0, k, transitionSteps = 1, staircase = false } = options;
  check.finite("lr0", lr0);
  check.nonNegative("k", k);
  check.positive("transitionSteps", transitionSteps);
  check.boolean("staircase", staircase);
  const schedule: Schedule = (step) => {
    let p = checkStep(step) / transitionSteps;
    if (staircase) p = Math.floor(p);
    return lr0 / (1 + k * p);
  };
  return described(schedule, { type: "inverseTimeDecay", lr0, k, transitionSteps, staircase });
}
