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

import { type FloatArray, type Wasm, wasm } from "./_wasm.ts";

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

/** Rounds a count of bytes up to whole 64-byte cache lines. */
const line = (bytes: number) => Math.ceil(bytes / 64) * 64;

/**
 * C (+)= A B for operands of one dtype: {@linkcode gemm} for Float64Arrays, {@linkcode gemm32}
 * for Float32Arrays (the arrays' type decides). What the tensor ops call.
 */
export function gemmAny(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  as0: number,
  as1: number,
  b: FloatArray,
  c: FloatArray,
  accumulate: boolean,
  bias: FloatArray | null,
): void {
  const w = wasm();
  if (w !== null) product(w, m, n, k, a, as0, as1, b, c, accumulate, bias);
  else if (c instanceof Float64Array) {
    gemmJs(
      m,
      n,
      k,
      a as Float64Array,
      as0,
      as1,
      b as Float64Array,
      c,
      accumulate,
      bias as Float64Array | null,
    );
  } else {
    gemm32Js(
      m,
      n,
      k,
      a as Float32Array,
      as0,
      as1,
      b as Float32Array,
      c,
      accumulate,
      bias as Float32Array | null,
    );
  }
}

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
  gemmAny(m, n, k, a, as0, as1, b, c, accumulate, bias);
}

/**
 * One product on the WebAssembly kernels, float64 or float32 by the arrays' type. Operands living
 * in WebAssembly memory are used in place; the others are copied into the scratch block, laid out
 * in bytes as A, B, C, bias, each on whole cache lines, then the packed path's edge tile, packed A
 * (panels of 6 rows) and packed B (panels of 4 float64 or 8 float32 columns). The packed kernels
 * read the bias as whole panels, so it is always copied there, padded with zeros.
 */
function product(
  w: Wasm,
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  as0: number,
  as1: number,
  b: FloatArray,
  c: FloatArray,
  accumulate: boolean,
  bias: FloatArray | null,
): void {
  const f32 = c instanceof Float32Array, size = f32 ? 4 : 8, cols = f32 ? 8 : 4;
  const packed = choice === "auto" ? packedRule(m, n, k) : choice === "packed";
  const useBias = !accumulate && bias !== null, ownC = w.owns(c);
  const biasLength = !useBias ? 0 : packed ? Math.ceil(n / cols) * cols : n;
  const copyBias = useBias && (packed || !w.owns(bias!));
  const offB = w.owns(a) ? 0 : line(a.length * size);
  const offC = offB + (w.owns(b) ? 0 : line(b.length * size));
  const offBias = offC + (ownC ? 0 : line(m * n * size));
  const offTmp = offBias + (copyBias ? line(biasLength * size) : 0);
  const offPa = offTmp + line(6 * cols * size);
  const offPb = offPa + line(Math.ceil(m / 6) * 6 * k * size);
  const base = w.scratch(packed ? offPb + Math.ceil(n / cols) * cols * k * size : offTmp);
  const pa = w.place(a, base), pb = w.place(b, base + offB);
  const pc = ownC ? c.byteOffset : accumulate ? w.place(c, base + offC) : base + offC;
  let pBias = -1;
  if (copyBias) {
    pBias = w.copyIn(bias!, base + offBias);
    (f32 ? w.heap32 : w.heap).fill(0, pBias / size + n, pBias / size + biasLength);
  } else if (useBias) pBias = bias!.byteOffset;
  const acc = accumulate ? 1 : 0, kernels = w.kernels;
  if (packed) {
    const pA = base + offPa, pB = base + offPb, tmp = base + offTmp;
    if (f32) {
      kernels.packA32(m, k, pa, as0, as1, pA);
      kernels.packB32(k, n, pb, pB);
      kernels.gemmPacked32(m, n, k, pA, pB, pc, pBias, acc, tmp);
    } else {
      kernels.packA(m, k, pa, as0, as1, pA);
      kernels.packB(k, n, pb, pB);
      kernels.gemmPacked(m, n, k, pA, pB, pc, pBias, acc, tmp);
    }
  } else if (f32) kernels.gemmDirect32(m, n, k, pa, as0, as1, pb, pc, pBias, acc);
  else {
    const fuseOdd = m * n * k >= FUSED_ODD_FROM_FLOPS ? 1 : 0;
    kernels.gemmDirect(m, n, k, pa, as0, as1, pb, pc, pBias, acc, fuseOdd);
  }
  if (!ownC) w.copyOut(pc, c);
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

/** dst = srcᵀ for src `[rows, cols]` row-major; dst becomes `[cols, rows]` (either dtype). */
export function transposeInto<T extends FloatArray>(
  src: T,
  rows: number,
  cols: number,
  dst: T,
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
  gemmAny(m, n, k, a, as0, as1, b, c, accumulate, bias);
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
