/**
 * anneal/tensor: a float64 (or float32) Tensor with reverse-mode autograd, and `capture` to
 * replay a whole training step without allocating.
 *
 * Every op is a node with an output buffer allocated once, a forward kernel and a backward kernel
 * written side by side in the op's file (micrograd's layout). Eager code runs each kernel once;
 * `capture(step)` records the kernels one call of `step` launches and replays them on the same
 * buffers (tinygrad's TinyJit idea). Matrix products and ReLU run in WebAssembly SIMD kernels
 * (_kernels.wat) with JavaScript fallbacks.
 *
 * @module
 */

export { capture, isGradEnabled, noGrad } from "./_graph.ts";
export { arena } from "./_storage.ts";
export { type NestedArray, Tensor, tensor, type TensorOptions } from "./tensor.ts";
export type { DType, Storage } from "./_storage.ts";
export { add, div, mul, sub } from "./elementwise.ts";
export { exp, log, neg, relu, sigmoid, tanh } from "./unary.ts";
export { argmax, max, mean, type ReduceOptions, sum } from "./reduce.ts";
export { linear, matmul } from "./matmul.ts";
export { reshape, transpose } from "./layout.ts";
export { logSoftmax, softmax } from "./softmax.ts";
export {
  crossEntropy,
  type CrossEntropyOptions,
  type Labels,
  type Reduction,
} from "./cross_entropy.ts";
export { full, ones, rand, randn, type RandomTensorOptions, zeros } from "./factories.ts";
