/**
 * The Tensor: a Float64Array (or, with dtype "float32", a Float32Array) in row-major order with a
 * shape, and reverse-mode autograd.
 *
 * @module
 */

import { type Kernel, launch } from "./_graph.ts";
import * as check from "../_check.ts";
import { checkShape, showShape, sizeOf } from "./_shape.ts";
import { add, div, mul, sub } from "./elementwise.ts";
import { exp, log, neg, relu, sigmoid, tanh } from "./unary.ts";
import { argmax, max, mean, type ReduceOptions, sum } from "./reduce.ts";
import { linear, matmul } from "./matmul.ts";
import { reshape, transpose } from "./layout.ts";
import { logSoftmax, softmax } from "./softmax.ts";
import { allocData, checkDtype, copyData, type DType, dtypeOf, type Storage } from "./_storage.ts";
import { convert } from "./_convert.ts";

/** Nested arrays of numbers, as `tensor()` accepts them. */
export type NestedArray = number | readonly NestedArray[];

/** Options of {@linkcode tensor} and the {@linkcode Tensor} constructor. */
export interface TensorOptions {
  /** Whether gradients flow into this tensor (it becomes a leaf of the graph). Default false. */
  requiresGrad?: boolean;
  /**
   * The element type, `"float64"` (default) or `"float32"` (PyTorch's `dtype=`). The Tensor
   * constructor takes it from its data; given there, it must match.
   */
  dtype?: DType;
}

/** The default options, shared so that ops creating tensors skip the options check. */
const EMPTY: TensorOptions = Object.freeze({});

/**
 * An n-dimensional array of float64 (default) or float32 numbers with reverse-mode automatic
 * differentiation.
 *
 * - `data`: the values, row-major; ops write their output here (replays overwrite it in place).
 *   A Float64Array for dtype `"float64"`, a Float32Array for `"float32"`.
 * - `shape`: the dimensions; `[]` for a scalar.
 * - `dtype`: `"float64"` or `"float32"`. Every op computes in its inputs' dtype and returns it;
 *   elementwise ops on a float32 and a float64 tensor return float64 (PyTorch's promotion).
 * - `grad`: an array of the data's type and length holding ∂loss/∂this, or null before the
 *   first `backward()` reaches this tensor. Leaf gradients accumulate (`+=`) across calls, as in
 *   PyTorch; `optimizer.zeroGrad()` fills them with zeros in place.
 *
 * Ops are methods (`a.matmul(b).add(c).relu()`) and free functions (`matmul(a, b)`); each op's
 * backward kernel sits next to its forward kernel in its file.
 *
 * @example
 * ```ts
 * import { tensor } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = tensor([[1, 2], [3, 4]], undefined, { requiresGrad: true });
 * const y = x.mul(x).sum(); // Σ x²
 * y.backward();
 * assert.deepEqual(Array.from(x.grad!), [2, 4, 6, 8]);
 * ```
 */
export class Tensor {
  /** The values in row-major order. */
  readonly data: Storage;
  /** The element type: `"float64"` (Float64Array data) or `"float32"` (Float32Array data). */
  readonly dtype: DType;
  /** The dimensions. */
  readonly shape: readonly number[];
  /** Whether gradients flow into this tensor. */
  requiresGrad: boolean;
  /** ∂loss/∂this after `backward()`, same length as `data`; null until first needed. */
  grad: Storage | null = null;
  /** The op that produced this tensor (`"leaf"` for user-created tensors). */
  readonly op: string;
  /** @internal The inputs of the op that produced this tensor. */
  _parents: readonly Tensor[] = [];
  /** @internal Accumulates this tensor's grad into its parents' grads. */
  _backward: Kernel | null = null;
  /** @internal True while a backward pass has not yet written this intermediate's grad. */
  _gradFresh = false;

  /**
   * Wraps `data` (not copied) as a tensor of `shape`; `tensor(values, shape)` is the usual way.
   *
   * @param data The row-major values, a Float64Array (dtype float64) or a Float32Array (dtype
   *   float32); its length must be the product of `shape`.
   * @param shape The sizes of the dimensions, non-negative integers.
   * @param options `requiresGrad` makes it a leaf that `backward()` fills `grad` for; `dtype`,
   *   if given, must be the data's.
   */
  constructor(data: Storage, shape: readonly number[], options: TensorOptions = EMPTY) {
    if (!(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new TypeError(
        `Tensor: data must be a Float64Array or a Float32Array (use tensor() for arrays), got data=${
          check.show(data)
        }`,
      );
    }
    checkShape(shape);
    const dtype = dtypeOf(data);
    if (options !== EMPTY) {
      check.options("Tensor", options, ["requiresGrad", "dtype"]);
      if (options.requiresGrad !== undefined) check.boolean("requiresGrad", options.requiresGrad);
      if (options.dtype !== undefined && checkDtype(options.dtype) !== dtype) {
        throw new RangeError(
          `Tensor: dtype must match the data's (a ${data.constructor.name} is ${dtype}), got dtype="${options.dtype}"`,
        );
      }
    }
    if (sizeOf(shape) !== data.length) {
      throw new RangeError(
        `tensor: shape ${showShape(shape)} needs ${sizeOf(shape)} values, got ${data.length}`,
      );
    }
    this.data = data;
    this.dtype = dtype;
    this.shape = Object.freeze([...shape]);
    this.requiresGrad = options.requiresGrad ?? false;
    this.op = "leaf";
  }

  /** The number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** The number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** The value of a one-element tensor (PyTorch's `item()`). */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(
        `item: only one-element tensors can be converted, got shape ${showShape(this.shape)}`,
      );
    }
    return this.data[0]!;
  }

  /** The values as a flat JavaScript array (row-major). */
  toArray(): number[] {
    return Array.from(this.data);
  }

  /** The values as nested arrays following the shape (PyTorch's `tolist()`). */
  toNested(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return this.data[offset]!;
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from(
        { length: this.shape[dim]! },
        (_, i) => build(dim + 1, offset + i * stride),
      );
    };
    return build(0, 0);
  }

  /** A tensor sharing this data, cut from the graph (PyTorch's `detach()`). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /**
   * This tensor converted to `dtype` (PyTorch's `Tensor.to(dtype)`): this same tensor when it
   * already has that dtype, else a copy (rounded to nearest for float32) that gradients flow
   * back through, converted to this tensor's dtype.
   *
   * @example
   * ```ts
   * import { tensor } from "./mod.ts";
   * const x = tensor([0.1, 2], [2], { requiresGrad: true });
   * const y = x.to("float32");
   * console.assert(y.dtype === "float32" && y.data[0] === Math.fround(0.1));
   * console.assert(x.to("float64") === x);
   * y.sum().backward();
   * console.assert(x.grad!.join() === "1,1" && x.grad instanceof Float64Array);
   * ```
   */
  to(dtype: DType): Tensor {
    return convert(this, checkDtype(dtype));
  }

  /** `to("float32")` (PyTorch's `Tensor.float()`). */
  float(): Tensor {
    return convert(this, "float32");
  }

  /** `to("float64")` (PyTorch's `Tensor.double()`). */
  double(): Tensor {
    return convert(this, "float64");
  }

  /**
   * Back-propagates from this tensor: sets its grad to `gradient` (1 for a scalar) and runs every
   * backward kernel in reverse topological order, accumulating into leaf grads with `+=` (as
   * PyTorch does). An intermediate's grad starts the pass marked fresh: the first op to reach it
   * overwrites it instead of adding to zeros (see `claimGrad`), so no pass zeroes or re-reads it.
   * Captured and replayed as one kernel.
   */
  backward(gradient?: ArrayLike<number>): void {
    if (!this.requiresGrad) {
      throw new Error("backward: tensor does not require grad and does not have a grad function");
    }
    if (gradient === undefined && this.data.length !== 1) {
      throw new RangeError(
        `backward: grad can be implicitly created only for scalar outputs, got shape ${
          showShape(this.shape)
        }`,
      );
    }
    if (
      gradient !== undefined &&
      (typeof gradient !== "object" || gradient === null ||
        typeof gradient.length !== "number" ||
        Array.prototype.some.call(gradient, (v: unknown) => typeof v !== "number"))
    ) {
      throw new TypeError(
        `backward: gradient must be an array of numbers, got gradient=${check.show(gradient)}`,
      );
    }
    if (gradient !== undefined && gradient.length !== this.data.length) {
      throw new RangeError(
        `backward: gradient has ${gradient.length} values for shape ${showShape(this.shape)}`,
      );
    }
    const order = topologicalOrder(this);
    const inner = order.filter((t) => t._backward !== null);
    for (const t of order) t.grad ??= allocData(t.dtype, t.data.length);
    const seed = gradient === undefined ? null : copyData(this.dtype, gradient);
    const root = this.grad!;
    const rootIsLeaf = this._backward === null;
    const pass = () => {
      for (let i = 0; i < inner.length; i++) inner[i]!._gradFresh = true;
      this._gradFresh = false;
      if (rootIsLeaf) {
        for (let i = 0; i < root.length; i++) root[i]! += seed === null ? 1 : seed[i]!;
      } else if (seed === null) root[0] = 1;
      else root.set(seed);
      for (let i = inner.length - 1; i >= 0; i--) {
        const t = inner[i]!;
        if (t._gradFresh) { // no gradient reached it: its grad is zero
          t.grad!.fill(0);
          t._gradFresh = false;
        }
        t._backward!();
      }
    };
    launch(pass);
  }

  /** Elementwise sum with broadcasting. */
  add(other: Tensor | number): Tensor {
    return add(this, other);
  }
  /** Elementwise difference with broadcasting. */
  sub(other: Tensor | number): Tensor {
    return sub(this, other);
  }
  /** Elementwise product with broadcasting. */
  mul(other: Tensor | number): Tensor {
    return mul(this, other);
  }
  /** Elementwise quotient with broadcasting. */
  div(other: Tensor | number): Tensor {
    return div(this, other);
  }
  /** −x. */
  neg(): Tensor {
    return neg(this);
  }
  /** eˣ. */
  exp(): Tensor {
    return exp(this);
  }
  /** ln x. */
  log(): Tensor {
    return log(this);
  }
  /** max(x, 0). */
  relu(): Tensor {
    return relu(this);
  }
  /** tanh x. */
  tanh(): Tensor {
    return tanh(this);
  }
  /** 1 / (1 + e⁻ˣ). */
  sigmoid(): Tensor {
    return sigmoid(this);
  }
  /** Sum over all elements, or over `axis`. */
  sum(axis?: number, options?: ReduceOptions): Tensor {
    return sum(this, axis, options);
  }
  /** Mean over all elements, or over `axis`. */
  mean(axis?: number, options?: ReduceOptions): Tensor {
    return mean(this, axis, options);
  }
  /** Maximum over all elements, or over `axis`; the gradient flows to the first maximum. */
  max(axis?: number, options?: ReduceOptions): Tensor {
    return max(this, axis, options);
  }
  /** Index of the first maximum over all elements, or over `axis` (no gradient). */
  argmax(axis?: number, options?: ReduceOptions): Tensor {
    return argmax(this, axis, options);
  }
  /** Matrix product of two 2-D tensors. */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  /** Swaps two axes (default: the last two). */
  transpose(axis0?: number, axis1?: number): Tensor {
    return transpose(this, axis0, axis1);
  }
  /** The same values with a new shape (one entry may be −1). */
  reshape(shape: readonly number[]): Tensor {
    return reshape(this, shape);
  }
  /** softmax along `axis` (default −1). */
  softmax(axis = -1): Tensor {
    return softmax(this, axis);
  }
  /** log-softmax along `axis` (default −1). */
  logSoftmax(axis = -1): Tensor {
    return logSoftmax(this, axis);
  }
  /** x Wᵀ + b with this as x (PyTorch's `F.linear`). */
  linear(weight: Tensor, bias?: Tensor | null): Tensor {
    return linear(this, weight, bias);
  }
}

/** All tensors `root` depends on that require grad, parents before children. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [t, done] = stack.pop()!;
    if (done) {
      order.push(t);
      continue;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push([t, true]);
    for (const p of t._parents) if (p.requiresGrad && !seen.has(p)) stack.push([p, false]);
  }
  return order;
}

/**
 * Creates a tensor from numbers, nested arrays or a typed array (copied). The shape is
 * inferred from nesting unless given. `dtype` defaults to `"float64"`, or `"float32"` for a
 * Float32Array (as `torch.tensor` keeps a float32 NumPy array's dtype); float32 values are the
 * numbers rounded to nearest.
 *
 * @example
 * ```ts
 * import { tensor } from "./mod.ts";
 * const w = tensor([1, 2, 3, 4, 5, 6], [2, 3], { requiresGrad: true });
 * console.assert(w.shape[1] === 3 && tensor(7).item() === 7);
 * const h = tensor([0.1], undefined, { dtype: "float32" });
 * console.assert(h.dtype === "float32" && h.item() === Math.fround(0.1));
 * ```
 */
export function tensor(
  data: NestedArray | ArrayLike<number>,
  shape?: readonly number[],
  options: TensorOptions = {},
): Tensor {
  check.options("tensor", options, ["requiresGrad", "dtype"]);
  const dtype = options.dtype === undefined
    ? data instanceof Float32Array ? "float32" : "float64"
    : checkDtype(options.dtype);
  const rest = { ...options, dtype };
  const values: number[] = [];
  const inferred: number[] = [];
  const walk = (x: unknown, dim: number, path: string): void => {
    if (typeof x === "number") {
      if (dim < inferred.length) {
        throw new RangeError(
          `tensor: nested arrays must be rectangular, got ${path}=${x} where an array of ${
            inferred[dim]
          } was expected`,
        );
      }
      values.push(x);
      return;
    }
    if (
      x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number"
    ) {
      throw new TypeError(`tensor: data must hold numbers, got ${path}=${check.show(x)}`);
    }
    const arr = x as ArrayLike<unknown>;
    if (dim === inferred.length && values.length === 0) inferred.push(arr.length);
    else if (inferred[dim] !== arr.length) {
      throw new RangeError(
        `tensor: nested arrays must be rectangular, got ${path} of length ${arr.length}, expected ${
          inferred[dim] ?? "a number"
        }`,
      );
    }
    for (let i = 0; i < arr.length; i++) walk(arr[i], dim + 1, `${path}[${i}]`);
  };
  if (ArrayBuffer.isView(data)) {
    const flat = copyData(dtype, data as ArrayLike<number>);
    return new Tensor(flat, shape === undefined ? [flat.length] : shape, rest);
  }
  walk(data, 0, "data");
  return new Tensor(copyData(dtype, values), shape === undefined ? inferred : shape, rest);
}
