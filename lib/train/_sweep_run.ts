/**
 * One run of a sweep: `train()`'s loop on a configuration's options, its outcome recorded as a
 * {@linkcode SweepRun} (a diverging run is recorded, not thrown). Shared by `sweep`, `sweepAsync`
 * and the sweep's worker, so a run gives the same record on any thread.
 *
 * @module
 */

import * as check from "../_check.ts";
import { DivergenceError } from "./divergence_error.ts";
import type { History } from "./history.ts";
import { isThenable, type PausableLoop } from "./_pausable.ts";
import { firstReached } from "./stop_when.ts";
import { trainLoop, type TrainOptions } from "./train.ts";
import { emptyHistory } from "./checkpoint.ts";

/** Which run of a sweep is training, as a sweep's `onProgress` receives it. */
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

/** A sweep's per-iteration callback: `train()`'s `onProgress` plus which run it is. */
export type SweepProgress = (
  iteration: number,
  loss: number,
  lr: number,
  run: SweepPosition,
) => void | PromiseLike<unknown>;

/**
 * Runs `setup` with `train()`'s loop (with `onProgress` added after the setup's own) and records
 * its outcome. With `pause`, it yields the promises the callbacks return. Errors other than a
 * divergence propagate.
 *
 * @example
 * ```ts
 * import { sweepRunLoop } from "./_sweep_run.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * import { runToEnd } from "./_pausable.ts";
 * const at = { name: "a", seed: 0, run: 1, runs: 1, iterations: 500 };
 * const run = runToEnd(sweepRunLoop(irisSetup({ iterations: 500 }), at, 0.9999, undefined, false), "x");
 * console.assert(run.iterations === 500 && run.diverged === null);
 * ```
 */
export function* sweepRunLoop(
  setup: TrainOptions,
  at: SweepPosition,
  threshold: number,
  onProgress: SweepProgress | undefined,
  pause: boolean,
): PausableLoop<SweepRun> {
  const { name, seed } = at;
  try {
    const result = yield* trainLoop(
      onProgress === undefined ? setup : { ...setup, onProgress: both(setup, onProgress, at) },
      pause,
    );
    const run: SweepRun = {
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
    return run;
  } catch (error) {
    if (!(error instanceof DivergenceError)) throw error;
    return {
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
}

/** The configuration's own `onProgress` (if any), then the sweep's; waits for both. */
function both(
  setup: TrainOptions,
  onProgress: SweepProgress,
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
