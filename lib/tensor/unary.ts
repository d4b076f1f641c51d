/**
 * Elementwise unary ops, each forward kernel next to its derivative:
 * neg (−1), exp (eˣ), log (1/x), relu (1 if x > 0), tanh (1 − y²), sigmoid (y(1 − y)).
 *
 * @module
 */

import { tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { claimGrad, gradOf, opResult } from "./_op.ts";
import type { Tensor } from "./tensor.ts";
import { wasm } from "./_wasm.ts";

/**
 * −x. ∂/∂x = −1.
 *
 * @example
 * ```ts
 * import { neg, tensor } from "./mod.ts";
 * console.assert(neg(tensor([1, -2])).toArray().join() === "-1,2");
 * ```
 */
export function neg(a: Tensor): Tensor {
  tensorArg("neg", "a", a);
  const out = opResult("neg", a.shape, [a]);
  const x = a.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = -x[i]!;
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[i]! -= g[i]!;
  };
  return out;
}

/**
 * eˣ. ∂/∂x = eˣ (the output).
 *
 * @example
 * ```ts
 * import { exp, tensor } from "./mod.ts";
 * console.assert(exp(tensor([0])).item() === 1);
 * ```
 */
export function exp(a: Tensor): Tensor {
  tensorArg("exp", "a", a);
  const out = opResult("exp", a.shape, [a]);
  const x = a.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]!);
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[i]! += g[i]! * o[i]!;
  };
  return out;
}

/**
 * ln x. ∂/∂x = 1/x.
 *
 * @example
 * ```ts
 * import { log, tensor } from "./mod.ts";
 * console.assert(log(tensor([1])).item() === 0);
 * ```
 */
export function log(a: Tensor): Tensor {
  tensorArg("log", "a", a);
  const out = opResult("log", a.shape, [a]);
  const x = a.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = Math.log(x[i]!);
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[i]! += g[i]! / x[i]!;
  };
  return out;
}

/**
 * max(x, 0). ∂/∂x = 1 where x > 0, else 0 (PyTorch's choice at 0). For float64 both kernels run
 * branch-free in WebAssembly when available (random signs make a per-element branch the slow
 * part); float32 runs the JavaScript loops.
 *
 * @example
 * ```ts
 * import { relu, tensor } from "./mod.ts";
 * console.assert(relu(tensor([-1, 0, 2])).toArray().join() === "0,0,2");
 * ```
 */
export function relu(a: Tensor): Tensor {
  tensorArg("relu", "a", a);
  const out = opResult("relu", a.shape, [a]);
  const x = a.data, o = out.data, n = o.length;
  const f64 = a.dtype === "float64";
  launch(() => {
    const w = f64 ? wasm() : null;
    if (w !== null) {
      // in place for arrays in WebAssembly memory; the others go through the scratch block
      const base = w.scratch((w.owns(x) ? 0 : n * 8) + (w.owns(o) ? 0 : n * 8));
      const px = w.place(x, base), po = w.owns(o) ? o.byteOffset : w.owns(x) ? base : px;
      w.kernels.relu(n, px, po);
      if (!w.owns(o)) w.copyOut(po, o);
    } else {
      for (let i = 0; i < n; i++) o[i] = Math.max(x[i]!, 0);
    }
  });
  out._backward = () => {
    const overwrite = claimGrad(a);
    const g = out.grad!, ga = gradOf(a), w = f64 ? wasm() : null;
    if (w !== null) {
      const ownGa = w.owns(ga);
      const offG = w.owns(o) ? 0 : n * 8, offGa = offG + (w.owns(g) ? 0 : n * 8);
      const base = w.scratch(offGa + (ownGa ? 0 : n * 8));
      const po = w.place(o, base), pg = w.place(g, base + offG);
      const pga = ownGa ? ga.byteOffset : overwrite ? base + offGa : w.place(ga, base + offGa);
      w.kernels.reluBackward(n, po, pg, pga, overwrite ? 0 : 1);
      if (!ownGa) w.copyOut(pga, ga);
    } else if (overwrite) {
      for (let i = 0; i < n; i++) ga[i] = o[i]! > 0 ? g[i]! : 0;
    } else {
      for (let i = 0; i < n; i++) if (o[i]! > 0) ga[i]! += g[i]!;
    }
  };
  return out;
}

/**
 * tanh x. ∂/∂x = 1 − tanh² x.
 *
 * @example
 * ```ts
 * import { tanh, tensor } from "./mod.ts";
 * console.assert(tanh(tensor([0])).item() === 0);
 * ```
 */
export function tanh(a: Tensor): Tensor {
  tensorArg("tanh", "a", a);
  const out = opResult("tanh", a.shape, [a]);
  const x = a.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]!);
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[i]! += g[i]! * (1 - o[i]! * o[i]!);
  };
  return out;
}

/**
 * σ(x) = 1 / (1 + e⁻ˣ). ∂/∂x = σ(x)(1 − σ(x)).
 *
 * @example
 * ```ts
 * import { sigmoid, tensor } from "./mod.ts";
 * console.assert(sigmoid(tensor([0])).item() === 0.5);
 * ```
 */
export function sigmoid(a: Tensor): Tensor {
  tensorArg("sigmoid", "a", a);
  const out = opResult("sigmoid", a.shape, [a]);
  const x = a.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-x[i]!));
  });
  out._backward = () => {
    const g = out.grad!, ga = gradOf(a);
    for (let i = 0; i < n; i++) ga[i]! += g[i]! * o[i]! * (1 - o[i]!);
  };
  return out;
}
