/**
 * Issue 7's rules for the schedulers: `loadStateDict` checks as much as the constructor (and
 * refuses another class's state), no scheduler writes a non-finite or negative lr or a
 * momentum or beta outside [0, 1) (it throws first, naming the option, and changes nothing),
 * composites' `step()` takes no argument, and explicit `null` is accepted only where PyTorch
 * documents `None`.
 */

import assert from "node:assert/strict";
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  type CyclicLROptions,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  OneCycleLR,
  type OptimizerLike,
  ReduceLROnPlateau,
  ScheduleLR,
  type SchedulerState,
  SequentialLR,
  StepLR,
} from "../../lib/schedulers/mod.ts";

// deno-lint-ignore no-explicit-any
const loose = (o: unknown): any => o;

function sgd(lr = 0.1): OptimizerLike {
  return { paramGroups: [{ lr, momentum: 0.9 }, { lr: lr * 2, momentum: 0.9 }] };
}

/** Everything a failed call must leave alone: the groups and the scheduler's state. */
function snapshot(optimizer: OptimizerLike, scheduler?: LRScheduler): string {
  return JSON.stringify([optimizer.paramGroups, scheduler?.stateDict() ?? null]);
}

function throwsUnchanged(
  optimizer: OptimizerLike,
  scheduler: LRScheduler | undefined,
  fn: () => unknown,
  ErrorClass: typeof TypeError | typeof RangeError,
  message: string | RegExp,
): void {
  const before = snapshot(optimizer, scheduler);
  assert.throws(fn, (e: unknown) => {
    assert.equal((e as Error).constructor, ErrorClass, String(e));
    if (typeof message === "string") assert.equal((e as Error).message, message);
    else assert.match((e as Error).message, message);
    return true;
  });
  assert.equal(snapshot(optimizer, scheduler), before, "a failed call changed something");
}

Deno.test("loadStateDict() checks the state as much as the constructor checks options", async (t) => {
  const fresh = () => {
    const o = sgd();
    const s = new StepLR(o, { stepSize: 2, gamma: 0.5 });
    s.step();
    return { o, s, state: s.stateDict() };
  };
  const cases: [string, (s: SchedulerState) => unknown, typeof RangeError, string | RegExp][] = [
    [
      "lastEpoch -7",
      (s) => ({ ...s, lastEpoch: -7 }),
      RangeError,
      "state.lastEpoch must be -1 or more, got state.lastEpoch=-7",
    ],
    [
      "a negative baseLr",
      (s) => ({ ...s, baseLrs: [0.1, -0.2] }),
      RangeError,
      "state.baseLrs[1] must be finite and non-negative, got state.baseLrs[1]=-0.2",
    ],
    [
      "a NaN lastLr",
      (s) => ({ ...s, lastLr: [NaN, 0.2] }),
      RangeError,
      "state.lastLr[0] must be finite and non-negative, got state.lastLr[0]=NaN",
    ],
    [
      "stepCount 1.5",
      (s) => ({ ...s, stepCount: 1.5 }),
      RangeError,
      "state.stepCount must be an integer, got state.stepCount=1.5",
    ],
    [
      "gamma 0",
      (s) => ({ ...s, gamma: 0 }),
      RangeError,
      "state.gamma must be positive, got state.gamma=0",
    ],
    [
      "stepSize 0",
      (s) => ({ ...s, stepSize: 0 }),
      RangeError,
      "state.stepSize must be a positive integer, got state.stepSize=0",
    ],
    [
      "another class's type",
      (s) => ({ ...s, type: "ExponentialLR" }),
      RangeError,
      'state.type must be "StepLR", got state.type="ExponentialLR": another class\'s state cannot be loaded into a StepLR',
    ],
    [
      "an unknown key",
      (s) => ({ ...s, milestones: [3] }),
      RangeError,
      /^state has an unknown key milestones for a StepLR/,
    ],
    [
      "another field",
      (s) => ({ ...s, field: "momentum" }),
      RangeError,
      'state.field must be "lr" like this scheduler\'s, got state.field="momentum"',
    ],
  ];
  for (const [label, change, ErrorClass, message] of cases) {
    await t.step(`${label} throws and changes nothing`, () => {
      const { o, s, state } = fresh();
      throwsUnchanged(
        o,
        s,
        () => s.loadStateDict(change(state) as SchedulerState),
        ErrorClass,
        message,
      );
    });
  }
  await t.step("null, an array and a string are not states", () => {
    const { o, s } = fresh();
    for (const bad of [null, [], "x"]) {
      throwsUnchanged(
        o,
        s,
        () => s.loadStateDict(loose(bad)),
        TypeError,
        /^state must be an object/,
      );
    }
  });
  await t.step("ExponentialLR refuses StepLR's state, with or without its type", () => {
    const { state } = fresh();
    const o = sgd();
    const e = new ExponentialLR(o, { gamma: 0.9 });
    throwsUnchanged(
      o,
      e,
      () => e.loadStateDict(state),
      RangeError,
      /^state.type must be "ExponentialLR"/,
    );
    const { type: _type, ...untyped } = state;
    throwsUnchanged(
      o,
      e,
      () => e.loadStateDict(untyped as SchedulerState),
      RangeError,
      /^state has an unknown key stepSize for a ExponentialLR/,
    );
  });
  await t.step("ScheduleLR refuses any other scheduler's state", () => {
    const o = sgd();
    const s = new ScheduleLR(o, { schedule: () => 0.1 });
    const others = [
      new StepLR(sgd(), { stepSize: 2 }),
      new ExponentialLR(sgd(), { gamma: 0.5 }),
      new LambdaLR(sgd(), { lrLambda: () => 1 }),
    ];
    for (const other of others) {
      throwsUnchanged(o, s, () => s.loadStateDict(other.stateDict()), RangeError, /^state/);
      const { type: _type, ...untyped } = other.stateDict();
      throwsUnchanged(o, s, () => s.loadStateDict(untyped as SchedulerState), RangeError, /^state/);
    }
  });
  await t.step("a state saved before states had a type loads when it is otherwise valid", () => {
    const { s, state } = fresh();
    const { type: _type, field: _field, ...old } = state;
    const o = sgd();
    const b = new StepLR(o, { stepSize: 5, gamma: 0.1 });
    b.loadStateDict(old as SchedulerState);
    s.step();
    b.step();
    assert.deepEqual(b.getLastLr(), s.getLastLr());
  });
  await t.step("ReduceLROnPlateau refuses factor 1 and a NaN best", () => {
    const o = sgd();
    const s = new ReduceLROnPlateau(o);
    const state = s.stateDict();
    throwsUnchanged(
      o,
      s,
      () => s.loadStateDict({ ...state, factor: 1 }),
      RangeError,
      /^state.factor must be below 1/,
    );
    throwsUnchanged(
      o,
      s,
      () => s.loadStateDict({ ...state, best: "NaN" }),
      RangeError,
      /^state.best must not be NaN/,
    );
  });
  await t.step("CyclicLR refuses a momentum of 1 and a negative maxLr", () => {
    const o = sgd();
    const s = new CyclicLR(o, { baseLr: 0.1, maxLr: 1, stepSizeUp: 2 });
    const state = s.stateDict();
    throwsUnchanged(
      o,
      s,
      () => s.loadStateDict({ ...state, maxMomentums: [1, 0.9] }),
      RangeError,
      "state.maxMomentums[0] must be in [0, 1), got state.maxMomentums[0]=1",
    );
    throwsUnchanged(
      o,
      s,
      () => s.loadStateDict({ ...state, maxLrs: [1, -1] }),
      RangeError,
      "state.maxLrs[1] must be finite and non-negative, got state.maxLrs[1]=-1",
    );
  });
  await t.step("CosineAnnealingWarmRestarts refuses etaMin -1 and tCur beyond tI", () => {
    const o = sgd();
    const s = new CosineAnnealingWarmRestarts(o, { t0: 4 });
    const state = s.stateDict();
    throwsUnchanged(
      o,
      s,
      () => s.loadStateDict({ ...state, etaMin: -1 }),
      RangeError,
      /^state.etaMin must be non-negative/,
    );
    throwsUnchanged(
      o,
      s,
      () => s.loadStateDict({ ...state, tCur: 9 }),
      RangeError,
      /^state.tCur must be below state.tI=4/,
    );
  });
});

Deno.test("no scheduler writes a non-finite or negative lr, or a momentum outside [0, 1)", async (t) => {
  await t.step("OneCycleLR maxMomentum 1.5 is refused by the constructor", () => {
    const adam: OptimizerLike = { paramGroups: [{ lr: 0.1, betas: [0.9, 0.999] }] };
    throwsUnchanged(
      adam,
      undefined,
      () => new OneCycleLR(adam, { maxLr: 1, totalSteps: 10, maxMomentum: 1.5 }),
      RangeError,
      "OneCycleLR maxMomentum must be in [0, 1), got maxMomentum=1.5",
    );
  });
  await t.step("CyclicLR negative baseLr, negative baseMomentum, stepSizeUp 1e308", () => {
    const o = sgd();
    throwsUnchanged(
      o,
      undefined,
      () => new CyclicLR(o, { baseLr: -0.1, maxLr: 1 }),
      RangeError,
      "CyclicLR baseLr must be finite and non-negative, got baseLr=-0.1",
    );
    throwsUnchanged(
      o,
      undefined,
      () => new CyclicLR(o, { baseLr: 0.1, maxLr: 1, baseMomentum: [-0.5, 0.8] }),
      RangeError,
      "CyclicLR baseMomentum[0] must be in [0, 1), got baseMomentum[0]=-0.5",
    );
    throwsUnchanged(
      o,
      undefined,
      () => new CyclicLR(o, { baseLr: 0.1, maxLr: 1, stepSizeUp: 1e308 }),
      RangeError,
      "CyclicLR stepSizeUp + stepSizeDown must be finite, got stepSizeUp=1e+308, stepSizeDown=1e+308",
    );
  });
  await t.step("CosineAnnealingWarmRestarts etaMin -1 is refused", () => {
    const o = sgd();
    throwsUnchanged(
      o,
      undefined,
      () => new CosineAnnealingWarmRestarts(o, { t0: 3, etaMin: -1 }),
      RangeError,
      "etaMin must be non-negative, got etaMin=-1",
    );
  });
  await t.step("a scaleFn returning NaN throws at that step and changes nothing", () => {
    const o = sgd();
    const s = new CyclicLR(o, {
      baseLr: 0.1,
      maxLr: 1,
      stepSizeUp: 2,
      scaleFn: (x) => x < 2 ? 1 : NaN,
    });
    for (let i = 0; i < 3; i++) s.step(); // cycle 1: scaleFn(1) = 1
    throwsUnchanged(
      o,
      s,
      () => s.step(),
      RangeError,
      "CyclicLR scale must be a finite number, got scaleFn(2)=NaN",
    );
  });
  await t.step("gamma 1e308 throws at the step that would reach Infinity, naming gamma", () => {
    const o = sgd();
    const s = new ExponentialLR(o, { gamma: 1e308 });
    s.step(); // 1e307: finite
    throwsUnchanged(
      o,
      s,
      () => s.step(),
      RangeError,
      "ExponentialLR would set paramGroups[0].lr=Infinity at lastEpoch=2, but lr must be finite and non-negative; it follows from its options (gamma=1e+308)",
    );
  });
  await t.step("exp_range with gamma 1e308 names mode and gamma", () => {
    const o = sgd();
    const options: CyclicLROptions = {
      baseLr: 0.1,
      maxLr: 1,
      mode: "exp_range",
      gamma: 1e308,
      stepSizeUp: 4,
    };
    const s = new CyclicLR(o, { ...options, cycleMomentum: false });
    s.step(); // scale gamma ** 1: the lr is huge but finite
    throwsUnchanged(
      o,
      s,
      () => s.step(),
      RangeError,
      'CyclicLR scale must be a finite number, got mode="exp_range" with gamma=1e+308: gamma ** 2=Infinity',
    );
    const o2 = sgd();
    const cycled = new CyclicLR(o2, options);
    throwsUnchanged(
      o2,
      cycled,
      () => cycled.step(),
      RangeError,
      /^CyclicLR would set paramGroups\[0\]\.momentum=-2\.4999999999999993e\+306 at lastEpoch=1, but momentum must be in \[0, 1\); it follows from its options \(.*gamma=1e\+308/,
    );
  });
  await t.step("an lrLambda turning negative throws at that step, naming lrLambda", () => {
    const o = sgd();
    const s = new LambdaLR(o, { lrLambda: (e) => 1 - e / 2 });
    s.step();
    s.step(); // factor 0
    throwsUnchanged(
      o,
      s,
      () => s.step(),
      RangeError,
      "LambdaLR would set paramGroups[0].lr=-0.05 at lastEpoch=3, but lr must be finite and non-negative; it follows from lrLambda",
    );
  });
  await t.step("an optimizer with a negative lr is refused", () => {
    const o: OptimizerLike = { paramGroups: [{ lr: -0.1 }] };
    throwsUnchanged(
      o,
      undefined,
      () => new StepLR(o, { stepSize: 1 }),
      RangeError,
      "optimizer.paramGroups[0].lr must be non-negative, got optimizer.paramGroups[0].lr=-0.1",
    );
  });
  await t.step("LinearLR to endFactor 0: PyTorch's rounding below zero is written as +0", () => {
    // PyTorch's chainable form gives about -3.6e-26 here; anneal writes 0 (within 1e-12 of
    // the base lr, the documented rounding allowance).
    const o: OptimizerLike = { paramGroups: [{ lr: 1 }] };
    const s = new LinearLR(o, { startFactor: 0.06479896061768244, endFactor: 0, totalIters: 4 });
    for (let i = 0; i < 6; i++) {
      s.step();
      assert.ok(o.paramGroups[0]!.lr >= 0, String(o.paramGroups[0]!.lr));
    }
    assert.ok(Object.is(o.paramGroups[0]!.lr, 0));
  });
});

Deno.test("SequentialLR.step() and ChainedScheduler.step() take no argument", () => {
  for (const bad of [NaN, "3", Infinity, -5, 3]) {
    const o = sgd();
    const seq = new SequentialLR(o, {
      schedulers: [
        new ConstantLR(o, { factor: 0.5, totalIters: 2 }),
        new ExponentialLR(o, { gamma: 0.9 }),
      ],
      milestones: [2],
    });
    throwsUnchanged(
      o,
      seq,
      () => seq.step(loose(bad)),
      TypeError,
      /^SequentialLR.step\(\) takes no argument/,
    );
    const o2 = sgd();
    const chain = new ChainedScheduler([new ExponentialLR(o2, { gamma: 0.9 })]);
    throwsUnchanged(
      o2,
      chain,
      () => chain.step(loose(bad)),
      TypeError,
      /^ChainedScheduler.step\(\) takes no argument/,
    );
  }
});

Deno.test("step(epoch) refuses a negative epoch", () => {
  const o = sgd();
  const s = new StepLR(o, { stepSize: 2 });
  throwsUnchanged(o, s, () => s.step(-5), RangeError, "epoch must be non-negative, got epoch=-5");
});

Deno.test("explicit null: accepted only where PyTorch documents None", async (t) => {
  await t.step("CyclicLR stepSizeDown: null and scaleFn: null mean the defaults", () => {
    const a = new CyclicLR(sgd(), {
      baseLr: 0.1,
      maxLr: 1,
      stepSizeUp: 3,
      stepSizeDown: null,
      scaleFn: null,
    });
    const b = new CyclicLR(sgd(), { baseLr: 0.1, maxLr: 1, stepSizeUp: 3 });
    for (let i = 0; i < 8; i++) {
      a.step();
      b.step();
      assert.deepEqual(a.getLastLr(), b.getLastLr());
    }
  });
  await t.step("OneCycleLR totalSteps: null with epochs and stepsPerEpoch", () => {
    const a = new OneCycleLR(sgd(), { maxLr: 1, totalSteps: null, epochs: 2, stepsPerEpoch: 5 });
    assert.equal(a.totalSteps, 10);
    const b = new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 7, epochs: null, stepsPerEpoch: null });
    assert.equal(b.totalSteps, 7);
  });
  await t.step("null elsewhere is an error naming the option", () => {
    const o = sgd();
    const bad: [() => unknown, string][] = [
      [
        () => new StepLR(o, loose({ stepSize: 2, gamma: null })),
        "StepLR option gamma must not be null, got gamma=null",
      ],
      [
        () => new ReduceLROnPlateau(o, loose({ minLr: null })),
        "ReduceLROnPlateau option minLr must not be null, got minLr=null",
      ],
      [
        () => new CyclicLR(o, loose({ baseLr: 0.1, maxLr: 1, stepSizeUp: null })),
        "CyclicLR option stepSizeUp must not be null, got stepSizeUp=null",
      ],
      [
        () => new OneCycleLR(o, loose({ maxLr: 1, totalSteps: 5, pctStart: null })),
        "OneCycleLR option pctStart must not be null, got pctStart=null",
      ],
      [
        () => new StepLR(o, loose({ stepSize: 2, field: null })),
        "StepLR option field must not be null, got field=null",
      ],
    ];
    for (const [fn, message] of bad) throwsUnchanged(o, undefined, fn, TypeError, message);
  });
});
