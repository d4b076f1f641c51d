/**
 * softmax and log-softmax along one axis, computed stably by subtracting the maximum.
 * With y = softmax(x): ∂L/∂x = y ⊙ (G − Σ G ⊙ y). With z = logSoftmax(x):
 * ∂L/∂x = G − softmax(x) · Σ G.
 *
 * @module
 */

import { axisArg, tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { normalizeAxis, splitAt } from "./_shape.ts";
import { gradOf, opResult } from "./_op.ts";
import type { Tensor } from "./tensor.ts";

/**
 * softmax(x)ₖ = e^(xₖ − m) / Σⱼ e^(xⱼ − m) along `axis` (default −1), m the maximum.
 *
 * @example
 * ```ts
 * import { softmax, tensor } from "./mod.ts";
 * const p = softmax(tensor([[0, 0]]));
 * console.assert(p.toArray().join() === "0.5,0.5");
 * ```
 */
export function softmax(a: Tensor, axis = -1): Tensor {
  tensorArg("softmax", "a", a);
  axisArg("softmax", axis, false);
  const [outer, n, inner] = splitAt(a.shape, normalizeAxis("softmax", axis, a.rank));
  const out = opResult("softmax", a.shape, [a]);
  const x = a.data, o = out.data;
  launch(() => {
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        const base = i * n * inner + j;
        let m = -Infinity;
        for (let k = 0; k < n; k++) m = Math.max(m, x[base + k * inner]!);
        let s = 0;
        for (let k = 0; k < n; k++) s += o[base + k * inner] = Math.exp(x[base + k * inner]! - m);
        for (let k = 0; k < n; k++) o[base + k * inner]! /= s;
      }
    }
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        const base = i * n * inner + j;
        let dot = 0;
        for (let k = 0; k < n; k++) dot += g[base + k * inner]! * o[base + k * inner]!;
        for (let k = 0; k < n; k++) {
          ga[base + k * inner]! += o[base + k * inner]! * (g[base + k * inner]! - dot);
        }
      }
    }
  };
  return out;
}

/**
 * logSoftmax(x)ₖ = xₖ − m − ln Σⱼ e^(xⱼ − m) along `axis` (default −1).
 *
 * @example
 * ```ts
 * import { logSoftmax, tensor } from "./mod.ts";
 * const z = logSoftmax(tensor([[0, 0]]));
 * console.assert(z.toArray().every((v) => v === -Math.LN2));
 * ```
 */
export function logSoftmax(a: Tensor, axis = -1): Tensor {
  tensorArg("logSoftmax", "a", a);
  axisArg("logSoftmax", axis, false);
  const [outer, n, inner] = splitAt(a.shape, normalizeAxis("logSoftmax", axis, a.rank));
  const out = opResult("logSoftmax", a.shape, [a]);
  const x = a.data, o = out.data;
  launch(() => {
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        const base = i * n * inner + j;
        let m = -Infinity;
        for (let k = 0; k < n; k++) m = Math.max(m, x[base + k * inner]!);
        let s = 0;
        for (let k = 0; k < n; k++) s += Math.exp(x[base + k * inner]! - m);
        const lse = Math.log(s);
        for (let k = 0; k < n; k++) o[base + k * inner] = x[base + k * inner]! - m - lse;
      }
    }
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < outer; i++) {
      for (let j = 0; j < inner; j++) {
        const base = i * n * inner + j;
        let total = 0;
        for (let k = 0; k < n; k++) total += g[base + k * inner]!;
        for (let k = 0; k < n; k++) {
          ga[base + k * inner]! += g[base + k * inner]! - Math.exp(o[base + k * inner]!) * total;
        }
      }
    }
  };
  return out;
}
