/**
 * `NoisyQuadratic`: SGD on an ill-conditioned quadratic bowl with Gaussian gradient noise, the
 * smallest problem on which the reason to anneal shows (cs231n's "bouncing around the minimum").
 *
 * @module
 */

import * as check from "../_check.ts";
import { Random } from "../random.ts";
import type { Schedule } from "../schedules/schedule.ts";

/** Options of {@linkcode NoisyQuadratic}. */
export interface NoisyQuadraticOptions {
  /** The curvature λᵢ > 0 along each axis (the Hessian's diagonal); at least one. */
  curvatures: number[];
  /** The standard deviation σ ≥ 0 of the Gaussian noise added to each gradient component. */
  noiseStd: number;
}

/** Options of {@linkcode NoisyQuadratic.run}. */
export interface NoisyQuadraticRunOptions {
  /** The starting point, one coordinate per curvature. */
  start: number[];
  /** How many SGD steps to take (a non-negative integer). */
  steps: number;
  /** Seed of the gradient noise; runs with the same seed see the same noise (default 0). */
  seed?: number;
}

/** What {@linkcode NoisyQuadratic.run} returns: the path and the loss along it. */
export interface NoisyQuadraticRun {
  /** `w[t]`: the point after `t` steps (`w[0]` is the start), `steps + 1` points. */
  w: number[][];
  /** `loss[t] = f(w[t])`. */
  loss: number[];
  /** `lr[t]`: the learning rate of step `t` (`steps` values). */
  lr: number[];
}

/**
 * The quadratic f(w) = ½ Σᵢ λᵢ wᵢ² (minimum 0 at w = 0), whose stochastic gradient is
 * gᵢ = λᵢ wᵢ + σ ξᵢ with ξᵢ ~ N(0, 1) independent. One SGD step is wᵢ ← wᵢ − η gᵢ, so each
 * coordinate follows wᵢ ← (1 − ηλᵢ) wᵢ − ησ ξᵢ.
 *
 * With a fixed η and 0 < ηλᵢ < 2 the iterates do not converge: they reach a stationary spread
 * whose variance per direction is
 *
 *   Var[wᵢ] = η σ² / (λᵢ (2 − η λᵢ))
 *
 * (from v = (1 − ηλ)² v + η²σ²), so the expected loss settles at Σᵢ η σ² / (2 (2 − η λᵢ)):
 * the noise floor, proportional to η for small η. Lowering η lowers the floor: that is why
 * learning rates are annealed.
 *
 * @example The noise floor grows with the learning rate
 * ```ts
 * import { NoisyQuadratic } from "./noisy_quadratic.ts";
 * const bowl = new NoisyQuadratic({ curvatures: [1, 10], noiseStd: 1 });
 * if (!(bowl.stationaryLoss(0.01) < bowl.stationaryLoss(0.1))) throw new Error();
 * const run = bowl.run(0.1, { start: [3, 1], steps: 100, seed: 1 });
 * if (run.w.length !== 101 || run.loss[0] !== bowl.loss([3, 1])) throw new Error();
 * ```
 */
export class NoisyQuadratic {
  /** The curvatures λᵢ. */
  readonly curvatures: readonly number[];
  /** The gradient noise σ. */
  readonly noiseStd: number;

  /** Checks the options: positive finite curvatures, a finite σ ≥ 0. */
  constructor(options: NoisyQuadraticOptions) {
    check.options("NoisyQuadratic", options, ["curvatures", "noiseStd"]);
    const { curvatures, noiseStd } = options;
    if (!Array.isArray(curvatures) || curvatures.length === 0) {
      throw new TypeError(
        `curvatures must be a non-empty array of numbers, got curvatures=${check.show(curvatures)}`,
      );
    }
    curvatures.forEach((c, i) => check.positive(`curvatures[${i}]`, c));
    this.curvatures = Object.freeze([...curvatures]);
    this.noiseStd = check.nonNegative("noiseStd", noiseStd);
  }

  /** f(w) = ½ Σᵢ λᵢ wᵢ². */
  loss(w: readonly number[]): number {
    this.#checkPoint("w", w);
    let sum = 0;
    this.curvatures.forEach((c, i) => sum += c * w[i]! * w[i]!);
    return sum / 2;
  }

  /**
   * `steps` SGD steps from `start` with learning rate `lr` (a number, or a schedule called with
   * the step index 0, 1, ...), the noise drawn from a `Random` seeded with `seed`.
   */
  run(lr: number | Schedule, options: NoisyQuadraticRunOptions): NoisyQuadraticRun {
    check.options("NoisyQuadratic.run", options, ["start", "steps", "seed"]);
    const rate: Schedule = typeof lr === "number"
      ? (check.nonNegative("lr", lr), () => lr)
      : check.callable<Schedule>("lr", lr);
    this.#checkPoint("start", options.start);
    const steps = check.integer("steps", options.steps);
    if (steps < 0) throw new RangeError(`steps must be non-negative, got steps=${steps}`);
    const rng = new Random(check.integer("seed", options.seed ?? 0));
    let w = [...options.start];
    const path = [w];
    const losses = [this.loss(w)];
    const lrs: number[] = [];
    for (let t = 0; t < steps; t++) {
      const eta = rate(t);
      if (!(Number.isFinite(eta) && eta >= 0)) {
        throw new RangeError(`lr(${t}) must be finite and non-negative, got lr(${t})=${eta}`);
      }
      w = w.map((wi, i) => wi - eta * (this.curvatures[i]! * wi + this.noiseStd * rng.normal()));
      path.push(w);
      losses.push(this.loss(w));
      lrs.push(eta);
    }
    return { w: path, loss: losses, lr: lrs };
  }

  /**
   * The stationary variance of each coordinate under a fixed `lr`:
   * η σ² / (λᵢ (2 − η λᵢ)). Throws a `RangeError` when η λᵢ ≥ 2 for some i (SGD diverges).
   */
  stationaryVariance(lr: number): number[] {
    const eta = check.positive("lr", lr);
    return this.curvatures.map((c, i) => {
      if (eta * c >= 2) {
        throw new RangeError(
          `lr must be below 2 / curvatures[${i}] = ${2 / c} for SGD to converge, got lr=${lr}`,
        );
      }
      return eta * this.noiseStd ** 2 / (c * (2 - eta * c));
    });
  }

  /** The expected loss once stationary under a fixed `lr`: Σᵢ η σ² / (2 (2 − η λᵢ)). */
  stationaryLoss(lr: number): number {
    let sum = 0;
    this.stationaryVariance(lr).forEach((v, i) => sum += this.curvatures[i]! * v);
    return sum / 2;
  }

  /**
   * The level set f(w) = `value` of a two-dimensional bowl, an ellipse with semi-axes
   * √(2 value / λᵢ), as `points` points (`[x, y]`, first and last equal) for a contour plot.
   */
  levelCurve(value: number, points = 100): number[][] {
    if (this.curvatures.length !== 2) {
      throw new RangeError(
        `levelCurve needs 2 curvatures, got curvatures.length=${this.curvatures.length}`,
      );
    }
    check.positive("value", value);
    check.positiveInteger("points", points);
    const [a, b] = this.curvatures.map((c) => Math.sqrt((2 * value) / c)) as [number, number];
    return Array.from({ length: points + 1 }, (_v, k) => {
      const angle = (2 * Math.PI * (k % points)) / points;
      return [a * Math.cos(angle), b * Math.sin(angle)];
    });
  }

  #checkPoint(name: string, w: unknown): void {
    const n = this.curvatures.length;
    if (!Array.isArray(w) || w.length !== n) {
      throw new TypeError(`${name} must be an array of ${n} numbers, got ${name}=${check.show(w)}`);
    }
    w.forEach((x, i) => check.finite(`${name}[${i}]`, x));
  }
}
