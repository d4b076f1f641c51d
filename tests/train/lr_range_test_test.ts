import assert from "node:assert/strict";
import { irisSetup, lrRangeTest } from "../../lib/train/mod.ts";
import { CrossEntropyLoss, Linear } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";

const weights = (model: { parameters(): { data: Float64Array | Float32Array }[] }) =>
  model.parameters().map((p) => Array.from(p.data));

Deno.test("lrRangeTest()", async (t) => {
  const run = (steps = 300, endLr = 10) => {
    const s = irisSetup({ seed: 3, reduction: "mean" });
    const before = weights(s.model);
    const r = lrRangeTest({ ...s, data: s.split, startLr: 1e-4, endLr, steps });
    return { s, before, r };
  };

  await t.step("the lr grows geometrically from startLr to endLr", () => {
    const { r } = run(300);
    assert.equal(r.lr.length, 300);
    assert.equal(r.lr[0], 1e-4);
    assert.ok(Math.abs(r.lr[299]! / 10 - 1) < 1e-12);
    const ratio = (10 / 1e-4) ** (1 / 299);
    for (let i = 1; i < r.lr.length; i++) {
      assert.ok(Math.abs(r.lr[i]! / r.lr[i - 1]! / ratio - 1) < 1e-12, `step ${i}`);
    }
  });

  await t.step("the smoothed loss is the bias-corrected EMA of the loss (β = 0.98)", () => {
    const { r } = run(100);
    let avg = 0;
    r.loss.forEach((loss, i) => {
      avg = 0.98 * avg + 0.02 * loss;
      const expected = avg / (1 - 0.98 ** (i + 1));
      assert.ok(Math.abs(r.smoothedLoss[i]! - expected) < 1e-12 * expected);
    });
    assert.equal(r.smoothedLoss[0], r.loss[0]); // bias correction makes the first value exact
  });

  await t.step("the suggestion lies in the range, at or below the lowest loss", () => {
    const { r } = run(1000);
    assert.ok(r.suggestedLr >= 1e-4 && r.suggestedLr <= 10);
    assert.equal(r.suggestedLr, r.steepestLr);
    assert.ok(r.steepestLr <= r.minLossLr);
    assert.ok(r.lr.includes(r.steepestLr) && r.lr.includes(r.minLossLr));
    const minIndex = r.lr.indexOf(r.minLossLr);
    assert.equal(Math.min(...r.smoothedLoss), r.smoothedLoss[minIndex]);
  });

  await t.step("is deterministic", () => {
    assert.deepEqual(run(200).r, run(200).r);
  });

  await t.step("restores the model's weights and the optimizer's lr and state", () => {
    const { s, before } = run(200);
    assert.deepEqual(weights(s.model), before);
    assert.equal(s.optimizer.paramGroups[0]!.lr, 0.12);
    assert.equal(s.optimizer.stepCount, 200); // steps were taken, then undone
  });

  await t.step("stops once the smoothed loss exceeds 4× its minimum", () => {
    const model = new Linear(4, 3, { rng: new Random(0) });
    const s = irisSetup({ seed: 0 });
    const r = lrRangeTest({
      model,
      loss: new CrossEntropyLoss(),
      optimizer: new SGD(model.parameters()),
      data: s.split,
      startLr: 1e-3,
      endLr: 1e4,
      steps: 200,
    });
    assert.equal(r.stoppedEarly, true);
    assert.ok(r.lr.length < 200);
    const last = r.smoothedLoss.at(-1)!;
    assert.ok(last > 4 * Math.min(...r.smoothedLoss));
    assert.ok(
      r.smoothedLoss.slice(0, -1).every((v, i, a) => v <= 4 * Math.min(...a.slice(0, i + 1))),
    );
    assert.ok(r.loss.every(Number.isFinite));
  });

  await t.step("bad options throw errors that name them", () => {
    const s = irisSetup({ seed: 0 });
    const o = { ...s, data: s.split };
    assert.throws(() => lrRangeTest({ ...o, startLr: 1, endLr: 0.1 }), {
      name: "RangeError",
      message: "endLr must be greater than startLr, got startLr=1, endLr=0.1",
    });
    assert.throws(() => lrRangeTest({ ...o, startLr: NaN }), {
      name: "RangeError",
      message: "startLr must be finite, got startLr=NaN",
    });
    assert.throws(() => lrRangeTest({ ...o, steps: 1 }), {
      name: "RangeError",
      message: "steps must be at least 2, got steps=1",
    });
    assert.throws(() => lrRangeTest({ ...o, smoothing: 1 }), RangeError);
    assert.throws(() => lrRangeTest({ ...o, divergeFactor: 1 }), RangeError);
    assert.throws(() => lrRangeTest({ ...o, data: { xTrain: [], yTrain: [] } }), {
      name: "RangeError",
      message: "data.xTrain must not be empty",
    });
    assert.equal(s.optimizer.stepCount, 0);
  });
});
