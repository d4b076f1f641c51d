import assert from "node:assert/strict";
import { exponentialDecay } from "../../lib/schedules/mod.ts";
import {
  assertClose,
  assertNonDecreasing,
  assertNonIncreasing,
  assertThrows,
  seed,
  valuesUpTo,
} from "./_helpers.ts";

Deno.test("exponentialDecay() in the seed's form, lr0 * exp(-k t)", async (t) => {
  const lr = exponentialDecay({ lr0: 1e-3, k: 0.5 });

  await t.step("is lr0 at t = 0 and 1e-3 * e^-1 at t = 2, exactly", () => {
    assert.equal(lr(0), 1e-3);
    assert.equal(lr(2), 1e-3 * Math.exp(-1));
    assert.equal(lr(4), 1e-3 * Math.exp(-2));
  });

  await t.step("gives the seed's numpy values within 4 ulps (Math.exp and numpy's exp)", () => {
    valuesUpTo(lr, 99).forEach((v, step) => {
      const expected = seed.exponentialDecay[step] as number;
      assert.ok(Math.abs(v - expected) <= 2 ** -50 * expected, `step ${step}`);
    });
  });

  await t.step("agrees with repeated multiplication by e^-k within 1e-13 relative", () => {
    let value = 1e-3;
    for (let step = 0; step <= 100; step++) {
      assertClose(lr(step) / value, 1, 1e-13, `step ${step}`);
      value *= Math.exp(-0.5);
    }
  });

  await t.step("decays without rising, to 0 far beyond", () => {
    assertNonIncreasing(valuesUpTo(lr, 2000));
    assert.equal(lr(1e4), 0);
  });
});

Deno.test("exponentialDecay() in optax's form, lr0 * decayRate ** ((t - B) / T)", async (t) => {
  const smooth = exponentialDecay({
    lr0: 0.1,
    decayRate: 0.5,
    transitionSteps: 10,
    transitionBegin: 5,
  });
  const stairs = exponentialDecay({
    lr0: 0.1,
    decayRate: 0.5,
    transitionSteps: 10,
    transitionBegin: 5,
    staircase: true,
    endValue: 0.01,
  });

  await t.step("holds lr0 until transitionBegin, then halves every transitionSteps", () => {
    assert.equal(smooth(0), 0.1);
    assert.equal(smooth(5), 0.1);
    assert.equal(smooth(15), 0.05);
    assert.equal(smooth(25), 0.025);
    assertClose(smooth(10), 0.1 / Math.SQRT2, 1e-15, "half a transition");
  });

  await t.step("with staircase, drops only at whole transitions", () => {
    assert.equal(stairs(14.9), 0.1);
    assert.equal(stairs(15), 0.05);
    assert.equal(stairs(24), 0.05);
    assert.equal(stairs(25), 0.025);
  });

  await t.step("never goes below endValue when decaying", () => {
    assert.equal(stairs(45), 0.01);
    assert.equal(stairs(1e6), 0.01);
    assertNonIncreasing(valuesUpTo(stairs, 200));
  });

  await t.step("with decayRate > 1 grows, and endValue is an upper bound", () => {
    const grow = exponentialDecay({ lr0: 1, decayRate: 2, endValue: 10 });
    assert.equal(grow(3), 8);
    assert.equal(grow(4), 10);
    assertNonDecreasing(valuesUpTo(grow, 50));
  });

  await t.step("is a staircase stepDecay with decayRate = beta, transitionSteps = T", () => {
    const lr = exponentialDecay({
      lr0: 1e-3,
      decayRate: 0.5,
      transitionSteps: 10,
      staircase: true,
    });
    assert.deepEqual(valuesUpTo(lr, 99), seed.stepDecay);
  });

  await t.step("agrees with the closed form written with Math.pow, within 1e-15", () => {
    for (let step = 0; step <= 100; step += 0.5) {
      const expected = step <= 5 ? 0.1 : 0.1 * Math.pow(0.5, (step - 5) / 10);
      assertClose(smooth(step), expected, 1e-15, `step ${step}`);
    }
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    assertThrows(
      () => exponentialDecay({ lr0: 1, k: 0.5, decayRate: 0.5 }),
      RangeError,
      "exactly one of k and decayRate must be given, got k=0.5, decayRate=0.5",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1 }),
      RangeError,
      "exactly one of k and decayRate must be given, got k=undefined, decayRate=undefined",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1, decayRate: 0 }),
      RangeError,
      "decayRate must be positive, got decayRate=0",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1, k: -1 }),
      RangeError,
      "k must be non-negative, got k=-1",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1, k: 1, transitionSteps: 0 }),
      RangeError,
      "transitionSteps must be positive, got transitionSteps=0",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1, k: 1, transitionBegin: -2 }),
      RangeError,
      "transitionBegin must be non-negative, got transitionBegin=-2",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1, k: 1, staircase: 1 as unknown as boolean }),
      TypeError,
      "staircase must be a boolean, got staircase=1",
    );
    assertThrows(
      () => exponentialDecay({ lr0: 1, k: 1, endValue: Infinity }),
      RangeError,
      "endValue must be finite, got endValue=Infinity",
    );
  });
});
