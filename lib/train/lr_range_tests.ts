/**
 * `lrRangeTests`: several independent LR range tests (one per configuration and seed, as
 * fastai and Lightning users repeat `lr_find` over seeds to see the spread of the curve, or
 * compare optimizers and batch sizes), on the calling thread or on a pool of workers, each
 * rebuilding its model, optimizer and data from a serialisable task.
 *
 * @module
 */

import * as check from "../_check.ts";
import { isThenable, type PausableLoop } from "./_pausable.ts";
import { checkConfig, loadBuilder, type SweepTask } from "./_task.ts";
import { runOnWorkers } from "./_worker_pool.ts";
import type { RangeTestJob } from "./_range_test_worker.ts";
import {
  lrRangeTestLoop,
  type LrRangeTestOptions,
  type LrRangeTestResult,
  plannedSteps,
} from "./lr_range_test.ts";

/**
 * A configuration of {@linkcode lrRangeTests}: a function that builds fresh `lrRangeTest()`
 * options for a seed, or a serialisable {@linkcode SweepTask} (a module URL, the name of its
 * builder export `(seed, args) => LrRangeTestOptions`, and JSON `args`) that a worker can
 * rebuild, such as `irisRangeTestTask(...)` returns.
 */
export type LrRangeTestConfig = ((seed: number) => LrRangeTestOptions) | SweepTask;

/** Which range test is running, as {@linkcode lrRangeTests}'s `onProgress` receives it. */
export interface LrRangeTestPosition {
  /** The configuration's name. */
  name: string;
  /** The seed. */
  seed: number;
  /** The test's 1-based number in order (configurations, then seeds). */
  test: number;
  /** How many tests: configurations × seeds. */
  tests: number;
  /** The most steps this test may take (its `steps`, default 100). */
  steps: number;
}

/** One range test's outcome: its configuration, its seed and `lrRangeTest()`'s result. */
export interface LrRangeTestRun {
  /** The configuration's name. */
  name: string;
  /** The seed. */
  seed: number;
  /** What `lrRangeTest()` returned for this configuration and seed. */
  result: LrRangeTestResult;
}

/** Called after every recorded step of every test: its number, loss, lr and which test. */
export type LrRangeTestProgress = (
  step: number,
  loss: number,
  lr: number,
  at: LrRangeTestPosition,
) => unknown;

/** Options of {@linkcode lrRangeTests}. */
export interface LrRangeTestsOptions {
  /**
   * Named configurations; each builds fresh `lrRangeTest()` options for a seed. With `workers`
   * above 1, every configuration must be a {@linkcode SweepTask}.
   */
  configs: Record<string, LrRangeTestConfig>;
  /** The seeds every configuration runs with. */
  seeds: readonly number[];
  /**
   * How many tests run at once, each in its own worker: a positive integer, or "auto" for
   * `navigator.hardwareConcurrency`. Default 1: every test on the calling thread. The results
   * are the same bit for bit whatever the number, as long as a test depends only on its seed
   * and its task's arguments.
   */
  workers?: number | "auto";
  /** Called after each test with its outcome (with workers, as tests finish); awaited. */
  onRun?: (run: LrRangeTestRun) => unknown;
  /**
   * Called after every recorded step of every test (the curve's loss, before smoothing);
   * awaited. With workers, each test's calls come in order, in batches of steps posted by its
   * worker, and the calls of tests running at the same time interleave.
   */
  onProgress?: LrRangeTestProgress;
  /** Aborting rejects with the signal's reason; the workers are terminated. */
  signal?: AbortSignal;
}

const KEYS = ["configs", "seeds", "workers", "onRun", "onProgress", "signal"] as const;

interface Plan {
  jobs: { name: string; seed: number; config: LrRangeTestConfig }[];
  workers: number;
  onRun?: (run: LrRangeTestRun) => unknown;
  onProgress?: LrRangeTestProgress;
  signal?: AbortSignal;
}

/**
 * Runs `lrRangeTest()` for every configuration with every seed (configurations in insertion
 * order, seeds in the given order) and resolves to one {@linkcode LrRangeTestRun} each, in that
 * order.
 *
 * With `workers: n` (or "auto"), up to n tests run at once, each in a Deno Worker that rebuilds
 * its model, optimizer and data from the configuration's task (functions cannot be sent to a
 * worker); the results equal the single-threaded ones bit for bit. Progress and outcomes are
 * streamed to `onProgress` and `onRun` as the workers post them. A test that throws rejects the
 * whole call with an error of the same class whose message names the test
 * (`configs["sgd"] with seed 1: endLr must be greater than startLr, ...`); the workers are then
 * terminated, as they are on abort or when a callback throws. Bad options reject before any test
 * runs.
 *
 * @example Five seeds of the Iris range test on two cores: the spread of the suggestion
 * ```ts
 * import { lrRangeTests } from "./lr_range_tests.ts";
 * import { irisRangeTestTask } from "./iris_range_task.ts";
 * const configs = { sgd: irisRangeTestTask({ reduction: "mean", startLr: 1e-4, steps: 60 }) };
 * const seeds = [0, 1, 2, 3, 4];
 * const two = await lrRangeTests({ configs, seeds, workers: 2 });
 * const one = await lrRangeTests({ configs, seeds });
 * console.assert(JSON.stringify(two) === JSON.stringify(one)); // bit for bit
 * const valleys = two.map((r) => r.result.suggestions.valley?.lr);
 * console.assert(valleys.length === 5);
 * ```
 */
export async function lrRangeTests(options: LrRangeTestsOptions): Promise<LrRangeTestRun[]> {
  const plan = checkPlan(options);
  if (plan.workers > 1) return await onWorkers(plan);
  // Tasks run here as a worker would run them: the builder, with a copy of the JSON arguments.
  const builders = new Map<SweepTask, (seed: number, args: unknown) => LrRangeTestOptions>();
  const runs: LrRangeTestRun[] = [];
  const { jobs, onRun, onProgress, signal } = plan;
  for (const [index, { name, seed, config }] of jobs.entries()) {
    signal?.throwIfAborted();
    let result: LrRangeTestResult;
    // An error of the callbacks is the caller's own: it is rethrown as it is, not named.
    let callbackError: { error: unknown } | undefined;
    const own = (error: unknown) => {
      callbackError = { error };
      throw error;
    };
    try {
      let setup: LrRangeTestOptions;
      if (typeof config === "function") setup = config(seed);
      else {
        if (!builders.has(config)) {
          builders.set(config, await loadBuilder(config, "range test options"));
        }
        setup = builders.get(config)!(seed, structuredClone(config.args));
      }
      const at = { name, seed, test: index + 1, tests: jobs.length, steps: plannedSteps(setup) };
      const onStep = (step: number, loss: number, lr: number) => {
        signal?.throwIfAborted();
        let pending: unknown;
        try {
          pending = onProgress?.(step, loss, lr, at);
        } catch (error) {
          own(error);
        }
        return isThenable(pending) ? Promise.resolve(pending).catch(own) : pending;
      };
      result = await drive(lrRangeTestLoop(setup, onStep, true));
    } catch (error) {
      const mine = callbackError !== undefined && callbackError.error === error;
      throw signal?.aborted || mine ? error : named(name, seed, error);
    }
    const run = { name, seed, result };
    runs.push(run);
    const pending = onRun?.(run);
    if (isThenable(pending)) await pending;
  }
  return runs;
}

/**
 * Runs a pausable loop, awaiting what it yields; a rejected promise is thrown into the loop, so
 * that its `finally` (which restores the model and optimizer) runs.
 */
async function drive<T>(loop: PausableLoop<T>): Promise<T> {
  let next = loop.next();
  while (!next.done) {
    try {
      await next.value;
    } catch (error) {
      next = loop.throw(error);
      continue;
    }
    next = loop.next();
  }
  return next.value;
}

/** The error `error` as the same class, its message prefixed with the test that threw it. */
function named(name: string, seed: number, error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  const Class = e instanceof TypeError ? TypeError : e instanceof RangeError ? RangeError : Error;
  const out = new Class(`configs["${name}"] with seed ${seed}: ${e.message}`, { cause: e });
  if (e.stack !== undefined) out.stack = `${out.name}: ${out.message}\n${e.stack}`;
  return out;
}

function checkPlan(options: LrRangeTestsOptions): Plan {
  check.options("lrRangeTests", options, KEYS);
  const configs = options.configs;
  if (typeof configs !== "object" || configs === null || Object.keys(configs).length === 0) {
    throw new TypeError(
      `configs must name at least one configuration, got configs=${check.show(configs)}`,
    );
  }
  for (const [name, config] of Object.entries(configs)) {
    checkConfig(name, config, "range test options");
  }
  if (!Array.isArray(options.seeds) || options.seeds.length === 0) {
    throw new RangeError(`seeds must be a non-empty array, got seeds=${check.show(options.seeds)}`);
  }
  options.seeds.forEach((s, i) => check.finite(`seeds[${i}]`, s));
  const workers = options.workers === "auto"
    ? Math.max(1, navigator.hardwareConcurrency ?? 1)
    : check.positiveInteger("workers", options.workers ?? 1);
  const { onRun, onProgress, signal } = options;
  if (onRun !== undefined) check.callable("onRun", onRun);
  if (onProgress !== undefined) check.callable("onProgress", onProgress);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got signal=${check.show(signal)}`);
  }
  const jobs = Object.entries(configs).flatMap(([name, config]) =>
    options.seeds.map((seed) => ({ name, seed, config }))
  );
  if (workers > 1) {
    for (const { name, config } of jobs) {
      if (typeof config === "function") {
        throw new TypeError(
          `with workers, every configuration must be a task { module, export, args } (a function cannot be sent to a worker), got configs["${name}"]=${
            check.show(config)
          }`,
        );
      }
    }
  }
  return { jobs, workers, onRun, onProgress, signal };
}

/** The plan on `plan.workers` workers (see `runOnWorkers`). */
async function onWorkers(plan: Plan): Promise<LrRangeTestRun[]> {
  const { jobs, onRun, onProgress, signal } = plan;
  return await runOnWorkers<LrRangeTestRun>({
    url: new URL("./_range_test_worker.ts", import.meta.url).href,
    workers: plan.workers,
    jobs: jobs.length,
    job: (index): RangeTestJob => {
      const { name, seed, config } = jobs[index]!;
      return {
        index,
        task: config as SweepTask,
        at: { name, seed, test: index + 1, tests: jobs.length },
        progress: onProgress !== undefined,
      };
    },
    onProgress: async (v, at) => {
      for (let i = 0; i < v.length && signal?.aborted !== true; i += 3) {
        const pending = onProgress!(v[i]!, v[i + 1]!, v[i + 2]!, at as LrRangeTestPosition);
        if (isThenable(pending)) await pending;
      }
    },
    onDone: (_index, run) => onRun?.(run),
    failed: (index, error) => named(jobs[index]!.name, jobs[index]!.seed, error),
    signal,
  });
}
