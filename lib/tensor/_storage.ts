/**
 * Tensor storage: the two dtypes (PyTorch's `torch.float32` and `torch.float64`) and where
 * storage comes from. Every data, gradient and optimizer-state buffer of lib/tensor,
 * lib/nn and lib/optim is allocated by {@linkcode allocData}: an ordinary typed array, or, inside
 * an {@linkcode arena}, a block of the WebAssembly kernels' shared memory, where the kernels
 * read and write it in place instead of copying it in and out. `capture` records inside an
 * arena, so a captured step's intermediates, gradients and optimizer state live there; nn layers
 * place their parameters there, and lib/train its batches, so a captured training step copies
 * nothing. Arena blocks are returned when their arrays are collected (a `FinalizationRegistry`).
 *
 * @module
 */

import * as check from "../_check.ts";
import { loadedWasm } from "./_wasm.ts";

/** A tensor's element type: `"float64"` (the default, PyTorch parity) or `"float32"` (speed). */
export type DType = "float32" | "float64";

/** The storage of a tensor: a Float32Array for float32, a Float64Array for float64. */
export type Storage = Float32Array | Float64Array;

/** The dtypes, as `dtype` options accept them. */
export const DTYPES: readonly DType[] = Object.freeze(["float32", "float64"]);

let depth = 0;
let enabled = true;

/**
 * @internal Switches arenas on or off (tests compare storage in WebAssembly memory with ordinary
 * arrays); returns the state.
 */
export function useArena(on?: boolean): boolean {
  if (on !== undefined) enabled = on;
  return enabled;
}

/**
 * Runs `fn` with tensor storage placed in WebAssembly memory: every tensor it creates (data,
 * and gradients and optimizer state allocated inside it) lives where the WebAssembly kernels
 * work, so matrix products and ReLU read and write it without copies. This changes no value,
 * only where values are kept; `capture` does it for what it records, and `nn.Linear` for its
 * parameters. Where shared WebAssembly memory is unavailable (a browser page that is not
 * cross-origin isolated) storage stays in ordinary arrays.
 *
 * Meant for long-lived tensors (inputs, parameters, what a capture records): an eager loop run
 * inside an arena would place every intermediate there until the collector returns it.
 * The storage is freed when its array is collected: keep the tensor or its `data`, not only a
 * `subarray` of it. Its `data.buffer` is the whole WebAssembly memory, as for any view: use
 * `data.byteOffset` and `data.byteLength` (or `data.slice()`) for the tensor's own bytes.
 *
 * @example
 * ```ts
 * import { arena, tensor } from "./mod.ts";
 * const x = arena(() => tensor([[1, 2], [3, 4]]));
 * console.assert(x.matmul(x).toArray().join() === "7,10,15,22");
 * ```
 */
export function arena<T>(fn: () => T): T {
  if (typeof fn !== "function") {
    throw new TypeError(`arena: fn must be a function, got fn=${check.show(fn)}`);
  }
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

/** Whether storage allocated now goes to WebAssembly memory. */
export function inArena(): boolean {
  return depth > 0 && enabled && loadedWasm()?.shared === true;
}

/**
 * A zero-filled buffer of `length` elements of `dtype`, in WebAssembly memory inside an
 * {@linkcode arena}: every tensor buffer comes from here.
 */
export function allocData(dtype: "float64", length: number): Float64Array;
export function allocData(dtype: "float32", length: number): Float32Array;
export function allocData(dtype: DType, length: number): Storage;
export function allocData(dtype: DType, length: number): Storage {
  if (length > 0 && inArena()) return loadedWasm()!.array(dtype, length);
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

/** Whether `array` lives in WebAssembly memory (so kernels use it in place). */
export function inWasmMemory(array: ArrayBufferView): boolean {
  return loadedWasm()?.owns(array) === true;
}
