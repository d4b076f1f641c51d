/**
 * Parameter initialisation, in place: `uniform_`, `normal_`, `zeros_`, PyTorch's default for
 * `Linear` (`resetLinear`), and PyNet's 0.01 · N(0, 1) weights with zero bias (`pynetInit_`).
 *
 * @module
 */

import * as check from "../_check.ts";
import { defaultRandom, type Random } from "../random.ts";
import type { Tensor } from "../tensor/tensor.ts";

/** Options naming the random stream. */
export interface InitOptions {
  /** The stream to draw from; default the library's global stream. */
  rng?: Random;
}

/**
 * Fills `t` with U(lo, hi) draws in row-major order; returns `t`.
 *
 * @example
 * ```ts
 * import { uniform_ } from "./mod.ts";
 * import { zeros } from "../tensor/mod.ts";
 * const t = uniform_(zeros([3]), -1, 1);
 * console.assert(t.toArray().every((v) => v >= -1 && v < 1));
 * ```
 */
export function uniform_(t: Tensor, lo: number, hi: number, options: InitOptions = {}): Tensor {
  check.finite("lo", lo);
  check.finite("hi", hi);
  const rng = options.rng ?? defaultRandom();
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniform(lo, hi);
  return t;
}

/**
 * Fills `t` with N(mean, std²) draws in row-major order; returns `t`.
 *
 * @example
 * ```ts
 * import { normal_ } from "./mod.ts";
 * import { zeros } from "../tensor/mod.ts";
 * console.assert(normal_(zeros([2]), 0, 0.01).size === 2);
 * ```
 */
export function normal_(t: Tensor, mean: number, std: number, options: InitOptions = {}): Tensor {
  check.finite("mean", mean);
  check.nonNegative("std", std);
  const rng = options.rng ?? defaultRandom();
  for (let i = 0; i < t.size; i++) t.data[i] = rng.normal(mean, std);
  return t;
}

/**
 * Fills `t` with zeros; returns `t`.
 *
 * @example
 * ```ts
 * import { zeros_ } from "./mod.ts";
 * import { ones } from "../tensor/mod.ts";
 * console.assert(zeros_(ones([2])).toArray().join() === "0,0");
 * ```
 */
export function zeros_(t: Tensor): Tensor {
  t.data.fill(0);
  return t;
}

/** What the Linear initialisers touch. */
export interface LinearLike {
  /** The weight, `[outFeatures, inFeatures]`. */
  readonly weight: Tensor;
  /** The bias, `[outFeatures]`, or null. */
  readonly bias: Tensor | null;
}

/**
 * PyTorch's `Linear.reset_parameters`: W ~ U(−1/√fanIn, 1/√fanIn) (kaiming_uniform_ with
 * a = √5: gain √(2/(1+a²)) = √(1/3), bound √3 · gain/√fanIn), then b ~ U(−1/√fanIn, 1/√fanIn).
 *
 * @example
 * ```ts
 * import { Linear, resetLinear } from "./mod.ts";
 * const fc = resetLinear(new Linear(4, 2));
 * console.assert(fc.weight.toArray().every((v) => Math.abs(v) <= 0.5));
 * ```
 */
export function resetLinear<L extends LinearLike>(layer: L, options: InitOptions = {}): L {
  const fanIn = layer.weight.shape[1]!;
  const bound = 1 / Math.sqrt(fanIn);
  uniform_(layer.weight, -bound, bound, options);
  if (layer.bias) uniform_(layer.bias, -bound, bound, options);
  return layer;
}

/**
 * PyNet's initialisation (the seed post's network): W = std · N(0, 1) with std = 0.01 by
 * default, b = 0.
 *
 * @example
 * ```ts
 * import { Linear, pynetInit_ } from "./mod.ts";
 * import { Random } from "../random.ts";
 * const fc = pynetInit_(new Linear(4, 2), { rng: new Random(0) });
 * console.assert(fc.bias!.toArray().join() === "0,0");
 * ```
 */
export function pynetInit_<L extends LinearLike>(
  layer: L,
  options: InitOptions & { std?: number } = {},
): L {
  const std = options.std ?? 0.01;
  check.nonNegative("std", std);
  const rng = options.rng ?? defaultRandom();
  for (let i = 0; i < layer.weight.size; i++) layer.weight.data[i] = std * rng.normal(0, 1);
  if (layer.bias) zeros_(layer.bias);
  return layer;
}
