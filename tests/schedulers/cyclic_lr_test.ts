import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CyclicLR,
  type CyclicLROptions,
  EPOCH_DEPRECATION_WARNING,
  type OptimizerLike,
  setWarningHandler,
} from "../../lib/schedulers/mod.ts";
import {
  assertRoundTrip,
  assertThrowsUnchanged,
  cases,
  compareSeries,
  countCase,
  lrs,
  makeOptimizer,
  momenta,
  newTally,
  report,
  sgd,
  torchVersion,
} from "./_cyclic_helpers.ts";

/** The fixture's custom scale functions, the same float operations as the Python lambdas. */
const SCALE_FNS: Record<string, (x: number) => number> = {
  invSqrt: (x) => 1.0 / Math.sqrt(x),
  halfLife30: (x) => 0.5 ** (x / 30.0),
};

function optionsOf(raw: Record<string, unknown>): CyclicLROptions {
  const o = { ...raw } as Record<string, unknown>;
  if (typeof o.scaleFn === "string") o.scaleFn = SCALE_FNS[o.scaleFn];
  return o as unknown as CyclicLROptions;
}

Deno.test("CyclicLR matches PyTorch", async (t) => {
  const tally = newTally();
  for (const c of cases("CyclicLR")) {
    await t.step(`${c.name} (torch ${torchVersion}, rel tol 1e-12)`, () => {
      const opt = makeOptimizer(c.groups);
      const s = new CyclicLR(opt, optionsOf(c.options!));
      const gotLr = [lrs(opt)];
      const gotM = [momenta(opt)];
      for (let i = 1; i < c.lrs.length; i++) {
        s.step();
        gotLr.push(lrs(opt));
        gotM.push(momenta(opt));
        assert.deepEqual(s.getLastLr(), lrs(opt));
      }
      const scale = Math.max(...c.lrs.flat().map(Math.abs));
      const a = compareSeries(`${c.name} lr`, gotLr, c.lrs, scale, 1e-12, tally);
      const b = compareSeries(`${c.name} momentum`, gotM, c.momenta, 1, 1e-12, tally);
      countCase(tally, a, b);
    });
  }
  report("CyclicLR", tally);
});

Deno.test("CyclicLR's triangular lr equals the paper's closed form (abs tol 1e-15)", () => {
  // Smith (2017): cycle = floor(1 + t / 2s), x = |t / s - 2 cycle + 1|,
  // lr = base + (max - base) * max(0, 1 - x)
  const opt = sgd();
  const s = new CyclicLR(opt, { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 7 });
  for (let t = 0; t < 60; t++) {
    const cycle = Math.floor(1 + t / 14);
    const x = Math.abs(t / 7 - 2 * cycle + 1);
    const want = 0.001 + (0.006 - 0.001) * Math.max(0, 1 - x);
    assert.ok(Math.abs(s.getLastLr()[0]! - want) <= 1e-15, `t=${t}`);
    s.step();
  }
});

Deno.test("CyclicLR.step(epoch) warns as PyTorch does and jumps where stepping leads", () => {
  const warnings: string[] = [];
  const previous = setWarningHandler((m) => warnings.push(m));
  const optA = sgd();
  const a = new CyclicLR(optA, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, mode: "triangular2" });
  for (let i = 0; i < 23; i++) a.step();
  const optB = sgd();
  const b = new CyclicLR(optB, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, mode: "triangular2" });
  b.step(23);
  setWarningHandler(previous);
  assert.deepEqual(warnings, [EPOCH_DEPRECATION_WARNING]);
  assert.deepEqual(lrs(optB), lrs(optA));
  assert.deepEqual(momenta(optB), momenta(optA));
});

Deno.test("CyclicLR writes baseLr, maxMomentum and baseMomentum into the groups", () => {
  const opt = makeOptimizer([{ lr: 1, betas: [0.5, 0.999] }, { lr: 2, betas: [0.5, 0.99] }]);
  new CyclicLR(opt, { baseLr: [0.1, 0.2], maxLr: 1, baseMomentum: 0.8, maxMomentum: 0.95 });
  assert.deepEqual(opt.paramGroups, [
    { lr: 0.1, betas: [0.95, 0.999], initialLr: 0.1, maxMomentum: 0.95, baseMomentum: 0.8 },
    { lr: 0.2, betas: [0.95, 0.99], initialLr: 0.2, maxMomentum: 0.95, baseMomentum: 0.8 },
  ]);
});

Deno.test("CyclicLR state round-trips through JSON at a midpoint", async (t) => {
  const configs: [string, CyclicLROptions][] = [
    ["triangular", { baseLr: [0.01, 0.02], maxLr: 0.1, stepSizeUp: 5, stepSizeDown: 3 }],
    ["triangular2", { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, mode: "triangular2" }],
    ["exp_range", { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 6, mode: "exp_range", gamma: 0.99 }],
    ["custom scaleFn", {
      baseLr: 0.01,
      maxLr: 0.1,
      stepSizeUp: 3,
      scaleFn: SCALE_FNS.halfLife30,
      scaleMode: "iterations",
    }],
    ["no momentum cycling", { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, cycleMomentum: false }],
  ];
  for (const [name, options] of configs) {
    await t.step(name, () => {
      assertRoundTrip(sgd().paramGroups, (opt) => new CyclicLR(opt, options), 17, 40);
    });
  }
  await t.step("Adam betas", () => {
    const groups = [{ lr: 1, betas: [0.9, 0.999] as [number, number] }];
    assertRoundTrip(
      groups,
      (opt) => new CyclicLR(opt, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 5 }),
      13,
      30,
    );
  });
});

Deno.test("CyclicLR resumed with lastEpoch continues the uninterrupted run", () => {
  const options: CyclicLROptions = { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 5, mode: "triangular2" };
  const optA = sgd();
  const a = new CyclicLR(optA, options);
  for (let i = 0; i < 12; i++) a.step();
  const optB = makeOptimizer(structuredClone(optA.paramGroups));
  const b = new CyclicLR(optB, { ...options, lastEpoch: 12 });
  a.step();
  assert.equal(b.lastEpoch, a.lastEpoch);
  for (let i = 0; i < 30; i++) {
    assert.deepEqual(lrs(optB), lrs(optA));
    assert.deepEqual(momenta(optB), momenta(optA));
    a.step();
    b.step();
  }
});

Deno.test("CyclicLR rejects bad arguments and leaves the optimizer unchanged", async (t) => {
  const bad: [string, () => OptimizerLike, CyclicLROptions, ErrorConstructor, string][] = [
    [
      "baseLr of the wrong length",
      sgd,
      { baseLr: [1, 2, 3], maxLr: 1 },
      RangeError,
      "baseLr must have the same length as optimizer.paramGroups. baseLr has 3 values, paramGroups has 2.",
    ],
    [
      "a NaN maxLr",
      sgd,
      { baseLr: 0.1, maxLr: NaN },
      RangeError,
      "maxLr must be finite, got maxLr=NaN",
    ],
    [
      "a zero stepSizeUp",
      sgd,
      { baseLr: 0.1, maxLr: 1, stepSizeUp: 0 },
      RangeError,
      "stepSizeUp must be positive, got stepSizeUp=0",
    ],
    [
      "a negative stepSizeDown",
      sgd,
      { baseLr: 0.1, maxLr: 1, stepSizeDown: -1 },
      RangeError,
      "stepSizeDown must be non-negative, got stepSizeDown=-1",
    ],
    [
      "an unknown mode",
      sgd,
      { baseLr: 0.1, maxLr: 1, mode: "sine" as "triangular" },
      RangeError,
      'mode is invalid and scaleFn is undefined, got mode="sine"',
    ],
    [
      "a scaleFn that is not a function",
      sgd,
      { baseLr: 0.1, maxLr: 1, scaleFn: 1 as unknown as () => number },
      TypeError,
      "scaleFn must be a function, got scaleFn=1",
    ],
    [
      "an unknown scaleMode",
      sgd,
      { baseLr: 0.1, maxLr: 1, scaleMode: "epoch" as "cycle" },
      RangeError,
      'scaleMode must be one of "cycle", "iterations", got scaleMode="epoch"',
    ],
    [
      "cycleMomentum on groups without momentum",
      () => makeOptimizer([{ lr: 0.1 }]),
      { baseLr: 0.01, maxLr: 1 },
      RangeError,
      "optimizer must support momentum or beta1 with `cycleMomentum` option enabled",
    ],
    [
      "baseMomentum of the wrong length",
      sgd,
      { baseLr: 0.1, maxLr: 1, baseMomentum: [0.8] },
      RangeError,
      "baseMomentum must have the same length as optimizer.paramGroups. baseMomentum has 1 values, paramGroups has 2.",
    ],
    [
      "lastEpoch below -1",
      sgd,
      { baseLr: 0.1, maxLr: 1, lastEpoch: -2 },
      RangeError,
      "lastEpoch must be -1 or more, got lastEpoch=-2",
    ],
    [
      "a resume without initialLr",
      sgd,
      { baseLr: 0.1, maxLr: 1, lastEpoch: 3 },
      TypeError,
      "param 'initialLr' is not specified in paramGroups[0] when resuming an optimizer",
    ],
  ];
  for (const [name, makeOpt, options, ErrorClass, message] of bad) {
    await t.step(name, () => {
      const opt = makeOpt();
      assertThrowsUnchanged(() => new CyclicLR(opt, options), ErrorClass, message, opt);
    });
  }
  await t.step("a snake_case option", () => {
    const opt = sgd();
    assertThrowsUnchanged(
      () => new CyclicLR(opt, { baseLr: 0.1, maxLr: 1, step_size_up: 5 } as CyclicLROptions),
      TypeError,
      "CyclicLR got an unknown option step_size_up (did you mean stepSizeUp?); expected one of baseLr, maxLr, stepSizeUp, " +
        "stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, " +
        "maxMomentum, lastEpoch, field",
      opt,
    );
  });
  await t.step("an optimizer without paramGroups", () => {
    assertThrowsUnchanged(
      () => new CyclicLR({} as OptimizerLike, { baseLr: 0.1, maxLr: 1 }),
      TypeError,
      "optimizer must have a paramGroups array, got optimizer={}",
    );
  });
  await t.step("a malformed state, which leaves the scheduler as it was", () => {
    const opt = sgd();
    const s = new CyclicLR(opt, { baseLr: 0.1, maxLr: 1, stepSizeUp: 3 });
    s.step();
    const before = s.stateDict();
    assertThrowsUnchanged(
      () => s.loadStateDict({ ...before, maxLrs: [1] }),
      RangeError,
      "state.maxLrs must be 2 numbers, one per param group, got state.maxLrs=[1]",
      opt,
    );
    assert.deepEqual(s.stateDict(), before);
  });
});

Deno.test("CyclicLR keeps lr in [baseLr, maxLr] and momentum in [baseMomentum, maxMomentum]", () => {
  // tolerance: 4 ulps of the upper bound, for base + (max - base) * 1 rounding above max
  const slack = (v: number) => 4 * Number.EPSILON * Math.abs(v);
  fc.assert(
    fc.property(
      fc.double({ min: 1e-6, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom("triangular", "triangular2", "exp_range"),
      fc.double({ min: 0.9, max: 1, noNaN: true }),
      fc.double({ min: 0.5, max: 0.9, noNaN: true }),
      fc.double({ min: 0, max: 0.09, noNaN: true }),
      fc.integer({ min: 1, max: 300 }),
      (baseLr, span, up, down, mode, gamma, baseM, spanM, steps) => {
        const maxLr = baseLr + span;
        const maxM = baseM + spanM;
        const opt = makeOptimizer([{ lr: 1, momentum: 0 }]);
        const s = new CyclicLR(opt, {
          baseLr,
          maxLr,
          stepSizeUp: up,
          stepSizeDown: down,
          mode: mode as "triangular",
          gamma,
          baseMomentum: baseM,
          maxMomentum: maxM,
        });
        for (let i = 0; i <= steps; i++) {
          const lr = opt.paramGroups[0]!.lr;
          const m = opt.paramGroups[0]!.momentum!;
          assert.ok(Number.isFinite(lr) && Number.isFinite(m));
          assert.ok(lr >= baseLr - slack(maxLr) && lr <= maxLr + slack(maxLr), `lr ${lr}`);
          assert.ok(m >= baseM - slack(maxM) && m <= maxM + slack(maxM), `momentum ${m}`);
          s.step();
        }
      },
    ),
    { numRuns: 200 },
  );
});
