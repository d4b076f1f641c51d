import assert from "node:assert/strict";
import { accuracyAtLeast, emptyHistory, firstReached, irisSetup } from "../../lib/train/mod.ts";
import { loadIris, trainTestSplit } from "../../lib/data/mod.ts";
import { Random } from "../../lib/random.ts";

Deno.test("irisSetup()", async (t) => {
  await t.step("defaults are the seed post's: 4-20-20-3, sum, lr 1e-3 halved every 10k", () => {
    const s = irisSetup({ seed: 0 });
    assert.deepEqual(
      s.model.namedParameters().map(([n, p]) => `${n}:${p.shape.join("x")}`),
      ["0.weight:20x4", "0.bias:20", "2.weight:20x20", "2.bias:20", "4.weight:3x20", "4.bias:3"],
    );
    assert.equal(s.loss.reduction, "sum");
    assert.equal(s.optimizer.paramGroups[0]!.lr, 1e-3);
    assert.equal(s.iterations, 50_000);
    assert.equal(s.evalEvery, 500);
    assert.equal(s.split.xTrain.length, 120);
    assert.equal(s.split.xTest.length, 30);
  });

  await t.step("weights are 0.01·N(0,1) from the seed's stream after the split; biases 0", () => {
    const s = irisSetup({ seed: 5 });
    const rng = new Random(5);
    trainTestSplit(loadIris(), { testFraction: 0.2, rng }); // the split draws first
    for (const [name, p] of s.model.namedParameters()) {
      if (name.endsWith("bias")) assert.ok(p.data.every((v) => v === 0));
      else p.data.forEach((v) => assert.equal(v, 0.01 * rng.normal(0, 1)));
    }
  });

  await t.step("mean reduction defaults to the same step: lr 0.12 = 1e-3 · 120", () => {
    const s = irisSetup({ reduction: "mean" });
    assert.equal(s.optimizer.paramGroups[0]!.lr, 0.12);
  });

  await t.step("splitSeed fixes the split while the seed changes the weights", () => {
    const a = irisSetup({ seed: 1, splitSeed: 9 });
    const b = irisSetup({ seed: 2, splitSeed: 9 });
    assert.deepEqual(a.split.testIndex, b.split.testIndex);
    assert.notDeepEqual(a.model.parameters()[0]!.toArray(), b.model.parameters()[0]!.toArray());
  });

  await t.step("stepSize null means no scheduler; stopAt null means no stop rule", () => {
    const s = irisSetup({ stepSize: null, stopAt: null });
    assert.equal(s.scheduler, undefined);
    assert.equal(s.stopWhen, undefined);
  });

  await t.step("bad options throw errors that name them", () => {
    assert.throws(() => irisSetup({ lr: NaN }), {
      name: "RangeError",
      message: "lr must be finite, got lr=NaN",
    });
    assert.throws(() => irisSetup({ stepSize: 0 }), {
      name: "RangeError",
      message: "stepSize must be a positive integer, got stepSize=0",
    });
    assert.throws(() => irisSetup({ reduction: "none" as never }), RangeError);
    assert.throws(() => irisSetup({ stopAt: 2 }), RangeError);
  });
});

Deno.test("accuracyAtLeast() and firstReached() read the latest and the first point", () => {
  const h = emptyHistory();
  assert.equal(accuracyAtLeast(0.9999)(h), false);
  assert.equal(firstReached(h), null);
  for (const [train, test] of [[0.9, 1], [1, 0.99], [1, 1], [0.99, 1]]) {
    h.iteration.push(500 * (h.iteration.length + 1));
    h.loss.push(0.1);
    h.lr.push(1e-3);
    h.trainAccuracy.push(train!);
    h.testAccuracy.push(test!);
  }
  assert.equal(firstReached(h), 1500);
  assert.equal(firstReached(h, 0.95), 1000);
  assert.equal(accuracyAtLeast(0.9999)(h), false); // the latest point is 0.99 / 1
  assert.equal(accuracyAtLeast(0.99)(h), true);
  assert.throws(() => accuracyAtLeast(1.5), RangeError);
});
