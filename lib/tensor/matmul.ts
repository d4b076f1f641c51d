/**
 * Matrix products: `matmul` (2-D × 2-D) and the fused `linear` (x Wᵀ + b, PyTorch's
 * `F.linear`), whose one kernel replaces matmul, transpose and a broadcast add. Loop orders keep
 * the innermost loop on contiguous rows: every product runs through `gemmAny` (SIMD WebAssembly,
 * float64 or float32 by the operands' dtype, with a JavaScript fallback that adds the same terms
 * in the same order); a transposed left operand is a stride, a transposed right operand is copied
 * into a scratch buffer allocated once per op. Operands of different dtypes are refused with
 * PyTorch's message (`expected mat1 and mat2 to have the same dtype, but got: float != double`),
 * as torch refuses them rather than promoting.
 *
 * @module
 */

import { tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { gemmAny, transposeInto } from "./_gemm.ts";
import { showShape } from "./_shape.ts";
import { claimGrad, gradOf, opResult } from "./_op.ts";
import type { Tensor } from "./tensor.ts";
import { allocData, cName } from "./_storage.ts";

/** Throws PyTorch's TypeError unless `a` and `b` (named `aName`, `bName`) share a dtype. */
function sameDtype(op: string, a: Tensor, aName: string, b: Tensor, bName: string): void {
  if (a.dtype !== b.dtype) {
    throw new TypeError(
      `${op}: expected mat1 and mat2 to have the same dtype, but got: ${cName(a.dtype)} != ${
        cName(b.dtype)
      } (${aName} is ${a.dtype}, ${bName} is ${b.dtype})`,
    );
  }
}

/**
 * The matrix product C = A B of A `[m, k]` and B `[k, n]`.
 * ∂L/∂A = ∂L/∂C Bᵀ, ∂L/∂B = Aᵀ ∂L/∂C.
 *
 * @example
 * ```ts
 * import { matmul, tensor } from "./mod.ts";
 * const c = matmul(tensor([[1, 2], [3, 4]]), tensor([[1], [1]]));
 * console.assert(c.toArray().join() === "3,7");
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  tensorArg("matmul", "a", a);
  tensorArg("matmul", "b", b);
  if (a.rank !== 2 || b.rank !== 2 || a.shape[1] !== b.shape[0]) {
    throw new RangeError(`matmul: cannot multiply ${showShape(a.shape)} by ${showShape(b.shape)}`);
  }
  sameDtype("matmul", a, "a", b, "b");
  const m = a.shape[0]!, k = a.shape[1]!, n = b.shape[1]!;
  const out = opResult("matmul", [m, n], [a, b]);
  const x = a.data, y = b.data, o = out.data;
  launch(() => gemmAny(m, n, k, x, k, 1, y, o, false, null));
  const yt = allocData(a.dtype, k * n); // Bᵀ, [n, k]
  out._backward = () => {
    const g = out.grad!;
    if (a.requiresGrad) {
      transposeInto(y, k, n, yt);
      const overwrite = claimGrad(a);
      gemmAny(m, k, n, g, n, 1, yt, gradOf(a), !overwrite, null); // ∂A (+)= G Bᵀ
    }
    if (b.requiresGrad) {
      const overwrite = claimGrad(b);
      gemmAny(k, n, m, x, 1, k, g, gradOf(b), !overwrite, null); // ∂B (+)= Aᵀ G
    }
  };
  return out;
}

/**
 * The affine map y = x Wᵀ + b of x `[batch, in]`, W `[out, in]` and b `[out]` (PyTorch's
 * `F.linear`), as one fused kernel: the bias initialises each sum. ∂L/∂x = G W, ∂L/∂W = Gᵀ x, ∂L/∂b = Σᵢ G[i].
 *
 * @example
 * ```ts
 * import { linear, tensor } from "./mod.ts";
 * const y = linear(tensor([[1, 2]]), tensor([[1, 1], [1, -1]]), tensor([10, 20]));
 * console.assert(y.toArray().join() === "13,19");
 * ```
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  tensorArg("linear", "x", x);
  tensorArg("linear", "weight", weight);
  if (bias !== undefined && bias !== null) tensorArg("linear", "bias", bias);
  if (x.rank !== 2 || weight.rank !== 2 || x.shape[1] !== weight.shape[1]) {
    throw new RangeError(
      `linear: cannot multiply ${showShape(x.shape)} by the transpose of weight ${
        showShape(weight.shape)
      }`,
    );
  }
  const batch = x.shape[0]!, nIn = x.shape[1]!, nOut = weight.shape[0]!;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== nOut)) {
    throw new RangeError(`linear: bias must have shape [${nOut}], got ${showShape(bias.shape)}`);
  }
  sameDtype("linear", x, "x", weight, "weight");
  if (bias) sameDtype("linear", x, "x", bias, "bias");
  const out = opResult("linear", [batch, nOut], bias ? [x, weight, bias] : [x, weight]);
  const xd = x.data, w = weight.data, b = bias?.data ?? null, o = out.data;
  const wt = allocData(x.dtype, nOut * nIn); // Wᵀ, [in, out]
  const ones = allocData(x.dtype, batch).fill(1); // sums G's columns for ∂b
  launch(() => {
    transposeInto(w, nOut, nIn, wt);
    gemmAny(batch, nOut, nIn, xd, nIn, 1, wt, o, false, b); // y = b + x Wᵀ
  });
  out._backward = () => {
    const g = out.grad!;
    if (x.requiresGrad) {
      const overwrite = claimGrad(x);
      gemmAny(batch, nIn, nOut, g, nOut, 1, w, gradOf(x), !overwrite, null); // ∂x (+)= G W
    }
    if (weight.requiresGrad) {
      const overwrite = claimGrad(weight);
      gemmAny(nOut, nIn, batch, g, 1, nOut, xd, gradOf(weight), !overwrite, null); // ∂W (+)= Gᵀ x
    }
    if (bias?.requiresGrad) {
      const overwrite = claimGrad(bias);
      gemmAny(1, nOut, batch, ones, batch, 1, g, gradOf(bias), !overwrite, null); // ∂b (+)= 1ᵀ G
    }
  };
  return out;
}
