/**
 * The `hf` functions' options, state and bookkeeping: bad options throw the right class with a
 * message naming the argument (transformers' wording where it has one) and change nothing;
 * states round-trip through JSON; `lastEpoch` resumes; two groups share one factor.
 */

import assert from "node:assert/strict";
import * as hf from "../../lib/hf/mod.ts";
import { setWarningHandler } from "../../lib/schedulers/mod.ts";
import type { ParamGroup } from "../../lib/schedulers/mod.ts";

const groups = (): { paramGroups: ParamGroup[] } => ({
  paramGroups: [{ lr: 0.1 }, { lr: 0.05 }],
});

function throwsAndChangesNothing(
  call: (optimizer: hf.HfOptimizerLike) => unknown,
  error: typeof TypeError | typeof RangeError,
  message: RegExp,
): void {
  const optimizer = groups();
  const before = JSON.stringify(optimizer);
  assert.throws(() => call(optimizer), (e: unknown) => {
    assert.ok(e instanceof error, `expected ${error.name}, got ${e}`);
    assert.match((e as Error).message, message);
    return true;
  });
  assert.equal(JSON.stringify(optimizer), before, "the optimizer is untouched");
}

const STATEFUL: [string, (o: hf.HfOptimizerLike) => hf.HfLambdaLR][] = [
  ["linear", (o) => hf.getLinearScheduleWithWarmup(o, { numWarmupSteps: 5, numTrainingSteps: 30 })],
  [
    "cosine",
    (o) =>
      hf.getCosineScheduleWithWarmup(o, { numWarmupSteps: 5, numTrainingSteps: 30, numCycles: 1 }),
  ],
  ["restarts", (o) =>
    hf.getCosineWithHardRestartsScheduleWithWarmup(o, {
      numWarmupSteps: 2,
      numTrainingSteps: 30,
      numCycles: 3,
    })],
  ["polynomial", (o) =>
    hf.getPolynomialDecayScheduleWithWarmup(o, {
      numWarmupSteps: 3,
      numTrainingSteps: 30,
      lrEnd: 0.001,
      power: 2,
    })],
  ["inverseSqrt", (o) => hf.getInverseSqrtSchedule(o, { numWarmupSteps: 4 })],
  ["minLr", (o) =>
    hf.getCosineWithMinLrScheduleWithWarmup(o, {
      numWarmupSteps: 3,
      numTrainingSteps: 30,
      minLr: 0.001,
    })],
  ["wsd", (o) =>
    hf.getWsdSchedule(o, {
      numWarmupSteps: 3,
      numDecaySteps: 10,
      numStableSteps: 5,
      warmupType: "1-sqrt",
      minLrRatio: 0.1,
    })],
];

Deno.test("hf schedulers' states round-trip through JSON and stepping continues identically", () => {
  for (const [name, make] of STATEFUL) {
    const a = make(groups());
    for (let i = 0; i < 12; i++) a.step();
    const state = JSON.parse(JSON.stringify(a.stateDict()));
    assert.deepEqual(state.hf, { name: a.name, options: a.options }, name);
    const optimizer = groups();
    const b = make(optimizer);
    b.loadStateDict(state);
    for (let i = 0; i < 25; i++) {
      a.step();
      b.step();
      assert.deepEqual(b.getLastLr(), a.getLastLr(), `${name} step ${i}`);
    }
    assert.deepEqual(optimizer.paramGroups.map((g) => g.lr), a.getLastLr());
  }
});

Deno.test("hf loadStateDict refuses a state saved by another function or other options", () => {
  const a = hf.getLinearScheduleWithWarmup(groups(), { numWarmupSteps: 5, numTrainingSteps: 30 });
  a.step();
  const state = a.stateDict();
  const other = hf.getLinearScheduleWithWarmup(groups(), {
    numWarmupSteps: 6,
    numTrainingSteps: 30,
  });
  const before = JSON.stringify(other.stateDict());
  assert.throws(() => other.loadStateDict(state), RangeError);
  assert.equal(JSON.stringify(other.stateDict()), before, "a refused state changes nothing");
  const cosine = hf.getCosineScheduleWithWarmup(groups(), {
    numWarmupSteps: 5,
    numTrainingSteps: 30,
  });
  assert.throws(() => cosine.loadStateDict(state), /state\.hf must be/);
});

Deno.test("hf schedules give both groups the same factor of their own initial lr", () => {
  for (const [name, make] of STATEFUL) {
    const s = make(groups());
    const one = make({ paramGroups: [{ lr: 1 }], defaults: { lr: 0.1 } });
    for (let i = 0; i < 40; i++) {
      const [a, b] = s.getLastLr();
      const factor = one.getLastLr()[0]!;
      assert.equal(a, 0.1 * factor, `${name} step ${i} group 0`);
      assert.equal(b, 0.05 * factor, `${name} step ${i} group 1`);
      s.step();
      one.step();
    }
  }
});

Deno.test("hf lastEpoch resumes: built at lastEpoch k, the lrs are those of a fresh run at k + 1", () => {
  for (const [name, make] of STATEFUL) {
    const fresh = make(groups());
    for (let i = 0; i < 8; i++) fresh.step();
    const resumed = make({
      paramGroups: [{ lr: 0.3, initialLr: 0.1 }, { lr: 0.3, initialLr: 0.05 }],
      defaults: { lr: 0.1 },
    });
    assert.equal(resumed.lastEpoch, 0);
    const options = { ...resumed.options, lastEpoch: 7 };
    const again = (hf as unknown as Record<string, (o: unknown, p: unknown) => hf.HfLambdaLR>)[
      resumed.name
    ]!({
      paramGroups: [{ lr: 0.3, initialLr: 0.1 }, { lr: 0.3, initialLr: 0.05 }],
      defaults: { lr: 0.1 },
    }, options);
    assert.equal(again.lastEpoch, 8, name);
    assert.deepEqual(again.getLastLr(), fresh.getLastLr(), name);
  }
});

Deno.test("hf options: unknown keys get a did-you-mean, null and wrong types are rejected", () => {
  throwsAndChangesNothing(
    (o) =>
      hf.getLinearScheduleWithWarmup(o, {
        num_warmup_steps: 5,
        numTrainingSteps: 30,
      } as never),
    TypeError,
    /unknown option num_warmup_steps \(did you mean numWarmupSteps\?\)/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getCosineScheduleWithWarmup(o, { numWarmupSteps: 5, numTrainingSteps: null } as never),
    TypeError,
    /option numTrainingSteps must not be null/,
  );
  throwsAndChangesNothing(
    (o) => hf.getCosineScheduleWithWarmup(o, { numWarmupSteps: "5", numTrainingSteps: 3 } as never),
    TypeError,
    /numWarmupSteps must be a number, got numWarmupSteps="5"/,
  );
  throwsAndChangesNothing(
    (o) => hf.getConstantScheduleWithWarmup(o, undefined as never),
    TypeError,
    /options must be an object/,
  );
});

Deno.test("hf options: step counts are non-negative integers, numbers finite", () => {
  throwsAndChangesNothing(
    (o) => hf.getLinearScheduleWithWarmup(o, { numWarmupSteps: -1, numTrainingSteps: 30 }),
    RangeError,
    /numWarmupSteps must be a non-negative integer, got numWarmupSteps=-1/,
  );
  throwsAndChangesNothing(
    (o) => hf.getLinearScheduleWithWarmup(o, { numWarmupSteps: 1, numTrainingSteps: 2.5 }),
    RangeError,
    /numTrainingSteps must be an integer, got numTrainingSteps=2.5/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getCosineScheduleWithWarmup(o, { numWarmupSteps: 1, numTrainingSteps: 9, numCycles: NaN }),
    RangeError,
    /numCycles must be finite, got numCycles=NaN/,
  );
  throwsAndChangesNothing(
    (o) => hf.getInverseSqrtSchedule(o, { numWarmupSteps: 1, timescale: 0 }),
    RangeError,
    /timescale must be positive, got timescale=0/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getLinearScheduleWithWarmup(o, { numWarmupSteps: 1, numTrainingSteps: 9, lastEpoch: -2 }),
    RangeError,
    /lastEpoch must be -1 or more/,
  );
});

Deno.test("hf options: transformers' own checks, with its messages", () => {
  throwsAndChangesNothing(
    (o) =>
      hf.getPolynomialDecayScheduleWithWarmup(o, {
        numWarmupSteps: 1,
        numTrainingSteps: 9,
        lrEnd: 0.1,
      }),
    RangeError,
    /^lrEnd \(0\.1\) must be smaller than initial lr \(0\.1\)$/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getCosineWithMinLrScheduleWithWarmup(o, {
        numWarmupSteps: 1,
        numTrainingSteps: 9,
        minLr: 0.01,
        minLrRate: 0.1,
      }),
    TypeError,
    /Only one of minLr or minLrRate should be set/,
  );
  throwsAndChangesNothing(
    (o) => hf.getCosineWithMinLrScheduleWithWarmup(o, { numWarmupSteps: 1, numTrainingSteps: 9 }),
    TypeError,
    /One of minLr or minLrRate should be set/,
  );
  throwsAndChangesNothing(
    (o) => hf.getWsdSchedule(o, { numWarmupSteps: 1, numDecaySteps: 9 }),
    TypeError,
    /Either numTrainingSteps or numStableSteps must be specified/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getWsdSchedule(o, {
        numWarmupSteps: 1,
        numDecaySteps: 9,
        numStableSteps: 3,
        decayType: "exp" as never,
      }),
    RangeError,
    /Unknown decay type: "exp", expected 'linear', 'cosine' or '1-sqrt'/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getWsdSchedule(o, {
        numWarmupSteps: 1,
        numDecaySteps: 9,
        numStableSteps: 3,
        warmupType: "step" as never,
      }),
    RangeError,
    /Unknown warmup type: "step"/,
  );
});

Deno.test("hf getWsdSchedule warns when both numTrainingSteps and numStableSteps are given", () => {
  const seen: string[] = [];
  const previous = setWarningHandler((m) => seen.push(m));
  try {
    hf.getWsdSchedule(groups(), {
      numWarmupSteps: 1,
      numDecaySteps: 2,
      numTrainingSteps: 10,
      numStableSteps: 3,
    });
  } finally {
    setWarningHandler(previous);
  }
  assert.deepEqual(seen, [
    "Both numTrainingSteps and numStableSteps are specified. numStableSteps will be used.",
  ]);
});

Deno.test("hf getScheduler: transformers' names and its rules for missing arguments", () => {
  throwsAndChangesNothing(
    (o) => hf.getScheduler("cosine_annealing" as never, o, {}),
    RangeError,
    /"cosine_annealing" is not a valid SchedulerType, please select one of 'linear', 'cosine'/,
  );
  throwsAndChangesNothing(
    (o) => hf.getScheduler("linear", o, { numTrainingSteps: 10 }),
    TypeError,
    /^linear requires numWarmupSteps, please provide that argument$/,
  );
  throwsAndChangesNothing(
    (o) => hf.getScheduler("cosine", o, { numWarmupSteps: 10 }),
    TypeError,
    /^cosine requires numTrainingSteps, please provide that argument$/,
  );
  throwsAndChangesNothing(
    (o) =>
      hf.getScheduler("cosine", o, {
        numWarmupSteps: 1,
        numTrainingSteps: 10,
        schedulerSpecificKwargs: { num_cycles: 2 },
      }),
    TypeError,
    /unknown option num_cycles \(did you mean numCycles\?\)/,
  );
  // "constant" ignores every other argument, as in transformers
  const constant = hf.getScheduler("constant", groups(), { numWarmupSteps: 7 });
  assert.equal(constant.name, "getConstantSchedule");
  const plateau = hf.getScheduler("reduce_lr_on_plateau", groups(), {
    schedulerSpecificKwargs: { patience: 0, factor: 0.5 },
  });
  plateau.step(1);
  plateau.step(1);
  assert.deepEqual(plateau.getLastLr(), [0.05, 0.025]);
});
