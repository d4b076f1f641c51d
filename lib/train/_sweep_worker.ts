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
import { plannedIterations, type TrainOptions } from "./train.ts";

/** A configuration that a worker can rebuild: a module, one of its exports, JSON arguments. */
export interface SweepTask {
  /** The module's URL (`import.meta.url` of the file that exports the builder, or any URL). */
  module: string;
  /** The export's name: a function `(seed, args) => TrainOptions`. */
  export: string;
  /** Plain JSON passed to the builder as its second argument (a copy, in every run). */
  args?: unknown;
}

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

/** What a worker posts back. */
export type SweepReply =
  | { type: "progress"; index: number; at: SweepPosition; values: Float64Array }
  | { type: "done"; index: number; run: SweepRun }
  | { type: "error"; index: number; name: string; message: string; stack?: string };

/** Progress is posted every this many iterations (and at the end of a run). */
export const PROGRESS_BATCH = 256;

type Builder = (seed: number, args: unknown) => TrainOptions;

/**
 * Imports a task's module and returns its builder, checked to be a function.
 *
 * @example
 * ```ts
 * import { loadBuilder } from "./_sweep_worker.ts";
 * const build = await loadBuilder({ module: new URL("./iris_task.ts", import.meta.url).href, export: "irisRun" });
 * console.assert(typeof build === "function");
 * ```
 */
export async function loadBuilder(task: SweepTask): Promise<Builder> {
  const mod = await import(task.module) as Record<string, unknown>;
  const build = mod[task.export];
  if (typeof build !== "function") {
    throw new TypeError(
      `the task's export "${task.export}" of ${task.module} must be a function (seed, args) => train options, got ${typeof build}`,
    );
  }
  return build as Builder;
}

/** Runs one job and posts its progress and outcome. */
async function runJob(job: SweepJob, post: (reply: SweepReply, transfer?: Transferable[]) => void) {
  const build = await loadBuilder(job.task);
  const setup = build(job.at.seed, structuredClone(job.task.args));
  const at: SweepPosition = { ...job.at, iterations: plannedIterations(setup) };
  let buffer: number[] = [];
  const flush = () => {
    if (buffer.length === 0) return;
    const values = Float64Array.from(buffer);
    buffer = [];
    post({ type: "progress", index: job.index, at, values }, [values.buffer]);
  };
  const onProgress = job.progress
    ? (iteration: number, loss: number, lr: number) => {
      buffer.push(iteration, loss, lr);
      if (buffer.length >= 3 * PROGRESS_BATCH) flush();
    }
    : undefined;
  const run = runToEnd(sweepRunLoop(setup, at, job.threshold, onProgress, false), "sweep");
  flush();
  post({ type: "done", index: job.index, run });
}

// Only inside a worker (where `self` has no `document` and is not the main `window`).
const scope = globalThis as unknown as {
  onmessage?: (event: MessageEvent<SweepJob>) => void;
  postMessage?: (message: SweepReply, transfer?: Transferable[]) => void;
  WorkerGlobalScope?: unknown;
};
if (scope.WorkerGlobalScope !== undefined && scope.postMessage !== undefined) {
  const post = scope.postMessage.bind(globalThis);
  scope.onmessage = (event) => {
    const job = event.data;
    runJob(job, post).catch((error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: "error", index: job.index, name: e.name, message: e.message, stack: e.stack });
    });
  };
}
