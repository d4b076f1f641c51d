import assert from "node:assert/strict";
import { inverseSqrtSchedule } from "../../lib/schedules/mod.ts";
import {
  assertClose,
  assertNonDecreasing,
  assertNonIncreasing,
  assertThrows,
  valuesUpTo,
} from "./_helpers.ts";

Deno.test("inverseSqrtSchedule()", async (t) => {
  const lr = inverseSqrtSchedule({ peakValue: 0.1, warmupSteps: 100 });

  await t.step("warms up linearly from 0 and peaks at the end of the warmup", () => {
    assert.equal(lr(0), 0);
    assert.equal(lr(50), 0.05);
    assert.equal(lr(100), 0.1);
    assertNonDecreasing(valuesUpTo(lr, 100));
  });

  await t.step("then falls as peak * sqrt(tau / (t - W + tau)), within 1e-15 relative", () => {
    for (let step = 100; step <= 5000; step += 37) {
      assertClose(lr(step) / (0.1 * Math.sqrt(100 / step)), 1, 1e-15, `step ${step}`);
    }
    assert.equal(lr(400), 0.05);
    assertNonIncreasing(valuesUpTo(lr, 3000).slice(100));
  });

  await t.step("beyond any end keeps decaying, staying positive", () => {
    assert.ok(lr(1e12) > 0 && lr(1e12) < 1e-5);
  });

  await t.step("defaults the timescale to warmupSteps, or 10000 without warmup", () => {
    const noWarmup = inverseSqrtSchedule({ peakValue: 1 });
    assert.equal(noWarmup(0), 1);
    assert.equal(noWarmup(30_000), 0.5);
    const scaled = inverseSqrtSchedule({ peakValue: 1, warmupSteps: 10, timescale: 40 });
    assert.equal(scaled(10 + 3 * 40), 0.5);
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    assertThrows(
      () => inverseSqrtSchedule({ peakValue: 1, timescale: 0 }),
      RangeError,
      "timescale must be positive, got timescale=0",
    );
    assertThrows(
      () => inverseSqrtSchedule({ peakValue: 1, warmupSteps: -5 }),
      RangeError,
      "warmupSteps must be non-negative, got warmupSteps=-5",
    );
  });
});
