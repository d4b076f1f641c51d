;; The hot kernels, in WebAssembly with 128-bit SIMD (two float64 lanes): the matrix product
;; `gemm`, and `relu` / `reluBackward`, which are branch-free here (a data-dependent branch per
;; element costs more than the arithmetic when the signs look random).
;;
;; Source of lib/tensor/_kernels_wasm.ts. After editing, regenerate it with
;;   deno run --allow-read --allow-write tools/build_kernels_wasm.ts
;; (`--check` and tests/tensor/kernels_wasm_test.ts fail while the two differ).
;;
;; Conventions: every array is float64; every pointer argument is a byte offset into the
;; exported `memory` (the caller, lib/tensor/_wasm.ts, copies operands in and results out);
;; every count and stride is in elements. The JavaScript fallbacks in lib/tensor/_gemm.ts and
;; lib/tensor/unary.ts compute the same results (tests/tensor/kernels_test.ts).
(module
  (memory (export "memory") 1)

  ;; gemm(m, n, k, a, as0, as1, b, c, bias, acc): the matrix product C = init + A · B
  ;;   C[i, j] = init(i, j) + Σ_p A(i, p) · B[p, j]     for i < m, j < n, p = 0, 1, ..., k − 1
  ;;   init(i, j) = C[i, j] when acc ≠ 0, else bias[j] when bias ≥ 0, else 0
  ;; Arguments:
  ;;   m, n, k    the sizes: A is m × k, B is k × n, C is m × n
  ;;   a          A(i, p) = a[i·as0 + p·as1]; strides as0, as1 in elements, so Aᵀ costs nothing
  ;;   b          B, row-major [k, n]
  ;;   c          C, row-major [m, n]; read when acc ≠ 0, always written
  ;;   bias       a vector of n values, or −1 for none (ignored when acc ≠ 0)
  ;;   acc        non-zero to add to C instead of overwriting it
  ;; Each sum runs over p in order, one multiply-add per term: `f64x2.relaxed_madd` is fused
  ;; (one rounding) where the CPU has FMA, so results can differ from the JavaScript fallback in
  ;; _gemm.ts in the last bits (the scalar path for an odd last column multiplies and adds
  ;; separately). gemm walks C in blocks of 4 rows and hands each block to $rows.
  (func (export "gemm")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32)
    (local $i i32)
    (local.set $i (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $i) (local.get $m)))
        (call $rows (local.get $i)
          (select (i32.const 4) (i32.sub (local.get $m) (local.get $i))
            (i32.ge_s (i32.sub (local.get $m) (local.get $i)) (i32.const 4)))
          (local.get $n) (local.get $k) (local.get $a) (local.get $as0) (local.get $as1)
          (local.get $b) (local.get $c) (local.get $bias) (local.get $acc))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $blocks))))

  ;; $rows(i, r, n, k, a, as0, as1, b, c, bias, acc): rows i .. i + r − 1 of gemm's C, 1 ≤ r ≤ 4;
  ;; the other arguments as in gemm. Rows past r alias row i; their sums are not stored. Columns
  ;; go four at a time (8 independent sums in 4 rows × 4 columns, enough to hide the multiply-add
  ;; latency), then two at a time, then the odd last one.
  (func $rows
    (param $i i32) (param $r i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32)
    (local $j i32) (local $p i32) (local $rowA i32) (local $stepA i32) (local $rowC i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32)
    (local $pb i32) (local $pc i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $y v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $w v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $z f64)
    (local.set $rowA (i32.shl (local.get $as0) (i32.const 3)))
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 3)))
    (local.set $rowC (i32.shl (local.get $n) (i32.const 3)))
    (local.set $j (i32.const 0))
    ;; four columns at a time: eight independent sums (c for columns j, j + 1; d for j + 2, j + 3)
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $c0 (v128.load (local.get $pc)))
            (local.set $d0 (v128.load offset=16 (local.get $pc)))
            (if (i32.gt_s (local.get $r) (i32.const 1))
              (then
                (local.set $c1 (v128.load (i32.add (local.get $pc) (local.get $rowC))))
                (local.set $d1 (v128.load offset=16 (i32.add (local.get $pc) (local.get $rowC))))))
            (if (i32.gt_s (local.get $r) (i32.const 2))
              (then
                (local.set $c2 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1)))))
                (local.set $d2 (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1)))))))
            (if (i32.gt_s (local.get $r) (i32.const 3))
              (then
                (local.set $c3 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3)))))
                (local.set $d3 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))))))))
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then
                (local.set $c0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
                (local.set $d0 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
              (else
                (local.set $c0 (v128.const f64x2 0 0))
                (local.set $d0 (v128.const f64x2 0 0))))
            (local.set $c1 (local.get $c0))
            (local.set $c2 (local.get $c0))
            (local.set $c3 (local.get $c0))
            (local.set $d1 (local.get $d0))
            (local.set $d2 (local.get $d0))
            (local.set $d3 (local.get $d0))))
        (local.set $pa0 (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $as0)) (i32.const 3))))
        (local.set $pa1 (select (i32.add (local.get $pa0) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 1))))
        (local.set $pa2 (select (i32.add (local.get $pa1) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 2))))
        (local.set $pa3 (select (i32.add (local.get $pa2) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 3))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (i32.const 0))
        ;; two steps of p per iteration (less loop overhead), then the last one when k is odd
        (block $kq_done
          (loop $kq
            (br_if $kq_done (i32.gt_s (i32.add (local.get $p) (i32.const 2)) (local.get $k)))
            (local.set $y (v128.load (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x0 (v128.load64_splat (local.get $pa0)))
            (local.set $x1 (v128.load64_splat (local.get $pa1)))
            (local.set $x2 (v128.load64_splat (local.get $pa2)))
            (local.set $x3 (v128.load64_splat (local.get $pa3)))
            (local.set $c0 (f64x2.relaxed_madd (local.get $x0) (local.get $y) (local.get $c0)))
            (local.set $d0 (f64x2.relaxed_madd (local.get $x0) (local.get $w) (local.get $d0)))
            (local.set $c1 (f64x2.relaxed_madd (local.get $x1) (local.get $y) (local.get $c1)))
            (local.set $d1 (f64x2.relaxed_madd (local.get $x1) (local.get $w) (local.get $d1)))
            (local.set $c2 (f64x2.relaxed_madd (local.get $x2) (local.get $y) (local.get $c2)))
            (local.set $d2 (f64x2.relaxed_madd (local.get $x2) (local.get $w) (local.get $d2)))
            (local.set $c3 (f64x2.relaxed_madd (local.get $x3) (local.get $y) (local.get $c3)))
            (local.set $d3 (f64x2.relaxed_madd (local.get $x3) (local.get $w) (local.get $d3)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowC)))
            (local.set $y (v128.load (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x0 (v128.load64_splat (local.get $pa0)))
            (local.set $x1 (v128.load64_splat (local.get $pa1)))
            (local.set $x2 (v128.load64_splat (local.get $pa2)))
            (local.set $x3 (v128.load64_splat (local.get $pa3)))
            (local.set $c0 (f64x2.relaxed_madd (local.get $x0) (local.get $y) (local.get $c0)))
            (local.set $d0 (f64x2.relaxed_madd (local.get $x0) (local.get $w) (local.get $d0)))
            (local.set $c1 (f64x2.relaxed_madd (local.get $x1) (local.get $y) (local.get $c1)))
            (local.set $d1 (f64x2.relaxed_madd (local.get $x1) (local.get $w) (local.get $d1)))
            (local.set $c2 (f64x2.relaxed_madd (local.get $x2) (local.get $y) (local.get $c2)))
            (local.set $d2 (f64x2.relaxed_madd (local.get $x2) (local.get $w) (local.get $d2)))
            (local.set $c3 (f64x2.relaxed_madd (local.get $x3) (local.get $y) (local.get $c3)))
            (local.set $d3 (f64x2.relaxed_madd (local.get $x3) (local.get $w) (local.get $d3)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowC)))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $kq)))
        (if (i32.lt_s (local.get $p) (local.get $k))
          (then
            (local.set $y (v128.load (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x0 (v128.load64_splat (local.get $pa0)))
            (local.set $x1 (v128.load64_splat (local.get $pa1)))
            (local.set $x2 (v128.load64_splat (local.get $pa2)))
            (local.set $x3 (v128.load64_splat (local.get $pa3)))
            (local.set $c0 (f64x2.relaxed_madd (local.get $x0) (local.get $y) (local.get $c0)))
            (local.set $d0 (f64x2.relaxed_madd (local.get $x0) (local.get $w) (local.get $d0)))
            (local.set $c1 (f64x2.relaxed_madd (local.get $x1) (local.get $y) (local.get $c1)))
            (local.set $d1 (f64x2.relaxed_madd (local.get $x1) (local.get $w) (local.get $d1)))
            (local.set $c2 (f64x2.relaxed_madd (local.get $x2) (local.get $y) (local.get $c2)))
            (local.set $d2 (f64x2.relaxed_madd (local.get $x2) (local.get $w) (local.get $d2)))
            (local.set $c3 (f64x2.relaxed_madd (local.get $x3) (local.get $y) (local.get $c3)))
            (local.set $d3 (f64x2.relaxed_madd (local.get $x3) (local.get $w) (local.get $d3)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowC)))))
        (v128.store (local.get $pc) (local.get $c0))
        (v128.store offset=16 (local.get $pc) (local.get $d0))
        (if (i32.gt_s (local.get $r) (i32.const 1))
          (then
            (v128.store (i32.add (local.get $pc) (local.get $rowC)) (local.get $c1))
            (v128.store offset=16 (i32.add (local.get $pc) (local.get $rowC)) (local.get $d1))))
        (if (i32.gt_s (local.get $r) (i32.const 2))
          (then
            (v128.store (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1))) (local.get $c2))
            (v128.store offset=16 (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1))) (local.get $d2))))
        (if (i32.gt_s (local.get $r) (i32.const 3))
          (then
            (v128.store (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))) (local.get $c3))
            (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))) (local.get $d3))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quads)))
    ;; then two columns at a time
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $c0 (v128.load (local.get $pc)))
            (if (i32.gt_s (local.get $r) (i32.const 1))
              (then (local.set $c1 (v128.load (i32.add (local.get $pc) (local.get $rowC))))))
            (if (i32.gt_s (local.get $r) (i32.const 2))
              (then (local.set $c2 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1)))))))
            (if (i32.gt_s (local.get $r) (i32.const 3))
              (then (local.set $c3 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))))))))
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then (local.set $c0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
              (else (local.set $c0 (v128.const f64x2 0 0))))
            (local.set $c1 (local.get $c0))
            (local.set $c2 (local.get $c0))
            (local.set $c3 (local.get $c0))))
        (local.set $pa0 (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $as0)) (i32.const 3))))
        (local.set $pa1 (select (i32.add (local.get $pa0) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 1))))
        (local.set $pa2 (select (i32.add (local.get $pa1) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 2))))
        (local.set $pa3 (select (i32.add (local.get $pa2) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 3))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $k_done
          (loop $kl
            (br_if $k_done (i32.ge_s (local.get $p) (local.get $k)))
            (local.set $y (v128.load (local.get $pb)))
            (local.set $c0 (f64x2.relaxed_madd
              (v128.load64_splat (local.get $pa0)) (local.get $y) (local.get $c0)))
            (local.set $c1 (f64x2.relaxed_madd
              (v128.load64_splat (local.get $pa1)) (local.get $y) (local.get $c1)))
            (local.set $c2 (f64x2.relaxed_madd
              (v128.load64_splat (local.get $pa2)) (local.get $y) (local.get $c2)))
            (local.set $c3 (f64x2.relaxed_madd
              (v128.load64_splat (local.get $pa3)) (local.get $y) (local.get $c3)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowC)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $kl)))
        (v128.store (local.get $pc) (local.get $c0))
        (if (i32.gt_s (local.get $r) (i32.const 1))
          (then (v128.store (i32.add (local.get $pc) (local.get $rowC)) (local.get $c1))))
        (if (i32.gt_s (local.get $r) (i32.const 2))
          (then (v128.store (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1))) (local.get $c2))))
        (if (i32.gt_s (local.get $r) (i32.const 3))
          (then (v128.store (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))) (local.get $c3))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pairs)))
    ;; the last column when n is odd
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $s0 (f64.load (local.get $pc)))
            (if (i32.gt_s (local.get $r) (i32.const 1))
              (then (local.set $s1 (f64.load (i32.add (local.get $pc) (local.get $rowC))))))
            (if (i32.gt_s (local.get $r) (i32.const 2))
              (then (local.set $s2 (f64.load (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1)))))))
            (if (i32.gt_s (local.get $r) (i32.const 3))
              (then (local.set $s3 (f64.load (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))))))))
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then (local.set $s0 (f64.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
              (else (local.set $s0 (f64.const 0))))
            (local.set $s1 (local.get $s0))
            (local.set $s2 (local.get $s0))
            (local.set $s3 (local.get $s0))))
        (local.set $pa0 (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $as0)) (i32.const 3))))
        (local.set $pa1 (select (i32.add (local.get $pa0) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 1))))
        (local.set $pa2 (select (i32.add (local.get $pa1) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 2))))
        (local.set $pa3 (select (i32.add (local.get $pa2) (local.get $rowA)) (local.get $pa0)
          (i32.gt_s (local.get $r) (i32.const 3))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $k1_done
          (loop $k1
            (br_if $k1_done (i32.ge_s (local.get $p) (local.get $k)))
            (local.set $z (f64.load (local.get $pb)))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $pa0)) (local.get $z))))
            (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load (local.get $pa1)) (local.get $z))))
            (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.load (local.get $pa2)) (local.get $z))))
            (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.load (local.get $pa3)) (local.get $z))))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowC)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $k1)))
        (f64.store (local.get $pc) (local.get $s0))
        (if (i32.gt_s (local.get $r) (i32.const 1))
          (then (f64.store (i32.add (local.get $pc) (local.get $rowC)) (local.get $s1))))
        (if (i32.gt_s (local.get $r) (i32.const 2))
          (then (f64.store (i32.add (local.get $pc) (i32.shl (local.get $rowC) (i32.const 1))) (local.get $s2))))
        (if (i32.gt_s (local.get $r) (i32.const 3))
          (then (f64.store (i32.add (local.get $pc) (i32.mul (local.get $rowC) (i32.const 3))) (local.get $s3)))))))

  ;; relu(n, x, o): o[i] = max(x[i], 0) for i < n, NaN kept.
  ;; Arguments: n the element count; x the input and o the output, n values each (o may be x).
  ;; Two lanes at a time: pmax(x, 0) is "x < 0 ? 0 : x" (one instruction, NaN kept); adding +0
  ;; turns its −0 into +0. Then the odd last element with f64.max.
  (func (export "relu") (param $n i32) (param $x i32) (param $o i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (v128.store (i32.add (local.get $o) (local.get $i))
          (f64x2.add (v128.const f64x2 0 0)
            (f64x2.pmax (v128.load (i32.add (local.get $x) (local.get $i))) (v128.const f64x2 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $end))
      (then
        (f64.store (i32.add (local.get $o) (local.get $i))
          (f64.max (f64.load (i32.add (local.get $x) (local.get $i))) (f64.const 0))))))


  ;; reluBackward(n, o, g, ga, acc): ga[i] (+)= g[i] where o[i] > 0, else (+)= 0, for i < n.
  ;; Arguments: n the element count; o relu's output, g the gradient of that output, ga the
  ;; gradient of relu's input, n values each; acc non-zero to add to ga, 0 to overwrite it.
  (func (export "reluBackward") (param $n i32) (param $o i32) (param $g i32) (param $ga i32)
    (param $acc i32)
    (local $i i32) (local $end i32) (local $keep v128) (local $d v128) (local $s f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    ;; all ones when accumulating, all zeros when overwriting: ga · keep + masked g
    (local.set $keep (select (v128.const i64x2 -1 -1) (v128.const i64x2 0 0) (local.get $acc)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $d
          (v128.and (v128.load (i32.add (local.get $g) (local.get $i)))
            (f64x2.gt (v128.load (i32.add (local.get $o) (local.get $i))) (v128.const f64x2 0 0))))
        (v128.store (i32.add (local.get $ga) (local.get $i))
          (f64x2.add
            (v128.and (v128.load (i32.add (local.get $ga) (local.get $i))) (local.get $keep))
            (local.get $d)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_s (local.get $i) (local.get $end))
      (then
        (local.set $s
          (select (f64.load (i32.add (local.get $g) (local.get $i))) (f64.const 0)
            (f64.gt (f64.load (i32.add (local.get $o) (local.get $i))) (f64.const 0))))
        (f64.store (i32.add (local.get $ga) (local.get $i))
          (select
            (f64.add (f64.load (i32.add (local.get $ga) (local.get $i))) (local.get $s))
            (local.get $s)
            (local.get $acc))))))
)
