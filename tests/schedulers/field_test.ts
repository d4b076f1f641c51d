/**
 * The `field` option: every scheduler drives momentum, beta1, beta2, weightDecay or eps with
 * the same numbers it gives the lr (bit for bit: the same operations on the same values), keeps
 * its own `initial*` bookkeeping so that two schedulers drive two fields of one optimizer, and a
 * training run with scheduled momentum matches a hand-written loop.
 */

import assert from "node:assert/strict";
import {
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  type Field,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  MultiplicativeLR,
  MultiStepLR,
  OneCycleLR,
  type OptimizerLike,
  type ParamGroup,
  PolynomialLR,
  ReduceLROnPlateau,
  ScheduleLR,
  SequentialLR,
  StepLR,
  WarmupLR,
} from "../../lib/schedulers/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { matmul, mean, mul, sub, type Tensor, tensor } from "../../lib/tensor/mod.ts";

type Build = (o: OptimizerLike, field: Field) => LRScheduler;

const BUILDS: [string, Build][] = [
  ["StepLR", (o, field) => new StepLR(o, { stepSize: 3, gamma: 0.7, field })],
  ["MultiStepLR", (o, field) => new MultiStepLR(o, { milestones: [2, 5], gamma: 0.5, field })],
  ["ExponentialLR", (o, field) => new ExponentialLR(o, { gamma: 0.93, field })],
  ["ConstantLR", (o, field) => new ConstantLR(o, { factor: 0.5, totalIters: 4, field })],
  ["LinearLR", (o, field) => new LinearLR(o, { startFactor: 0.2, totalIters: 6, field })],
  ["PolynomialLR", (o, field) => new PolynomialLR(o, { totalIters: 8, power: 2, field })],
  ["CosineAnnealingLR", (o, field) => new CosineAnnealingLR(o, { tMax: 7, field })],
  ["LambdaLR", (o, field) => new LambdaLR(o, { lrLambda: (e) => 1 / (1 + e), field })],
  ["MultiplicativeLR", (o, field) => new MultiplicativeLR(o, { lrLambda: () => 0.9, field })],
  ["ScheduleLR", (o, field) => new ScheduleLR(o, { schedule: (e) => 0.5 / (1 + e), field })],
  [
    "CosineAnnealingWarmRestarts",
    (o, field) => new CosineAnnealingWarmRestarts(o, { t0: 4, field }),
  ],
  [
    "CyclicLR",
    (o, field) =>
      new CyclicLR(o, { baseLr: 0.3, maxLr: 0.8, stepSizeUp: 3, cycleMomentum: false, field }),
  ],
  [
    "OneCycleLR",
    (o, field) => new OneCycleLR(o, { maxLr: 0.8, totalSteps: 30, cycleMomentum: false, field }),
  ],
  [
    "SequentialLR",
    (o, field) =>
      new SequentialLR(o, {
        schedulers: [
          new LinearLR(o, { startFactor: 0.5, totalIters: 3, field }),
          new ExponentialLR(o, { gamma: 0.9, field }),
        ],
        milestones: [3],
      }),
  ],
  [
    "WarmupLR",
    (o, field) =>
      new WarmupLR(o, {
        scheduler: (p) => new CosineAnnealingLR(p, { tMax: 9, field }),
        warmupSteps: 3,
      }),
  ],
  [
    "ReduceLROnPlateau",
    (o, field) => new ReduceLROnPlateau(o, { patience: 0, factor: 0.5, field }),
  ],
];

const METRICS = [1, 0.9, 0.9, 0.95, 0.8, 0.8, 0.8, 0.9, 0.7, 0.7, 0.7, 0.7];

function run(s: LRScheduler, steps: number): number[][] {
  const rows = [s.getLastLr()];
  for (let k = 0; k < steps; k++) {
    if (s instanceof ReduceLROnPlateau) s.step(METRICS[k]!);
    else s.step();
    rows.push(s.getLastLr());
  }
  return rows;
}

/** A group whose `field` holds `value`, with lr 0.05 and the other fields PyTorch's defaults. */
function groupWith(field: Field, value: number): ParamGroup {
  const g: ParamGroup = { lr: 0.05, momentum: 0.9, betas: [0.9, 0.999], weightDecay: 0, eps: 1e-8 };
  if (field === "beta1") g.betas = [value, 0.999];
  else if (field === "beta2") g.betas = [0.9, value];
  else (g as unknown as Record<string, number>)[field] = value;
  return g;
}

function read(g: ParamGroup, field: Field): number {
  if (field === "beta1") return g.betas![0];
  if (field === "beta2") return g.betas![1];
  return (g as unknown as Record<string, number>)[field]!;
}

Deno.test("every scheduler drives any field with exactly the numbers it gives the lr", async (t) => {
  const fields: [Field, number][] = [
    ["momentum", 0.9],
    ["beta1", 0.85],
    ["beta2", 0.999],
    ["weightDecay", 0.01],
    ["eps", 0.5],
  ];
  for (const [name, build] of BUILDS) {
    await t.step(name, () => {
      for (const [field, value] of fields) {
        const lrOnly = { paramGroups: [{ lr: value }, { lr: value / 2 }] };
        const expected = run(build(lrOnly, "lr"), 12);
        const o = { paramGroups: [groupWith(field, value), groupWith(field, value / 2)] };
        const s = build(o, field);
        assert.equal(s.field, field);
        const got = run(s, 12);
        assert.deepEqual(got, expected, `${name} on ${field}`);
        for (const g of o.paramGroups) {
          assert.equal(g.lr, 0.05, `${name} on ${field} left lr alone`);
        }
        assert.deepEqual(o.paramGroups.map((g) => read(g, field)), got[got.length - 1]);
        if (name !== "ReduceLROnPlateau") {
          const key = `initial${field[0]!.toUpperCase()}${field.slice(1)}`;
          assert.ok(key in o.paramGroups[0]!, `${name} records ${key}`);
          assert.ok(
            !("initialLr" in o.paramGroups[0]!),
            `${name} on ${field} records no initialLr`,
          );
        }
      }
    });
  }
});

Deno.test("two schedulers drive lr and momentum of one optimizer, each with its own bookkeeping", () => {
  const o: OptimizerLike = { paramGroups: [{ lr: 0.1, momentum: 0.95 }] };
  const lr = new StepLR(o, { stepSize: 2, gamma: 0.5 });
  const momentum = new CosineAnnealingLR(o, { tMax: 6, etaMin: 0.85, field: "momentum" });
  const lrAlone = new StepLR({ paramGroups: [{ lr: 0.1 }] }, { stepSize: 2, gamma: 0.5 });
  const mAlone = new CosineAnnealingLR({ paramGroups: [{ lr: 0.95 }] }, { tMax: 6, etaMin: 0.85 });
  for (let k = 0; k < 10; k++) {
    assert.equal(o.paramGroups[0]!.lr, lrAlone.getLastLr()[0]);
    assert.equal(o.paramGroups[0]!.momentum, mAlone.getLastLr()[0]);
    lr.step();
    momentum.step();
    lrAlone.step();
    mAlone.step();
  }
  assert.equal(o.paramGroups[0]!.initialLr, 0.1);
  assert.equal(o.paramGroups[0]!.initialMomentum, 0.95);
  assert.equal(momentum.stateDict().field, "momentum");
});

Deno.test("OneCycleLR on beta2 records initialBeta2, maxBeta2, minBeta2 and cycles beta1 as usual", () => {
  const o: OptimizerLike = { paramGroups: [{ lr: 0.01, betas: [0.9, 0.99] }] };
  new OneCycleLR(o, {
    maxLr: 0.999,
    totalSteps: 20,
    divFactor: 2,
    finalDivFactor: 2,
    field: "beta2",
  });
  const g = o.paramGroups[0]! as unknown as Record<string, unknown>;
  assert.equal(g.maxBeta2, 0.999);
  assert.equal(g.initialBeta2, 0.4995);
  assert.equal(g.minBeta2, 0.24975);
  assert.equal(g.lr, 0.01);
  assert.deepEqual(g.betas, [0.95, 0.4995]); // beta1 starts at maxMomentum, beta2 at its initial
  assert.equal(g.initialLr, undefined);
});

Deno.test("a field the groups lack, a bad field name, or a field twice driven is refused", () => {
  const adam: OptimizerLike = { paramGroups: [{ lr: 0.1, betas: [0.9, 0.999] }] };
  const before = JSON.stringify(adam.paramGroups);
  assert.throws(
    () => new StepLR(adam, { stepSize: 2, field: "momentum" }),
    {
      name: "TypeError",
      message:
        "optimizer.paramGroups[0].momentum must be a number to be scheduled, got optimizer.paramGroups[0].momentum=undefined",
    },
  );
  assert.throws(
    () => new StepLR(adam, { stepSize: 2, field: "betas.0" as Field }),
    /^RangeError: field must be one of "lr", "momentum", "beta1", "beta2", "weightDecay", "eps", got field="betas.0"/,
  );
  assert.throws(
    () => new CyclicLR(adam, { baseLr: 0.8, maxLr: 0.9, field: "beta1" }),
    /^RangeError: CyclicLR cannot cycle momentum while it drives field="beta1"; set cycleMomentum: false/,
  );
  assert.throws(
    () => new OneCycleLR(adam, { maxLr: 0.9, totalSteps: 10, field: "beta2", maxMomentum: 1.2 }),
    /^RangeError: OneCycleLR maxMomentum must be in \[0, 1\), got maxMomentum=1.2/,
  );
  assert.throws(
    () => new ExponentialLR(adam, { gamma: 1.5, field: "beta2" }).step(),
    /^RangeError: ExponentialLR would set paramGroups\[0\]\.beta2=1\.4985 at lastEpoch=1, but beta2 must be in \[0, 1\)/,
  );
  assert.equal(
    JSON.stringify(adam.paramGroups.map((g) => [g.lr, g.betas])),
    JSON.stringify(JSON.parse(before).map((g: ParamGroup) => [g.lr, g.betas])),
  );
});

Deno.test("training with scheduled momentum matches a hand-written SGD loop (rel tol 1e-12)", () => {
  // least squares on 6 points, 3 weights: loss = mean((X w - y)^2)
  const X = tensor([1, 2, 0.5, 0.3, -1, 2, 1.5, 0, 1, -0.7, 0.2, 1, 2, 1, -1, 0.1, 0.4, 0.9], [
    6,
    3,
  ]);
  const y = tensor([1, 0.5, -0.2, 2, 0.3, 0.7], [6, 1]);
  const lossOf = (w: Tensor) => {
    const r = sub(matmul(X, w), y);
    return mean(mul(r, r));
  };
  const start = [0.5, -0.3, 0.2];
  const T = 15;
  const m0 = 0.95;
  const etaMin = 0.5;

  const w = tensor(start, [3, 1], { requiresGrad: true });
  const optimizer = new SGD([w], { lr: 0.05, momentum: m0 });
  const lrScheduler = new StepLR(optimizer, { stepSize: 5, gamma: 0.5 });
  const mScheduler = new CosineAnnealingLR(optimizer, { tMax: T, etaMin, field: "momentum" });
  const momenta: number[] = [];
  for (let step = 0; step < T; step++) {
    optimizer.zeroGrad();
    lossOf(w).backward();
    momenta.push(optimizer.paramGroups[0]!.momentum);
    optimizer.step();
    lrScheduler.step();
    mScheduler.step();
  }

  // the hand loop: PyTorch's SGD with momentum, lr and momentum from their closed forms
  const v = tensor(start, [3, 1], { requiresGrad: true });
  let buf: number[] | null = null;
  for (let step = 0; step < T; step++) {
    v.grad?.fill(0);
    lossOf(v).backward();
    const g = Array.from(v.grad!);
    const m = etaMin + (m0 - etaMin) * (1 + Math.cos(Math.PI * step / T)) / 2;
    assert.ok(Math.abs(m - momenta[step]!) <= 1e-15, `momentum at step ${step}`);
    const lr = 0.05 * 0.5 ** Math.floor(step / 5);
    buf = buf === null ? g : buf.map((b, i) => m * b + g[i]!);
    for (let i = 0; i < 3; i++) v.data[i] = v.data[i]! - lr * buf[i]!;
  }
  for (let i = 0; i < 3; i++) {
    const relative = Math.abs(w.data[i]! - v.data[i]!) / Math.abs(v.data[i]!);
    assert.ok(relative <= 1e-12, `weight ${i}: ${w.data[i]} vs ${v.data[i]}`);
  }
  // and the schedule mattered: a constant momentum ends elsewhere
  const u = tensor(start, [3, 1], { requiresGrad: true });
  const constant = new SGD([u], { lr: 0.05, momentum: m0 });
  const uLr = new StepLR(constant, { stepSize: 5, gamma: 0.5 });
  for (let step = 0; step < T; step++) {
    constant.zeroGrad();
    lossOf(u).backward();
    constant.step();
    uLr.step();
  }
  assert.ok(Math.abs(u.data[0]! - w.data[0]!) > 1e-6);
});
