/**
 * Elementwise binary ops with NumPy broadcasting: add, sub, mul, div. Each output element `o`
 * reads `a[ia[o]]` and `b[ib[o]]`; the backward kernels scatter back through the same indices,
 * so a broadcast input receives the sum of the gradients of every element it fed.
 *
 * Dtypes follow PyTorch: a number operand takes the tensor's dtype (rounded to float32 for a
 * float32 tensor), two float32 tensors give float32 (each result the exact value rounded once,
 * as torch computes it), and a float32 with a float64 tensor gives float64.
 *
 * @module
 */

import { operandArg, tensorArg } from "./_args.ts";
import { launch } from "./_graph.ts";
import { broadcastIndex, broadcastShapes } from "./_shape.ts";
import { gradOf, opResult } from "./_op.ts";
import { Tensor } from "./tensor.ts";
import { allocData, promote } from "./_storage.ts";

function operands(op: string, a: Tensor, b: Tensor | number) {
  tensorArg(op, "a", a);
  operandArg(op, "b", b);
  const other = typeof b === "number" ? new Tensor(allocData(a.dtype, 1).fill(b), []) : b;
  const shape = broadcastShapes(op, a.shape, other.shape);
  const out = opResult(op, shape, [a, other], promote(a.dtype, other.dtype));
  return {
    b: other,
    out,
    ia: broadcastIndex(a.shape, shape),
    ib: broadcastIndex(other.shape, shape),
  };
}

/**
 * a + b, broadcasting. ∂/∂a = 1, ∂/∂b = 1.
 *
 * @example
 * ```ts
 * import { add, tensor } from "./mod.ts";
 * const y = add(tensor([[1, 2], [3, 4]]), tensor([10, 20]));
 * console.assert(y.toArray().join() === "11,22,13,24");
 * ```
 */
export function add(a: Tensor, b: Tensor | number): Tensor {
  const { b: bt, out, ia, ib } = operands("add", a, b);
  const x = a.data, y = bt.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = x[ia[i]!]! + y[ib[i]!]!;
  });
  out._backward = () => {
    const g = out.grad!;
    if (a.requiresGrad) {
      const ga = gradOf(a);
      for (let i = 0; i < n; i++) ga[ia[i]!]! += g[i]!;
    }
    if (bt.requiresGrad) {
      const gb = gradOf(bt);
      for (let i = 0; i < n; i++) gb[ib[i]!]! += g[i]!;
    }
  };
  return out;
}

/**
 * a − b, broadcasting. ∂/∂a = 1, ∂/∂b = −1.
 *
 * @example
 * ```ts
 * import { sub, tensor } from "./mod.ts";
 * console.assert(sub(tensor([5, 7]), 2).toArray().join() === "3,5");
 * ```
 */
export function sub(a: Tensor, b: Tensor | number): Tensor {
  const { b: bt, out, ia, ib } = operands("sub", a, b);
  const x = a.data, y = bt.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = x[ia[i]!]! - y[ib[i]!]!;
  });
  out._backward = () => {
    const g = out.grad!;
    if (a.requiresGrad) {
      const ga = gradOf(a);
      for (let i = 0; i < n; i++) ga[ia[i]!]! += g[i]!;
    }
    if (bt.requiresGrad) {
      const gb = gradOf(bt);
      for (let i = 0; i < n; i++) gb[ib[i]!]! -= g[i]!;
    }
  };
  return out;
}

/**
 * a · b elementwise, broadcasting. ∂/∂a = b, ∂/∂b = a.
 *
 * @example
 * ```ts
 * import { mul, tensor } from "./mod.ts";
 * console.assert(mul(tensor([1, 2, 3]), 2).toArray().join() === "2,4,6");
 * ```
 */
export function mul(a: Tensor, b: Tensor | number): Tensor {
  const { b: bt, out, ia, ib } = operands("mul", a, b);
  const x = a.data, y = bt.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = x[ia[i]!]! * y[ib[i]!]!;
  });
  out._backward = () => {
    const g = out.grad!;
    if (a.requiresGrad) {
      const ga = gradOf(a);
      for (let i = 0; i < n; i++) ga[ia[i]!]! += g[i]! * y[ib[i]!]!;
    }
    if (bt.requiresGrad) {
      const gb = gradOf(bt);
      for (let i = 0; i < n; i++) gb[ib[i]!]! += g[i]! * x[ia[i]!]!;
    }
  };
  return out;
}

/**
 * a / b elementwise, broadcasting. ∂/∂a = 1/b, ∂/∂b = −a/b².
 *
 * @example
 * ```ts
 * import { div, tensor } from "./mod.ts";
 * console.assert(div(tensor([1, 3]), tensor([2])).toArray().join() === "0.5,1.5");
 * ```
 */
export function div(a: Tensor, b: Tensor | number): Tensor {
  const { b: bt, out, ia, ib } = operands("div", a, b);
  const x = a.data, y = bt.data, o = out.data, n = o.length;
  launch(() => {
    for (let i = 0; i < n; i++) o[i] = x[ia[i]!]! / y[ib[i]!]!;
  });
  out._backward = () => {
    const g = out.grad!;
    if (a.requiresGrad) {
      const ga = gradOf(a);
      for (let i = 0; i < n; i++) ga[ia[i]!]! += g[i]! / y[ib[i]!]!;
    }
    if (bt.requiresGrad) {
      const gb = gradOf(bt);
      for (let i = 0; i < n; i++) {
        const yi = y[ib[i]!]!;
        gb[ib[i]!]! -= g[i]! * x[ia[i]!]! / (yi * yi);
      }
    }
  };
  return out;
}
