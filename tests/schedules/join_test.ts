import assert from "node:assert/strict";
import {
  constantSchedule,
  joinSchedules,
  linearSchedule,
  type Schedule,
} from "../../lib/schedules/mod.ts";
import { assertThrows } from "./_helpers.ts";

Deno.test("joinSchedules()", async (t) => {
  const seen: number[] = [];
  const spy: Schedule = (s) => {
    seen.push(s);
    return 100 + s;
  };
  const lr = joinSchedules({
    schedules: [(s) => s, constantSchedule({ value: -1 }), spy],
    boundaries: [10, 15],
  });

  await t.step("switches at each boundary and counts steps from that boundary", () => {
    assert.equal(lr(0), 0);
    assert.equal(lr(9.5), 9.5);
    assert.equal(lr(10), -1);
    assert.equal(lr(14), -1);
    assert.equal(lr(15), 100);
    assert.equal(lr(20), 105);
    assert.equal(lr(1e6), 100 + 1e6 - 15);
  });

  await t.step("calls only the active schedule, with the offset step", () => {
    seen.length = 0;
    lr(3);
    lr(12);
    lr(17);
    assert.deepEqual(seen, [2]);
  });

  await t.step("agrees with optax's where-chain written as a loop over all schedules", () => {
    const parts: Schedule[] = [(s) => 2 * s, (s) => 50 - s, (s) => s * s, (s) => -s];
    // [5, 20, 20]: equal boundaries, where the later schedule wins, as in optax
    const bounds = [5, 20, 20];
    const joined = joinSchedules({ schedules: parts, boundaries: bounds });
    for (let step = 0; step < 40; step++) {
      let expected = (parts[0] as Schedule)(step);
      bounds.forEach((b, i) => {
        if (step >= b) expected = (parts[i + 1] as Schedule)(step - b);
      });
      assert.equal(joined(step), expected, `step ${step}`);
    }
  });

  await t.step("a single schedule with no boundaries is that schedule", () => {
    const one = linearSchedule({ initValue: 0, endValue: 1, transitionSteps: 4 });
    const joined = joinSchedules({ schedules: [one], boundaries: [] });
    for (let step = 0; step < 6; step++) assert.equal(joined(step), one(step));
  });

  await t.step("rejects mismatched or badly ordered boundaries and non-functions", () => {
    const c = constantSchedule({ value: 1 });
    assertThrows(
      () => joinSchedules({ schedules: [c, c], boundaries: [1, 2] }),
      RangeError,
      "boundaries must have one fewer element than schedules, got 2 schedules and 2 boundaries",
    );
    assertThrows(
      () => joinSchedules({ schedules: [c, c, c], boundaries: [10, 5] }),
      RangeError,
      "boundaries[1] must not be less than boundaries[0], got boundaries=[10,5]",
    );
    assertThrows(
      () => joinSchedules({ schedules: [c, c], boundaries: [-1] }),
      RangeError,
      "boundaries[0] must be non-negative, got boundaries[0]=-1",
    );
    assertThrows(
      () => joinSchedules({ schedules: [c, 0.1 as unknown as Schedule], boundaries: [1] }),
      TypeError,
      "schedules[1] must be a function, got schedules[1]=0.1",
    );
    assertThrows(
      () => joinSchedules({ schedules: [], boundaries: [] }),
      RangeError,
      "schedules must be a non-empty array, got schedules=[]",
    );
  });
});
