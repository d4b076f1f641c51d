/**
 * anneal/timm: timm's schedulers (`timm.scheduler`) with timm's numbers and stepping model:
 * `step(epoch, metric?)` per epoch, `stepUpdate(numUpdates, metric?)` per optimizer update.
 *
 * @module
 */

export * from "./scheduler.ts";
export * from "./warmup_scheduler.ts";
export * from "./cosine_lr.ts";
export * from "./tanh_lr.ts";
export * from "./step_lr.ts";
export * from "./multistep_lr.ts";
export * from "./poly_lr.ts";
export * from "./plateau_lr.ts";
export * from "./scheduler_factory.ts";
export type { Json, JsonObject, ParamGroup } from "../schedulers/lr_scheduler.ts";
