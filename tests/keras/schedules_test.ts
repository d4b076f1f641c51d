/**
 * The Keras schedules' behaviour beyond the fixture: closed forms written here, getConfig()
 * round trips, option checks with their messages, and driving an optimizer through ScheduleLR.
 */

import assert from "node:assert/strict";
import * as keras from "../../lib/keras/mod.ts";
import { ScheduleLR } from "../../lib/schedulers/mod.ts";
import { assertThrows } from "../schedules/_helpers.ts";

Deno.test("keras.ExponentialDecay is I * r ** (t / T), floored when staircase", () => {
  const smooth = keras.ExponentialDecay({
    initialLearningRate: 0.1,
    decaySteps: 4,
    decayRate: 0.5,
  });
  const stairs = keras.ExponentialDecay({
    initialLearningRate: 0.1,
    decaySteps: 4,
    decayRate: 0.5,
    staircase: true,
  });
  assert.equal(smooth(8), 0.025);
  assert.equal(smooth(2), 0.1 * 0.5 ** 0.5);
  assert.equal(stairs(7), 0.05);
  assert.equal(stairs(8), 0.025);
});

Deno.test("keras.PiecewiseConstantDecay keeps the earlier value at a boundary (t <= b)", () => {
  const lr = keras.PiecewiseConstantDecay({ boundaries: [5, 9], values: [3, 2, 1] });
  assert.deepEqual([0, 5, 5.5, 9, 9.5, 100].map(lr), [3, 3, 2, 2, 1, 1]);
});

Deno.test("keras.PolynomialDecay with cycle restarts on multiples of decaySteps", () => {
  const lr = keras.PolynomialDecay({
    initialLearningRate: 1,
    decaySteps: 10,
    endLearningRate: 0,
    cycle: true,
  });
  assert.equal(lr(0), 1);
  assert.equal(lr(10), 0);
  assert.equal(lr(15), 1 - 15 / 20); // stretched to 20 steps
  assert.equal(lr(20), 0);
  const held = keras.PolynomialDecay({
    initialLearningRate: 1,
    decaySteps: 10,
    endLearningRate: 0,
  });
  assert.equal(held(15), 0);
});

Deno.test("keras.CosineDecay without warmup ends at alpha * I and holds it", () => {
  const lr = keras.CosineDecay({ initialLearningRate: 2, decaySteps: 10, alpha: 0.25 });
  assert.equal(lr(0), 2);
  assert.equal(lr(10), 2 * ((1 - 0.25) * (0.5 * (1 + Math.cos(Math.PI))) + 0.25));
  assert.equal(lr(50), lr(10));
  assert.ok(Math.abs(lr(5) - 2 * (0.75 * 0.5 + 0.25)) < 1e-15);
});

Deno.test("keras.CosineDecay with warmupSteps 0 decays from warmupTarget", () => {
  const lr = keras.CosineDecay({
    initialLearningRate: 1,
    decaySteps: 10,
    warmupTarget: 0.5,
    warmupSteps: 0,
  });
  assert.equal(lr(0), 0.5);
});

Deno.test("keras.CosineDecayRestarts with tMul 1 repeats, each peak mMul times the last", () => {
  const lr = keras.CosineDecayRestarts({
    initialLearningRate: 1,
    firstDecaySteps: 4,
    tMul: 1,
    mMul: 0.5,
  });
  assert.deepEqual([0, 4, 8, 12].map(lr), [1, 0.5, 0.25, 0.125]);
  assert.equal(lr(2), 0.5 * (1 + Math.cos(Math.PI * 0.5)));
});

Deno.test("keras schedules: getConfig() has every default and rebuilds the schedule", () => {
  const built = [
    keras.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.9 }),
    keras.PiecewiseConstantDecay({ boundaries: [3], values: [0.1, 0.01] }),
    keras.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 7 }),
    keras.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5 }),
    keras.CosineDecay({ initialLearningRate: 0.1, decaySteps: 7 }),
    keras.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 3 }),
  ];
  const factories = [
    keras.ExponentialDecay,
    keras.PiecewiseConstantDecay,
    keras.PolynomialDecay,
    keras.InverseTimeDecay,
    keras.CosineDecay,
    keras.CosineDecayRestarts,
  ] as unknown as ((o: unknown) => (t: number) => number)[];
  built.forEach((schedule, i) => {
    const again = factories[i]!(schedule.getConfig());
    for (let t = 0; t < 30; t++) assert.equal(again(t), schedule(t));
  });
  assert.deepEqual(built[2]!.getConfig(), {
    initialLearningRate: 0.1,
    decaySteps: 7,
    endLearningRate: 0.0001,
    power: 1,
    cycle: false,
  });
  assert.deepEqual(built[4]!.getConfig(), {
    initialLearningRate: 0.1,
    decaySteps: 7,
    alpha: 0,
    warmupTarget: null,
    warmupSteps: 0,
  });
  const config = built[1]!.getConfig() as { values: number[] };
  config.values[0] = 99;
  assert.equal(built[1]!(0), 0.1, "a config is a copy");
});

Deno.test("keras schedules check their options and name the argument", () => {
  assertThrows(
    () => keras.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }),
    RangeError,
    "decaySteps must be positive, got decaySteps=0",
  );
  assertThrows(
    () => keras.PiecewiseConstantDecay({ boundaries: [10], values: [1] }),
    RangeError,
    "The length of boundaries should be 1 less than the length of values, got boundaries=[10] " +
      "of length 1 and values=[1] of length 1",
  );
  assertThrows(
    () => keras.CosineDecay({ initialLearningRate: 0.1, decaySteps: 5, warmup_steps: 3 } as never),
    TypeError,
    "CosineDecay got an unknown option warmup_steps (did you mean warmupSteps?); expected one " +
      "of initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps",
  );
  assertThrows(
    () => keras.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 5, cycle: 1 } as never),
    TypeError,
    "cycle must be a boolean, got cycle=1",
  );
  assertThrows(
    () => keras.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 5, tMul: 0 }),
    RangeError,
    "tMul must be positive, got tMul=0",
  );
  const lr = keras.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 1 });
  assertThrows(() => lr(-1), RangeError, "step must be non-negative, got step=-1");
});

Deno.test("a Keras schedule drives two param groups through ScheduleLR", () => {
  const optimizer = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
  const schedule = keras.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 5 });
  const scheduler = new ScheduleLR(optimizer, { schedule });
  const seen: number[][] = [];
  for (let epoch = 0; epoch < 20; epoch++) {
    seen.push(scheduler.getLastLr());
    scheduler.step();
  }
  seen.forEach((lrs, epoch) => assert.deepEqual(lrs, [schedule(epoch), schedule(epoch)]));
});
