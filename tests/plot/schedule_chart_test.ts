import assert from "node:assert/strict";
import { type ScatterTrace, scheduleChart } from "../../lib/mod.ts";

const lr = (n: number, f: (t: number) => number) => Array.from({ length: n }, (_, t) => f(t));
const scatter = (t: unknown) => t as ScatterTrace;

Deno.test("scheduleChart()", async (t) => {
  await t.step("draws one line per named schedule, x = 0..n-1 by default", () => {
    const figure = scheduleChart({
      step: lr(10, (t) => 0.1 * 0.5 ** Math.floor(t / 3)),
      exponential: lr(10, (t) => 0.1 * 0.9 ** t),
      "1/t": lr(10, (t) => 0.1 / (1 + t)),
    }, { title: "Step vs exponential vs 1/t decay" });
    assert.deepEqual(figure.data.map((d) => d.name), ["step", "exponential", "1/t"]);
    assert.ok(figure.data.every((d) => d.type === "scatter" && d.mode === "lines"));
    assert.deepEqual(figure.data[0]?.x, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(figure.data[1]?.y, lr(10, (t) => 0.1 * 0.9 ** t));
    assert.equal(figure.layout.title?.text, "Step vs exponential vs 1/t decay");
    assert.equal(figure.layout.xaxis?.title?.text, "step");
    assert.equal(figure.layout.yaxis?.title?.text, "learning rate");
    assert.equal(figure.layout.yaxis?.type, undefined);
    assert.deepEqual(figure.data.map((d) => scatter(d).line?.color), [
      "#1f77b4",
      "#ff7f0e",
      "#2ca02c",
    ]);
  });

  await t.step("splits lrs[step][group] into one line per param group", () => {
    const lrs = lr(4, (t) => t).map((t) => [0.1 / (t + 1), 0.01 / (t + 1)]);
    const one = scheduleChart(lrs);
    assert.deepEqual(one.data.map((d) => d.name), ["group 0", "group 1"]);
    assert.deepEqual(one.data[1]?.y, [0.01, 0.005, 0.01 / 3, 0.0025]);
    const named = scheduleChart({ LambdaLR: lrs }, { groupNames: ["backbone", "head"] });
    assert.deepEqual(named.data.map((d) => d.name), ["LambdaLR · backbone", "LambdaLR · head"]);
  });

  await t.step("names a bare series lr and a one-group matrix by its schedule", () => {
    assert.deepEqual(scheduleChart([0.1, 0.2]).data.map((d) => d.name), ["lr"]);
    assert.deepEqual(scheduleChart({ s: [[0.1], [0.2]] }).data.map((d) => d.name), ["s"]);
  });

  await t.step("marks milestones as dotted vertical lines over the plot height", () => {
    const figure = scheduleChart([1, 1, 1, 0.1, 0.1, 0.01], {
      milestones: [3, { x: 5, label: "second drop" }],
    });
    assert.deepEqual(figure.layout.shapes?.map((s) => [s.x0, s.x1, s.xref, s.yref, s.y0, s.y1]), [
      [3, 3, "x", "paper", 0, 1],
      [5, 5, "x", "paper", 0, 1],
    ]);
    assert.ok(figure.layout.shapes?.every((s) => s.line?.dash === "dot"));
    assert.deepEqual(figure.layout.annotations?.map((a) => [a.text, a.x, a.y, a.yref]), [
      ["second drop", 5, 1, "paper"],
    ]);
    assert.equal(scheduleChart([1]).layout.shapes, undefined);
  });

  await t.step("takes custom x values, log scale and step drawing", () => {
    const figure = scheduleChart([1, 0.1, 0.01], {
      x: [1, 2, 3],
      logY: true,
      steps: true,
      xTitle: "epoch",
    });
    assert.deepEqual(figure.data[0]?.x, [1, 2, 3]);
    assert.equal(figure.layout.yaxis?.type, "log");
    assert.equal(figure.layout.xaxis?.title?.text, "epoch");
    assert.equal(scatter(figure.data[0]).line?.shape, "hv");
  });

  await t.step("copies its inputs: changing them later leaves the figure alone", () => {
    const series = [1, 2, 3];
    const figure = scheduleChart(series);
    series.push(4);
    assert.deepEqual(figure.data[0]?.y, [1, 2, 3]);
  });

  await t.step("rejects empty, ragged or mismatched input, naming it", () => {
    assert.throws(() => scheduleChart([]), {
      name: "RangeError",
      message: "series must be a non-empty array, got series=[]",
    });
    assert.throws(() => scheduleChart({}), { name: "RangeError", message: /at least one/ });
    assert.throws(() => scheduleChart([[1, 2], [3]]), {
      name: "RangeError",
      message: "series[1] must have one value per param group (2), got series[1]=[3]",
    });
    assert.throws(() => scheduleChart([1, 2], { x: [0, 1, 2] }), {
      name: "RangeError",
      message: 'series "lr" must have the same length as x, got x.length=3, series "lr".length=2',
    });
    assert.throws(() => scheduleChart({ a: ["x" as unknown as number] }), {
      name: "TypeError",
      message: 'series["a"] must be an array of numbers, got series["a"]=["x"]',
    });
    assert.throws(() => scheduleChart([1], { milestones: [NaN] }), {
      name: "RangeError",
      message: "milestones[0] must be finite, got milestones[0]=NaN",
    });
  });
});
