/**
 * The WebAssembly kernels (lib/tensor/_kernels.wat) and their scratch memory. Operands are
 * copied into the scratch at fixed offsets, the kernel runs, the result is copied out through a
 * cached view, so a call allocates nothing once its shapes have been seen. `wasm` is null where
 * WebAssembly with (relaxed) SIMD is unavailable; callers then use their JavaScript loops.
 *
 * @module
 */

import { KERNELS_WASM_BASE64 } from "./_kernels_wasm.ts";

/** The exported kernels; pointers are byte offsets into the scratch memory. */
export interface Kernels {
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    as0: number,
    as1: number,
    b: number,
    c: number,
    bias: number,
    acc: number,
  ): void;
  gemmDirect(
    m: number,
    n: number,
    k: number,
    a: number,
    as0: number,
    as1: number,
    b: number,
    c: number,
    bias: number,
    acc: number,
    fuseOdd: number,
  ): void;
  packA(m: number, k: number, a: number, as0: number, as1: number, dst: number): void;
  packB(k: number, n: number, b: number, dst: number): void;
  gemmPacked(
    m: number,
    n: number,
    k: number,
    pa: number,
    pb: number,
    c: number,
    bias: number,
    acc: number,
    tmp: number,
  ): void;
  gemmDirect32(
    m: number,
    n: number,
    k: number,
    a: number,
    as0: number,
    as1: number,
    b: number,
    c: number,
    bias: number,
    acc: number,
  ): void;
  packA32(m: number, k: number, a: number, as0: number, as1: number, dst: number): void;
  packB32(k: number, n: number, b: number, dst: number): void;
  gemmPacked32(
    m: number,
    n: number,
    k: number,
    pa: number,
    pb: number,
    c: number,
    bias: number,
    acc: number,
    tmp: number,
  ): void;
  relu(n: number, x: number, o: number): void;
  reluBackward(n: number, o: number, g: number, ga: number, acc: number): void;
}

/** The kernels with their scratch memory. */
export class Wasm {
  readonly kernels: Kernels;
  readonly #memory: WebAssembly.Memory;
  #heap: Float64Array;
  #heap32: Float32Array;
  #views = new Map<number, Map<number, Float64Array>>();
  #views32 = new Map<number, Map<number, Float32Array>>();

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    this.kernels = instance.exports as unknown as Kernels;
    this.#memory = instance.exports.memory as WebAssembly.Memory;
    this.#heap = new Float64Array(this.#memory.buffer);
    this.#heap32 = new Float32Array(this.#memory.buffer);
  }

  /** The scratch as float64s, grown to hold at least `doubles` values. */
  heap(doubles: number): Float64Array {
    const bytes = doubles * 8;
    if (bytes > this.#memory.buffer.byteLength) {
      this.#memory.grow(Math.ceil((bytes - this.#memory.buffer.byteLength) / 65536));
      this.#heap = new Float64Array(this.#memory.buffer);
      this.#heap32 = new Float32Array(this.#memory.buffer);
      this.#views.clear();
      this.#views32.clear();
    }
    return this.#heap;
  }

  /** The same scratch as float32s, grown to hold at least `floats` values. */
  heap32(floats: number): Float32Array {
    this.heap(Math.ceil(floats / 2));
    return this.#heap32;
  }

  /** Copies `length` doubles at `offset` (in doubles) of the scratch into `out`. */
  copyOut(offset: number, length: number, out: Float64Array): void {
    let byLength = this.#views.get(offset);
    if (byLength === undefined) this.#views.set(offset, byLength = new Map());
    let view = byLength.get(length);
    if (view === undefined) {
      byLength.set(length, view = this.#heap.subarray(offset, offset + length));
    }
    out.set(view);
  }

  /** Copies `length` floats at `offset` (in floats) of the scratch into `out`. */
  copyOut32(offset: number, length: number, out: Float32Array): void {
    let byLength = this.#views32.get(offset);
    if (byLength === undefined) this.#views32.set(offset, byLength = new Map());
    let view = byLength.get(length);
    if (view === undefined) {
      byLength.set(length, view = this.#heap32.subarray(offset, offset + length));
    }
    out.set(view);
  }
}

function load(): Wasm | null {
  try {
    return new Wasm(Uint8Array.from(atob(KERNELS_WASM_BASE64), (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
}

const loaded = load();
let enabled = loaded !== null;

/** The kernels, or null when unavailable or switched off with {@linkcode useWasm}. */
export function wasm(): Wasm | null {
  return enabled ? loaded : null;
}

/** @internal Switches the WebAssembly kernels on or off (tests compare both); returns the state. */
export function useWasm(on?: boolean): boolean {
  if (on !== undefined) enabled = on && loaded !== null;
  return enabled;
}
