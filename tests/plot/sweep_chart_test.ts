import assert from "node:assert/strict";
import { meanStd, type ScatterTrace, sweepChart } from "../../lib/mod.ts";

/** Independent reference: two-pass mean and sample standard deviation, NaN left out. */
function reference(values: number[]): { mean: number; std: number } {
  const xs = values.filter((v) => !Number.isNaN(v));
  let sum = 0;
  for (const v of xs) sum += v;
  const mean = sum / xs.length;
  let ss = 0;
  for (const v of xs) ss += (v - mean) ** 2;
  return { mean, std: xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0 };
}

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

const runs = [
  [0.61, 0.92, 0.71, 0.33],
  [0.58, 0.95, 0.69, 0.41],
  [0.66, 0.9, 0.75, NaN],
  [0.6, 0.94, 0.7, 0.37],
];
const x = [1e-3, 1e-2, 1e-1, 1];

Deno.test("meanStd() matches a two-pass mean and sample std (rel. tol 1e-12)", () => {
  const { mean, std } = meanStd(runs);
  x.forEach((_, i) => {
    const ref = reference(runs.map((r) => r[i] as number));
    close(mean[i] as number, ref.mean);
    close(std[i] as number, ref.std);
  });
});

Deno.test("meanStd() gives std 0 for a single run", () => {
  assert.deepEqual(meanStd([[1, 2, 3]]), { mean: [1, 2, 3], std: [0, 0, 0] });
});

Deno.test("sweepChart()", async (t) => {
  const figure = sweepChart([
    { name: "with decay", x, runs },
    { name: "constant", x, runs: runs.map((r) => r.map((v) => v - 0.1)) },
  ], { logX: true, title: "Sweep", xTitle: "initial lr", yTitle: "test accuracy" });
  const [bandA, bandB, lineA, lineB] = figure.data as ScatterTrace[];

  await t.step("puts both bands first, then the mean lines", () => {
    assert.equal(figure.data.length, 4);
    assert.deepEqual(figure.data.map((d) => d.name), [
      "with decay ± std",
      "constant ± std",
      "with decay",
      "constant",
    ]);
    assert.deepEqual(figure.data.map((d) => d.showlegend), [false, false, undefined, undefined]);
    assert.equal(bandA?.fill, "toself");
    assert.equal(bandB?.fillcolor, "rgba(255,127,14,0.2)");
    assert.equal(lineB?.line?.color, "#ff7f0e");
  });

  await t.step("draws the mean of the runs at each x", () => {
    assert.deepEqual(lineA?.x, x);
    x.forEach((_, i) =>
      close(lineA?.y[i] as number, reference(runs.map((r) => r[i] as number)).mean)
    );
  });

  await t.step("bands go along mean + std and back along mean − std", () => {
    assert.deepEqual(bandA?.x, [...x, ...[...x].reverse()]);
    const n = x.length;
    x.forEach((_, i) => {
      const ref = reference(runs.map((r) => r[i] as number));
      close(bandA?.y[i] as number, ref.mean + ref.std);
      close(bandA?.y[2 * n - 1 - i] as number, ref.mean - ref.std);
    });
  });

  await t.step("sets axis titles and the log x axis", () => {
    assert.equal(figure.layout.xaxis?.type, "log");
    assert.equal(figure.layout.yaxis?.type, undefined);
    assert.equal(figure.layout.xaxis?.title?.text, "initial lr");
    assert.equal(figure.layout.yaxis?.title?.text, "test accuracy");
  });

  await t.step("keeps the band's lower edge positive on a log y axis", () => {
    const wide = sweepChart([{ name: "s", x: [1, 2], runs: [[1, 0.1], [100, 10]] }], {
      logY: true,
    });
    const band = wide.data[0] as ScatterTrace;
    assert.ok(band.y.every((v) => v > 0));
    // mean − std < 0 at both x, so the lower edge falls back to the smallest run value.
    assert.deepEqual(band.y.slice(2), [0.1, 1]);
  });

  await t.step("clips the band to the metric's range: accuracy never above 1", () => {
    // Runs 1, 1, 0.7 at x = 1: mean 0.9, sample std √0.03 ≈ 0.173, so mean + std ≈ 1.073 > 1.
    const accuracy = sweepChart(
      [{ name: "s", x: [1, 2], runs: [[1, 0.5], [1, 0.5], [0.7, 0.5]] }],
      {
        clip: [0, 1],
      },
    );
    const band = accuracy.data[0] as ScatterTrace;
    assert.deepEqual(band.y.slice(0, 2), [1, 0.5]);
    close(band.y[3] as number, 0.9 - Math.sqrt(0.03));
    const unclipped = sweepChart([{
      name: "s",
      x: [1, 2],
      runs: [[1, 0.5], [1, 0.5], [0.7, 0.5]],
    }]);
    assert.ok((unclipped.data[0] as ScatterTrace).y[0]! > 1.07);
    assert.throws(() => sweepChart([{ name: "s", x: [1], runs: [[1]] }], { clip: [1, 0] }), {
      name: "RangeError",
      message: "clip must be [min, max] with min < max, got clip=[1,0]",
    });
  });

  await t.step("rejects empty series and runs of the wrong length", () => {
    assert.throws(() => sweepChart([]), { name: "RangeError", message: /series must be/ });
    assert.throws(() => sweepChart([{ name: "s", x: [1, 2], runs: [] }]), {
      name: "RangeError",
      message: "series[0].runs must be a non-empty array, got series[0].runs=[]",
    });
    assert.throws(() => sweepChart([{ name: "s", x: [1, 2], runs: [[1, 2], [1]] }]), {
      name: "RangeError",
      message: "series[0].runs[1] must have one value per x (2), got length 1",
    });
  });
});
