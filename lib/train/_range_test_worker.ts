/**
 * The worker behind `lrRangeTests({ workers })`: it receives one job at a time (a
 * configuration's serialisable task, a seed and the test's position), rebuilds the test's
 * `lrRangeTest()` options by importing the task's module and calling its builder with the seed
 * and a copy of the task's JSON arguments, runs the same loop as the main thread, and posts back
 * its progress (in batches) and its {@linkcode LrRangeTestRun}.
 *
 * @module
 */

import { runToEnd } from "./_pausable.ts";
import { loadBuilder, type SweepTask } from "./_task.ts";
import { type PoolReply, progressPoster, serveJobs } from "./_worker_pool.ts";
import { lrRangeTestLoop, type LrRangeTestOptions, plannedSteps } from "./lr_range_test.ts";
import type { LrRangeTestPosition, LrRangeTestRun } from "./lr_range_tests.ts";

/** What the main thread sends: one range test to run. */
export interface RangeTestJob {
  /** The test's index in order (0-based). */
  index: number;
  /** The configuration's task. */
  task: SweepTask;
  /** The test's position (name, seed, test, tests); `steps` is filled in by the worker. */
  at: Omit<LrRangeTestPosition, "steps">;
  /** Whether to post progress. */
  progress: boolean;
}

/** Runs one job and posts its progress and outcome. */
async function runJob(
  job: RangeTestJob,
  post: (reply: PoolReply<LrRangeTestRun>, transfer?: Transferable[]) => void,
): Promise<void> {
  const build = await loadBuilder<LrRangeTestOptions>(job.task, "range test options");
  const options = build(job.at.seed, structuredClone(job.task.args));
  const at: LrRangeTestPosition = { ...job.at, steps: plannedSteps(options) };
  const progress = progressPoster(post, job.index, at, 3);
  const onStep = job.progress
    ? (step: number, loss: number, lr: number) => progress.push(step, loss, lr)
    : undefined;
  const result = runToEnd(lrRangeTestLoop(options, onStep, false), "lrRangeTests");
  progress.flush();
  post({ type: "done", index: job.index, result: { name: at.name, seed: at.seed, result } });
}

// Only as a worker's entry module (not when lr_range_tests.ts imports this file for its types).
if (import.meta.main) serveJobs(runJob);
