/**
 * Keras' `PolynomialDecay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkStep } from "../schedules/_step.ts";
import { type KerasSchedule, withConfig } from "./_keras_schedule.ts";

/** Options of {@linkcode PolynomialDecay} (Keras' kwargs in camelCase). */
export interface PolynomialDecayOptions {
  /** The learning rate `I` at step 0. */
  initialLearningRate: number;
  /** The length `T > 0` of the decay (of the first cycle when `cycle`). */
  decaySteps: number;
  /** The value `E` reached at `T` (default 0.0001). */
  endLearningRate?: number;
  /** The power `P` of the polynomial (default 1). */
  power?: number;
  /** Restart the decay, stretched to the next multiple of `T`, past `T` (default false). */
  cycle?: boolean;
}

/**
 * Keras 3's `keras.optimizers.schedules.PolynomialDecay`
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), in float64:
 *
 * ```
 * without cycle:  s = min(t, T),  D = T
 * with cycle:     s = t,          D = T * (t == 0 ? 1 : ceil(t / T))
 * lr(t) = (I - E) * (1 - s / D) ** P + E
 * ```
 *
 * - `I` (`initialLearningRate`), `E` (`endLearningRate`), `T` (`decaySteps`), `P` (`power`).
 *
 * @throws {RangeError} `decaySteps must be positive, got decaySteps=0`; also for a non-finite
 * value.
 * @throws {TypeError} `cycle must be a boolean, got cycle=1`, and for options that are not an
 * object or hold an unknown key.
 *
 * @example Linear from 0.1 to 0.0001 over 100 steps, then held
 * ```ts
 * import { PolynomialDecay } from "./polynomial_decay.ts";
 * const lr = PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 100 });
 * if (lr(0) !== 0.1 || lr(100) !== 0.0001 || lr(200) !== 0.0001) throw new Error("?");
 * ```
 */
export function PolynomialDecay(
  options: PolynomialDecayOptions,
): KerasSchedule<Required<PolynomialDecayOptions>> {
  check.options("PolynomialDecay", options, [
    "initialLearningRate",
    "decaySteps",
    "endLearningRate",
    "power",
    "cycle",
  ]);
  const { initialLearningRate, decaySteps, endLearningRate = 0.0001, power = 1 } = options;
  const { cycle = false } = options;
  check.finite("initialLearningRate", initialLearningRate);
  check.positive("decaySteps", decaySteps);
  check.finite("endLearningRate", endLearningRate);
  check.nonNegative("power", power);
  check.boolean("cycle", cycle);
  return withConfig("PolynomialDecay", (step) => {
    let t = checkStep(step);
    let steps = decaySteps;
    if (cycle) steps = steps * (t === 0 ? 1 : Math.ceil(t / decaySteps));
    else t = Math.min(t, steps);
    const p = t / steps;
    return (initialLearningRate - endLearningRate) * (1 - p) ** power + endLearningRate;
  }, { initialLearningRate, decaySteps, endLearningRate, power, cycle });
}
