/**
 * anneal/nn: modules (PyTorch's `nn`): Module, Linear, ReLU, Sequential, CrossEntropyLoss, and
 * in-place initialisers.
 *
 * @module
 */

export { Module, type ModuleState, type SavedTensor, type UnaryModule } from "./module.ts";
export { Linear, type LinearOptions } from "./linear.ts";
export { ReLU } from "./relu.ts";
export { Sequential } from "./sequential.ts";
export { CrossEntropyLoss, type CrossEntropyLossOptions } from "./loss.ts";
export {
  type InitOptions,
  type LinearLike,
  normal_,
  pynetInit_,
  resetLinear,
  uniform_,
  zeros_,
} from "./init.ts";
