/**
 * The worker behind `sweepAsync({ workers })`: it receives one job at a time (a configuration's
 * serialisable task, a seed and the run's position), rebuilds the run's `train()` options by
 * importing the task's module and calling its builder with the seed and a copy of the task's
 * JSON arguments, runs it with the same loop as the main thread, and posts back its progress (in
 * batches) and its {@linkcode SweepRun}. Loaded only as a worker: its top level listens for
 * messages.
 *
 * @module
 */

import { runToEnd } from "./_pausable.ts";
import { type SweepPosition, type SweepRun, sweepRunLoop } from "./_sweep_run.ts";
import { type PoolReply, progressPoster, serveJobs } from "./_worker_pool.ts";
import { plannedIterations, type TrainOptions } from "./train.ts";
import { loadBuilder, type SweepTask } from "./_task.ts";

export { loadBuilder, type SweepTask } from "./_task.ts";

/** What the main thread sends: one run to do. */
export interface SweepJob {
  /** The run's index in the sweep's order (0-based). */
  index: number;
  /** The configuration's task. */
  task: SweepTask;
  /** The run's position (name, seed, run, runs); `iterations` is filled in by the worker. */
  at: Omit<SweepPosition, "iterations">;
  /** The accuracy for `reachedAt`. */
  threshold: number;
  /** Whether to post progress. */
  progress: boolean;
}

/** Runs one job and posts its progress and outcome. */
async function runJob(
  job: SweepJob,
  post: (reply: PoolReply<SweepRun>, transfer?: Transferable[]) => void,
): Promise<void> {
  const build = await loadBuilder<TrainOptions>(job.task);
  const setup = build(job.at.seed, structuredClone(job.task.args));
  const at: SweepPosition = { ...job.at, iterations: plannedIterations(setup) };
  const progress = progressPoster(post, job.index, at, 3);
  const onProgress = job.progress
    ? (iteration: number, loss: number, lr: number) => progress.push(iteration, loss, lr)
    : undefined;
  const run = runToEnd(sweepRunLoop(setup, at, job.threshold, onProgress, false), "sweep");
  progress.flush();
  post({ type: "done", index: job.index, result: run });
}

// Only as a worker's entry module (not when sweep.ts imports this file for its types).
if (import.meta.main) serveJobs(runJob);
