/**
 * anneal/optim: PyTorch's optimizers: Optimizer (paramGroups, zeroGrad, step, state dicts),
 * SGD, Adam, AdamW. Any of them is an `OptimizerLike` that schedulers drive.
 *
 * @module
 */

export {
  checkLr,
  checkWeightDecay,
  Optimizer,
  type OptimizerGroup,
  type OptimizerState,
  type ParamsInput,
  type ParamState,
} from "./optimizer.ts";
export { SGD, type SGDGroup, type SGDOptions } from "./sgd.ts";
export { Adam, type AdamGroup, type AdamOptions, AdamW } from "./adam.ts";
