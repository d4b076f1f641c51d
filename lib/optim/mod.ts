/**
 * anneal/optim: PyTorch's optimizers: Optimizer (paramGroups, zeroGrad, step, state dicts),
 * SGD, Adam, AdamW. Any of them is an `OptimizerLike` that schedulers drive.
 *
 * @module
 */

export type { Json, JsonObject, ParamGroup } from "../schedulers/lr_scheduler.ts";
export {
  Optimizer,
  type OptimizerGroup,
  type OptimizerState,
  type ParamsInput,
  type ParamState,
} from "./optimizer.ts";
export { SGD, type SGDGroup, type SGDOptions, type SGDState } from "./sgd.ts";
export { Adam, type AdamGroup, type AdamOptions, type AdamState, AdamW } from "./adam.ts";
export * from "./swa_utils.ts";
