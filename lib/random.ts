/**
 * Seeded random numbers whose state can be saved and restored exactly, so that a checkpoint
 * resumes the same stream. The generator is d3-random's `randomLcg` (a 32-bit linear
 * congruential generator, `state = 1664525 · state + 1013904223 mod 2³²`, value `state / 2³²`),
 * re-implemented here only so that its state is visible; uniform and integer draws go through
 * d3-random's own `randomUniform.source` and `randomInt.source`, shuffles through d3-array's
 * `shuffler`, and normal draws use d3's polar Box–Muller method with its cached second value.
 * For one seed the values equal d3's `randomLcg(seed)` stream bit for bit.
 *
 * @module
 */

import { randomInt, randomUniform } from "npm:d3-random@3.0.2";
import { shuffler } from "npm:d3-array@3.2.5";
import * as check from "./_check.ts";

const MUL = 0x19660d;
const INC = 0x3c6ef35f;
const EPS = 1 / 0x100000000;

/** The complete state of a {@linkcode Random}: plain JSON. */
export interface RandomState {
  /** Only the fields below; the signature makes a RandomState plain JSON. */
  [key: string]: number | null;
  /** The LCG's 32-bit state (a signed int32, as d3 keeps it). */
  lcg: number;
  /** The polar method's cached second coordinate, or null when none is pending. */
  normalX: number | null;
  /** The squared radius that goes with `normalX`. */
  normalR: number | null;
}

/**
 * A seeded random stream. `seed` follows d3's `randomLcg`: a number in [0, 1) is scaled by
 * 2³², any other number is taken by absolute value, then truncated to 32 bits.
 *
 * @example
 * ```ts
 * import { Random } from "./random.ts";
 * import assert from "node:assert/strict";
 * const a = new Random(42);
 * const saved = a.state();
 * const first = [a.uniform(0, 1), a.normal(0, 1), a.int(10)];
 * a.setState(saved);
 * assert.deepEqual([a.uniform(0, 1), a.normal(0, 1), a.int(10)], first);
 * ```
 */
export class Random {
  #lcg: number;
  #normalX: number | null = null;
  #normalR = 0;
  /** The raw source, `() => number` in [0, 1): usable with any d3-random `.source(...)`. */
  readonly source: () => number;

  /**
   * A stream seeded with `seed` (throws a RangeError unless it is finite).
   *
   * @param seed Any finite number; equal seeds give equal streams.
   */
  constructor(seed: number) {
    check.finite("seed", seed);
    this.#lcg = (0 <= seed && seed < 1 ? seed / EPS : Math.abs(seed)) | 0;
    this.source = () => {
      this.#lcg = (MUL * this.#lcg + INC) | 0;
      return EPS * (this.#lcg >>> 0);
    };
  }

  /** A uniform number in [lo, hi): `lo + (hi − lo) · u` (d3's `randomUniform`). */
  uniform(lo = 0, hi = 1): number {
    if (
      typeof lo !== "number" || typeof hi !== "number" || !(lo <= hi) ||
      !Number.isFinite(hi - lo)
    ) {
      check.finite("lo", lo);
      check.finite("hi", hi);
      throw new RangeError(`uniform needs a finite range lo ≤ hi, got lo=${lo}, hi=${hi}`);
    }
    return randomUniform.source(this.source)(lo, hi)();
  }

  /**
   * A normal number `mean + std · y · √(−2 ln r / r)` by the polar method (d3's
   * `randomNormal`); each accepted pair serves two calls.
   */
  normal(mean = 0, std = 1): number {
    if (!Number.isFinite(mean) || typeof std !== "number" || !(std >= 0 && std < Infinity)) {
      check.finite("mean", mean);
      check.nonNegative("std", std);
    }
    let y: number;
    if (this.#normalX !== null) {
      y = this.#normalX;
      this.#normalX = null;
    } else {
      let x: number, r: number;
      do {
        x = this.source() * 2 - 1;
        y = this.source() * 2 - 1;
        r = x * x + y * y;
      } while (!r || r > 1);
      this.#normalX = x;
      this.#normalR = r;
    }
    const r = this.#normalR;
    return mean + std * y * Math.sqrt(-2 * Math.log(r) / r);
  }

  /** An integer in [0, n) (d3's `randomInt(n)`). */
  int(n: number): number {
    check.positiveInteger("n", n);
    if (n > 2 ** 32) {
      throw new RangeError(
        `n must be at most 2^32 (the stream draws 32 bits), got n=${n}`,
      );
    }
    return randomInt.source(this.source)(n)();
  }

  /** Shuffles `array` in place (Fisher–Yates, d3-array's `shuffler`) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    if (
      typeof array !== "object" || array === null || !Number.isInteger(array.length) ||
      array.length < 0
    ) {
      throw new TypeError(`shuffle: array must be an array, got array=${check.show(array)}`);
    }
    return shuffler(this.source)(array as unknown as unknown[]) as unknown as T;
  }

  /** The state as plain JSON; {@linkcode Random.setState} restores it. */
  state(): RandomState {
    const pending = this.#normalX !== null;
    return {
      lcg: this.#lcg,
      normalX: this.#normalX,
      normalR: pending ? this.#normalR : null,
    };
  }

  /** Restores a state from {@linkcode Random.state}; the stream continues identically. */
  setState(state: RandomState): void {
    check.options("Random.setState", state, ["lcg", "normalX", "normalR"], {
      nullable: ["normalX", "normalR"],
      argument: "state",
    });
    for (const key of ["lcg", "normalX", "normalR"] as const) {
      if (!(key in state)) {
        throw new TypeError(
          `Random.setState: state lacks ${key}, got state=${
            check.show(state)
          }; pass random.state()`,
        );
      }
    }
    check.integer("state.lcg", state.lcg);
    if ((state.lcg | 0) !== state.lcg) {
      throw new RangeError(`state.lcg must be a 32-bit integer, got state.lcg=${state.lcg}`);
    }
    if (state.normalX !== null) check.finite("state.normalX", state.normalX);
    if (state.normalX !== null) check.positive("state.normalR", state.normalR);
    else if (state.normalR !== null) {
      throw new RangeError(
        `state.normalR must be null when state.normalX is null, got state.normalR=${
          check.show(state.normalR)
        }`,
      );
    }
    this.#lcg = state.lcg;
    this.#normalX = state.normalX;
    this.#normalR = state.normalR ?? 0;
  }
}

let globalRandom = new Random(0);

/**
 * The library's default stream (PyTorch's global generator), used when no `rng` is passed.
 *
 * @example
 * ```ts
 * import { defaultRandom, manualSeed } from "./random.ts";
 * manualSeed(1);
 * const a = defaultRandom().uniform();
 * manualSeed(1);
 * console.assert(defaultRandom().uniform() === a);
 * ```
 */
export function defaultRandom(): Random {
  return globalRandom;
}

/**
 * Reseeds the default stream (PyTorch's `torch.manual_seed`) and returns it.
 *
 * @example
 * ```ts
 * import { manualSeed } from "./random.ts";
 * const rng = manualSeed(0);
 * console.assert(rng.int(6) < 6);
 * ```
 */
export function manualSeed(seed: number): Random {
  globalRandom = new Random(seed);
  return globalRandom;
}
