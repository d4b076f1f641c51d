/**
 * Optimizers: PyTorch's validation messages, groups, `step()` reading `group.lr` afresh, state
 * round trips, and single updates against the formulas written out by hand (exact equality: the
 * test repeats PyTorch's order of operations).
 */

import assert from "node:assert/strict";
import { Adam, AdamW, SGD } from "../../lib/optim/mod.ts";
import { StepLR } from "../../lib/schedulers/step_lr.ts";
import { type Tensor, tensor } from "../../lib/tensor/mod.ts";

function param(values: number[], grad: number[]): Tensor {
  const p = tensor(values, [values.length], { requiresGrad: true });
  p.grad = Float64Array.from(grad);
  return p;
}

Deno.test("constructors reject bad hyperparameters with PyTorch's messages", async (t) => {
  const p = () => [param([1], [1])];
  const cases: [string, () => unknown, string][] = [
    ["SGD lr NaN", () => new SGD(p(), { lr: NaN }), "Invalid learning rate: NaN"],
    ["SGD lr negative", () => new SGD(p(), { lr: -0.1 }), "Invalid learning rate: -0.1"],
    ["SGD momentum", () => new SGD(p(), { momentum: -1 }), "Invalid momentum value: -1"],
    ["SGD weightDecay", () => new SGD(p(), { weightDecay: -1 }), "Invalid weightDecay value: -1"],
    [
      "SGD nesterov without momentum",
      () => new SGD(p(), { nesterov: true }),
      "Nesterov momentum requires a momentum and zero dampening",
    ],
    [
      "SGD nesterov with dampening",
      () => new SGD(p(), { nesterov: true, momentum: 0.9, dampening: 0.1 }),
      "Nesterov momentum requires a momentum and zero dampening",
    ],
    ["Adam lr", () => new Adam(p(), { lr: NaN }), "Invalid learning rate: NaN"],
    ["Adam eps", () => new Adam(p(), { eps: -1 }), "Invalid epsilon value: -1"],
    [
      "Adam beta1",
      () => new Adam(p(), { betas: [1, 0.999] }),
      "Invalid beta parameter at index 0: 1",
    ],
    [
      "Adam beta2",
      () => new Adam(p(), { betas: [0.9, -0.5] }),
      "Invalid beta parameter at index 1: -0.5",
    ],
    [
      "AdamW weightDecay",
      () => new AdamW(p(), { weightDecay: NaN }),
      "Invalid weightDecay value: NaN",
    ],
    [
      "empty parameter list",
      () => new SGD([]),
      "optimizer got an empty parameter list, got params=[]",
    ],
    [
      "a parameter in two groups",
      () => {
        const w = param([1], [1]);
        return new SGD([{ params: [w] }, { params: [w] }]);
      },
      "some parameters appear in more than one parameter group, got paramGroups[1].params[0] twice",
    ],
  ];
  for (const [name, make, message] of cases) {
    await t.step(name, () => assert.throws(make, { name: "RangeError", message }));
  }
});

Deno.test("SGD: one step matches the update written out", async (t) => {
  await t.step("plain: θ − lr·g", () => {
    const p = param([1, -2], [0.5, 0.25]);
    new SGD([p], { lr: 0.1 }).step();
    assert.deepEqual(p.toArray(), [1 + -0.1 * 0.5, -2 + -0.1 * 0.25]);
  });
  await t.step("momentum: buffer is the first gradient, then μb + (1 − τ)g", () => {
    const p = param([1], [0.5]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.2, weightDecay: 0.01 });
    opt.step();
    let g = 0.5 + 0.01 * 1;
    let b = g;
    let theta = 1 + -0.1 * b;
    assert.equal(p.item(), theta);
    opt.step();
    g = 0.5 + 0.01 * theta;
    b = 0.9 * b + (1 - 0.2) * g;
    theta = theta + -0.1 * b;
    assert.equal(p.item(), theta);
  });
  await t.step("nesterov: g + μb", () => {
    const p = param([1], [0.5]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true });
    opt.step();
    opt.step();
    const b1 = 0.5, t1 = 1 + -0.1 * (0.5 + 0.9 * b1);
    const b2 = 0.9 * b1 + 0.5;
    assert.equal(p.item(), t1 + -0.1 * (0.5 + 0.9 * b2));
  });
  await t.step("maximize ascends", () => {
    const p = param([1], [0.5]);
    new SGD([p], { lr: 0.1, maximize: true }).step();
    assert.equal(p.item(), 1 + -0.1 * -0.5);
  });
  await t.step("parameters without a gradient are skipped", () => {
    const p = tensor([1], [1], { requiresGrad: true });
    new SGD([p], { lr: 0.1, weightDecay: 0.5 }).step();
    assert.equal(p.item(), 1);
  });
});

Deno.test("Adam and AdamW: one step matches the update written out", async (t) => {
  const adamStep = (theta: number, g: number, lr: number, wd: number, decoupled: boolean) => {
    if (decoupled) theta = theta * (1 - lr * wd);
    else g = g + wd * theta;
    const m = 0 + 0.1 * (g - 0); // lerp(0, g, 0.1)
    const v = 0 * 0.999 + (1 - 0.999) * g * g;
    const denom = Math.sqrt(v) / Math.sqrt(1 - 0.999) + 1e-8;
    return theta + -(lr / (1 - 0.9)) * m / denom;
  };
  await t.step("Adam adds weightDecay·θ to the gradient", () => {
    const p = param([2], [0.3]);
    new Adam([p], { lr: 0.01, weightDecay: 0.1 }).step();
    assert.equal(p.item(), adamStep(2, 0.3, 0.01, 0.1, false));
  });
  await t.step("AdamW decays θ by (1 − lr·weightDecay) first", () => {
    const p = param([2], [0.3]);
    new AdamW([p], { lr: 0.01, weightDecay: 0.1 }).step();
    assert.equal(p.item(), adamStep(2, 0.3, 0.01, 0.1, true));
  });
  await t.step("AdamW's default weightDecay is 1e-2", () => {
    assert.equal(new AdamW([param([1], [1])]).paramGroups[0]!.weightDecay, 1e-2);
  });
});

Deno.test("param groups: defaults fill missing keys, and each group keeps its own lr", () => {
  const a = param([1], [1]), b = param([1], [1]);
  const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
  assert.equal(opt.paramGroups[0]!.lr, 0.1);
  assert.equal(opt.paramGroups[1]!.lr, 0.5);
  assert.equal(opt.paramGroups[1]!.momentum, 0.9);
  opt.step();
  assert.equal(a.item(), 1 - 0.1);
  assert.equal(b.item(), 1 - 0.5);
});

Deno.test("step() reads group.lr each time, so StepLR drives it", () => {
  const p = param([0], [1]);
  const opt = new SGD([p], { lr: 1 });
  const sched = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
  const seen: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = p.item();
    opt.step();
    seen.push(before - p.item());
    sched.step();
  }
  assert.deepEqual(seen, [1, 1, 0.5, 0.5, 0.25]);
  assert.equal(opt.stepCount, 5);
});

Deno.test("zeroGrad fills gradients with zeros in place", () => {
  const p = param([1, 2], [3, 4]);
  const buffer = p.grad;
  new SGD([p]).zeroGrad();
  assert.equal(p.grad, buffer);
  assert.deepEqual(Array.from(p.grad!), [0, 0]);
});

Deno.test("stateDict round trip: a restored optimizer continues exactly", async (t) => {
  for (
    const make of [
      (ps: Tensor[]) => new SGD(ps, { lr: 0.1, momentum: 0.9 }),
      (ps: Tensor[]) => new Adam(ps, { lr: 0.01, amsgrad: true }),
    ]
  ) {
    await t.step(make([param([0], [0])]).constructor.name, () => {
      const run = (opt: ReturnType<typeof make>, p: Tensor, steps: number) => {
        for (let i = 0; i < steps; i++) {
          p.grad!.set([Math.sin(p.data[0]!), Math.cos(p.data[1]!)]);
          opt.step();
        }
      };
      const p1 = param([1, 2], [0, 0]);
      const o1 = make([p1]);
      run(o1, p1, 3);
      const saved = JSON.parse(JSON.stringify(o1.stateDict()));
      const p2 = param(p1.toArray(), [0, 0]);
      const o2 = make([p2]);
      o2.loadStateDict(saved);
      assert.deepEqual(o2.paramGroups.map((g) => g.lr), o1.paramGroups.map((g) => g.lr));
      run(o1, p1, 4);
      run(o2, p2, 4);
      assert.deepEqual(p2.toArray(), p1.toArray());
    });
  }
});

Deno.test("loadStateDict rejects a mismatched state and changes nothing", () => {
  const p = param([1], [1]);
  const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
  opt.step();
  const before = JSON.stringify(opt.stateDict());
  const bad = JSON.parse(before);
  bad.paramGroups.push({ ...bad.paramGroups[0] });
  assert.throws(() => opt.loadStateDict(bad), {
    name: "RangeError",
    message: "loaded state dict has a different number of parameter groups: expected 1, got 2",
  });
  const badLr = JSON.parse(before);
  badLr.paramGroups[0].lr = -1;
  assert.throws(() => opt.loadStateDict(badLr), { message: "Invalid learning rate: -1" });
  const badLength = JSON.parse(before);
  badLength.state["0"].momentumBuffer = [1, 2];
  badLength.paramGroups[0].lr = 5; // valid, but must not be applied
  assert.throws(() => opt.loadStateDict(badLength), {
    name: "RangeError",
    message: "loaded state for parameter 0 has momentumBuffer of length 2, expected 1",
  });
  const badValue = JSON.parse(before);
  badValue.state["0"].momentumBuffer = ["a"];
  assert.throws(() => opt.loadStateDict(badValue), {
    name: "TypeError",
    message:
      'loaded state["0"].momentumBuffer must hold numbers, got state["0"].momentumBuffer[0]="a"',
  });
  const badEntry = JSON.parse(before);
  badEntry.state["0"] = null;
  assert.throws(() => opt.loadStateDict(badEntry), {
    name: "TypeError",
    message: "loaded state for parameter 0 must be an object, got null",
  });
  assert.equal(JSON.stringify(opt.stateDict()), before);
});

Deno.test("param groups may carry the keys schedulers record, and a state round trip keeps them", () => {
  const groupOf = (o: SGD) => o.paramGroups[0] as unknown as Record<string, unknown>;
  const make = () => {
    const p = param([1, 2], [0.5, 0.5]);
    const group = { params: [p], lr: 0.1, momentum: 0.9, initialMomentum: 0.9, lrScale: 0.5 };
    return new SGD([group as { params: Tensor[] }]);
  };
  const a = make();
  groupOf(a).maxBeta1 = 0.95; // as OneCycleLR driving beta1 records it
  a.step();
  const saved = JSON.parse(JSON.stringify(a.stateDict()));
  const b = make();
  b.loadStateDict(saved);
  assert.equal(groupOf(b).maxBeta1, 0.95);
  assert.equal(groupOf(b).lrScale, 0.5);
  saved.paramGroups[0].maxBeta1 = null; // NaN through JSON
  const c = make();
  assert.throws(() => c.loadStateDict(saved), {
    name: "TypeError",
    message:
      "loaded paramGroups[0].maxBeta1 must be a number, got loaded paramGroups[0].maxBeta1=null",
  });
  assert.equal(groupOf(c).maxBeta1, undefined);
});
