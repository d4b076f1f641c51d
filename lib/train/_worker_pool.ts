/**
 * The worker pool behind `sweepAsync({ workers })` and `lrRangeTests({ workers })`: n Deno
 * Workers running one module, each handed the next job when it finishes one; progress (numbers
 * in batches) and results come back as messages, the callbacks run one at a time on this
 * thread, and every worker is terminated when the pool ends, whether it finished, failed or was
 * aborted. The worker side, {@linkcode serveJobs}, posts a job's error back with its class.
 *
 * @module
 */

import { isThenable } from "./_pausable.ts";

/** What a worker posts back for job `index`. */
export type PoolReply<R> =
  | { type: "progress"; index: number; at: unknown; values: Float64Array }
  | { type: "done"; index: number; result: R }
  | { type: "error"; index: number; name: string; message: string; stack?: string };

/** Progress is posted every this many steps (and at the end of a job). */
export const PROGRESS_BATCH = 256;

/** Options of {@linkcode runOnWorkers}. */
export interface PoolOptions<R> {
  /** The worker module's URL; its top level calls {@linkcode serveJobs}. */
  url: string;
  /** How many workers at most (never more than jobs). */
  workers: number;
  /** How many jobs. */
  jobs: number;
  /** The message that starts job `index` (it must carry `index`). */
  job: (index: number) => { index: number };
  /** A batch of progress values of one job, in order; awaited before the next callback. */
  onProgress?: (values: Float64Array, at: unknown) => unknown;
  /** Job `index` is done; awaited before the next callback. */
  onDone?: (index: number, result: R) => unknown;
  /** The error to reject with when job `index` fails (default: the worker's error rebuilt). */
  failed?: (index: number, error: Error) => Error;
  /** Aborting rejects with the signal's reason and terminates the workers. */
  signal?: AbortSignal;
}

/**
 * Runs `jobs` jobs on up to `workers` workers and returns their results in job order. The
 * callbacks run one at a time in the order the messages arrive, each awaited before the next.
 * The first error (a job's, a worker's, a callback's or an abort) rejects, no queued callback
 * runs after it, and every worker is terminated before this returns.
 *
 * @example
 * ```ts
 * import { runOnWorkers } from "./_worker_pool.ts";
 * const none = await runOnWorkers({ url: "unused:", workers: 2, jobs: 0, job: (index) => ({ index }) });
 * console.assert(none.length === 0);
 * ```
 */
export async function runOnWorkers<R>(options: PoolOptions<R>): Promise<R[]> {
  const { url, jobs, job, onProgress, onDone, failed, signal } = options;
  const results: R[] = new Array(jobs);
  if (jobs === 0) return results;
  signal?.throwIfAborted();
  const pool = Array.from(
    { length: Math.min(options.workers, jobs) },
    () => new Worker(url, { type: "module" }),
  );
  let next = 0;
  let done = 0;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, settle) => {
      // Once the pool has failed, the callbacks still queued are dropped.
      let over = false;
      const reject = (error: unknown) => {
        over = true;
        settle(error);
      };
      onAbort = () => reject(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      let callbacks: Promise<void> = Promise.resolve();
      const later = (f: () => unknown) => {
        callbacks = callbacks.then(async () => {
          if (over) return;
          const pending = f();
          if (isThenable(pending)) await pending;
        });
        callbacks.catch(reject);
      };
      const give = (worker: Worker) => {
        if (next < jobs) worker.postMessage(job(next++));
      };
      for (const worker of pool) {
        worker.onmessage = (event: MessageEvent<PoolReply<R>>) => {
          const reply = event.data;
          if (reply.type === "progress") {
            later(() => onProgress?.(reply.values, reply.at));
          } else if (reply.type === "done") {
            results[reply.index] = reply.result;
            later(() => onDone?.(reply.index, reply.result));
            done++;
            if (done === jobs) later(resolve);
            else give(worker);
          } else {
            const error = rebuildError(reply);
            reject(failed === undefined ? error : failed(reply.index, error));
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(`a worker failed: ${event.message}`));
        };
        give(worker);
      }
    });
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
    for (const worker of pool) worker.terminate();
  }
  return results;
}

/** A worker's error as the same class with the same message (its stack added to the message's). */
function rebuildError(reply: Extract<PoolReply<unknown>, { type: "error" }>): Error {
  const Class = reply.name === "TypeError"
    ? TypeError
    : reply.name === "RangeError"
    ? RangeError
    : Error;
  const error = new Class(reply.message);
  if (reply.stack !== undefined) error.stack = `${error.name}: ${reply.message}\n${reply.stack}`;
  return error;
}

/**
 * The worker side: when loaded in a worker, runs each job message with `run` and posts its
 * error back (class name, message, stack) if it throws; `run` posts progress and the result.
 * Outside a worker it does nothing.
 *
 * @example
 * ```ts
 * import { serveJobs } from "./_worker_pool.ts";
 * serveJobs(async () => {}); // on the main thread: nothing happens
 * ```
 */
export function serveJobs<J extends { index: number }, R>(
  run: (job: J, post: (reply: PoolReply<R>, transfer?: Transferable[]) => void) => Promise<void>,
): void {
  // Only inside a worker (where the global scope is a WorkerGlobalScope).
  const scope = globalThis as unknown as {
    onmessage?: (event: MessageEvent<J>) => void;
    postMessage?: (message: PoolReply<R>, transfer?: Transferable[]) => void;
    WorkerGlobalScope?: unknown;
  };
  if (scope.WorkerGlobalScope === undefined || scope.postMessage === undefined) return;
  const post = scope.postMessage.bind(globalThis);
  scope.onmessage = (event) => {
    const job = event.data;
    run(job, post).catch((error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: "error", index: job.index, name: e.name, message: e.message, stack: e.stack });
    });
  };
}

/**
 * Collects a job's progress values and posts them in batches of {@linkcode PROGRESS_BATCH}
 * steps of `stride` numbers; `flush()` posts the rest.
 *
 * @example
 * ```ts
 * import { progressPoster } from "./_worker_pool.ts";
 * const sent: number[][] = [];
 * const p = progressPoster((r) => r.type === "progress" && sent.push([...r.values]), 0, null, 2);
 * p.push(1, 0.5);
 * p.flush();
 * console.assert(sent.length === 1 && sent[0]![1] === 0.5);
 * ```
 */
export function progressPoster(
  post: (reply: PoolReply<never>, transfer?: Transferable[]) => void,
  index: number,
  at: unknown,
  stride: number,
): { push: (...values: number[]) => void; flush: () => void } {
  let buffer: number[] = [];
  const flush = () => {
    if (buffer.length === 0) return;
    const values = Float64Array.from(buffer);
    buffer = [];
    post({ type: "progress", index, at, values }, [values.buffer]);
  };
  return {
    push: (...values) => {
      buffer.push(...values);
      if (buffer.length >= stride * PROGRESS_BATCH) flush();
    },
    flush,
  };
}
