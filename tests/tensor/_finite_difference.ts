/**
 * Central finite differences, the independent truth for gradient tests: for L = Σ R ⊙ f(x) with
 * a fixed random R, ∂L/∂xᵢ ≈ (L(x + h eᵢ) − L(x − h eᵢ)) / 2h with h = 1e-6.
 */

import assert from "node:assert/strict";
import type { Random } from "../../lib/random.ts";
import { noGrad, type Tensor, tensor } from "../../lib/tensor/mod.ts";

/** Step of the central difference. */
export const H = 1e-6;
/** Relative tolerance: |analytic − numeric| ≤ ATOL + RTOL · |numeric|. */
export const RTOL = 1e-6;
/** Absolute floor, for entries whose true derivative is ~0 (roundoff is ~1e-10 / h). */
export const ATOL = 1e-7;

/** Random tensor with values in [lo, hi). */
export function randomTensor(rng: Random, shape: number[], lo = -2, hi = 2): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Array.from({ length: n }, () => rng.uniform(lo, hi)), shape, {
    requiresGrad: true,
  });
}

/** Checks every input's backward() gradient of Σ R ⊙ f(inputs) against central differences. */
export function checkGradients(
  rng: Random,
  f: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  label: string,
): void {
  const out = f(...inputs);
  const r = Array.from({ length: out.size }, () => rng.uniform(-1, 1));
  for (const x of inputs) x.grad = null;
  out.backward(r);
  const objective = () =>
    noGrad(() => {
      const y = f(...inputs).data;
      let s = 0;
      for (let i = 0; i < y.length; i++) s += r[i]! * y[i]!;
      return s;
    });
  inputs.forEach((x, k) => {
    if (!x.requiresGrad) return;
    assert.ok(x.grad, `${label}: input ${k} got no gradient`);
    for (let i = 0; i < x.size; i++) {
      const saved = x.data[i]!;
      x.data[i] = saved + H;
      const up = objective();
      x.data[i] = saved - H;
      const down = objective();
      x.data[i] = saved;
      const numeric = (up - down) / (2 * H);
      const analytic: number = x.grad![i]!;
      if (!(Math.abs(analytic - numeric) <= ATOL + RTOL * Math.abs(numeric))) {
        assert.fail(
          `${label}: ∂/∂input${k}[${i}] analytic ${analytic} vs numeric ${numeric} ` +
            `(h ${H}, rtol ${RTOL}, atol ${ATOL})`,
        );
      }
    }
  });
}
