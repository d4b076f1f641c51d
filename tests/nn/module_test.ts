/**
 * Modules: PyTorch's parameter names and order, train/eval, state dict round trips, and the
 * initialisers (PyTorch's Linear bounds, PyNet's 0.01·N(0, 1), seeded reproducibility).
 */

import assert from "node:assert/strict";
import {
  CrossEntropyLoss,
  Linear,
  normal_,
  pynetInit_,
  ReLU,
  resetLinear,
  Sequential,
  uniform_,
} from "../../lib/nn/mod.ts";
import { Random } from "../../lib/random.ts";
import { tensor, zeros } from "../../lib/tensor/mod.ts";

const net = (rng = new Random(0)) =>
  new Sequential(
    new Linear(4, 20, { rng }),
    new ReLU(),
    new Linear(20, 20, { rng }),
    new ReLU(),
    new Linear(20, 3, { rng }),
  );

Deno.test("Sequential names parameters as PyTorch does, in order", () => {
  const model = net();
  assert.deepEqual(model.namedParameters().map(([n, p]) => `${n}:${p.shape.join("x")}`), [
    "0.weight:20x4",
    "0.bias:20",
    "2.weight:20x20",
    "2.bias:20",
    "4.weight:3x20",
    "4.bias:3",
  ]);
  assert.equal(model.parameters().length, 6);
  assert.ok(model.parameters().every((p) => p.requiresGrad));
});

Deno.test("Linear without bias has one parameter and computes x Wᵀ", () => {
  const fc = new Linear(2, 1, { bias: false });
  fc.weight.data.set([3, -1]);
  assert.equal(fc.bias, null);
  assert.deepEqual(fc.namedParameters().map(([n]) => n), ["weight"]);
  assert.deepEqual(fc.forward(tensor([[1, 2], [0, 1]])).toArray(), [1, -1]);
});

Deno.test("train() and eval() set the mode recursively", () => {
  const model = net();
  model.eval();
  assert.ok(!model.training && !(model.modules[2]!.training));
  model.train();
  assert.ok(model.training && model.modules[4]!.training);
});

Deno.test("stateDict round trip restores every parameter in place", () => {
  const a = net(new Random(1)), b = net(new Random(2));
  const bufferBefore = b.parameters()[0]!.data;
  b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
  assert.equal(b.parameters()[0]!.data, bufferBefore);
  a.parameters().forEach((p, i) => assert.deepEqual(b.parameters()[i]!.toArray(), p.toArray()));
});

Deno.test("loadStateDict names missing, unexpected and mis-shaped keys and changes nothing", () => {
  const model = net();
  const before = JSON.stringify(model.stateDict());
  const state = JSON.parse(before);
  delete state["0.bias"];
  state["9.weight"] = { shape: [1], data: [0] };
  state["4.bias"] = { shape: [4], data: [0, 0, 0, 0] };
  assert.throws(() => model.loadStateDict(state), {
    name: "RangeError",
    message: 'loadStateDict: missing key "0.bias"; ' +
      'shape mismatch for "4.bias": expected [3], got [4] with 4 values; unexpected key "9.weight"',
  });
  const strings = JSON.parse(before);
  strings["0.bias"].data[1] = "x";
  strings["0.weight"].data.fill(7); // valid, but must not be applied
  assert.throws(() => model.loadStateDict(strings), {
    name: "RangeError",
    message: 'loadStateDict: "0.bias" data must hold numbers, got data[1]="x"',
  });
  assert.equal(JSON.stringify(model.stateDict()), before);
});

Deno.test("Linear's default init is PyTorch's: U(−1/√fanIn, 1/√fanIn), weights then bias", () => {
  const fc = new Linear(25, 40, { rng: new Random(3) });
  const bound = 1 / 5;
  const all = [...fc.weight.toArray(), ...fc.bias!.toArray()];
  assert.ok(all.every((v) => v >= -bound && v < bound));
  assert.ok(Math.max(...all) > 0.9 * bound && Math.min(...all) < -0.9 * bound);
  // the same stream, drawn by hand in row-major order
  const rng = new Random(3);
  assert.deepEqual(all, all.map(() => rng.uniform(-bound, bound)));
  // reproducible from the seed; resetLinear redraws from a given stream
  assert.deepEqual(
    new Linear(25, 40, { rng: new Random(3) }).weight.toArray(),
    fc.weight.toArray(),
  );
  resetLinear(fc, { rng: new Random(4) });
  assert.notDeepEqual(fc.weight.toArray(), all.slice(0, 1000));
});

Deno.test("pynetInit_ draws 0.01·N(0, 1) weights and zero biases", () => {
  const fc = pynetInit_(new Linear(4, 20), { rng: new Random(5) });
  const rng = new Random(5);
  assert.deepEqual(fc.weight.toArray(), fc.weight.toArray().map(() => 0.01 * rng.normal(0, 1)));
  assert.deepEqual(fc.bias!.toArray(), new Array(20).fill(0));
});

Deno.test("uniform_ and normal_ fill in row-major order from the stream", () => {
  const rng = new Random(6);
  const u = uniform_(zeros([2, 3]), -1, 1, { rng: new Random(6) }).toArray();
  assert.deepEqual(u, u.map(() => rng.uniform(-1, 1)));
  const n = normal_(zeros([1000]), 3, 0.5, { rng: new Random(7) }).toArray();
  const mean = n.reduce((a, b) => a + b) / n.length;
  assert.ok(Math.abs(mean - 3) < 0.1, `mean ${mean}`);
  assert.throws(() => normal_(zeros([1]), 0, -1), {
    name: "RangeError",
    message: "std must be non-negative, got std=-1",
  });
});

Deno.test("CrossEntropyLoss validates its reduction and its inputs", async (t) => {
  await t.step("unknown reduction", () => {
    assert.throws(
      // deno-lint-ignore no-explicit-any
      () => new CrossEntropyLoss({ reduction: "avg" as any }),
      {
        name: "RangeError",
        message: 'reduction must be one of "mean", "sum", "none", got reduction="avg"',
      },
    );
  });
  const loss = new CrossEntropyLoss();
  const z = tensor([[1, 2, 3], [0, 0, 0]]);
  await t.step("label out of range", () => {
    assert.throws(() => loss.forward(z, [0, 3]), {
      name: "RangeError",
      message: "crossEntropy: labels must be integers in [0, 2], got labels[1]=3",
    });
  });
  await t.step("non-integer label", () => {
    assert.throws(() => loss.forward(z, [0.5, 1]), {
      message: "crossEntropy: labels must be integers in [0, 2], got labels[0]=0.5",
    });
  });
  await t.step("wrong number of labels", () => {
    assert.throws(() => loss.forward(z, [0]), {
      message: "crossEntropy: expected 2 labels for logits of shape [2, 3], got 1",
    });
  });
  await t.step("empty batch", () => {
    assert.throws(() => loss.forward(zeros([0, 3]), []), {
      message:
        "crossEntropy: logits must have shape [batch, classes] with batch, classes ≥ 1, got [0, 3]",
    });
  });
});
