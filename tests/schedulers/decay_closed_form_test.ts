/**
 * The chainable form (`step()`) against the closed form (`step(epoch)`) for every class that
 * has both, over each fixture configuration: within 1e-12 relative to the group's initial lr
 * (the chainable form accumulates one rounding per step; the closed form rounds once).
 */

import assert from "node:assert/strict";
import { setWarningHandler } from "../../lib/schedulers/mod.ts";
import { build, type ClassName, fixture, optimizerOf, runSteps } from "./_decay_helpers.ts";

const RELATIVE_TOLERANCE = 1e-12;
const WITH_CLOSED_FORM: ClassName[] = [
  "StepLR",
  "MultiStepLR",
  "ConstantLR",
  "LinearLR",
  "ExponentialLR",
  "PolynomialLR",
  "CosineAnnealingLR",
];

for (const name of WITH_CLOSED_FORM) {
  Deno.test(`${name}: step() and step(epoch) agree for 100 epochs within 1e-12`, () => {
    const previous = setWarningHandler(() => {});
    try {
      for (const c of fixture.cases.filter((c) => c.scheduler === name)) {
        const chained = runSteps(build(name, optimizerOf(c.lrs), c.options), 100);
        const jumping = build(name, optimizerOf(c.lrs), c.options);
        for (let epoch = 0; epoch <= 100; epoch++) {
          jumping.step(epoch);
          const closed = jumping.getLastLr();
          closed.forEach((lr, i) => {
            const chain = chained[epoch]?.[i] as number;
            assert.ok(
              Math.abs(lr - chain) <= RELATIVE_TOLERANCE * (c.lrs[i] as number),
              `${c.name}, epoch ${epoch}, group ${i}: step() ${chain}, step(epoch) ${lr}`,
            );
          });
        }
      }
    } finally {
      setWarningHandler(previous);
    }
  });
}

Deno.test("step(epoch) jumps anywhere, backwards included, and step() carries on from there", () => {
  const previous = setWarningHandler(() => {});
  try {
    const optimizer = optimizerOf([0.1, 0.2]);
    const scheduler = build("StepLR", optimizer, { stepSize: 3, gamma: 0.5 });
    scheduler.step(7); // 7 // 3 = 2 decays
    assert.deepEqual(scheduler.getLastLr(), [0.1 * 0.5 ** 2, 0.2 * 0.5 ** 2]);
    scheduler.step(1);
    assert.deepEqual(scheduler.getLastLr(), [0.1, 0.2]);
    assert.equal(scheduler.lastEpoch, 1);
    scheduler.step(); // epoch 2: no decay
    scheduler.step(); // epoch 3: decay
    assert.deepEqual(scheduler.getLastLr(), [0.1 * 0.5, 0.2 * 0.5]);
    assert.deepEqual(optimizer.paramGroups.map((g) => g.lr), [0.05, 0.1]);
  } finally {
    setWarningHandler(previous);
  }
});
