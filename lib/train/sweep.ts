/**
 * `sweep`: the same training under several configurations (schedules, learning rates, loss
 * reductions) and several seeds, with one summary per run and per configuration. `sweepAsync`
 * runs the same sweep and awaits what its callbacks return, so that a notebook's live display
 * can update while it runs.
 *
 * @module
 */

import * as check from "../_check.ts";
import { DivergenceError } from "./divergence_error.ts";
import type { History } from "./history.ts";
import { isThenable, type PausableLoop, runAwaiting, runToEnd } from "./_pausable.ts";
import { firstReached } from "./stop_when.ts";
import { plannedIterations, trainLoop, type TrainOptions } from "./train.ts";
import { emptyHistory } from "./checkpoint.ts";

/** Options of {@linkcode sweep}. */
export interface SweepOptions {
  /**
   * Named configurations; each builds fresh `train()` options for a seed, with any of
   * `train()`'s options: mini-batches (`batchSize`, `shuffle` with the seed's `rng`, `dropLast`,
   * `epochs`, `schedulerInterval`) and a validation set in `data` included.
   */
  configs: Record<string, (seed: number) => TrainOptions>;
  /** The seeds every configuration runs with. */
  seeds: readonly number[];
  /** The accuracy both sets must reach for `reachedAt`. Default 0.9999. */
  threshold?: number;
  /**
   * Called after each run with its outcome. {@linkcode sweepAsync} awaits a returned promise
   * before the next run; `sweep` ignores it.
   */
  onRun?: (run: SweepRun) => unknown;
  /**
   * Called after every iteration of every run, like `train()`'s `onProgress`, with which run it
   * is; a configuration's own `onProgress` still runs first. {@linkcode sweepAsync} awaits a
   * returned promise before the next iteration; `sweep` ignores it.
   */
  onProgress?: (
    iteration: number,
    loss: number,
    lr: number,
    run: SweepPosition,
  ) => void | PromiseLike<unknown>;
}

/** Which run of a sweep is training, as {@linkcode SweepOptions.onProgress} receives it. */
export interface SweepPosition {
  /** The configuration's name. */
  name: string;
  /** The seed. */
  seed: number;
  /** The run's 1-based number in the sweep's order (configurations, then seeds). */
  run: number;
  /** How many runs the sweep has: configurations × seeds. */
  runs: number;
  /** The most iterations this run may take (its `iterations`, or `epochs` × steps per epoch). */
  iterations: number;
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
  /** Validation accuracy at the last evaluation point (present when the run had a validation set). */
  valAccuracy?: number;
  /** The divergence message if the loss became NaN or infinite, else null. */
  diverged: string | null;
  /** The run's history. */
  history: History;
}

/** Per-configuration summary of a sweep (see {@linkcode summarizeSweep}). */
export interface SweepSummary {
  /** The configuration's name. */
  name: string;
  /** How many runs (seeds) it had. */
  runs: number;
  /** How many runs reached the threshold on both sets. */
  reached: number;
  /** Median of `reachedAt` over the runs that reached it (null if none did). */
  medianReachedAt: number | null;
  /** The earliest `reachedAt` (null if no run reached the threshold). */
  minReachedAt: number | null;
  /** The latest `reachedAt` among the runs that reached it (null if none did). */
  maxReachedAt: number | null;
  /** How many runs diverged. */
  diverged: number;
  /** Mean final train accuracy over all runs (a diverged run counts as 0). */
  meanTrainAccuracy: number;
  /** Mean final test accuracy over all runs (a diverged run counts as 0). */
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
  return runToEnd(sweepLoop(options, false), "sweep");
}

/**
 * {@linkcode sweep}, asynchronously: the same runs in the same order with the same results, bit
 * for bit, except that when `onProgress` or `onRun` returns a promise, the sweep waits for it
 * before going on. While it waits, the event loop runs, so a live display such as `progress()`
 * fed from `onProgress` reaches the notebook during the sweep. Each run goes through the loop
 * of `trainAsync`. A bad argument rejects the promise.
 *
 * @example A live line per iteration, awaited
 * ```ts
 * import { sweep, sweepAsync } from "./sweep.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const configs = { "lr 1e-3": (seed: number) => irisSetup({ seed, iterations: 500 }) };
 * const lines: string[] = [];
 * const runs = await sweepAsync({
 *   configs,
 *   seeds: [0, 1],
 *   onProgress: async (iteration, loss, lr, at) => {
 *     if (iteration === 500) lines.push(`run ${at.run}/${at.runs}, seed ${at.seed}, lr ${lr}`);
 *     await Promise.resolve();
 *   },
 * });
 * console.assert(lines.join("; ") === "run 1/2, seed 0, lr 0.001; run 2/2, seed 1, lr 0.001");
 * console.assert(JSON.stringify(runs) === JSON.stringify(sweep({ configs, seeds: [0, 1] })));
 * ```
 */
export function sweepAsync(options: SweepOptions): Promise<SweepRun[]> {
  return runAwaiting(sweepLoop(options, true));
}

/**
 * Checks the options, then runs the sweep: each run is `train()`'s loop with the configuration's
 * options (and `onProgress` added). With `pause`, it yields the promises the callbacks return.
 */
function* sweepLoop(options: SweepOptions, pause: boolean): PausableLoop<SweepRun[]> {
  check.options("sweep", options, ["configs", "seeds", "threshold", "onRun", "onProgress"]);
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
  const { onRun, onProgress } = options;
  if (onRun !== undefined) check.callable("onRun", onRun);
  if (onProgress !== undefined) check.callable("onProgress", onProgress);
  const runs: SweepRun[] = [];
  const count = Object.keys(configs).length * options.seeds.length;
  for (const [name, build] of Object.entries(configs)) {
    for (const seed of options.seeds) {
      const setup = build(seed);
      const at: SweepPosition = {
        name,
        seed,
        run: runs.length + 1,
        runs: count,
        iterations: plannedIterations(setup),
      };
      let run: SweepRun;
      try {
        const result = yield* trainLoop(
          onProgress === undefined ? setup : { ...setup, onProgress: both(setup, onProgress, at) },
          pause,
        );
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
        // Only runs with a validation set carry it, so other runs' records stay as they were.
        if (result.history.valAccuracy !== undefined) run.valAccuracy = result.valAccuracy;
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
          history: emptyHistory(),
        };
      }
      runs.push(run);
      const pending = onRun?.(run);
      if (pause && isThenable(pending)) yield pending;
    }
  }
  return runs;
}

/** The configuration's own `onProgress` (if any), then the sweep's; waits for both. */
function both(
  setup: TrainOptions,
  onProgress: NonNullable<SweepOptions["onProgress"]>,
  at: SweepPosition,
): NonNullable<TrainOptions["onProgress"]> {
  const own = setup?.onProgress;
  if (own !== undefined) check.callable("onProgress", own);
  return (iteration, loss, lr) => {
    const first = own?.(iteration, loss, lr);
    const second = onProgress(iteration, loss, lr, at);
    if (!isThenable(first)) return second;
    return isThenable(second) ? Promise.all([first, second]) : first;
  };
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
  if (!Array.isArray(runs)) {
    throw new TypeError(`runs must be an array of sweep runs, got runs=${check.show(runs)}`);
  }
  runs.forEach((r, i) => {
    if (typeof r?.name !== "string") {
      throw new TypeError(`runs[${i}].name must be a string, got runs[${i}]=${check.show(r)}`);
    }
    if (r.reachedAt !== null) check.finite(`runs[${i}].reachedAt`, r.reachedAt);
    if (r.diverged !== null && typeof r.diverged !== "string") {
      throw new TypeError(
        `runs[${i}].diverged must be a message or null, got runs[${i}].diverged=${
          check.show(r.diverged)
        }`,
      );
    }
    if (r.diverged === null) {
      check.number(`runs[${i}].trainAccuracy`, r.trainAccuracy);
      check.number(`runs[${i}].testAccuracy`, r.testAccuracy);
    }
  });
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
