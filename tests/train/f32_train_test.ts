/**
 * train() and lrRangeTest() with a float32 model: the features (nested arrays or float64
 * tensors) are converted to the model's dtype, full-batch and mini-batch steps run in float32,
 * and the float32 run tracks the float64 run of the same initial weights.
 */

import assert from "node:assert/strict";
import { irisSetup, lrRangeTest, train } from "../../lib/train/mod.ts";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";
import { accuracy } from "../../lib/data/mod.ts";
import { tensor } from "../../lib/tensor/mod.ts";

function setup(dtype: "float32" | "float64") {
  const rng = new Random(11);
  const model = new Sequential(
    new Linear(4, 20, { rng, dtype }),
    new ReLU(),
    new Linear(20, 20, { rng, dtype }),
    new ReLU(),
    new Linear(20, 3, { rng, dtype }),
  );
  const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  return { model, optimizer, loss: new CrossEntropyLoss(), data: irisSetup({ seed: 0 }).split };
}

for (const batchSize of [undefined, 16]) {
  Deno.test(`train() runs a float32 model ${batchSize ? "on mini-batches" : "full-batch"} and tracks the float64 run`, () => {
    const a = setup("float32"), b = setup("float64");
    const options = { iterations: 300, evalEvery: 100, batchSize, rng: new Random(1) };
    const ra = train({ ...a, ...options }), rb = train({ ...b, ...options });
    assert.ok(a.model.parameters().every((p) => p.dtype === "float32" && p.grad!.length > 0));
    assert.ok(a.model.parameters().every((p) => p.grad instanceof Float32Array));
    assert.ok(ra.loss < 0.7, `float32 loss ${ra.loss} (it learns: ln 3 ≈ 1.1 at the start)`);
    assert.ok(
      Math.abs(ra.trainAccuracy - rb.trainAccuracy) <= 2 / 120,
      `train accuracy ${ra.trainAccuracy} vs ${rb.trainAccuracy}`,
    );
    // float32 carries ~7 digits; 300 steps of SGD with momentum keep the runs within 1e-3
    assert.ok(Math.abs(ra.loss - rb.loss) < 1e-3, `losses ${ra.loss} vs ${rb.loss}`);
    assert.notEqual(ra.loss, rb.loss, "the float32 run is its own computation");
    assert.equal(Math.fround(ra.loss), ra.loss, "a float32 loss");
  });
}

Deno.test("lrRangeTest runs a float32 model and restores it", () => {
  const a = setup("float32");
  const before = a.model.parameters().map((p) => p.toArray());
  const r = lrRangeTest({ ...a, startLr: 1e-4, endLr: 1, steps: 30 });
  assert.equal(r.lr.length, r.loss.length);
  assert.ok(r.loss.every((l) => Math.fround(l) === l || !Number.isFinite(l)));
  assert.deepEqual(a.model.parameters().map((p) => p.toArray()), before);
});

Deno.test("accuracy() reads float32 scores as a tensor of scores", () => {
  const scores = tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]], undefined, { dtype: "float32" });
  assert.equal(accuracy(scores, [1, 0, 0]), 2 / 3);
});

Deno.test("a float32 run resumed from a JSON checkpoint ends bit-identical to the uninterrupted run", () => {
  const options = { iterations: 200, evalEvery: 50, batchSize: 16, shuffle: true };
  const whole = setup("float32");
  const expected = train({ ...whole, ...options, rng: new Random(5) });
  let saved = "";
  const first = setup("float32");
  train({
    ...first,
    ...options,
    iterations: 75,
    checkpointEvery: 75,
    rng: new Random(5),
    onCheckpoint: (cp) => {
      saved = JSON.stringify(cp);
    },
  });
  const resumed = setup("float32");
  const result = train({ ...resumed, ...options, rng: new Random(5), resume: JSON.parse(saved) });
  assert.deepEqual(
    resumed.model.parameters().map((p) => Array.from(p.data)),
    whole.model.parameters().map((p) => Array.from(p.data)),
  );
  assert.ok(resumed.model.parameters().every((p) => p.dtype === "float32"));
  assert.equal(result.loss, expected.loss);
  assert.deepEqual(resumed.optimizer.stateDict(), whole.optimizer.stateDict());
});
