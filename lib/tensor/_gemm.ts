/**
 * The one matrix-product kernel every matmul-like op uses:
 *
 *   C[i, j] = init + Σₚ A(i, p) · B[p, j],  init = C[i, j] (accumulate), bias[j], or 0
 *
 * with A(i, p) = a[i·as0 + p·as1] (strides, so a transposed A costs nothing), B row-major
 * `[k, n]` and C row-major `[m, n]`. It runs in WebAssembly with SIMD (lib/tensor/_kernels.wat,
 * fused multiply-adds where the CPU has them): small products read the operands where they lie
 * (`gemm`, blocks of 4 rows × 4 columns); from {@linkcode PACKED_FROM_FLOPS} on, A and B are
 * first packed into panels and the product runs cache-blocked on 4 × 6 tiles (`gemmPacked`).
 * Both add the terms of each sum in the same order, one fused multiply-add each. Where
 * WebAssembly is unavailable the JavaScript loop below computes the same sums in the same order
 * (with separately rounded multiplies, so the last bits may differ).
 *
 * @module
 */

import { wasm } from "./_wasm.ts";

/**
 * Products of at least this many multiply-adds (m·n·k) take the packed path: below it, packing
 * costs more than the cache blocking saves (measured with bench/gemm_bench.ts).
 */
export const PACKED_FROM_FLOPS = 64 * 64 * 64;

let choice: "auto" | "direct" | "packed" = "auto";

/**
 * @internal Forces one WebAssembly path ("direct" or "packed") or restores the size rule
 * ("auto"); tests and bench/gemm_bench.ts compare the two. Returns the current choice.
 */
export function gemmPath(path?: "auto" | "direct" | "packed"): "auto" | "direct" | "packed" {
  if (path !== undefined) choice = path;
  return choice;
}

/** Rounds a count of bytes up to whole 64-byte cache lines. */
const line = (bytes: number) => Math.ceil(bytes / 64) * 64;

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
  const packed = choice === "auto" ? m * n * k >= PACKED_FROM_FLOPS : choice === "packed";
  // Operands living in WebAssembly memory are used in place; the others are copied into the
  // scratch block, laid out in bytes as: A, B, C, bias (padded to whole 6-column panels for the
  // packed path, which always copies it), then the packed path's edge tile, packed A, packed B.
  const useBias = !accumulate && bias !== null;
  const ownC = w.owns(c);
  const biasLength = !useBias ? 0 : packed ? Math.ceil(n / 6) * 6 : n;
  const copyBias = useBias && (packed || !w.owns(bias!));
  const offA = 0, offB = offA + (w.owns(a) ? 0 : line(a.length * 8));
  const offC = offB + (w.owns(b) ? 0 : line(b.length * 8));
  const offBias = offC + (ownC ? 0 : line(m * n * 8));
  const offTmp = offBias + (copyBias ? line(biasLength * 8) : 0), offPa = offTmp + 24 * 8;
  const offPb = offPa + line(Math.ceil(m / 4) * 4 * k * 8);
  const base = w.scratch(packed ? offPb + Math.ceil(n / 6) * 6 * k * 8 : offTmp);
  const pa = w.place(a, base + offA), pb = w.place(b, base + offB);
  const pc = ownC ? c.byteOffset : accumulate ? w.place(c, base + offC) : base + offC;
  let pBias = -1;
  if (copyBias) { // the packed kernel reads whole panels: a padded copy
    pBias = w.copyIn(bias!, base + offBias);
    w.heap.fill(0, (pBias >> 3) + n, (pBias >> 3) + biasLength);
  } else if (useBias) pBias = bias!.byteOffset;
  if (packed) {
    w.kernels.packA(m, k, pa, as0, as1, base + offPa);
    w.kernels.packB(k, n, pb, base + offPb);
    w.kernels.gemmPacked(
      m,
      n,
      k,
      base + offPa,
      base + offPb,
      pc,
      pBias,
      accumulate ? 1 : 0,
      base + offTmp,
    );
  } else {
    w.kernels.gemm(m, n, k, pa, as0, as1, pb, pc, pBias, accumulate ? 1 : 0);
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
 * Float32Array operands, always packed (WebAssembly `gemmPacked32`: 4 × 12 tiles of f32x4 lanes).
 * Each sum starts from init and adds one fused multiply-add per term, p in order, rounding to
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
  // as in gemm, in bytes: A, B, C (each unless it lives in WebAssembly memory), bias (padded to
  // whole 12-column panels), the edge tile, packed A, packed B
  const useBias = !accumulate && bias !== null;
  const ownC = w.owns(c);
  const biasLength = useBias ? Math.ceil(n / 12) * 12 : 0;
  const offA = 0, offB = offA + (w.owns(a) ? 0 : line(a.length * 4));
  const offC = offB + (w.owns(b) ? 0 : line(b.length * 4));
  const offBias = offC + (ownC ? 0 : line(m * n * 4));
  const offTmp = offBias + line(biasLength * 4), offPa = offTmp + 48 * 4;
  const offPb = offPa + line(Math.ceil(m / 4) * 4 * k * 4);
  const base = w.scratch(offPb + Math.ceil(n / 12) * 12 * k * 4);
  const pa = w.place(a, base + offA), pb = w.place(b, base + offB);
  const pc = ownC ? c.byteOffset : accumulate ? w.place(c, base + offC) : base + offC;
  let pBias = -1;
  if (useBias) { // the kernel reads whole panels: a padded copy
    pBias = w.copyIn(bias!, base + offBias);
    w.heap32.fill(0, (pBias >> 2) + n, (pBias >> 2) + biasLength);
  }
  w.kernels.packA32(m, k, pa, as0, as1, base + offPa);
  w.kernels.packB32(k, n, pb, base + offPb);
  w.kernels.gemmPacked32(
    m,
    n,
    k,
    base + offPa,
    base + offPb,
    pc,
    pBias,
    accumulate ? 1 : 0,
    base + offTmp,
  );
  if (!ownC) w.copyOut(pc, c);
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
