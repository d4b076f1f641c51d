/**
 * Tensor factories: zeros, ones, full, rand (uniform) and randn (normal) from a seeded stream.
 * Each takes `dtype` (`"float64"` by default, or `"float32"`: the values rounded to nearest).
 *
 * @module
 */

import * as check from "../_check.ts";
import { defaultRandom, type Random } from "../random.ts";
import { tensorOptions } from "./_args.ts";
import { checkShape, sizeOf } from "./_shape.ts";
import { Tensor, type TensorOptions } from "./tensor.ts";
import { allocData } from "./_storage.ts";

/** Options of the random factories. */
export interface RandomTensorOptions extends TensorOptions {
  /** The stream to draw from; default the library's global stream. */
  rng?: Random;
}

/**
 * A tensor of `shape` filled with `value`.
 *
 * @example
 * ```ts
 * import { full } from "./mod.ts";
 * console.assert(full([2], 7).toArray().join() === "7,7");
 * console.assert(full([1], 0.1, { dtype: "float32" }).item() === Math.fround(0.1));
 * ```
 */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  return filled("full", shape, check.number("value", value), options);
}

/** A tensor of `shape` filled with `value`, after checking the arguments for `owner`. */
function filled(owner: string, shape: unknown, value: number, options: unknown): Tensor {
  checkShape(shape);
  const o = tensorOptions<TensorOptions>(owner, options);
  return new Tensor(allocData(o.dtype ?? "float64", sizeOf(shape)).fill(value), shape, o);
}

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * import { zeros } from "./mod.ts";
 * console.assert(zeros([2, 3]).size === 6);
 * ```
 */
export function zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return filled("zeros", shape, 0, options);
}

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * import { ones } from "./mod.ts";
 * console.assert(ones([3]).toArray().join() === "1,1,1");
 * ```
 */
export function ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
  return filled("ones", shape, 1, options);
}

/**
 * Uniform numbers in [0, 1), drawn in row-major order.
 *
 * @example
 * ```ts
 * import { rand } from "./mod.ts";
 * import { Random } from "../random.ts";
 * console.assert(rand([3], { rng: new Random(0) }).toArray().every((v) => v >= 0 && v < 1));
 * ```
 */
export function rand(shape: readonly number[], options: RandomTensorOptions = {}): Tensor {
  checkShape(shape);
  const { rng = defaultRandom(), ...rest } = tensorOptions<RandomTensorOptions>(
    "rand",
    options,
    true,
  );
  const t = filled("rand", shape, 0, rest);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniform(0, 1);
  return t;
}

/**
 * Standard normal numbers, drawn in row-major order.
 *
 * @example
 * ```ts
 * import { randn } from "./mod.ts";
 * import { Random } from "../random.ts";
 * console.assert(randn([2, 2], { rng: new Random(1) }).shape.join() === "2,2");
 * ```
 */
export function randn(shape: readonly number[], options: RandomTensorOptions = {}): Tensor {
  checkShape(shape);
  const { rng = defaultRandom(), ...rest } = tensorOptions<RandomTensorOptions>(
    "randn",
    options,
    true,
  );
  const t = filled("randn", shape, 0, rest);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.normal(0, 1);
  return t;
}
