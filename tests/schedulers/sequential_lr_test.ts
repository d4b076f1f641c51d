import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  type LRScheduler,
  type OptimizerLike,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
} from "../../lib/schedulers/mod.ts";
import {
  assertRoundTrip,
  assertThrowsUnchanged,
  buildChild,
  cases,
  compareSeries,
  countCase,
  lrs,
  makeOptimizer,
  momenta,
  newTally,
  recordLrs,
  report,
  sgd,
  snapshot,
  torchVersion,
} from "./_cyclic_helpers.ts";

Deno.test("SequentialLR matches PyTorch", async (t) => {
  const tally = newTally();
  for (const c of cases("SequentialLR")) {
    await t.step(`${c.name} (torch ${torchVersion}, rel tol 1e-12 of the largest lr)`, () => {
      const opt = makeOptimizer(c.groups);
      const schedulers = c.children!.map((spec) => buildChild(opt, spec));
      const s = new SequentialLR(opt, { schedulers, milestones: c.milestones! });
      const got = recordLrs(s, opt, c.lrs.length - 1);
      const scale = Math.max(...c.groups.map((g) => g.lr));
      const exact = compareSeries(c.name, got, c.lrs, scale, 1e-12, tally);
      assert.deepEqual(momenta(opt), c.momenta.at(-1));
      countCase(tally, exact);
    });
  }
  report("SequentialLR", tally);
});

Deno.test("SequentialLR of ConstantLR then ExponentialLR follows its closed form (rel tol 1e-12)", () => {
  // lr_t = base * factor for t < 4, then base * gamma^(t - 6) from the milestone t = 6 on
  const opt = sgd();
  const s = new SequentialLR(opt, {
    schedulers: [
      new ConstantLR(opt, { factor: 0.5, totalIters: 4 }),
      new ExponentialLR(opt, { gamma: 0.9 }),
    ],
    milestones: [6],
  });
  for (let t = 0; t < 40; t++) {
    const want = [0.1, 0.05].map((base) =>
      t < 4 ? base * 0.5 : t < 6 ? base : base * 0.9 ** (t - 6)
    );
    s.getLastLr().forEach((lr, g) => assert.ok(Math.abs(lr - want[g]!) <= 1e-12 * 0.1, `t=${t}`));
    s.step();
  }
});

Deno.test("SequentialLR resets lrs, undoes the children's steps and restarts the first", () => {
  const opt = sgd();
  const warm = new LinearLR(opt, { startFactor: 0.5, totalIters: 2 });
  const decay = new ExponentialLR(opt, { gamma: 0.5 });
  assert.deepEqual([warm.lastEpoch, decay.lastEpoch], [0, 0], "both took an initial step");
  opt.paramGroups[0]!.lr = 7; // whatever the groups hold, SequentialLR starts from initialLr
  const s = new SequentialLR(opt, { schedulers: [warm, decay], milestones: [2] });
  assert.deepEqual(lrs(opt), [0.05, 0.025]);
  assert.equal(warm.lastEpoch, 0);
  assert.equal(decay.lastEpoch, -1);
  assert.equal(s.lastEpoch, 0);
});

function nested(opt: OptimizerLike): LRScheduler {
  const chain = new ChainedScheduler([
    new ConstantLR(opt, { factor: 0.5, totalIters: 3 }),
    new ExponentialLR(opt, { gamma: 0.9 }),
  ]);
  return new SequentialLR(opt, {
    schedulers: [chain, new CosineAnnealingLR(opt, { tMax: 20, etaMin: 0.001 })],
    milestones: [8],
  });
}

Deno.test("SequentialLR state round-trips through JSON, children's states included", async (t) => {
  const two = (opt: OptimizerLike) =>
    new SequentialLR(opt, {
      schedulers: [
        new LinearLR(opt, { startFactor: 0.1, totalIters: 5 }),
        new StepLR(opt, { stepSize: 4, gamma: 0.5 }),
        new ExponentialLR(opt, { gamma: 0.95 }),
      ],
      milestones: [5, 20],
    });
  for (const k of [3, 5, 12, 20, 27]) {
    await t.step(`three children, saved at step ${k}`, () => {
      assertRoundTrip(sgd().paramGroups, two, k, 30);
    });
  }
  await t.step("nested ChainedScheduler, saved before and after the milestone", () => {
    assertRoundTrip(sgd().paramGroups, nested, 5, 30);
    assertRoundTrip(sgd().paramGroups, nested, 11, 30);
  });
  await t.step("the state holds one state per child", () => {
    const state = two(sgd()).stateDict();
    assert.equal((state.schedulers as unknown[]).length, 3);
    assert.deepEqual(state.milestones, [5, 20]);
  });
});

Deno.test("SequentialLR rejects bad arguments and changes nothing", async (t) => {
  const cases: [
    string,
    (opt: OptimizerLike) => { schedulers: LRScheduler[]; milestones: number[] },
    ErrorConstructor,
    string,
  ][] = [
    [
      "no schedulers",
      () => ({ schedulers: [], milestones: [] }),
      RangeError,
      "SequentialLR expects at least one scheduler, but got no scheduler.",
    ],
    [
      "something that is not a scheduler",
      (opt) => ({
        schedulers: [new ExponentialLR(opt, { gamma: 0.9 }), {} as LRScheduler],
        milestones: [3],
      }),
      TypeError,
      "SequentialLR at index 1 should have `optimizer` as its attribute.",
    ],
    [
      "a ReduceLROnPlateau",
      (opt) => ({
        schedulers: [new ReduceLROnPlateau(opt)],
        milestones: [],
      }),
      RangeError,
      "SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional " +
      "kwargs to be specified when calling `step`, but got one at index 0 in the given " +
      "schedulers sequence.",
    ],
    [
      "a scheduler on another optimizer",
      (opt) => ({
        schedulers: [
          new ExponentialLR(opt, { gamma: 0.9 }),
          new ExponentialLR(sgd(), { gamma: 0.9 }),
        ],
        milestones: [3],
      }),
      RangeError,
      "SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler " +
      "ExponentialLR at index 1 has an optimizer-like object, which is different from an " +
      "optimizer-like object.",
    ],
    [
      "one milestone too many",
      (opt) => ({
        schedulers: [new ExponentialLR(opt, { gamma: 0.9 })],
        milestones: [3],
      }),
      RangeError,
      "Sequential Schedulers expects number of schedulers provided to be one more than the " +
      "number of milestone points, but got number of schedulers 1 and the number of " +
      "milestones to be equal to 1",
    ],
    [
      "unsorted milestones",
      (opt) => ({
        schedulers: [0, 1, 2].map(() => new ExponentialLR(opt, { gamma: 0.9 })),
        milestones: [5, 3],
      }),
      RangeError,
      "milestones must be sorted, got milestones=[5,3]",
    ],
    [
      "a fractional milestone",
      (opt) => ({
        schedulers: [0, 1].map(() => new ExponentialLR(opt, { gamma: 0.9 })),
        milestones: [2.5],
      }),
      RangeError,
      "milestones[0] must be an integer, got milestones[0]=2.5",
    ],
  ];
  for (const [name, make, ErrorClass, message] of cases) {
    await t.step(name, () => {
      const opt = sgd();
      const options = make(opt);
      const epochs = options.schedulers.map((s) => s?.lastEpoch);
      assertThrowsUnchanged(() => new SequentialLR(opt, options), ErrorClass, message, opt);
      assert.deepEqual(options.schedulers.map((s) => s?.lastEpoch), epochs);
    });
  }
  await t.step("a state whose second child state is bad loads nothing", () => {
    const opt = sgd();
    const s = new SequentialLR(opt, {
      schedulers: [new ExponentialLR(opt, { gamma: 0.9 }), new StepLR(opt, { stepSize: 2 })],
      milestones: [3],
    });
    s.step();
    const before = s.stateDict();
    const optOther = sgd();
    const other = new SequentialLR(optOther, {
      schedulers: [
        new ExponentialLR(optOther, { gamma: 0.9 }),
        new StepLR(optOther, { stepSize: 2 }),
      ],
      milestones: [3],
    });
    for (let i = 0; i < 5; i++) other.step();
    const bad = other.stateDict();
    (bad.schedulers as { lastLr: unknown }[])[1]!.lastLr = "oops";
    const groups = snapshot(opt);
    assert.throws(() => s.loadStateDict(bad), RangeError);
    assert.deepEqual(s.stateDict(), before);
    assert.deepEqual(opt.paramGroups, groups);
  });
});

Deno.test("SequentialLR of a warmup and a cosine keeps lrs finite and within [0, initialLr]", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 50 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 100 }),
      (warmup, tMax, startFactor, steps) => {
        const opt = makeOptimizer([{ lr: 0.1 }, { lr: 1 }]);
        const s = new SequentialLR(opt, {
          schedulers: [
            new LinearLR(opt, { startFactor, totalIters: warmup }),
            new CosineAnnealingLR(opt, { tMax }),
          ],
          milestones: [warmup],
        });
        for (let i = 0; i < steps; i++) {
          s.getLastLr().forEach((lr, g) => {
            const base = [0.1, 1][g]!;
            assert.ok(Number.isFinite(lr) && lr >= -1e-15 && lr <= base * (1 + 1e-12), `${lr}`);
          });
          s.step();
        }
      },
    ),
    { numRuns: 200 },
  );
});
