/**
 * The WebAssembly kernels against independent JavaScript loops written here: the matrix product
 * on random shapes (every remainder of the direct kernel's blocks and of the packed kernel's
 * 6 × 4 tiles, 96-row and 256-term blocks, strided A, accumulate, bias) to
 * |Δ| ≤ 1e-13 · (1 + Σ|terms|) (fused multiply-adds round differently), and ReLU exactly,
 * including −0, ±∞ and NaN. The JavaScript fallbacks must agree too, and the packed and direct
 * WebAssembly paths agree bit for bit wherever both fuse every multiply-add.
 */

import assert from "node:assert/strict";
import { gemm, gemm32, gemmPath } from "../../lib/tensor/_gemm.ts";
import { useWasm } from "../../lib/tensor/_wasm.ts";
import { Random } from "../../lib/random.ts";
import { relu, tensor } from "../../lib/tensor/mod.ts";

const rng = new Random(5);
const randomArray = (n: number) => Float64Array.from({ length: n }, () => rng.uniform(-1, 1));

function reference(
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
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n), scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c[i * n + j]! : bias ? bias[j]! : 0;
      let t = Math.abs(s);
      for (let p = 0; p < k; p++) {
        const term = a[i * as0 + p * as1]! * b[p * n + j]!;
        s += term;
        t += Math.abs(term);
      }
      value[i * n + j] = s;
      scale[i * n + j] = t;
    }
  }
  return { value, scale };
}

/** Runs `body` with the WebAssembly kernels on or off and the gemm path forced, then restores both. */
function withBackend(backend: "wasm" | "packed" | "js", body: () => void): void {
  const was = useWasm(), path = gemmPath();
  useWasm(backend !== "js");
  gemmPath(backend === "packed" ? "packed" : backend === "wasm" ? "direct" : "auto");
  try {
    body();
  } finally {
    useWasm(was);
    gemmPath(path);
  }
}

/** Checks gemm on one shape in every mode (set, bias, accumulate; A plain and transposed). */
function checkShape(m: number, n: number, k: number): void {
  for (const transposed of [false, true]) {
    for (const mode of ["set", "bias", "accumulate"] as const) {
      const a = randomArray(m * k), b = randomArray(k * n), c = randomArray(m * n);
      const bias = mode === "bias" ? randomArray(n) : null;
      const [as0, as1] = transposed ? [1, m] : [k, 1];
      const expected = reference(m, n, k, a, as0, as1, b, c, mode === "accumulate", bias);
      gemm(m, n, k, a, as0, as1, b, c, mode === "accumulate", bias);
      for (let t = 0; t < m * n; t++) {
        const tol = 1e-13 * (1 + expected.scale[t]!);
        if (!(Math.abs(c[t]! - expected.value[t]!) <= tol)) {
          assert.fail(
            `m=${m} n=${n} k=${k} ${mode} transposed=${transposed}: C[${t}] = ${c[t]}, ` +
              `expected ${expected.value[t]} (tolerance ${tol})`,
          );
        }
      }
    }
  }
}

for (const backend of ["wasm", "packed", "js"] as const) {
  const label = backend === "wasm" ? "wasm, direct" : backend === "packed" ? "wasm, packed" : "js";
  Deno.test(`gemm (${label}) matches a plain triple loop on every block remainder`, () => {
    withBackend(backend, () => {
      for (const m of [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13]) {
        for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 17]) {
          for (const k of [0, 1, 2, 3, 7]) checkShape(m, n, k);
        }
      }
    });
  });

  Deno.test(`gemm (${label}) matches a plain triple loop across row and 256-term blocks`, () => {
    withBackend(backend, () => {
      const shapes = [[67, 13, 300], [130, 7, 513], [5, 31, 256], [64, 6, 257], [97, 10, 40]];
      for (const [m, n, k] of shapes) {
        checkShape(m!, n!, k!);
      }
    });
  });

  Deno.test(`relu (${label}) is exact, with gradient 1 only where the output is positive`, () => {
    withBackend(backend, () => {
      const values = [-2, -0, 0, 3, Infinity, -Infinity, NaN, 1e-320, -1e-320];
      const x = tensor(values, [values.length], { requiresGrad: true });
      const y = relu(x);
      assert.deepEqual(y.toArray(), [0, 0, 0, 3, Infinity, 0, NaN, 1e-320, 0]);
      y.backward(values.map(() => 1));
      assert.deepEqual(Array.from(x.grad!), [0, 0, 0, 1, 1, 0, 0, 1, 0]);
      // odd and even lengths cover the SIMD pairs and the scalar tail
      for (const n of [1, 2, 5, 64]) {
        const z = tensor(Array.from(randomArray(n)), [n], { requiresGrad: true });
        const out = relu(z);
        assert.deepEqual(out.toArray(), z.toArray().map((v) => v > 0 ? v : 0));
        out.backward(Array.from({ length: n }, (_, i) => i + 1));
        assert.deepEqual(Array.from(z.grad!), z.toArray().map((v, i) => v > 0 ? i + 1 : 0));
      }
    });
  });
}

Deno.test("gemm32: the packed and direct WebAssembly paths agree bit for bit on every n", () => {
  // both fuse every multiply-add (the direct kernel's last n mod 4 columns too), in p order
  for (const [m, n, k] of [[9, 13, 5], [67, 15, 300], [1, 37, 513], [33, 20, 513]]) {
    for (const mode of ["set", "bias", "accumulate"] as const) {
      const random32 = (length: number) => Float32Array.from(randomArray(length));
      const a = random32(m! * k!), b = random32(k! * n!), c0 = random32(m! * n!);
      const bias = mode === "bias" ? random32(n!) : null;
      const results = (["wasm", "packed"] as const).map((backend) => {
        const c = c0.slice();
        withBackend(backend, () => gemm32(m!, n!, k!, a, k!, 1, b, c, mode === "accumulate", bias));
        return Array.from(c);
      });
      assert.deepEqual(results[1], results[0], `m=${m} n=${n} k=${k} ${mode}`);
    }
  }
});

Deno.test("gemm: the packed and direct WebAssembly paths agree bit for bit on even n", () => {
  // the direct kernel fuses every multiply-add except in an odd last column; the packed kernel
  // fuses all of them, in the same order of terms, so even widths must agree exactly
  for (const [m, n, k] of [[9, 12, 5], [67, 14, 300], [33, 20, 513]]) {
    for (const mode of ["set", "bias", "accumulate"] as const) {
      const a = randomArray(m! * k!), b = randomArray(k! * n!), c0 = randomArray(m! * n!);
      const bias = mode === "bias" ? randomArray(n!) : null;
      const results = (["wasm", "packed"] as const).map((backend) => {
        const c = c0.slice();
        withBackend(backend, () => gemm(m!, n!, k!, a, k!, 1, b, c, mode === "accumulate", bias));
        return Array.from(c);
      });
      assert.deepEqual(results[1], results[0], `m=${m} n=${n} k=${k} ${mode}`);
    }
  }
});

/**
 * gemm32 on one shape in every mode, against the float64 triple loop on the same float32 inputs:
 * a float32 sum of k terms, each step rounded once, is within (k + 2)·2⁻²⁴·(|init| + Σ|terms|).
 */
function checkShape32(m: number, n: number, k: number): void {
  const random32 = (length: number) => Float32Array.from(randomArray(length));
  for (const transposed of [false, true]) {
    for (const mode of ["set", "bias", "accumulate"] as const) {
      const a = random32(m * k), b = random32(k * n), c = random32(m * n);
      const bias = mode === "bias" ? random32(n) : null;
      const [as0, as1] = transposed ? [1, m] : [k, 1];
      const expected = reference(
        m,
        n,
        k,
        Float64Array.from(a),
        as0,
        as1,
        Float64Array.from(b),
        Float64Array.from(c),
        mode === "accumulate",
        bias && Float64Array.from(bias),
      );
      gemm32(m, n, k, a, as0, as1, b, c, mode === "accumulate", bias);
      for (let t = 0; t < m * n; t++) {
        const tol = (k + 2) * 2 ** -24 * expected.scale[t]!;
        if (!(Math.abs(c[t]! - expected.value[t]!) <= tol)) {
          assert.fail(
            `float32 m=${m} n=${n} k=${k} ${mode} transposed=${transposed}: C[${t}] = ${c[t]}, ` +
              `expected ${expected.value[t]} (tolerance ${tol})`,
          );
        }
      }
    }
  }
}

for (const backend of ["wasm", "packed", "js"] as const) {
  const label = backend === "wasm" ? "wasm, direct" : backend === "packed" ? "wasm, packed" : "js";
  Deno.test(`gemm32 (${label}) is a float32 sum within its rounding bound on every remainder`, () => {
    withBackend(backend, () => {
      for (const m of [1, 3, 4, 5, 6, 7, 9, 13]) {
        for (const n of [1, 2, 5, 7, 8, 9, 11, 12, 13, 17, 25]) {
          for (const k of [0, 1, 7]) checkShape32(m, n, k);
        }
      }
      for (const [m, n, k] of [[67, 13, 300], [130, 25, 513]]) checkShape32(m!, n!, k!);
    });
  });
}

Deno.test("gemm32: WebAssembly and JavaScript agree, and the result is float32-rounded", () => {
  const m = 9, n = 14, k = 33;
  const a = Float32Array.from(randomArray(m * k)), b = Float32Array.from(randomArray(k * n));
  const results = (["packed", "js"] as const).map((backend) => {
    const c = new Float32Array(m * n);
    withBackend(backend, () => gemm32(m, n, k, a, k, 1, b, c, false, null));
    return c;
  });
  // fused steps in both (the JavaScript product is exact in float64): equal up to rare double
  // roundings, so at most a few last-bit differences
  const differ = results[0]!.filter((v, t) => v !== results[1]![t]).length;
  assert.ok(differ <= 2, `${differ} of ${m * n} entries differ`);
  // and a float32 product differs from the float64 one: the mode really rounds to float32
  const c64 = new Float64Array(m * n);
  gemm(m, n, k, Float64Array.from(a), k, 1, Float64Array.from(b), c64, false, null);
  assert.ok(results[0]!.some((v, t) => v !== c64[t]));
});

Deno.test("gemm: captured replays on the packed path allocate nothing", async () => {
  const script = new URL("./_gemm_allocation_probe.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    // young generation of 64 MB: no scavenge can hide an allocation inside the windows
    args: [
      "run",
      "--v8-flags=--expose-gc,--min-semi-space-size=64,--max-semi-space-size=64",
      script.pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const { short, long, extraReplays } = JSON.parse(new TextDecoder().decode(out.stdout));
  // one 16-byte object per replay would make the 24,000 extra replays grow the heap by ≥ 384 kB;
  // allow < 1 byte per replay
  assert.ok(
    long - short < extraReplays,
    `8,000 replays grew the heap by ${short} bytes, 32,000 by ${long}`,
  );
});
