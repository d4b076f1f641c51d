import assert from "node:assert/strict";
import { piecewiseConstantSchedule } from "../../lib/schedules/mod.ts";
import { assertNonIncreasing, assertThrows, valuesUpTo } from "./_helpers.ts";

Deno.test("piecewiseConstantSchedule()", async (t) => {
  const lr = piecewiseConstantSchedule({
    initValue: 1,
    boundariesAndScales: { 200: 0.1, 100: 0.1 },
  });

  await t.step("scales the value from each boundary on, in order of the boundaries", () => {
    assert.equal(lr(0), 1);
    assert.equal(lr(99.5), 1);
    assert.equal(lr(100), 0.1);
    assert.equal(lr(199), 0.1);
    assert.equal(lr(200), 0.1 * 0.1);
    assert.equal(lr(1e9), 0.1 * 0.1);
  });

  await t.step("agrees with MultiStepLR's rule, gamma ** (milestones passed), exactly", () => {
    const multiStep = piecewiseConstantSchedule({
      initValue: 0.1,
      boundariesAndScales: { 3: 0.5, 5: 0.5, 10: 0.5 },
    });
    for (let step = 0; step < 20; step++) {
      const passed = [3, 5, 10].filter((m) => step >= m).length;
      assert.equal(multiStep(step), 0.1 * 0.5 ** passed, `step ${step}`);
    }
  });

  await t.step("never rises when every scale is at most 1", () => {
    assertNonIncreasing(valuesUpTo(lr, 300));
  });

  await t.step("is constant without boundaries", () => {
    assert.equal(piecewiseConstantSchedule({ initValue: 3 })(50), 3);
  });

  await t.step("rejects negative scales as optax does, naming the boundary", () => {
    assertThrows(
      () => piecewiseConstantSchedule({ initValue: 1, boundariesAndScales: { 100: -1 } }),
      RangeError,
      "boundariesAndScales[100] must be non-negative, got boundariesAndScales[100]=-1",
    );
    assertThrows(
      () => piecewiseConstantSchedule({ initValue: 1, boundariesAndScales: { [-5]: 0.5 } }),
      RangeError,
      'boundariesAndScales keys must be non-negative numbers, got boundary "-5"',
    );
    assertThrows(
      () =>
        piecewiseConstantSchedule({
          initValue: 1,
          boundariesAndScales: 5 as unknown as Record<number, number>,
        }),
      TypeError,
      "boundariesAndScales must be an object, got boundariesAndScales=5",
    );
  });
});
