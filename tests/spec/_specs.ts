/**
 * Specs with every option given, one or more per registered type, shared by the spec tests.
 *
 * @module
 */

import type { Spec } from "../../lib/mod.ts";

/** Every option given, so the round trip must return the spec itself (plus the version). */
export const FULL_SCHEDULERS: Spec[] = [
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

export const FULL_SCHEDULES: Spec[] = [
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
