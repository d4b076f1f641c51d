/**
 * Keras' `CosineDecayRestarts` (SGDR).
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkStep } from "../schedules/_step.ts";
import { type KerasSchedule, withConfig } from "./_keras_schedule.ts";

/** Options of {@linkcode CosineDecayRestarts} (Keras' kwargs in camelCase; no `name`). */
export interface CosineDecayRestartsOptions {
  /** The learning rate `I` at step 0. */
  initialLearningRate: number;
  /** The length `T_0 > 0` of the first cycle. */
  firstDecaySteps: number;
  /** Each cycle is `tMul` times longer than the one before (default 2). */
  tMul?: number;
  /** Each cycle starts at `mMul` times the one before's start (default 1). */
  mMul?: number;
  /** The floor of the multiplier, a fraction of `I` (default 0). */
  alpha?: number;
}

/**
 * Keras 3's `keras.optimizers.schedules.CosineDecayRestarts`
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), in float64, with Keras'
 * closed form for the cycle index:
 *
 * ```
 * f = t / T_0
 * tMul == 1:  i = floor(f),  f = f - i
 * otherwise:  i = floor(log(1 - f * (1 - tMul)) / log(tMul))
 *             f = (f - (1 - tMul ** i) / (1 - tMul)) / tMul ** i
 * lr(t) = I * ((1 - alpha) * (0.5 * mMul ** i * (1 + cos(pi * f))) + alpha)
 * ```
 *
 * - `I` (`initialLearningRate`), `T_0` (`firstDecaySteps`); `t`: the step.
 *
 * As in Keras, a `tMul` below 1 makes the cycles shrink and the value NaN past
 * `T_0 / (1 - tMul)` steps.
 *
 * @throws {RangeError} `firstDecaySteps must be positive, got firstDecaySteps=0`, `tMul must be
 * positive, got tMul=0`; also for a non-finite value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example Cycles of 10, 20, 40 steps, each starting at 0.1
 * ```ts
 * import { CosineDecayRestarts } from "./cosine_decay_restarts.ts";
 * const lr = CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10 });
 * if (lr(0) !== 0.1 || lr(10) !== 0.1 || lr(30) !== 0.1) throw new Error("restarts");
 * if (Math.abs(lr(20) - 0.05) > 1e-17) throw new Error("half way through the second cycle");
 * ```
 */
export function CosineDecayRestarts(
  options: CosineDecayRestartsOptions,
): KerasSchedule<Required<CosineDecayRestartsOptions>> {
  check.options("CosineDecayRestarts", options, [
    "initialLearningRate",
    "firstDecaySteps",
    "tMul",
    "mMul",
    "alpha",
  ]);
  const { initialLearningRate, firstDecaySteps, tMul = 2, mMul = 1, alpha = 0 } = options;
  check.finite("initialLearningRate", initialLearningRate);
  check.positive("firstDecaySteps", firstDecaySteps);
  check.positive("tMul", tMul);
  check.finite("mMul", mMul);
  check.finite("alpha", alpha);
  return withConfig("CosineDecayRestarts", (step) => {
    let completedFraction = checkStep(step) / firstDecaySteps;
    let iRestart: number;
    if (tMul === 1) {
      iRestart = Math.floor(completedFraction);
      completedFraction -= iRestart;
    } else {
      iRestart = Math.floor(Math.log(1.0 - completedFraction * (1.0 - tMul)) / Math.log(tMul));
      const sumR = (1.0 - tMul ** iRestart) / (1.0 - tMul);
      completedFraction = (completedFraction - sumR) / tMul ** iRestart;
    }
    const mFac = mMul ** iRestart;
    const cosineDecayed = 0.5 * mFac * (1.0 + Math.cos(Math.PI * completedFraction));
    const decayed = (1 - alpha) * cosineDecayed + alpha;
    return initialLearningRate * decayed;
  }, { initialLearningRate, firstDecaySteps, tMul, mMul, alpha });
}
