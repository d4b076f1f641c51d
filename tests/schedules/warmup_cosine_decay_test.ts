import assert from "node:assert/strict";
import { warmupCosineDecaySchedule } from "../../lib/schedules/mod.ts";
import {
  assertClose,
  assertNonDecreasing,
  assertNonIncreasing,
  assertThrows,
  valuesUpTo,
} from "./_helpers.ts";

Deno.test("warmupCosineDecaySchedule()", async (t) => {
  const options = { initValue: 0.01, peakValue: 0.1, warmupSteps: 10, decaySteps: 110 };
  const lr = warmupCosineDecaySchedule({ ...options, endValue: 0.001 });

  await t.step("starts at initValue, peaks at the end of the warmup, ends at endValue", () => {
    assertClose(lr(0), 0.01, 1e-17, "step 0");
    assert.equal(lr(10), 0.1);
    assertClose(lr(110), 0.001, 1e-18, "decaySteps");
    assertClose(lr(1e6), 0.001, 1e-18, "beyond");
  });

  await t.step("rises during the warmup and falls after it", () => {
    const values = valuesUpTo(lr, 200);
    assertNonDecreasing(values.slice(0, 11));
    assertNonIncreasing(values.slice(10));
  });

  await t.step("agrees with a direct piecewise formula within 1e-16 absolute", () => {
    for (let step = 0; step <= 130; step += 0.5) {
      const expected = step < 10
        ? 0.01 + (0.1 - 0.01) * step / 10
        : 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * Math.min(step - 10, 100) / 100)) / 2;
      assertClose(lr(step), expected, 1e-16, `step ${step}`);
    }
  });

  await t.step("without warmup is a cosine decay from the peak at step 0", () => {
    const noWarmup = warmupCosineDecaySchedule({ ...options, warmupSteps: 0 });
    assert.equal(noWarmup(0), 0.1);
    assert.equal(noWarmup(110), 0);
  });

  await t.step("with peakValue 0 stays at 0 after the warmup (alpha = 0, as in optax)", () => {
    const flat = warmupCosineDecaySchedule({ ...options, peakValue: 0, endValue: 1 });
    assert.equal(flat(50), 0);
  });

  await t.step("rejects a decay no longer than the warmup, naming both values", () => {
    assertThrows(
      () => warmupCosineDecaySchedule({ ...options, decaySteps: 10 }),
      RangeError,
      "decaySteps must be greater than warmupSteps, got decaySteps=10, warmupSteps=10",
    );
    assertThrows(
      () => warmupCosineDecaySchedule({ ...options, warmupSteps: -1 }),
      RangeError,
      "warmupSteps must be non-negative, got warmupSteps=-1",
    );
    assertThrows(
      () => warmupCosineDecaySchedule({ ...options, exponent: 0 }),
      RangeError,
      "exponent must be positive, got exponent=0",
    );
  });
});
