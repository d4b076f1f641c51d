/**
 * AveragedModel, getSwaAvgFn, getEmaAvgFn and getEmaMultiAvgFn against real torch
 * (tests/fixtures/swa.json, written by tools/fixtures_swa.py with float64 models): every
 * averaged parameter after every update bit for bit, since each path uses torch's operations in
 * torch's order (the `lerp` EMA with torch's fused multiply-add); should a platform's torch
 * round differently, the 1e-12 relative bound (to max(1, |value|)) is asserted first.
 */

import assert from "node:assert/strict";
import {
  AveragedModel,
  getEmaAvgFn,
  getEmaMultiAvgFn,
  getSwaAvgFn,
  Linear,
  type Module,
  Random,
  ReLU,
  Sequential,
  tensor,
} from "../../lib/mod.ts";

interface AveragedCase {
  name: string;
  model: "Linear" | "Sequential";
  method: "swa" | "ema" | "emaMulti";
  decay: number | null;
  names: string[];
  shapes: number[][];
  snapshots: number[][][];
  averaged: number[][][];
  nAveraged: number;
}

const fixture: { torch: string; averagedModel: AveragedCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/swa.json", import.meta.url)),
);

function makeModel(kind: "Linear" | "Sequential"): Module {
  const rng = new Random(1);
  return kind === "Linear"
    ? new Linear(3, 2, { rng })
    : new Sequential(new Linear(3, 4, { rng }), new ReLU(), new Linear(4, 2, { rng }));
}

function averagedOf(c: AveragedCase, model: Module): AveragedModel {
  if (c.method === "swa") return new AveragedModel(model);
  if (c.method === "ema") return new AveragedModel(model, { avgFn: getEmaAvgFn(c.decay!) });
  return new AveragedModel(model, { multiAvgFn: getEmaMultiAvgFn(c.decay!) });
}

Deno.test("AveragedModel averages like torch's, bit for bit: SWA, EMA avgFn and lerp EMA", () => {
  assert.ok(fixture.averagedModel.length >= 6);
  let values = 0;
  let exact = 0;
  const lerp = { values: 0, exact: 0 };
  for (const c of fixture.averagedModel) {
    const model = makeModel(c.model);
    assert.deepEqual(model.namedParameters().map(([n]) => n), c.names, c.name);
    assert.deepEqual(model.parameters().map((p) => [...p.shape]), c.shapes, c.name);
    const averaged = averagedOf(c, model);
    c.snapshots.forEach((snapshot, k) => {
      model.parameters().forEach((p, i) => p.data.set(snapshot[i]!));
      averaged.updateParameters(model);
      averaged.module.parameters().forEach((p, i) => {
        c.averaged[k]![i]!.forEach((expected, j) => {
          const got = p.data[j]!;
          assert.ok(
            Math.abs(got - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
            `${c.name} update ${k} ${c.names[i]}[${j}]: got ${got}, torch ${expected}`,
          );
          values += 1;
          if (c.method === "emaMulti") {
            lerp.values += 1;
            if (Object.is(got, expected)) lerp.exact += 1;
          }
          if (Object.is(got, expected)) exact += 1;
          else assert.fail(`${c.name} update ${k} ${c.names[i]}[${j}]: ${got} vs ${expected}`);
        });
      });
    });
    assert.equal(averaged.nAveraged, c.nAveraged, c.name);
  }
  console.log(
    `AveragedModel: ${fixture.averagedModel.length} cases, ${exact}/${values} values bit-exact ` +
      `against torch ${fixture.torch} (lerp-based EMA: ${lerp.exact}/${lerp.values})`,
  );
});

Deno.test("AveragedModel.module is a deep copy: same class and names, its own tensors", () => {
  const model = makeModel("Sequential") as Sequential;
  const averaged = new AveragedModel(model);
  const copy = averaged.module;
  assert.ok(copy instanceof Sequential);
  assert.ok(copy.modules[0] instanceof Linear && copy.modules[1] instanceof ReLU);
  assert.deepEqual(copy.namedParameters().map(([n]) => n), model.namedParameters().map(([n]) => n));
  copy.parameters().forEach((p, i) => {
    const original = model.parameters()[i]!;
    assert.notEqual(p, original);
    assert.notEqual(p.data, original.data);
    assert.deepEqual(p.data, original.data);
  });
  // the copy's fields point at its own registered parameters
  assert.equal((copy.modules[0] as Linear).weight, copy.parameters()[0]);
  model.parameters()[0]!.data[0] = 123;
  assert.notEqual(copy.parameters()[0]!.data[0], 123);
  // forward runs the averaged copy, and the average's parameters are the copy's ("module.")
  const x = tensor([[1, 2, 3]]);
  assert.deepEqual(averaged.forward(x as never).data, copy.forward(x).data);
  assert.deepEqual(averaged.namedParameters().map(([n]) => n).slice(0, 2), [
    "module.0.weight",
    "module.0.bias",
  ]);
});

Deno.test("AveragedModel state saves n_averaged with the parameters and round-trips", () => {
  const model = makeModel("Linear");
  const a = new AveragedModel(model);
  a.updateParameters(model);
  model.parameters()[0]!.data[0] = 5;
  a.updateParameters(model);
  const state = JSON.parse(JSON.stringify(a.stateDict()));
  assert.deepEqual(state.n_averaged, { shape: [], data: [2] });
  const b = new AveragedModel(makeModel("Linear"));
  b.loadStateDict(state);
  assert.equal(b.nAveraged, 2);
  assert.deepEqual(b.module.stateDict(), a.module.stateDict());
  assert.throws(
    () => b.loadStateDict({ ...state, n_averaged: { shape: [], data: [-1] } }),
    /n_averaged/,
  );
  assert.equal(b.nAveraged, 2);
});

Deno.test("AveragedModel options: one of avgFn and multiAvgFn, functions, a boolean useBuffers", () => {
  const model = makeModel("Linear");
  assert.throws(
    () => new AveragedModel(model, { avgFn: getSwaAvgFn(), multiAvgFn: getEmaMultiAvgFn() }),
    /^TypeError: Only one of avgFn and multiAvgFn should be provided$/,
  );
  assert.throws(() => new AveragedModel(model, { avgFn: 3 as never }), TypeError);
  assert.throws(() => new AveragedModel(model, { useBuffers: "yes" as never }), TypeError);
  assert.throws(
    () => new AveragedModel(model, { avg_fn: getSwaAvgFn() } as never),
    /unknown option avg_fn \(did you mean avgFn\?\)/,
  );
  assert.throws(() => new AveragedModel({} as never), /model must be a Module/);
});

Deno.test("AveragedModel.updateParameters refuses a model of another shape and changes nothing", () => {
  const averaged = new AveragedModel(makeModel("Linear"));
  averaged.updateParameters(makeModel("Linear"));
  const before = JSON.stringify(averaged.stateDict());
  assert.throws(() => averaged.updateParameters(new Linear(2, 2)), /shapes differ/);
  assert.throws(() => averaged.updateParameters(makeModel("Sequential")), /parameters/);
  assert.equal(JSON.stringify(averaged.stateDict()), before);
});

Deno.test("getEmaAvgFn and getEmaMultiAvgFn: decay in [0, 1], PyTorch's message", () => {
  for (const make of [getEmaAvgFn, getEmaMultiAvgFn]) {
    assert.throws(
      () => make(1.5),
      /^RangeError: Invalid decay value 1.5 provided. Please provide a value in \[0,1\] range/,
    );
    assert.throws(() => make(-0.1), RangeError);
    assert.throws(() => make("0.9" as never), TypeError);
  }
  // decay 1 keeps the average, decay 0 takes the model
  const keep = getEmaAvgFn(1)(tensor([1, 2]), tensor([5, 6]), 3);
  const take = getEmaAvgFn(0)(tensor([1, 2]), tensor([5, 6]), 3);
  assert.deepEqual([...keep.data, ...take.data], [1, 2, 5, 6]);
});

Deno.test("getSwaAvgFn after n updates is the mean of the n + 1 values (closed form)", () => {
  const values = [0.3, 1.7, -2.2, 4.1, 0.05];
  const avg = getSwaAvgFn();
  let a = tensor([values[0]!]);
  values.slice(1).forEach((v, n) => a = avg(a, tensor([v]), n + 1));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(a.data[0]! - mean) <= 1e-15 * 4);
});
