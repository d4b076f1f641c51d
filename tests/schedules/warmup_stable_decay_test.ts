import assert from "node:assert/strict";
import { warmupStableDecaySchedule, WSD_SHAPES } from "../../lib/schedules/mod.ts";
import type { WsdShape } from "../../lib/schedules/mod.ts";
import {
  assertClose,
  assertNonDecreasing,
  assertNonIncreasing,
  assertThrows,
  valuesUpTo,
} from "./_helpers.ts";

/** The shapes written again, as functions of the phase's progress q in [0, 1]. */
const RISE: Record<WsdShape, (q: number) => number> = {
  "linear": (q) => q,
  "cosine": (q) => Math.sin(Math.PI * q / 2) ** 2,
  "1-sqrt": (q) => 1 - Math.sqrt(1 - q),
};
const FALL: Record<WsdShape, (q: number) => number> = {
  "linear": (q) => 1 - q,
  "cosine": (q) => Math.cos(Math.PI * q / 2) ** 2,
  "1-sqrt": (q) => 1 - Math.sqrt(q),
};

Deno.test("warmupStableDecaySchedule()", async (t) => {
  const base = { peakValue: 0.1, warmupSteps: 10, stableSteps: 20, decaySteps: 15 };

  for (const warmupType of WSD_SHAPES) {
    for (const decayType of WSD_SHAPES) {
      const options = { ...base, warmupType, decayType, initValue: 0.002, endValue: 0.001 };
      const lr = warmupStableDecaySchedule(options);
      await t.step(`${warmupType} warmup, ${decayType} decay: limits and shape`, () => {
        assert.equal(lr(0), 0.002);
        assert.equal(lr(10), 0.1, "peak at the end of the warmup");
        assert.equal(lr(29.9), 0.1, "held through the stable phase");
        assert.equal(lr(30), 0.1, "decay starts from the peak");
        assert.equal(lr(45), 0.001, "endValue at the end");
        assert.equal(lr(1e7), 0.001, "and beyond");
        const values = valuesUpTo(lr, 60);
        assertNonDecreasing(values.slice(0, 31));
        assertNonIncreasing(values.slice(30));
      });
      await t.step(`${warmupType} warmup, ${decayType} decay: the formula, within 1e-16`, () => {
        for (let step = 0; step < 45; step += 0.5) {
          const expected = step < 10
            ? 0.002 + 0.098 * RISE[warmupType](step / 10)
            : step < 30
            ? 0.1
            : 0.001 + 0.099 * FALL[decayType]((step - 30) / 15);
          assertClose(lr(step), expected, 1e-16, `step ${step}`);
        }
      });
    }
  }

  await t.step("defaults: linear warmup from endValue (Hugging Face), cosine decay", () => {
    const lr = warmupStableDecaySchedule({ ...base, endValue: 0.01 });
    assert.equal(lr(0), 0.01);
    assertClose(lr(5), 0.055, 1e-17, "linear warmup midpoint");
    assertClose(lr(37.5), 0.055, 1e-17, "cosine decay midpoint");
  });

  await t.step("rejects unknown shapes and negative lengths, naming the value", () => {
    assertThrows(
      () => warmupStableDecaySchedule({ ...base, decayType: "exp" as WsdShape }),
      RangeError,
      'decayType must be one of "linear", "cosine", "1-sqrt", got decayType="exp"',
    );
    assertThrows(
      () => warmupStableDecaySchedule({ ...base, stableSteps: -1 }),
      RangeError,
      "stableSteps must be non-negative, got stableSteps=-1",
    );
  });
});
