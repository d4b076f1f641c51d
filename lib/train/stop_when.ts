/**
 * Stop conditions for `train({ stopWhen })`: predicates over the history so far.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { History } from "./history.ts";

/**
 * Stops once the latest evaluation point has train and test accuracy both ≥ `threshold`
 * (the seed's rule uses 0.9999: "100% on both", with room for rounding).
 *
 * @example
 * ```ts
 * import { accuracyAtLeast } from "./stop_when.ts";
 * const stop = accuracyAtLeast(0.9999);
 * const h = { iteration: [500], loss: [0.1], trainAccuracy: [1], testAccuracy: [0.97], lr: [1e-3] };
 * console.assert(stop(h) === false);
 * h.testAccuracy[0] = 1;
 * console.assert(stop(h) === true);
 * ```
 */
export function accuracyAtLeast(threshold: number): (history: History) => boolean {
  check.inRange("threshold", threshold, 0, 1);
  return (history) => {
    checkAccuracies(history);
    const last = history.iteration.length - 1;
    return last >= 0 && history.trainAccuracy[last]! >= threshold &&
      history.testAccuracy[last]! >= threshold;
  };
}

/**
 * The first evaluation iteration at which train and test accuracy were both ≥ `threshold`, or
 * null if none was.
 *
 * @example
 * ```ts
 * import { firstReached } from "./stop_when.ts";
 * const h = {
 *   iteration: [500, 1000, 1500],
 *   loss: [0.3, 0.1, 0.05],
 *   trainAccuracy: [0.9, 1, 1],
 *   testAccuracy: [0.9, 0.97, 1],
 *   lr: [1e-3, 1e-3, 1e-3],
 * };
 * console.assert(firstReached(h, 0.9999) === 1500 && firstReached(h, 0.95) === 1000);
 * ```
 */
export function firstReached(history: History, threshold = 0.9999): number | null {
  checkAccuracies(history);
  check.inRange("threshold", threshold, 0, 1);
  for (let i = 0; i < history.iteration.length; i++) {
    if (history.trainAccuracy[i]! >= threshold && history.testAccuracy[i]! >= threshold) {
      return history.iteration[i]!;
    }
  }
  return null;
}

/** Throws unless `history` has arrays `iteration`, `trainAccuracy` and `testAccuracy` of one length. */
function checkAccuracies(history: History): void {
  const n = Array.isArray(history?.iteration) ? history.iteration.length : -1;
  if (
    n < 0 || !Array.isArray(history.trainAccuracy) || history.trainAccuracy.length !== n ||
    !Array.isArray(history.testAccuracy) || history.testAccuracy.length !== n
  ) {
    throw new TypeError(
      `history must hold arrays iteration, trainAccuracy and testAccuracy of one length, got history=${
        check.show(history)
      }`,
    );
  }
}
