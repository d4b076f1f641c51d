/**
 * Reductions over all elements or one axis: sum, mean, max (gradient to the first maximum, as
 * PyTorch's `max(dim)` routes it through its indices) and argmax. The input is viewed as
 * `[outer, n, inner]` around the axis; output element `(o, j)` reduces `x[(o·n + k)·inner + j]`.
 * Sums accumulate in float64 (JavaScript numbers) for either dtype; a float32 result is the sum
 * rounded once, which can differ from torch's float32 accumulation in the last bits.
 *
 * @module
 */

import * as check from "../_check.ts";
import { axisArg, tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { normalizeAxis, showShape, splitAt } from "./_shape.ts";
import { gradOf, opResult } from "./_op.ts";
import type { Tensor } from "./tensor.ts";
import { allocData, type Storage } from "./_storage.ts";

/** Options of the reductions. */
export interface ReduceOptions {
  /** Keep the reduced axis with length 1 (PyTorch's `keepdim`). Default false. */
  keepdim?: boolean;
}

interface Plan {
  shape: number[];
  outer: number;
  n: number;
  inner: number;
}

function plan(op: string, a: Tensor, axis: number | undefined, options: ReduceOptions): Plan {
  tensorArg(op, "a", a);
  axisArg(op, axis, true);
  check.options(op, options, ["keepdim"]);
  const keepdim = check.boolean("keepdim", options.keepdim ?? false);
  if (axis === undefined) {
    return { shape: keepdim ? a.shape.map(() => 1) : [], outer: 1, n: a.size, inner: 1 };
  }
  const ax = normalizeAxis(op, axis, a.rank);
  const [outer, n, inner] = splitAt(a.shape, ax);
  const shape = keepdim
    ? a.shape.map((d, i) => i === ax ? 1 : d)
    : a.shape.filter((_, i) => i !== ax);
  return { shape, outer, n, inner };
}

function nonEmpty(op: string, a: Tensor, p: Plan): void {
  if (p.n === 0) {
    throw new RangeError(`${op}: cannot reduce an empty axis of shape ${showShape(a.shape)}`);
  }
}

/**
 * Σ x over all elements or along `axis`. ∂/∂x = 1 for every summed element.
 *
 * @example
 * ```ts
 * import { sum, tensor } from "./mod.ts";
 * const x = tensor([[1, 2], [3, 4]]);
 * console.assert(sum(x).item() === 10 && sum(x, 0).toArray().join() === "4,6");
 * ```
 */
export function sum(a: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  return sumScaled("sum", a, axis, options, false);
}

/**
 * Mean over all elements or along `axis`: Σ x / n. ∂/∂x = 1/n.
 *
 * @example
 * ```ts
 * import { mean, tensor } from "./mod.ts";
 * console.assert(mean(tensor([[1, 2], [3, 4]]), 1).toArray().join() === "1.5,3.5");
 * ```
 */
export function mean(a: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  return sumScaled("mean", a, axis, options, true);
}

function sumScaled(
  op: string,
  a: Tensor,
  axis: number | undefined,
  options: ReduceOptions,
  average: boolean,
): Tensor {
  const p = plan(op, a, axis, options);
  if (average) nonEmpty(op, a, p);
  const { outer, n, inner } = p;
  const out = opResult(op, p.shape, [a]);
  const x = a.data, o = out.data;
  const scale = average ? 1 / n : 1;
  launch(() => {
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += x[(i * n + k) * inner + j]!;
        o[i * inner + j] = average ? s / n : s;
      }
    }
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        const gij = g[i * inner + j]! * scale;
        for (let k = 0; k < n; k++) ga[(i * n + k) * inner + j]! += gij;
      }
    }
  };
  return out;
}

/**
 * Maximum over all elements or along `axis`. The gradient flows to the first maximal element
 * only (the index `argmax` reports).
 *
 * @example
 * ```ts
 * import { max, tensor } from "./mod.ts";
 * console.assert(max(tensor([[1, 5], [7, 2]]), 1).toArray().join() === "5,7");
 * ```
 */
export function max(a: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  const p = plan("max", a, axis, options);
  nonEmpty("max", a, p);
  const { outer, n, inner } = p;
  const out = opResult("max", p.shape, [a]);
  const x = a.data, o = out.data;
  const at = new Int32Array(o.length);
  launch(() => argmaxKernel(x, outer, n, inner, at, o));
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        ga[(i * n + at[i * inner + j]!) * inner + j]! += g[i * inner + j]!;
      }
    }
  };
  return out;
}

/**
 * Index of the first maximum over all elements (flat index) or along `axis`, as a float64
 * tensor (whatever the input's dtype) without gradient. NaN counts as the maximum, as in PyTorch.
 *
 * @example
 * ```ts
 * import { argmax, tensor } from "./mod.ts";
 * console.assert(argmax(tensor([[1, 5], [7, 2]]), 1).toArray().join() === "1,0");
 * ```
 */
export function argmax(a: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  const p = plan("argmax", a, axis, options);
  nonEmpty("argmax", a, p);
  const { outer, n, inner } = p;
  const out = opResult("argmax", p.shape, [], "float64");
  const x = a.data, o = out.data;
  const at = new Int32Array(o.length);
  const best = allocData(a.dtype, o.length);
  launch(() => {
    argmaxKernel(x, outer, n, inner, at, best);
    for (let i = 0; i < o.length; i++) o[i] = at[i]!;
  });
  return out;
}

function argmaxKernel(
  x: Storage,
  outer: number,
  n: number,
  inner: number,
  at: Int32Array,
  best: Storage,
): void {
  for (let i = 0; i < outer; i++) {
    for (let j = 0; j < inner; j++) {
      let m = x[i * n * inner + j]!, mk = 0;
      for (let k = 1; k < n && m === m; k++) {
        const v = x[(i * n + k) * inner + j]!;
        if (v > m || v !== v) {
          m = v;
          mk = k;
        }
      }
      at[i * inner + j] = mk;
      best[i * inner + j] = m;
    }
  }
}
