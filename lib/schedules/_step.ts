/**
 * The step check shared by every schedule in this folder.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * Returns `step` if it is a finite number of at least 0; otherwise throws a `TypeError`
 * (not a number) or a `RangeError` (`step must be non-negative, got step=-1`).
 */
export function checkStep(step: unknown): number {
  return check.nonNegative("step", step);
}
