import assert from "node:assert/strict";
import { barChart, toSvg } from "../../lib/mod.ts";
import { findAll, parseXml, textOf } from "./_xml.ts";

Deno.test("barChart()", async (t) => {
  const figure = barChart({ constant: 0.9, step: 0.967, exponential: 0.95 }, {
    title: "Test accuracy",
    yTitle: "accuracy",
  });

  await t.step("makes one bar trace over categories, in the record's order", () => {
    assert.equal(figure.data.length, 1);
    assert.equal(figure.data[0]?.type, "bar");
    assert.deepEqual(figure.data[0]?.x, ["constant", "step", "exponential"]);
    assert.deepEqual(figure.data[0]?.y, [0.9, 0.967, 0.95]);
    assert.equal(figure.layout.xaxis?.type, "category");
    assert.equal(figure.layout.yaxis?.title?.text, "accuracy");
  });

  await t.step("draws one rect per bar, from zero up, with category labels", () => {
    const root = parseXml(toSvg(figure));
    const bars = findAll(root, (e) => e.attrs.class === "bar")[0];
    assert.equal(bars?.children.length, 3);
    const bottoms = bars?.children.map((r) => Number(r.attrs.y) + Number(r.attrs.height)) ?? [];
    // Every bar ends on the zero line (2-decimal rounding of y and height: tolerance 0.02 px).
    for (const b of bottoms) assert.ok(Math.abs(b - (bottoms[0] as number)) <= 0.02);
    const labels = findAll(root, (e) => e.attrs.class === "xtick")[0]?.children.map(textOf);
    assert.deepEqual(labels, ["constant", "step", "exponential"]);
  });

  await t.step("rejects empty records and non-finite values", () => {
    assert.throws(() => barChart({}), {
      name: "RangeError",
      message: "values must not be empty, got values={}",
    });
    assert.throws(() => barChart({ a: NaN }), {
      name: "RangeError",
      message: 'values["a"] must be finite, got values["a"]=NaN',
    });
  });
});
