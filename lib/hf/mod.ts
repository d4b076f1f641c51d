/**
 * anneal/hf: Hugging Face transformers' learning-rate schedules (`optimization.py`) in
 * camelCase, each returning a scheduler with anneal's usual API and transformers' numbers.
 *
 * @example
 * ```ts
 * import { getCosineScheduleWithWarmup } from "./mod.ts";
 * const optimizer = { paramGroups: [{ lr: 3e-4 }] };
 * const s = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 1000 });
 * for (let i = 0; i < 100; i++) s.step();
 * if (optimizer.paramGroups[0]!.lr !== 3e-4) throw new Error("warmup ends at the initial lr");
 * ```
 *
 * @module
 */

export * from "./hf_lambda_lr.ts";
export * from "./constant.ts";
export * from "./linear.ts";
export * from "./cosine.ts";
export * from "./polynomial.ts";
export * from "./inverse_sqrt.ts";
export * from "./cosine_with_min_lr.ts";
export * from "./wsd.ts";
export * from "./reduce_on_plateau.ts";
export * from "./get_scheduler.ts";
