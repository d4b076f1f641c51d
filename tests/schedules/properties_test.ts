/**
 * Properties of every schedule over random options and steps (fast-check): finite values,
 * decays that never rise, values bounded by the schedule's minimum and peak, and the step check.
 * Rounding slack: comparisons allow 1e-15 times the schedule's largest value (a few ulps; optax's
 * `(I - E) * f + E` cancels to about that much when I or E is tiny).
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import * as s from "../../lib/schedules/mod.ts";
import type { Schedule } from "../../lib/schedules/mod.ts";

const SLACK = 1e-15;
/** a <= b up to rounding on the scale of `scale`, the schedule's largest value. */
const leq = (a: number, b: number, scale: number) => a <= b + SLACK * scale;

const value = fc.double({ min: 1e-6, max: 10, noNaN: true });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const steps = fc.integer({ min: 1, max: 500 });
const step = fc.double({ min: 0, max: 1e7, noNaN: true });
const twoSteps = fc.tuple(step, step).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

/** Schedules that decay from their first step on, each with its floor and its start. */
const decays: fc.Arbitrary<{ name: string; lr: Schedule; min: number; max: number }> = fc.oneof(
  fc.record({ lr0: value, beta: fraction, period: steps }).map((o) => ({
    name: `stepDecay(${JSON.stringify(o)})`,
    lr: s.stepDecay(o),
    min: 0,
    max: o.lr0,
  })),
  fc.record({ lr0: value, k: fc.double({ min: 0, max: 5, noNaN: true }) }).map((o) => ({
    name: `exponentialDecay(${JSON.stringify(o)})`,
    lr: s.exponentialDecay(o),
    min: 0,
    max: o.lr0,
  })),
  fc.record({
    lr0: value,
    decayRate: fc.double({ min: 0.01, max: 1, noNaN: true }),
    transitionSteps: steps,
    transitionBegin: steps,
    staircase: fc.boolean(),
    endValue: fc.double({ min: 0, max: 1e-6, noNaN: true }),
  }).map((o) => ({
    name: `exponentialDecay(${JSON.stringify(o)})`,
    lr: s.exponentialDecay(o),
    min: o.endValue,
    max: o.lr0,
  })),
  fc.record({
    lr0: value,
    k: fc.double({ min: 0, max: 5, noNaN: true }),
    transitionSteps: steps,
    staircase: fc.boolean(),
  }).map((o) => ({
    name: `inverseTimeDecay(${JSON.stringify(o)})`,
    lr: s.inverseTimeDecay(o),
    min: 0,
    max: o.lr0,
  })),
  fc.record({
    initValue: value,
    endFraction: fraction,
    power: fc.double({ min: 0.1, max: 5, noNaN: true }),
    transitionSteps: steps,
    transitionBegin: steps,
  }).map(({ endFraction, ...o }) => {
    const options = { ...o, endValue: o.initValue * endFraction };
    return {
      name: `polynomialSchedule(${JSON.stringify(options)})`,
      lr: s.polynomialSchedule(options),
      min: options.endValue,
      max: o.initValue,
    };
  }),
  fc.record({
    initValue: value,
    decaySteps: steps,
    alpha: fraction,
    exponent: fc.double({ min: 0.1, max: 5, noNaN: true }),
  }).map((o) => ({
    name: `cosineDecaySchedule(${JSON.stringify(o)})`,
    lr: s.cosineDecaySchedule(o),
    min: o.initValue * o.alpha,
    max: o.initValue,
  })),
  fc.record({
    initValue: value,
    scales: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fraction), { maxLength: 5 }),
  }).map(({ initValue, scales }) => {
    const boundariesAndScales = Object.fromEntries(scales);
    return {
      name: `piecewiseConstantSchedule(${JSON.stringify({ initValue, boundariesAndScales })})`,
      lr: s.piecewiseConstantSchedule({ initValue, boundariesAndScales }),
      min: 0,
      max: initValue,
    };
  }),
);

/** Schedules that warm up, then decay: `peakAt` is where the decay starts. */
const warmups: fc.Arbitrary<
  { name: string; lr: Schedule; min: number; max: number; peakAt: number }
> = fc.oneof(
  fc.record({
    peakValue: value,
    initFraction: fraction,
    endFraction: fraction,
    warmupSteps: fc.integer({ min: 0, max: 100 }),
    extra: steps,
  }).map(({ initFraction, endFraction, extra, ...o }) => {
    const options = {
      ...o,
      initValue: o.peakValue * initFraction,
      endValue: o.peakValue * endFraction,
      decaySteps: o.warmupSteps + extra,
    };
    return {
      name: `warmupCosineDecaySchedule(${JSON.stringify(options)})`,
      lr: s.warmupCosineDecaySchedule(options),
      min: Math.min(options.initValue, options.endValue),
      max: o.peakValue,
      peakAt: o.warmupSteps,
    };
  }),
  fc.record({
    peakValue: value,
    initFraction: fraction,
    endFraction: fraction,
    warmupSteps: fc.integer({ min: 0, max: 100 }),
    stableSteps: fc.integer({ min: 0, max: 100 }),
    decaySteps: fc.integer({ min: 0, max: 100 }),
    warmupType: fc.constantFrom(...s.WSD_SHAPES),
    decayType: fc.constantFrom(...s.WSD_SHAPES),
  }).map(({ initFraction, endFraction, ...o }) => {
    const options = {
      ...o,
      initValue: o.peakValue * initFraction,
      endValue: o.peakValue * endFraction,
    };
    return {
      name: `warmupStableDecaySchedule(${JSON.stringify(options)})`,
      lr: s.warmupStableDecaySchedule(options),
      min: Math.min(options.initValue, options.endValue),
      max: o.peakValue,
      peakAt: o.warmupSteps,
    };
  }),
  fc.record({
    peakValue: value,
    warmupSteps: fc.integer({ min: 0, max: 100 }),
    timescale: steps,
  }).map((o) => ({
    name: `inverseSqrtSchedule(${JSON.stringify(o)})`,
    lr: s.inverseSqrtSchedule(o),
    min: 0,
    max: o.peakValue,
    peakAt: o.warmupSteps,
  })),
  fc.record({
    peakValue: value,
    totalSteps: fc.integer({ min: 2, max: 1000 }),
    pctStart: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    annealStrategy: fc.constantFrom("cos" as const, "linear" as const),
    divFactor: fc.double({ min: 1, max: 1e3, noNaN: true }),
    finalDivFactor: fc.double({ min: 1, max: 1e5, noNaN: true }),
  }).filter((o) => o.pctStart * o.totalSteps >= 2).map((o) => ({
    name: `oneCycleSchedule(${JSON.stringify(o)})`,
    lr: s.oneCycleSchedule(o),
    min: o.peakValue / o.divFactor / o.finalDivFactor,
    max: o.peakValue,
    peakAt: o.pctStart * o.totalSteps - 1,
  })),
);

Deno.test("every decay gives finite values within [min, start] at any step", () => {
  fc.assert(fc.property(decays, step, ({ name, lr, min, max }, t) => {
    const v = lr(t);
    assert.ok(Number.isFinite(v), `${name} at ${t}: ${v}`);
    assert.ok(
      leq(min, v, max) && leq(v, max, max),
      `${name} at ${t}: ${v} outside [${min}, ${max}]`,
    );
  }));
});

Deno.test("every decay is non-increasing: t1 <= t2 gives lr(t1) >= lr(t2)", () => {
  fc.assert(fc.property(decays, twoSteps, ({ name, lr, max }, [t1, t2]) => {
    assert.ok(leq(lr(t2), lr(t1), max), `${name}: lr(${t1}) = ${lr(t1)} < lr(${t2}) = ${lr(t2)}`);
  }));
});

Deno.test("every warmup schedule stays within [min, peak] and is finite", () => {
  fc.assert(fc.property(warmups, step, ({ name, lr, min, max }, t) => {
    const v = lr(t);
    assert.ok(Number.isFinite(v), `${name} at ${t}: ${v}`);
    assert.ok(
      leq(min, v, max) && leq(v, max, max),
      `${name} at ${t}: ${v} outside [${min}, ${max}]`,
    );
  }));
});

Deno.test("every warmup schedule rises before its peak and falls after it", () => {
  fc.assert(fc.property(warmups, twoSteps, ({ name, lr, max, peakAt }, [t1, t2]) => {
    if (t2 <= peakAt) assert.ok(leq(lr(t1), lr(t2), max), `${name}: falls from ${t1} to ${t2}`);
    if (t1 >= peakAt) assert.ok(leq(lr(t2), lr(t1), max), `${name}: rises from ${t1} to ${t2}`);
  }));
});

Deno.test("sgdrSchedule stays between endValue and the peak of the step's cycle", () => {
  const arb = fc.record({
    peakValue: value,
    cycleSteps: fc.integer({ min: 1, max: 50 }),
    cycleMult: fc.integer({ min: 1, max: 3 }),
    cycleDecay: fraction,
    endFraction: fraction,
  });
  const t = fc.double({ min: 0, max: 1e4, noNaN: true });
  fc.assert(fc.property(arb, t, ({ endFraction, ...o }, step) => {
    const endValue = o.peakValue * endFraction;
    const lr = s.sgdrSchedule({ ...o, endValue });
    // the cycle index, walking the cycles one by one
    let [start, length, cycle] = [0, o.cycleSteps, 0];
    while (step >= start + length) {
      [start, length, cycle] = [start + length, length * o.cycleMult, cycle + 1];
    }
    const peak = o.peakValue * o.cycleDecay ** cycle;
    const [lo, hi] = [Math.min(endValue, peak), Math.max(endValue, peak)];
    const v = lr(step);
    assert.ok(Number.isFinite(v));
    assert.ok(leq(lo, v, o.peakValue) && leq(v, hi, o.peakValue), `${v} outside [${lo}, ${hi}]`);
    const atStart = lr(start);
    assert.ok(Math.abs(atStart - peak) <= SLACK * o.peakValue, "each cycle starts at its peak");
  }));
});

/** One of every schedule, for the step check. */
const EVERY: Record<string, Schedule> = {
  stepDecay: s.stepDecay({ lr0: 1, period: 2 }),
  exponentialDecay: s.exponentialDecay({ lr0: 1, k: 1 }),
  inverseTimeDecay: s.inverseTimeDecay({ lr0: 1, k: 1 }),
  constantSchedule: s.constantSchedule({ value: 1 }),
  linearSchedule: s.linearSchedule({ initValue: 0, endValue: 1, transitionSteps: 2 }),
  polynomialSchedule: s.polynomialSchedule({
    initValue: 1,
    endValue: 0,
    power: 2,
    transitionSteps: 2,
  }),
  cosineDecaySchedule: s.cosineDecaySchedule({ initValue: 1, decaySteps: 2 }),
  inverseSqrtSchedule: s.inverseSqrtSchedule({ peakValue: 1, warmupSteps: 2 }),
  piecewiseConstantSchedule: s.piecewiseConstantSchedule({ initValue: 1 }),
  joinSchedules: s.joinSchedules({ schedules: [(t) => t], boundaries: [] }),
  warmupCosineDecaySchedule: s.warmupCosineDecaySchedule({
    initValue: 0,
    peakValue: 1,
    warmupSteps: 1,
    decaySteps: 3,
  }),
  warmupStableDecaySchedule: s.warmupStableDecaySchedule({
    peakValue: 1,
    warmupSteps: 1,
    stableSteps: 1,
    decaySteps: 1,
  }),
  sgdrSchedule: s.sgdrSchedule({ peakValue: 1, cycleSteps: 2 }),
  oneCycleSchedule: s.oneCycleSchedule({ peakValue: 1, totalSteps: 10 }),
};

Deno.test("every schedule rejects a negative, non-finite or non-number step, naming `step`", () => {
  for (const [name, lr] of Object.entries(EVERY)) {
    for (
      const [bad, ErrorClass, message] of [
        [-1, RangeError, "step must be non-negative, got step=-1"],
        [-1e-9, RangeError, "step must be non-negative, got step=-1e-9"],
        [NaN, RangeError, "step must be finite, got step=NaN"],
        [Infinity, RangeError, "step must be finite, got step=Infinity"],
        ["3", TypeError, 'step must be a number, got step="3"'],
      ] as const
    ) {
      assert.throws(() => lr(bad as number), (error: unknown) => {
        assert.ok(error instanceof ErrorClass, `${name}(${String(bad)}): ${error}`);
        assert.equal((error as Error).message, message);
        return true;
      });
    }
    assert.ok(Number.isFinite(lr(0)), `${name}(0)`);
  }
});
