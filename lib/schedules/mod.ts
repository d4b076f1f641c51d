/**
 * anneal/schedules: pure schedules, `(step) => value`, each built from an options object that
 * is validated once (optax style).
 *
 * Naming: the seed's three decays keep the seed's symbols (`stepDecay({ lr0, beta, period })`,
 * `exponentialDecay({ lr0, k })`, `inverseTimeDecay({ lr0, k })`); their optax and Keras
 * generalisations are further options of the same functions (`decayRate`, `transitionSteps`,
 * `transitionBegin`, `staircase`, `endValue`). Every other schedule is optax's name in
 * camelCase with optax's option names (`initValue`, `peakValue`, `endValue`, `decaySteps`,
 * `warmupSteps`); `oneCycleSchedule` takes PyTorch `OneCycleLR`'s option names. Drive an
 * optimizer with any of them through the `ScheduleLR` scheduler.
 *
 * @module
 */

export type { Schedule } from "./schedule.ts";
export * from "./step_decay.ts";
export * from "./exponential_decay.ts";
export * from "./inverse_time_decay.ts";
export * from "./constant.ts";
export * from "./linear.ts";
export * from "./polynomial.ts";
export * from "./cosine_decay.ts";
export * from "./inverse_sqrt.ts";
export * from "./piecewise_constant.ts";
export * from "./join.ts";
export * from "./warmup_cosine_decay.ts";
export * from "./warmup_stable_decay.ts";
export * from "./sgdr.ts";
export * from "./one_cycle.ts";
