/**
 * Keras' `InverseTimeDecay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkStep } from "../schedules/_step.ts";
import { type KerasSchedule, withConfig } from "./_keras_schedule.ts";

/** Options of {@linkcode InverseTimeDecay} (Keras' kwargs in camelCase). */
export interface InverseTimeDecayOptions {
  /** The learning rate `I` at step 0. */
  initialLearningRate: number;
  /** The steps `T > 0` that count as one unit of time. */
  decaySteps: number;
  /** The rate `r` of the decay. */
  decayRate: number;
  /** Decay at discrete intervals, flooring `t / T` (default false). */
  staircase?: boolean;
}

/**
 * Keras 3's `keras.optimizers.schedules.InverseTimeDecay`
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), in float64:
 *
 * ```
 * p     = t / T            (floor(p) when staircase)
 * lr(t) = I / (1 + r * p)
 * ```
 *
 * - `I` (`initialLearningRate`), `T` (`decaySteps`), `r` (`decayRate`); `t`: the step.
 *
 * @throws {RangeError} `decaySteps must be positive, got decaySteps=0`; also for a non-finite
 * value.
 * @throws {TypeError} `staircase must be a boolean, got staircase=1`, and for options that are
 * not an object or hold an unknown key.
 *
 * @example Halve by step 10, a third by step 20
 * ```ts
 * import { InverseTimeDecay } from "./inverse_time_decay.ts";
 * const lr = InverseTimeDecay({ initialLearningRate: 0.3, decaySteps: 10, decayRate: 1 });
 * if (lr(0) !== 0.3 || lr(10) !== 0.15 || lr(20) !== 0.3 / 3) throw new Error("unexpected");
 * ```
 */
export function InverseTimeDecay(
  options: InverseTimeDecayOptions,
): KerasSchedule<Required<InverseTimeDecayOptions>> {
  check.options("InverseTimeDecay", options, [
    "initialLearningRate",
    "decaySteps",
    "decayRate",
    "staircase",
  ]);
  const { initialLearningRate, decaySteps, decayRate, staircase = false } = options;
  check.finite("initialLearningRate", initialLearningRate);
  check.positive("decaySteps", decaySteps);
  check.nonNegative("decayRate", decayRate);
  check.boolean("staircase", staircase);
  return withConfig("InverseTimeDecay", (step) => {
    let p = checkStep(step) / decaySteps;
    if (staircase) p = Math.floor(p);
    return initialLearningRate / (1 + decayRate * p);
  }, { initialLearningRate, decaySteps, decayRate, staircase });
}
