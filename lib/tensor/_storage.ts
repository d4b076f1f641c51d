/**
 * Tensor storage: the two dtypes (PyTorch's `torch.float32` and `torch.float64`) and the one
 * function that allocates every tensor's data, gradient and optimizer state buffer. Nothing in
 * lib/tensor, lib/nn or lib/optim creates a Float32Array or Float64Array for a tensor elsewhere,
 * so where storage lives (today: ordinary JavaScript memory) is decided here alone.
 *
 * @module
 */

import * as check from "../_check.ts";

/** A tensor's element type: `"float64"` (the default, PyTorch parity) or `"float32"` (speed). */
export type DType = "float32" | "float64";

/** The storage of a tensor: a Float32Array for float32, a Float64Array for float64. */
export type Storage = Float32Array | Float64Array;

/** The dtypes, as `dtype` options accept them. */
export const DTYPES: readonly DType[] = Object.freeze(["float32", "float64"]);

/** A zero-filled buffer of `length` elements of `dtype`: every tensor buffer comes from here. */
export function allocData(dtype: "float64", length: number): Float64Array;
export function allocData(dtype: "float32", length: number): Float32Array;
export function allocData(dtype: DType, length: number): Storage;
export function allocData(dtype: DType, length: number): Storage {
  return dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
}

/** A copy of `values` converted (rounded to nearest for float32) to `dtype`. */
export function copyData(dtype: DType, values: ArrayLike<number>): Storage {
  const out = allocData(dtype, values.length);
  if (ArrayBuffer.isView(values)) out.set(values as Storage);
  else for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

/** The dtype of a storage array. */
export function dtypeOf(data: Storage): DType {
  return data instanceof Float32Array ? "float32" : "float64";
}

/** `value` as a DType, or a RangeError (`dtype must be one of "float32", "float64", got ...`). */
export function checkDtype(value: unknown, name = "dtype"): DType {
  if (typeof value !== "string") {
    throw new TypeError(
      `${name} must be "float32" or "float64", got ${name}=${check.show(value)}`,
    );
  }
  return check.oneOf(name, value, DTYPES);
}

/** PyTorch's short names in its messages: `float` for float32, `double` for float64. */
export function cName(dtype: DType): string {
  return dtype === "float32" ? "float" : "double";
}

/** The dtype of a binary op's result: float64 if either operand is float64 (torch's promotion). */
export function promote(a: DType, b: DType): DType {
  return a === "float64" || b === "float64" ? "float64" : "float32";
}
