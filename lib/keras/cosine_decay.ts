/**
 * Keras' `CosineDecay`, with its optional linear warmup.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkStep } from "../schedules/_step.ts";
import { type KerasSchedule, withConfig } from "./_keras_schedule.ts";

/** Options of {@linkcode CosineDecay} (Keras' kwargs in camelCase; no `name`). */
export interface CosineDecayOptions {
  /** The learning rate `I` at step 0 (where the warmup starts, if there is one). */
  initialLearningRate: number;
  /** The length `T > 0` of the cosine decay (after the warmup). */
  decaySteps: number;
  /** The floor of the multiplier: the decay ends at `alpha` times its start (default 0). */
  alpha?: number;
  /** The value `P` the warmup reaches and the decay starts from (default `null`: no warmup). */
  warmupTarget?: number | null;
  /** The length `W >= 0` of the linear warmup (default 0; used only with `warmupTarget`). */
  warmupSteps?: number;
}

/**
 * Keras 3's `keras.optimizers.schedules.CosineDecay`
 * (keras/src/optimizers/schedules/learning_rate_schedule.py), in float64:
 *
 * ```
 * decay(s, from) = from * ((1 - alpha) * (0.5 * (1 + cos(pi * (s / T)))) + alpha)
 * without warmupTarget:  lr(t) = decay(min(t, T), I)
 * with warmupTarget P:   u = min(t, T + W)
 *                        lr(t) = (P - I) * (u / W) + I     if u < W
 *                              = decay(u - W, P)           otherwise
 * ```
 *
 * - `I` (`initialLearningRate`), `T` (`decaySteps`), `P` (`warmupTarget`), `W`
 *   (`warmupSteps`); `t`: the step.
 *
 * @throws {RangeError} `decaySteps must be positive, got decaySteps=0`, `warmupSteps must be
 * non-negative, got warmupSteps=-1`; also for a non-finite value.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example Warm up from 0 to 0.1 over 10 steps, then decay to 0 over 50
 * ```ts
 * import { CosineDecay } from "./cosine_decay.ts";
 * const lr = CosineDecay({
 *   initialLearningRate: 0, decaySteps: 50, warmupTarget: 0.1, warmupSteps: 10,
 * });
 * if (lr(5) !== 0.05 || lr(10) !== 0.1 || lr(60) !== 0 || lr(99) !== 0) throw new Error("?");
 * ```
 */
export function CosineDecay(
  options: CosineDecayOptions,
): KerasSchedule<Required<CosineDecayOptions>> {
  check.options("CosineDecay", options, [
    "initialLearningRate",
    "decaySteps",
    "alpha",
    "warmupTarget",
    "warmupSteps",
  ], { nullable: ["warmupTarget"] });
  const { initialLearningRate, decaySteps, alpha = 0, warmupTarget = null } = options;
  const { warmupSteps = 0 } = options;
  check.finite("initialLearningRate", initialLearningRate);
  check.positive("decaySteps", decaySteps);
  check.finite("alpha", alpha);
  if (warmupTarget !== null) check.finite("warmupTarget", warmupTarget);
  check.nonNegative("warmupSteps", warmupSteps);
  const decay = (s: number, from: number) => {
    const completedFraction = s / decaySteps;
    const cosineDecayed = 0.5 * (1.0 + Math.cos(Math.PI * completedFraction));
    const decayed = (1 - alpha) * cosineDecayed + alpha;
    return from * decayed;
  };
  return withConfig("CosineDecay", (step) => {
    const t = checkStep(step);
    if (warmupTarget === null) return decay(Math.min(t, decaySteps), initialLearningRate);
    const u = Math.min(t, decaySteps + warmupSteps);
    if (u < warmupSteps) {
      const completedFraction = u / warmupSteps;
      const totalStepDelta = warmupTarget - initialLearningRate;
      return totalStepDelta * completedFraction + initialLearningRate;
    }
    return decay(u - warmupSteps, warmupTarget);
  }, { initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps });
}
