import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CosineAnnealingWarmRestarts,
  type CosineAnnealingWarmRestartsOptions,
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
  recordLrs,
  report,
  sgd,
  torchVersion,
} from "./_cyclic_helpers.ts";

Deno.test("CosineAnnealingWarmRestarts matches PyTorch, fractional epochs included", async (t) => {
  const tally = newTally();
  for (const c of cases("CosineAnnealingWarmRestarts")) {
    await t.step(`${c.name} (torch ${torchVersion}, rel tol 1e-12 of the largest lr)`, () => {
      const opt = makeOptimizer(c.groups);
      const s = new CosineAnnealingWarmRestarts(
        opt,
        c.options as unknown as CosineAnnealingWarmRestartsOptions,
      );
      const got = recordLrs(s, opt, c.epochs!.length, (i) => {
        const epoch = c.epochs![i];
        if (epoch === null || epoch === undefined) s.step();
        else s.step(epoch);
      });
      const scale = Math.max(...c.groups.map((g) => g.lr));
      const a = compareSeries(c.name, got, c.lrs, scale, 1e-12, tally);
      assert.deepEqual(momenta(opt), c.momenta.at(-1), "momentum untouched");
      countCase(tally, a);
    });
  }
  report("CosineAnnealingWarmRestarts", tally);
});

Deno.test("CosineAnnealingWarmRestarts follows SGDR's closed form, written out here (rel tol 1e-14)", () => {
  // T_i = t0 * tMult^i; walk the periods down to the current one, then
  // lr = etaMin + (base - etaMin) * (1 + cos(pi * T_cur / T_i)) / 2
  const t0 = 3, tMult = 2, etaMin = 0.001, base = 0.1;
  const opt = makeOptimizer([{ lr: base }]);
  const s = new CosineAnnealingWarmRestarts(opt, { t0, tMult, etaMin });
  for (let epoch = 0; epoch < 100; epoch++) {
    let tCur = epoch;
    let tI = t0;
    while (tCur >= tI) {
      tCur -= tI;
      tI *= tMult;
    }
    const want = etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    assert.ok(Math.abs(s.getLastLr()[0]! - want) <= 1e-14 * base, `epoch ${epoch}`);
    assert.equal(s.tCur, tCur);
    assert.equal(s.tI, tI);
    s.step();
  }
});

Deno.test("CosineAnnealingWarmRestarts.step(epoch) lands where step() leads, with no warning", () => {
  const warnings: string[] = [];
  const previous = setWarningHandler((m) => warnings.push(m));
  try {
    for (const tMult of [1, 2, 3]) {
      const optA = sgd();
      const a = new CosineAnnealingWarmRestarts(optA, { t0: 4, tMult });
      for (let epoch = 1; epoch < 60; epoch++) {
        a.step();
        const optB = sgd();
        const b = new CosineAnnealingWarmRestarts(optB, { t0: 4, tMult });
        b.step(epoch);
        // the jump recomputes T_cur through logarithms, so allow 1e-12 of the lr
        lrs(optB).forEach((lr, g) => assert.ok(Math.abs(lr - lrs(optA)[g]!) <= 1e-12));
        assert.equal(b.lastEpoch, a.lastEpoch);
      }
    }
  } finally {
    setWarningHandler(previous);
  }
  assert.deepEqual(warnings, []);
});

Deno.test("CosineAnnealingWarmRestarts state round-trips through JSON at a midpoint", async (t) => {
  for (const tMult of [1, 2]) {
    await t.step(`tMult ${tMult}, integer steps`, () => {
      assertRoundTrip(
        sgd().paramGroups,
        (opt) => new CosineAnnealingWarmRestarts(opt, { t0: 5, tMult, etaMin: 0.001 }),
        17,
        40,
      );
    });
  }
  await t.step("fractional epochs", () => {
    const epochOf = (i: number) => Math.floor(i / 4) + (i % 4) / 4;
    assertRoundTrip(
      sgd().paramGroups,
      (opt) => new CosineAnnealingWarmRestarts(opt, { t0: 3, tMult: 2 }),
      23,
      40,
      (s, i) => s.step(epochOf(i + 1)),
    );
  });
});

Deno.test("CosineAnnealingWarmRestarts resumed with lastEpoch in the first period continues", () => {
  // PyTorch resumes with T_cur = lastEpoch and T_i = t0, right only within the first period;
  // beyond it, restore with loadStateDict instead.
  const optA = sgd();
  const a = new CosineAnnealingWarmRestarts(optA, { t0: 10, tMult: 2 });
  for (let i = 0; i < 6; i++) a.step();
  const optB = makeOptimizer(structuredClone(optA.paramGroups));
  const b = new CosineAnnealingWarmRestarts(optB, { t0: 10, tMult: 2, lastEpoch: 6 });
  a.step();
  for (let i = 0; i < 40; i++) {
    assert.deepEqual(lrs(optB), lrs(optA));
    a.step();
    b.step();
  }
});

Deno.test("CosineAnnealingWarmRestarts rejects bad arguments and changes nothing", async (t) => {
  const bad: [string, CosineAnnealingWarmRestartsOptions, ErrorConstructor, string][] = [
    ["a zero t0", { t0: 0 }, RangeError, "Expected positive integer t0, but got 0"],
    ["a fractional t0", { t0: 2.5 }, RangeError, "Expected positive integer t0, but got 2.5"],
    [
      "a missing t0",
      {} as CosineAnnealingWarmRestartsOptions,
      TypeError,
      "Expected positive integer t0, but got undefined",
    ],
    ["a zero tMult", { t0: 3, tMult: 0 }, RangeError, "Expected integer tMult >= 1, but got 0"],
    [
      "a string etaMin",
      { t0: 3, etaMin: "0" as unknown as number },
      TypeError,
      'Expected float or int etaMin, but got "0" of type string',
    ],
    [
      "an infinite etaMin",
      { t0: 3, etaMin: Infinity },
      RangeError,
      "etaMin must be finite, got etaMin=Infinity",
    ],
  ];
  for (const [name, options, ErrorClass, message] of bad) {
    await t.step(name, () => {
      const opt = sgd();
      assertThrowsUnchanged(
        () => new CosineAnnealingWarmRestarts(opt, options),
        ErrorClass,
        message,
        opt,
      );
    });
  }
  for (
    const [name, epoch, ErrorClass, message] of [
      ["a negative epoch", -1, RangeError, "Expected non-negative epoch, but got -1"],
      ["a NaN epoch", NaN, RangeError, "epoch must be finite, got epoch=NaN"],
    ] as const
  ) {
    await t.step(`step() with ${name}`, () => {
      const opt = sgd();
      const s = new CosineAnnealingWarmRestarts(opt, { t0: 3 });
      s.step();
      const state = s.stateDict();
      assertThrowsUnchanged(() => s.step(epoch), ErrorClass, message, opt);
      assert.deepEqual(s.stateDict(), state);
    });
  }
});

Deno.test("CosineAnnealingWarmRestarts keeps every lr finite and in [etaMin, initialLr]", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 0, max: 0.01, noNaN: true }),
      fc.array(fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }), {
        maxLength: 60,
      }),
      (t0, tMult, etaMin, calls) => {
        const opt = makeOptimizer([{ lr: 0.1 }]);
        const s = new CosineAnnealingWarmRestarts(opt, { t0, tMult, etaMin });
        for (const epoch of calls) {
          s.step(epoch);
          const lr = opt.paramGroups[0]!.lr;
          assert.ok(Number.isFinite(lr));
          assert.ok(lr >= etaMin - 1e-17 && lr <= 0.1 + 1e-17, `lr ${lr}`);
        }
      },
    ),
    { numRuns: 200 },
  );
});
