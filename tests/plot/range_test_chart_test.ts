import assert from "node:assert/strict";
import { rangeTestChart, type ScatterTrace } from "../../lib/mod.ts";

const lrs = Array.from({ length: 41 }, (_, i) => 1e-5 * 10 ** (i / 8)); // 1e-5 .. 1e0
const losses = lrs.map((lr) => 1 + Math.log10(lr) * 0.1 + (lr > 0.1 ? 50 * lr : 0));
const smoothedLosses = losses.map((v, i) => (v + (losses[Math.max(0, i - 1)] as number)) / 2);

Deno.test("rangeTestChart()", async (t) => {
  await t.step("draws raw and smoothed loss against a log learning-rate axis", () => {
    const figure = rangeTestChart({ lrs, losses, smoothedLosses });
    assert.deepEqual(figure.data.map((d) => d.name), ["loss", "smoothed"]);
    assert.deepEqual(figure.data[0]?.x, lrs);
    assert.deepEqual(figure.data[1]?.y, smoothedLosses);
    assert.equal(figure.layout.xaxis?.type, "log");
    assert.equal(figure.layout.xaxis?.title?.text, "learning rate");
    assert.equal(figure.layout.yaxis?.title?.text, "loss");
    assert.equal(figure.layout.title?.text, "Learning-rate range test");
    assert.equal(figure.layout.shapes, undefined);
  });

  await t.step("marks the suggested lr on the curve, at the nearest lr tried", () => {
    const suggestedLr = 1.1e-3; // nearest tried: 1e-5 × 10^(16/8) = 1e-3
    const figure = rangeTestChart({ lrs, losses, smoothedLosses, suggestedLr });
    const mark = figure.data[2] as ScatterTrace;
    assert.equal(mark.name, "suggested lr 0.0011");
    assert.equal(mark.mode, "markers");
    assert.deepEqual(mark.x, [suggestedLr]);
    assert.deepEqual(mark.y, [smoothedLosses[16]]);
    assert.deepEqual(figure.layout.shapes?.map((s) => [s.x0, s.x1, s.yref]), [
      [suggestedLr, suggestedLr, "paper"],
    ]);
  });

  await t.step("uses the raw loss when there is no smoothed curve", () => {
    const figure = rangeTestChart({ lrs, losses, suggestedLr: 1e-3 });
    assert.deepEqual(figure.data.map((d) => d.name), ["loss", "suggested lr 0.001"]);
    assert.deepEqual(figure.data[1]?.y, [losses[16]]);
  });

  await t.step("cuts the loss axis at 4× the first loss when the loss explodes", () => {
    const figure = rangeTestChart({ lrs, losses, smoothedLosses });
    const cap = 4 * (smoothedLosses[0] as number);
    const lo = Math.min(...losses, ...smoothedLosses);
    assert.deepEqual(figure.layout.yaxis?.range, [lo - 0.05 * (cap - lo), cap]);
    const all = rangeTestChart({ lrs, losses }, { clipLoss: Infinity });
    assert.equal(all.layout.yaxis?.range, undefined);
    const log = rangeTestChart({ lrs, losses }, { logY: true });
    assert.equal(log.layout.yaxis?.range?.[1], Math.log10(4 * (losses[0] as number)));
  });

  await t.step("rejects non-positive lrs and mismatched lengths", () => {
    assert.throws(() => rangeTestChart({ lrs: [0, 1], losses: [1, 2] }), {
      name: "RangeError",
      message: "result.lrs[0] must be positive, got result.lrs[0]=0",
    });
    assert.throws(() => rangeTestChart({ lrs: [1, 2], losses: [1] }), {
      name: "RangeError",
      message:
        "result.losses must have the same length as result.lrs, got result.lrs.length=2, result.losses.length=1",
    });
    assert.throws(() => rangeTestChart({ lrs: [1], losses: [1], suggestedLr: -1 }), {
      name: "RangeError",
      message: "result.suggestedLr must be positive, got result.suggestedLr=-1",
    });
  });
});
