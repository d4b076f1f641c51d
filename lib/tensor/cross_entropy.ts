/**
 * Softmax cross-entropy of logits against integer class labels, fused: one kernel computes the
 * row's log-sum-exp and loss and keeps the softmax probabilities, so the backward kernel is
 * ∂L/∂zᵢₖ = s · (pᵢₖ − [k = yᵢ]) with s = 1/N for "mean", 1 for "sum", Gᵢ for "none".
 * The loss has the logits' dtype; with float32 logits the probabilities and per-sample losses
 * are stored in float32 and the sums run in float64 before the final rounding.
 *
 * @module
 */

import { tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { showShape } from "./_shape.ts";
import { claimGrad, gradOf, opResult } from "./_op.ts";
import type { Tensor } from "./tensor.ts";
import { allocData } from "./_storage.ts";
import { oneOf, options as checkOptions, show } from "../_check.ts";

/** How per-sample losses combine (PyTorch's `reduction`). */
export type Reduction = "mean" | "sum" | "none";

/** Options of {@linkcode crossEntropy}. */
export interface CrossEntropyOptions {
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** Class labels: integers in [0, classes). Replays read the same array, so mutate it in place. */
export type Labels = Int32Array | readonly number[] | ArrayLike<number>;

function checkLabels(labels: Labels, batch: number, classes: number): void {
  for (let i = 0; i < batch; i++) {
    const y = labels[i]!;
    if (typeof y !== "number") {
      throw new TypeError(
        `crossEntropy: labels must be integers in [0, ${classes - 1}], got labels[${i}]=${show(y)}`,
      );
    }
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new RangeError(
        `crossEntropy: labels must be integers in [0, ${classes - 1}], got labels[${i}]=${y}`,
      );
    }
  }
}

/**
 * Lᵢ = −log softmax(zᵢ)[yᵢ] = logΣₖ e^(zᵢₖ) − zᵢ,yᵢ for logits z `[N, C]` and labels y
 * (PyTorch's `F.cross_entropy` with class indices), reduced by mean (default), sum or none.
 *
 * @example
 * ```ts
 * import { crossEntropy, tensor } from "./mod.ts";
 * const loss = crossEntropy(tensor([[0, 0], [0, 0]]), [0, 1]);
 * console.assert(Math.abs(loss.item() - Math.LN2) < 1e-15);
 * ```
 */
export function crossEntropy(
  logits: Tensor,
  labels: Labels,
  options: CrossEntropyOptions = {},
): Tensor {
  tensorArg("crossEntropy", "logits", logits);
  options = checkOptions("crossEntropy", options, ["reduction"]);
  const reduction = oneOf("reduction", options.reduction ?? "mean", ["mean", "sum", "none"]);
  if (
    typeof labels !== "object" || labels === null || typeof labels.length !== "number"
  ) {
    throw new TypeError(
      `crossEntropy: labels must be an array of integers, got labels=${show(labels)}`,
    );
  }
  if (logits.rank !== 2 || logits.shape[0] === 0 || logits.shape[1] === 0) {
    throw new RangeError(
      `crossEntropy: logits must have shape [batch, classes] with batch, classes ≥ 1, got ${
        showShape(logits.shape)
      }`,
    );
  }
  const batch = logits.shape[0]!, classes = logits.shape[1]!;
  if (labels?.length !== batch) {
    throw new RangeError(
      `crossEntropy: expected ${batch} labels for logits of shape ${
        showShape(logits.shape)
      }, got ${labels?.length}`,
    );
  }
  checkLabels(labels, batch, classes);
  const out = opResult("crossEntropy", reduction === "none" ? [batch] : [], [logits]);
  const z = logits.data, o = out.data;
  const prob = allocData(logits.dtype, z.length);
  const losses = allocData(logits.dtype, batch);
  launch(() => {
    checkLabels(labels, batch, classes);
    let total = 0;
    for (let i = 0; i < batch; i++) {
      const row = i * classes;
      let m = -Infinity;
      for (let k = 0; k < classes; k++) m = Math.max(m, z[row + k]!);
      let s = 0;
      for (let k = 0; k < classes; k++) s += prob[row + k] = Math.exp(z[row + k]! - m);
      const lse = Math.log(s);
      for (let k = 0; k < classes; k++) prob[row + k]! /= s;
      const li = lse - (z[row + labels[i]!]! - m);
      losses[i] = li;
      total += li;
    }
    if (reduction === "none") o.set(losses);
    else o[0] = reduction === "mean" ? total / batch : total;
  });
  out._backward = () => {
    const overwrite = claimGrad(logits);
    const g = out.grad!, gz = gradOf(logits);
    for (let i = 0; i < batch; i++) {
      const s = reduction === "none" ? g[i]! : reduction === "mean" ? g[0]! / batch : g[0]!;
      const row = i * classes, y = labels[i]!;
      for (let k = 0; k < classes; k++) {
        const d = s * (k === y ? prob[row + k]! - 1 : prob[row + k]!);
        gz[row + k] = overwrite ? d : gz[row + k]! + d;
      }
    }
  };
  return out;
}
