/**
 * The WebAssembly kernels (lib/tensor/_kernels.wat) and the memory they work in.
 *
 * The memory is shared (a `SharedArrayBuffer`) wherever the runtime allows it (Deno, Node,
 * Chromium), because a shared memory keeps every view of it valid when it
 * grows. Tensors can then *live* in it: {@linkcode Wasm.alloc} hands out blocks (storage for
 * tensors created in an arena, see lib/tensor/_storage.ts), and a kernel reads and writes such
 * operands in place. Operands elsewhere (ordinary JavaScript arrays) are copied into a scratch
 * block first and results copied out, as on runtimes without shared memory, where the memory is
 * private and nothing lives in it. A call allocates nothing once its shapes have been seen.
 * `wasm()` is null where WebAssembly with (relaxed) SIMD is unavailable; callers then use their
 * JavaScript loops.
 *
 * @module
 */

import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "./_kernels_wasm.ts";

/** The exported kernels; pointers are byte offsets into the memory. */
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
  sgdStep(
    pairs: number,
    theta: number,
    grad: number,
    buf: number,
    negLr: number,
    momentum: number,
    damp1: number,
    wd: number,
    flags: number,
  ): void;
  adamStep(
    pairs: number,
    theta: number,
    grad: number,
    m: number,
    v: number,
    vmax: number,
    w: number,
    wc: number,
    beta2: number,
    b2c: number,
    bc2: number,
    eps: number,
    negStep: number,
    decay: number,
    wd: number,
    flags: number,
  ): void;
}

/** A float array a kernel can take: float64 or float32. */
export type FloatArray = Float64Array | Float32Array;

/** Blocks start on whole 64-byte cache lines. */
const ALIGN = 64;
const PAGE = 65536;
/** The memory's maximum, in pages (4 GiB, WebAssembly's 32-bit limit). */
const MAX_PAGES = 65536;

/** The kernels with their memory, its block allocator and the scratch block. */
export class Wasm {
  readonly kernels: Kernels;
  /** True when the memory is shared, so that tensors can live in it (see the module doc). */
  readonly shared: boolean;
  readonly #memory: WebAssembly.Memory;
  /** Every buffer the memory has had (a shared memory gives a new one after each growth). */
  readonly #buffers = new WeakSet<ArrayBufferLike>();
  #heap!: Float64Array;
  #heap32!: Float32Array;
  #views = new Map<number, Map<number, FloatArray>>();
  /** Free blocks as [start, end) byte ranges, sorted and never adjacent. */
  #free: [number, number][] = [];
  /** The end of everything allocated so far: the memory above it is free. */
  #top = ALIGN; // byte 0 stays unused, so no block starts at the null pointer
  #scratch = 0;
  #scratchBytes = 0;
  /** Bytes copied into and out of the memory by {@linkcode Wasm.place} and copyOut. */
  copiedBytes = 0;
  /** Frees a block when the array viewing it is collected. */
  readonly #registry = new FinalizationRegistry<[number, number]>(([start, bytes]) =>
    this.free(start, bytes)
  );

  constructor(plain: Uint8Array<ArrayBuffer>, shared: Uint8Array<ArrayBuffer> | null) {
    let memory: WebAssembly.Memory | null = null;
    let instance: WebAssembly.Instance | null = null;
    if (shared !== null) {
      try {
        memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
        instance = new WebAssembly.Instance(new WebAssembly.Module(shared), { env: { memory } });
      } catch {
        memory = instance = null; // no shared memory on this runtime
      }
    }
    // (pages that are not cross-origin isolated hide the SharedArrayBuffer global, though
    // Chromium still gives WebAssembly shared memories: test by which build was instantiated)
    this.shared = instance !== null;
    if (memory === null || instance === null) {
      memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES });
      instance = new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { memory } });
    }
    this.kernels = instance.exports as unknown as Kernels;
    this.#memory = memory;
    this.#refresh();
  }

  /** Views of the memory's current buffer; the old ones stay valid only for a shared memory. */
  #refresh(): void {
    const buffer = this.#memory.buffer;
    this.#buffers.add(buffer);
    this.#heap = new Float64Array(buffer);
    this.#heap32 = new Float32Array(buffer);
    this.#views.clear();
  }

  /** Whether `array` lies in this memory (then kernels read and write it in place). */
  owns(array: ArrayBufferView): boolean {
    return this.#buffers.has(array.buffer);
  }

  /**
   * A block of at least `bytes` bytes (its byte offset), from the free blocks (first fit) or from
   * the top, growing the memory when needed.
   */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const free = this.#free;
    for (let i = 0; i < free.length; i++) {
      const block = free[i]!;
      if (block[1] - block[0] >= size) {
        const start = block[0];
        if (block[1] - start === size) free.splice(i, 1);
        else block[0] = start + size;
        return start;
      }
    }
    const start = this.#top;
    const end = start + size;
    if (end > this.#memory.buffer.byteLength) {
      const pages = Math.ceil((end - this.#memory.buffer.byteLength) / PAGE);
      const current = this.#memory.buffer.byteLength / PAGE;
      if (current + pages > MAX_PAGES) {
        throw new RangeError(
          `tensor storage: cannot allocate ${bytes} bytes in WebAssembly memory (4 GiB in all)`,
        );
      }
      this.#memory.grow(pages);
      this.#refresh();
    }
    this.#top = end;
    return start;
  }

  /** Returns the block of `bytes` bytes at `start` (as allocated) to the free blocks. */
  free(start: number, bytes: number): void {
    const end = start + Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const free = this.#free;
    let i = 0;
    while (i < free.length && free[i]![0] < start) i++;
    const before = i > 0 ? free[i - 1]! : null, after = i < free.length ? free[i]! : null;
    if (before !== null && before[1] === start) {
      before[1] = end;
      if (after !== null && after[0] === end) {
        before[1] = after[1];
        free.splice(i, 1);
      }
    } else if (after !== null && after[0] === end) after[0] = start;
    else free.splice(i, 0, [start, end]);
    const last = free[free.length - 1];
    if (last !== undefined && last[1] === this.#top) { // give the top block back to the top
      this.#top = last[0];
      free.pop();
    }
  }

  /**
   * A new zeroed array of `length` elements living in the memory, freed when it is collected.
   * Only for a shared memory (a private one detaches its views when it grows).
   */
  array<T extends FloatArray>(kind: "float64" | "float32", length: number): T {
    const bytes = length * (kind === "float64" ? 8 : 4);
    const start = this.alloc(bytes);
    const buffer = this.#memory.buffer;
    const array = kind === "float64"
      ? new Float64Array(buffer, start, length)
      : new Float32Array(buffer, start, length);
    array.fill(0); // a reused block holds old values
    this.#registry.register(array, [start, bytes]);
    return array as T;
  }

  /** The scratch block, grown to at least `bytes` bytes (its byte offset; moves when it grows). */
  scratch(bytes: number): number {
    if (bytes > this.#scratchBytes) {
      if (this.#scratchBytes > 0) this.free(this.#scratch, this.#scratchBytes);
      this.#scratchBytes = Math.ceil(bytes / PAGE) * PAGE;
      this.#scratch = this.alloc(this.#scratchBytes);
    }
    return this.#scratch;
  }

  /** The memory as float64s (the current buffer). */
  get heap(): Float64Array {
    return this.#heap;
  }

  /** The memory as float32s (the current buffer). */
  get heap32(): Float32Array {
    return this.#heap32;
  }

  /**
   * The byte offset where a kernel finds `array`: its own place when the memory owns it, else
   * `at` (a scratch offset) after copying it there.
   */
  place(array: FloatArray, at: number): number {
    return this.owns(array) ? array.byteOffset : this.copyIn(array, at);
  }

  /** Copies `array` to byte offset `at` (a scratch offset) and returns `at`. */
  copyIn(array: FloatArray, at: number): number {
    if (array instanceof Float64Array) this.#heap.set(array, at / 8);
    else this.#heap32.set(array, at / 4);
    this.copiedBytes += array.byteLength;
    return at;
  }

  /** Copies `out.length` elements at byte offset `at` into `out` (of the same element type). */
  copyOut(at: number, out: FloatArray): void {
    const length = out.length;
    let byLength = this.#views.get(at);
    if (byLength === undefined) this.#views.set(at, byLength = new Map());
    let view = byLength.get(length);
    if (view === undefined || view.constructor !== out.constructor) {
      view = out instanceof Float64Array
        ? this.#heap.subarray(at / 8, at / 8 + length)
        : this.#heap32.subarray(at / 4, at / 4 + length);
      byLength.set(length, view);
    }
    out.set(view as Float64Array & Float32Array);
    this.copiedBytes += out.byteLength;
  }
}

const decode = (base64: string) => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));

function load(): Wasm | null {
  try {
    return new Wasm(decode(KERNELS_WASM_BASE64), decode(KERNELS_SHARED_WASM_BASE64));
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

/**
 * @internal Switches the WebAssembly kernels on or off (tests compare both); returns the state.
 * Tensors already living in WebAssembly memory stay there (they are ordinary arrays to the
 * JavaScript loops).
 */
export function useWasm(on?: boolean): boolean {
  if (on !== undefined) enabled = on && loaded !== null;
  return enabled;
}

/** @internal The loaded kernels whether or not they are switched on (for the storage). */
export function loadedWasm(): Wasm | null {
  return loaded;
}
