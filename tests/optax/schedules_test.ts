/**
 * The optax schedules' behaviour beyond the fixture: optax's docstring examples, its fallbacks
 * to a constant, its dict semantics in the one-cycle schedules, option checks with their
 * messages, and how they differ from the top-level PyTorch-flavoured functions.
 */

import assert from "node:assert/strict";
import * as optax from "../../lib/optax/mod.ts";
import * as schedules from "../../lib/schedules/mod.ts";
import { ScheduleLR } from "../../lib/schedulers/mod.ts";
import { assertThrows } from "../schedules/_helpers.ts";

const range = (n: number) => Array.from({ length: n }, (_, t) => t);

Deno.test("optax.polynomialSchedule: optax's docstring example to 4 decimals", () => {
  const lr = optax.polynomialSchedule({
    initValue: 1,
    endValue: 0.01,
    transitionSteps: 100,
    transitionBegin: 5,
    power: 2,
  });
  const shown = [0, 5, 6, 104, 105, 110].map((t) => lr(t).toFixed(4));
  assert.deepEqual(shown, ["1.0000", "1.0000", "0.9803", "0.0101", "0.0100", "0.0100"]);
});

Deno.test("optax falls back to a constant where optax does, and never throws there", () => {
  const constant = [
    optax.polynomialSchedule({ initValue: 0.2, endValue: 0, power: 1, transitionSteps: 0 }),
    optax.linearSchedule({ initValue: 0.2, endValue: 0, transitionSteps: -3 }),
    optax.exponentialDecay({ initValue: 0.2, transitionSteps: 0, decayRate: 0.5 }),
    optax.exponentialDecay({ initValue: 0.2, transitionSteps: 5, decayRate: 0 }),
    optax.warmupConstantSchedule({ initValue: 0.2, peakValue: 1, warmupSteps: 0 }),
  ];
  for (const lr of constant) assert.deepEqual(range(20).map(lr), range(20).map(() => 0.2));
  const negativeBegin = optax.exponentialDecay({
    initValue: 1,
    transitionSteps: 1,
    decayRate: 0.5,
    transitionBegin: -4,
  });
  assert.equal(negativeBegin(2), 0.25, "a negative transitionBegin counts as 0");
});

Deno.test("optax.exponentialDecay clips at endValue from below or above", () => {
  const down = optax.exponentialDecay({
    initValue: 1,
    transitionSteps: 1,
    decayRate: 0.5,
    endValue: 0.2,
  });
  const up = optax.exponentialDecay({
    initValue: 1,
    transitionSteps: 1,
    decayRate: 2,
    endValue: 5,
  });
  assert.deepEqual([0, 1, 2, 3, 9].map(down), [1, 0.5, 0.25, 0.2, 0.2]);
  assert.deepEqual([0, 1, 2, 3, 9].map(up), [1, 2, 4, 5, 5]);
  const none = optax.exponentialDecay({
    initValue: 1,
    transitionSteps: 1,
    decayRate: 0.5,
    endValue: null,
  });
  assert.equal(none(10), 0.5 ** 10, "endValue null is optax's None");
});

Deno.test("optax.piecewiseConstantSchedule scales from the boundary on, keys sorted", () => {
  const lr = optax.piecewiseConstantSchedule({
    initValue: 1,
    boundariesAndScales: { 20: 0.5, 10: 0.1 },
  });
  assert.deepEqual([9, 10, 19, 20, 99].map(lr), [1, 0.1, 0.1, 0.1 * 0.5, 0.1 * 0.5]);
});

Deno.test("optax.linearOnecycleSchedule keeps the later scale of a repeated step (a dict)", () => {
  // pctStart = pctFinal: {16: 25, 16: 1/25, 33: 1e-4} is {16: 1/25, 33: 1e-4} in Python
  const lr = optax.linearOnecycleSchedule({
    transitionSteps: 33,
    peakValue: 0.05,
    pctStart: 0.5,
    pctFinal: 0.5,
  });
  assert.ok(lr(16) < lr(0), "it never rises to the peak");
  assert.equal(lr(16), 0.05 / 25 * (1 / 25));
});

Deno.test("optax's one-cycle is not PyTorch's: the peak is at trunc(pctStart N), not pctStart N - 1", () => {
  const ours = optax.cosineOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 });
  const torch = schedules.oneCycleSchedule({ peakValue: 0.1, totalSteps: 100 });
  assert.equal(ours(30), 0.1);
  assert.equal(torch(29), 0.1);
  assert.notEqual(ours(29), 0.1);
  assert.notEqual(torch(30), 0.1);
  assert.equal(ours(100), 0.1 / 25 / 1e4, "optax ends at step N; PyTorch at N - 1");
  assert.equal(torch(99), 0.1 / 25 / 1e4);
});

Deno.test("optax.sgdrSchedule is not the top-level sgdrSchedule: one option set per cycle", () => {
  const cycles = [{ initValue: 0.1, peakValue: 0.1, warmupSteps: 0, decaySteps: 10 }];
  const ours = optax.sgdrSchedule({ cosineKwargs: [cycles[0]!, cycles[0]!] });
  assert.equal(ours(10), 0.1, "the second cycle restarts at its peak");
  assert.ok(Math.abs(ours(5) - 0.05) < 1e-16);
  assert.equal(ours(30), ours(20), "after the last cycle it holds the end value");
  const repeating = schedules.sgdrSchedule({ peakValue: 0.1, cycleSteps: 10 });
  assert.notEqual(repeating(25), ours(25), "the top-level one restarts for ever");
});

Deno.test("the top-level cosine and warmup-cosine schedules give optax's numbers to the bit", () => {
  // same formula, same order of operations: identical on every fixture configuration
  const fixture = JSON.parse(
    Deno.readTextFileSync(new URL("../fixtures/keras_optax.json", import.meta.url)),
  ) as { cases: { name: string; options: never; steps: number[] }[] };
  let compared = 0;
  for (const c of fixture.cases) {
    if (c.name !== "cosineDecaySchedule" && c.name !== "warmupCosineDecaySchedule") continue;
    const ours = optax[c.name](c.options);
    const top = schedules[c.name](c.options);
    for (const t of c.steps) assert.equal(ours(t), top(t), `${c.name} at step ${t}`);
    compared += c.steps.length;
  }
  assert.equal(compared, 9 * 86);
});

Deno.test("optax.joinSchedules follows optax's rule: the last boundary reached wins", () => {
  const lr = optax.joinSchedules({
    schedules: [
      optax.constantSchedule({ value: 1 }),
      optax.linearSchedule({ initValue: 0, endValue: 10, transitionSteps: 10 }),
      optax.constantSchedule({ value: 3 }),
    ],
    boundaries: [5, 8],
  });
  assert.deepEqual([0, 4, 5, 7, 8, 50].map(lr), [1, 1, 0, 2, 3, 3]);
});

Deno.test("optax schedules check their options and name the argument", () => {
  assertThrows(
    () => optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 0 }),
    RangeError,
    "cosineDecaySchedule requires positive decaySteps, got decaySteps=0",
  );
  assertThrows(
    () => optax.piecewiseConstantSchedule({ initValue: 1, boundariesAndScales: { 100: -1 } }),
    RangeError,
    "piecewiseConstantSchedule expects non-negative scale factors, got boundariesAndScales[100]=-1",
  );
  assertThrows(
    () => optax.piecewiseInterpolateSchedule({ interpolateType: "cos" as never, initValue: 1 }),
    RangeError,
    'interpolateType must be one of "linear", "cosine", got interpolateType="cos"',
  );
  assertThrows(
    () => optax.cosineOnecycleSchedule({ transitionSteps: 0, peakValue: 0.1 }),
    RangeError,
    "cosineOnecycleSchedule requires positive transitionSteps, got transitionSteps=0",
  );
  assertThrows(
    () =>
      optax.warmupCosineDecaySchedule({
        initValue: 0,
        peakValue: 0.1,
        warmupSteps: 10,
        decaySteps: 10,
      }),
    RangeError,
    "decaySteps must be greater than warmupSteps, got decaySteps=10, warmupSteps=10",
  );
  assertThrows(
    () => optax.sgdrSchedule({ cosineKwargs: [] }),
    RangeError,
    "sgdrSchedule cosineKwargs must be a non-empty array, got cosineKwargs=[]",
  );
  assertThrows(
    () => optax.exponentialDecay({ init_value: 1 } as never),
    TypeError,
    "exponentialDecay got an unknown option init_value (did you mean initValue?); expected one " +
      "of initValue, transitionSteps, decayRate, transitionBegin, staircase, endValue",
  );
  assertThrows(
    () => optax.constantSchedule({ value: 0.1 })(-1),
    RangeError,
    "step must be non-negative, got step=-1",
  );
});

Deno.test("an optax schedule drives two param groups through ScheduleLR", () => {
  const optimizer = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
  const a = optax.cosineOnecycleSchedule({ transitionSteps: 20, peakValue: 0.1 });
  const b = optax.warmupExponentialDecaySchedule({
    initValue: 0,
    peakValue: 0.2,
    warmupSteps: 5,
    transitionSteps: 3,
    decayRate: 0.8,
  });
  const scheduler = new ScheduleLR(optimizer, { schedule: [a, b] });
  for (let epoch = 0; epoch < 25; epoch++) {
    assert.deepEqual(scheduler.getLastLr(), [a(epoch), b(epoch)]);
    scheduler.step();
  }
});
