/**
 * Checks shared by the scheduler constructors: the options object itself, its keys, and
 * `lastEpoch`.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * Throws unless `options` is a plain object whose keys are all in `allowed` (a misspelt or
 * snake_case key such as `step_size` would otherwise be ignored silently).
 */
export function checkOptions<T extends object>(
  className: string,
  options: T,
  allowed: readonly string[],
): T {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${className} options must be an object, got options=${check.show(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${className} got an unknown option ${key}; expected one of ${allowed.join(", ")}`,
      );
    }
  }
  return options;
}

/** Throws unless `lastEpoch` is an integer of -1 or more (-1: a fresh run). */
export function checkLastEpoch(lastEpoch: unknown): number {
  check.integer("lastEpoch", lastEpoch);
  if ((lastEpoch as number) < -1) {
    throw new RangeError(`lastEpoch must be -1 or more, got lastEpoch=${lastEpoch}`);
  }
  return lastEpoch as number;
}
