import assert from "node:assert/strict";
import { oneCycleSchedule } from "../../lib/schedules/mod.ts";
import {
  assertClose,
  assertNonDecreasing,
  assertNonIncreasing,
  assertThrows,
  valuesUpTo,
} from "./_helpers.ts";

Deno.test("oneCycleSchedule()", async (t) => {
  const options = { peakValue: 0.1, totalSteps: 100 };

  for (const annealStrategy of ["cos", "linear"] as const) {
    const lr = oneCycleSchedule({ ...options, annealStrategy });
    await t.step(
      `${annealStrategy}: peak / 25 at 0, peak at 29, peak / 25e4 at 99 and beyond`,
      () => {
        assertClose(lr(0), 0.004, 1e-17, "start");
        assert.equal(lr(29), 0.1);
        assertClose(lr(99), 0.1 / 25 / 1e4, 1e-17, "end, rounded as PyTorch rounds it");
        assert.equal(lr(100), lr(99));
        assert.equal(lr(1e6), lr(99));
      },
    );
    await t.step(`${annealStrategy}: rises to the peak, then falls`, () => {
      const values = valuesUpTo(lr, 120);
      assertNonDecreasing(values.slice(0, 30));
      assertNonIncreasing(values.slice(29));
      assert.equal(Math.max(...values), 0.1);
    });
  }

  await t.step("cos: agrees with a half cosine between the phase ends, within 1e-16", () => {
    const lr = oneCycleSchedule(options);
    const lo = 0.1 / 25;
    const end = lo / 1e4;
    for (let step = 0; step < 100; step++) {
      const [from, to, q] = step <= 29 ? [lo, 0.1, step / 29] : [0.1, end, (step - 29) / 70];
      const expected = to + (from - to) * Math.cos(Math.PI * q / 2) ** 2;
      assertClose(lr(step), expected, 1e-16, `step ${step}`);
    }
  });

  await t.step("three phases: up, back down to the start value, then down to the end", () => {
    const lr = oneCycleSchedule({ ...options, annealStrategy: "linear", threePhase: true });
    assertClose(lr(0), 0.004, 1e-17, "start");
    assert.equal(lr(29), 0.1);
    assertClose(lr(58), 0.004, 1e-17, "back to the start value at 2 * 30 - 2");
    assertClose(lr(99), 0.1 / 25 / 1e4, 1e-17, "end, rounded as PyTorch rounds it");
  });

  await t.step("a phase of no length (pctStart * totalSteps = 1) ends at its end value", () => {
    const lr = oneCycleSchedule({ peakValue: 1, totalSteps: 10, pctStart: 0.1 });
    assert.equal(lr(0), 1);
    assert.ok(Number.isFinite(lr(1)));
  });

  await t.step("rejects bad options with PyTorch's constraints, naming the value", () => {
    assertThrows(
      () => oneCycleSchedule({ ...options, totalSteps: 0 }),
      RangeError,
      "totalSteps must be a positive integer, got totalSteps=0",
    );
    assertThrows(
      () => oneCycleSchedule({ ...options, pctStart: 1.5 }),
      RangeError,
      "pctStart must be in [0, 1], got pctStart=1.5",
    );
    assertThrows(
      () => oneCycleSchedule({ ...options, annealStrategy: "cosine" as "cos" }),
      RangeError,
      'annealStrategy must be one of "cos", "linear", got annealStrategy="cosine"',
    );
    assertThrows(
      () => oneCycleSchedule({ ...options, divFactor: 0 }),
      RangeError,
      "divFactor must be positive, got divFactor=0",
    );
    assertThrows(
      () => oneCycleSchedule({ ...options, threePhase: "no" as unknown as boolean }),
      TypeError,
      'threePhase must be a boolean, got threePhase="no"',
    );
  });
});
