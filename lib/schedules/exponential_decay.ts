/**
 * Exponential decay: the seed's `lr0 * e^(-k t)` and optax's `exponential_decay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/** Options of {@linkcode exponentialDecay}: give exactly one of `k` and `decayRate`. */
export interface ExponentialDecayOptions {
  /** The initial value `lr0`, held until `transitionBegin`. */
  lr0: number;
  /** The seed's decay constant `k >= 0`: the value falls as `e^(-k p)`. */
  k?: number;
  /** optax's `decay_rate > 0`: the value is multiplied by it every `transitionSteps` steps. */
  decayRate?: number;
  /** optax's `transition_steps`: the steps over which one decay happens (default 1). */
  transitionSteps?: number;
  /** optax's `transition_begin`: the steps the value is held at `lr0` first (default 0). */
  transitionBegin?: number;
  /** optax's `staircase`: decay at discrete intervals, flooring `p` (default false). */
  staircase?: boolean;
  /**
   * optax's `end_value`: a lower bound when the schedule decays (`k > 0` or `decayRate < 1`),
   * an upper bound when it grows (`decayRate > 1`).
   */
  endValue?: number;
}

/**
 * Exponential decay, in the seed's form or in optax's (`optax.exponential_decay`,
 * optax/schedules/_schedule.py), chosen by giving `k` or `decayRate`:
 *
 * ```
 * p     = (t - B) / T                 (floor(p) when staircase)
 * lr(t) = lr0                         if t <= B
 *       = lr0 * exp(-k * p)           seed form, with k
 *       = lr0 * decayRate ** p        optax form, with decayRate
 * ```
 *
 * then clipped to `endValue` when given (`max` when decaying, `min` when growing).
 * - `lr0`: the initial value; `t`: the step;
 * - `k`: the seed's decay constant; `decayRate`: the factor per `T` steps (Keras's
 *   `ExponentialDecay` is the optax form with `B = 0`, `decay_steps = T`);
 * - `T` (`transitionSteps`, default 1), `B` (`transitionBegin`, default 0).
 *
 * With the defaults the seed form is `lr0 * Math.exp(-k * t)` exactly as the seed computes
 * it (`t / 1` is `t`), and the optax form with `decayRate = gamma` is PyTorch's
 * `ExponentialLR` in closed form. Unlike optax, which falls back to a constant schedule for
 * a non-positive `transitionSteps` or a zero `decayRate`, those throw here.
 *
 * @throws {RangeError} `transitionSteps must be positive, got transitionSteps=0`; also for both
 * or neither of `k` and `decayRate`, a negative `k`, a non-positive `decayRate`, a negative
 * `transitionBegin` or a non-finite `lr0` or `endValue`.
 * @throws {TypeError} `staircase must be a boolean, got staircase=1`.
 *
 * @example The seed's exponential decay, lr0 = 1e-3, k = 0.5
 * ```ts
 * import { exponentialDecay } from "./exponential_decay.ts";
 * const lr = exponentialDecay({ lr0: 1e-3, k: 0.5 });
 * if (lr(0) !== 1e-3) throw new Error("starts at lr0");
 * if (lr(2) !== 1e-3 * Math.exp(-1)) throw new Error("e^-1 at t = 2");
 * ```
 *
 * @example optax's form: halve every 100 steps after 50, staircase, never below 1e-4
 * ```ts
 * import { exponentialDecay } from "./exponential_decay.ts";
 * const lr = exponentialDecay({
 *   lr0: 0.1, decayRate: 0.5, transitionSteps: 100, transitionBegin: 50, staircase: true,
 *   endValue: 1e-4,
 * });
 * if (lr(149) !== 0.1 || lr(150) !== 0.05 || lr(1e5) !== 1e-4) throw new Error("unexpected");
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  check.options("exponentialDecay", options, [
    "lr0",
    "k",
    "decayRate",
    "transitionSteps",
    "transitionBegin",
    "staircase",
    "endValue",
  ]);
  const { lr0, k, decayRate, transitionSteps = 1, transitionBegin = 0, staircase = false } =
    options;
  const { endValue } = options;
  check.finite("lr0", lr0);
  if ((k === undefined) === (decayRate === undefined)) {
    throw new RangeError(
      `exactly one of k and decayRate must be given, got k=${check.show(k)}, decayRate=${
        check.show(decayRate)
      }`,
    );
  }
  if (k !== undefined) check.nonNegative("k", k);
  if (decayRate !== undefined) check.positive("decayRate", decayRate);
  check.positive("transitionSteps", transitionSteps);
  check.nonNegative("transitionBegin", transitionBegin);
  check.boolean("staircase", staircase);
  if (endValue !== undefined) check.finite("endValue", endValue);
  const grows = decayRate !== undefined && decayRate > 1;
  const schedule: Schedule = (step) => {
    const decreased = checkStep(step) - transitionBegin;
    let p = decreased / transitionSteps;
    if (staircase) p = Math.floor(p);
    let value = decreased <= 0
      ? lr0
      : k !== undefined
      ? lr0 * Math.exp(-k * p)
      : lr0 * (decayRate as number) ** p;
    if (endValue !== undefined) {
      value = grows ? Math.min(value, endValue) : Math.max(value, endValue);
    }
    return value;
  };
  return described(schedule, {
    type: "exponentialDecay",
    lr0,
    k,
    decayRate,
    transitionSteps,
    transitionBegin,
    staircase,
    endValue,
  });
}
