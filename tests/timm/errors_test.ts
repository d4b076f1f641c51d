/**
 * timm schedulers' validation: every option checked before anything changes, `TypeError` for
 * a wrong type and `RangeError` for a wrong value, the message naming the option and its value
 * (timm's asserts carry no message; PyTorch's plateau wording where it has one).
 */

import assert from "node:assert/strict";
import {
  CosineLRScheduler,
  createScheduler,
  createSchedulerV2,
  MultiStepLRScheduler,
  PlateauLRScheduler,
  PolyLRScheduler,
  StepLRScheduler,
  TanhLRScheduler,
  type TimmOptimizerLike,
} from "../../lib/timm/mod.ts";

type Build = (optimizer: TimmOptimizerLike) => unknown;

const CASES: [string, Build, ErrorConstructor, string][] = [
  [
    "snake_case key",
    // deno-lint-ignore no-explicit-any
    (o) => new CosineLRScheduler(o, { tInitial: 10, t_initial: 5 } as any),
    TypeError,
    "CosineLRScheduler got an unknown option t_initial (did you mean tInitial?)",
  ],
  [
    "missing tInitial",
    // deno-lint-ignore no-explicit-any
    (o) => new CosineLRScheduler(o, {} as any),
    TypeError,
    "tInitial must be a number, got tInitial=undefined",
  ],
  [
    "tInitial 0",
    (o) => new CosineLRScheduler(o, { tInitial: 0 }),
    RangeError,
    "tInitial must be positive, got tInitial=0",
  ],
  [
    "negative lrMin",
    (o) => new PolyLRScheduler(o, { tInitial: 5, lrMin: -1 }),
    RangeError,
    "lrMin must be non-negative, got lrMin=-1",
  ],
  [
    "cycleMul 0",
    (o) => new CosineLRScheduler(o, { tInitial: 5, cycleMul: 0 }),
    RangeError,
    "cycleMul must be positive, got cycleMul=0",
  ],
  [
    "fractional cycleLimit",
    (o) => new TanhLRScheduler(o, { tInitial: 5, cycleLimit: 1.5 }),
    RangeError,
    "cycleLimit must be an integer, got cycleLimit=1.5",
  ],
  [
    "lb >= ub",
    (o) => new TanhLRScheduler(o, { tInitial: 5, lb: 3, ub: 3 }),
    RangeError,
    "lb must be less than ub, got lb=3, ub=3",
  ],
  [
    "tanh's negative warmupLrInit",
    (o) => new TanhLRScheduler(o, { tInitial: 5, warmupT: 2, warmupLrInit: -0.1 }),
    RangeError,
    "warmupLrInit must be non-negative, got warmupLrInit=-0.1",
  ],
  [
    "explicit null",
    // deno-lint-ignore no-explicit-any
    (o) => new CosineLRScheduler(o, { tInitial: 5, lrMin: null } as any),
    TypeError,
    "CosineLRScheduler option lrMin must not be null, got lrMin=null",
  ],
  [
    "decayT 0",
    (o) => new StepLRScheduler(o, { decayT: 0 }),
    RangeError,
    "decayT must be positive, got decayT=0",
  ],
  [
    "unsorted milestones",
    (o) => new MultiStepLRScheduler(o, { decayT: [20, 10] }),
    RangeError,
    "decayT must be sorted ascending (timm bisects it), got decayT=[20,10]",
  ],
  [
    "milestones not an array",
    // deno-lint-ignore no-explicit-any
    (o) => new MultiStepLRScheduler(o, { decayT: 10 } as any),
    TypeError,
    "decayT must be an array of milestones, got decayT=10",
  ],
  [
    "plateau decayRate 1",
    (o) => new PlateauLRScheduler(o, { decayRate: 1 }),
    RangeError,
    "decayRate must be < 1.0 (PyTorch: Factor should be < 1.0), got decayRate=1",
  ],
  [
    "plateau mode",
    // deno-lint-ignore no-explicit-any
    (o) => new PlateauLRScheduler(o, { mode: "avg" } as any),
    RangeError,
    'mode must be one of "min", "max", got mode="avg"',
  ],
  [
    "plateau fractional patience",
    (o) => new PlateauLRScheduler(o, { patienceT: 1.5 }),
    RangeError,
    "patienceT must be an integer, got patienceT=1.5",
  ],
  [
    "noisePct 0 (the normal draw would never end)",
    (o) => new CosineLRScheduler(o, { tInitial: 5, noisePct: 0 }),
    RangeError,
    "noisePct must be positive, got noisePct=0",
  ],
  [
    "noiseRangeT of one value",
    (o) =>
      new CosineLRScheduler(o, { tInitial: 5, noiseRangeT: [1] as unknown as [number, number] }),
    RangeError,
    "noiseRangeT must be a number or a pair [lo, hi], got noiseRangeT=[1]",
  ],
  [
    "noiseRangeT as a string",
    // deno-lint-ignore no-explicit-any
    (o) => new CosineLRScheduler(o, { tInitial: 5, noiseRangeT: "5" } as any),
    TypeError,
    'noiseRangeT must be a number or a pair [lo, hi], got noiseRangeT="5"',
  ],
  [
    "noiseType outside the plateau scheduler (timm has none there)",
    // deno-lint-ignore no-explicit-any
    (o) => new CosineLRScheduler(o, { tInitial: 5, noiseType: "uniform" } as any),
    TypeError,
    "CosineLRScheduler got an unknown option noiseType",
  ],
  [
    "plateau noiseType",
    // deno-lint-ignore no-explicit-any
    (o) => new PlateauLRScheduler(o, { noiseType: "gauss" } as any),
    RangeError,
    'noiseType must be one of "normal", "uniform", got noiseType="gauss"',
  ],
  [
    "fractional noiseSeed",
    (o) => new StepLRScheduler(o, { decayT: 5, noiseSeed: 0.5 }),
    RangeError,
    "noiseSeed must be an integer, got noiseSeed=0.5",
  ],
  [
    "initialize false without initialLr",
    (o) => new StepLRScheduler(o, { decayT: 5, initialize: false }),
    TypeError,
    "initialLr missing from paramGroups[0]",
  ],
  [
    "unknown sched",
    // deno-lint-ignore no-explicit-any
    (o) => createSchedulerV2(o, { sched: "linear" as any }),
    RangeError,
    'sched must be one of "cosine", "tanh", "step", "multistep", "plateau", "poly", got sched="linear"',
  ],
  [
    "plateau on updates",
    (o) => createSchedulerV2(o, { sched: "plateau", stepOnEpochs: false, updatesPerEpoch: 5 }),
    RangeError,
    "Plateau LR only supports step per epoch, got stepOnEpochs=false",
  ],
  [
    "updates without updatesPerEpoch",
    (o) => createScheduler({ sched: "cosine", schedOnUpdates: true }, o),
    RangeError,
    "updatesPerEpoch must be set to number of dataloader batches, got updatesPerEpoch=0",
  ],
  [
    "a config key timm does not read",
    // deno-lint-ignore no-explicit-any
    (o) => createScheduler({ sched: "cosine", lr_noise: 0.5 } as any, o),
    TypeError,
    "schedulerKwargs got an unknown option lr_noise (did you mean lrNoise?)",
  ],
];

Deno.test("bad options throw the right error, naming the option, and change nothing", async (t) => {
  for (const [name, make, kind, message] of CASES) {
    await t.step(name, () => {
      const optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.2, lrScale: 0.5 }] };
      const before = structuredClone(optimizer);
      assert.throws(() => make(optimizer), (e: Error) => {
        assert.ok(e instanceof kind, `expected ${kind.name}, got ${e}`);
        assert.ok(e.message.includes(message), `message: ${e.message}`);
        return true;
      });
      assert.deepEqual(optimizer, before, "the optimizer is untouched");
    });
  }
});

Deno.test("step and stepUpdate check their time and metric", () => {
  const s = new CosineLRScheduler({ paramGroups: [{ lr: 0.1 }] }, { tInitial: 10 });
  assert.throws(() => s.step(-1), RangeError, "epoch must be non-negative, got epoch=-1");
  // deno-lint-ignore no-explicit-any
  assert.throws(() => s.step("3" as any), TypeError, 'epoch must be a number, got epoch="3"');
  assert.throws(() => s.stepUpdate(NaN), RangeError, "numUpdates must be finite");
  // deno-lint-ignore no-explicit-any
  assert.throws(() => s.step(1, "x" as any), TypeError, 'metric must be a number, got metric="x"');
});

Deno.test("shrinking cycles (cycleMul < 1) end in Python's math domain error", () => {
  const s = new CosineLRScheduler({ paramGroups: [{ lr: 0.1 }] }, {
    tInitial: 10,
    cycleMul: 0.5,
    cycleLimit: 100,
  });
  s.step(19); // the cycles sum to 10 / (1 - 0.5) = 20
  assert.throws(() => s.step(20), RangeError, "math domain error");
});
