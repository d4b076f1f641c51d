/**
 * Bad-input cases of the `keras` and `optax` namespaces (pure schedules with their libraries'
 * names and numbers): every member of each is enumerated (see `_namespace.ts`). Negative and
 * zero values pass where the library takes them (optax's schedules drive any hyperparameter),
 * so the cases are wrong types, non-finite numbers, null, unknown and snake_case keys, and a
 * bad step.
 *
 * @module
 */

import type { Case } from "./_harness.ts";
import { type MemberCase, namespaceCases, optionCases } from "./_namespace.ts";
import { keras, optax } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

/** Option cases, plus calling the built schedule with a NaN, negative or string step. */
function scheduleCases(
  make: (options: never) => (step: number) => number,
  valid: Record<string, unknown>,
  rules: Record<string, { nullable?: boolean; infinite?: boolean }> = {},
): MemberCase[] {
  const built = () => make(valid as never);
  return [
    ...optionCases(valid, (options) => make(options as never), { rules }),
    {
      label: "the schedule at step NaN",
      call: () => built()(NaN),
      error: RangeError,
      includes: ["step", "NaN"],
    },
    {
      label: 'the schedule at step "3"',
      call: () => built()(bad("3")),
      error: TypeError,
      includes: ["step", '"3"'],
    },
  ];
}

/** A value that would make the schedule NaN or Infinity at some step: refused when built. */
const negative = (make: (options: never) => unknown, valid: Record<string, unknown>, key: string) =>
  ({
    label: `${key} -1 (NaN or Infinity at some step)`,
    call: () => make({ ...valid, [key]: -1 } as never),
    error: RangeError,
    includes: [key, "-1"],
  }) as MemberCase;

const kerasCases = namespaceCases("keras", keras, {
  CosineDecay: scheduleCases(keras.CosineDecay, {
    initialLearningRate: 0.1,
    decaySteps: 50,
    alpha: 0,
    warmupTarget: 0.2,
    warmupSteps: 10,
  }, { warmupTarget: { nullable: true } }),
  CosineDecayRestarts: scheduleCases(keras.CosineDecayRestarts, {
    initialLearningRate: 0.1,
    firstDecaySteps: 10,
    tMul: 2,
    mMul: 1,
    alpha: 0,
  }),
  ExponentialDecay: [
    ...scheduleCases(keras.ExponentialDecay, {
      initialLearningRate: 0.1,
      decaySteps: 10,
      decayRate: 0.5,
      staircase: false,
    }),
    negative(keras.ExponentialDecay, { initialLearningRate: 0.1, decaySteps: 10 }, "decayRate"),
  ],
  InverseTimeDecay: [
    ...scheduleCases(keras.InverseTimeDecay, {
      initialLearningRate: 0.3,
      decaySteps: 10,
      decayRate: 1,
      staircase: true,
    }),
    negative(keras.InverseTimeDecay, { initialLearningRate: 0.3, decaySteps: 10 }, "decayRate"),
  ],
  PiecewiseConstantDecay: [
    ...scheduleCases(keras.PiecewiseConstantDecay, { boundaries: [10, 20], values: [1, 0.5, 0.1] }),
    {
      label: "values one too few for the boundaries",
      call: () => keras.PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5] }),
      error: RangeError,
      includes: ["values", "boundaries"],
    },
    {
      label: "boundaries [10, NaN]",
      call: () => keras.PiecewiseConstantDecay({ boundaries: [10, NaN], values: [1, 0.5, 0.1] }),
      error: RangeError,
      includes: ["boundaries", "NaN"],
    },
  ],
  PolynomialDecay: [
    ...scheduleCases(keras.PolynomialDecay, {
      initialLearningRate: 0.1,
      decaySteps: 100,
      endLearningRate: 1e-4,
      power: 1,
      cycle: false,
    }),
    negative(keras.PolynomialDecay, { initialLearningRate: 0.1, decaySteps: 100 }, "power"),
  ],
});

const optaxCases = namespaceCases("optax", optax, {
  constantSchedule: scheduleCases(optax.constantSchedule, { value: 5 }),
  cosineDecaySchedule: [
    ...scheduleCases(optax.cosineDecaySchedule, {
      initValue: 0.1,
      decaySteps: 50,
      alpha: 0.1,
      exponent: 1,
    }),
    negative(optax.cosineDecaySchedule, { initValue: 0.1, decaySteps: 50 }, "exponent"),
  ],
  cosineOnecycleSchedule: scheduleCases(optax.cosineOnecycleSchedule, {
    transitionSteps: 100,
    peakValue: 0.1,
    pctStart: 0.3,
    divFactor: 25,
    finalDivFactor: 1e4,
  }),
  linearOnecycleSchedule: scheduleCases(optax.linearOnecycleSchedule, {
    transitionSteps: 100,
    peakValue: 0.1,
    pctStart: 0.3,
    pctFinal: 0.85,
    divFactor: 25,
    finalDivFactor: 1e4,
  }),
  exponentialDecay: [
    negative(optax.exponentialDecay, { initValue: 0.1, transitionSteps: 10 }, "decayRate"),
    ...scheduleCases(optax.exponentialDecay, {
      initValue: 0.1,
      transitionSteps: 10,
      decayRate: 0.5,
      transitionBegin: 0,
      staircase: false,
      endValue: 0.01,
    }, { endValue: { nullable: true } }),
  ],
  linearSchedule: scheduleCases(optax.linearSchedule, {
    initValue: 1,
    endValue: 0.01,
    transitionSteps: 100,
    transitionBegin: 0,
  }),
  polynomialSchedule: [
    ...scheduleCases(optax.polynomialSchedule, {
      initValue: 1,
      endValue: 0.01,
      power: 2,
      transitionSteps: 100,
      transitionBegin: 5,
    }),
    negative(
      optax.polynomialSchedule,
      { initValue: 1, endValue: 0.01, transitionSteps: 100 },
      "power",
    ),
  ],
  piecewiseConstantSchedule: scheduleCases(optax.piecewiseConstantSchedule, {
    initValue: 1,
    boundariesAndScales: { 100: 0.1, 200: 0.01 },
  }),
  piecewiseInterpolateSchedule: scheduleCases(optax.piecewiseInterpolateSchedule, {
    interpolateType: "linear",
    initValue: 1,
    boundariesAndScales: { 4: 0.1, 8: 0.01 },
  }),
  warmupConstantSchedule: scheduleCases(optax.warmupConstantSchedule, {
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 10,
  }),
  warmupCosineDecaySchedule: scheduleCases(optax.warmupCosineDecaySchedule, {
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 10,
    decaySteps: 100,
    endValue: 0,
    exponent: 1,
  }),
  warmupExponentialDecaySchedule: scheduleCases(optax.warmupExponentialDecaySchedule, {
    initValue: 0,
    peakValue: 0.1,
    warmupSteps: 10,
    transitionSteps: 10,
    decayRate: 0.5,
    transitionBegin: 0,
    staircase: false,
    endValue: 0.01,
  }, { endValue: { nullable: true } }),
  sgdrSchedule: [
    ...scheduleCases(optax.sgdrSchedule, {
      cosineKwargs: [{ initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 20 }],
    }),
    {
      label: "cosineKwargs []",
      call: () => optax.sgdrSchedule({ cosineKwargs: [] }),
      error: RangeError,
      includes: ["cosineKwargs", "[]"],
    },
    {
      label: "cosineKwargs[0] with a snake_case key",
      call: () =>
        optax.sgdrSchedule({
          cosineKwargs: [bad({ init_value: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 20 })],
        }),
      error: TypeError,
      includes: ["init_value", "did you mean initValue?"],
    },
  ],
  joinSchedules: [
    ...scheduleCases(optax.joinSchedules, {
      schedules: [optax.constantSchedule({ value: 1 }), optax.constantSchedule({ value: 0.1 })],
      boundaries: [10],
    }),
    {
      label: "one boundary too many",
      call: () =>
        optax.joinSchedules({
          schedules: [optax.constantSchedule({ value: 1 })],
          boundaries: [10],
        }),
      error: RangeError,
      includes: ["boundaries", "schedules"],
    },
    {
      label: "schedules holding a number",
      call: () => optax.joinSchedules({ schedules: [bad(0.1), bad(0.2)], boundaries: [10] }),
      error: TypeError,
      includes: ["schedules[0]", "0.1"],
    },
  ],
});

export const cases: Case[] = [...kerasCases, ...optaxCases];
