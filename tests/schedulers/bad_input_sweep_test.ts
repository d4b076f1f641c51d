/**
 * A sweep of bad values over every option of every scheduler constructor and every key of every
 * scheduler's state: each call either throws a `TypeError` or `RangeError` whose message is the
 * library's (not JavaScript's own) and changes nothing, or is accepted and then 40–60 steps keep
 * every lr finite and non-negative and every momentum and beta in [0, 1).
 */

import assert from "node:assert/strict";
import * as api from "../../lib/schedulers/mod.ts";
import type { LRScheduler, OptimizerLike } from "../../lib/schedulers/mod.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

const BAD: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  -0,
  1.5,
  2,
  0.999999,
  1e308,
  -1e-300,
  "x",
  "3",
  "NaN",
  null,
  [],
  {},
  true,
  [1, 2, 3],
  [-1, 0.2],
  () => 1,
];

const JS_OWN = [
  /Cannot read propert/,
  /Cannot destructure/,
  /is not a function/,
  /is not iterable/,
  /Cannot convert/,
  /Invalid (typed )?array length/,
  /Maximum call stack/,
  /undefined is not/,
  /null is not/,
  /\[object Object\]/,
];

const sgd = (): OptimizerLike => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.2, momentum: 0.9 }],
});
const adam = (): OptimizerLike => ({ paramGroups: [{ lr: 0.1, betas: [0.9, 0.999] }] });
const stepOf = (o: OptimizerLike) => new api.StepLR(o, { stepSize: 2 });

const CTORS: [string, (o: OptimizerLike, x: Any) => LRScheduler, (o: OptimizerLike) => Any][] = [
  ["StepLR", (o, x) => new api.StepLR(o, x), () => ({ stepSize: 2, gamma: 0.5 })],
  ["MultiStepLR", (o, x) => new api.MultiStepLR(o, x), () => ({ milestones: [2, 5], gamma: 0.5 })],
  ["ExponentialLR", (o, x) => new api.ExponentialLR(o, x), () => ({ gamma: 0.9 })],
  ["ConstantLR", (o, x) => new api.ConstantLR(o, x), () => ({ factor: 0.5, totalIters: 3 })],
  [
    "LinearLR",
    (o, x) => new api.LinearLR(o, x),
    () => ({ startFactor: 0.5, endFactor: 1, totalIters: 3 }),
  ],
  ["PolynomialLR", (o, x) => new api.PolynomialLR(o, x), () => ({ totalIters: 5, power: 1 })],
  ["CosineAnnealingLR", (o, x) => new api.CosineAnnealingLR(o, x), () => ({ tMax: 10, etaMin: 0 })],
  [
    "CosineAnnealingWarmRestarts",
    (o, x) => new api.CosineAnnealingWarmRestarts(o, x),
    () => ({ t0: 5, tMult: 2, etaMin: 0 }),
  ],
  ["CyclicLR", (o, x) => new api.CyclicLR(o, x), () => ({
    baseLr: 0.01,
    maxLr: 0.1,
    stepSizeUp: 3,
    stepSizeDown: 2,
    mode: "triangular",
    gamma: 1,
    scaleMode: "cycle",
    cycleMomentum: true,
    baseMomentum: 0.8,
    maxMomentum: 0.9,
  })],
  ["OneCycleLR", (o, x) => new api.OneCycleLR(o, x), () => ({
    maxLr: 0.1,
    totalSteps: 60,
    pctStart: 0.3,
    annealStrategy: "cos",
    cycleMomentum: true,
    baseMomentum: 0.85,
    maxMomentum: 0.95,
    divFactor: 25,
    finalDivFactor: 1e4,
    threePhase: false,
  })],
  ["ReduceLROnPlateau", (o, x) => new api.ReduceLROnPlateau(o, x), () => ({
    mode: "min",
    factor: 0.5,
    patience: 1,
    threshold: 1e-4,
    thresholdMode: "rel",
    cooldown: 0,
    minLr: 0,
    eps: 1e-8,
  })],
  [
    "SequentialLR",
    (o, x) => new api.SequentialLR(o, x),
    (o) => ({ schedulers: [stepOf(o), stepOf(o)], milestones: [3] }),
  ],
  [
    "WarmupLR",
    (o, x) => new api.WarmupLR(o, x),
    () => ({ scheduler: stepOf, warmupSteps: 3, warmupType: "linear", startFactor: 0.1 }),
  ],
  [
    "WarmupLR (startLr)",
    (o, x) => new api.WarmupLR(o, x),
    () => ({ scheduler: stepOf, warmupSteps: 3, warmupType: "exponential", startLr: 0.01 }),
  ],
  [
    "ParamwiseScheduler",
    (o, x) => new api.ParamwiseScheduler(o, x),
    () => ({ schedulers: [stepOf, null] }),
  ],
  ["LambdaLR", (o, x) => new api.LambdaLR(o, x), () => ({ lrLambda: () => 1 })],
  ["MultiplicativeLR", (o, x) => new api.MultiplicativeLR(o, x), () => ({ lrLambda: () => 0.9 })],
  ["ScheduleLR", (o, x) => new api.ScheduleLR(o, x), () => ({ schedule: () => 0.1 })],
];

/** The groups, with non-finite numbers kept apart from null. */
function snapshot(o: OptimizerLike, s?: LRScheduler): string {
  return JSON.stringify(
    [o.paramGroups, s?.stateDict() ?? null],
    (_k, v) => typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
  );
}

function step(s: LRScheduler): void {
  const plateau = s instanceof api.ReduceLROnPlateau ||
    (s instanceof api.WarmupLR && s.scheduler instanceof api.ReduceLROnPlateau);
  if (plateau) (s as Any).step(1);
  else s.step();
}

/** Throws an assertion error unless every value in the groups is one an optimizer takes. */
function assertGroupsValid(o: OptimizerLike, label: string): void {
  for (const g of o.paramGroups) {
    assert.ok(Number.isFinite(g.lr) && g.lr >= 0, `${label}: lr ${g.lr}`);
    if (g.momentum !== undefined) {
      assert.ok(g.momentum >= 0 && g.momentum < 1, `${label}: momentum ${g.momentum}`);
    }
    for (const b of g.betas ?? []) assert.ok(b >= 0 && b < 1, `${label}: betas ${g.betas}`);
  }
}

function assertClean(e: unknown, label: string): void {
  assert.ok(e instanceof TypeError || e instanceof RangeError, `${label}: threw ${String(e)}`);
  const message = (e as Error).message;
  for (const r of JS_OWN) assert.ok(!r.test(message), `${label}: unclear message ${message}`);
}

Deno.test("bad values for every constructor option are refused cleanly or harmless", () => {
  let refused = 0;
  let accepted = 0;
  for (const [name, build, valid] of CTORS) {
    for (const key of [...Object.keys(valid(sgd())), "lastEpoch", "field"]) {
      for (const value of BAD) {
        for (const make of [sgd, adam]) {
          const o = make();
          const options = { ...valid(o), [key]: value };
          const label = `${name} ${key}=${String(value)} (${make.name})`;
          const before = snapshot(o);
          let s: LRScheduler;
          try {
            s = build(o, options);
          } catch (e) {
            assertClean(e, label);
            assert.equal(snapshot(o), before, `${label}: a failed constructor changed the groups`);
            refused += 1;
            continue;
          }
          accepted += 1;
          assertGroupsValid(o, label);
          for (let i = 0; i < 60; i++) {
            try {
              step(s);
            } catch (e) {
              assertClean(e, `${label}, step ${i}`);
              break;
            }
            assertGroupsValid(o, `${label}, step ${i}`);
          }
        }
      }
    }
  }
  console.log(`constructor sweep: ${refused} refused cleanly, ${accepted} accepted and harmless`);
  assert.ok(refused > 3000 && accepted > 100);
});

Deno.test("bad values for every state key are refused cleanly or harmless", () => {
  const running: [string, (o: OptimizerLike) => LRScheduler][] = [
    ...CTORS.filter(([name]) => name !== "WarmupLR (startLr)").map(([name, build, valid]) =>
      [name, (o: OptimizerLike) => build(o, valid(o))] as [
        string,
        (o: OptimizerLike) => LRScheduler,
      ]
    ),
    ["ChainedScheduler", (o) => new api.ChainedScheduler([stepOf(o), stepOf(o)])],
  ];
  let refused = 0;
  let accepted = 0;
  for (const [name, build] of running) {
    const o0 = sgd();
    const s0 = build(o0);
    step(s0);
    step(s0);
    const state = s0.stateDict();
    for (const key of Object.keys(state)) {
      for (const value of BAD) {
        const o = sgd();
        const s = build(o);
        step(s);
        step(s);
        const label = `${name} state.${key}=${String(value)}`;
        const before = snapshot(o, s);
        try {
          s.loadStateDict({ ...state, [key]: value as Any });
        } catch (e) {
          assertClean(e, label);
          assert.equal(snapshot(o, s), before, `${label}: a failed load changed something`);
          refused += 1;
          continue;
        }
        accepted += 1;
        for (let i = 0; i < 40; i++) {
          try {
            step(s);
          } catch (e) {
            assertClean(e, `${label}, step ${i}`);
            break;
          }
          assertGroupsValid(o, `${label}, step ${i}`);
        }
      }
    }
  }
  console.log(`state sweep: ${refused} refused cleanly, ${accepted} accepted and harmless`);
  assert.ok(refused > 3000 && accepted > 100);
});
