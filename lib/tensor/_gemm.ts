/**
 * The one matrix-product kernel every matmul-like op uses:
 *
 *   C[i, j] = init + Σₚ A(i, p) · B[p, j],  init = C[i, j] (accumulate), bias[j], or 0
 *
 * with A(i, p) = a[i·as0 + p·as1] (strides, so a transposed A costs nothing), B row-major
 * `[k, n]` and C row-major `[m, n]`. It runs in WebAssembly with SIMD (lib/tensor/_kernels.wat,
 * fused multiply-adds where the CPU has them): small products, a single row (m = 1) and narrow
 * ones (n < {@linkcode PACKED_FROM_COLUMNS}) read the operands where they lie (`gemmDirect`,
 * blocks of 4 rows × 4 columns, or 16 columns of the one row); from
 * {@linkcode PACKED_FROM_FLOPS} on, A and B are first packed into panels and the product runs
 * cache-blocked on 6 × 4 tiles (`gemmPacked`), and so do products from 64³ whose B exceeds
 * {@linkcode PACKED_FROM_B_VALUES}. Both add the terms of each sum in the same order,
 * one fused multiply-add each (see {@linkcode FUSED_ODD_FROM_FLOPS} for the one exception). Where
 * WebAssembly is unavailable the JavaScript loop below computes the same sums in the same order
 * (with separately rounded multiplies, so the last bits may differ).
 *
 * @module
 */

import { wasm } from "./_wasm.ts";

/**
 * Products of at least this many multiply-adds (m·n·k) take the packed path: below it, packing
 * costs more than the cache blocking saves. Measured (CPU time, direct and packed forced,
 * interleaved, on a shared 2-core machine): direct 10–17% faster at 128³, 160³ and
 * 256 × 128 × 128 under a load average of 3, within ±5% of packed under a load average of 8;
 * equal at 192³; packed 10–20% faster from 256³ on (2× on 256 × 256 × 1024 with a transposed A).
 */
export const PACKED_FROM_FLOPS = 192 * 192 * 192;

/**
 * Products of at least 64³ multiply-adds whose B has more than this many values (512 KiB) take
 * the packed path too: the direct kernel reads all of B again for every block of 4 rows, which
 * the caches no longer absorb (10 × 256 × 1024 with a transposed A, ∂W of a 10-way output layer:
 * direct 0.87× the packed path's speed).
 */
export const PACKED_FROM_B_VALUES = 64 * 1024;

/**
 * Only products with at least two rows and this many columns take the packed path: a narrower B
 * (k × n) stays in the cache while the direct kernel streams A past it, so packing it is pure
 * cost (measured: 1024 × 10 × 256, x·Wᵀ of a 10-way output layer, 1.5× faster direct), and one
 * row reads each value of B once anyway (1 × 256 × 1024, ∂b = 1ᵀ·G, 2.5× faster direct).
 */
export const PACKED_FROM_COLUMNS = 16;

/**
 * The direct kernel multiplies and adds separately in an odd last column of products below this
 * many multiply-adds, and fuses them from here on, as the packed kernel does everywhere: the
 * rule the kernels followed when the float64 results were recorded
 * (tests/fixtures/gemm_bits.json), kept so that they stay the same bit for bit whichever path
 * a size takes.
 */
export const FUSED_ODD_FROM_FLOPS = 64 * 64 * 64;

let choice: "auto" | "direct" | "packed" = "auto";

/**
 * @internal Forces one WebAssembly path ("direct" or "packed") or restores the size rule
 * ("auto"); tests and bench/gemm_bench.ts compare the two. Returns the current choice.
 */
export function gemmPath(path?: "auto" | "direct" | "packed"): "auto" | "direct" | "packed" {
  if (path !== undefined) choice = path;
  return choice;
}

/** The size rule: whether an m × n × k product takes the packed path. */
function packedRule(m: number, n: number, k: number): boolean {
  if (m === 1 || n < PACKED_FROM_COLUMNS) return false;
  const flops = m * n * k;
  return flops >= PACKED_FROM_FLOPS || (flops >= 64 ** 3 && k * n > PACKED_FROM_B_VALUES);
}

/** Rounds a count of doubles up to a whole 64-byte cache line. */
const line = (doubles: number) => Math.ceil(doubles / 8) * 8;

/** C (+)= A B as described in the module doc. `bias` is ignored when `accumulate`. */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  as0: number,
  as1: number,
  b: Float64Array,
  c: Float64Array,
  accumulate: boolean,
  bias: Float64Array | null,
): void {
  const w = wasm();
  if (w === null) {
    gemmJs(m, n, k, a, as0, as1, b, c, accumulate, bias);
    return;
  }
  const packed = choice === "auto" ? packedRule(m, n, k) : choice === "packed";
  // scratch layout in doubles: A at 0, then B, then C, then bias (padded to whole 4-column
  // panels for the packed path), then the packed path's tile, packed A and packed B
  const offB = line(a.length), offC = offB + line(b.length), offBias = offC + line(m * n);
  const biasLength = bias === null ? 0 : packed ? Math.ceil(n / 4) * 4 : n;
  const offTmp = offBias + line(biasLength), offPa = offTmp + 24;
  const offPb = offPa + line(Math.ceil(m / 6) * 6 * k);
  const heap = w.heap(packed ? offPb + Math.ceil(n / 4) * 4 * k : offBias + biasLength);
  heap.set(a, 0);
  heap.set(b, offB);
  if (accumulate) heap.set(c, offC);
  else if (bias !== null) {
    heap.set(bias, offBias);
    heap.fill(0, offBias + n, offBias + biasLength);
  }
  const biasPtr = accumulate || bias === null ? -1 : offBias * 8;
  if (packed) {
    w.kernels.packA(m, k, 0, as0, as1, offPa * 8);
    w.kernels.packB(k, n, offB * 8, offPb * 8);
    w.kernels.gemmPacked(
      m,
      n,
      k,
      offPa * 8,
      offPb * 8,
      offC * 8,
      biasPtr,
      accumulate ? 1 : 0,
      offTmp * 8,
    );
  } else {
    const fuseOdd = m * n * k >= FUSED_ODD_FROM_FLOPS ? 1 : 0;
    w.kernels.gemmDirect(
      m,
      n,
      k,
      0,
      as0,
      as1,
      offB * 8,
      offC * 8,
      biasPtr,
      accumulate ? 1 : 0,
      fuseOdd,
    );
  }
  w.copyOut(offC, m * n, c);
}

function gemmJs(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  as0: number,
  as1: number,
  b: Float64Array,
  c: Float64Array,
  accumulate: boolean,
  bias: Float64Array | null,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c[i * n + j]! : bias === null ? 0 : bias[j]!;
      for (let p = 0; p < k; p++) s += a[i * as0 + p * as1]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
}

/** dst = srcᵀ for src `[rows, cols]` row-major; dst becomes `[cols, rows]`. */
export function transposeInto(
  src: Float64Array,
  rows: number,
  cols: number,
  dst: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c]!;
  }
}

/**
 * The float32 product, for a float32 tensor mode: C (+)= A B exactly as {@linkcode gemm} with
 * Float32Array operands, on the same size rule (WebAssembly `gemmDirect32`: 4 rows × 8 columns
 * or 32 columns of one row, or `gemmPacked32`: 6 × 8 tiles of f32x4 lanes). Each sum, on
 * either path, starts from init and adds one fused multiply-add per term, p in order, rounding to
 * float32 each time; the JavaScript fallback computes each step as `Math.fround(a · b + s)`
 * (the product is exact in float64, so only rare double roundings differ from the fused step).
 */
export function gemm32(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  as0: number,
  as1: number,
  b: Float32Array,
  c: Float32Array,
  accumulate: boolean,
  bias: Float32Array | null,
): void {
  const w = wasm();
  if (w === null) {
    gemm32Js(m, n, k, a, as0, as1, b, c, accumulate, bias);
    return;
  }
  const packed = choice === "auto" ? packedRule(m, n, k) : choice === "packed";
  // scratch layout in floats, each part on a whole cache line: A, B, C, bias (padded to whole
  // 8-column panels for the packed path), the edge tile, packed A, packed B
  const line32 = (floats: number) => Math.ceil(floats / 16) * 16;
  const offB = line32(a.length), offC = offB + line32(b.length), offBias = offC + line32(m * n);
  const biasLength = bias === null ? 0 : packed ? Math.ceil(n / 8) * 8 : n;
  const offTmp = offBias + line32(biasLength), offPa = offTmp + 48;
  const offPb = offPa + line32(Math.ceil(m / 6) * 6 * k);
  const heap = w.heap32(packed ? offPb + Math.ceil(n / 8) * 8 * k : offBias + biasLength);
  heap.set(a, 0);
  heap.set(b, offB);
  if (accumulate) heap.set(c, offC);
  else if (bias !== null) {
    heap.set(bias, offBias);
    heap.fill(0, offBias + n, offBias + biasLength);
  }
  const biasPtr = accumulate || bias === null ? -1 : offBias * 4;
  if (packed) {
    w.kernels.packA32(m, k, 0, as0, as1, offPa * 4);
    w.kernels.packB32(k, n, offB * 4, offPb * 4);
    w.kernels.gemmPacked32(
      m,
      n,
      k,
      offPa * 4,
      offPb * 4,
      offC * 4,
      biasPtr,
      accumulate ? 1 : 0,
      offTmp * 4,
    );
  } else {
    w.kernels.gemmDirect32(m, n, k, 0, as0, as1, offB * 4, offC * 4, biasPtr, accumulate ? 1 : 0);
  }
  w.copyOut32(offC, m * n, c);
}

function gemm32Js(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  as0: number,
  as1: number,
  b: Float32Array,
  c: Float32Array,
  accumulate: boolean,
  bias: Float32Array | null,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c[i * n + j]! : bias === null ? 0 : bias[j]!;
      for (let p = 0; p < k; p++) s = Math.fround(a[i * as0 + p * as1]! * b[p * n + j]! + s);
      c[i * n + j] = s;
    }
  }
}
