/**
 * Every Keras schedule against tests/fixtures/keras_optax.json (Keras 3's arithmetic ported
 * to numpy float64 by tools/fixtures_keras_optax.py): within 1e-12 relative at every step,
 * with the number of values equal to the bit printed per class.
 */

import assert from "node:assert/strict";
import * as keras from "../../lib/keras/mod.ts";
import type { Schedule } from "../../lib/schedules/mod.ts";
import { casesOf, checkCase, fixture } from "../_keras_optax_fixture.ts";

const cases = casesOf("keras");
const factories = keras as unknown as Record<string, (options: unknown) => Schedule>;

Deno.test("the Keras fixture names its source commit and covers every Keras schedule", () => {
  assert.match(fixture.sources.keras?.commit ?? "", /^[0-9a-f]{40}$/);
  assert.deepEqual([...cases.keys()].sort(), Object.keys(keras).sort());
  for (const [name, list] of cases) {
    assert.ok(list.length >= 4, `${name} has ${list.length} configurations`);
    for (const c of list) assert.ok(c.steps.length >= 60);
  }
});

for (const [name, list] of cases) {
  Deno.test(`keras.${name} gives Keras' float64 values within 1e-12 relative`, () => {
    let exact = 0;
    let total = 0;
    for (const c of list) {
      const counts = checkCase(factories[name]!(c.options), c);
      exact += counts.exact;
      total += counts.total;
    }
    console.log(`keras.${name}: ${exact}/${total} values bit-exact (${list.length} configs)`);
  });
}
