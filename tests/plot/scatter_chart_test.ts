import assert from "node:assert/strict";
import { scatterChart, type ScatterTrace, toSvg } from "../../lib/mod.ts";
import { findAll, parseXml } from "./_xml.ts";

const x = [5.1, 7.0, 6.3, 4.9, 6.4, 5.8];
const y = [1.4, 4.7, 6.0, 1.4, 4.5, 5.1];

Deno.test("scatterChart()", async (t) => {
  await t.step("makes one marker trace per group, in order of first appearance", () => {
    const figure = scatterChart({ x, y, groups: [0, 1, 2, 0, 1, 2] }, {
      groupNames: ["setosa", "versicolor", "virginica"],
      xTitle: "sepal length (cm)",
      yTitle: "petal length (cm)",
    });
    const traces = figure.data as ScatterTrace[];
    assert.deepEqual(traces.map((d) => d.name), ["setosa", "versicolor", "virginica"]);
    assert.ok(traces.every((d) => d.mode === "markers"));
    assert.deepEqual(traces[1]?.x, [7.0, 6.4]);
    assert.deepEqual(traces[2]?.y, [6.0, 5.1]);
    assert.deepEqual(traces.map((d) => d.marker?.color), ["#1f77b4", "#ff7f0e", "#2ca02c"]);
    assert.equal(figure.layout.xaxis?.title?.text, "sepal length (cm)");
  });

  await t.step("keeps every point exactly once", () => {
    const figure = scatterChart({ x, y, groups: ["b", "a", "b", "a", "c", "b"] });
    assert.deepEqual(figure.data.map((d) => d.name), ["b", "a", "c"]);
    const points = figure.data.flatMap((d) => d.x.map((v, i) => `${v},${d.y[i]}`)).sort();
    assert.deepEqual(points, x.map((v, i) => `${v},${y[i]}`).sort());
  });

  await t.step("draws ungrouped points as one unnamed trace, one circle per point", () => {
    const figure = scatterChart({ x, y });
    assert.equal(figure.data.length, 1);
    assert.equal(figure.data[0]?.name, undefined);
    const circles = findAll(parseXml(toSvg(figure)), (e) => e.name === "circle");
    assert.equal(circles.length, x.length);
  });

  await t.step("rejects mismatched lengths", () => {
    assert.throws(() => scatterChart({ x: [1, 2], y: [1] }), {
      name: "RangeError",
      message:
        "points.y must have the same length as points.x, got points.x.length=2, points.y.length=1",
    });
  });
});
