/**
 * `sweep`: the same training under several configurations (schedules, learning rates, loss
 * reductions) and several seeds, with one summary per run and per configuration.
 *
 * @module
 */

import * as check from "../_check.ts";
import { DivergenceError } from "./divergence_error.ts";
import type { History } from "./history.ts";
import { firstReached } from "./stop_when.ts";
import { train, type TrainOptions } from "./train.ts";

/** Options of {@linkcode sweep}. */
export interface SweepOptions {
  /** Named configurations; each builds fresh `train()` options for a seed. */
  configs: Record<string, (seed: number) => TrainOptions>;
  /** The seeds every configuration runs with. */
  seeds: readonly number[];
  /** The accuracy both sets must reach for `reachedAt`. Default 0.9999. */
  threshold?: number;
  /** Called after each run (for progress output). */
  onRun?: (run: SweepRun) => void;
}

/** The outcome of one configuration with one seed. */
export interface SweepRun {
  /** The configuration's name. */
  name: string;
  /** The seed. */
  seed: number;
  /** The first evaluation iteration with train and test accuracy ≥ threshold, or null. */
  reachedAt: number | null;
  /** How many iterations ran. */
  iterations: number;
  /** The loss of the last iteration (NaN if the run diverged). */
  loss: number;
  /** Train accuracy at the last evaluation point. */
  trainAccuracy: number;
  /** Test accuracy at the last evaluation point. */
  testAccuracy: number;
  /** The divergence message if the loss became NaN or infinite, else null. */
  diverged: string | null;
  /** The run's history. */
  history: History;
}

/** Per-configuration summary of a sweep (see {@linkcode summarizeSweep}). */
export interface SweepSummary {
  name: string;
  runs: number;
  /** How many runs reached the threshold on both sets. */
  reached: number;
  /** Median, min and max of `reachedAt` over the runs that reached it (null if none did). */
  medianReachedAt: number | null;
  minReachedAt: number | null;
  maxReachedAt: number | null;
  /** How many runs diverged. */
  diverged: number;
  /** Mean final train and test accuracy over all runs. */
  meanTrainAccuracy: number;
  meanTestAccuracy: number;
}

/**
 * Runs every configuration with every seed (configurations in insertion order, seeds in the
 * given order) and returns one {@linkcode SweepRun} each. A run that diverges is recorded, not
 * thrown. Deterministic: the same configurations and seeds give the same results.
 *
 * @example Two learning rates, two seeds
 * ```ts
 * import { sweep } from "./sweep.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const runs = sweep({
 *   configs: {
 *     "lr 1e-3": (seed) => irisSetup({ seed, lr: 1e-3, iterations: 1000 }),
 *     "lr 1e-4": (seed) => irisSetup({ seed, lr: 1e-4, iterations: 1000 }),
 *   },
 *   seeds: [0, 1],
 * });
 * console.assert(runs.length === 4 && runs[3]!.name === "lr 1e-4" && runs[3]!.seed === 1);
 * ```
 */
export function sweep(options: SweepOptions): SweepRun[] {
  const configs = options?.configs;
  if (typeof configs !== "object" || configs === null || Object.keys(configs).length === 0) {
    throw new TypeError(
      `configs must name at least one configuration, got configs=${check.show(configs)}`,
    );
  }
  for (const [name, build] of Object.entries(configs)) check.callable(`configs["${name}"]`, build);
  if (!Array.isArray(options.seeds) || options.seeds.length === 0) {
    throw new RangeError(`seeds must be a non-empty array, got seeds=${check.show(options.seeds)}`);
  }
  options.seeds.forEach((s, i) => check.finite(`seeds[${i}]`, s));
  const threshold = check.inRange("threshold", options.threshold ?? 0.9999, 0, 1);
  const runs: SweepRun[] = [];
  for (const [name, build] of Object.entries(configs)) {
    for (const seed of options.seeds) {
      const setup = build(seed);
      let run: SweepRun;
      try {
        const result = train(setup);
        run = {
          name,
          seed,
          reachedAt: firstReached(result.history, threshold),
          iterations: result.iteration,
          loss: result.loss,
          trainAccuracy: result.trainAccuracy,
          testAccuracy: result.testAccuracy,
          diverged: null,
          history: result.history,
        };
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        run = {
          name,
          seed,
          reachedAt: null,
          iterations: error.iteration,
          loss: NaN,
          trainAccuracy: NaN,
          testAccuracy: NaN,
          diverged: error.message,
          history: { iteration: [], loss: [], trainAccuracy: [], testAccuracy: [], lr: [] },
        };
      }
      runs.push(run);
      options.onRun?.(run);
    }
  }
  return runs;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * One summary per configuration, in order of first appearance: how many runs reached the
 * threshold and when (median, min, max), how many diverged, and the mean final accuracies
 * (diverged runs count as accuracy 0).
 *
 * @example
 * ```ts
 * import { summarizeSweep, type SweepRun } from "./sweep.ts";
 * const run = (seed: number, reachedAt: number | null): SweepRun => ({
 *   name: "a", seed, reachedAt, iterations: 1000, loss: 0.1, trainAccuracy: 1,
 *   testAccuracy: reachedAt === null ? 0.9 : 1, diverged: null,
 *   history: { iteration: [], loss: [], trainAccuracy: [], testAccuracy: [], lr: [] },
 * });
 * const [s] = summarizeSweep([run(0, 500), run(1, null), run(2, 1500)]);
 * console.assert(s!.reached === 2 && s!.medianReachedAt === 1000 && s!.maxReachedAt === 1500);
 * ```
 */
export function summarizeSweep(runs: readonly SweepRun[]): SweepSummary[] {
  const names = [...new Set(runs.map((r) => r.name))];
  return names.map((name) => {
    const mine = runs.filter((r) => r.name === name);
    const hits = mine.flatMap((r) => r.reachedAt === null ? [] : [r.reachedAt]);
    const mean = (f: (r: SweepRun) => number) =>
      mine.reduce((s, r) => s + (r.diverged === null ? f(r) : 0), 0) / mine.length;
    return {
      name,
      runs: mine.length,
      reached: hits.length,
      medianReachedAt: hits.length > 0 ? median(hits) : null,
      minReachedAt: hits.length > 0 ? Math.min(...hits) : null,
      maxReachedAt: hits.length > 0 ? Math.max(...hits) : null,
      diverged: mine.filter((r) => r.diverged !== null).length,
      meanTrainAccuracy: mean((r) => r.trainAccuracy),
      meanTestAccuracy: mean((r) => r.testAccuracy),
    };
  });
}
