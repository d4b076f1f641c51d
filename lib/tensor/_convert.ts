/**
 * The dtype conversion behind `Tensor.to(dtype)`, `float()` and `double()`: the same tensor when
 * the dtype already matches (as PyTorch returns `self`), else a copy in the new dtype (float32
 * values rounded to nearest) whose backward converts the gradient back.
 *
 * @module
 */

import { launch } from "./_graph.ts";
import { gradOf, opResult } from "./_op.ts";
import type { DType } from "./_storage.ts";
import type { Tensor } from "./tensor.ts";

/** `a` in `dtype`: `a` itself when it has that dtype, else a differentiable converted copy. */
export function convert(a: Tensor, dtype: DType): Tensor {
  if (a.dtype === dtype) return a;
  const out = opResult("to", a.shape, [a], dtype);
  const x = a.data, o = out.data, n = o.length;
  launch(() => o.set(x));
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[i]! += g[i]!;
  };
  return out;
}
