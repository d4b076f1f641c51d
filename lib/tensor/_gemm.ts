/**
 * The one matrix-product kernel every matmul-like op uses:
 *
 *   C[i, j] = init + Σₚ A(i, p) · B[p, j],  init = C[i, j] (accumulate), bias[j], or 0
 *
 * with A(i, p) = a[i·as0 + p·as1] (strides, so a transposed A costs nothing), B row-major
 * `[k, n]` and C row-major `[m, n]`. It runs in WebAssembly with SIMD (lib/tensor/_kernels.wat:
 * blocks of 4 rows × 4 columns, fused multiply-adds where the CPU has them); where WebAssembly
 * is unavailable the JavaScript loop below computes the same sums in the same order (with
 * separately rounded multiplies, so the last bits may differ).
 *
 * @module
 */

import { wasm } from "./_wasm.ts";

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
  // scratch layout in doubles: A at 0, then B, then C, then bias
  const offB = a.length, offC = offB + b.length, offBias = offC + m * n;
  const heap = w.heap(offBias + (bias === null ? 0 : n));
  heap.set(a, 0);
  heap.set(b, offB);
  if (accumulate) heap.set(c, offC);
  else if (bias !== null) heap.set(bias, offBias);
  const biasPtr = accumulate || bias === null ? -1 : offBias * 8;
  w.kernels.gemm(m, n, k, 0, as0, as1, offB * 8, offC * 8, biasPtr, accumulate ? 1 : 0);
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
