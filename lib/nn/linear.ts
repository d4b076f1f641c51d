/**
 * `Linear`: y = x Wᵀ + b, PyTorch's `nn.Linear` with its default initialisation.
 *
 * @module
 */

import * as check from "../_check.ts";
import { Random } from "../random.ts";
import { linear } from "../tensor/matmul.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { zeros } from "../tensor/factories.ts";
import { resetLinear } from "./init.ts";
import { arena, checkDtype, type DType } from "../tensor/_storage.ts";
import { Module } from "./module.ts";

/** Options of {@linkcode Linear}. */
export interface LinearOptions {
  /** The stream the initial weights come from; default the library's global stream. */
  rng?: Random;
  /** Whether to add a learnable bias. Default true. */
  bias?: boolean;
  /** The parameters' dtype (PyTorch's `dtype=` factory argument): "float64" (default) or "float32". */
  dtype?: DType;
}

/**
 * A fully connected layer y = x Wᵀ + b with W `[outFeatures, inFeatures]` and b
 * `[outFeatures]`, initialised as PyTorch does: W, b ~ U(−1/√inFeatures, 1/√inFeatures)
 * (kaiming_uniform_ with a = √5 for W), weights drawn first in row-major order, then the bias.
 * With `dtype: "float32"` the parameters are float32 (the same draws, rounded to nearest).
 *
 * @example
 * ```ts
 * import { Linear } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * import { Random } from "../random.ts";
 * const fc = new Linear(4, 3, { rng: new Random(0) });
 * console.assert(fc.forward(tensor([[1, 2, 3, 4]])).shape.join() === "1,3");
 * const half = new Linear(4, 3, { dtype: "float32" });
 * console.assert(half.forward(tensor([[1, 2, 3, 4]], undefined, { dtype: "float32" })).dtype === "float32");
 * ```
 */
export class Linear extends Module {
  /** The weight W, `[outFeatures, inFeatures]`. */
  readonly weight: Tensor;
  /** The bias b, `[outFeatures]`, or null when created with `bias: false`. */
  readonly bias: Tensor | null;

  /**
   * A layer with freshly initialised parameters (PyTorch's `reset_parameters`).
   *
   * @param inFeatures The size of each input row, a positive integer.
   * @param outFeatures The size of each output row, a positive integer.
   * @param options `bias` (default true), `rng`, the stream the initialiser draws from, and
   *   `dtype` ("float64" by default, or "float32").
   */
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    check.positiveInteger("inFeatures", inFeatures);
    check.positiveInteger("outFeatures", outFeatures);
    check.options("Linear", options, ["rng", "bias", "dtype"]);
    const bias = check.boolean("bias", options.bias ?? true);
    const dtype = options.dtype === undefined ? "float64" : checkDtype(options.dtype);
    if (options.rng !== undefined && !(options.rng instanceof Random)) {
      throw new TypeError(`Linear: rng must be a Random, got rng=${check.show(options.rng)}`);
    }
    // parameters live in WebAssembly memory, where the matrix products use them in place
    this.weight = this.registerParameter(
      "weight",
      arena(() => zeros([outFeatures, inFeatures], { dtype })),
    );
    this.bias = bias
      ? this.registerParameter("bias", arena(() => zeros([outFeatures], { dtype })))
      : null;
    resetLinear(this, { rng: options.rng });
  }

  /** x Wᵀ + b for x `[batch, inFeatures]`. */
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}
