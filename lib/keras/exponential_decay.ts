/**
 * Keras' `ExponentialDecay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkStep } from "../schedules/_step.ts";
import { type KerasSchedule, withConfig } from "./_keras_schedule.ts";

/** Options of {@linkcode ExponentialDecay} (Keras' kwargs in camelCase). */
export interface ExponentialDecayOptions {
  /** The learning rate `I` at step 0. */
  initialLearningRate: number;
  /** The steps `T > 0` over which the rate is multiplied by `decayRate` once. */
  decaySteps: number;
  /** The factor `r` per `T` steps. */
  decayRate: number;
  /** Decay at discrete intervals, flooring `t / T` (default false). */
  staircase?: boolean;
}

/**
 * Keras 3's `keras.optimizers.schedules.ExponentialDecay`
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), in float64:
 *
 * ```
 * p     = t / T            (floor(p) when staircase)
 * lr(t) = I * r ** p
 * ```
 *
 * - `I` (`initialLearningRate`), `T` (`decaySteps`), `r` (`decayRate`); `t`: the step.
 *
 * Called without `new`, like the other Keras schedules here; the result is a `Schedule` with
 * `getConfig()`. Keras' `name` is not taken.
 *
 * @throws {RangeError} `decaySteps must be positive, got decaySteps=0` (Keras: "Argument
 * `decay_steps` must be > 0"); also for a non-finite value.
 * @throws {TypeError} `staircase must be a boolean, got staircase=1`, and for options that are
 * not an object or hold an unknown key.
 *
 * @example Multiply by 0.5 every 10 steps
 * ```ts
 * import { ExponentialDecay } from "./exponential_decay.ts";
 * const lr = ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
 * if (lr(0) !== 0.1 || lr(10) !== 0.05 || lr(5) !== 0.1 * Math.SQRT1_2) throw new Error("?");
 * if (lr.getConfig().staircase !== false) throw new Error("the default is in the config");
 * ```
 */
export function ExponentialDecay(
  options: ExponentialDecayOptions,
): KerasSchedule<Required<ExponentialDecayOptions>> {
  check.options("ExponentialDecay", options, [
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
  return withConfig("ExponentialDecay", (step) => {
    let p = checkStep(step) / decaySteps;
    if (staircase) p = Math.floor(p);
    return initialLearningRate * decayRate ** p;
  }, { initialLearningRate, decaySteps, decayRate, staircase });
}
