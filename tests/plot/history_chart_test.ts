import assert from "node:assert/strict";
import {
  accuracyChart,
  type History,
  historyChart,
  lossChart,
  type ScatterTrace,
} from "../../lib/mod.ts";

function run(scale: number): History {
  return {
    iteration: [500, 1000, 1500, 2000],
    loss: [1, 0.5, 0.25, 0.125].map((v) => v * scale),
    trainAccuracy: [0.5, 0.75, 0.875, 0.9375],
    testAccuracy: [0.5, 0.7, 0.8, 0.9],
    lr: [1e-3, 1e-3, 5e-4, 5e-4],
  };
}
const line = (t: unknown) => (t as ScatterTrace).line;

Deno.test("historyChart()", async (t) => {
  await t.step("draws the loss of one run against iteration by default", () => {
    const figure = historyChart(run(1));
    assert.equal(figure.data.length, 1);
    assert.equal(figure.data[0]?.name, "loss");
    assert.deepEqual(figure.data[0]?.x, [500, 1000, 1500, 2000]);
    assert.deepEqual(figure.data[0]?.y, [1, 0.5, 0.25, 0.125]);
    assert.equal(figure.layout.xaxis?.title?.text, "iteration");
    assert.equal(figure.layout.yaxis?.title?.text, "loss");
  });

  await t.step("colours one run's metrics apart", () => {
    const figure = historyChart(run(1), { metrics: ["trainAccuracy", "testAccuracy"] });
    assert.deepEqual(figure.data.map((d) => d.name), ["train", "test"]);
    assert.deepEqual(figure.data.map((d) => line(d)?.color), ["#1f77b4", "#ff7f0e"]);
    assert.equal(figure.layout.yaxis?.title, undefined);
  });

  await t.step("compares runs: colour by run, dash by metric", () => {
    const figure = historyChart(
      { "with decay": run(1), "without decay": run(2) },
      { metrics: ["loss", "lr"], logY: true, milestones: [1000] },
    );
    assert.deepEqual(figure.data.map((d) => d.name), [
      "with decay · loss",
      "with decay · lr",
      "without decay · loss",
      "without decay · lr",
    ]);
    assert.deepEqual(figure.data.map((d) => line(d)?.color), [
      "#1f77b4",
      "#1f77b4",
      "#ff7f0e",
      "#ff7f0e",
    ]);
    assert.deepEqual(figure.data.map((d) => line(d)?.dash), ["solid", "dash", "solid", "dash"]);
    assert.deepEqual(figure.data[2]?.y, [2, 1, 0.5, 0.25]);
    assert.equal(figure.layout.yaxis?.type, "log");
    assert.equal(figure.layout.shapes?.[0]?.x0, 1000);
  });

  await t.step("names runs alone when there is one metric", () => {
    const figure = historyChart({ a: run(1), b: run(1) });
    assert.deepEqual(figure.data.map((d) => d.name), ["a", "b"]);
  });

  await t.step("rejects unknown metrics and mismatched arrays", () => {
    assert.throws(() => historyChart(run(1), { metrics: ["accuracy" as "loss"] }), {
      name: "RangeError",
      message: /^metrics\[0\] must be one of "loss", "trainAccuracy", "testAccuracy", "lr", got/,
    });
    assert.throws(() => historyChart({ a: { ...run(1), loss: [1] } }), {
      name: "RangeError",
      message:
        'histories["a"].loss must have the same length as histories["a"].iteration, got histories["a"].iteration.length=4, histories["a"].loss.length=1',
    });
    assert.throws(() => historyChart({}), { name: "RangeError", message: /at least one run/ });
  });

  await t.step("never puts accuracy on the same axis as loss or lr", () => {
    for (const other of ["loss", "lr"] as const) {
      assert.throws(() => historyChart(run(1), { metrics: [other, "trainAccuracy"] }), {
        name: "RangeError",
        message: `metrics must not mix accuracy with loss or lr on one axis (draw accuracyChart ` +
          `and lossChart side by side), got metrics=["${other}","trainAccuracy"]`,
      });
    }
  });
});

Deno.test("lossChart() is historyChart() with the loss, titled Training loss", () => {
  const figure = lossChart({ a: run(1), b: run(3) }, { logY: true });
  assert.deepEqual(figure.data.map((d) => d.name), ["a", "b"]);
  assert.equal(figure.layout.title?.text, "Training loss");
  assert.equal(figure.layout.yaxis?.type, "log");
  assert.equal(lossChart(run(1), { title: "Mine" }).layout.title?.text, "Mine");
});

Deno.test("accuracyChart() draws train and test accuracy", () => {
  const figure = accuracyChart(run(1));
  assert.deepEqual(figure.data.map((d) => d.name), ["train", "test"]);
  assert.deepEqual(figure.data[1]?.y, [0.5, 0.7, 0.8, 0.9]);
  assert.equal(figure.layout.yaxis?.title?.text, "accuracy");
  const two = accuracyChart({ decay: run(1), constant: run(1) });
  assert.deepEqual(two.data.map((d) => d.name), [
    "decay · train",
    "decay · test",
    "constant · train",
    "constant · test",
  ]);
});
