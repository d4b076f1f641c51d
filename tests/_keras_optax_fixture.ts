/**
 * tests/fixtures/keras_optax.json, written by tools/fixtures_keras_optax.py: Keras 3's and
 * optax's schedule arithmetic ported operation for operation to numpy float64, from the
 * source commits recorded in the file. Shared by tests/keras/ and tests/optax/.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Schedule } from "../lib/schedules/mod.ts";

/** One configuration of one function, with its values at the given steps. */
export interface FixtureCase {
  library: "keras" | "optax";
  name: string;
  options: Record<string, unknown>;
  steps: number[];
  values: number[];
}

/** The fixture file. */
export const fixture = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/keras_optax.json", import.meta.url)),
) as {
  numpy: string;
  sources: Record<string, { repository: string; commit: string; files: string[] }>;
  cases: FixtureCase[];
};

/** The tolerance: `|a - e| <= 1e-12 * |e|` (plus 1e-300 for exact zeros). */
export const RELATIVE = 1e-12;

/**
 * Checks `schedule` against one case within {@linkcode RELATIVE}, and returns how many of the
 * values are equal to the bit.
 */
export function checkCase(schedule: Schedule, c: FixtureCase): { exact: number; total: number } {
  let exact = 0;
  c.steps.forEach((step, i) => {
    const expected = c.values[i] as number;
    const actual = schedule(step);
    if (Object.is(actual, expected) || actual === expected) exact += 1;
    assert.ok(
      Math.abs(actual - expected) <= RELATIVE * Math.abs(expected) + 1e-300,
      `${c.name}(${JSON.stringify(c.options)}) at step ${step}: ${actual} vs ${expected}`,
    );
  });
  return { exact, total: c.steps.length };
}

/** Groups the cases of `library` by function name. */
export function casesOf(library: "keras" | "optax"): Map<string, FixtureCase[]> {
  const byName = new Map<string, FixtureCase[]>();
  for (const c of fixture.cases.filter((c) => c.library === library)) {
    byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  }
  return byName;
}
