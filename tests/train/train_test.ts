import assert from "node:assert/strict";
import { DivergenceError, irisSetup, train, type TrainOptions } from "../../lib/train/mod.ts";
import { CrossEntropyLoss, Linear } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { StepLR } from "../../lib/schedulers/mod.ts";
import { tensor } from "../../lib/tensor/mod.ts";
import { Random } from "../../lib/random.ts";

/** The notebook's main seed (see tools/iris_findings.md for why it is representative). */
const MAIN_SEED = 3;

const weights = (o: { model: { parameters(): { data: Float64Array | Float32Array }[] } }) =>
  o.model.parameters().map((p) => Array.from(p.data));

Deno.test("train() on the seed's Iris experiment", async (t) => {
  await t.step(
    `seed ${MAIN_SEED} reaches ≥ 98% train and 100% test within 50,000 iterations, twice identically`,
    () => {
      const a = irisSetup({ seed: MAIN_SEED });
      const b = irisSetup({ seed: MAIN_SEED });
      const ra = train(a), rb = train(b);
      assert.ok(ra.trainAccuracy >= 0.98, `train accuracy ${ra.trainAccuracy}`);
      assert.equal(ra.testAccuracy, 1);
      assert.ok(ra.iteration <= 50_000);
      assert.deepEqual(rb, ra);
      assert.deepEqual(weights(b), weights(a));
    },
  );

  await t.step("records every 500 iterations; lr halves after iteration 10,000", () => {
    const s = irisSetup({ seed: 0, stopAt: null, iterations: 11_000 });
    const r = train(s);
    assert.deepEqual(r.history.iteration, Array.from({ length: 22 }, (_, i) => 500 * (i + 1)));
    // lr is the one the iteration used: 1e-3 up to 10,000, 5e-4 from 10,001 on.
    assert.equal(r.history.lr[19], 1e-3);
    assert.equal(r.history.lr[20], 5e-4);
    assert.equal(s.optimizer.paramGroups[0]!.lr, 5e-4);
    for (const a of [...r.history.trainAccuracy, ...r.history.testAccuracy]) {
      assert.ok(a >= 0 && a <= 1);
    }
  });

  await t.step("history.loss is the mean of the per-iteration losses since the last point", () => {
    const losses: number[] = [];
    const lrs: number[] = [];
    const r = train({
      ...irisSetup({ seed: 1, stopAt: null, iterations: 1000 }),
      onProgress: (i, loss, lr) => {
        assert.equal(i, losses.length + 1);
        losses.push(loss);
        lrs.push(lr);
      },
    });
    assert.equal(losses.length, 1000);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(r.history.loss[0]! - mean(losses.slice(0, 500))) < 1e-12);
    assert.ok(Math.abs(r.history.loss[1]! - mean(losses.slice(500))) < 1e-12);
    assert.ok(lrs.every((lr) => lr === 1e-3));
    assert.equal(r.loss, losses[999]);
  });

  await t.step("the captured step and the eager step give bit-identical weights", () => {
    const a = irisSetup({ seed: 2, stopAt: null, iterations: 700 });
    const b = irisSetup({ seed: 2, stopAt: null, iterations: 700 });
    const ra = train(a);
    const rb = train({ ...b, capture: false });
    assert.deepEqual(rb, ra);
    assert.deepEqual(weights(b), weights(a));
  });

  await t.step("features given as tensors train exactly as nested arrays", () => {
    const a = irisSetup({ seed: 2, stopAt: null, iterations: 300 });
    const b = irisSetup({ seed: 2, stopAt: null, iterations: 300 });
    const ra = train(a);
    const rb = train({
      ...b,
      data: { ...b.data, xTrain: tensor(b.split.xTrain), xTest: tensor(b.split.xTest) },
    });
    assert.deepEqual(rb, ra);
    assert.deepEqual(weights(b), weights(a));
  });

  await t.step("stopWhen ends the run at an evaluation point and says so", () => {
    const r = train({
      ...irisSetup({ seed: 0, iterations: 5000 }),
      stopWhen: (h) => h.iteration.length === 3,
    });
    assert.equal(r.stopped, true);
    assert.equal(r.iteration, 1500);
  });

  await t.step("a run that ends between evaluation points records a last point", () => {
    const r = train({ ...irisSetup({ seed: 0, stopAt: null }), iterations: 1200 });
    assert.deepEqual(r.history.iteration, [500, 1000, 1200]);
    assert.equal(r.stopped, false);
  });
});

Deno.test("train() takes plain SGD steps on the mean cross-entropy", () => {
  // Softmax regression written out by hand: W ← W − lr·(1/N)(P − Y)ᵀX, b ← b − lr·mean(P − Y).
  const x = [[1, 2], [-1, 0.5], [0.3, -2], [2, 1]];
  const y = [0, 1, 2, 1];
  const lr = 0.3;
  let w = [[0.1, -0.2], [0.05, 0.3], [-0.1, 0.0]];
  let b = [0.01, -0.02, 0.03];
  for (let step = 0; step < 3; step++) {
    const gw = w.map((row) => row.map(() => 0));
    const gb = b.map(() => 0);
    x.forEach((xi, i) => {
      const z = w.map((row, k) => row[0]! * xi[0]! + row[1]! * xi[1]! + b[k]!);
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((p, q) => p + q, 0);
      e.forEach((ek, k) => {
        const d = (ek / s - (k === y[i] ? 1 : 0)) / x.length;
        gw[k]![0]! += d * xi[0]!;
        gw[k]![1]! += d * xi[1]!;
        gb[k]! += d;
      });
    });
    w = w.map((row, k) => row.map((v, j) => v - lr * gw[k]![j]!));
    b = b.map((v, k) => v - lr * gb[k]!);
  }
  const model = new Linear(2, 3);
  model.weight.data.set([0.1, -0.2, 0.05, 0.3, -0.1, 0.0]);
  model.bias!.data.set([0.01, -0.02, 0.03]);
  train({
    model,
    loss: new CrossEntropyLoss(),
    optimizer: new SGD(model.parameters(), { lr }),
    data: { xTrain: x, yTrain: y, xTest: x, yTest: y },
    iterations: 3,
  });
  w.flat().forEach((v, i) => assert.ok(Math.abs(model.weight.data[i]! - v) < 1e-15));
  b.forEach((v, i) => assert.ok(Math.abs(model.bias!.data[i]! - v) < 1e-15));
});

Deno.test("train() with a too-large lr throws DivergenceError and leaves finite weights", async (t) => {
  await t.step("the message names the iteration and suggests a lower lr", () => {
    const s = irisSetup({ seed: 0, lr: 1e300, stepSize: null });
    const before = weights(s);
    let caught: unknown;
    try {
      train(s);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof DivergenceError);
    assert.ok(caught instanceof RangeError);
    assert.match(caught.message, /^loss is (NaN|Infinity) at iteration 2 \(lr=1e\+300\)/);
    // Not lr=1e+299: a tenth of a runaway lr is capped at 0.1.
    assert.match(caught.message, /try a lower learning rate \(e\.g\. lr=0\.1\)/);
    assert.equal(caught.suggestedLr, 0.1);
    assert.match(caught.message, /restored to iteration 0$/);
    assert.equal(caught.iteration, 2);
    // Nothing NaN is left behind: the weights are the initial ones again.
    assert.deepEqual(weights(s), before);
    assert.equal(s.optimizer.stepCount >= 0, true);
  });

  await t.step("restores the last evaluation point when divergence comes later", () => {
    const s = irisSetup({ seed: 0, stepSize: null, stopAt: null, evalEvery: 5 });
    const snapshot: number[][][] = [];
    let lrRaised = false;
    try {
      train({
        ...s,
        onProgress: (i) => {
          if (i === 10) snapshot.push(weights(s));
          if (i === 12 && !lrRaised) {
            s.optimizer.paramGroups[0]!.lr = 1e300;
            lrRaised = true;
          }
        },
      });
      assert.fail("expected a DivergenceError");
    } catch (error) {
      assert.ok(error instanceof DivergenceError);
      assert.equal(error.restoredTo, 10);
      assert.deepEqual(weights(s), snapshot[0]);
      assert.ok(weights(s).flat().every(Number.isFinite));
    }
  });
});

Deno.test("train() rejects bad inputs with clear errors and changes nothing", async (t) => {
  const base = () => irisSetup({ seed: 0, iterations: 10 });
  const rejects = (
    name: string,
    patch: (o: TrainOptions) => TrainOptions,
    expected: { name: string; message: string | RegExp },
  ) =>
    t.step(name, () => {
      const o = base();
      const before = weights(o);
      const epoch = (o.scheduler as StepLR).lastEpoch;
      const msg = expected.message;
      assert.throws(
        () => train(patch(o)),
        (e: Error) =>
          e.name === expected.name &&
          (typeof msg === "string" ? e.message === msg : msg.test(e.message)),
      );
      assert.deepEqual(weights(o), before);
      assert.equal(o.optimizer.stepCount, 0);
      assert.equal((o.scheduler as StepLR).lastEpoch, epoch);
    });

  await rejects("labels and rows of different lengths", (o) => ({
    ...o,
    data: { ...o.data, yTrain: [0, 1] },
  }), { name: "RangeError", message: "data.yTrain has 2 labels but data.xTrain has 120 rows" });
  await rejects("test features of another width", (o) => ({
    ...o,
    data: { ...o.data, xTest: [[1, 2, 3]], yTest: [0] },
  }), { name: "RangeError", message: "data.xTest has 3 features per row but data.xTrain has 4" });
  await rejects("features the model cannot take", (o) => ({
    ...o,
    data: { xTrain: [[1, 2, 3]], yTrain: [0], xTest: [[1, 2, 3]], yTest: [0] },
  }), { name: "RangeError", message: /^linear: cannot multiply \[1, 3\]/ });
  await rejects("ragged rows", (o) => ({
    ...o,
    data: { ...o.data, xTrain: [[1, 2, 3, 4], [1, 2]], yTrain: [0, 1] },
  }), { name: "RangeError", message: "data.xTrain rows must all have 4 features, got 2 in row 1" });
  await rejects("a training label out of range", (o) => ({
    ...o,
    data: { ...o.data, yTrain: o.data.yTrain.length ? Array(120).fill(3) : [] },
  }), { name: "RangeError", message: /labels must be integers in \[0, 2\], got labels\[0\]=3/ });
  await rejects("a test label out of range", (o) => ({
    ...o,
    data: { ...o.data, yTest: Array(30).fill(5) },
  }), {
    name: "RangeError",
    message: "data.yTest must hold class indices in [0, 2], got data.yTest[0]=5",
  });
  await rejects("a negative or fractional label", (o) => ({
    ...o,
    data: { ...o.data, yTest: [...Array(29).fill(0), 0.5] },
  }), {
    name: "RangeError",
    message: "data.yTest must hold class indices ≥ 0, got data.yTest[29]=0.5",
  });
  await rejects("an lr of NaN", (o) => {
    o.optimizer.paramGroups[0]!.lr = NaN;
    return o;
  }, {
    name: "RangeError",
    message: "optimizer.paramGroups[0].lr must be finite, got optimizer.paramGroups[0].lr=NaN",
  });
  await rejects("empty training data", (o) => ({
    ...o,
    data: { ...o.data, xTrain: [], yTrain: [] },
  }), { name: "RangeError", message: "data.xTrain must not be empty" });
  await rejects("no data at all", (o) => ({ ...o, data: undefined as never }), {
    name: "TypeError",
    message: "data must be { xTrain, yTrain, xTest, yTest }, got data=undefined",
  });
  await rejects("a loss that does not reduce", (o) => ({
    ...o,
    loss: new CrossEntropyLoss({ reduction: "none" }),
  }), {
    name: "RangeError",
    message: 'loss must reduce to one number (reduction "mean" or "sum"), got shape [120]',
  });
  await rejects("negative iterations", (o) => ({ ...o, iterations: -1 }), {
    name: "RangeError",
    message: "iterations must be ≥ 0, got iterations=-1",
  });
  await rejects("evalEvery 0", (o) => ({ ...o, evalEvery: 0 }), {
    name: "RangeError",
    message: "evalEvery must be a positive integer, got evalEvery=0",
  });
  await rejects("checkpointEvery without onCheckpoint", (o) => ({ ...o, checkpointEvery: 5 }), {
    name: "TypeError",
    message: "checkpointEvery needs onCheckpoint to receive the checkpoints",
  });
  await rejects("a model that is not one", (o) => ({ ...o, model: {} as never }), {
    name: "TypeError",
    message: "model must be a Module with forward(), got model={}",
  });
});

Deno.test("train() works with any optimizer and scheduler of the library", () => {
  const model = new Linear(4, 3, { rng: new Random(0) });
  const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const s = irisSetup({ seed: 0 });
  const r = train({
    model,
    loss: new CrossEntropyLoss(),
    optimizer,
    scheduler: new StepLR(optimizer, { stepSize: 100, gamma: 0.1 }),
    data: s.data,
    iterations: 300,
    evalEvery: 100,
  });
  assert.deepEqual(r.history.lr, [0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1]);
  assert.ok(r.trainAccuracy > 0.6, `train accuracy ${r.trainAccuracy}`);
});
