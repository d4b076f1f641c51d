/**
 * Resuming with `lastEpoch ≥ 0` (groups carry `initialLr`), with PyTorch 2.x semantics: the
 * constructor's step moves `lastEpoch` to `lastEpoch + 1` and, for the schedulers that check
 * `_is_initial` (MultiplicativeLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR),
 * leaves the lr as it is. LambdaLR recomputes from `initialLr`; StepLR, MultiStepLR and
 * ConstantLR apply their factor when `lastEpoch + 1` is one of their epochs, as in PyTorch.
 * Expected values are written out by hand from the formulas; exact where the arithmetic is
 * the same, else within 1e-15 absolute.
 */

import assert from "node:assert/strict";
import {
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  MultiplicativeLR,
  MultiStepLR,
  type OptimizerLike,
  PolynomialLR,
  StepLR,
} from "../../lib/schedulers/mod.ts";

/** Two groups resumed mid-run: the current lr and the lr they started from. */
function resumed(lrs: [number, number], initialLrs: [number, number]): OptimizerLike {
  return { paramGroups: lrs.map((lr, i) => ({ lr, initialLr: initialLrs[i], momentum: 0.9 })) };
}

function close(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    assert.ok(Math.abs(a - (expected[i] as number)) <= 1e-15, `${actual} vs ${expected}`);
  });
}

Deno.test("ExponentialLR resumed at lastEpoch 3 keeps the lr, then multiplies by gamma", () => {
  const optimizer = resumed([0.0729, 0.1458], [0.1, 0.2]);
  const s = new ExponentialLR(optimizer, { gamma: 0.9, lastEpoch: 3 });
  assert.equal(s.lastEpoch, 4);
  assert.deepEqual(s.baseLrs, [0.1, 0.2]);
  assert.deepEqual(s.getLastLr(), [0.0729, 0.1458]);
  s.step();
  assert.deepEqual(s.getLastLr(), [0.0729 * 0.9, 0.1458 * 0.9]);
});

Deno.test("MultiplicativeLR resumed keeps the lr, then multiplies by lrLambda(lastEpoch)", () => {
  const optimizer = resumed([0.05, 0.5], [0.1, 1]);
  const s = new MultiplicativeLR(optimizer, { lrLambda: (e) => 1 / e, lastEpoch: 9 });
  assert.deepEqual(s.getLastLr(), [0.05, 0.5]);
  s.step(); // lastEpoch 11
  assert.deepEqual(s.getLastLr(), [0.05 * (1 / 11), 0.5 * (1 / 11)]);
});

Deno.test("LambdaLR resumed sets initialLr · lrLambda(lastEpoch + 1)", () => {
  const optimizer = resumed([0.123, 0.456], [0.1, 0.2]);
  const s = new LambdaLR(optimizer, { lrLambda: (e) => Math.floor(e / 5) + 1, lastEpoch: 9 });
  assert.deepEqual(s.getLastLr(), [0.1 * 3, 0.2 * 3]); // epoch 10: 10 // 5 + 1 = 3
});

Deno.test("StepLR resumed inside a period keeps the lr; on a period boundary it decays", () => {
  const inside = new StepLR(resumed([0.05, 0.1], [0.1, 0.2]), {
    stepSize: 5,
    gamma: 0.5,
    lastEpoch: 6,
  });
  assert.deepEqual(inside.getLastLr(), [0.05, 0.1]); // epoch 7
  for (let e = 8; e <= 10; e++) inside.step();
  assert.deepEqual(inside.getLastLr(), [0.025, 0.05]); // epoch 10 decays
  const boundary = new StepLR(resumed([0.05, 0.1], [0.1, 0.2]), {
    stepSize: 5,
    gamma: 0.5,
    lastEpoch: 9,
  });
  assert.deepEqual(boundary.getLastLr(), [0.025, 0.05]); // epoch 10: PyTorch decays here too
});

Deno.test("MultiStepLR resumed decays only when lastEpoch + 1 is a milestone", () => {
  const s = new MultiStepLR(resumed([0.05, 0.1], [0.1, 0.2]), {
    milestones: [3, 8, 8],
    gamma: 0.5,
    lastEpoch: 4,
  });
  assert.deepEqual(s.getLastLr(), [0.05, 0.1]); // epoch 5
  for (let e = 6; e <= 8; e++) s.step();
  assert.deepEqual(s.getLastLr(), [0.05 * 0.25, 0.1 * 0.25]); // epoch 8, twice: gamma ** 2
});

Deno.test("ConstantLR resumed keeps the lr and restores it at totalIters", () => {
  const s = new ConstantLR(resumed([0.05, 0.1], [0.1, 0.2]), {
    factor: 0.5,
    totalIters: 4,
    lastEpoch: 1,
  });
  assert.deepEqual(s.getLastLr(), [0.05, 0.1]); // epoch 2
  s.step(); // 3
  assert.deepEqual(s.getLastLr(), [0.05, 0.1]);
  s.step(); // 4: multiply by 1 / 0.5
  assert.deepEqual(s.getLastLr(), [0.1, 0.2]);
});

Deno.test("LinearLR resumed keeps the lr, then follows the ratio of consecutive factors", () => {
  // startFactor 0.5 over 4 epochs: factors 0.5, 0.625, 0.75, 0.875, 1
  const s = new LinearLR(resumed([0.0625, 0.125], [0.1, 0.2]), {
    startFactor: 0.5,
    totalIters: 4,
    lastEpoch: 0,
  });
  assert.equal(s.lastEpoch, 1);
  assert.deepEqual(s.getLastLr(), [0.0625, 0.125]);
  s.step(); // epoch 2: × 0.75 / 0.625
  close(s.getLastLr(), [0.075, 0.15]);
  s.step();
  s.step(); // epoch 4: factor 1
  close(s.getLastLr(), [0.1, 0.2]);
  s.step();
  close(s.getLastLr(), [0.1, 0.2]);
});

Deno.test("PolynomialLR resumed keeps the lr, then follows the closed form's ratios", () => {
  // totalIters 10, power 2: lr_e = initialLr · (1 − e / 10) ** 2
  const at = (e: number) => (1 - e / 10) ** 2;
  const s = new PolynomialLR(resumed([0.1 * at(4), 0.2 * at(4)], [0.1, 0.2]), {
    totalIters: 10,
    power: 2,
    lastEpoch: 3,
  });
  close(s.getLastLr(), [0.1 * at(4), 0.2 * at(4)]); // lastEpoch 4, no extra decay
  for (let e = 5; e <= 12; e++) {
    s.step();
    close(s.getLastLr(), [0.1 * at(Math.min(e, 10)), 0.2 * at(Math.min(e, 10))]);
  }
});

Deno.test("CosineAnnealingLR resumed keeps the lr, then follows the cosine", () => {
  const at = (e: number, base: number) =>
    0.01 + (base - 0.01) * (1 + Math.cos(Math.PI * e / 8)) / 2;
  const s = new CosineAnnealingLR(resumed([at(5, 0.1), at(5, 0.2)], [0.1, 0.2]), {
    tMax: 8,
    etaMin: 0.01,
    lastEpoch: 4,
  });
  assert.equal(s.lastEpoch, 5);
  assert.deepEqual(s.getLastLr(), [at(5, 0.1), at(5, 0.2)]);
  for (let e = 6; e <= 20; e++) {
    s.step();
    close(s.getLastLr(), [at(e, 0.1), at(e, 0.2)]);
  }
});

Deno.test("resuming without initialLr throws and leaves the groups as they were", () => {
  const optimizer: OptimizerLike = {
    paramGroups: [{ lr: 0.1, initialLr: 0.1 }, { lr: 0.2 }],
  };
  const before = structuredClone(optimizer.paramGroups);
  assert.throws(() => new ExponentialLR(optimizer, { gamma: 0.9, lastEpoch: 3 }), {
    name: "TypeError",
    message: "param 'initialLr' is not specified in paramGroups[1] when resuming an optimizer",
  });
  assert.deepEqual(optimizer.paramGroups, before);
});

Deno.test("a fresh scheduler keeps an initialLr already in the group as its base lr", () => {
  const optimizer = resumed([0.05, 0.1], [0.1, 0.2]);
  const s = new StepLR(optimizer, { stepSize: 2 });
  assert.deepEqual(s.baseLrs, [0.1, 0.2]);
  assert.deepEqual(s.getLastLr(), [0.05, 0.1]);
});
