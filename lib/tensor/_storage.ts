/**
 * Where tensor storage comes from. Every data, gradient and optimizer-state buffer of lib/tensor,
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
import { type FloatArray, loadedWasm } from "./_wasm.ts";

/** The element types of tensors. */
export type DType = "float32" | "float64";

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
 * The storage is freed when its array is collected: keep the tensor or its `data`, not only a
 * `subarray` of it.
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

/** A zeroed buffer of `length` elements of `dtype`: in WebAssembly memory inside an arena. */
export function allocData(dtype: "float64", length: number): Float64Array;
export function allocData(dtype: "float32", length: number): Float32Array;
export function allocData(dtype: DType, length: number): FloatArray;
export function allocData(dtype: DType, length: number): FloatArray {
  if (length > 0 && inArena()) return loadedWasm()!.array(dtype, length);
  return dtype === "float64" ? new Float64Array(length) : new Float32Array(length);
}

/** Whether `array` lives in WebAssembly memory (so kernels use it in place). */
export function inWasmMemory(array: ArrayBufferView): boolean {
  return loadedWasm()?.owns(array) === true;
}
