/**
 * `ReLU`: max(x, 0) as a module.
 *
 * @module
 */

import { relu } from "../tensor/unary.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { Module } from "./module.ts";

/**
 * The rectifier max(x, 0), PyTorch's `nn.ReLU`.
 *
 * @example
 * ```ts
 * import { ReLU } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * console.assert(new ReLU().forward(tensor([-1, 2])).toArray().join() === "0,2");
 * ```
 */
export class ReLU extends Module {
  /** max(x, 0), elementwise. */
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}
