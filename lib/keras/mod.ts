/**
 * anneal/keras: Keras 3's learning-rate schedules (`keras.optimizers.schedules`) under their
 * Keras names, with Keras' options (camelCased kwargs, no `name`) and Keras' numbers: the
 * arithmetic of keras/src/optimizers/schedules/learning_rate_schedule.py, operation for
 * operation, in float64 (a float64 `initial_learning_rate`; Keras computes in the dtype of
 * the initial rate, float32 by default).
 *
 * Each is a function called without `new` (as in Python) that returns a
 * {@linkcode KerasSchedule}: a plain `Schedule`, `(step) => lr`, so `ScheduleLR` can drive an
 * optimizer with it, that also carries `getConfig()` (Keras' `get_config()` in camelCase).
 *
 * @example
 * ```ts
 * import * as keras from "./mod.ts";
 * const lr = keras.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10 });
 * const again = keras.CosineDecayRestarts(lr.getConfig());
 * if (again(17) !== lr(17)) throw new Error("getConfig() rebuilds the schedule");
 * ```
 *
 * @module
 */

export type { KerasSchedule } from "./_keras_schedule.ts";
export * from "./exponential_decay.ts";
export * from "./piecewise_constant_decay.ts";
export * from "./polynomial_decay.ts";
export * from "./inverse_time_decay.ts";
export * from "./cosine_decay.ts";
export * from "./cosine_decay_restarts.ts";
