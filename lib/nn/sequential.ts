/**
 * `Sequential`: modules applied in order, PyTorch's `nn.Sequential`.
 *
 * @module
 */

import type { Tensor } from "../tensor/tensor.ts";
import * as check from "../_check.ts";
import { Module, type UnaryModule } from "./module.ts";

/**
 * Applies its modules in order; their parameters are named `"0.weight"`, `"0.bias"`, ...
 *
 * @example
 * ```ts
 * import { Linear, ReLU, Sequential } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const net = new Sequential(new Linear(4, 20), new ReLU(), new Linear(20, 3));
 * console.assert(net.forward(tensor([[1, 2, 3, 4]])).shape.join() === "1,3");
 * console.assert(net.namedParameters()[2]![0] === "2.weight");
 * ```
 */
export class Sequential extends Module {
  /** The modules, in order. */
  readonly modules: readonly UnaryModule[];

  /**
   * Chains `modules`, registered as children `"0"`, `"1"`, ... (their parameters are named
   * `"0.weight"` and so on, as in PyTorch).
   *
   * @param modules The modules, applied in order.
   */
  constructor(...modules: UnaryModule[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) {
        throw new TypeError(
          `Sequential: modules must be Modules, got modules[${i}]=${check.show(m)}`,
        );
      }
    });
    this.modules = modules;
    modules.forEach((m, i) => this.registerModule(String(i), m));
  }

  /** Feeds `x` through every module in turn. */
  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.modules) y = m.forward(y);
    return y;
  }
}
