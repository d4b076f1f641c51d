import assert from "node:assert/strict";
import { rangeTestChart } from "../../lib/plot/mod.ts";
import { irisSetup } from "../../lib/train/mod.ts";
import { lrRangeTest } from "../../lib/train/lr_range_test.ts";

Deno.test("rangeTestChart marks each of a range test's suggestions at its point", () => {
  const s = irisSetup({ seed: 3, reduction: "mean" });
  const r = lrRangeTest({ ...s, data: s.split, startLr: 1e-4, endLr: 10, steps: 100 });
  const figure = rangeTestChart({
    lrs: r.lr,
    losses: r.loss,
    smoothedLosses: r.smoothedLoss,
    suggestedLr: r.suggestedLr,
    suggestions: r.suggestions,
  });
  const marks = figure.data.slice(3);
  assert.deepEqual(
    marks.map((t) => t.name?.split(" ")[0]),
    ["minimum", "steep", "valley", "slide", "lightning"],
  );
  marks.forEach((trace, i) => {
    const name = (["minimum", "steep", "valley", "slide", "lightning"] as const)[i]!;
    const suggestion = r.suggestions[name]!;
    assert.deepEqual(trace.x, [suggestion.pointLr]);
    assert.deepEqual(trace.y, [suggestion.pointLoss]);
  });
  assert.deepEqual(marks[0]!.x, [r.suggestions.minimum!.lr * 10], "minimum marks the lowest point");
  assert.equal(new Set(marks.map((t) => t.marker?.color)).size, 5, "one colour each");
});

Deno.test("rangeTestChart rejects a suggestion with a non-positive lr, naming it", () => {
  assert.throws(
    () =>
      rangeTestChart({
        lrs: [1e-3, 1e-2],
        losses: [1, 2],
        suggestions: { steep: { lr: 0, pointLr: 1e-3, pointLoss: 1 } },
      }),
    {
      name: "RangeError",
      message: "result.suggestions.steep.lr must be positive, got result.suggestions.steep.lr=0",
    },
  );
});
