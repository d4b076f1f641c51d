import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ChainedScheduler,
  ConstantLR,
  ExponentialLR,
  LinearLR,
  type LRScheduler,
  OneCycleLR,
  type OptimizerLike,
  ReduceLROnPlateau,
  StepLR,
} from "../../lib/schedulers/mod.ts";
import {
  assertRoundTrip,
  assertThrowsUnchanged,
  buildChild,
  cases,
  compareSeries,
  countCase,
  makeOptimizer,
  momenta,
  newTally,
  recordLrs,
  report,
  sgd,
  snapshot,
  torchVersion,
} from "./_cyclic_helpers.ts";

Deno.test("ChainedScheduler matches PyTorch", async (t) => {
  const tally = newTally();
  for (const c of cases("ChainedScheduler")) {
    await t.step(`${c.name} (torch ${torchVersion}, rel tol 1e-12 of the largest lr)`, () => {
      const opt = makeOptimizer(c.groups);
      const s = new ChainedScheduler(c.children!.map((spec) => buildChild(opt, spec)));
      const got = recordLrs(s, opt, c.lrs.length - 1);
      const scale = Math.max(...c.groups.map((g) => g.lr));
      const exact = compareSeries(c.name, got, c.lrs, scale, 1e-12, tally);
      assert.deepEqual(momenta(opt), c.momenta.at(-1));
      countCase(tally, exact);
    });
  }
  report("ChainedScheduler", tally);
});

Deno.test("ChainedScheduler of ConstantLR and ExponentialLR follows its closed form (rel tol 1e-12)", () => {
  // lr_t = base * (t < totalIters ? factor : 1) * gamma^t
  const opt = sgd();
  const s = new ChainedScheduler([
    new ConstantLR(opt, { factor: 0.1, totalIters: 20 }),
    new ExponentialLR(opt, { gamma: 0.9 }),
  ], opt);
  for (let t = 0; t < 60; t++) {
    const want = [0.1, 0.05].map((base) => base * (t < 20 ? 0.1 : 1) * 0.9 ** t);
    s.getLastLr().forEach((lr, g) => assert.ok(Math.abs(lr - want[g]!) <= 1e-12 * 0.1, `t=${t}`));
    s.step();
  }
});

Deno.test("ChainedScheduler state round-trips through JSON, children's states included", async (t) => {
  const build = (opt: OptimizerLike) =>
    new ChainedScheduler([
      new LinearLR(opt, { startFactor: 0.2, totalIters: 8 }),
      new StepLR(opt, { stepSize: 5, gamma: 0.5 }),
      new ExponentialLR(opt, { gamma: 0.97 }),
    ]);
  for (const k of [4, 8, 19]) {
    await t.step(`saved at step ${k}`, () => assertRoundTrip(sgd().paramGroups, build, k, 30));
  }
  await t.step("the state holds one state per child", () => {
    assert.equal((build(sgd()).stateDict().schedulers as unknown[]).length, 3);
  });
});

Deno.test("ChainedScheduler undoes a step in which a child throws", () => {
  const opt = sgd();
  const s = new ChainedScheduler([
    new ExponentialLR(opt, { gamma: 0.5 }),
    new OneCycleLR(opt, { maxLr: 0.1, totalSteps: 10 }),
  ]);
  for (let i = 0; i < 10; i++) s.step();
  const state = s.stateDict();
  assertThrowsUnchanged(
    () => s.step(),
    RangeError,
    "Tried to step 11 times. The specified number of total steps is 10",
    opt,
  );
  assert.deepEqual(s.stateDict(), state);
});

Deno.test("ChainedScheduler rejects bad arguments and changes nothing", async (t) => {
  const bad: [
    string,
    (opt: OptimizerLike) => [LRScheduler[], OptimizerLike?],
    ErrorConstructor,
    string,
  ][] = [
    [
      "no schedulers",
      () => [[]],
      RangeError,
      "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.",
    ],
    [
      "something that is not a scheduler",
      (opt) => [[new ExponentialLR(opt, { gamma: 0.9 }), 5 as unknown as LRScheduler]],
      TypeError,
      "ChainedScheduler at index 1 should have `optimizer` as its attribute.",
    ],
    [
      "a ReduceLROnPlateau",
      (opt) => [[new ReduceLROnPlateau(opt)]],
      RangeError,
      "ChainedScheduler does not support `ReduceLROnPlateau` scheduler as it requires " +
      "additional kwargs to be specified when calling `step`, but got one at index 0 in the " +
      "given schedulers sequence.",
    ],
    [
      "a scheduler on another optimizer",
      (opt) => [[new ExponentialLR(opt, { gamma: 0.9 }), new StepLR(sgd(), { stepSize: 2 })]],
      RangeError,
      "ChainedScheduler expects all schedulers to belong to the same optimizer, but got " +
      "scheduler StepLR at index 1 has an optimizer-like object, which is different from an " +
      "optimizer-like object.",
    ],
    [
      "an optimizer that is not the children's",
      (opt) => [[new ExponentialLR(opt, { gamma: 0.9 })], sgd()],
      RangeError,
      "ChainedScheduler expects all schedulers to belong to the same optimizer, but got " +
      "scheduler ExponentialLR at index 0 has an optimizer-like object, which is different " +
      "from an optimizer-like object.",
    ],
  ];
  for (const [name, make, ErrorClass, message] of bad) {
    await t.step(name, () => {
      const opt = sgd();
      const [children, optimizer] = make(opt);
      const before = snapshot(opt);
      assertThrowsUnchanged(() => new ChainedScheduler(children, optimizer), ErrorClass, message);
      assert.deepEqual(opt.paramGroups, before);
    });
  }
});

Deno.test("ChainedScheduler of decays keeps lrs finite and never above initialLr", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 30 }),
      fc.double({ min: 0.5, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 100 }),
      (factor, totalIters, gamma, stepSize, steps) => {
        const opt = makeOptimizer([{ lr: 0.1 }, { lr: 1 }]);
        const s = new ChainedScheduler([
          new ConstantLR(opt, { factor, totalIters }),
          new ExponentialLR(opt, { gamma }),
          new StepLR(opt, { stepSize, gamma }),
        ]);
        for (let i = 0; i < steps; i++) {
          s.getLastLr().forEach((lr, g) => {
            const base = [0.1, 1][g]!;
            assert.ok(Number.isFinite(lr) && lr >= 0 && lr <= base * (1 + 1e-12), `${lr}`);
          });
          s.step();
        }
      },
    ),
    { numRuns: 200 },
  );
});
