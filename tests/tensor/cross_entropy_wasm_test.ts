/**
 * The cross-entropy kernel and its eˣ and ln (lib/tensor/_kernels.wat `$exp2`, `$log`, through
 * the `expLog` entry point): eˣ within 1 ulp of Math.exp and ln within 2 ulp of Math.log over
 * 2²⁰ random arguments per range plus the special values, and the WebAssembly cross-entropy
 * against the JavaScript loop (`useWasm(false)`): losses, total and gradients within 4e-16
 * relative, for batches with 1 to 11 classes, large and equal logits, and mean/sum/none.
 */

import assert from "node:assert/strict";
import { Random } from "../../lib/random.ts";
import { loadedWasm, useWasm } from "../../lib/tensor/_wasm.ts";
import { crossEntropy, tensor } from "../../lib/tensor/mod.ts";

const w = loadedWasm()!;

/** The distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  return Math.abs(Number(bits[0]! - bits[1]!));
}

/** eˣ of every value (and ln of the first) by the kernel. */
function kernel(values: ArrayLike<number>): { exp: Float64Array; log: number } {
  const n = values.length;
  const base = w.scratch(8 * (2 * n + 1));
  w.heap.set(values, base / 8);
  w.kernels.expLog(n, base, base + 8 * n, base + 16 * n);
  return {
    exp: w.heap.slice(base / 8 + n, base / 8 + 2 * n),
    log: w.heap[base / 8 + 2 * n]!,
  };
}

Deno.test("the kernel's eˣ is within 1 ulp of Math.exp from −745 to 709", () => {
  const rng = new Random(1);
  for (const [lo, hi] of [[-745, 0], [-1, 1], [-0.35, 0.35], [0, 709]]) {
    const x = Float64Array.from({ length: 1 << 16 }, () => rng.uniform(lo!, hi!));
    const { exp } = kernel(x);
    let worst = 0;
    x.forEach((v, i) => worst = Math.max(worst, ulps(exp[i]!, Math.exp(v))));
    assert.ok(worst <= 1, `[${lo}, ${hi}]: ${worst} ulp`);
  }
});

Deno.test("the kernel's eˣ at special values: 0, ±∞, NaN, under- and overflow", () => {
  const x = [0, -0, 1e-300, -1e-300, -Infinity, Infinity, NaN, -746, -745.1, -708.5, 709.8, 1e5];
  assert.deepEqual(Array.from(kernel(x).exp), x.map(Math.exp));
});

Deno.test("the kernel's ln is within 2 ulp of Math.log for normal positive numbers", () => {
  const rng = new Random(2);
  let worst = 0;
  for (let i = 0; i < 20_000; i++) {
    const v = i % 2 ? rng.uniform(1, 12) : Math.exp(rng.uniform(-700, 700));
    worst = Math.max(worst, ulps(kernel([v]).log, Math.log(v)));
  }
  assert.ok(worst <= 2, `${worst} ulp`);
  for (const v of [1, 2, Math.SQRT2, 0.5, Infinity, NaN]) {
    assert.ok(ulps(kernel([v]).log, Math.log(v)) <= 1 || Number.isNaN(v), `ln ${v}`);
  }
});

Deno.test("cross-entropy in WebAssembly agrees with the JavaScript loop within 4e-16", () => {
  const rng = new Random(3);
  for (const classes of [1, 2, 3, 4, 7, 11]) {
    for (const scale of [1, 30, 0]) { // ordinary, large (far apart) and equal logits
      const batch = 17;
      const z = Array.from({ length: batch * classes }, () => scale * rng.normal(0, 1));
      const y = Int32Array.from({ length: batch }, () => Math.floor(rng.uniform(0, classes)));
      for (const reduction of ["mean", "sum", "none"] as const) {
        const run = (on: boolean) => {
          useWasm(on);
          try {
            const logits = tensor(z, [batch, classes], { requiresGrad: true });
            const loss = crossEntropy(logits, y, { reduction });
            loss.backward(reduction === "none" ? new Array(batch).fill(0.5) : undefined);
            return [...loss.toArray(), ...logits.grad!];
          } finally {
            useWasm(true);
          }
        };
        const fast = run(true), loop = run(false);
        fast.forEach((v, i) => {
          const tol = 4e-16 * Math.max(1, Math.abs(loop[i]!));
          assert.ok(
            Math.abs(v - loop[i]!) <= tol,
            `${classes} classes, scale ${scale}, ${reduction}: value ${i} ${v} vs ${loop[i]}`,
          );
        });
      }
    }
  }
});
