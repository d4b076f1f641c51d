import assert from "node:assert/strict";
import { inverseTimeDecay } from "../../lib/schedules/mod.ts";
import { assertNonIncreasing, assertThrows, seed, valuesUpTo } from "./_helpers.ts";

Deno.test("inverseTimeDecay()", async (t) => {
  const lr = inverseTimeDecay({ lr0: 1e-3, k: 0.5 });

  await t.step("gives the seed's numpy values to the bit (lr0 = 1e-3, k = 0.5)", () => {
    assert.deepEqual(valuesUpTo(lr, 99), seed.inverseTimeDecay);
  });

  await t.step("is lr0 at 0, half at t = 1 / k, a third at 2 / k, exactly", () => {
    assert.equal(lr(0), 1e-3);
    assert.equal(lr(2), 5e-4);
    assert.equal(lr(4), 1e-3 / 3);
  });

  await t.step("agrees with 1 / (1/lr0 + k t / lr0) within 1e-15 relative", () => {
    for (let step = 0; step <= 1000; step += 7) {
      const expected = 1 / (1 / 1e-3 + (0.5 * step) / 1e-3);
      assert.ok(Math.abs(lr(step) - expected) <= 1e-15 * expected, `step ${step}`);
    }
  });

  await t.step("decays without rising, more slowly than any exponential", () => {
    assertNonIncreasing(valuesUpTo(lr, 1000));
    assert.ok(lr(1e6) > 0);
    assert.ok(lr(1e6) > 1e-3 * Math.exp(-0.5 * 1e6));
  });

  await t.step("with transitionSteps and staircase is Keras's InverseTimeDecay", () => {
    const keras = inverseTimeDecay({ lr0: 0.1, k: 0.5, transitionSteps: 10, staircase: true });
    assert.equal(keras(9), 0.1);
    assert.equal(keras(10), 0.1 / 1.5);
    assert.equal(keras(25), 0.1 / 2);
    const smooth = inverseTimeDecay({ lr0: 0.1, k: 0.5, transitionSteps: 10 });
    assert.equal(smooth(5), 0.1 / 1.25);
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    assertThrows(
      () => inverseTimeDecay({ lr0: 1, k: -1 }),
      RangeError,
      "k must be non-negative, got k=-1",
    );
    assertThrows(
      () => inverseTimeDecay({ lr0: 1, k: 1, transitionSteps: -3 }),
      RangeError,
      "transitionSteps must be positive, got transitionSteps=-3",
    );
    assertThrows(
      () => inverseTimeDecay({ lr0: 1, k: 1, staircase: "yes" as unknown as boolean }),
      TypeError,
      'staircase must be a boolean, got staircase="yes"',
    );
  });
});
