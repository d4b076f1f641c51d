import assert from "node:assert/strict";
import { linearSchedule } from "../../lib/schedules/mod.ts";
import { assertClose, assertNonDecreasing, assertThrows, valuesUpTo } from "./_helpers.ts";

Deno.test("linearSchedule()", async (t) => {
  const warmup = linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 });

  await t.step("goes from initValue at 0 to endValue at transitionSteps, and holds it", () => {
    assert.equal(warmup(0), 0);
    assert.equal(warmup(10), 0.1);
    assert.equal(warmup(11), 0.1);
    assert.equal(warmup(1e8), 0.1);
  });

  await t.step("agrees with I + (E - I) t / T, within 1e-16 absolute", () => {
    for (let step = 0; step <= 10; step += 0.25) {
      assertClose(warmup(step), 0.1 * step / 10, 1e-16, `step ${step}`);
    }
  });

  await t.step("rises without falling when initValue < endValue", () => {
    assertNonDecreasing(valuesUpTo(warmup, 30));
  });

  await t.step("waits transitionBegin steps before moving", () => {
    const late = linearSchedule({
      initValue: 1,
      endValue: 0,
      transitionSteps: 4,
      transitionBegin: 6,
    });
    assert.deepEqual(valuesUpTo(late, 11), [1, 1, 1, 1, 1, 1, 1, 0.75, 0.5, 0.25, 0, 0]);
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    assertThrows(
      () => linearSchedule({ initValue: 0, endValue: 1, transitionSteps: -1 }),
      RangeError,
      "transitionSteps must be positive, got transitionSteps=-1",
    );
  });
});
