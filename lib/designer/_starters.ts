/**
 * A starting spec for every built-in type, for the designer's type menu: the required options
 * filled with values that draw a readable curve over 100 epochs.
 *
 * @module
 */

import type { Spec } from "../spec/spec.ts";

/** Starting specs by type (types not listed start from their option table's defaults). */
export const STARTERS: Readonly<Record<string, Spec>> = {
  StepLR: { type: "StepLR", stepSize: 30, gamma: 0.1 },
  MultiStepLR: { type: "MultiStepLR", milestones: [30, 80], gamma: 0.1 },
  ConstantLR: { type: "ConstantLR", factor: 0.5, totalIters: 20 },
  LinearLR: { type: "LinearLR", startFactor: 0.1, endFactor: 1, totalIters: 20 },
  ExponentialLR: { type: "ExponentialLR", gamma: 0.97 },
  PolynomialLR: { type: "PolynomialLR", totalIters: 80, power: 2 },
  CosineAnnealingLR: { type: "CosineAnnealingLR", tMax: 100, etaMin: 0 },
  CosineAnnealingWarmRestarts: { type: "CosineAnnealingWarmRestarts", t0: 10, tMult: 2 },
  CyclicLR: { type: "CyclicLR", baseLr: 0.01, maxLr: 0.1, stepSizeUp: 10, mode: "triangular" },
  OneCycleLR: { type: "OneCycleLR", maxLr: 0.1, totalSteps: 100 },
  ReduceLROnPlateau: { type: "ReduceLROnPlateau", factor: 0.5, patience: 10 },
  LambdaLR: { type: "LambdaLR", lrLambda: { type: "stepDecay", lr0: 1, beta: 0.5, period: 20 } },
  MultiplicativeLR: {
    type: "MultiplicativeLR",
    lrLambda: { type: "constantSchedule", value: 0.97 },
  },
  ScheduleLR: {
    type: "ScheduleLR",
    schedule: { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 100 },
  },
  SequentialLR: {
    type: "SequentialLR",
    schedulers: [
      { type: "LinearLR", startFactor: 0.1, totalIters: 10 },
      { type: "CosineAnnealingLR", tMax: 90 },
    ],
    milestones: [10],
  },
  ChainedScheduler: {
    type: "ChainedScheduler",
    schedulers: [
      { type: "ConstantLR", factor: 0.5, totalIters: 10 },
      { type: "ExponentialLR", gamma: 0.97 },
    ],
  },
  stepDecay: { type: "stepDecay", lr0: 0.1, beta: 0.5, period: 20 },
  exponentialDecay: { type: "exponentialDecay", lr0: 0.1, k: 0.03 },
  inverseTimeDecay: { type: "inverseTimeDecay", lr0: 0.1, k: 0.1 },
  constantSchedule: { type: "constantSchedule", value: 0.1 },
  linearSchedule: { type: "linearSchedule", initValue: 0.1, endValue: 0, transitionSteps: 100 },
  polynomialSchedule: {
    type: "polynomialSchedule",
    initValue: 0.1,
    endValue: 0,
    power: 2,
    transitionSteps: 100,
  },
  cosineDecaySchedule: { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 100 },
  inverseSqrtSchedule: { type: "inverseSqrtSchedule", peakValue: 0.1, warmupSteps: 10 },
  piecewiseConstantSchedule: {
    type: "piecewiseConstantSchedule",
    initValue: 0.1,
    boundariesAndScales: { "30": 0.1, "80": 0.1 },
  },
  joinSchedules: {
    type: "joinSchedules",
    schedules: [
      { type: "linearSchedule", initValue: 0, endValue: 0.1, transitionSteps: 10 },
      { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 90 },
    ],
    boundaries: [10],
  },
  warmupCosineDecaySchedule: {
    type: "warmupCosineDecaySchedule",
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 10,
    decaySteps: 100,
  },
  warmupStableDecaySchedule: {
    type: "warmupStableDecaySchedule",
    peakValue: 0.1,
    warmupSteps: 10,
    stableSteps: 60,
    decaySteps: 30,
  },
  sgdrSchedule: { type: "sgdrSchedule", peakValue: 0.1, cycleSteps: 20, cycleMult: 2 },
  oneCycleSchedule: { type: "oneCycleSchedule", peakValue: 0.1, totalSteps: 100 },
  getPolynomialDecayScheduleWithWarmup: {
    type: "getPolynomialDecayScheduleWithWarmup",
    numWarmupSteps: 10,
    numTrainingSteps: 100,
  },
  getCosineWithMinLrScheduleWithWarmup: {
    type: "getCosineWithMinLrScheduleWithWarmup",
    numWarmupSteps: 10,
    numTrainingSteps: 100,
    minLrRate: 0.1,
  },
  getCosineWithMinLrScheduleWithWarmupLrRate: {
    type: "getCosineWithMinLrScheduleWithWarmupLrRate",
    numWarmupSteps: 10,
    numTrainingSteps: 100,
    minLrRate: 0.1,
  },
  getWsdSchedule: {
    type: "getWsdSchedule",
    numWarmupSteps: 10,
    numDecaySteps: 30,
    numTrainingSteps: 100,
  },
  WarmupLR: {
    type: "WarmupLR",
    scheduler: { type: "CosineAnnealingLR", tMax: 100 },
    warmupSteps: 10,
  },
  ParamwiseScheduler: {
    type: "ParamwiseScheduler",
    schedulers: [{ type: "CosineAnnealingLR", tMax: 100 }],
  },
  "keras.PiecewiseConstantDecay": {
    type: "keras.PiecewiseConstantDecay",
    boundaries: [30, 80],
    values: [0.1, 0.01, 0.001],
  },
  "optax.piecewiseInterpolateSchedule": {
    type: "optax.piecewiseInterpolateSchedule",
    interpolateType: "cosine",
    initValue: 0.1,
    boundariesAndScales: { "30": 0.1, "80": 0.1 },
  },
  "optax.warmupCosineDecaySchedule": {
    type: "optax.warmupCosineDecaySchedule",
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 10,
    decaySteps: 100,
  },
  "optax.sgdrSchedule": {
    type: "optax.sgdrSchedule",
    cosineKwargs: [
      { initValue: 0.1, peakValue: 0.1, warmupSteps: 0, decaySteps: 30 },
      { initValue: 0.1, peakValue: 0.1, warmupSteps: 0, decaySteps: 70 },
    ],
  },
  "optax.joinSchedules": {
    type: "optax.joinSchedules",
    schedules: [
      { type: "optax.linearSchedule", initValue: 0, endValue: 0.1, transitionSteps: 10 },
      { type: "optax.cosineDecaySchedule", initValue: 0.1, decaySteps: 90 },
    ],
    boundaries: [10],
  },
};
