import assert from "node:assert/strict";
import {
  ChainedScheduler,
  CosineAnnealingLR,
  CyclicLR,
  ExponentialLR,
  joinSchedules,
  linearSchedule,
  OneCycleLR,
  ReduceLROnPlateau,
  scheduleFromSpec,
  schedulerFromSpec,
  SequentialLR,
  type Spec,
  specTypes,
  StepLR,
  toSpec,
  warmupCosineDecaySchedule,
} from "../../lib/mod.ts";

const optimizer = () => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }],
});

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** Every option given, so the round trip must return the spec itself (plus the version). */
const FULL_SCHEDULERS: Spec[] = [
  { type: "StepLR", stepSize: 7, gamma: 0.5 },
  { type: "MultiStepLR", milestones: [3, 8, 8], gamma: 0.2 },
  { type: "ConstantLR", factor: 0.25, totalIters: 4 },
  { type: "LinearLR", startFactor: 0.1, endFactor: 0.9, totalIters: 12 },
  { type: "ExponentialLR", gamma: 0.95 },
  { type: "PolynomialLR", totalIters: 30, power: 2.5 },
  { type: "CosineAnnealingLR", tMax: 37, etaMin: 0.001 },
  { type: "CosineAnnealingWarmRestarts", t0: 10, tMult: 2, etaMin: 1e-4 },
  {
    type: "CyclicLR",
    baseLr: [0.001, 0.002],
    maxLr: 0.1,
    stepSizeUp: 13,
    stepSizeDown: 29,
    mode: "exp_range",
    gamma: 0.99,
    cycleMomentum: true,
    baseMomentum: [0.7, 0.75],
    maxMomentum: 0.95,
  },
  {
    type: "OneCycleLR",
    maxLr: [0.1, 0.3],
    totalSteps: 320,
    pctStart: 0.27,
    annealStrategy: "linear",
    cycleMomentum: true,
    baseMomentum: 0.8,
    maxMomentum: [0.9, 0.93],
    divFactor: 7,
    finalDivFactor: 300,
    threePhase: true,
  },
  {
    type: "ReduceLROnPlateau",
    mode: "max",
    factor: 0.5,
    patience: 3,
    threshold: 0.01,
    thresholdMode: "abs",
    cooldown: 2,
    minLr: [1e-4, 1e-3],
    eps: 1e-9,
  },
  { type: "LambdaLR", lrLambda: { type: "stepDecay", lr0: 1, beta: 0.5, period: 3 } },
  {
    type: "MultiplicativeLR",
    lrLambda: [
      { type: "constantSchedule", value: 0.99 },
      { type: "inverseTimeDecay", lr0: 0.98, k: 0.1, transitionSteps: 2, staircase: false },
    ],
  },
  { type: "ScheduleLR", schedule: { type: "constantSchedule", value: 0.01 } },
  {
    type: "SequentialLR",
    schedulers: [
      {
        type: "ChainedScheduler",
        schedulers: [
          { type: "ConstantLR", factor: 0.5, totalIters: 3 },
          { type: "ExponentialLR", gamma: 0.9 },
        ],
      },
      {
        type: "ScheduleLR",
        schedule: {
          type: "joinSchedules",
          schedules: [
            { type: "constantSchedule", value: 0.1 },
            {
              type: "cosineDecaySchedule",
              initValue: 0.1,
              decaySteps: 50,
              alpha: 0,
              exponent: 1,
            },
          ],
          boundaries: [5],
        },
      },
    ],
    milestones: [10],
  },
  {
    type: "ChainedScheduler",
    schedulers: [
      { type: "StepLR", stepSize: 2, gamma: 0.9 },
      { type: "LinearLR", startFactor: 0.5, endFactor: 1, totalIters: 5 },
    ],
  },
];

const FULL_SCHEDULES: Spec[] = [
  { type: "stepDecay", lr0: 0.1, beta: 0.7, period: 13 },
  {
    type: "exponentialDecay",
    lr0: 0.1,
    k: 0.013,
    transitionSteps: 1,
    transitionBegin: 0,
    staircase: false,
  },
  {
    type: "exponentialDecay",
    lr0: 0.1,
    decayRate: 0.5,
    transitionSteps: 30,
    transitionBegin: 20,
    staircase: true,
    endValue: 0.01,
  },
  { type: "inverseTimeDecay", lr0: 0.1, k: 0.7, transitionSteps: 9, staircase: true },
  { type: "constantSchedule", value: 0.03 },
  {
    type: "linearSchedule",
    initValue: 0.1,
    endValue: 0.001,
    transitionSteps: 170,
    transitionBegin: 10,
  },
  {
    type: "polynomialSchedule",
    initValue: 0.1,
    endValue: 1e-4,
    power: 1.7,
    transitionSteps: 222,
    transitionBegin: 0,
  },
  { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 250, alpha: 0.02, exponent: 1.5 },
  { type: "inverseSqrtSchedule", peakValue: 0.1, warmupSteps: 17, timescale: 40 },
  { type: "piecewiseConstantSchedule", initValue: 0.1, boundariesAndScales: { 40: 0.3, 150: 0.5 } },
  {
    type: "joinSchedules",
    schedules: [
      {
        type: "linearSchedule",
        initValue: 0,
        endValue: 0.1,
        transitionSteps: 20,
        transitionBegin: 0,
      },
      {
        type: "sgdrSchedule",
        peakValue: 0.1,
        cycleSteps: 30,
        cycleMult: 2,
        cycleDecay: 0.8,
        endValue: 0,
      },
    ],
    boundaries: [20],
  },
  {
    type: "warmupCosineDecaySchedule",
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 25,
    decaySteps: 280,
    endValue: 1e-3,
    exponent: 1,
  },
  {
    type: "warmupStableDecaySchedule",
    peakValue: 0.1,
    warmupSteps: 30,
    stableSteps: 100,
    decaySteps: 120,
    endValue: 0.001,
    initValue: 0,
    warmupType: "cosine",
    decayType: "1-sqrt",
  },
  {
    type: "sgdrSchedule",
    peakValue: 0.1,
    cycleSteps: 40,
    cycleMult: 1,
    cycleDecay: 0.9,
    endValue: 1e-3,
  },
  {
    type: "oneCycleSchedule",
    peakValue: 0.1,
    totalSteps: 260,
    pctStart: 0.25,
    annealStrategy: "linear",
    divFactor: 25,
    finalDivFactor: 1e4,
    threePhase: true,
  },
];

Deno.test("toSpec(schedulerFromSpec(s)) is s, for every scheduler type, through JSON", async (t) => {
  for (const spec of FULL_SCHEDULERS) {
    await t.step(spec.type, () => {
      const scheduler = schedulerFromSpec(optimizer(), json(spec));
      assert.deepEqual(json(toSpec(scheduler)), { anneal: 1, ...spec });
    });
  }
});

Deno.test("toSpec(scheduleFromSpec(s)) is s, for every pure-schedule type, through JSON", async (t) => {
  for (const spec of FULL_SCHEDULES) {
    await t.step(spec.type, () => {
      assert.deepEqual(json(toSpec(scheduleFromSpec(json(spec)))), { anneal: 1, ...spec });
    });
  }
});

Deno.test("the round-trip lists cover every registered type", () => {
  const covered = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === "object" && v !== null) {
      const type = (v as { type?: unknown }).type;
      if (typeof type === "string") covered.add(type);
      Object.values(v).forEach(visit);
    }
  };
  [...FULL_SCHEDULERS, ...FULL_SCHEDULES].forEach(visit);
  const { schedulers, schedules } = specTypes();
  assert.deepEqual(
    [...schedulers, ...schedules].map((s) => s.type).filter((s) => !covered.has(s)),
    [],
  );
});

Deno.test("toSpec fills in every default, nested specs included", () => {
  const spec = toSpec(schedulerFromSpec(optimizer(), {
    type: "SequentialLR",
    schedulers: [
      { type: "LinearLR" },
      { type: "ScheduleLR", schedule: { type: "inverseSqrtSchedule", peakValue: 0.1 } },
    ],
    milestones: [5],
  }));
  assert.deepEqual(spec, {
    anneal: 1,
    type: "SequentialLR",
    schedulers: [
      { type: "LinearLR", startFactor: 1 / 3, endFactor: 1, totalIters: 5 },
      {
        type: "ScheduleLR",
        schedule: { type: "inverseSqrtSchedule", peakValue: 0.1, warmupSteps: 0, timescale: 10000 },
      },
    ],
    milestones: [5],
  });
  assert.deepEqual(
    toSpec(schedulerFromSpec(optimizer(), { type: "CyclicLR", baseLr: 0.01, maxLr: 0.1 })),
    {
      anneal: 1,
      type: "CyclicLR",
      baseLr: 0.01,
      maxLr: 0.1,
      stepSizeUp: 2000,
      stepSizeDown: 2000,
      mode: "triangular",
      gamma: 1,
      cycleMomentum: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    },
  );
  assert.deepEqual(
    toSpec(
      scheduleFromSpec({
        type: "warmupStableDecaySchedule",
        peakValue: 1,
        warmupSteps: 1,
        stableSteps: 2,
        decaySteps: 3,
        endValue: 0.5,
      }),
    ),
    {
      anneal: 1,
      type: "warmupStableDecaySchedule",
      peakValue: 1,
      warmupSteps: 1,
      stableSteps: 2,
      decaySteps: 3,
      endValue: 0.5,
      initValue: 0.5,
      warmupType: "linear",
      decayType: "cosine",
    },
  );
});

Deno.test("toSpec reads schedulers built by their constructors", () => {
  const o = optimizer();
  const a = new StepLR(o, { stepSize: 3 });
  const b = new CosineAnnealingLR(o, { tMax: 9 });
  assert.deepEqual(toSpec(new ChainedScheduler([a, b], o)), {
    anneal: 1,
    type: "ChainedScheduler",
    schedulers: [
      { type: "StepLR", stepSize: 3, gamma: 0.1 },
      { type: "CosineAnnealingLR", tMax: 9, etaMin: 0 },
    ],
  });
  assert.deepEqual(
    toSpec(
      new CyclicLR(optimizer(), {
        baseLr: 0.01,
        maxLr: [0.1, 0.2],
        stepSizeUp: 0.7,
        stepSizeDown: 0.3,
      }),
    ),
    {
      anneal: 1,
      type: "CyclicLR",
      baseLr: 0.01,
      maxLr: [0.1, 0.2],
      stepSizeUp: 0.7,
      stepSizeDown: 0.3,
      mode: "triangular",
      gamma: 1,
      cycleMomentum: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    },
  );
  const oneCycle = {
    maxLr: 0.3,
    totalSteps: 97,
    pctStart: 0.17,
    annealStrategy: "cos" as const,
    cycleMomentum: false,
    baseMomentum: 0.85,
    maxMomentum: 0.95,
    divFactor: 3.3,
    finalDivFactor: 77.7,
    threePhase: true,
  };
  assert.deepEqual(toSpec(new OneCycleLR(optimizer(), oneCycle)), {
    anneal: 1,
    type: "OneCycleLR",
    ...oneCycle,
  });
  const plateau = new ReduceLROnPlateau(optimizer(), { patience: 2, minLr: 1e-5 });
  for (const metric of [3, 3, 3, 3, 3]) plateau.step(metric);
  assert.deepEqual(toSpec(plateau), {
    anneal: 1,
    type: "ReduceLROnPlateau",
    mode: "min",
    factor: 0.1,
    patience: 2,
    threshold: 1e-4,
    thresholdMode: "rel",
    cooldown: 0,
    minLr: 1e-5,
    eps: 1e-8,
  });
});

Deno.test("toSpec reads schedules built by their factories", () => {
  const warmup = linearSchedule({ initValue: 0, endValue: 1, transitionSteps: 4 });
  const decay = warmupCosineDecaySchedule({
    initValue: 1,
    peakValue: 2,
    warmupSteps: 3,
    decaySteps: 10,
  });
  assert.deepEqual(toSpec(joinSchedules({ schedules: [warmup, decay], boundaries: [4] })), {
    anneal: 1,
    type: "joinSchedules",
    schedules: [
      { type: "linearSchedule", initValue: 0, endValue: 1, transitionSteps: 4, transitionBegin: 0 },
      {
        type: "warmupCosineDecaySchedule",
        initValue: 1,
        peakValue: 2,
        warmupSteps: 3,
        decaySteps: 10,
        endValue: 0,
        exponent: 1,
      },
    ],
    boundaries: [4],
  });
});

Deno.test("a scheduler built from a spec steps exactly as one built by its constructor", () => {
  const a = optimizer();
  const b = optimizer();
  const fromSpec = schedulerFromSpec(a, {
    type: "OneCycleLR",
    maxLr: 0.2,
    totalSteps: 50,
    threePhase: true,
  });
  const direct = new OneCycleLR(b, { maxLr: 0.2, totalSteps: 50, threePhase: true });
  for (let i = 0; i < 49; i++) {
    assert.deepEqual(fromSpec.getLastLr(), direct.getLastLr());
    assert.deepEqual(a.paramGroups, b.paramGroups);
    fromSpec.step();
    direct.step();
  }
});
