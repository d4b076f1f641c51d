/**
 * anneal/schedulers.
 *
 * @module
 */

export * from "./lr_scheduler.ts";
export { setWarningHandler } from "./_warn.ts";
export type { WarningHandler } from "./_warn.ts";
export * from "./lambda_lr.ts";
export * from "./multiplicative_lr.ts";
export * from "./step_lr.ts";
export * from "./multi_step_lr.ts";
export * from "./constant_lr.ts";
export * from "./linear_lr.ts";
export * from "./exponential_lr.ts";
export * from "./polynomial_lr.ts";
export * from "./cosine_annealing_lr.ts";
export * from "./py_repr.ts";
export * from "./schedule_lr.ts";
export * from "./cosine_annealing_warm_restarts.ts";
export * from "./cyclic_lr.ts";
export * from "./one_cycle_lr.ts";
export * from "./reduce_lr_on_plateau.ts";
export * from "./sequential_lr.ts";
export * from "./chained_scheduler.ts";
export * from "./collect_lrs.ts";
export * from "./swalr.ts";
export * from "./warmup_lr.ts";
export * from "./paramwise_scheduler.ts";
