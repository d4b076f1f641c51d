import assert from "node:assert/strict";
import { stepDecay } from "../../lib/schedules/mod.ts";
import { assertNonIncreasing, assertThrows, seed, valuesUpTo } from "./_helpers.ts";

Deno.test("stepDecay()", async (t) => {
  const lr = stepDecay({ lr0: 1e-3, beta: 0.5, period: 10 });

  await t.step("gives the seed's numpy values to the bit (lr0 = 1e-3, beta = 0.5, T = 10)", () => {
    assert.deepEqual(valuesUpTo(lr, 99), seed.stepDecay);
  });

  await t.step("holds lr0 for the first period, then halves: 5e-4 at t = 10 exactly", () => {
    assert.equal(lr(0), 1e-3);
    assert.equal(lr(9), 1e-3);
    assert.equal(lr(9.999), 1e-3);
    assert.equal(lr(10), 5e-4);
    assert.equal(lr(20), 2.5e-4);
    assert.equal(lr(99), 1e-3 / 512);
  });

  await t.step("agrees with halving in a loop at every step boundary, exactly", () => {
    let value = 1e-3;
    for (let step = 0; step < 300; step++) {
      if (step > 0 && step % 10 === 0) value *= 0.5;
      assert.equal(lr(step), value, `step ${step}`);
    }
  });

  await t.step("beyond the end keeps decaying towards 0 and never rises", () => {
    assertNonIncreasing(valuesUpTo(lr, 2000));
    assert.equal(lr(1e5), 0);
  });

  await t.step("uses beta = 0.5 by default", () => {
    assert.equal(stepDecay({ lr0: 1, period: 3 })(3), 0.5);
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    assertThrows(
      () => stepDecay({ lr0: 1e-3, period: 0 }),
      RangeError,
      "period must be a positive integer, got period=0",
    );
    assertThrows(
      () => stepDecay({ lr0: 1e-3, period: 2.5 }),
      RangeError,
      "period must be an integer, got period=2.5",
    );
    assertThrows(
      () => stepDecay({ lr0: NaN, period: 1 }),
      RangeError,
      "lr0 must be finite, got lr0=NaN",
    );
    assertThrows(
      () => stepDecay({ lr0: 1, beta: -0.5, period: 1 }),
      RangeError,
      "beta must be non-negative, got beta=-0.5",
    );
    assertThrows(
      () => stepDecay({ lr0: "1" as unknown as number, period: 1 }),
      TypeError,
      'lr0 must be a number, got lr0="1"',
    );
  });
});
