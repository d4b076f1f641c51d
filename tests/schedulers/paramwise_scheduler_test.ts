/**
 * ParamwiseScheduler: each group follows its own scheduler exactly as that scheduler would on
 * an optimizer holding the group alone (bit for bit), a `null` group is left alone, the state
 * round-trips, and failures change nothing.
 */

import assert from "node:assert/strict";
import {
  ChainedScheduler,
  CosineAnnealingLR,
  LambdaLR,
  type LRScheduler,
  OneCycleLR,
  type OptimizerLike,
  ParamwiseScheduler,
  ReduceLROnPlateau,
  type SchedulerFactory,
  type SchedulerState,
  SequentialLR,
  StepLR,
  WarmupLR,
} from "../../lib/schedulers/mod.ts";

// deno-lint-ignore no-explicit-any
const loose = (o: unknown): any => o;

const FACTORIES: (SchedulerFactory | null)[] = [
  (o) => new LambdaLR(o, { lrLambda: () => 0 }), // a frozen backbone
  (o) =>
    new WarmupLR(o, {
      scheduler: (p) => new CosineAnnealingLR(p, { tMax: 12, etaMin: 1e-4 }),
      warmupSteps: 4,
    }),
  (o) => new OneCycleLR(o, { maxLr: 0.3, totalSteps: 25 }),
  null,
];

function optimizer(): OptimizerLike {
  return {
    paramGroups: [0.01, 0.1, 0.05, 0.02].map((lr) => ({ lr, momentum: 0.9 })),
  };
}

Deno.test("each group follows its scheduler exactly as it would alone; a null group is left alone", () => {
  const o = optimizer();
  const s = new ParamwiseScheduler(o, { schedulers: FACTORIES });
  const alone = FACTORIES.map((f, i) =>
    f === null ? null : f({ paramGroups: [{ lr: o.paramGroups[i]!.initialLr!, momentum: 0.9 }] })
  );
  for (let k = 0; k < 24; k++) {
    o.paramGroups.forEach((g, i) => {
      const child = alone[i];
      if (child === null) {
        assert.equal(g.lr, 0.02);
        assert.equal(g.momentum, 0.9);
      } else {
        assert.ok(Object.is(g.lr, child!.getLastLr()[0]), `step ${k}, group ${i}`);
        assert.ok(Object.is(g.momentum, child!.optimizer.paramGroups[0]!.momentum));
      }
    });
    assert.deepEqual(s.getLastLr(), o.paramGroups.map((g) => g.lr));
    s.step();
    alone.forEach((c) => c?.step());
  }
  assert.equal(s.lastEpoch, 24);
});

Deno.test("a plateau in one group gets the metric, the others step without it", () => {
  const o: OptimizerLike = { paramGroups: [{ lr: 0.1 }, { lr: 0.1 }] };
  const s = new ParamwiseScheduler(o, {
    schedulers: [
      (p) => new ReduceLROnPlateau(p, { patience: 0, factor: 0.5 }),
      (p) => new StepLR(p, { stepSize: 1, gamma: 0.9 }),
    ],
  });
  for (const loss of [1, 1, 1]) s.step(loss);
  // the plateau cut twice (epochs 2 and 3), the StepLR decayed three times
  assert.deepEqual(s.getLastLr(), [0.025, 0.1 * 0.9 * 0.9 * 0.9]);
  assert.throws(() => s.step(), /^TypeError: ParamwiseScheduler.step\(\) takes the metric/);
});

Deno.test("ParamwiseScheduler state round trip: a rebuilt one continues bit for bit", () => {
  const a = new ParamwiseScheduler(optimizer(), { schedulers: FACTORIES });
  for (let k = 0; k < 7; k++) a.step();
  const saved = JSON.parse(JSON.stringify(a.stateDict())) as SchedulerState;
  assert.equal(saved.type, "ParamwiseScheduler");
  assert.equal((saved.schedulers as unknown[])[3], null);
  const o = optimizer();
  const b = new ParamwiseScheduler(o, { schedulers: FACTORIES });
  b.loadStateDict(saved);
  // the optimizer's own state (its groups) is restored with the optimizer
  o.paramGroups.forEach((g, i) => Object.assign(g, a.optimizer.paramGroups[i]));
  for (let k = 0; k < 15; k++) {
    a.step();
    b.step();
    assert.deepEqual(b.getLastLr(), a.getLastLr());
  }
  assert.deepEqual(b.stateDict(), a.stateDict());
});

Deno.test("ParamwiseScheduler rejects bad arguments and changes nothing", async (t) => {
  await t.step("one entry per group, each a function or null", () => {
    const o = optimizer();
    assert.throws(
      () => new ParamwiseScheduler(o, { schedulers: [null] }),
      /^RangeError: schedulers must have one entry per param group \(4\)/,
    );
    assert.throws(
      () => new ParamwiseScheduler(o, { schedulers: loose([null, null, 3, null]) }),
      /^TypeError: schedulers\[2\] must be a function building a scheduler or null/,
    );
    assert.throws(
      () => new ParamwiseScheduler(o, loose({ scheduler: [] })),
      /did you mean schedulers\?/,
    );
  });
  await t.step("a factory that fails after others were built puts the groups back", () => {
    const o = optimizer();
    const before = JSON.stringify(o.paramGroups);
    assert.throws(
      () =>
        new ParamwiseScheduler(o, {
          schedulers: [
            (p) => new StepLR(p, { stepSize: 2 }),
            (p) => new OneCycleLR(p, { maxLr: 0.3, totalSteps: 25 }),
            (p) => new StepLR(p, { stepSize: 0 }),
            null,
          ],
        }),
      /^RangeError: stepSize must be a positive integer, got stepSize=0/,
    );
    assert.equal(JSON.stringify(o.paramGroups), before);
  });
  await t.step("a factory building over another optimizer, and mixed fields", () => {
    const o = optimizer();
    const before = JSON.stringify(o.paramGroups);
    const elsewhere: LRScheduler = new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 1 });
    assert.throws(
      () => new ParamwiseScheduler(o, { schedulers: [() => elsewhere, null, null, null] }),
      /^TypeError: schedulers\[0\] must return a scheduler built over the optimizer it is given/,
    );
    assert.throws(
      () =>
        new ParamwiseScheduler(o, {
          schedulers: [
            (p) => new StepLR(p, { stepSize: 1 }),
            (p) => new StepLR(p, { stepSize: 1, field: "momentum" }),
            null,
            null,
          ],
        }),
      /^RangeError: ParamwiseScheduler expects all schedulers to drive the same field/,
    );
    assert.equal(JSON.stringify(o.paramGroups), before);
  });
  await t.step("a child that throws during step() puts every child and group back", () => {
    const o: OptimizerLike = { paramGroups: [{ lr: 0.1 }, { lr: 0.1 }] };
    const s = new ParamwiseScheduler(o, {
      schedulers: [
        (p) => new StepLR(p, { stepSize: 1, gamma: 0.5 }),
        (p) => new LambdaLR(p, { lrLambda: (e) => (e < 2 ? 1 : NaN) }),
      ],
    });
    s.step();
    const before = JSON.stringify([o.paramGroups, s.stateDict()]);
    assert.throws(() => s.step(), /^RangeError: lrLambda must return a finite number/);
    assert.equal(JSON.stringify([o.paramGroups, s.stateDict()]), before);
    assert.throws(
      () => s.step(loose(3)),
      /^TypeError: ParamwiseScheduler.step\(\) takes no argument/,
    );
  });
  await t.step("SequentialLR and ChainedScheduler refuse a ParamwiseScheduler child", () => {
    const o = optimizer();
    const p = new ParamwiseScheduler(o, { schedulers: FACTORIES });
    assert.throws(
      () =>
        new SequentialLR(o, { schedulers: [p, new StepLR(o, { stepSize: 1 })], milestones: [2] }),
      /^RangeError: SequentialLR does not support a ParamwiseScheduler \(at index 0\)/,
    );
    assert.throws(
      () => new ChainedScheduler([p]),
      /^RangeError: ChainedScheduler does not support a ParamwiseScheduler \(at index 0\)/,
    );
  });
  await t.step("a state with a child where the group has none", () => {
    const o = optimizer();
    const s = new ParamwiseScheduler(o, { schedulers: FACTORIES });
    const state = s.stateDict();
    const before = JSON.stringify([o.paramGroups, s.stateDict()]);
    const children = state.schedulers as SchedulerState[];
    assert.throws(
      () => s.loadStateDict({ ...state, schedulers: [...children.slice(0, 3), children[0]!] }),
      /^RangeError: state.schedulers must be 4 states, null where the group has no scheduler/,
    );
    assert.throws(
      () => s.loadStateDict({ ...state, schedulers: [children[1]!, ...children.slice(1)] }),
      /state.type must be "LambdaLR"/,
    );
    assert.equal(JSON.stringify([o.paramGroups, s.stateDict()]), before);
  });
});
