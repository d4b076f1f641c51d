import assert from "node:assert/strict";
import {
  ChainedScheduler,
  CosineAnnealingLR,
  CyclicLR,
  joinSchedules,
  linearSchedule,
  OneCycleLR,
  ReduceLROnPlateau,
  scheduleFromSpec,
  schedulerFromSpec,
  specTypes,
  StepLR,
  toSpec,
  warmupCosineDecaySchedule,
} from "../../lib/mod.ts";
import { FULL_SCHEDULERS, FULL_SCHEDULES } from "./_specs.ts";
import { FAMILY_SCHEDULERS, FAMILY_SCHEDULES, SCHED_SCHEDULERS } from "./_family_specs.ts";

const optimizer = () => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }],
});

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x));

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

Deno.test("a top-level $schema comes back with the spec", () => {
  const spec = {
    $schema: "./lib/spec/spec.schema.json",
    anneal: 1,
    type: "StepLR",
    stepSize: 2,
    gamma: 0.5,
  };
  assert.deepEqual(toSpec(schedulerFromSpec(optimizer(), spec)), spec);
  const pure = { $schema: "x.json", anneal: 1, type: "constantSchedule", value: 2 };
  assert.deepEqual(toSpec(scheduleFromSpec(pure)), pure);
});

Deno.test("the round-trip lists (here and in families_test.ts) cover every registered type", () => {
  const covered = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === "object" && v !== null) {
      const type = (v as { type?: unknown }).type;
      if (typeof type === "string") covered.add(type);
      Object.values(v).forEach(visit);
    }
  };
  [
    ...FULL_SCHEDULERS,
    ...FULL_SCHEDULES,
    ...FAMILY_SCHEDULERS,
    ...FAMILY_SCHEDULES,
    ...SCHED_SCHEDULERS,
  ]
    .forEach(visit);
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

Deno.test("a per-group list keeps its form when built from a spec, and collapses when built directly", () => {
  const spec = { type: "OneCycleLR", maxLr: [0.1, 0.1], totalSteps: 10 };
  assert.deepEqual(toSpec(schedulerFromSpec(optimizer(), spec)).maxLr, [0.1, 0.1]);
  assert.equal(
    toSpec(new OneCycleLR(optimizer(), { maxLr: [0.1, 0.1], totalSteps: 10 })).maxLr,
    0.1,
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
