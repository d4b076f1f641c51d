import assert from "node:assert/strict";
import {
  collectLrs,
  cosineDecaySchedule,
  OneCycleLR,
  ReduceLROnPlateau,
  specValues,
  StepLR,
} from "../../lib/mod.ts";

Deno.test("specValues(scheduler spec) is collectLrs of the same scheduler, one array per group", () => {
  const { lr } = specValues({ type: "StepLR", stepSize: 3, gamma: 0.5 }, {
    lrs: [0.1, 0.02],
    steps: 10,
  });
  const rows = collectLrs(
    new StepLR({ paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] }, { stepSize: 3, gamma: 0.5 }),
    10,
  );
  assert.deepEqual(lr, [rows.map((r) => r[0]), rows.map((r) => r[1])]);
  // closed form, exact: halving is exact in binary floating point
  assert.deepEqual(lr[0], Array.from({ length: 10 }, (_v, e) => 0.1 * 0.5 ** Math.floor(e / 3)));
});

Deno.test("specValues reads the momentum OneCycleLR cycles", () => {
  const { lr, momentum } = specValues({ type: "OneCycleLR", maxLr: 1, totalSteps: 20 }, {
    steps: 20,
  });
  const optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
  const scheduler = new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 20 });
  const lrs: number[] = [];
  const moms: number[] = [];
  for (let e = 0; e < 20; e++) {
    if (e > 0) scheduler.step();
    lrs.push(optimizer.paramGroups[0]!.lr);
    moms.push(optimizer.paramGroups[0]!.momentum);
  }
  assert.deepEqual(lr, [lrs]);
  assert.deepEqual(momentum, [moms]);
  assert.equal(momentum[0]![0], 0.95, "starts at maxMomentum");
});

Deno.test("specValues steps ReduceLROnPlateau with the constant metric (a plateau)", () => {
  const { lr } = specValues({ type: "ReduceLROnPlateau", factor: 0.5, patience: 2 }, {
    steps: 12,
    metric: 3,
  });
  const optimizer = { paramGroups: [{ lr: 0.1 }] };
  const scheduler = new ReduceLROnPlateau(optimizer, { factor: 0.5, patience: 2 });
  const expected: number[] = [];
  for (let e = 0; e < 12; e++) {
    if (e > 0) scheduler.step(3);
    expected.push(optimizer.paramGroups[0]!.lr);
  }
  assert.deepEqual(lr, [expected]);
  assert.ok(expected.at(-1)! < 0.1, "the plateau lowered the lr");
});

Deno.test("specValues(pure schedule spec) is the schedule itself, one group", () => {
  const { lr } = specValues(
    { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 8 },
    { lrs: [1, 2], steps: 10 },
  );
  const schedule = cosineDecaySchedule({ initValue: 0.1, decaySteps: 8 });
  assert.deepEqual(lr, [Array.from({ length: 10 }, (_v, t) => schedule(t))]);
});

Deno.test("specValues checks its options and the spec before running", () => {
  const spec = { type: "StepLR", stepSize: 2 };
  assert.throws(() => specValues(spec, { step: 3 } as never), /unknown option step/);
  assert.throws(() => specValues(spec, { lrs: [] }), TypeError);
  assert.throws(() => specValues(spec, { steps: -1 }), RangeError);
  assert.throws(() => specValues(spec, { steps: 1.5 }), RangeError);
  assert.throws(() => specValues({ type: "StepLR", stepSize: 0 }), RangeError);
  assert.deepEqual(specValues(spec, { steps: 0 }).lr, [[]]);
});
