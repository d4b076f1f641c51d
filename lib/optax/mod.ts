/**
 * anneal/optax: every schedule of `optax.schedules` under its optax name in camelCase, with
 * optax's options (camelCased kwargs) and optax's numbers: the arithmetic of
 * optax/schedules/_schedule.py and _join.py, operation for operation, in float64 (optax under
 * `jax_enable_x64`). Each returns a {@linkcode Schedule}, so `ScheduleLR` can drive an
 * optimizer with it. Where optax falls back to a constant schedule (a non-positive
 * `transitionSteps`, a zero `decayRate`) these do too; where optax raises, these throw.
 *
 * The top-level `oneCycleSchedule`, `sgdrSchedule` and `warmupCosineDecaySchedule` of
 * anneal/schedules are PyTorch's (and Hugging Face's) variants; the functions here are
 * optax's. `inject_hyperparams` and friends wrap optimizers, not schedules, and have no
 * counterpart here.
 *
 * @example
 * ```ts
 * import * as optax from "./mod.ts";
 * const lr = optax.cosineOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 });
 * if (lr(30) !== 0.1) throw new Error("optax's one-cycle peaks at step trunc(0.3 * 100)");
 * ```
 *
 * @module
 */

export type { Schedule } from "../schedules/schedule.ts";
export * from "./constant_schedule.ts";
export * from "./polynomial_schedule.ts";
export * from "./linear_schedule.ts";
export * from "./piecewise_constant_schedule.ts";
export * from "./exponential_decay.ts";
export * from "./cosine_decay_schedule.ts";
export * from "./piecewise_interpolate_schedule.ts";
export * from "./linear_onecycle_schedule.ts";
export * from "./cosine_onecycle_schedule.ts";
export * from "./warmup_constant_schedule.ts";
export * from "./warmup_cosine_decay_schedule.ts";
export * from "./warmup_exponential_decay_schedule.ts";
export * from "./sgdr_schedule.ts";
export * from "./join_schedules.ts";
