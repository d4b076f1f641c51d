;; The hot kernels, in WebAssembly with 128-bit SIMD (two float64 lanes): the matrix product
;; `gemm` / `gemmDirect` for small operands, its packed and cache-blocked form `packA` / `packB` /
;; `gemmPacked` for larger ones (and their float32 twins `gemmDirect32`, `packA32` / `packB32` /
;; `gemmPacked32`, four lanes), and `relu` / `reluBackward`, which are branch-free here (a
;; data-dependent branch per element costs more than the arithmetic when the signs look random).
;;
;; Source of lib/tensor/_kernels_wasm.ts. After editing, regenerate it with
;;   deno run --allow-read --allow-write tools/build_kernels_wasm.ts
;; (`--check` and tests/tensor/kernels_wasm_test.ts fail while the two differ).
;;
;; Conventions: every array is float64 (float32 in the *32 kernels); every pointer argument is
;; a byte offset into the imported `memory` (lib/tensor/_wasm.ts provides it: a shared memory where
;; tensors can live, so operands in it are read in place, or a private one operands are copied into);
;; every count and stride is in elements. The JavaScript fallbacks in lib/tensor/_gemm.ts and
;; lib/tensor/unary.ts compute the same results (tests/tensor/kernels_test.ts).
(module
  ;; tools/build_kernels_wasm.ts also builds this module with the memory declared `shared`
  ;; (the only difference): a shared memory never detaches its buffer when it grows
  (import "env" "memory" (memory 1 65536))

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
  ;; separately). gemm is gemmDirect with fuseOdd = 0.
  (func (export "gemm")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32)
    (call $gemmDirect (local.get $m) (local.get $n) (local.get $k) (local.get $a) (local.get $as0)
      (local.get $as1) (local.get $b) (local.get $c) (local.get $bias) (local.get $acc)
      (i32.const 0)))

  ;; gemmDirect(m, n, k, a, as0, as1, b, c, bias, acc, fuseOdd): gemm, with the odd last column's
  ;; multiply-adds fused too when fuseOdd ≠ 0 (then every sum is the packed product's, bit for
  ;; bit). It reads A and B where they lie. One row (m = 1) goes to $row1 (then its last n mod 8
  ;; columns to $rows4); otherwise C goes in blocks of 4 rows to $rows4.
  (func $gemmDirect (export "gemmDirect")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32) (param $fuseOdd i32)
    (local $i i32) (local $j i32)
    (local.set $j (i32.const 0))
    (if (i32.eq (local.get $m) (i32.const 1))
      (then
        (local.set $j (call $row1 (local.get $n) (local.get $k) (local.get $a) (local.get $as1)
          (local.get $b) (local.get $c) (local.get $bias) (local.get $acc)))))
    (local.set $i (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $i) (local.get $m)))
        (call $rows4 (local.get $i)
          (select (i32.const 4) (i32.sub (local.get $m) (local.get $i))
            (i32.ge_s (i32.sub (local.get $m) (local.get $i)) (i32.const 4)))
          (local.get $j) (local.get $n) (local.get $k) (local.get $a) (local.get $as0)
          (local.get $as1) (local.get $b) (local.get $c) (local.get $bias) (local.get $acc)
          (local.get $fuseOdd))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $blocks))))

  ;; $row1(n, k, a, as1, b, c, bias, acc) → j: the one row of C = init + A · B when m = 1, in
  ;; groups of 16 columns (eight independent sums: enough to hide the multiply-add latency, which
  ;; a 4-row block with one real row would not), then of 8. Returns the first column left over
  ;; (n mod 8 columns remain, for $rows4). Arguments as in gemm.
  (func $row1 (param $n i32) (param $k i32) (param $a i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32) (result i32)
    (local $j i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $end i32)
    (local $stepA i32) (local $rowB i32) (local $bEnd i32) (local $x v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 3)))
    (local.set $rowB (i32.shl (local.get $n) (i32.const 3)))
    (local.set $bEnd (i32.mul (local.get $k) (local.get $rowB)))
    (local.set $j (i32.const 0))
    ;; sixteen columns at a time (eight independent sums), then eight
    (block $sixteens_done
      (loop $sixteens
        (br_if $sixteens_done (i32.gt_s (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $c0 (v128.load offset=0 (local.get $pc)))
            (local.set $c1 (v128.load offset=16 (local.get $pc)))
            (local.set $c2 (v128.load offset=32 (local.get $pc)))
            (local.set $c3 (v128.load offset=48 (local.get $pc)))
            (local.set $c4 (v128.load offset=64 (local.get $pc)))
            (local.set $c5 (v128.load offset=80 (local.get $pc)))
            (local.set $c6 (v128.load offset=96 (local.get $pc)))
            (local.set $c7 (v128.load offset=112 (local.get $pc))))
          (else (if (i32.ge_s (local.get $bias) (i32.const 0))
            (then
              (local.set $c0 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c2 (v128.load offset=32 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c3 (v128.load offset=48 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c4 (v128.load offset=64 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c5 (v128.load offset=80 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c6 (v128.load offset=96 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c7 (v128.load offset=112 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
            (else
              (local.set $c0 (v128.const f64x2 0 0))
              (local.set $c1 (v128.const f64x2 0 0))
              (local.set $c2 (v128.const f64x2 0 0))
              (local.set $c3 (v128.const f64x2 0 0))
              (local.set $c4 (v128.const f64x2 0 0))
              (local.set $c5 (v128.const f64x2 0 0))
              (local.set $c6 (v128.const f64x2 0 0))
              (local.set $c7 (v128.const f64x2 0 0))))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $sixteens_k_done
          (loop $sixteens_k
            (br_if $sixteens_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $x (v128.load64_splat (local.get $pa)))
            (local.set $c0 (f64x2.relaxed_madd (local.get $x) (v128.load offset=0 (local.get $pb)) (local.get $c0)))
            (local.set $c1 (f64x2.relaxed_madd (local.get $x) (v128.load offset=16 (local.get $pb)) (local.get $c1)))
            (local.set $c2 (f64x2.relaxed_madd (local.get $x) (v128.load offset=32 (local.get $pb)) (local.get $c2)))
            (local.set $c3 (f64x2.relaxed_madd (local.get $x) (v128.load offset=48 (local.get $pb)) (local.get $c3)))
            (local.set $c4 (f64x2.relaxed_madd (local.get $x) (v128.load offset=64 (local.get $pb)) (local.get $c4)))
            (local.set $c5 (f64x2.relaxed_madd (local.get $x) (v128.load offset=80 (local.get $pb)) (local.get $c5)))
            (local.set $c6 (f64x2.relaxed_madd (local.get $x) (v128.load offset=96 (local.get $pb)) (local.get $c6)))
            (local.set $c7 (f64x2.relaxed_madd (local.get $x) (v128.load offset=112 (local.get $pb)) (local.get $c7)))
            (local.set $pa (i32.add (local.get $pa) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $sixteens_k)))
        (v128.store offset=0 (local.get $pc) (local.get $c0))
        (v128.store offset=16 (local.get $pc) (local.get $c1))
        (v128.store offset=32 (local.get $pc) (local.get $c2))
        (v128.store offset=48 (local.get $pc) (local.get $c3))
        (v128.store offset=64 (local.get $pc) (local.get $c4))
        (v128.store offset=80 (local.get $pc) (local.get $c5))
        (v128.store offset=96 (local.get $pc) (local.get $c6))
        (v128.store offset=112 (local.get $pc) (local.get $c7))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $sixteens)))
    (block $eights_done
      (loop $eights
        (br_if $eights_done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $c0 (v128.load offset=0 (local.get $pc)))
            (local.set $c1 (v128.load offset=16 (local.get $pc)))
            (local.set $c2 (v128.load offset=32 (local.get $pc)))
            (local.set $c3 (v128.load offset=48 (local.get $pc))))
          (else (if (i32.ge_s (local.get $bias) (i32.const 0))
            (then
              (local.set $c0 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c2 (v128.load offset=32 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $c3 (v128.load offset=48 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
            (else
              (local.set $c0 (v128.const f64x2 0 0))
              (local.set $c1 (v128.const f64x2 0 0))
              (local.set $c2 (v128.const f64x2 0 0))
              (local.set $c3 (v128.const f64x2 0 0))))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $eights_k_done
          (loop $eights_k
            (br_if $eights_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $x (v128.load64_splat (local.get $pa)))
            (local.set $c0 (f64x2.relaxed_madd (local.get $x) (v128.load offset=0 (local.get $pb)) (local.get $c0)))
            (local.set $c1 (f64x2.relaxed_madd (local.get $x) (v128.load offset=16 (local.get $pb)) (local.get $c1)))
            (local.set $c2 (f64x2.relaxed_madd (local.get $x) (v128.load offset=32 (local.get $pb)) (local.get $c2)))
            (local.set $c3 (f64x2.relaxed_madd (local.get $x) (v128.load offset=48 (local.get $pb)) (local.get $c3)))
            (local.set $pa (i32.add (local.get $pa) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $eights_k)))
        (v128.store offset=0 (local.get $pc) (local.get $c0))
        (v128.store offset=16 (local.get $pc) (local.get $c1))
        (v128.store offset=32 (local.get $pc) (local.get $c2))
        (v128.store offset=48 (local.get $pc) (local.get $c3))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $eights)))
    (local.get $j))

  ;; $rows4(i, r, j0, n, k, a, as0, as1, b, c, bias, acc, fuseOdd): rows i .. i + r − 1 of C,
  ;; 1 ≤ r ≤ 4, columns j0 .. n − 1; the other arguments as in gemmDirect. Rows past r alias row
  ;; i (same A row, same C row): they compute row i's sums again and store the same values there.
  ;; Columns go four at a time (eight independent sums, enough to hide the multiply-add latency),
  ;; then two at a time, then the odd last one. (Blocks of 6 rows, twelve sums in 12 + 2 + 1 = 15
  ;; xmm registers like gemmPacked's tile, measured no faster here: the six strided A pointers
  ;; cost as much as the extra sums save, and small m wastes more aliased rows.)
  (func $rows4
    (param $i i32) (param $r i32) (param $j0 i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32) (param $fuseOdd i32)
    (local $j i32) (local $rowA i32) (local $stepA i32) (local $rowB i32) (local $bEnd i32)
    (local $end i32) (local $bEndPairs i32)
    (local $ra0 i32) (local $ra1 i32) (local $ra2 i32) (local $ra3 i32)
    (local $rc0 i32) (local $rc1 i32) (local $rc2 i32) (local $rc3 i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32)
    (local $pb i32)
    (local $pc i32) (local $pc1 i32) (local $pc2 i32) (local $pc3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $x v128) (local $y v128) (local $w v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local $z f64)
    (local.set $rowA (i32.shl (local.get $as0) (i32.const 3)))
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 3)))
    (local.set $rowB (i32.shl (local.get $n) (i32.const 3)))
    (local.set $bEnd (i32.mul (local.get $k) (local.get $rowB)))
    (local.set $bEndPairs (i32.mul (i32.and (local.get $k) (i32.const -2)) (local.get $rowB)))
    ;; row r's A and C, or row i's for the rows past r
    (local.set $ra0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowA))))
    (local.set $rc0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowB))))
    (local.set $ra1 (select (i32.add (local.get $ra0) (local.get $rowA)) (local.get $ra0)
      (i32.gt_s (local.get $r) (i32.const 1))))
    (local.set $rc1 (select (i32.add (local.get $rc0) (local.get $rowB)) (local.get $rc0)
      (i32.gt_s (local.get $r) (i32.const 1))))
    (local.set $ra2 (select (i32.add (local.get $ra1) (local.get $rowA)) (local.get $ra0)
      (i32.gt_s (local.get $r) (i32.const 2))))
    (local.set $rc2 (select (i32.add (local.get $rc1) (local.get $rowB)) (local.get $rc0)
      (i32.gt_s (local.get $r) (i32.const 2))))
    (local.set $ra3 (select (i32.add (local.get $ra2) (local.get $rowA)) (local.get $ra0)
      (i32.gt_s (local.get $r) (i32.const 3))))
    (local.set $rc3 (select (i32.add (local.get $rc2) (local.get $rowB)) (local.get $rc0)
      (i32.gt_s (local.get $r) (i32.const 3))))
    (local.set $j (local.get $j0))
    ;; four columns at a time: eight sums (c<r>0 for columns j, j + 1 and c<r>1 for j + 2, j + 3)
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $pa0 (local.get $ra0))
        (local.set $pa1 (local.get $ra1))
        (local.set $pa2 (local.get $ra2))
        (local.set $pa3 (local.get $ra3))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc (i32.add (local.get $rc0) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc1 (i32.add (local.get $rc1) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc2 (i32.add (local.get $rc2) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc3 (i32.add (local.get $rc3) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $pc)))
            (local.set $c01 (v128.load offset=16 (local.get $pc)))
            (local.set $c10 (v128.load offset=0 (local.get $pc1)))
            (local.set $c11 (v128.load offset=16 (local.get $pc1)))
            (local.set $c20 (v128.load offset=0 (local.get $pc2)))
            (local.set $c21 (v128.load offset=16 (local.get $pc2)))
            (local.set $c30 (v128.load offset=0 (local.get $pc3)))
            (local.set $c31 (v128.load offset=16 (local.get $pc3)))
          )
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then
                (local.set $c00 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
                (local.set $c01 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
              (else
                (local.set $c00 (v128.const f64x2 0 0))
                (local.set $c01 (v128.const f64x2 0 0))))
            (local.set $c10 (local.get $c00))
            (local.set $c11 (local.get $c01))
            (local.set $c20 (local.get $c00))
            (local.set $c21 (local.get $c01))
            (local.set $c30 (local.get $c00))
            (local.set $c31 (local.get $c01))))
        ;; two terms per iteration, then the last one when k is odd
        (local.set $end (i32.add (local.get $pb) (local.get $bEndPairs)))
        (block $quads_k_done
          (loop $quads_k
            (br_if $quads_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load64_splat (local.get $pa0)))
            (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $c01 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c01)))
            (local.set $x (v128.load64_splat (local.get $pa1)))
            (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $c11 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c11)))
            (local.set $x (v128.load64_splat (local.get $pa2)))
            (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $c21 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c21)))
            (local.set $x (v128.load64_splat (local.get $pa3)))
            (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $c31 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c31)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load64_splat (local.get $pa0)))
            (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $c01 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c01)))
            (local.set $x (v128.load64_splat (local.get $pa1)))
            (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $c11 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c11)))
            (local.set $x (v128.load64_splat (local.get $pa2)))
            (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $c21 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c21)))
            (local.set $x (v128.load64_splat (local.get $pa3)))
            (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $c31 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c31)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $quads_k)))
        (if (i32.and (local.get $k) (i32.const 1))
          (then
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load64_splat (local.get $pa0)))
            (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $c01 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c01)))
            (local.set $x (v128.load64_splat (local.get $pa1)))
            (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $c11 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c11)))
            (local.set $x (v128.load64_splat (local.get $pa2)))
            (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $c21 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c21)))
            (local.set $x (v128.load64_splat (local.get $pa3)))
            (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $c31 (f64x2.relaxed_madd (local.get $x) (local.get $w) (local.get $c31)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (v128.store offset=0 (local.get $pc1) (local.get $c10))
        (v128.store offset=16 (local.get $pc1) (local.get $c11))
        (v128.store offset=0 (local.get $pc2) (local.get $c20))
        (v128.store offset=16 (local.get $pc2) (local.get $c21))
        (v128.store offset=0 (local.get $pc3) (local.get $c30))
        (v128.store offset=16 (local.get $pc3) (local.get $c31))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quads)))
    ;; then two columns at a time
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
        (local.set $pa0 (local.get $ra0))
        (local.set $pa1 (local.get $ra1))
        (local.set $pa2 (local.get $ra2))
        (local.set $pa3 (local.get $ra3))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc (i32.add (local.get $rc0) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc1 (i32.add (local.get $rc1) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc2 (i32.add (local.get $rc2) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc3 (i32.add (local.get $rc3) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $pc)))
            (local.set $c10 (v128.load offset=0 (local.get $pc1)))
            (local.set $c20 (v128.load offset=0 (local.get $pc2)))
            (local.set $c30 (v128.load offset=0 (local.get $pc3)))
          )
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then
                (local.set $c00 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
              (else
                (local.set $c00 (v128.const f64x2 0 0))))
            (local.set $c10 (local.get $c00))
            (local.set $c20 (local.get $c00))
            (local.set $c30 (local.get $c00))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $pairs_k_done
          (loop $pairs_k
            (br_if $pairs_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $x (v128.load64_splat (local.get $pa0)))
            (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $x (v128.load64_splat (local.get $pa1)))
            (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $x (v128.load64_splat (local.get $pa2)))
            (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $x (v128.load64_splat (local.get $pa3)))
            (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $pairs_k)))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=0 (local.get $pc1) (local.get $c10))
        (v128.store offset=0 (local.get $pc2) (local.get $c20))
        (v128.store offset=0 (local.get $pc3) (local.get $c30))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pairs)))
    ;; the last column when n is odd: fused like the others, or (fuseOdd = 0) each product
    ;; rounded before it is added, as the reference kernel did
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pa0 (local.get $ra0))
        (local.set $pa1 (local.get $ra1))
        (local.set $pa2 (local.get $ra2))
        (local.set $pa3 (local.get $ra3))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc (i32.add (local.get $rc0) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc1 (i32.add (local.get $rc1) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc2 (i32.add (local.get $rc2) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pc3 (i32.add (local.get $rc3) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc)
          (then
            (local.set $s0 (f64.load (local.get $pc)))
            (local.set $s1 (f64.load (local.get $pc1)))
            (local.set $s2 (f64.load (local.get $pc2)))
            (local.set $s3 (f64.load (local.get $pc3))))
          (else
            (local.set $s0 (f64.const 0))
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then (local.set $s0 (f64.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $s1 (local.get $s0))
            (local.set $s2 (local.get $s0))
            (local.set $s3 (local.get $s0))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (if (local.get $fuseOdd)
          (then
            (local.set $c00 (f64x2.splat (local.get $s0)))
            (local.set $c10 (f64x2.splat (local.get $s1)))
            (local.set $c20 (f64x2.splat (local.get $s2)))
            (local.set $c30 (f64x2.splat (local.get $s3)))
            (block $fused_done
              (loop $fused
                (br_if $fused_done (i32.ge_u (local.get $pb) (local.get $end)))
                (local.set $y (v128.load64_splat (local.get $pb)))
                (local.set $c00 (f64x2.relaxed_madd (v128.load64_splat (local.get $pa0)) (local.get $y) (local.get $c00)))
                (local.set $c10 (f64x2.relaxed_madd (v128.load64_splat (local.get $pa1)) (local.get $y) (local.get $c10)))
                (local.set $c20 (f64x2.relaxed_madd (v128.load64_splat (local.get $pa2)) (local.get $y) (local.get $c20)))
                (local.set $c30 (f64x2.relaxed_madd (v128.load64_splat (local.get $pa3)) (local.get $y) (local.get $c30)))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
                (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
                (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
                (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                (br $fused)))
            (local.set $s0 (f64x2.extract_lane 0 (local.get $c00)))
            (local.set $s1 (f64x2.extract_lane 0 (local.get $c10)))
            (local.set $s2 (f64x2.extract_lane 0 (local.get $c20)))
            (local.set $s3 (f64x2.extract_lane 0 (local.get $c30))))
          (else
            (block $plain_done
              (loop $plain
                (br_if $plain_done (i32.ge_u (local.get $pb) (local.get $end)))
                (local.set $z (f64.load (local.get $pb)))
                (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $pa0)) (local.get $z))))
                (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load (local.get $pa1)) (local.get $z))))
                (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.load (local.get $pa2)) (local.get $z))))
                (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.load (local.get $pa3)) (local.get $z))))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
                (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
                (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
                (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                (br $plain)))))
        (f64.store (local.get $pc) (local.get $s0))
        (f64.store (local.get $pc1) (local.get $s1))
        (f64.store (local.get $pc2) (local.get $s2))
        (f64.store (local.get $pc3) (local.get $s3))))  )

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

  ;; ---- the packed, cache-blocked product for larger matrices -------------------------------
  ;; gemm above reads A and B where they lie: fine while they fit in the L1 cache, but from about
  ;; 256³ on every row of B is fetched again for each block of rows of A, and rows exactly
  ;; 4 KiB apart (n = 512) compete for the same cache sets. The packed product instead copies A and
  ;; B once per product into panels that the inner loop reads contiguously (packA, packB), and
  ;; walks them in blocks sized for the caches (gemmPacked): a 6 × 4 tile of C, twelve f64x2
  ;; accumulators, stays in registers while p runs over at most 256 terms; the B panel of those
  ;; terms (8 KiB) stays in L1 and the A block (96 rows, 192 KiB) in L2.
  ;; Why 6 × 4: V8's x64 code keeps one of the 16 xmm registers as scratch, so 15 v128 values fit;
  ;; a 6 × 4 tile needs 12 accumulators + 2 B vectors + 1 splat of A = 15, where the former 4 × 6
  ;; tile needed 12 + 3 + 1 = 16 and spilled an accumulator to the stack on every term (seen in
  ;; Deno 2.9.6's machine code: tools/jitdump_disasm.py). That code also checks every memory
  ;; access against the memory's size (cmp + jae, and a lea for each load64_splat offset), so
  ;; loads, not multiply-adds, bound these loops.
  ;; The sums are the same as gemm's: init, then one fused multiply-add per term with p in order
  ;; (C is stored and reloaded between blocks of p, which is exact), so the two agree bit for bit
  ;; on every column gemm computes with SIMD, and where gemm's scalar last column multiplies and
  ;; adds separately the packed product still fuses (its panels are padded with zeros).

  ;; packA(m, k, a, as0, as1, dst): A(i, p) = a[i·as0 + p·as1] into panels of 6 rows:
  ;;   dst[(i0·k + p·6 + r)] = A(i0 + r, p) for each panel i0 = 0, 6, 12, ...; 0 for rows ≥ m.
  ;; dst holds ⌈m / 6⌉·6·k doubles.
  (func (export "packA")
    (param $m i32) (param $k i32) (param $a i32) (param $as0 i32) (param $as1 i32) (param $dst i32)
    (local $i0 i32) (local $r i32) (local $p i32) (local $src i32) (local $out i32)
    (local $rowA i32) (local $stepA i32)
    (local.set $rowA (i32.shl (local.get $as0) (i32.const 3)))
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 3)))
    (local.set $i0 (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (local.get $i0) (local.get $m)))
        (local.set $r (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_s (local.get $r) (i32.const 6)))
            (local.set $out (i32.add (local.get $dst)
              (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $k)) (local.get $r)) (i32.const 3))))
            (local.set $p (i32.const 0))
            (if (i32.lt_s (i32.add (local.get $i0) (local.get $r)) (local.get $m))
              (then
                (local.set $src (i32.add (local.get $a)
                  (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $rowA))))
                (block $copy_done
                  (loop $copy
                    (br_if $copy_done (i32.ge_s (local.get $p) (local.get $k)))
                    (f64.store (local.get $out) (f64.load (local.get $src)))
                    (local.set $src (i32.add (local.get $src) (local.get $stepA)))
                    (local.set $out (i32.add (local.get $out) (i32.const 48)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $copy))))
              (else
                (block $zero_done
                  (loop $zero
                    (br_if $zero_done (i32.ge_s (local.get $p) (local.get $k)))
                    (f64.store (local.get $out) (f64.const 0))
                    (local.set $out (i32.add (local.get $out) (i32.const 48)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $zero)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rows)))
        (local.set $i0 (i32.add (local.get $i0) (i32.const 6)))
        (br $panels))))

  ;; packB(k, n, b, dst): B row-major [k, n] into panels of 4 columns:
  ;;   dst[(j0·k + p·4 + c)] = B[p, j0 + c] for each panel j0 = 0, 4, 8, ...; 0 for columns ≥ n.
  ;; dst holds ⌈n / 4⌉·4·k doubles.
  (func (export "packB") (param $k i32) (param $n i32) (param $b i32) (param $dst i32)
    (local $j0 i32) (local $c i32) (local $p i32) (local $src i32) (local $out i32) (local $w i32)
    (local $rowB i32)
    (local.set $rowB (i32.shl (local.get $n) (i32.const 3)))
    (local.set $out (local.get $dst))
    (local.set $j0 (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (local.get $j0) (local.get $n)))
        ;; w = the panel's columns that exist (4 except in the last panel)
        (local.set $w (select (i32.const 4) (i32.sub (local.get $n) (local.get $j0))
          (i32.ge_s (i32.sub (local.get $n) (local.get $j0)) (i32.const 4))))
        (local.set $src (i32.add (local.get $b) (i32.shl (local.get $j0) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_s (local.get $p) (local.get $k)))
            (if (i32.eq (local.get $w) (i32.const 4))
              (then
                (v128.store (local.get $out) (v128.load (local.get $src)))
                (v128.store offset=16 (local.get $out) (v128.load offset=16 (local.get $src))))
              (else
                (v128.store (local.get $out) (v128.const f64x2 0 0))
                (v128.store offset=16 (local.get $out) (v128.const f64x2 0 0))
                (local.set $c (i32.const 0))
                (block $cols_done
                  (loop $cols
                    (br_if $cols_done (i32.ge_s (local.get $c) (local.get $w)))
                    (f64.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 3)))
                      (f64.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 3)))))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $cols)))))
            (local.set $src (i32.add (local.get $src) (local.get $rowB)))
            (local.set $out (i32.add (local.get $out) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows)))
        (local.set $j0 (i32.add (local.get $j0) (i32.const 4)))
        (br $panels))))

  ;; $tile(kc, pa, pb, init, pi, ldi, po, ldo): one 6 × 4 tile of C over kc terms.
  ;;   pa: kc × 6 packed A values (packA's layout, from the block's first term)
  ;;   pb: kc × 4 packed B values (packB's layout, from the block's first term)
  ;;   init ≠ 0: the sums start from the tile at pi (rows ldi bytes apart; ldi = 0 repeats one row,
  ;;   which is how a bias vector initialises every row); init = 0: they start from 0
  ;;   po: where the tile is stored, rows ldo bytes apart
  ;; Accumulator c<r><v> holds C[r, 2v .. 2v + 1]. The loop takes two terms per iteration (less
  ;; loop overhead per multiply-add: measured +5–10%), then the last term when kc is odd.
  (func $tile (param $kc i32) (param $pa i32) (param $pb i32)
    (param $init i32) (param $pi i32) (param $ldi i32) (param $po i32) (param $ldo i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $end i32) (local $row i32)
    (if (local.get $init)
      (then
        (local.set $c00 (v128.load (local.get $pi)))
        (local.set $c01 (v128.load offset=16 (local.get $pi)))
        (local.set $row (i32.add (local.get $pi) (local.get $ldi)))
        (local.set $c10 (v128.load (local.get $row)))
        (local.set $c11 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c20 (v128.load (local.get $row)))
        (local.set $c21 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c30 (v128.load (local.get $row)))
        (local.set $c31 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c40 (v128.load (local.get $row)))
        (local.set $c41 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c50 (v128.load (local.get $row)))
        (local.set $c51 (v128.load offset=16 (local.get $row)))))
    ;; end of the pairs of terms: pb + (kc rounded down to even)·32
    (local.set $end (i32.add (local.get $pb)
      (i32.shl (i32.and (local.get $kc) (i32.const -2)) (i32.const 5))))
    (block $done
      (loop $terms
        (br_if $done (i32.ge_u (local.get $pb) (local.get $end)))
        ;; term p
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $x (v128.load64_splat (local.get $pa)))
        (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
        (local.set $x (v128.load64_splat offset=8 (local.get $pa)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
        (local.set $x (v128.load64_splat offset=16 (local.get $pa)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
        (local.set $x (v128.load64_splat offset=24 (local.get $pa)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
        (local.set $x (v128.load64_splat offset=32 (local.get $pa)))
        (local.set $c40 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
        (local.set $x (v128.load64_splat offset=40 (local.get $pa)))
        (local.set $c50 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))
        ;; term p + 1
        (local.set $b0 (v128.load offset=32 (local.get $pb)))
        (local.set $b1 (v128.load offset=48 (local.get $pb)))
        (local.set $x (v128.load64_splat offset=48 (local.get $pa)))
        (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
        (local.set $x (v128.load64_splat offset=56 (local.get $pa)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
        (local.set $x (v128.load64_splat offset=64 (local.get $pa)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
        (local.set $x (v128.load64_splat offset=72 (local.get $pa)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
        (local.set $x (v128.load64_splat offset=80 (local.get $pa)))
        (local.set $c40 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
        (local.set $x (v128.load64_splat offset=88 (local.get $pa)))
        (local.set $c50 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 96)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
        (br $terms)))
    ;; the last term when kc is odd
    (if (i32.and (local.get $kc) (i32.const 1))
      (then
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $x (v128.load64_splat (local.get $pa)))
        (local.set $c00 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
        (local.set $x (v128.load64_splat offset=8 (local.get $pa)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
        (local.set $x (v128.load64_splat offset=16 (local.get $pa)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
        (local.set $x (v128.load64_splat offset=24 (local.get $pa)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
        (local.set $x (v128.load64_splat offset=32 (local.get $pa)))
        (local.set $c40 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
        (local.set $x (v128.load64_splat offset=40 (local.get $pa)))
        (local.set $c50 (f64x2.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f64x2.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))))
    (v128.store (local.get $po) (local.get $c00))
    (v128.store offset=16 (local.get $po) (local.get $c01))
    (local.set $row (i32.add (local.get $po) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c20))
    (v128.store offset=16 (local.get $row) (local.get $c21))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c30))
    (v128.store offset=16 (local.get $row) (local.get $c31))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c40))
    (v128.store offset=16 (local.get $row) (local.get $c41))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c50))
    (v128.store offset=16 (local.get $row) (local.get $c51)))

  ;; $tileIn(rows, cols, src, lds, tmp): a partial tile of C (rows × cols, rows lds bytes apart)
  ;; into the 6 × 4 scratch tile at tmp (rows 32 bytes apart), zeros elsewhere. $tileOut copies
  ;; it back.
  (func $tileIn (param $rows i32) (param $cols i32) (param $src i32) (param $lds i32) (param $tmp i32)
    (local $r i32) (local $j i32) (local $v f64)
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rowsl
        (br_if $rows_done (i32.ge_s (local.get $r) (i32.const 6)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $colsl
            (br_if $cols_done (i32.ge_s (local.get $j) (i32.const 4)))
            (local.set $v (f64.const 0))
            (if (i32.and (i32.lt_s (local.get $r) (local.get $rows)) (i32.lt_s (local.get $j) (local.get $cols)))
              (then (local.set $v (f64.load (i32.add (local.get $src)
                (i32.add (i32.mul (local.get $r) (local.get $lds)) (i32.shl (local.get $j) (i32.const 3))))))))
            (f64.store (i32.add (local.get $tmp)
              (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 2)) (local.get $j)) (i32.const 3)))
              (local.get $v))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $colsl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsl))))

  (func $tileOut (param $rows i32) (param $cols i32) (param $tmp i32) (param $dst i32) (param $ldd i32)
    (local $r i32) (local $j i32)
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rowsl
        (br_if $rows_done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $colsl
            (br_if $cols_done (i32.ge_s (local.get $j) (local.get $cols)))
            (f64.store
              (i32.add (local.get $dst)
                (i32.add (i32.mul (local.get $r) (local.get $ldd)) (i32.shl (local.get $j) (i32.const 3))))
              (f64.load (i32.add (local.get $tmp)
                (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 2)) (local.get $j)) (i32.const 3)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $colsl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsl))))

  ;; gemmPacked(m, n, k, pa, pb, c, bias, acc, tmp): gemm's C (+)= A · B from packed operands.
  ;; Arguments:
  ;;   m, n, k    the sizes, as in gemm
  ;;   pa, pb     A packed by packA, B packed by packB
  ;;   c          C, row-major [m, n]; read when acc ≠ 0, always written
  ;;   bias       n values padded with zeros to a multiple of 4, or −1 for none (ignored when acc ≠ 0)
  ;;   acc        non-zero to add to C instead of overwriting it
  ;;   tmp        24 doubles of scratch for the tiles at C's right and bottom edges
  ;; Blocks: p in equal blocks of at most 256 terms (C is reloaded for each), rows in blocks of
  ;; 96, then the 4-column panels of B, then the 6-row panels of A. At least one block of p runs, so k = 0
  ;; writes C = init.
  (func (export "gemmPacked")
    (param $m i32) (param $n i32) (param $k i32) (param $pa i32) (param $pb i32)
    (param $c i32) (param $bias i32) (param $acc i32) (param $tmp i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $iEnd i32) (local $j i32) (local $i i32)
    (local $rows i32) (local $cols i32) (local $ldc i32) (local $pc i32)
    (local $init i32) (local $pi i32) (local $ldi i32) (local $partial i32) (local $kb i32)
    (local.set $ldc (i32.shl (local.get $n) (i32.const 3)))
    ;; blocks of p of equal size, at most 256 terms: ⌈k / ⌈k / 256⌉⌉ (784 = 4 × 196, not
    ;; 3 × 256 + 16, whose last block would reload and store C for 16 terms)
    (local.set $kb (i32.add (i32.div_u (i32.add (local.get $k) (i32.const 255)) (i32.const 256))
      (i32.eqz (local.get $k))))
    (local.set $kb
      (i32.div_u (i32.sub (i32.add (local.get $k) (local.get $kb)) (i32.const 1)) (local.get $kb)))
    (local.set $p0 (i32.const 0))
    (loop $kblocks
      (local.set $kc (select (local.get $kb) (i32.sub (local.get $k) (local.get $p0))
        (i32.ge_s (i32.sub (local.get $k) (local.get $p0)) (local.get $kb))))
      (local.set $i0 (i32.const 0))
      (block $iblocks_done
        (loop $iblocks
          (br_if $iblocks_done (i32.ge_s (local.get $i0) (local.get $m)))
          (local.set $iEnd (select (local.get $m) (i32.add (local.get $i0) (i32.const 96))
            (i32.lt_s (local.get $m) (i32.add (local.get $i0) (i32.const 96)))))
          (local.set $j (i32.const 0))
          (block $jpanels_done
            (loop $jpanels
              (br_if $jpanels_done (i32.ge_s (local.get $j) (local.get $n)))
              (local.set $cols (select (i32.const 4) (i32.sub (local.get $n) (local.get $j))
                (i32.ge_s (i32.sub (local.get $n) (local.get $j)) (i32.const 4))))
              (local.set $i (local.get $i0))
              (block $ipanels_done
                (loop $ipanels
                  (br_if $ipanels_done (i32.ge_s (local.get $i) (local.get $iEnd)))
                  (local.set $rows (select (i32.const 6) (i32.sub (local.get $m) (local.get $i))
                    (i32.ge_s (i32.sub (local.get $m) (local.get $i)) (i32.const 6))))
                  (local.set $pc (i32.add (local.get $c)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3))))
                  (local.set $partial (i32.or (i32.lt_s (local.get $rows) (i32.const 6))
                    (i32.lt_s (local.get $cols) (i32.const 4))))
                  ;; where the sums start: C itself (accumulating, or a later block of p), the
                  ;; bias repeated on every row, or zero
                  (if (i32.or (local.get $acc) (i32.gt_s (local.get $p0) (i32.const 0)))
                    (then
                      (local.set $init (i32.const 1))
                      (local.set $pi (local.get $pc))
                      (local.set $ldi (local.get $ldc))
                      (if (local.get $partial)
                        (then
                          (call $tileIn (local.get $rows) (local.get $cols) (local.get $pc)
                            (local.get $ldc) (local.get $tmp))
                          (local.set $pi (local.get $tmp))
                          (local.set $ldi (i32.const 32)))))
                    (else
                      (local.set $init (i32.ge_s (local.get $bias) (i32.const 0)))
                      (local.set $pi (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))
                      (local.set $ldi (i32.const 0))))
                  (call $tile (local.get $kc)
                    (i32.add (local.get $pa)
                      (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k))
                        (i32.mul (local.get $p0) (i32.const 6))) (i32.const 3)))
                    (i32.add (local.get $pb)
                      (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k))
                        (i32.shl (local.get $p0) (i32.const 2))) (i32.const 3)))
                    (local.get $init) (local.get $pi) (local.get $ldi)
                    (select (local.get $tmp) (local.get $pc) (local.get $partial))
                    (select (i32.const 32) (local.get $ldc) (local.get $partial)))
                  (if (local.get $partial)
                    (then
                      (call $tileOut (local.get $rows) (local.get $cols) (local.get $tmp)
                        (local.get $pc) (local.get $ldc))))
                  (local.set $i (i32.add (local.get $i) (i32.const 6)))
                  (br $ipanels)))
              (local.set $j (i32.add (local.get $j) (i32.const 4)))
              (br $jpanels)))
          (local.set $i0 (local.get $iEnd))
          (br $iblocks)))
      (local.set $p0 (i32.add (local.get $p0) (local.get $kc)))
      (br_if $kblocks (i32.lt_s (local.get $p0) (local.get $k)))))

  ;; ---- the same packed product in float32 --------------------------------------------------
  ;; packA32, packB32, gemmPacked32 and their helpers are packA, packB, gemmPacked with float32
  ;; elements and f32x4 lanes: A panels of 6 rows (24 bytes per term), B panels of 8 columns (32
  ;; bytes per term, as in float64), a 6 × 8 tile of C in twelve f32x4 accumulators (15 xmm
  ;; registers with 2 B vectors and 1 splat, as in float64; the former 4 × 12 tile needed 16),
  ;; bias padded to a multiple of 8, tmp of 48 floats, the same blocks. Every sum: init, then
  ;; one fused multiply-add per term with p in order, rounded to float32 at each step.
  (func (export "packA32")
    (param $m i32) (param $k i32) (param $a i32) (param $as0 i32) (param $as1 i32) (param $dst i32)
    (local $i0 i32) (local $r i32) (local $p i32) (local $src i32) (local $out i32)
    (local $rowA i32) (local $stepA i32)
    (local.set $rowA (i32.shl (local.get $as0) (i32.const 2)))
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 2)))
    (local.set $i0 (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (local.get $i0) (local.get $m)))
        (local.set $r (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_s (local.get $r) (i32.const 6)))
            (local.set $out (i32.add (local.get $dst)
              (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $k)) (local.get $r)) (i32.const 2))))
            (local.set $p (i32.const 0))
            (if (i32.lt_s (i32.add (local.get $i0) (local.get $r)) (local.get $m))
              (then
                (local.set $src (i32.add (local.get $a)
                  (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $rowA))))
                (block $copy_done
                  (loop $copy
                    (br_if $copy_done (i32.ge_s (local.get $p) (local.get $k)))
                    (f32.store (local.get $out) (f32.load (local.get $src)))
                    (local.set $src (i32.add (local.get $src) (local.get $stepA)))
                    (local.set $out (i32.add (local.get $out) (i32.const 24)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $copy))))
              (else
                (block $zero_done
                  (loop $zero
                    (br_if $zero_done (i32.ge_s (local.get $p) (local.get $k)))
                    (f32.store (local.get $out) (f32.const 0))
                    (local.set $out (i32.add (local.get $out) (i32.const 24)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $zero)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rows)))
        (local.set $i0 (i32.add (local.get $i0) (i32.const 6)))
        (br $panels))))

  (func (export "packB32") (param $k i32) (param $n i32) (param $b i32) (param $dst i32)
    (local $j0 i32) (local $c i32) (local $p i32) (local $src i32) (local $out i32) (local $w i32)
    (local $rowB i32)
    (local.set $rowB (i32.shl (local.get $n) (i32.const 2)))
    (local.set $out (local.get $dst))
    (local.set $j0 (i32.const 0))
    (block $panels_done
      (loop $panels
        (br_if $panels_done (i32.ge_s (local.get $j0) (local.get $n)))
        ;; w = the panel's columns that exist (8 except in the last panel)
        (local.set $w (select (i32.const 8) (i32.sub (local.get $n) (local.get $j0))
          (i32.ge_s (i32.sub (local.get $n) (local.get $j0)) (i32.const 8))))
        (local.set $src (i32.add (local.get $b) (i32.shl (local.get $j0) (i32.const 2))))
        (local.set $p (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_s (local.get $p) (local.get $k)))
            (if (i32.eq (local.get $w) (i32.const 8))
              (then
                (v128.store (local.get $out) (v128.load (local.get $src)))
                (v128.store offset=16 (local.get $out) (v128.load offset=16 (local.get $src))))
              (else
                (v128.store (local.get $out) (v128.const f32x4 0 0 0 0))
                (v128.store offset=16 (local.get $out) (v128.const f32x4 0 0 0 0))
                (local.set $c (i32.const 0))
                (block $cols_done
                  (loop $cols
                    (br_if $cols_done (i32.ge_s (local.get $c) (local.get $w)))
                    (f32.store (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2)))
                      (f32.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 2)))))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $cols)))))
            (local.set $src (i32.add (local.get $src) (local.get $rowB)))
            (local.set $out (i32.add (local.get $out) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows)))
        (local.set $j0 (i32.add (local.get $j0) (i32.const 8)))
        (br $panels))))

  (func $tile32 (param $kc i32) (param $pa i32) (param $pb i32)
    (param $init i32) (param $pi i32) (param $ldi i32) (param $po i32) (param $ldo i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $end i32) (local $row i32)
    (if (local.get $init)
      (then
        (local.set $c00 (v128.load (local.get $pi)))
        (local.set $c01 (v128.load offset=16 (local.get $pi)))
        (local.set $row (i32.add (local.get $pi) (local.get $ldi)))
        (local.set $c10 (v128.load (local.get $row)))
        (local.set $c11 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c20 (v128.load (local.get $row)))
        (local.set $c21 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c30 (v128.load (local.get $row)))
        (local.set $c31 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c40 (v128.load (local.get $row)))
        (local.set $c41 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldi)))
        (local.set $c50 (v128.load (local.get $row)))
        (local.set $c51 (v128.load offset=16 (local.get $row)))))
    ;; end of the pairs of terms: pb + (kc rounded down to even)·32
    (local.set $end (i32.add (local.get $pb)
      (i32.shl (i32.and (local.get $kc) (i32.const -2)) (i32.const 5))))
    (block $done
      (loop $terms
        (br_if $done (i32.ge_u (local.get $pb) (local.get $end)))
        ;; term p
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $x (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
        (local.set $x (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
        (local.set $x (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
        (local.set $x (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
        (local.set $x (v128.load32_splat offset=16 (local.get $pa)))
        (local.set $c40 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
        (local.set $x (v128.load32_splat offset=20 (local.get $pa)))
        (local.set $c50 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))
        ;; term p + 1
        (local.set $b0 (v128.load offset=32 (local.get $pb)))
        (local.set $b1 (v128.load offset=48 (local.get $pb)))
        (local.set $x (v128.load32_splat offset=24 (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
        (local.set $x (v128.load32_splat offset=28 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
        (local.set $x (v128.load32_splat offset=32 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
        (local.set $x (v128.load32_splat offset=36 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
        (local.set $x (v128.load32_splat offset=40 (local.get $pa)))
        (local.set $c40 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
        (local.set $x (v128.load32_splat offset=44 (local.get $pa)))
        (local.set $c50 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 48)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
        (br $terms)))
    ;; the last term when kc is odd
    (if (i32.and (local.get $kc) (i32.const 1))
      (then
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $x (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
        (local.set $x (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
        (local.set $x (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
        (local.set $x (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
        (local.set $x (v128.load32_splat offset=16 (local.get $pa)))
        (local.set $c40 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
        (local.set $c41 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
        (local.set $x (v128.load32_splat offset=20 (local.get $pa)))
        (local.set $c50 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
        (local.set $c51 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))))
    (v128.store (local.get $po) (local.get $c00))
    (v128.store offset=16 (local.get $po) (local.get $c01))
    (local.set $row (i32.add (local.get $po) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c20))
    (v128.store offset=16 (local.get $row) (local.get $c21))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c30))
    (v128.store offset=16 (local.get $row) (local.get $c31))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c40))
    (v128.store offset=16 (local.get $row) (local.get $c41))
    (local.set $row (i32.add (local.get $row) (local.get $ldo)))
    (v128.store (local.get $row) (local.get $c50))
    (v128.store offset=16 (local.get $row) (local.get $c51)))

  (func $tileIn32 (param $rows i32) (param $cols i32) (param $src i32) (param $lds i32) (param $tmp i32)
    (local $r i32) (local $j i32) (local $v f32)
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rowsl
        (br_if $rows_done (i32.ge_s (local.get $r) (i32.const 6)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $colsl
            (br_if $cols_done (i32.ge_s (local.get $j) (i32.const 8)))
            (local.set $v (f32.const 0))
            (if (i32.and (i32.lt_s (local.get $r) (local.get $rows)) (i32.lt_s (local.get $j) (local.get $cols)))
              (then (local.set $v (f32.load (i32.add (local.get $src)
                (i32.add (i32.mul (local.get $r) (local.get $lds)) (i32.shl (local.get $j) (i32.const 2))))))))
            (f32.store (i32.add (local.get $tmp)
              (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j)) (i32.const 2)))
              (local.get $v))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $colsl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsl))))

  (func $tileOut32 (param $rows i32) (param $cols i32) (param $tmp i32) (param $dst i32) (param $ldd i32)
    (local $r i32) (local $j i32)
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rowsl
        (br_if $rows_done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $colsl
            (br_if $cols_done (i32.ge_s (local.get $j) (local.get $cols)))
            (f32.store
              (i32.add (local.get $dst)
                (i32.add (i32.mul (local.get $r) (local.get $ldd)) (i32.shl (local.get $j) (i32.const 2))))
              (f32.load (i32.add (local.get $tmp)
                (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j)) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $colsl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsl))))

  (func (export "gemmPacked32")
    (param $m i32) (param $n i32) (param $k i32) (param $pa i32) (param $pb i32)
    (param $c i32) (param $bias i32) (param $acc i32) (param $tmp i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $iEnd i32) (local $j i32) (local $i i32)
    (local $rows i32) (local $cols i32) (local $ldc i32) (local $pc i32)
    (local $init i32) (local $pi i32) (local $ldi i32) (local $partial i32) (local $kb i32)
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    ;; blocks of p of equal size, at most 256 terms: ⌈k / ⌈k / 256⌉⌉ (784 = 4 × 196, not
    ;; 3 × 256 + 16, whose last block would reload and store C for 16 terms)
    (local.set $kb (i32.add (i32.div_u (i32.add (local.get $k) (i32.const 255)) (i32.const 256))
      (i32.eqz (local.get $k))))
    (local.set $kb
      (i32.div_u (i32.sub (i32.add (local.get $k) (local.get $kb)) (i32.const 1)) (local.get $kb)))
    (local.set $p0 (i32.const 0))
    (loop $kblocks
      (local.set $kc (select (local.get $kb) (i32.sub (local.get $k) (local.get $p0))
        (i32.ge_s (i32.sub (local.get $k) (local.get $p0)) (local.get $kb))))
      (local.set $i0 (i32.const 0))
      (block $iblocks_done
        (loop $iblocks
          (br_if $iblocks_done (i32.ge_s (local.get $i0) (local.get $m)))
          (local.set $iEnd (select (local.get $m) (i32.add (local.get $i0) (i32.const 96))
            (i32.lt_s (local.get $m) (i32.add (local.get $i0) (i32.const 96)))))
          (local.set $j (i32.const 0))
          (block $jpanels_done
            (loop $jpanels
              (br_if $jpanels_done (i32.ge_s (local.get $j) (local.get $n)))
              (local.set $cols (select (i32.const 8) (i32.sub (local.get $n) (local.get $j))
                (i32.ge_s (i32.sub (local.get $n) (local.get $j)) (i32.const 8))))
              (local.set $i (local.get $i0))
              (block $ipanels_done
                (loop $ipanels
                  (br_if $ipanels_done (i32.ge_s (local.get $i) (local.get $iEnd)))
                  (local.set $rows (select (i32.const 6) (i32.sub (local.get $m) (local.get $i))
                    (i32.ge_s (i32.sub (local.get $m) (local.get $i)) (i32.const 6))))
                  (local.set $pc (i32.add (local.get $c)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
                  (local.set $partial (i32.or (i32.lt_s (local.get $rows) (i32.const 6))
                    (i32.lt_s (local.get $cols) (i32.const 8))))
                  ;; where the sums start: C itself (accumulating, or a later block of p), the
                  ;; bias repeated on every row, or zero
                  (if (i32.or (local.get $acc) (i32.gt_s (local.get $p0) (i32.const 0)))
                    (then
                      (local.set $init (i32.const 1))
                      (local.set $pi (local.get $pc))
                      (local.set $ldi (local.get $ldc))
                      (if (local.get $partial)
                        (then
                          (call $tileIn32 (local.get $rows) (local.get $cols) (local.get $pc)
                            (local.get $ldc) (local.get $tmp))
                          (local.set $pi (local.get $tmp))
                          (local.set $ldi (i32.const 32)))))
                    (else
                      (local.set $init (i32.ge_s (local.get $bias) (i32.const 0)))
                      (local.set $pi (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
                      (local.set $ldi (i32.const 0))))
                  (call $tile32 (local.get $kc)
                    (i32.add (local.get $pa)
                      (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k))
                        (i32.mul (local.get $p0) (i32.const 6))) (i32.const 2)))
                    (i32.add (local.get $pb)
                      (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k))
                        (i32.shl (local.get $p0) (i32.const 3))) (i32.const 2)))
                    (local.get $init) (local.get $pi) (local.get $ldi)
                    (select (local.get $tmp) (local.get $pc) (local.get $partial))
                    (select (i32.const 32) (local.get $ldc) (local.get $partial)))
                  (if (local.get $partial)
                    (then
                      (call $tileOut32 (local.get $rows) (local.get $cols) (local.get $tmp)
                        (local.get $pc) (local.get $ldc))))
                  (local.set $i (i32.add (local.get $i) (i32.const 6)))
                  (br $ipanels)))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br $jpanels)))
          (local.set $i0 (local.get $iEnd))
          (br $iblocks)))
      (local.set $p0 (i32.add (local.get $p0) (local.get $kc)))
      (br_if $kblocks (i32.lt_s (local.get $p0) (local.get $k)))))

  ;; sgdStep(pairs, theta, grad, buf, negLr, momentum, damp1, wd, flags): torch.optim.SGD's
  ;; update of 2·pairs parameters, two at a time, in the operation order of lib/optim/sgd.ts's
  ;; loop (which updates an odd last parameter), so the results are the same bits:
  ;;   d = ±grad (−grad when maximizing); d = d + wd·θ when weight decay is on;
  ;;   with momentum: b = d on the first step, else momentum·buf + damp1·d; buf = b;
  ;;   d = d + momentum·b (Nesterov) or b;  θ = θ + negLr·d
  ;; Arguments: theta, grad and buf point to float64 arrays (buf unused without momentum);
  ;; negLr = −lr, damp1 = 1 − dampening; flags: 1 maximize, 2 weight decay, 4 momentum,
  ;; 8 Nesterov, 16 first step (buf not yet set).
  (func (export "sgdStep") (param $pairs i32) (param $theta i32) (param $grad i32) (param $buf i32)
    (param $negLr f64) (param $momentum f64) (param $damp1 f64) (param $wd f64) (param $flags i32)
    (local $i i32) (local $end i32) (local $d v128) (local $b v128) (local $t v128)
    (local $vLr v128) (local $vMom v128) (local $vDamp v128) (local $vWd v128)
    (local.set $vLr (f64x2.splat (local.get $negLr)))
    (local.set $vMom (f64x2.splat (local.get $momentum)))
    (local.set $vDamp (f64x2.splat (local.get $damp1)))
    (local.set $vWd (f64x2.splat (local.get $wd)))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $t (v128.load (i32.add (local.get $theta) (local.get $i))))
        (local.set $d (v128.load (i32.add (local.get $grad) (local.get $i))))
        (if (i32.and (local.get $flags) (i32.const 1)) (then (local.set $d (f64x2.neg (local.get $d)))))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then (local.set $d (f64x2.add (local.get $d) (f64x2.mul (local.get $vWd) (local.get $t))))))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then
            (if (i32.and (local.get $flags) (i32.const 16))
              (then (local.set $b (local.get $d)))
              (else
                (local.set $b (f64x2.add
                  (f64x2.mul (local.get $vMom) (v128.load (i32.add (local.get $buf) (local.get $i))))
                  (f64x2.mul (local.get $vDamp) (local.get $d))))))
            (v128.store (i32.add (local.get $buf) (local.get $i)) (local.get $b))
            (local.set $d
              (select (f64x2.add (local.get $d) (f64x2.mul (local.get $vMom) (local.get $b)))
                (local.get $b) (i32.and (local.get $flags) (i32.const 8))))))
        (v128.store (i32.add (local.get $theta) (local.get $i))
          (f64x2.add (local.get $t) (f64x2.mul (local.get $vLr) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $each))))

  ;; adamStep(pairs, theta, grad, m, v, vmax, w, wc, beta2, b2c, bc2, eps, negStep, decay, wd,
  ;; flags): torch.optim.Adam's (and AdamW's) update of 2·pairs parameters, two at a time, in the
  ;; operation order of lib/optim/adam.ts's loop (which updates an odd last parameter):
  ;;   g = ±grad; θ = θ·decay (AdamW) or g = g + wd·θ (Adam with weight decay);
  ;;   m = m + w·(g − m) when w < 0.5, else g − (g − m)·wc (torch.lerp, w = 1 − β₁, wc = 1 − w);
  ;;   v = v·β₂ + (b2c·g)·g (b2c = 1 − β₂); with AMSGrad v̂ = vmax = max(vmax, v), else v̂ = v;
  ;;   θ = θ + (negStep·m) / (√v̂ / bc2 + eps)   (negStep = −lr / (1 − β₁ᵗ), bc2 = √(1 − β₂ᵗ))
  ;; flags: 1 maximize, 2 decoupled (AdamW), 4 weight decay (Adam), 8 AMSGrad, 16 w < 0.5.
  (func (export "adamStep") (param $pairs i32) (param $theta i32) (param $grad i32) (param $m i32)
    (param $v i32) (param $vmax i32) (param $w f64) (param $wc f64) (param $beta2 f64)
    (param $b2c f64) (param $bc2 f64) (param $eps f64) (param $negStep f64) (param $decay f64)
    (param $wd f64) (param $flags i32)
    (local $i i32) (local $end i32) (local $g v128) (local $t v128) (local $mi v128) (local $vi v128)
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $t (v128.load (i32.add (local.get $theta) (local.get $i))))
        (local.set $g (v128.load (i32.add (local.get $grad) (local.get $i))))
        (if (i32.and (local.get $flags) (i32.const 1)) (then (local.set $g (f64x2.neg (local.get $g)))))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then (local.set $t (f64x2.mul (local.get $t) (f64x2.splat (local.get $decay))))))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then (local.set $g (f64x2.add (local.get $g)
            (f64x2.mul (f64x2.splat (local.get $wd)) (local.get $t))))))
        (local.set $mi (v128.load (i32.add (local.get $m) (local.get $i))))
        (local.set $mi
          (if (result v128) (i32.and (local.get $flags) (i32.const 16))
            (then (f64x2.add (local.get $mi)
              (f64x2.mul (f64x2.splat (local.get $w)) (f64x2.sub (local.get $g) (local.get $mi)))))
            (else (f64x2.sub (local.get $g)
              (f64x2.mul (f64x2.sub (local.get $g) (local.get $mi)) (f64x2.splat (local.get $wc)))))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
        (local.set $vi (f64x2.add
          (f64x2.mul (v128.load (i32.add (local.get $v) (local.get $i))) (f64x2.splat (local.get $beta2)))
          (f64x2.mul (f64x2.mul (f64x2.splat (local.get $b2c)) (local.get $g)) (local.get $g))))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        (if (i32.and (local.get $flags) (i32.const 8))
          (then
            (local.set $vi (f64x2.max (v128.load (i32.add (local.get $vmax) (local.get $i))) (local.get $vi)))
            (v128.store (i32.add (local.get $vmax) (local.get $i)) (local.get $vi))))
        (v128.store (i32.add (local.get $theta) (local.get $i))
          (f64x2.add (local.get $t)
            (f64x2.div (f64x2.mul (f64x2.splat (local.get $negStep)) (local.get $mi))
              (f64x2.add (f64x2.div (f64x2.sqrt (local.get $vi)) (f64x2.splat (local.get $bc2)))
                (f64x2.splat (local.get $eps))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $each))))

  ;; ---- the direct product in float32 -------------------------------------------------------
  ;; gemmDirect32(m, n, k, a, as0, as1, b, c, bias, acc): gemmDirect in float32 (f32x4 lanes),
  ;; for products too small or too narrow to pay for packing. Every sum, including those of the
  ;; last n mod 4 columns (lane 0 of f32x4 sums), is init then one fused multiply-add per term
  ;; with p in order, rounded to float32 at each step: the packed product's sums, bit for bit.
  ;; One row (m = 1) goes to $row1_32 (32 columns at a time, then 16); otherwise C goes in blocks
  ;; of 4 rows to $rows4_32.
  (func (export "gemmDirect32")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32)
    (local $i i32) (local $j i32)
    (local.set $j (i32.const 0))
    (if (i32.eq (local.get $m) (i32.const 1))
      (then
        (local.set $j (call $row1_32 (local.get $n) (local.get $k) (local.get $a) (local.get $as1)
          (local.get $b) (local.get $c) (local.get $bias) (local.get $acc)))))
    (local.set $i (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $i) (local.get $m)))
        (call $rows4_32 (local.get $i)
          (select (i32.const 4) (i32.sub (local.get $m) (local.get $i))
            (i32.ge_s (i32.sub (local.get $m) (local.get $i)) (i32.const 4)))
          (local.get $j) (local.get $n) (local.get $k) (local.get $a) (local.get $as0)
          (local.get $as1) (local.get $b) (local.get $c) (local.get $bias) (local.get $acc))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $blocks))))

  ;; $row1_32(n, k, a, as1, b, c, bias, acc) → j: $row1 in float32; n mod 16 columns remain.
  (func $row1_32 (param $n i32) (param $k i32) (param $a i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32) (result i32)
    (local $j i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $end i32)
    (local $stepA i32) (local $rowB i32) (local $bEnd i32) (local $x v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 2)))
    (local.set $rowB (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bEnd (i32.mul (local.get $k) (local.get $rowB)))
    (local.set $j (i32.const 0))
    ;; 32 columns at a time (eight independent sums), then 16
    (block $thirtytwos_done
      (loop $thirtytwos
        (br_if $thirtytwos_done (i32.gt_s (i32.add (local.get $j) (i32.const 32)) (local.get $n)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $acc)
          (then
            (local.set $c0 (v128.load offset=0 (local.get $pc)))
            (local.set $c1 (v128.load offset=16 (local.get $pc)))
            (local.set $c2 (v128.load offset=32 (local.get $pc)))
            (local.set $c3 (v128.load offset=48 (local.get $pc)))
            (local.set $c4 (v128.load offset=64 (local.get $pc)))
            (local.set $c5 (v128.load offset=80 (local.get $pc)))
            (local.set $c6 (v128.load offset=96 (local.get $pc)))
            (local.set $c7 (v128.load offset=112 (local.get $pc))))
          (else (if (i32.ge_s (local.get $bias) (i32.const 0))
            (then
              (local.set $c0 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c2 (v128.load offset=32 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c3 (v128.load offset=48 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c4 (v128.load offset=64 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c5 (v128.load offset=80 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c6 (v128.load offset=96 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c7 (v128.load offset=112 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
            (else
              (local.set $c0 (v128.const f32x4 0 0 0 0))
              (local.set $c1 (v128.const f32x4 0 0 0 0))
              (local.set $c2 (v128.const f32x4 0 0 0 0))
              (local.set $c3 (v128.const f32x4 0 0 0 0))
              (local.set $c4 (v128.const f32x4 0 0 0 0))
              (local.set $c5 (v128.const f32x4 0 0 0 0))
              (local.set $c6 (v128.const f32x4 0 0 0 0))
              (local.set $c7 (v128.const f32x4 0 0 0 0))))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $thirtytwos_k_done
          (loop $thirtytwos_k
            (br_if $thirtytwos_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $x (v128.load32_splat (local.get $pa)))
            (local.set $c0 (f32x4.relaxed_madd (local.get $x) (v128.load offset=0 (local.get $pb)) (local.get $c0)))
            (local.set $c1 (f32x4.relaxed_madd (local.get $x) (v128.load offset=16 (local.get $pb)) (local.get $c1)))
            (local.set $c2 (f32x4.relaxed_madd (local.get $x) (v128.load offset=32 (local.get $pb)) (local.get $c2)))
            (local.set $c3 (f32x4.relaxed_madd (local.get $x) (v128.load offset=48 (local.get $pb)) (local.get $c3)))
            (local.set $c4 (f32x4.relaxed_madd (local.get $x) (v128.load offset=64 (local.get $pb)) (local.get $c4)))
            (local.set $c5 (f32x4.relaxed_madd (local.get $x) (v128.load offset=80 (local.get $pb)) (local.get $c5)))
            (local.set $c6 (f32x4.relaxed_madd (local.get $x) (v128.load offset=96 (local.get $pb)) (local.get $c6)))
            (local.set $c7 (f32x4.relaxed_madd (local.get $x) (v128.load offset=112 (local.get $pb)) (local.get $c7)))
            (local.set $pa (i32.add (local.get $pa) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $thirtytwos_k)))
        (v128.store offset=0 (local.get $pc) (local.get $c0))
        (v128.store offset=16 (local.get $pc) (local.get $c1))
        (v128.store offset=32 (local.get $pc) (local.get $c2))
        (v128.store offset=48 (local.get $pc) (local.get $c3))
        (v128.store offset=64 (local.get $pc) (local.get $c4))
        (v128.store offset=80 (local.get $pc) (local.get $c5))
        (v128.store offset=96 (local.get $pc) (local.get $c6))
        (v128.store offset=112 (local.get $pc) (local.get $c7))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $thirtytwos)))
    (block $sixteens_done
      (loop $sixteens
        (br_if $sixteens_done (i32.gt_s (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $acc)
          (then
            (local.set $c0 (v128.load offset=0 (local.get $pc)))
            (local.set $c1 (v128.load offset=16 (local.get $pc)))
            (local.set $c2 (v128.load offset=32 (local.get $pc)))
            (local.set $c3 (v128.load offset=48 (local.get $pc))))
          (else (if (i32.ge_s (local.get $bias) (i32.const 0))
            (then
              (local.set $c0 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c2 (v128.load offset=32 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.set $c3 (v128.load offset=48 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
            (else
              (local.set $c0 (v128.const f32x4 0 0 0 0))
              (local.set $c1 (v128.const f32x4 0 0 0 0))
              (local.set $c2 (v128.const f32x4 0 0 0 0))
              (local.set $c3 (v128.const f32x4 0 0 0 0))))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $sixteens_k_done
          (loop $sixteens_k
            (br_if $sixteens_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $x (v128.load32_splat (local.get $pa)))
            (local.set $c0 (f32x4.relaxed_madd (local.get $x) (v128.load offset=0 (local.get $pb)) (local.get $c0)))
            (local.set $c1 (f32x4.relaxed_madd (local.get $x) (v128.load offset=16 (local.get $pb)) (local.get $c1)))
            (local.set $c2 (f32x4.relaxed_madd (local.get $x) (v128.load offset=32 (local.get $pb)) (local.get $c2)))
            (local.set $c3 (f32x4.relaxed_madd (local.get $x) (v128.load offset=48 (local.get $pb)) (local.get $c3)))
            (local.set $pa (i32.add (local.get $pa) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $sixteens_k)))
        (v128.store offset=0 (local.get $pc) (local.get $c0))
        (v128.store offset=16 (local.get $pc) (local.get $c1))
        (v128.store offset=32 (local.get $pc) (local.get $c2))
        (v128.store offset=48 (local.get $pc) (local.get $c3))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $sixteens)))
    (local.get $j))

  ;; $rows4_32(i, r, j0, n, k, a, as0, as1, b, c, bias, acc): $rows4 in float32: rows
  ;; i .. i + r − 1 of C (1 ≤ r ≤ 4; rows past r alias row i), columns j0 .. n − 1, eight at a
  ;; time (eight f32x4 sums), then four, then one at a time.
  (func $rows4_32
    (param $i i32) (param $r i32) (param $j0 i32) (param $n i32) (param $k i32)
    (param $a i32) (param $as0 i32) (param $as1 i32)
    (param $b i32) (param $c i32) (param $bias i32) (param $acc i32)
    (local $j i32) (local $rowA i32) (local $stepA i32) (local $rowB i32) (local $bEnd i32)
    (local $end i32) (local $bEndPairs i32)
    (local $ra0 i32) (local $ra1 i32) (local $ra2 i32) (local $ra3 i32)
    (local $rc0 i32) (local $rc1 i32) (local $rc2 i32) (local $rc3 i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32)
    (local $pb i32) (local $pc i32) (local $pc1 i32) (local $pc2 i32) (local $pc3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $x v128) (local $y v128) (local $w v128)
    (local.set $rowA (i32.shl (local.get $as0) (i32.const 2)))
    (local.set $stepA (i32.shl (local.get $as1) (i32.const 2)))
    (local.set $rowB (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bEnd (i32.mul (local.get $k) (local.get $rowB)))
    (local.set $bEndPairs (i32.mul (i32.and (local.get $k) (i32.const -2)) (local.get $rowB)))
    ;; row r's A and C, or row i's for the rows past r
    (local.set $ra0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowA))))
    (local.set $rc0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowB))))
    (local.set $ra1 (select (i32.add (local.get $ra0) (local.get $rowA)) (local.get $ra0)
      (i32.gt_s (local.get $r) (i32.const 1))))
    (local.set $rc1 (select (i32.add (local.get $rc0) (local.get $rowB)) (local.get $rc0)
      (i32.gt_s (local.get $r) (i32.const 1))))
    (local.set $ra2 (select (i32.add (local.get $ra1) (local.get $rowA)) (local.get $ra0)
      (i32.gt_s (local.get $r) (i32.const 2))))
    (local.set $rc2 (select (i32.add (local.get $rc1) (local.get $rowB)) (local.get $rc0)
      (i32.gt_s (local.get $r) (i32.const 2))))
    (local.set $ra3 (select (i32.add (local.get $ra2) (local.get $rowA)) (local.get $ra0)
      (i32.gt_s (local.get $r) (i32.const 3))))
    (local.set $rc3 (select (i32.add (local.get $rc2) (local.get $rowB)) (local.get $rc0)
      (i32.gt_s (local.get $r) (i32.const 3))))
    (local.set $j (local.get $j0))
    ;; eight columns at a time: eight sums (c<r>0 for columns j .. j + 3, c<r>1 for j + 4 .. j + 7)
    (block $octs_done
      (loop $octs
        (br_if $octs_done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
        (local.set $pa0 (local.get $ra0))
        (local.set $pa1 (local.get $ra1))
        (local.set $pa2 (local.get $ra2))
        (local.set $pa3 (local.get $ra3))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc (i32.add (local.get $rc0) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc1 (i32.add (local.get $rc1) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc2 (i32.add (local.get $rc2) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc3 (i32.add (local.get $rc3) (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $pc)))
            (local.set $c01 (v128.load offset=16 (local.get $pc)))
            (local.set $c10 (v128.load offset=0 (local.get $pc1)))
            (local.set $c11 (v128.load offset=16 (local.get $pc1)))
            (local.set $c20 (v128.load offset=0 (local.get $pc2)))
            (local.set $c21 (v128.load offset=16 (local.get $pc2)))
            (local.set $c30 (v128.load offset=0 (local.get $pc3)))
            (local.set $c31 (v128.load offset=16 (local.get $pc3)))
          )
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then
                (local.set $c00 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $c01 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
              (else
                (local.set $c00 (v128.const f32x4 0 0 0 0))
                (local.set $c01 (v128.const f32x4 0 0 0 0))))
            (local.set $c10 (local.get $c00))
            (local.set $c11 (local.get $c01))
            (local.set $c20 (local.get $c00))
            (local.set $c21 (local.get $c01))
            (local.set $c30 (local.get $c00))
            (local.set $c31 (local.get $c01))))
        ;; two terms per iteration, then the last one when k is odd
        (local.set $end (i32.add (local.get $pb) (local.get $bEndPairs)))
        (block $octs_k_done
          (loop $octs_k
            (br_if $octs_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load32_splat (local.get $pa0)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c01)))
            (local.set $x (v128.load32_splat (local.get $pa1)))
            (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c11)))
            (local.set $x (v128.load32_splat (local.get $pa2)))
            (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c21)))
            (local.set $x (v128.load32_splat (local.get $pa3)))
            (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c31)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load32_splat (local.get $pa0)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c01)))
            (local.set $x (v128.load32_splat (local.get $pa1)))
            (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c11)))
            (local.set $x (v128.load32_splat (local.get $pa2)))
            (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c21)))
            (local.set $x (v128.load32_splat (local.get $pa3)))
            (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c31)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $octs_k)))
        (if (i32.and (local.get $k) (i32.const 1))
          (then
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $w (v128.load offset=16 (local.get $pb)))
            (local.set $x (v128.load32_splat (local.get $pa0)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c01)))
            (local.set $x (v128.load32_splat (local.get $pa1)))
            (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c11)))
            (local.set $x (v128.load32_splat (local.get $pa2)))
            (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c21)))
            (local.set $x (v128.load32_splat (local.get $pa3)))
            (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $w) (local.get $c31)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (v128.store offset=0 (local.get $pc1) (local.get $c10))
        (v128.store offset=16 (local.get $pc1) (local.get $c11))
        (v128.store offset=0 (local.get $pc2) (local.get $c20))
        (v128.store offset=16 (local.get $pc2) (local.get $c21))
        (v128.store offset=0 (local.get $pc3) (local.get $c30))
        (v128.store offset=16 (local.get $pc3) (local.get $c31))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $octs)))
    ;; then four columns at a time
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $pa0 (local.get $ra0))
        (local.set $pa1 (local.get $ra1))
        (local.set $pa2 (local.get $ra2))
        (local.set $pa3 (local.get $ra3))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc (i32.add (local.get $rc0) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc1 (i32.add (local.get $rc1) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc2 (i32.add (local.get $rc2) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc3 (i32.add (local.get $rc3) (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $pc)))
            (local.set $c10 (v128.load offset=0 (local.get $pc1)))
            (local.set $c20 (v128.load offset=0 (local.get $pc2)))
            (local.set $c30 (v128.load offset=0 (local.get $pc3)))
          )
          (else
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then
                (local.set $c00 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
              (else
                (local.set $c00 (v128.const f32x4 0 0 0 0))))
            (local.set $c10 (local.get $c00))
            (local.set $c20 (local.get $c00))
            (local.set $c30 (local.get $c00))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $quads_k_done
          (loop $quads_k
            (br_if $quads_k_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $y (v128.load offset=0 (local.get $pb)))
            (local.set $x (v128.load32_splat (local.get $pa0)))
            (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c00)))
            (local.set $x (v128.load32_splat (local.get $pa1)))
            (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c10)))
            (local.set $x (v128.load32_splat (local.get $pa2)))
            (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c20)))
            (local.set $x (v128.load32_splat (local.get $pa3)))
            (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $y) (local.get $c30)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $quads_k)))
        (v128.store offset=0 (local.get $pc) (local.get $c00))
        (v128.store offset=0 (local.get $pc1) (local.get $c10))
        (v128.store offset=0 (local.get $pc2) (local.get $c20))
        (v128.store offset=0 (local.get $pc3) (local.get $c30))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quads)))
    ;; then the last n mod 4 columns one at a time
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_s (local.get $j) (local.get $n)))
        (local.set $pa0 (local.get $ra0))
        (local.set $pa1 (local.get $ra1))
        (local.set $pa2 (local.get $ra2))
        (local.set $pa3 (local.get $ra3))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc (i32.add (local.get $rc0) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc1 (i32.add (local.get $rc1) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc2 (i32.add (local.get $rc2) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $pc3 (i32.add (local.get $rc3) (i32.shl (local.get $j) (i32.const 2))))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load32_splat (local.get $pc)))
            (local.set $c10 (v128.load32_splat (local.get $pc1)))
            (local.set $c20 (v128.load32_splat (local.get $pc2)))
            (local.set $c30 (v128.load32_splat (local.get $pc3))))
          (else
            (local.set $c00 (v128.const f32x4 0 0 0 0))
            (if (i32.ge_s (local.get $bias) (i32.const 0))
              (then (local.set $c00 (v128.load32_splat (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))))
            (local.set $c10 (local.get $c00))
            (local.set $c20 (local.get $c00))
            (local.set $c30 (local.get $c00))))
        (local.set $end (i32.add (local.get $pb) (local.get $bEnd)))
        (block $t_done
          (loop $t
            (br_if $t_done (i32.ge_u (local.get $pb) (local.get $end)))
            (local.set $y (v128.load32_splat (local.get $pb)))
            (local.set $c00 (f32x4.relaxed_madd (v128.load32_splat (local.get $pa0)) (local.get $y) (local.get $c00)))
            (local.set $c10 (f32x4.relaxed_madd (v128.load32_splat (local.get $pa1)) (local.get $y) (local.get $c10)))
            (local.set $c20 (f32x4.relaxed_madd (v128.load32_splat (local.get $pa2)) (local.get $y) (local.get $c20)))
            (local.set $c30 (f32x4.relaxed_madd (v128.load32_splat (local.get $pa3)) (local.get $y) (local.get $c30)))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $stepA)))
            (local.set $pa1 (i32.add (local.get $pa1) (local.get $stepA)))
            (local.set $pa2 (i32.add (local.get $pa2) (local.get $stepA)))
            (local.set $pa3 (i32.add (local.get $pa3) (local.get $stepA)))
            (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
            (br $t)))
        (f32.store (local.get $pc) (f32x4.extract_lane 0 (local.get $c00)))
        (f32.store (local.get $pc1) (f32x4.extract_lane 0 (local.get $c10)))
        (f32.store (local.get $pc2) (f32x4.extract_lane 0 (local.get $c20)))
        (f32.store (local.get $pc3) (f32x4.extract_lane 0 (local.get $c30)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))  )
)
