/**
 * What every op needs to build its node: {@linkcode opResult} creates the output tensor and
 * links its parents when a gradient can flow; {@linkcode gradOf} returns an input's gradient
 * buffer, allocating it on first use (never during a replay); {@linkcode claimGrad} lets an op
 * overwrite a gradient nothing has written yet in this pass, instead of adding to zeros.
 *
 * @module
 */

import { isGradEnabled } from "./_graph.ts";
import { sizeOf } from "./_shape.ts";
import { Tensor } from "./tensor.ts";
import { allocData, type DType, type Storage } from "./_storage.ts";

/**
 * Creates the output of an op: a fresh zero buffer of `dtype` (default the first parent's, else
 * float64), recording `parents` when a gradient can flow. The op then launches its forward
 * kernel and sets `_backward`.
 */
export function opResult(
  op: string,
  shape: readonly number[],
  parents: Tensor[],
  dtype: DType = parents[0]?.dtype ?? "float64",
): Tensor {
  const out = new Tensor(allocData(dtype, sizeOf(shape)), shape);
  (out as { op: string }).op = op;
  if (isGradEnabled() && parents.some((p) => p.requiresGrad)) {
    out.requiresGrad = true;
    out._parents = parents;
  }
  return out;
}

/**
 * The grad buffer of `t`, ready for `+=`: allocated on first use, and zero-filled if this is the
 * first gradient `t` receives in the current backward pass.
 */
export function gradOf(t: Tensor): Storage {
  const g = t.grad ??= allocData(t.dtype, t.data.length);
  if (t._gradFresh) {
    g.fill(0);
    t._gradFresh = false;
  }
  return g;
}

/**
 * True when this is the first gradient `t` receives in the current backward pass (clearing the
 * mark): the caller must then overwrite every element of `gradOf(t)` instead of adding to it.
 * Leaves are never fresh: their gradients accumulate across passes.
 */
export function claimGrad(t: Tensor): boolean {
  if (!t._gradFresh) return false;
  t._gradFresh = false;
  t.grad ??= allocData(t.dtype, t.data.length);
  return true;
}
