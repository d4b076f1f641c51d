/**
 * Parameter initialisation, in place: `uniform_`, `normal_`, `zeros_`, PyTorch's default for
 * `Linear` (`resetLinear`), and PyNet's 0.01 · N(0, 1) weights with zero bias (`pynetInit_`).
 *
 * @module
 */

import * as check from "../_check.ts";
import { defaultRandom, Random } from "../random.ts";
import { Tensor } from "../tensor/tensor.ts";

/** `t` as a Tensor, or a TypeError naming `owner` and `name`. */
function tensorArg(owner: string, name: string, t: unknown): Tensor {
  if (!(t instanceof Tensor)) {
    throw new TypeError(`${owner}: ${name} must be a Tensor, got ${name}=${check.show(t)}`);
  }
  return t;
}

/** The stream `options.rng` names (checked), or the global one; `keys` are the allowed keys. */
function streamOf(owner: string, options: unknown, keys: readonly string[] = ["rng"]): Random {
  const o = check.options<{ rng?: unknown }>(owner, options, keys);
  if (o.rng === undefined) return defaultRandom();
  if (!(o.rng instanceof Random)) {
    throw new TypeError(`${owner}: rng must be a Random, got rng=${check.show(o.rng)}`);
  }
  return o.rng;
}

/** `layer` as a {@linkcode LinearLike}: a 2-D weight Tensor and a matching bias or null. */
function layerArg(owner: string, layer: unknown): LinearLike {
  const l = layer as Partial<LinearLike> | null | undefined;
  if (typeof l !== "object" || l === null) {
    throw new TypeError(
      `${owner}: layer must have a weight and a bias, got layer=${check.show(layer)}`,
    );
  }
  const weight = tensorArg(owner, "layer.weight", l.weight);
  if (weight.rank !== 2 || weight.shape[1] === 0) {
    throw new RangeError(
      `${owner}: layer.weight must be [outFeatures, inFeatures] with inFeatures ≥ 1, got shape [${
        weight.shape.join(", ")
      }]`,
    );
  }
  if (l.bias !== null && l.bias !== undefined) tensorArg(owner, "layer.bias", l.bias);
  return l as LinearLike;
}

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
  tensorArg("uniform_", "t", t);
  check.finite("lo", lo);
  check.finite("hi", hi);
  if (!(lo <= hi) || !Number.isFinite(hi - lo)) {
    throw new RangeError(
      `uniform_ expects a finite range lo ≤ hi, got lo=${lo}, hi=${hi}`,
    );
  }
  const rng = streamOf("uniform_", options);
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
  tensorArg("normal_", "t", t);
  check.finite("mean", mean);
  check.nonNegative("std", std);
  const rng = streamOf("normal_", options);
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
  tensorArg("zeros_", "t", t);
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
  layerArg("resetLinear", layer);
  options = { rng: streamOf("resetLinear", options) };
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
  layerArg("pynetInit_", layer);
  const rng = streamOf("pynetInit_", options, ["rng", "std"]);
  const std = options.std ?? 0.01;
  check.nonNegative("std", std);
  for (let i = 0; i < layer.weight.size; i++) layer.weight.data[i] = std * rng.normal(0, 1);
  if (layer.bias) zeros_(layer.bias);
  return layer;
}
