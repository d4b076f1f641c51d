/**
 * Keras' `PiecewiseConstantDecay`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkStep } from "../schedules/_step.ts";
import { type KerasSchedule, withConfig } from "./_keras_schedule.ts";

/** Options of {@linkcode PiecewiseConstantDecay} (Keras' arguments). */
export interface PiecewiseConstantDecayOptions {
  /** The steps `b_0 < b_1 < ...` where the value changes: at least one. */
  boundaries: readonly number[];
  /** The values, one more than `boundaries`. */
  values: readonly number[];
}

/**
 * Keras 3's `keras.optimizers.schedules.PiecewiseConstantDecay`
 * (keras/src/optimizers/schedules/learning_rate_schedule.py): `values[0]` up to and
 * including step `b_0`, `values[i]` for `b_(i-1) < t <= b_i`, the last value after the last
 * boundary. Computed as Keras does, as a sum of indicator times value:
 *
 * ```
 * lr(t) = [t <= b_0] v_0 + [t > b_last] v_last + sum_i [b_(i-1) < t <= b_i] v_i
 * ```
 *
 * Note the boundary itself still has the earlier value (`t <= b`), unlike optax's and
 * PyTorch's milestones.
 *
 * @throws {RangeError} `The length of boundaries should be 1 less than the length of values,
 * got boundaries=[10] of length 1 and values=[1] of length 1` (Keras' message); also for no
 * boundary or a non-finite element.
 * @throws {TypeError} for options that are not an object, hold an unknown key, or arrays
 * that are not arrays.
 *
 * @example 1.0 up to step 10, 0.5 up to step 20, then 0.1
 * ```ts
 * import { PiecewiseConstantDecay } from "./piecewise_constant_decay.ts";
 * const lr = PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
 * if (lr(10) !== 1 || lr(11) !== 0.5 || lr(20) !== 0.5 || lr(21) !== 0.1) throw new Error("?");
 * ```
 */
export function PiecewiseConstantDecay(
  options: PiecewiseConstantDecayOptions,
): KerasSchedule<{ boundaries: number[]; values: number[] }> {
  check.options("PiecewiseConstantDecay", options, ["boundaries", "values"]);
  const { boundaries, values } = options;
  for (const [name, array] of [["boundaries", boundaries], ["values", values]] as const) {
    if (!Array.isArray(array)) {
      throw new TypeError(`${name} must be an array, got ${name}=${check.show(array)}`);
    }
    array.forEach((x, i) => check.finite(`${name}[${i}]`, x));
  }
  if (boundaries.length !== values.length - 1 || boundaries.length === 0) {
    throw new RangeError(
      `The length of boundaries should be 1 less than the length of values, got boundaries=${
        check.show(boundaries)
      } of length ${boundaries.length} and values=${check.show(values)} of length ${values.length}`,
    );
  }
  const b = [...boundaries];
  const v = [...values];
  const n = b.length;
  const indicator = (condition: boolean) => condition ? 1 : 0;
  return withConfig("PiecewiseConstantDecay", (step) => {
    const t = checkStep(step);
    let result = 0;
    result += indicator(t <= (b[0] as number)) * (v[0] as number);
    result += indicator(t > (b[n - 1] as number)) * (v[n] as number);
    for (let i = 1; i < n; i++) {
      result += indicator(t > (b[i - 1] as number) && t <= (b[i] as number)) * (v[i] as number);
    }
    return result;
  }, { boundaries: b, values: v });
}
