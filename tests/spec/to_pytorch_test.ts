import assert from "node:assert/strict";
import { type Spec, specTypes, toPyTorch } from "../../lib/mod.ts";
import { annealLrs, runTorch, type TorchCase, torchOrSkip, torchRowsToCompare } from "./_torch.ts";
import { FAMILY_CASES } from "./_family_specs.ts";

const EPOCHS = 300;
const LRS = [0.1, 0.05];
/** Relative tolerance where Python's math and JavaScript's Math may round differently. */
const TOLERANCE = 1e-12;

/** A metric that improves, stalls, improves a little, and stalls again: the plateau cuts. */
const METRICS = Array.from({ length: EPOCHS }, (_, i) => i < 40 ? 10 - i / 10 : 6 - (i % 7) / 1000);

const schedule = (s: Spec): Spec => ({ type: "ScheduleLR", schedule: s });

const SCHEDULES: Spec[] = [
  { type: "stepDecay", lr0: 0.1, beta: 0.7, period: 13 },
  { type: "exponentialDecay", lr0: 0.1, k: 0.013 },
  {
    type: "exponentialDecay",
    lr0: 0.1,
    decayRate: 0.5,
    transitionSteps: 30,
    transitionBegin: 20,
    staircase: true,
    endValue: 0.01,
  },
  { type: "inverseTimeDecay", lr0: 0.1, k: 0.7, transitionSteps: 9 },
  { type: "inverseTimeDecay", lr0: 0.1, k: 0.7, transitionSteps: 9, staircase: true },
  { type: "constantSchedule", value: 0.03 },
  {
    type: "linearSchedule",
    initValue: 0.1,
    endValue: 0.001,
    transitionSteps: 170,
    transitionBegin: 10,
  },
  { type: "polynomialSchedule", initValue: 0.1, endValue: 1e-4, power: 1.7, transitionSteps: 222 },
  { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 250, alpha: 0.02, exponent: 1.5 },
  { type: "inverseSqrtSchedule", peakValue: 0.1, warmupSteps: 17 },
  { type: "inverseSqrtSchedule", peakValue: 0.1, timescale: 33 },
  { type: "piecewiseConstantSchedule", initValue: 0.1, boundariesAndScales: { 150: 0.5, 40: 0.3 } },
  {
    type: "joinSchedules",
    schedules: [
      { type: "linearSchedule", initValue: 0, endValue: 0.1, transitionSteps: 20 },
      { type: "sgdrSchedule", peakValue: 0.1, cycleSteps: 30, cycleMult: 2, cycleDecay: 0.8 },
      { type: "constantSchedule", value: 0.001 },
    ],
    boundaries: [20, 230],
  },
  {
    type: "warmupCosineDecaySchedule",
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 25,
    decaySteps: 280,
    endValue: 1e-3,
  },
  {
    type: "warmupCosineDecaySchedule",
    initValue: 0.1,
    peakValue: 0.1,
    warmupSteps: 0,
    decaySteps: 200,
    exponent: 2,
  },
  {
    type: "warmupStableDecaySchedule",
    peakValue: 0.1,
    warmupSteps: 30,
    stableSteps: 100,
    decaySteps: 120,
    endValue: 0.001,
    warmupType: "cosine",
    decayType: "1-sqrt",
  },
  {
    type: "warmupStableDecaySchedule",
    peakValue: 0.1,
    warmupSteps: 10,
    stableSteps: 50,
    decaySteps: 200,
    decayType: "linear",
    warmupType: "1-sqrt",
  },
  { type: "sgdrSchedule", peakValue: 0.1, cycleSteps: 40, cycleDecay: 0.9, endValue: 1e-3 },
  { type: "oneCycleSchedule", peakValue: 0.1, totalSteps: 250 },
  {
    type: "oneCycleSchedule",
    peakValue: 0.1,
    totalSteps: 260,
    threePhase: true,
    annealStrategy: "linear",
    pctStart: 0.25,
  },
];

const CASES: TorchCase[] = [
  { name: "StepLR", spec: { type: "StepLR", stepSize: 7, gamma: 0.5 } },
  { name: "MultiStepLR", spec: { type: "MultiStepLR", milestones: [10, 50, 50, 120], gamma: 0.3 } },
  { name: "ConstantLR", spec: { type: "ConstantLR", factor: 0.25, totalIters: 20 } },
  {
    name: "LinearLR",
    spec: { type: "LinearLR", startFactor: 0.1, endFactor: 0.9, totalIters: 77 },
  },
  { name: "ExponentialLR", spec: { type: "ExponentialLR", gamma: 0.987 } },
  { name: "PolynomialLR", spec: { type: "PolynomialLR", totalIters: 150, power: 2.5 } },
  { name: "CosineAnnealingLR", spec: { type: "CosineAnnealingLR", tMax: 37, etaMin: 0.001 } },
  {
    name: "CosineAnnealingWarmRestarts",
    spec: { type: "CosineAnnealingWarmRestarts", t0: 10, tMult: 2, etaMin: 1e-4 },
  },
  {
    name: "CyclicLR triangular2, per-group baseLr",
    spec: {
      type: "CyclicLR",
      baseLr: [0.001, 0.002],
      maxLr: 0.1,
      stepSizeUp: 13,
      stepSizeDown: 29,
      mode: "triangular2",
    },
  },
  {
    name: "CyclicLR exp_range without momentum",
    spec: {
      type: "CyclicLR",
      baseLr: 0.001,
      maxLr: 0.1,
      stepSizeUp: 20,
      mode: "exp_range",
      gamma: 0.995,
      cycleMomentum: false,
    },
  },
  { name: "OneCycleLR", spec: { type: "OneCycleLR", maxLr: 0.1, totalSteps: EPOCHS } },
  {
    name: "OneCycleLR three phases, linear, per-group maxLr",
    spec: {
      type: "OneCycleLR",
      maxLr: [0.1, 0.3],
      totalSteps: 320,
      pctStart: 0.25,
      annealStrategy: "linear",
      threePhase: true,
      divFactor: 10,
      finalDivFactor: 100,
    },
  },
  {
    name: "ReduceLROnPlateau",
    spec: {
      type: "ReduceLROnPlateau",
      patience: 3,
      factor: 0.5,
      cooldown: 2,
      threshold: 0.01,
      minLr: [1e-4, 1e-3],
    },
    metrics: METRICS,
  },
  {
    name: "ReduceLROnPlateau max, abs",
    spec: {
      type: "ReduceLROnPlateau",
      mode: "max",
      thresholdMode: "abs",
      patience: 5,
      factor: 0.7,
    },
    metrics: METRICS.map((m) => -m),
  },
  {
    name: "LambdaLR, one schedule per group",
    spec: {
      type: "LambdaLR",
      lrLambda: [
        { type: "cosineDecaySchedule", initValue: 1, decaySteps: 200 },
        { type: "exponentialDecay", lr0: 1, k: 0.01 },
      ],
    },
  },
  {
    name: "MultiplicativeLR",
    spec: {
      type: "MultiplicativeLR",
      lrLambda: { type: "inverseTimeDecay", lr0: 0.999, k: 0.001 },
    },
  },
  {
    name: "ScheduleLR, one schedule per group",
    spec: { type: "ScheduleLR", schedule: [SCHEDULES[0]!, SCHEDULES[8]!] },
  },
  ...SCHEDULES.map((s, i) => ({ name: `ScheduleLR of ${s.type} #${i}`, spec: schedule(s) })),
  { name: "a pure-schedule spec exports as ScheduleLR", spec: SCHEDULES[12]! },
  {
    name: "SequentialLR: LinearLR warmup then CosineAnnealingLR",
    spec: {
      type: "SequentialLR",
      schedulers: [
        { type: "LinearLR", startFactor: 0.01, totalIters: 10 },
        { type: "CosineAnnealingLR", tMax: 290, etaMin: 1e-5 },
      ],
      milestones: [10],
    },
  },
  {
    name: "ChainedScheduler: ConstantLR and ExponentialLR",
    spec: {
      type: "ChainedScheduler",
      schedulers: [{ type: "ConstantLR", factor: 0.5, totalIters: 30 }, {
        type: "ExponentialLR",
        gamma: 0.99,
      }],
    },
  },
  {
    name: "SequentialLR of a ChainedScheduler, then StepLR",
    spec: {
      type: "SequentialLR",
      schedulers: [
        {
          type: "ChainedScheduler",
          schedulers: [{ type: "LinearLR", totalIters: 15 }, { type: "StepLR", stepSize: 9 }],
        },
        { type: "StepLR", stepSize: 40, gamma: 0.5 },
      ],
      milestones: [60],
    },
  },
  {
    name: "ChainedScheduler of a SequentialLR and MultiStepLR",
    spec: {
      type: "ChainedScheduler",
      schedulers: [
        {
          type: "SequentialLR",
          schedulers: [{ type: "ConstantLR", factor: 0.1, totalIters: 10 }, {
            type: "CosineAnnealingLR",
            tMax: 100,
          }],
          milestones: [20],
        },
        { type: "MultiStepLR", milestones: [150, 250], gamma: 0.5 },
      ],
    },
  },
  {
    name: "SequentialLR of ScheduleLR of joinSchedules, LambdaLR, ExponentialLR",
    spec: {
      type: "SequentialLR",
      schedulers: [
        schedule(SCHEDULES[12]!),
        { type: "LambdaLR", lrLambda: { type: "stepDecay", lr0: 0.5, period: 10 } },
        { type: "ExponentialLR", gamma: 0.99 },
      ],
      milestones: [100, 200],
    },
  },
  {
    name: "SequentialLR of a ChainedScheduler with ExponentialLR (torch 2.x's first-step rule)",
    spec: {
      type: "SequentialLR",
      schedulers: [
        {
          type: "ChainedScheduler",
          schedulers: [{ type: "LinearLR", totalIters: 15 }, {
            type: "ExponentialLR",
            gamma: 0.98,
          }],
        },
        { type: "StepLR", stepSize: 40, gamma: 0.5 },
      ],
      milestones: [60],
    },
  },
  {
    name: "SequentialLR restarting a MultiplicativeLR (torch 2.x's first-step rule)",
    spec: {
      type: "SequentialLR",
      schedulers: [
        { type: "StepLR", stepSize: 10 },
        { type: "MultiplicativeLR", lrLambda: { type: "constantSchedule", value: 0.99 } },
      ],
      milestones: [100],
    },
  },
  {
    name: "SequentialLR of a ChainedScheduler with PolynomialLR and CosineAnnealingLR",
    spec: {
      type: "SequentialLR",
      schedulers: [
        {
          type: "ChainedScheduler",
          schedulers: [
            { type: "PolynomialLR", totalIters: 40, power: 1.5 },
            { type: "CosineAnnealingLR", tMax: 25, etaMin: 1e-4 },
          ],
        },
        { type: "PolynomialLR", totalIters: 100 },
      ],
      milestones: [90],
    },
  },
  {
    name: "SequentialLR of a SequentialLR starting with CosineAnnealingLR(tMax 1)",
    spec: {
      type: "SequentialLR",
      schedulers: [
        {
          type: "SequentialLR",
          schedulers: [{ type: "CosineAnnealingLR", tMax: 1 }, {
            type: "ExponentialLR",
            gamma: 0.9,
          }],
          milestones: [3],
        },
        { type: "MultiplicativeLR", lrLambda: { type: "stepDecay", lr0: 0.999, period: 50 } },
      ],
      milestones: [100],
    },
  },
  {
    name: "SequentialLR of CyclicLR then OneCycleLR",
    spec: {
      type: "SequentialLR",
      schedulers: [
        { type: "CyclicLR", baseLr: 0.01, maxLr: 0.1, stepSizeUp: 10 },
        { type: "OneCycleLR", maxLr: 0.2, totalSteps: 250 },
      ],
      milestones: [50],
    },
  },
].map((c) => ({ lrs: LRS, epochs: EPOCHS, ...c }));

Deno.test("the torch cases (here and in families_test.ts) cover every registered scheduler and schedule type", () => {
  const covered = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === "object" && v !== null) {
      const type = (v as { type?: unknown }).type;
      if (typeof type === "string") covered.add(type);
      Object.values(v).forEach(visit);
    }
  };
  [...CASES, ...FAMILY_CASES].forEach((c) => visit(c.spec));
  const { schedulers, schedules } = specTypes();
  const missing = [...schedulers, ...schedules].map((t) => t.type).filter((t) => !covered.has(t));
  assert.deepEqual(missing, []);
});

Deno.test("toPyTorch(spec) run under real torch steps to anneal's lrs, every lr of every case", async (t) => {
  if (!(await torchOrSkip("toPyTorch under torch"))) return;
  const { torch, results } = await runTorch(
    CASES.map((c) => ({ ...c, code: toPyTorch(c.spec) })),
  );
  let exact = 0;
  let total = 0;
  let worst = 0;
  const inexact = new Set<string>();
  for (const [i, c] of CASES.entries()) {
    await t.step({
      name: c.name,
      fn: () => {
        const result = results[i]!;
        assert.ok(
          !("error" in result),
          `torch raised ${"error" in result ? result.error : ""}\n${toPyTorch(c.spec)}`,
        );
        const expected = annealLrs(c);
        const rows = torchRowsToCompare(result.lrs, expected);
        assert.equal(rows.length, expected.length);
        rows.forEach((row, epoch) => {
          row.forEach((lr, g) => {
            const ours = expected[epoch]![g]!;
            total += 1;
            if (Object.is(lr, ours)) exact += 1;
            else inexact.add(c.name);
            const relative = Math.abs(lr - ours) / Math.max(Math.abs(ours), Number.MIN_VALUE);
            worst = Math.max(worst, lr === ours ? 0 : relative);
            assert.ok(
              relative <= TOLERANCE,
              `epoch ${epoch}, group ${g}: torch ${lr}, anneal ${ours} (relative ${relative})`,
            );
          });
        });
      },
    });
  }
  console.log(
    `torch ${torch}: ${CASES.length} cases, ${exact} of ${total} lrs bit for bit, ` +
      `worst relative difference ${worst} (in: ${[...inexact].join("; ") || "none"})`,
  );
});
