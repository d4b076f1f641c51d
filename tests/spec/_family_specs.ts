/**
 * Specs of the other libraries' families (Hugging Face, timm, Keras, optax) and SWALR, every
 * option given (so the round trip returns the spec itself), and the torch cases that run their
 * PyTorch export: several configurations per type, two param groups.
 *
 * @module
 */

import type { Spec } from "../../lib/mod.ts";
import type { TorchCase } from "./_torch.ts";

const NOISE_OFF = { noiseRangeT: null, noisePct: 0.67, noiseStd: 1, noiseSeed: 42 };

export const FAMILY_SCHEDULERS: Spec[] = [
  { type: "SWALR", swaLr: [0.01, 0.02], annealEpochs: 7, annealStrategy: "linear" },
  { type: "getConstantSchedule" },
  { type: "getConstantScheduleWithWarmup", numWarmupSteps: 9 },
  { type: "getLinearScheduleWithWarmup", numWarmupSteps: 10, numTrainingSteps: 90 },
  { type: "getCosineScheduleWithWarmup", numWarmupSteps: 5, numTrainingSteps: 80, numCycles: 1.5 },
  {
    type: "getCosineWithHardRestartsScheduleWithWarmup",
    numWarmupSteps: 4,
    numTrainingSteps: 70,
    numCycles: 3,
  },
  {
    type: "getPolynomialDecayScheduleWithWarmup",
    numWarmupSteps: 6,
    numTrainingSteps: 50,
    lrEnd: 0.001,
    power: 2,
  },
  { type: "getInverseSqrtSchedule", numWarmupSteps: 8, timescale: 20 },
  {
    type: "getCosineWithMinLrScheduleWithWarmup",
    numWarmupSteps: 5,
    numTrainingSteps: 60,
    numCycles: 0.5,
    minLr: 0.001,
  },
  {
    type: "getCosineWithMinLrScheduleWithWarmupLrRate",
    numWarmupSteps: 5,
    numTrainingSteps: 60,
    numCycles: 0.5,
    minLrRate: 0.1,
    warmupLrRate: 0.2,
  },
  {
    type: "getWsdSchedule",
    numWarmupSteps: 5,
    numDecaySteps: 20,
    numTrainingSteps: 70,
    warmupType: "cosine",
    decayType: "1-sqrt",
    minLrRatio: 0.05,
    numCycles: 0.5,
  },
  {
    type: "getReduceOnPlateauSchedule",
    mode: "min",
    factor: 0.5,
    patience: 2,
    threshold: 0.001,
    thresholdMode: "rel",
    cooldown: 1,
    minLr: 1e-5,
    eps: 1e-8,
  },
  {
    type: "CosineLRScheduler",
    tInitial: 20,
    lrMin: 1e-4,
    cycleMul: 1.5,
    cycleDecay: 0.7,
    cycleLimit: 3,
    warmupT: 3,
    warmupLrInit: 1e-4,
    warmupPrefix: true,
    kDecay: 1.2,
    tInEpochs: true,
    noiseRangeT: [10, 30],
    noisePct: 0.5,
    noiseStd: 1,
    noiseSeed: 7,
  },
  {
    type: "TanhLRScheduler",
    lb: -6,
    ub: 4,
    tInitial: 25,
    lrMin: 1e-5,
    cycleMul: 1,
    cycleDecay: 0.5,
    cycleLimit: 2,
    warmupT: 4,
    warmupLrInit: 0,
    warmupPrefix: false,
    tInEpochs: false,
    ...NOISE_OFF,
  },
  {
    type: "StepLRScheduler",
    decayT: 7,
    decayRate: 0.5,
    warmupT: 2,
    warmupLrInit: 0.001,
    warmupPrefix: true,
    tInEpochs: true,
    noiseRangeT: 20,
    noisePct: 0.3,
    noiseStd: 1,
    noiseSeed: 3,
  },
  {
    type: "MultiStepLRScheduler",
    decayT: [10, 25, 40],
    decayRate: 0.3,
    warmupT: 0,
    warmupLrInit: 0,
    warmupPrefix: true,
    tInEpochs: true,
    ...NOISE_OFF,
  },
  {
    type: "PolyLRScheduler",
    power: 2,
    tInitial: 30,
    lrMin: 0,
    cycleMul: 2,
    cycleDecay: 0.9,
    cycleLimit: 3,
    warmupT: 5,
    warmupLrInit: 0,
    warmupPrefix: false,
    kDecay: 0.8,
    tInEpochs: true,
    ...NOISE_OFF,
  },
  {
    type: "PlateauLRScheduler",
    decayRate: 0.5,
    patienceT: 2,
    threshold: 1e-3,
    cooldownT: 1,
    warmupT: 3,
    warmupLrInit: 0.001,
    lrMin: 1e-5,
    mode: "min",
    noiseType: "uniform",
    noiseRangeT: 30,
    noisePct: 0.2,
    noiseStd: 1,
    noiseSeed: 11,
  },
];

/** sched's types (WarmupLR, ParamwiseScheduler) and the `field` option, every option given. */
export const SCHED_SCHEDULERS: Spec[] = [
  {
    type: "WarmupLR",
    scheduler: { type: "CosineAnnealingLR", tMax: 60, etaMin: 0.001 },
    warmupSteps: 10,
    warmupType: "linear",
    startFactor: 0.1,
  },
  {
    type: "WarmupLR",
    scheduler: {
      type: "ReduceLROnPlateau",
      mode: "min",
      factor: 0.5,
      patience: 3,
      threshold: 1e-4,
      thresholdMode: "rel",
      cooldown: 0,
      minLr: 0,
      eps: 1e-8,
    },
    warmupSteps: 8,
    warmupType: "exponential",
    startLr: [0.001, 0.002],
  },
  {
    type: "ParamwiseScheduler",
    schedulers: [
      { type: "StepLR", stepSize: 10, gamma: 0.5 },
      {
        type: "WarmupLR",
        scheduler: { type: "ExponentialLR", gamma: 0.97 },
        warmupSteps: 5,
        warmupType: "constant",
        startFactor: 0.5,
      },
    ],
  },
  { type: "ParamwiseScheduler", schedulers: [null, { type: "ExponentialLR", gamma: 0.9 }] },
  { type: "StepLR", stepSize: 5, gamma: 0.5, field: "momentum" },
  {
    type: "ScheduleLR",
    schedule: { type: "constantSchedule", value: 0.01 },
    field: "weightDecay",
  },
];

export const FAMILY_SCHEDULES: Spec[] = [
  {
    type: "keras.ExponentialDecay",
    initialLearningRate: 0.1,
    decaySteps: 10,
    decayRate: 0.9,
    staircase: true,
  },
  { type: "keras.PiecewiseConstantDecay", boundaries: [20, 50], values: [0.1, 0.05, 0.01] },
  {
    type: "keras.PolynomialDecay",
    initialLearningRate: 0.1,
    decaySteps: 30,
    endLearningRate: 0.001,
    power: 2,
    cycle: true,
  },
  {
    type: "keras.InverseTimeDecay",
    initialLearningRate: 0.1,
    decaySteps: 5,
    decayRate: 0.5,
    staircase: false,
  },
  {
    type: "keras.CosineDecay",
    initialLearningRate: 0.01,
    decaySteps: 80,
    alpha: 0.05,
    warmupTarget: 0.1,
    warmupSteps: 10,
  },
  {
    type: "keras.CosineDecayRestarts",
    initialLearningRate: 0.1,
    firstDecaySteps: 10,
    tMul: 2,
    mMul: 0.8,
    alpha: 0.01,
  },
  { type: "optax.constantSchedule", value: 0.05 },
  {
    type: "optax.polynomialSchedule",
    initValue: 0.1,
    endValue: 0.001,
    power: 1.5,
    transitionSteps: 60,
    transitionBegin: 5,
  },
  {
    type: "optax.linearSchedule",
    initValue: 0.1,
    endValue: 0,
    transitionSteps: 70,
    transitionBegin: 0,
  },
  {
    type: "optax.piecewiseConstantSchedule",
    initValue: 0.1,
    boundariesAndScales: { 15: 0.5, 40: 0.2 },
  },
  {
    type: "optax.exponentialDecay",
    initValue: 0.1,
    transitionSteps: 8,
    decayRate: 0.7,
    transitionBegin: 4,
    staircase: false,
    endValue: 0.005,
  },
  { type: "optax.cosineDecaySchedule", initValue: 0.1, decaySteps: 75, alpha: 0.1, exponent: 2 },
  {
    type: "optax.piecewiseInterpolateSchedule",
    interpolateType: "cosine",
    initValue: 0.1,
    boundariesAndScales: { 10: 0.5, 35: 0.1, 60: 2 },
  },
  {
    type: "optax.linearOnecycleSchedule",
    transitionSteps: 80,
    peakValue: 0.1,
    pctStart: 0.25,
    pctFinal: 0.8,
    divFactor: 20,
    finalDivFactor: 1000,
  },
  {
    type: "optax.cosineOnecycleSchedule",
    transitionSteps: 70,
    peakValue: 0.1,
    pctStart: 0.3,
    divFactor: 25,
    finalDivFactor: 1e4,
  },
  { type: "optax.warmupConstantSchedule", initValue: 0, peakValue: 0.1, warmupSteps: 12 },
  {
    type: "optax.warmupCosineDecaySchedule",
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 10,
    decaySteps: 70,
    endValue: 0.001,
    exponent: 1,
  },
  {
    type: "optax.warmupExponentialDecaySchedule",
    initValue: 0.001,
    peakValue: 0.1,
    warmupSteps: 10,
    transitionSteps: 5,
    decayRate: 0.8,
    transitionBegin: 3,
    staircase: true,
    endValue: null,
  },
  {
    type: "optax.sgdrSchedule",
    cosineKwargs: [
      { initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 30, endValue: 0, exponent: 1 },
      {
        initValue: 0.01,
        peakValue: 0.05,
        warmupSteps: 3,
        decaySteps: 25,
        endValue: 0.001,
        exponent: 2,
      },
    ],
  },
  {
    type: "optax.joinSchedules",
    schedules: [
      {
        type: "optax.linearSchedule",
        initValue: 0,
        endValue: 0.1,
        transitionSteps: 10,
        transitionBegin: 0,
      },
      {
        type: "optax.cosineDecaySchedule",
        initValue: 0.1,
        decaySteps: 60,
        alpha: 0,
        exponent: 1,
      },
    ],
    boundaries: [10],
  },
];

/** A metric that improves, stalls, improves a little, and stalls again: the plateaus cut. */
const METRICS = Array.from({ length: 90 }, (_, i) => i < 20 ? 10 - i / 10 : 8 - (i % 7) / 1000);

const EPOCHS = 90;
const LRS = [0.1, 0.05];

/** Torch cases: every spec above, and more configurations per type. */
export const FAMILY_CASES: TorchCase[] = [
  ...FAMILY_SCHEDULERS.map((spec) => ({ name: `${spec.type} (every option)`, spec })),
  ...FAMILY_SCHEDULES.map((spec) => ({ name: `${spec.type} (every option)`, spec })),
  ...SCHED_SCHEDULERS.filter((spec) => spec.field === undefined).map((spec, i) => ({
    name: `${spec.type} #${i} (every option)`,
    spec,
  })),
  {
    name: "WarmupLR (constant) in front of OneCycleLR",
    spec: {
      type: "WarmupLR",
      scheduler: { type: "OneCycleLR", maxLr: 0.3, totalSteps: 100 },
      warmupSteps: 6,
      warmupType: "constant",
    },
  },
  {
    name: "WarmupLR (linear from startLr) in front of timm's CosineLRScheduler",
    spec: {
      type: "WarmupLR",
      scheduler: { type: "CosineLRScheduler", tInitial: 50 },
      warmupSteps: 5,
      startLr: 0,
    },
  },
  // more configurations
  { name: "SWALR cos, default epochs", spec: { type: "SWALR", swaLr: 0.01 } },
  { name: "SWALR annealEpochs 0", spec: { type: "SWALR", swaLr: 0.03, annealEpochs: 0 } },
  {
    name: "getLinearScheduleWithWarmup, no warmup",
    spec: { type: "getLinearScheduleWithWarmup", numWarmupSteps: 0, numTrainingSteps: 60 },
  },
  {
    name: "getCosineScheduleWithWarmup, default cycles",
    spec: { type: "getCosineScheduleWithWarmup", numWarmupSteps: 9, numTrainingSteps: 85 },
  },
  {
    name: "getPolynomialDecayScheduleWithWarmup, power 0.5",
    spec: {
      type: "getPolynomialDecayScheduleWithWarmup",
      numWarmupSteps: 0,
      numTrainingSteps: 40,
      power: 0.5,
    },
  },
  {
    name: "getInverseSqrtSchedule, default timescale",
    spec: { type: "getInverseSqrtSchedule", numWarmupSteps: 0 },
  },
  {
    name: "getCosineWithMinLrScheduleWithWarmupLrRate, minLr",
    spec: {
      type: "getCosineWithMinLrScheduleWithWarmupLrRate",
      numWarmupSteps: 7,
      numTrainingSteps: 75,
      minLr: 0.002,
    },
  },
  {
    name: "getWsdSchedule with numStableSteps, linear",
    spec: {
      type: "getWsdSchedule",
      numWarmupSteps: 10,
      numDecaySteps: 30,
      numStableSteps: 25,
      warmupType: "1-sqrt",
      decayType: "linear",
    },
  },
  {
    name: "getWsdSchedule cosine decay, 2 cycles",
    spec: {
      type: "getWsdSchedule",
      numWarmupSteps: 3,
      numDecaySteps: 40,
      numTrainingSteps: 60,
      numCycles: 1,
    },
  },
  {
    name: "CosineLRScheduler, restarts, no prefix, noise from 5 on",
    spec: {
      type: "CosineLRScheduler",
      tInitial: 15,
      cycleLimit: 4,
      warmupT: 5,
      noiseRangeT: 5,
    },
  },
  {
    name: "TanhLRScheduler, prefix, cycleMul 1.3",
    spec: {
      type: "TanhLRScheduler",
      tInitial: 20,
      cycleMul: 1.3,
      cycleLimit: 3,
      warmupT: 3,
      warmupPrefix: true,
    },
  },
  {
    name: "StepLRScheduler, fractional decayT",
    spec: { type: "StepLRScheduler", decayT: 2.5, decayRate: 0.9 },
  },
  {
    name: "MultiStepLRScheduler with warmup, noise in [30, 60)",
    spec: {
      type: "MultiStepLRScheduler",
      decayT: [20, 50],
      decayRate: 0.5,
      warmupT: 4,
      noiseRangeT: [30, 60],
    },
  },
  {
    name: "PolyLRScheduler defaults",
    spec: { type: "PolyLRScheduler", tInitial: 60 },
  },
  {
    name: "PlateauLRScheduler max mode, normal noise",
    spec: { type: "PlateauLRScheduler", patienceT: 3, noiseRangeT: [40, 70] },
    metrics: METRICS.map((m) => -m),
  },
  {
    name: "keras.CosineDecay without warmup",
    spec: { type: "keras.CosineDecay", initialLearningRate: 0.1, decaySteps: 50, alpha: 0.1 },
  },
  {
    name: "keras.CosineDecayRestarts tMul 1",
    spec: {
      type: "keras.CosineDecayRestarts",
      initialLearningRate: 0.1,
      firstDecaySteps: 13,
      tMul: 1,
    },
  },
  {
    name: "keras.PolynomialDecay no cycle",
    spec: { type: "keras.PolynomialDecay", initialLearningRate: 0.1, decaySteps: 40, power: 3 },
  },
  {
    name: "optax.piecewiseInterpolateSchedule linear",
    spec: {
      type: "optax.piecewiseInterpolateSchedule",
      interpolateType: "linear",
      initValue: 0.1,
      boundariesAndScales: { 5: 2, 30: 0.1 },
    },
  },
  {
    name: "optax.exponentialDecay growing to an endValue",
    spec: {
      type: "optax.exponentialDecay",
      initValue: 0.001,
      transitionSteps: 4,
      decayRate: 1.2,
      endValue: 0.05,
    },
  },
  {
    name: "optax.polynomialSchedule with transitionSteps 0 (constant)",
    spec: {
      type: "optax.polynomialSchedule",
      initValue: 0.1,
      endValue: 0,
      power: 1,
      transitionSteps: 0,
    },
  },
  {
    name: "optax.joinSchedules of an optax warmup and a Keras cosine",
    spec: {
      type: "optax.joinSchedules",
      schedules: [
        { type: "optax.linearSchedule", initValue: 0, endValue: 0.1, transitionSteps: 10 },
        { type: "keras.CosineDecay", initialLearningRate: 0.1, decaySteps: 60 },
      ],
      boundaries: [10],
    },
  },
  {
    name: "SequentialLR: LinearLR, then timm's CosineLRScheduler",
    spec: {
      type: "SequentialLR",
      schedulers: [
        { type: "LinearLR", startFactor: 0.2, totalIters: 5 },
        { type: "CosineLRScheduler", tInitial: 30, lrMin: 1e-4, cycleLimit: 2 },
      ],
      milestones: [5],
    },
  },
  {
    name: "SequentialLR: ConstantLR, then a WarmupLR in front of CosineAnnealingLR",
    spec: {
      type: "SequentialLR",
      schedulers: [
        { type: "ConstantLR", factor: 0.5, totalIters: 10 },
        {
          type: "WarmupLR",
          scheduler: { type: "CosineAnnealingLR", tMax: 60 },
          warmupSteps: 8,
          startFactor: 0.1,
        },
      ],
      milestones: [10],
    },
  },
  {
    name: "SequentialLR: LinearLR, then a ScheduleLR of optax.linearOnecycleSchedule",
    spec: {
      type: "SequentialLR",
      schedulers: [
        { type: "LinearLR", startFactor: 0.1, totalIters: 10 },
        { type: "ScheduleLR", schedule: FAMILY_SCHEDULES[13]! },
      ],
      milestones: [10],
    },
  },
].map((c) => ({
  lrs: LRS,
  epochs: EPOCHS,
  ...c,
  ...(/Plateau/.test(JSON.stringify(c.spec)) && !("metrics" in c) ? { metrics: METRICS } : {}),
}));
