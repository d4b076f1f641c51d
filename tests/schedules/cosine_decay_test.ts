import assert from "node:assert/strict";
import { cosineDecaySchedule } from "../../lib/schedules/mod.ts";
import { assertClose, assertNonIncreasing, assertThrows, valuesUpTo } from "./_helpers.ts";

Deno.test("cosineDecaySchedule()", async (t) => {
  const lr = cosineDecaySchedule({ initValue: 0.1, decaySteps: 100, alpha: 0.01 });

  await t.step("is initValue at 0, halfway at T / 2, alpha * initValue at T and beyond", () => {
    assert.equal(lr(0), 0.1);
    assertClose(lr(50), (0.1 + 0.001) / 2, 1e-16, "midpoint");
    assert.equal(lr(100), 0.001);
    assert.equal(lr(150), 0.001);
    assert.equal(lr(1e9), 0.001);
  });

  await t.step("agrees with E + (I - E) sin^2(pi (T - t) / 2T) within 1e-16 absolute", () => {
    for (let step = 0; step <= 100; step++) {
      const s = Math.sin(Math.PI * (100 - step) / 200);
      assertClose(lr(step), 0.001 + 0.099 * s * s, 1e-16, `step ${step}`);
    }
  });

  await t.step("decays without rising, staying within [alpha * I, I]", () => {
    const values = valuesUpTo(lr, 300);
    assertNonIncreasing(values);
    for (const v of values) assert.ok(v >= 0.001 && v <= 0.1);
  });

  await t.step("raises the cosine factor to `exponent`", () => {
    const squared = cosineDecaySchedule({ initValue: 1, decaySteps: 10, exponent: 2 });
    const plain = cosineDecaySchedule({ initValue: 1, decaySteps: 10 });
    for (let step = 0; step <= 10; step++) {
      assertClose(squared(step), plain(step) ** 2, 1e-15, `step ${step}`);
    }
  });

  await t.step("rejects bad options as optax does, naming the argument and its value", () => {
    assertThrows(
      () => cosineDecaySchedule({ initValue: 1, decaySteps: 0 }),
      RangeError,
      "decaySteps must be positive, got decaySteps=0",
    );
    assertThrows(
      () => cosineDecaySchedule({ initValue: 1, decaySteps: 5, exponent: -1 }),
      RangeError,
      "exponent must be positive, got exponent=-1",
    );
    assertThrows(
      () => cosineDecaySchedule({ initValue: 1, decaySteps: 5, alpha: NaN }),
      RangeError,
      "alpha must be finite, got alpha=NaN",
    );
  });
});
