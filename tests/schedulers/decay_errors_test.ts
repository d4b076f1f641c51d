/**
 * Bad input throws the right error class with a message naming the argument and its value
 * (PyTorch's wording where PyTorch has a check), before anything is touched: the optimizer's
 * groups (no `lr` change, no `initialLr` added) and, for failed steps and loads, the scheduler.
 */

import assert from "node:assert/strict";
import {
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  MultiplicativeLR,
  MultiStepLR,
  type OptimizerLike,
  PolynomialLR,
  type SchedulerState,
  StepLR,
} from "../../lib/schedulers/mod.ts";

type Build = (optimizer: OptimizerLike) => unknown;
type Case = [
  label: string,
  build: Build,
  error: typeof TypeError | typeof RangeError,
  message: string,
];

// deno-lint-ignore no-explicit-any
const anyOptions = (o: unknown): any => o;

const CASES: Case[] = [
  // The options object and its keys.
  [
    "StepLR without options",
    (o) => new StepLR(o, anyOptions(undefined)),
    TypeError,
    "StepLR options must be an object, got options=undefined",
  ],
  [
    "StepLR with a snake_case key",
    (o) => new StepLR(o, anyOptions({ step_size: 5 })),
    TypeError,
    "StepLR got an unknown option step_size (did you mean stepSize?); expected one of stepSize, gamma, lastEpoch, field",
  ],
  [
    "ConstantLR with options null",
    (o) => new ConstantLR(o, anyOptions(null)),
    TypeError,
    "ConstantLR options must be an object, got options=null",
  ],
  // lastEpoch (checked by the base class).
  [
    "lastEpoch -2",
    (o) => new ExponentialLR(o, { gamma: 0.9, lastEpoch: -2 }),
    RangeError,
    "lastEpoch must be -1 or more, got lastEpoch=-2",
  ],
  [
    "lastEpoch 1.5",
    (o) => new ExponentialLR(o, { gamma: 0.9, lastEpoch: 1.5 }),
    RangeError,
    "lastEpoch must be an integer, got lastEpoch=1.5",
  ],
  [
    "lastEpoch 3 without initialLr",
    (o) => new StepLR(o, { stepSize: 2, lastEpoch: 3 }),
    TypeError,
    "param 'initialLr' is not specified in paramGroups[0] when resuming an optimizer",
  ],
  // LambdaLR and MultiplicativeLR.
  [
    "LambdaLR lrLambda 5",
    (o) => new LambdaLR(o, { lrLambda: anyOptions(5) }),
    TypeError,
    "lrLambda should be a function, but got lrLambda=5",
  ],
  [
    "LambdaLR lrLambda missing",
    (o) => new LambdaLR(o, anyOptions({})),
    TypeError,
    "lrLambda should be a function, but got lrLambda=undefined",
  ],
  [
    "LambdaLR with 3 lambdas for 2 groups",
    (o) => new LambdaLR(o, { lrLambda: [() => 1, () => 1, () => 1] }),
    RangeError,
    "Expected 2 lrLambdas, but got 3",
  ],
  [
    "LambdaLR with a non-function in the list",
    (o) => new LambdaLR(o, { lrLambda: [() => 1, anyOptions("x")] }),
    TypeError,
    'lrLambda[1] should be a function, but got lrLambda[1]="x"',
  ],
  [
    "LambdaLR lambda returning NaN at epoch 0",
    (o) => new LambdaLR(o, { lrLambda: () => NaN }),
    RangeError,
    "lrLambda must return a finite number, got lrLambda(0)=NaN for paramGroups[0]",
  ],
  [
    "LambdaLR lambda returning a string",
    (o) => new LambdaLR(o, { lrLambda: [() => 1, () => anyOptions("1")] }),
    TypeError,
    'lrLambda must return a number, got lrLambda(0)="1" for paramGroups[1]',
  ],
  [
    "LambdaLR lambda throwing",
    (o) =>
      new LambdaLR(o, {
        lrLambda: () => {
          throw new RangeError("boom");
        },
      }),
    RangeError,
    "boom",
  ],
  [
    "MultiplicativeLR with 1 lambda for 2 groups",
    (o) => new MultiplicativeLR(o, { lrLambda: [() => 1] }),
    RangeError,
    "Expected 2 lrLambdas, but got 1",
  ],
  [
    "MultiplicativeLR lrLambda null",
    (o) => new MultiplicativeLR(o, { lrLambda: anyOptions(null) }),
    TypeError,
    "MultiplicativeLR option lrLambda must not be null, got lrLambda=null",
  ],
  // StepLR.
  [
    "StepLR stepSize 0",
    (o) => new StepLR(o, { stepSize: 0 }),
    RangeError,
    "stepSize must be a positive integer, got stepSize=0",
  ],
  [
    "StepLR stepSize -3",
    (o) => new StepLR(o, { stepSize: -3 }),
    RangeError,
    "stepSize must be a positive integer, got stepSize=-3",
  ],
  [
    "StepLR stepSize 2.5",
    (o) => new StepLR(o, { stepSize: 2.5 }),
    RangeError,
    "stepSize must be an integer, got stepSize=2.5",
  ],
  [
    "StepLR stepSize NaN",
    (o) => new StepLR(o, { stepSize: NaN }),
    RangeError,
    "stepSize must be an integer, got stepSize=NaN",
  ],
  [
    "StepLR stepSize Infinity",
    (o) => new StepLR(o, { stepSize: Infinity }),
    RangeError,
    "stepSize must be an integer, got stepSize=Infinity",
  ],
  [
    'StepLR stepSize "5"',
    (o) => new StepLR(o, { stepSize: anyOptions("5") }),
    TypeError,
    'stepSize must be a number, got stepSize="5"',
  ],
  [
    "StepLR gamma NaN",
    (o) => new StepLR(o, { stepSize: 2, gamma: NaN }),
    RangeError,
    "gamma must be finite, got gamma=NaN",
  ],
  [
    "StepLR gamma Infinity",
    (o) => new StepLR(o, { stepSize: 2, gamma: Infinity }),
    RangeError,
    "gamma must be finite, got gamma=Infinity",
  ],
  [
    "StepLR gamma 0",
    (o) => new StepLR(o, { stepSize: 2, gamma: 0 }),
    RangeError,
    "gamma must be positive, got gamma=0",
  ],
  [
    "StepLR gamma -0.5",
    (o) => new StepLR(o, { stepSize: 2, gamma: -0.5 }),
    RangeError,
    "gamma must be positive, got gamma=-0.5",
  ],
  // MultiStepLR.
  [
    "MultiStepLR milestones 5",
    (o) => new MultiStepLR(o, { milestones: anyOptions(5) }),
    TypeError,
    "milestones must be an array, got milestones=5",
  ],
  [
    "MultiStepLR milestones unsorted",
    (o) => new MultiStepLR(o, { milestones: [5, 3] }),
    RangeError,
    "milestones must be in non-decreasing order, got milestones=[5,3]",
  ],
  [
    "MultiStepLR milestone 2.5",
    (o) => new MultiStepLR(o, { milestones: [1, 2.5] }),
    RangeError,
    "milestones[1] must be an integer, got milestones[1]=2.5",
  ],
  [
    "MultiStepLR milestone NaN",
    (o) => new MultiStepLR(o, { milestones: [NaN] }),
    RangeError,
    "milestones[0] must be an integer, got milestones[0]=NaN",
  ],
  [
    "MultiStepLR milestone -1",
    (o) => new MultiStepLR(o, { milestones: [-1, 4] }),
    RangeError,
    "milestones[0] must be non-negative, got milestones[0]=-1",
  ],
  [
    'MultiStepLR milestone "3"',
    (o) => new MultiStepLR(o, { milestones: anyOptions(["3"]) }),
    TypeError,
    'milestones[0] must be a number, got milestones[0]="3"',
  ],
  [
    "MultiStepLR gamma Infinity",
    (o) => new MultiStepLR(o, { milestones: [2], gamma: Infinity }),
    RangeError,
    "gamma must be finite, got gamma=Infinity",
  ],
  // ConstantLR.
  [
    "ConstantLR factor 1.5",
    (o) => new ConstantLR(o, { factor: 1.5 }),
    RangeError,
    "Constant multiplicative factor expected to be between 0 and 1, got factor=1.5",
  ],
  [
    "ConstantLR factor -0.1",
    (o) => new ConstantLR(o, { factor: -0.1 }),
    RangeError,
    "Constant multiplicative factor expected to be between 0 and 1, got factor=-0.1",
  ],
  [
    "ConstantLR factor NaN",
    (o) => new ConstantLR(o, { factor: NaN }),
    RangeError,
    "Constant multiplicative factor expected to be between 0 and 1, got factor=NaN",
  ],
  [
    "ConstantLR factor 0",
    (o) => new ConstantLR(o, { factor: 0 }),
    RangeError,
    "factor must be greater than 0 (the lr is divided by it at totalIters), got factor=0",
  ],
  [
    "ConstantLR totalIters 0",
    (o) => new ConstantLR(o, { totalIters: 0 }),
    RangeError,
    "totalIters must be a positive integer, got totalIters=0",
  ],
  [
    "ConstantLR totalIters 2.5",
    (o) => new ConstantLR(o, { totalIters: 2.5 }),
    RangeError,
    "totalIters must be an integer, got totalIters=2.5",
  ],
  // LinearLR.
  [
    "LinearLR startFactor 0",
    (o) => new LinearLR(o, { startFactor: 0 }),
    RangeError,
    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1, " +
    "got startFactor=0",
  ],
  [
    "LinearLR startFactor 1.5",
    (o) => new LinearLR(o, { startFactor: 1.5 }),
    RangeError,
    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1, " +
    "got startFactor=1.5",
  ],
  [
    "LinearLR startFactor NaN",
    (o) => new LinearLR(o, { startFactor: NaN }),
    RangeError,
    "Starting multiplicative factor expected to be greater than 0 and less or equal to 1, " +
    "got startFactor=NaN",
  ],
  [
    "LinearLR endFactor -0.1",
    (o) => new LinearLR(o, { endFactor: -0.1 }),
    RangeError,
    "Ending multiplicative factor expected to be between 0 and 1, got endFactor=-0.1",
  ],
  [
    "LinearLR endFactor 1.1",
    (o) => new LinearLR(o, { endFactor: 1.1 }),
    RangeError,
    "Ending multiplicative factor expected to be between 0 and 1, got endFactor=1.1",
  ],
  [
    "LinearLR endFactor Infinity",
    (o) => new LinearLR(o, { endFactor: Infinity }),
    RangeError,
    "Ending multiplicative factor expected to be between 0 and 1, got endFactor=Infinity",
  ],
  [
    "LinearLR totalIters -1",
    (o) => new LinearLR(o, { totalIters: -1 }),
    RangeError,
    "totalIters must be a positive integer, got totalIters=-1",
  ],
  // ExponentialLR.
  [
    "ExponentialLR without gamma",
    (o) => new ExponentialLR(o, anyOptions({})),
    TypeError,
    "gamma must be a number, got gamma=undefined",
  ],
  [
    "ExponentialLR gamma NaN",
    (o) => new ExponentialLR(o, { gamma: NaN }),
    RangeError,
    "gamma must be finite, got gamma=NaN",
  ],
  [
    "ExponentialLR gamma 0",
    (o) => new ExponentialLR(o, { gamma: 0 }),
    RangeError,
    "gamma must be positive, got gamma=0",
  ],
  // PolynomialLR.
  [
    "PolynomialLR totalIters 0",
    (o) => new PolynomialLR(o, { totalIters: 0 }),
    RangeError,
    "totalIters must be a positive integer, got totalIters=0",
  ],
  [
    "PolynomialLR totalIters 1.5",
    (o) => new PolynomialLR(o, { totalIters: 1.5 }),
    RangeError,
    "totalIters must be an integer, got totalIters=1.5",
  ],
  [
    "PolynomialLR power -1",
    (o) => new PolynomialLR(o, { power: -1 }),
    RangeError,
    "power must be non-negative, got power=-1",
  ],
  [
    "PolynomialLR power NaN",
    (o) => new PolynomialLR(o, { power: NaN }),
    RangeError,
    "power must be finite, got power=NaN",
  ],
  // CosineAnnealingLR.
  [
    "CosineAnnealingLR without tMax",
    (o) => new CosineAnnealingLR(o, anyOptions({})),
    TypeError,
    "tMax must be a number, got tMax=undefined",
  ],
  [
    "CosineAnnealingLR T_max",
    (o) => new CosineAnnealingLR(o, anyOptions({ T_max: 10 })),
    TypeError,
    "CosineAnnealingLR got an unknown option T_max (did you mean tMax?); expected one of tMax, etaMin, lastEpoch, field",
  ],
  [
    "CosineAnnealingLR tMax 0",
    (o) => new CosineAnnealingLR(o, { tMax: 0 }),
    RangeError,
    "tMax must be a positive integer, got tMax=0",
  ],
  [
    "CosineAnnealingLR tMax 2.5",
    (o) => new CosineAnnealingLR(o, { tMax: 2.5 }),
    RangeError,
    "tMax must be an integer, got tMax=2.5",
  ],
  [
    "CosineAnnealingLR etaMin -1",
    (o) => new CosineAnnealingLR(o, { tMax: 5, etaMin: -1 }),
    RangeError,
    "etaMin must be non-negative, got etaMin=-1",
  ],
  [
    "CosineAnnealingLR etaMin NaN",
    (o) => new CosineAnnealingLR(o, { tMax: 5, etaMin: NaN }),
    RangeError,
    "etaMin must be finite, got etaMin=NaN",
  ],
];

function assertThrows(fn: () => unknown, error: Case[2], message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof error, `expected ${error.name}, got ${e}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}

for (const [label, build, error, message] of CASES) {
  Deno.test(`${label} throws ${error.name} and leaves the optimizer untouched`, () => {
    const optimizer: OptimizerLike = { paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.2 }] };
    const before = structuredClone(optimizer.paramGroups);
    assertThrows(() => build(optimizer), error, message);
    assert.deepEqual(optimizer.paramGroups, before);
  });
}

Deno.test("a bad optimizer throws before the options are looked at", () => {
  assertThrows(
    () => new StepLR(anyOptions({}), { stepSize: 0 }),
    TypeError,
    "optimizer must have a paramGroups array, got optimizer={}",
  );
  assertThrows(
    () => new ExponentialLR({ paramGroups: [] }, { gamma: 0 }),
    RangeError,
    "optimizer.paramGroups must not be empty, got optimizer.paramGroups=[]",
  );
  assertThrows(
    () => new LinearLR({ paramGroups: [{ lr: NaN }] }),
    RangeError,
    "optimizer.paramGroups[0].lr must be finite, got optimizer.paramGroups[0].lr=NaN",
  );
});

/** The scheduler's state and the groups, to check that a failed call changed neither. */
function snapshot(scheduler: LRScheduler): string {
  return JSON.stringify([scheduler.stateDict(), scheduler.optimizer.paramGroups]);
}

Deno.test("a lambda failing at a later step throws there and changes nothing", () => {
  const optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.2 }] };
  const s = new MultiplicativeLR(optimizer, {
    lrLambda: [() => 0.5, (e) => e === 3 ? Infinity : 0.5],
  });
  s.step();
  s.step();
  const before = snapshot(s);
  assertThrows(
    () => s.step(),
    RangeError,
    "lrLambda must return a finite number, got lrLambda(3)=Infinity for paramGroups[1]",
  );
  assert.equal(snapshot(s), before);
  assert.equal(s.lastEpoch, 2);
});

const BAD_STATES: [string, () => LRScheduler, Record<string, unknown>, Case[2], string][] = [
  [
    "StepLR stepSize 0",
    () => new StepLR(opt(), { stepSize: 3 }),
    { stepSize: 0 },
    RangeError,
    "state.stepSize must be a positive integer, got state.stepSize=0",
  ],
  [
    "StepLR without gamma",
    () => new StepLR(opt(), { stepSize: 3 }),
    { gamma: undefined },
    TypeError,
    "state.gamma must be a number, got state.gamma=undefined",
  ],
  [
    "MultiStepLR unsorted milestones",
    () => new MultiStepLR(opt(), { milestones: [1] }),
    { milestones: [4, 2] },
    RangeError,
    "state.milestones must be in non-decreasing order, got state.milestones=[4,2]",
  ],
  [
    "ConstantLR factor 2",
    () => new ConstantLR(opt()),
    { factor: 2 },
    RangeError,
    "Constant multiplicative factor expected to be between 0 and 1, got state.factor=2",
  ],
  [
    "LinearLR endFactor 3",
    () => new LinearLR(opt()),
    { endFactor: 3 },
    RangeError,
    "Ending multiplicative factor expected to be between 0 and 1, got state.endFactor=3",
  ],
  [
    "ExponentialLR gamma NaN (as JSON null)",
    () => new ExponentialLR(opt(), { gamma: 0.9 }),
    { gamma: null },
    TypeError,
    "state.gamma must be a number, got state.gamma=null",
  ],
  [
    "PolynomialLR power -2",
    () => new PolynomialLR(opt()),
    { power: -2 },
    RangeError,
    "state.power must be non-negative, got state.power=-2",
  ],
  [
    "CosineAnnealingLR tMax 0.5",
    () => new CosineAnnealingLR(opt(), { tMax: 3 }),
    { tMax: 0.5 },
    RangeError,
    "state.tMax must be an integer, got state.tMax=0.5",
  ],
  [
    "LambdaLR lrLambdas with a function's place filled",
    () => new LambdaLR(opt(), { lrLambda: () => 1 }),
    { lrLambdas: [null, {}] },
    RangeError,
    "state.lrLambdas must be 2 nulls, one per param group (functions are not saved), " +
    "got state.lrLambdas=[null,{}]",
  ],
  [
    "MultiplicativeLR without lrLambdas",
    () => new MultiplicativeLR(opt(), { lrLambda: () => 1 }),
    { lrLambdas: undefined },
    RangeError,
    "state.lrLambdas must be 2 nulls, one per param group (functions are not saved), " +
    "got state.lrLambdas=undefined",
  ],
];

function opt(): OptimizerLike {
  return { paramGroups: [{ lr: 0.1 }, { lr: 0.2 }] };
}

for (const [label, make, patch, error, message] of BAD_STATES) {
  Deno.test(`loadStateDict() with ${label} throws ${error.name} and changes nothing`, () => {
    const s = make();
    s.step();
    const good = s.stateDict();
    s.step();
    const before = snapshot(s);
    const bad = { ...good, ...patch, lastEpoch: 40 } as SchedulerState;
    assertThrows(() => s.loadStateDict(bad), error, message);
    assert.equal(snapshot(s), before);
  });
}
