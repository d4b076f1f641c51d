import assert from "node:assert/strict";
import { loadDigits, trainValTestSplit } from "../../lib/data/mod.ts";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { ReduceLROnPlateau, StepLR } from "../../lib/schedulers/mod.ts";
import { Random } from "../../lib/random.ts";
import { noGrad, tensor } from "../../lib/tensor/mod.ts";
import {
  type Checkpoint,
  sweep,
  train,
  trainAsync,
  type TrainOptions,
} from "../../lib/train/mod.ts";

const digits = loadDigits();
const split = trainValTestSplit(
  { x: digits.x.map((row) => row.map((v) => v / 16)), y: digits.y },
  { stratify: true, seed: 1, valFraction: 0.2, testFraction: 0.2 },
);
/** A 300-row slice: small enough for many runs. */
const small = {
  xTrain: split.xTrain.slice(0, 300),
  yTrain: split.yTrain.slice(0, 300),
  xTest: split.xTest.slice(0, 100),
  yTest: split.yTest.slice(0, 100),
  xVal: split.xVal.slice(0, 100),
  yVal: split.yVal.slice(0, 100),
};

const weights = (m: { parameters(): { data: Float64Array | Float32Array }[] }) =>
  m.parameters().map((p) => Array.from(p.data));

/** A fresh 64-16-10 network, SGD with momentum and StepLR, drawn from Random(seed). */
function setup(
  seed = 0,
  lr = 0.2,
): TrainOptions & { rng: Random; model: Sequential; optimizer: SGD } {
  const rng = new Random(seed);
  const model = new Sequential(
    new Linear(64, 16, { rng }),
    new ReLU(),
    new Linear(16, 10, { rng }),
  );
  const optimizer = new SGD(model.parameters(), { lr, momentum: 0.9 });
  return {
    model,
    loss: new CrossEntropyLoss(),
    optimizer,
    scheduler: new StepLR(optimizer, { stepSize: 1, gamma: 0.7 }),
    schedulerInterval: "epoch",
    data: small,
    epochs: 4,
    batchSize: 32,
    shuffle: true,
    rng,
    evalEvery: 5,
  };
}

/** The mean cross-entropy of `model` on the given rows, computed directly. */
function lossOn(model: Sequential, rows: readonly number[]): number {
  const x = tensor(rows.map((i) => small.xTrain[i]!));
  const y = Int32Array.from(rows, (i) => small.yTrain[i]!);
  return noGrad(() => new CrossEntropyLoss().forward(model.forward(x), y)).item();
}

Deno.test("train() on mini-batches", async (t) => {
  await t.step(
    "shuffle: false takes the rows in order, batch after batch, the last one short",
    () => {
      const s = setup(0, 0); // lr 0: the weights stay, so each loss shows which rows it saw
      const losses: number[] = [];
      const r = train({
        ...s,
        shuffle: false,
        epochs: 2,
        onProgress: (_i, loss) => void losses.push(loss),
      });
      assert.equal(r.stepsPerEpoch, 10); // 9 batches of 32, one of 12
      assert.equal(r.iteration, 20);
      const batches = Array.from(
        { length: 10 },
        (_, b) => Array.from({ length: b < 9 ? 32 : 12 }, (_, k) => b * 32 + k),
      );
      const expected = [...batches, ...batches].map((rows) => lossOn(s.model, rows));
      expected.forEach((e, i) => assert.ok(Math.abs(losses[i]! - e) <= 1e-15, `batch ${i}`));
    },
  );

  await t.step("shuffle: true draws a fresh permutation each epoch from rng", () => {
    const s = setup(3, 0);
    const reference = new Random(0);
    reference.setState(s.rng.state()); // the stream as train() finds it
    const losses: number[] = [];
    train({ ...s, epochs: 3, onProgress: (_i, loss) => void losses.push(loss) });
    const orders = [0, 1, 2].map(() => reference.shuffle(Array.from({ length: 300 }, (_, i) => i)));
    assert.notDeepEqual(orders[0], orders[1]);
    const expected = orders.flatMap((order) =>
      Array.from({ length: 10 }, (_, b) => lossOn(s.model, order.slice(b * 32, b * 32 + 32)))
    );
    assert.equal(losses.length, 30);
    expected.forEach((e, i) => assert.ok(Math.abs(losses[i]! - e) <= 1e-15, `batch ${i}`));
    assert.deepEqual(s.rng.state(), reference.state());
  });

  await t.step("a shuffled run is reproducible bit for bit; another seed differs", () => {
    const a = setup(5), b = setup(5), c = setup(6);
    const ra = train(a), rb = train(b), rc = train(c);
    assert.deepEqual(rb, ra);
    assert.deepEqual(weights(b.model), weights(a.model));
    assert.notDeepEqual(rc.history.loss, ra.history.loss);
  });

  await t.step("dropLast drops the short batch; epochs count whole epochs of batches", () => {
    const s = setup(0);
    const r = train({ ...s, dropLast: true, epochs: 3 });
    assert.equal(r.stepsPerEpoch, 9);
    assert.equal(r.iteration, 27);
    assert.equal(r.epoch, 3);
    const all = train({ ...setup(0), batchSize: 300, epochs: 2 });
    assert.equal(all.stepsPerEpoch, 1);
    const bigger = train({ ...setup(0), batchSize: 1000, epochs: 2 });
    assert.equal(bigger.stepsPerEpoch, 1); // one batch of every row, as DataLoader gives
  });

  await t.step("history records iterations and fractional epochs", () => {
    const r = train({ ...setup(0), epochs: 2, evalEvery: 5 });
    assert.deepEqual(r.history.iteration, [5, 10, 15, 20]);
    assert.deepEqual(r.history.epoch, [0.5, 1, 1.5, 2]);
    assert.equal(r.history.valLoss!.length, 4);
    assert.equal(r.history.valAccuracy!.length, 4);
    const perEpoch = train({ ...setup(0), epochs: 3, evalEvery: "epoch" });
    assert.deepEqual(perEpoch.history.iteration, [10, 20, 30]);
    assert.deepEqual(perEpoch.history.epoch, [1, 2, 3]);
  });

  await t.step('schedulerInterval "epoch" steps once per epoch, "step" once per batch', () => {
    const lrs: number[] = [];
    train({ ...setup(0), epochs: 3, onProgress: (_i, _l, lr) => void lrs.push(lr) });
    const expected = [0.2, 0.2 * 0.7, 0.2 * 0.7 * 0.7];
    lrs.forEach((lr, i) => assert.ok(Math.abs(lr - expected[Math.floor(i / 10)]!) < 1e-17, `${i}`));
    const perStep: number[] = [];
    train({
      ...setup(0),
      schedulerInterval: "step",
      epochs: 1,
      onProgress: (_i, _l, lr) => void perStep.push(lr),
    });
    perStep.forEach((lr, i) => assert.ok(Math.abs(lr - 0.2 * 0.7 ** i) <= 1e-15 * 0.2, `${i}`));
  });

  await t.step("the captured and the eager loop give bit-identical results", () => {
    const a = setup(2), b = setup(2);
    const ra = train(a), rb = train({ ...b, capture: false });
    assert.deepEqual(rb, ra);
    assert.deepEqual(weights(b.model), weights(a.model));
  });

  await t.step("trainAsync gives the same run", async () => {
    const a = setup(4), b = setup(4);
    const ra = train(a);
    const rb = await trainAsync({ ...b, onProgress: () => Promise.resolve() });
    assert.deepEqual(rb, ra);
    assert.deepEqual(weights(b.model), weights(a.model));
  });
});

Deno.test("train() resumes a shuffled mini-batch run exactly, mid-epoch included", async (t) => {
  const whole = setup(7);
  const expected = train(whole);
  // Checkpoints: mid-epoch, at an epoch's end, in the short last batch, at an evaluation point.
  for (const at of [3, 10, 19, 25, 39]) {
    await t.step(`from iteration ${at}, through JSON`, () => {
      const first = setup(7);
      let saved = "";
      train({
        ...first,
        epochs: undefined,
        iterations: at,
        checkpointEvery: at,
        onCheckpoint: (cp) => saved = JSON.stringify(cp),
      });
      const cp = JSON.parse(saved) as Checkpoint;
      assert.equal(cp.order!.length, 300);
      const resumed = setup(7);
      resumed.rng.uniform(); // moved on: the checkpoint restores it
      const r = train({ ...resumed, resume: cp });
      assert.deepEqual(weights(resumed.model), weights(whole.model));
      assert.deepEqual(r.history, expected.history);
      assert.equal(r.loss, expected.loss);
      assert.deepEqual(resumed.rng.state(), whole.rng.state());
      assert.deepEqual(resumed.optimizer.stateDict(), whole.optimizer.stateDict());
    });
  }
});

Deno.test("train() steps ReduceLROnPlateau itself, with the validation loss", async (t) => {
  const plateauSetup = (withVal: boolean) => {
    const s = setup(0, 0.8);
    const scheduler = new ReduceLROnPlateau(s.optimizer, { factor: 0.5, patience: 0 });
    const data = withVal ? small : { ...small, xVal: undefined, yVal: undefined };
    return { ...s, scheduler, data, epochs: 6, evalEvery: "epoch" as const, shuffle: false };
  };

  await t.step("each evaluation point steps it with the validation loss", () => {
    const s = plateauSetup(true);
    const r = train(s);
    // Independently: replay the validation losses through a fresh plateau scheduler.
    const check = new ReduceLROnPlateau({ paramGroups: [{ lr: 0.8 }] }, {
      factor: 0.5,
      patience: 0,
    });
    const lrs = [0.8];
    for (const v of r.history.valLoss!) {
      check.step(v);
      lrs.push(check.getLastLr()[0]!);
    }
    assert.deepEqual(r.history.lr, lrs.slice(0, 6));
    assert.equal(s.optimizer.paramGroups[0]!.lr, lrs[6]);
    assert.ok(lrs[6]! < 0.8, "the lr was cut at least once");
  });

  await t.step("without a validation set, with the mean training loss since the last point", () => {
    const s = plateauSetup(false);
    const r = train(s);
    assert.equal(r.history.valLoss, undefined);
    const check = new ReduceLROnPlateau({ paramGroups: [{ lr: 0.8 }] }, {
      factor: 0.5,
      patience: 0,
    });
    const lrs = [0.8];
    for (const v of r.history.loss) {
      check.step(v);
      lrs.push(check.getLastLr()[0]!);
    }
    assert.deepEqual(r.history.lr, lrs.slice(0, 6));
  });

  await t.step("a checkpointed plateau run resumes exactly", () => {
    const whole = plateauSetup(true);
    const expected = train(whole);
    const first = plateauSetup(true);
    let saved = "";
    train({
      ...first,
      epochs: undefined,
      iterations: 25,
      checkpointEvery: 25,
      onCheckpoint: (c) => saved = JSON.stringify(c),
    });
    const resumed = plateauSetup(true);
    const r = train({ ...resumed, resume: JSON.parse(saved) });
    assert.deepEqual(r.history, expected.history);
    assert.deepEqual(weights(resumed.model), weights(whole.model));
  });
});

Deno.test("sweep() runs mini-batch configurations and reports their validation accuracy", () => {
  const runs = sweep({
    configs: {
      "batch 32": (seed) => ({ ...setup(seed), epochs: 2 }),
      "batch 32, no validation set": (seed) => ({
        ...setup(seed),
        data: { ...small, xVal: undefined, yVal: undefined },
        epochs: 2,
      }),
    },
    seeds: [0, 1],
  });
  assert.equal(runs.length, 4);
  assert.ok(runs.every((r) => r.iterations === 20 && r.diverged === null));
  const direct = train({ ...setup(1), epochs: 2 });
  assert.equal(runs[1]!.valAccuracy, direct.valAccuracy);
  assert.deepEqual(runs[1]!.history, direct.history);
  assert.ok(!("valAccuracy" in runs[2]!));
});
