/**
 * Layout ops: `transpose` (swap two axes, copying into row-major order) and `reshape` (same
 * values, new shape). Their backward kernels apply the inverse permutation.
 *
 * @module
 */

import * as check from "../_check.ts";
import { axisArg, tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { normalizeAxis, showShape, sizeOf, stridesOf } from "./_shape.ts";
import { gradOf, opResult } from "./_op.ts";
import type { Tensor } from "./tensor.ts";

/**
 * Swaps axes `axis0` and `axis1` (default the last two; a 1-D tensor is returned as is).
 *
 * @example
 * ```ts
 * import { tensor, transpose } from "./mod.ts";
 * const t = transpose(tensor([[1, 2, 3], [4, 5, 6]]));
 * console.assert(t.shape.join() === "3,2" && t.toArray().join() === "1,4,2,5,3,6");
 * ```
 */
export function transpose(a: Tensor, axis0 = -2, axis1 = -1): Tensor {
  tensorArg("transpose", "a", a);
  axisArg("transpose", axis0, false);
  axisArg("transpose", axis1, false);
  if (a.rank < 2) return reshape(a, a.shape);
  const d0 = normalizeAxis("transpose", axis0, a.rank);
  const d1 = normalizeAxis("transpose", axis1, a.rank);
  const shape = [...a.shape];
  shape[d0] = a.shape[d1]!;
  shape[d1] = a.shape[d0]!;
  // source index of each output element
  const inStrides = stridesOf(a.shape);
  const perm = [...inStrides];
  perm[d0] = inStrides[d1]!;
  perm[d1] = inStrides[d0]!;
  const n = sizeOf(shape);
  const src = new Int32Array(n);
  const counter = new Array<number>(shape.length).fill(0);
  for (let o = 0, offset = 0; o < n; o++) {
    src[o] = offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      counter[d]!++;
      offset += perm[d]!;
      if (counter[d]! < shape[d]!) break;
      offset -= perm[d]! * counter[d]!;
      counter[d] = 0;
    }
  }
  const out = opResult("transpose", shape, [a]);
  const x = a.data, o = out.data;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = x[src[i]!]!;
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[src[i]!]! += g[i]!;
  };
  return out;
}

/**
 * The same values in a new shape; one entry may be −1 (inferred).
 *
 * @example
 * ```ts
 * import { reshape, tensor } from "./mod.ts";
 * console.assert(reshape(tensor([1, 2, 3, 4, 5, 6]), [-1, 3]).shape.join() === "2,3");
 * ```
 */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  tensorArg("reshape", "a", a);
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number")) {
    throw new TypeError(
      `reshape: shape must be an array of integers, got shape=${check.show(shape)}`,
    );
  }
  const free = shape.indexOf(-1);
  const known = sizeOf(shape.filter((d) => d !== -1));
  const target = free < 0 ? [...shape] : shape.map((d) => d === -1 ? a.size / known : d);
  if (
    shape.filter((d) => d === -1).length > 1 ||
    target.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(target) !== a.size
  ) {
    throw new RangeError(
      `reshape: cannot view shape ${showShape(a.shape)} as ${showShape(shape)}`,
    );
  }
  const out = opResult("reshape", target, [a]);
  const x = a.data, o = out.data;
  launch(() => o.set(x));
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < g.length; i++) ga[i]! += g[i]!;
  };
  return out;
}
