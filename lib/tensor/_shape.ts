/**
 * Shape helpers: element counts, axis normalisation, NumPy broadcasting, and the `[2, 3]`
 * formatting every shape error uses.
 *
 * @module
 */

import * as check from "../_check.ts";

/** Formats a shape as `[2, 3]`. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** The most elements one tensor may hold: 2²⁸ float64 values, 2 GiB. */
export const MAX_SIZE = 2 ** 28;

/**
 * Throws unless `shape` is an array of non-negative integers (a TypeError for a non-array or a
 * non-number entry, a RangeError for a bad entry) whose product is at most {@linkcode MAX_SIZE};
 * the message names `name` and the value.
 */
export function checkShape(shape: unknown, name = "shape"): asserts shape is readonly number[] {
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `${name} must be an array of non-negative integers, got ${name}=${check.show(shape)}`,
    );
  }
  for (const d of shape) {
    if (typeof d !== "number") {
      throw new TypeError(
        `${name} must hold non-negative integers, got ${name}=${check.show(shape)}`,
      );
    }
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(
        `shape must hold non-negative integers, got ${name}=${showShape(shape)}`,
      );
    }
  }
  const size = sizeOf(shape);
  if (size > MAX_SIZE) {
    throw new RangeError(
      `${name}=${showShape(shape)} has ${size} elements (${
        size * 8
      } bytes), more than a tensor may hold (${MAX_SIZE} elements)`,
    );
  }
}

/** The number of elements of a shape (1 for a scalar's `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Normalises a possibly negative axis for `rank` dimensions, or throws a RangeError. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -Math.max(rank, 1) || axis >= Math.max(rank, 1)) {
    throw new RangeError(
      `${op}: axis must be an integer in [${-Math.max(rank, 1)}, ${
        Math.max(rank, 1) - 1
      }], got axis=${axis}`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/** Splits a shape around `axis` into `[outer, n, inner]` for strided reductions. */
export function splitAt(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis] ?? 1, sizeOf(shape.slice(axis + 1))];
}

/** The NumPy broadcast of two shapes, or a RangeError naming both. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`${op}: cannot broadcast ${showShape(a)} with ${showShape(b)}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each element of the broadcast shape `out`, the flat index of the element of `shape` it
 * reads (stride 0 along broadcast axes).
 */
export function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const rank = out.length;
  const strides = stridesOf(shape);
  const index = new Int32Array(sizeOf(out));
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let o = 0; o < index.length; o++) {
    index[o] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      const k = d - (rank - shape.length);
      const stride = k >= 0 && shape[k] !== 1 ? strides[k]! : 0;
      counter[d]!++;
      offset += stride;
      if (counter[d]! < out[d]!) break;
      offset -= stride * counter[d]!;
      counter[d] = 0;
    }
  }
  return index;
}
