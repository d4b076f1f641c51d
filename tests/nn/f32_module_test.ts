/**
 * float32 modules: `new Linear(in, out, { dtype })`, `module.to(dtype)` / `float()` /
 * `double()` (in place, replacing the parameters as PyTorch does), initialisers on float32
 * parameters, state dicts across dtypes, optimizer state in the parameters' dtype, and
 * AveragedModel copies keeping the dtype.
 */

import assert from "node:assert/strict";
import {
  Linear,
  normal_,
  pynetInit_,
  ReLU,
  resetLinear,
  Sequential,
  uniform_,
} from "../../lib/nn/mod.ts";
import { Adam, AveragedModel, SGD } from "../../lib/optim/mod.ts";
import { crossEntropy, tensor } from "../../lib/tensor/mod.ts";
import { Random } from "../../lib/random.ts";

const f32 = Math.fround;
const net = (dtype: "float32" | "float64" = "float64", seed = 0) => {
  const rng = new Random(seed);
  return new Sequential(
    new Linear(4, 5, { rng, dtype }),
    new ReLU(),
    new Linear(5, 3, { rng, dtype }),
  );
};

Deno.test("Linear({ dtype: 'float32' }) draws PyTorch's initial values, rounded to float32", () => {
  const a = net("float32"), b = net("float64");
  const pa = a.parameters(), pb = b.parameters();
  pa.forEach((p, k) => {
    assert.equal(p.dtype, "float32");
    assert.ok(p.data instanceof Float32Array);
    assert.deepEqual(p.toArray(), pb[k]!.toArray().map(f32));
  });
  const y = a.forward(tensor([[1, 2, 3, 4]], undefined, { dtype: "float32" }));
  assert.equal(y.dtype, "float32");
  assert.throws(() => a.forward(tensor([[1, 2, 3, 4]])), TypeError, "float64 input, float32 layer");
});

Deno.test("the initialisers fill float32 parameters with rounded draws", () => {
  const t32 = tensor([0, 0, 0, 0], undefined, { dtype: "float32" });
  const t64 = tensor([0, 0, 0, 0]);
  uniform_(t32, -1, 1, { rng: new Random(5) });
  uniform_(t64, -1, 1, { rng: new Random(5) });
  assert.deepEqual(t32.toArray(), t64.toArray().map(f32));
  normal_(t32, 0, 2, { rng: new Random(6) });
  normal_(t64, 0, 2, { rng: new Random(6) });
  assert.deepEqual(t32.toArray(), t64.toArray().map(f32));
  const l32 = pynetInit_(new Linear(3, 2, { dtype: "float32" }), { rng: new Random(7) });
  const l64 = pynetInit_(new Linear(3, 2), { rng: new Random(7) });
  assert.deepEqual(l32.weight.toArray(), l64.weight.toArray().map(f32));
  resetLinear(l32, { rng: new Random(8) });
  resetLinear(l64, { rng: new Random(8) });
  assert.deepEqual(l32.bias!.toArray(), l64.bias!.toArray().map(f32));
});

Deno.test("module.to(dtype) converts every parameter in place, replacing the tensors", () => {
  const model = net();
  const fc = model.modules[0] as Linear;
  const before = model.parameters();
  model.forward(tensor([[1, 2, 3, 4]])).sum().backward();
  assert.equal(model.float(), model, "returns the module");
  const after = model.parameters();
  after.forEach((p, k) => {
    assert.notEqual(p, before[k], "a new tensor, as torch's module.to");
    assert.equal(p.dtype, "float32");
    assert.ok(p.requiresGrad && p.op === "leaf");
    assert.deepEqual(p.toArray(), before[k]!.toArray().map(f32));
    assert.ok(p.grad instanceof Float32Array, "the gradient is converted too");
    assert.deepEqual(Array.from(p.grad!), Array.from(before[k]!.grad!).map(f32));
  });
  assert.equal(fc.weight, after[0], "the layer's fields point to the new tensors");
  assert.equal(fc.bias, after[1]);
  assert.deepEqual(model.namedParameters().map(([n]) => n), [
    "0.weight",
    "0.bias",
    "2.weight",
    "2.bias",
  ]);
  const same = model.parameters();
  model.to("float32");
  assert.deepEqual(model.parameters(), same, "no-op when the dtype matches");
  assert.ok(model.parameters().every((p, k) => p === same[k]));
  model.double();
  assert.ok(model.parameters().every((p) => p.dtype === "float64"));
  assert.throws(() => model.to("float16" as "float32"), RangeError);
});

Deno.test("an optimizer built before module.to keeps the old tensors (build it after, as torch advises)", () => {
  const model = net();
  const early = new SGD(model.parameters(), { lr: 0.1 });
  model.float();
  const late = new SGD(model.parameters(), { lr: 0.1 });
  const x = tensor([[1, 2, 3, 4]], undefined, { dtype: "float32" });
  const w = model.parameters()[0]!;
  const start = w.toArray();
  crossEntropy(model.forward(x), [1]).backward();
  early.step();
  assert.deepEqual(w.toArray(), start, "the early optimizer updates the old float64 tensors");
  late.step();
  assert.notDeepEqual(w.toArray(), start, "the late one trains the model");
});

Deno.test("stateDict keeps float32 values; loadStateDict converts into each parameter's dtype", () => {
  const m32 = net("float32", 1), m64 = net("float64", 2);
  const s64 = m64.stateDict();
  m32.loadStateDict(s64);
  m32.parameters().forEach((p, k) => {
    assert.equal(p.dtype, "float32", "loading never changes a dtype");
    assert.deepEqual(p.toArray(), m64.parameters()[k]!.toArray().map(f32), "like copy_");
  });
  const s32 = JSON.parse(JSON.stringify(m32.stateDict()));
  const back = net("float64", 3);
  back.loadStateDict(s32);
  back.parameters().forEach((p, k) => {
    assert.deepEqual(p.toArray(), m32.parameters()[k]!.toArray(), "float32 values are exact");
  });
});

Deno.test("optimizers keep float32 state and save and restore it", () => {
  const model = net("float32");
  const opt = new Adam(model.parameters(), { lr: 0.01, amsgrad: true });
  const x = tensor([[1, 2, 3, 4], [0, 1, 0, 1]], undefined, { dtype: "float32" });
  for (let i = 0; i < 3; i++) {
    opt.zeroGrad();
    crossEntropy(model.forward(x), [0, 2]).backward();
    opt.step();
  }
  const saved = JSON.parse(JSON.stringify(opt.stateDict()));
  const s0 = saved.state["0"];
  assert.ok(s0.expAvg.every((v: number) => f32(v) === v));
  const twin = net("float32");
  twin.loadStateDict(model.stateDict());
  const opt2 = new Adam(twin.parameters(), { lr: 0.01, amsgrad: true });
  opt2.loadStateDict(saved);
  for (const o of [opt, opt2]) {
    const m = o === opt ? model : twin;
    o.zeroGrad();
    crossEntropy(m.forward(x), [0, 2]).backward();
    o.step();
  }
  assert.deepEqual(
    twin.parameters().map((p) => p.toArray()),
    model.parameters().map((p) => p.toArray()),
  );
  const sgd = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  sgd.step();
  const buf = (sgd.stateDict().state["0"] as { momentumBuffer: number[] }).momentumBuffer;
  assert.ok(buf.every((v) => f32(v) === v), "a float32 momentum buffer");
});

Deno.test("AveragedModel copies a float32 model as float32", () => {
  const model = net("float32");
  const swa = new AveragedModel(model);
  assert.ok(swa.module.parameters().every((p) => p.dtype === "float32"));
  swa.updateParameters(model);
  swa.updateParameters(model);
  assert.deepEqual(
    swa.module.parameters().map((p) => p.toArray()),
    model.parameters().map((p) => p.toArray()),
  );
});
