import assert from "node:assert/strict";
import { constantSchedule } from "../../lib/schedules/mod.ts";
import { assertThrows } from "./_helpers.ts";

Deno.test("constantSchedule()", async (t) => {
  await t.step("gives its value at 0, at fractional steps and far beyond", () => {
    const lr = constantSchedule({ value: 0.3 });
    for (const step of [0, 0.5, 1, 99, 1e9]) assert.equal(lr(step), 0.3);
  });

  await t.step("rejects a non-finite value and still checks the step", () => {
    assertThrows(
      () => constantSchedule({ value: Infinity }),
      RangeError,
      "value must be finite, got value=Infinity",
    );
    assertThrows(
      () => constantSchedule({ value: 1 })(-1),
      RangeError,
      "step must be non-negative, got step=-1",
    );
  });
});
