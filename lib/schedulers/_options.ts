/**
 * Checks shared by the scheduler constructors: the options object itself, its keys, and
 * `lastEpoch`.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * Throws unless `options` is a plain object whose keys are all in `allowed` (a misspelt or
 * snake_case key such as `step_size` would otherwise be ignored silently) and whose values are
 * not `null` unless `nullable` lists the key: the library's shared rule, {@linkcode check.options}.
 */
export function checkOptions<T extends object>(
  className: string,
  options: T,
  allowed: readonly string[],
  nullable: readonly string[] = [],
): T {
  return check.options<T>(className, options, allowed, { nullable });
}

/** Throws unless `lastEpoch` is an integer of -1 or more (-1: a fresh run). */
export function checkLastEpoch(lastEpoch: unknown): number {
  check.integer("lastEpoch", lastEpoch);
  if (!Number.isSafeInteger(lastEpoch)) {
    throw new RangeError(
      `lastEpoch must be a safe integer (below 2 ** 53), got lastEpoch=${lastEpoch}`,
    );
  }
  if ((lastEpoch as number) < -1) {
    throw new RangeError(`lastEpoch must be -1 or more, got lastEpoch=${lastEpoch}`);
  }
  return lastEpoch as number;
}
