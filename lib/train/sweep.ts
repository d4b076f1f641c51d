/**
 * `sweep`: the same training under several configurations (schedules, learning rates, loss
 * reductions) and several seeds, with one summary per run and per configuration. `sweepAsync`
 * runs the same sweep and awaits what its callbacks return, so that a notebook's live display
 * can update while it runs; with `workers`, it runs the sweep's runs on several cores at once.
 *
 * @module
 */

import * as check from "../_check.ts";
import { isThenable, type PausableLoop, runAwaiting, runToEnd } from "./_pausable.ts";
import {
  type SweepPosition,
  type SweepProgress,
  type SweepRun,
  sweepRunLoop,
} from "./_sweep_run.ts";
import type { SweepJob, SweepTask } from "./_sweep_worker.ts";
import { checkConfig, loadBuilder } from "./_task.ts";
import { runOnWorkers } from "./_worker_pool.ts";
import { plannedIterations, type TrainOptions } from "./train.ts";

export type { SweepPosition, SweepRun, SweepTask };

/**
 * A configuration of a sweep: a function that builds fresh `train()` options for a seed, or a
 * serialisable {@linkcode SweepTask} (a module URL, the name of its builder export
 * `(seed, args) => TrainOptions`, and JSON `args`) that a worker can rebuild, such as
 * `irisTask(...)` returns.
 */
export type SweepConfig = ((seed: number) => TrainOptions) | SweepTask;

/** Options of {@linkcode sweep}. */
export interface SweepOptions {
  /**
   * Named configurations; each builds fresh `train()` options for a seed, with any of
   * `train()`'s options: mini-batches (`batchSize`, `shuffle` with the seed's `rng`, `dropLast`,
   * `epochs`, `schedulerInterval`) and a validation set in `data` included. A configuration may
   * be a {@linkcode SweepTask} instead of a function ({@linkcode sweepAsync} only); with
   * `workers` above 1, every configuration must be one.
   */
  configs: Record<string, SweepConfig>;
  /** The seeds every configuration runs with. */
  seeds: readonly number[];
  /** The accuracy both sets must reach for `reachedAt`. Default 0.9999. */
  threshold?: number;
  /**
   * How many runs train at once, each in its own worker ({@linkcode sweepAsync} only): a
   * positive integer, or "auto" for `navigator.hardwareConcurrency`. Default 1: every run on
   * the calling thread. The runs and their results are the same bit for bit whatever the
   * number, as long as a run depends only on its seed and its task's arguments.
   */
  workers?: number | "auto";
  /**
   * Called after each run with its outcome. {@linkcode sweepAsync} awaits a returned promise
   * before the next call; `sweep` ignores it. With workers, runs are reported as they finish.
   */
  onRun?: (run: SweepRun) => unknown;
  /**
   * Called after every iteration of every run, like `train()`'s `onProgress`, with which run it
   * is; a configuration's own `onProgress` still runs first (in the worker, with workers).
   * {@linkcode sweepAsync} awaits a returned promise before the next call; `sweep` ignores it.
   * With workers, each run's calls come in order, in batches of iterations posted by its
   * worker, and the calls of runs training at the same time interleave.
   */
  onProgress?: SweepProgress;
}

const SWEEP_KEYS = ["configs", "seeds", "threshold", "workers", "onRun", "onProgress"] as const;

/** The checked options: every run to do, in order. */
interface SweepPlan {
  jobs: { name: string; seed: number; config: SweepConfig }[];
  threshold: number;
  workers: number;
  onRun?: (run: SweepRun) => unknown;
  onProgress?: SweepProgress;
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
  const plan = checkSweep(options);
  if (plan.workers !== 1) {
    throw new RangeError(
      `sweep runs on the calling thread; use sweepAsync for workers, got workers=${
        check.show(options.workers)
      }`,
    );
  }
  for (const { name, config } of plan.jobs) {
    if (typeof config !== "function") {
      throw new TypeError(
        `sweep needs functions as configurations (a task's module is imported asynchronously: use sweepAsync), got configs["${name}"]=${
          check.show(config)
        }`,
      );
    }
  }
  return runToEnd(sweepLoop(plan, false), "sweep");
}

/**
 * {@linkcode sweep}, asynchronously: the same runs in the same order with the same results, bit
 * for bit, except that when `onProgress` or `onRun` returns a promise, the sweep waits for it
 * before going on. While it waits, the event loop runs, so a live display such as `progress()`
 * fed from `onProgress` reaches the notebook during the sweep. Each run goes through the loop
 * of `trainAsync`. A bad argument rejects the promise.
 *
 * With `workers: n` (or "auto"), up to n runs train at once, each in a Deno Worker that rebuilds
 * its run from the configuration's {@linkcode SweepTask} (functions cannot be sent to a worker);
 * the results come back in the sweep's order and equal the single-threaded ones bit for bit.
 * Progress and outcomes are streamed to `onProgress` and `onRun` as the workers post them.
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
 *
 * @example On two cores: configurations as tasks
 * ```ts
 * import { sweepAsync } from "./sweep.ts";
 * import { irisTask } from "./iris_task.ts";
 * const configs = {
 *   step: irisTask({ iterations: 1000, stepSize: 500 }),
 *   cosine: irisTask({ iterations: 1000, scheduler: { type: "CosineAnnealingLR", tMax: 1000 } }),
 * };
 * const one = await sweepAsync({ configs, seeds: [0, 1] });
 * const two = await sweepAsync({ configs, seeds: [0, 1], workers: 2 });
 * console.assert(JSON.stringify(two) === JSON.stringify(one));
 * ```
 */
export async function sweepAsync(options: SweepOptions): Promise<SweepRun[]> {
  const plan = checkSweep(options);
  if (plan.workers > 1) {
    for (const { name, config } of plan.jobs) {
      if (typeof config === "function") {
        throw new TypeError(
          `with workers, every configuration must be a task { module, export, args } (a function cannot be sent to a worker), got configs["${name}"]=${
            check.show(config)
          }`,
        );
      }
    }
    return await sweepOnWorkers(plan);
  }
  // Tasks run here as a worker would run them: the builder, with a copy of the JSON arguments.
  const builders = new Map<SweepTask, (seed: number) => TrainOptions>();
  for (const { config } of plan.jobs) {
    if (typeof config === "function" || builders.has(config)) continue;
    const build = await loadBuilder(config);
    builders.set(config, (seed) => build(seed, structuredClone(config.args)));
  }
  const jobs = plan.jobs.map((job) => ({
    ...job,
    config: typeof job.config === "function" ? job.config : builders.get(job.config)!,
  }));
  return await runAwaiting(sweepLoop({ ...plan, jobs }, true));
}

/** Checks every option (nothing runs before all are checked) and lists the runs in order. */
function checkSweep(options: SweepOptions): SweepPlan {
  check.options("sweep", options, SWEEP_KEYS);
  const configs = options?.configs;
  if (typeof configs !== "object" || configs === null || Object.keys(configs).length === 0) {
    throw new TypeError(
      `configs must name at least one configuration, got configs=${check.show(configs)}`,
    );
  }
  for (const [name, config] of Object.entries(configs)) checkConfig(name, config, "train options");
  if (!Array.isArray(options.seeds) || options.seeds.length === 0) {
    throw new RangeError(`seeds must be a non-empty array, got seeds=${check.show(options.seeds)}`);
  }
  options.seeds.forEach((s, i) => check.finite(`seeds[${i}]`, s));
  const threshold = check.inRange("threshold", options.threshold ?? 0.9999, 0, 1);
  const workers = options.workers === "auto"
    ? Math.max(1, navigator.hardwareConcurrency ?? 1)
    : check.positiveInteger("workers", options.workers ?? 1);
  const { onRun, onProgress } = options;
  if (onRun !== undefined) check.callable("onRun", onRun);
  if (onProgress !== undefined) check.callable("onProgress", onProgress);
  const jobs = Object.entries(configs).flatMap(([name, config]) =>
    options.seeds.map((seed) => ({ name, seed, config }))
  );
  return { jobs, threshold, workers, onRun, onProgress };
}

/**
 * Runs the plan's runs one after another on this thread; each run is `train()`'s loop with the
 * configuration's options (and `onProgress` added). With `pause`, it yields the promises the
 * callbacks return.
 */
function* sweepLoop(plan: SweepPlan, pause: boolean): PausableLoop<SweepRun[]> {
  const { onRun, onProgress, threshold } = plan;
  const runs: SweepRun[] = [];
  for (const { name, seed, config } of plan.jobs) {
    const setup = (config as (seed: number) => TrainOptions)(seed);
    const at: SweepPosition = {
      name,
      seed,
      run: runs.length + 1,
      runs: plan.jobs.length,
      iterations: plannedIterations(setup),
    };
    const run = yield* sweepRunLoop(setup, at, threshold, onProgress, pause);
    runs.push(run);
    const pending = onRun?.(run);
    if (pause && isThenable(pending)) yield pending;
  }
  return runs;
}

/**
 * Runs the plan on `plan.workers` workers, handing each the next run when it finishes one. The
 * callbacks run one at a time on this thread, in the order the workers' messages arrive, each
 * awaited before the next. The first error (a worker's or a callback's) rejects, and every
 * worker is terminated before this returns.
 */
async function sweepOnWorkers(plan: SweepPlan): Promise<SweepRun[]> {
  const { jobs, onRun, onProgress, threshold } = plan;
  return await runOnWorkers<SweepRun>({
    url: new URL("./_sweep_worker.ts", import.meta.url).href,
    workers: plan.workers,
    jobs: jobs.length,
    job: (index): SweepJob => {
      const { name, seed, config } = jobs[index]!;
      return {
        index,
        task: config as SweepTask,
        at: { name, seed, run: index + 1, runs: jobs.length },
        threshold,
        progress: onProgress !== undefined,
      };
    },
    onProgress: async (v, at) => {
      for (let i = 0; i < v.length; i += 3) {
        const pending = onProgress!(v[i]!, v[i + 1]!, v[i + 2]!, at as SweepPosition);
        if (isThenable(pending)) await pending;
      }
    },
    onDone: (_index, run) => onRun?.(run),
  });
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
