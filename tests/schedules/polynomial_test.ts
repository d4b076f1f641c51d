import assert from "node:assert/strict";
import { polynomialSchedule } from "../../lib/schedules/mod.ts";
import {
  assertClose,
  assertNonDecreasing,
  assertNonIncreasing,
  assertThrows,
  valuesUpTo,
} from "./_helpers.ts";

Deno.test("polynomialSchedule()", async (t) => {
  const lr = polynomialSchedule({
    initValue: 1,
    endValue: 0.01,
    power: 2,
    transitionSteps: 100,
    transitionBegin: 5,
  });

  await t.step("gives optax's docstring values (count 0, 5, 6, 104, 105, 110)", () => {
    const printed = [0, 5, 6, 104, 105, 110].map((c) => lr(c).toFixed(4));
    assert.deepEqual(printed, ["1.0000", "1.0000", "0.9803", "0.0101", "0.0100", "0.0100"]);
  });

  await t.step("holds initValue until transitionBegin and endValue exactly from the end on", () => {
    assert.equal(lr(0), 1);
    assert.equal(lr(5), 1);
    assert.equal(lr(105), 0.01);
    assert.equal(lr(1e7), 0.01);
  });

  await t.step("agrees with E + (I - E) (1 - s / T)^P written as a product, within 1e-15", () => {
    for (let step = 5; step <= 105; step++) {
      const rest = (105 - step) / 100;
      assertClose(lr(step), 0.01 + 0.99 * rest * rest, 1e-15, `step ${step}`);
    }
  });

  await t.step("decreases when initValue > endValue, increases otherwise", () => {
    assertNonIncreasing(valuesUpTo(lr, 200));
    const up = polynomialSchedule({ initValue: 0, endValue: 1, power: 0.5, transitionSteps: 9 });
    assertNonDecreasing(valuesUpTo(up, 20));
    assert.equal(up(0), 0);
    assert.equal(up(9), 1);
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    const base = { initValue: 1, endValue: 0, power: 1, transitionSteps: 10 };
    assertThrows(
      () => polynomialSchedule({ ...base, transitionSteps: 0 }),
      RangeError,
      "transitionSteps must be positive, got transitionSteps=0",
    );
    assertThrows(
      () => polynomialSchedule({ ...base, power: 0 }),
      RangeError,
      "power must be positive, got power=0",
    );
    assertThrows(
      () => polynomialSchedule({ ...base, transitionBegin: -1 }),
      RangeError,
      "transitionBegin must be non-negative, got transitionBegin=-1",
    );
    assertThrows(
      () => polynomialSchedule({ ...base, endValue: NaN }),
      RangeError,
      "endValue must be finite, got endValue=NaN",
    );
  });
});
