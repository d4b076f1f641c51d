/**
 * `CrossEntropyLoss`: softmax cross-entropy with class labels, PyTorch's `nn.CrossEntropyLoss`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { crossEntropy, type Labels, type Reduction } from "../tensor/cross_entropy.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { Module } from "./module.ts";

/** Options of {@linkcode CrossEntropyLoss}. */
export interface CrossEntropyLossOptions {
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/**
 * Lᵢ = −log softmax(zᵢ)[yᵢ], averaged ("mean", default), summed ("sum") or per sample ("none").
 *
 * @example
 * ```ts
 * import { CrossEntropyLoss } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const loss = new CrossEntropyLoss({ reduction: "sum" }).forward(tensor([[0, 0]]), [1]);
 * console.assert(Math.abs(loss.item() - Math.LN2) < 1e-15);
 * ```
 */
export class CrossEntropyLoss extends Module {
  /** How per-sample losses combine. */
  readonly reduction: Reduction;

  /**
   * A loss module; throws a RangeError for an unknown reduction.
   *
   * @param options `reduction`: `"mean"` (default), `"sum"` or `"none"`.
   */
  constructor(options: CrossEntropyLossOptions = {}) {
    super();
    check.options("CrossEntropyLoss", options, ["reduction"]);
    this.reduction = check.oneOf("reduction", options.reduction ?? "mean", [
      "mean",
      "sum",
      "none",
    ]);
  }

  /** The loss of logits `[batch, classes]` against integer labels in [0, classes). */
  forward(logits: Tensor, labels: Labels): Tensor {
    return crossEntropy(logits, labels, { reduction: this.reduction });
  }
}
