/**
 * Every optax schedule against tests/fixtures/keras_optax.json (optax's arithmetic ported to
 * numpy float64 by tools/fixtures_keras_optax.py): within 1e-12 relative at every step, with
 * the number of values equal to the bit printed per function.
 */

import assert from "node:assert/strict";
import * as optax from "../../lib/optax/mod.ts";
import type { Schedule } from "../../lib/schedules/mod.ts";
import { casesOf, checkCase, fixture } from "../_keras_optax_fixture.ts";

const cases = casesOf("optax");
const factories = optax as unknown as Record<string, (options: unknown) => Schedule>;

Deno.test("the optax fixture names its source commit and covers every optax schedule", () => {
  assert.match(fixture.sources.optax?.commit ?? "", /^[0-9a-f]{40}$/);
  const names = Object.keys(optax).filter((k) => typeof factories[k] === "function");
  const withoutJoin = names.filter((n) => n !== "joinSchedules").sort();
  assert.deepEqual([...cases.keys()].sort(), withoutJoin);
  for (const [name, list] of cases) {
    assert.ok(list.length >= 4, `${name} has ${list.length} configurations`);
    for (const c of list) assert.ok(c.steps.length >= 60);
  }
});

for (const [name, list] of cases) {
  Deno.test(`optax.${name} gives optax's float64 values within 1e-12 relative`, () => {
    let exact = 0;
    let total = 0;
    for (const c of list) {
      const counts = checkCase(factories[name]!(c.options), c);
      exact += counts.exact;
      total += counts.total;
    }
    console.log(`optax.${name}: ${exact}/${total} values bit-exact (${list.length} configs)`);
  });
}
