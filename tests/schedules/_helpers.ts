/**
 * Small assertions shared by the schedule tests.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Schedule } from "../../lib/schedules/mod.ts";

/** Asserts that `fn` throws an instance of `ErrorClass` with exactly `message`. */
export function assertThrows(
  fn: () => unknown,
  ErrorClass: new (...args: never[]) => Error,
  message: string,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ErrorClass, `expected a ${ErrorClass.name}, got ${caught}`);
  assert.equal((caught as Error).message, message);
}

/** Asserts `|actual - expected| <= tol * max(1, |expected|)`, with the tolerance in the message. */
export function assertClose(actual: number, expected: number, tol: number, what = ""): void {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what} ${actual} is not within ${tol} of ${expected}`,
  );
}

/** The schedule's values at steps 0, 1, ..., n. */
export function valuesUpTo(schedule: Schedule, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, t) => schedule(t));
}

/** Asserts every value is at most the one before it. */
export function assertNonIncreasing(values: readonly number[], what = ""): void {
  values.forEach((v, i) => {
    if (i > 0) assert.ok(v <= (values[i - 1] as number), `${what} rises at step ${i}`);
  });
}

/** Asserts every value is at least the one before it. */
export function assertNonDecreasing(values: readonly number[], what = ""): void {
  values.forEach((v, i) => {
    if (i > 0) assert.ok(v >= (values[i - 1] as number), `${what} falls at step ${i}`);
  });
}

/** The seed post's numpy comparison, from tests/fixtures/schedules.json. */
export const seed = (JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/schedules.json", import.meta.url)),
) as {
  seed: {
    lr0: number;
    k: number;
    period: number;
    stepDecay: number[];
    exponentialDecay: number[];
    inverseTimeDecay: number[];
  };
}).seed;
