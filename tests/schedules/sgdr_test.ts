import assert from "node:assert/strict";
import { sgdrSchedule } from "../../lib/schedules/mod.ts";
import { assertClose, assertNonIncreasing, assertThrows, valuesUpTo } from "./_helpers.ts";

/** The cycle that holds step t, found by walking the cycles one by one. */
function cycleOf(
  t: number,
  first: number,
  mult: number,
): { index: number; start: number; length: number } {
  let start = 0;
  let length = first;
  let index = 0;
  while (t >= start + length) {
    start += length;
    length *= mult;
    index += 1;
  }
  return { index, start, length };
}

Deno.test("sgdrSchedule()", async (t) => {
  const options = {
    peakValue: 0.1,
    cycleSteps: 10,
    cycleMult: 2,
    cycleDecay: 0.5,
    endValue: 0.001,
  };
  const lr = sgdrSchedule(options);

  await t.step("restarts at each cycle's peak, which decays by cycleDecay", () => {
    assert.equal(lr(0), 0.1);
    assert.equal(lr(10), 0.05);
    assert.equal(lr(30), 0.025);
    assert.equal(lr(70), 0.0125);
  });

  await t.step("falls within each cycle towards endValue, never below it", () => {
    const values = valuesUpTo(lr, 149);
    assertNonIncreasing(values.slice(0, 10));
    assertNonIncreasing(values.slice(10, 30));
    assertNonIncreasing(values.slice(30, 70));
    assertNonIncreasing(values.slice(70, 150));
    for (const v of values) assert.ok(v > 0.001 && v <= 0.1);
    assert.ok(lr(29.999) - 0.001 < 1e-9, "approaches endValue at the end of a cycle");
  });

  await t.step("agrees with a direct cosine of the cycle position within 1e-16 absolute", () => {
    for (let step = 0; step < 300; step += 0.75) {
      const { index, start, length } = cycleOf(step, 10, 2);
      const peak = 0.1 / 2 ** index;
      const expected = 0.001 +
        (peak - 0.001) * Math.cos(Math.PI * (step - start) / length / 2) ** 2;
      assertClose(lr(step), expected, 1e-16, `step ${step}`);
    }
  });

  await t.step("with cycleMult 1 repeats every cycleSteps, also far beyond", () => {
    const flat = sgdrSchedule({ peakValue: 1, cycleSteps: 7 });
    for (const step of [0, 3, 6.5]) {
      assert.equal(flat(step + 7 * 1000), flat(step));
    }
  });

  await t.step("rejects bad options, naming the argument and its value", () => {
    assertThrows(
      () => sgdrSchedule({ ...options, cycleSteps: 0 }),
      RangeError,
      "cycleSteps must be a positive integer, got cycleSteps=0",
    );
    assertThrows(
      () => sgdrSchedule({ ...options, cycleMult: 1.5 }),
      RangeError,
      "cycleMult must be an integer, got cycleMult=1.5",
    );
    assertThrows(
      () => sgdrSchedule({ ...options, cycleDecay: -0.1 }),
      RangeError,
      "cycleDecay must be non-negative, got cycleDecay=-0.1",
    );
  });
});
