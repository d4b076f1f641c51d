import assert from "node:assert/strict";
import fc from "fast-check";
import {
  EPOCH_DEPRECATION_WARNING,
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
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
  newTally,
  recordLrs,
  report,
  sgd,
  torchVersion,
} from "./_cyclic_helpers.ts";

const decode = (m: number | string) => typeof m === "number" ? m : Number(m); // "nan" -> NaN

Deno.test("ReduceLROnPlateau matches PyTorch on recorded metric sequences", async (t) => {
  const tally = newTally();
  for (const c of cases("ReduceLROnPlateau")) {
    await t.step(`${c.name} (torch ${torchVersion}, rel tol 1e-12 of the largest lr)`, () => {
      const opt = makeOptimizer(c.groups);
      const s = new ReduceLROnPlateau(opt, c.options as ReduceLROnPlateauOptions);
      const got = recordLrs(s, opt, c.metrics!.length, (i) => s.step(decode(c.metrics![i]!)));
      const scale = Math.max(...c.groups.map((g) => g.lr));
      const exact = compareSeries(c.name, got, c.lrs, scale, 1e-12, tally);
      countCase(tally, exact);
      assert.equal(s.lastEpoch, c.metrics!.length);
    });
  }
  report("ReduceLROnPlateau", tally);
});

Deno.test("ReduceLROnPlateau cuts after patience bad epochs, then cools down (worked by hand)", () => {
  const opt = makeOptimizer([{ lr: 1 }]);
  const s = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 2, cooldown: 1, threshold: 0 });
  const seen: number[] = [];
  // best 5; bad 1, 2, 3 > patience: cut to 0.5; cooldown eats one epoch; bad 1, 2, 3: cut
  for (const m of [5, 6, 6, 6, 6, 6, 6, 6, 4]) {
    s.step(m);
    seen.push(opt.paramGroups[0]!.lr);
  }
  assert.deepEqual(seen, [1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25]);
  assert.equal(s.best, 4);
});

Deno.test("ReduceLROnPlateau counts a NaN metric as a bad epoch, as PyTorch does", () => {
  const opt = makeOptimizer([{ lr: 1 }]);
  const s = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 1 });
  s.step(1);
  s.step(NaN);
  assert.equal(s.numBadEpochs, 1);
  assert.equal(s.best, 1);
  s.step(NaN);
  assert.equal(opt.paramGroups[0]!.lr, 0.5);
});

Deno.test("ReduceLROnPlateau leaves the groups as they are at construction", () => {
  const opt = sgd();
  const s = new ReduceLROnPlateau(opt);
  assert.deepEqual(opt.paramGroups, sgd().paramGroups, "no initialLr recorded");
  assert.equal(s.lastEpoch, 0);
  assert.deepEqual(s.getLastLr(), [0.1, 0.05]);
  assert.throws(() => s.getLr(), TypeError);
});

Deno.test("ReduceLROnPlateau.step(metric, epoch) sets lastEpoch and warns as PyTorch does", () => {
  const warnings: string[] = [];
  const previous = setWarningHandler((m) => warnings.push(m));
  const s = new ReduceLROnPlateau(sgd());
  s.step(1, 7);
  setWarningHandler(previous);
  assert.equal(s.lastEpoch, 7);
  assert.deepEqual(warnings, [EPOCH_DEPRECATION_WARNING]);
});

Deno.test("ReduceLROnPlateau state is JSON-safe and round-trips, infinite best included", async (t) => {
  await t.step("best = Infinity before any step encodes as a string", () => {
    const s = new ReduceLROnPlateau(sgd());
    const state = JSON.parse(JSON.stringify(s.stateDict()));
    assert.equal(state.best, "Infinity");
    const other = new ReduceLROnPlateau(sgd());
    other.best = 3;
    other.loadStateDict(state);
    assert.equal(other.best, Infinity);
  });
  await t.step("best = -Infinity in max mode", () => {
    const s = new ReduceLROnPlateau(sgd(), { mode: "max" });
    const state = JSON.parse(JSON.stringify(s.stateDict()));
    assert.equal(state.best, "-Infinity");
  });
  const metric = (i: number) => 1 / (1 + Math.min(i, 10)) + 0.001 * Math.sin(i);
  const configs: [string, ReduceLROnPlateauOptions][] = [
    ["min rel", { factor: 0.5, patience: 2 }],
    ["max abs with cooldown and minLr per group", {
      mode: "max",
      thresholdMode: "abs",
      cooldown: 2,
      patience: 1,
      minLr: [0.01, 0.02],
    }],
  ];
  for (const [name, options] of configs) {
    await t.step(`${name}, midpoint`, () => {
      const m = options.mode === "max" ? (i: number) => -metric(i) : metric;
      assertRoundTrip(sgd().paramGroups, (opt) => new ReduceLROnPlateau(opt, options), 14, 40, (
        s,
        i,
      ) => (s as ReduceLROnPlateau).step(m(i)));
    });
  }
  await t.step("after a -Infinity metric in min mode", () => {
    assertRoundTrip(
      sgd().paramGroups,
      (opt) => new ReduceLROnPlateau(opt, { patience: 1 }),
      3,
      10,
      (
        s,
        i,
      ) => (s as ReduceLROnPlateau).step(i === 1 ? -Infinity : 1),
    );
  });
});

Deno.test("ReduceLROnPlateau rejects bad arguments and changes nothing", async (t) => {
  const bad: [string, ReduceLROnPlateauOptions, ErrorConstructor, string][] = [
    ["factor 1", { factor: 1 }, RangeError, "Factor should be < 1.0, got factor=1"],
    [
      "a negative factor",
      { factor: -0.1 },
      RangeError,
      "factor must be non-negative, got factor=-0.1",
    ],
    ["minLr of the wrong length", { minLr: [0, 0, 0] }, RangeError, "expected 2 minLrs, got 3"],
    ["a negative minLr", { minLr: -1 }, RangeError, "minLr must be non-negative, got minLr=-1"],
    [
      "a fractional patience",
      { patience: 1.5 },
      RangeError,
      "patience must be an integer, got patience=1.5",
    ],
    [
      "a negative cooldown",
      { cooldown: -1 },
      RangeError,
      "cooldown must be a non-negative integer, got cooldown=-1",
    ],
    [
      "a NaN threshold",
      { threshold: NaN },
      RangeError,
      "threshold must be finite, got threshold=NaN",
    ],
    ["a negative eps", { eps: -1 }, RangeError, "eps must be non-negative, got eps=-1"],
    ["an unknown mode", { mode: "avg" as "min" }, RangeError, 'mode "avg" is unknown!'],
    [
      "a snake_case option",
      { min_lr: 0.1 } as ReduceLROnPlateauOptions,
      TypeError,
      "ReduceLROnPlateau got an unknown option min_lr (did you mean minLr?); expected one of mode, factor, patience, " +
      "threshold, thresholdMode, cooldown, minLr, eps, field",
    ],
    [
      "an unknown thresholdMode",
      { thresholdMode: "pct" as "rel" },
      RangeError,
      'thresholdMode "pct" is unknown!',
    ],
  ];
  for (const [name, options, ErrorClass, message] of bad) {
    await t.step(name, () => {
      const opt = sgd();
      assertThrowsUnchanged(() => new ReduceLROnPlateau(opt, options), ErrorClass, message, opt);
    });
  }
  await t.step("a metric that is not a number", () => {
    const opt = sgd();
    const s = new ReduceLROnPlateau(opt, { patience: 0 });
    s.step(1);
    const state = s.stateDict();
    assertThrowsUnchanged(
      () => s.step("2" as unknown as number),
      TypeError,
      'metric must be a number, got metric="2"',
      opt,
    );
    assert.deepEqual(s.stateDict(), state);
  });
  await t.step("a malformed best in a state", () => {
    const opt = sgd();
    const s = new ReduceLROnPlateau(opt);
    const state = s.stateDict();
    assertThrowsUnchanged(
      () => s.loadStateDict({ ...state, best: "inf", numBadEpochs: 3 }),
      TypeError,
      'state.best must be a number or "Infinity", "-Infinity", "NaN", got state.best="inf"',
      opt,
    );
    assert.deepEqual(s.stateDict(), state);
  });
});

Deno.test("ReduceLROnPlateau never raises an lr nor takes it below minLr", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 0.99, noNaN: true }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom("min", "max"),
      fc.constantFrom("rel", "abs"),
      fc.double({ min: 0, max: 0.05, noNaN: true }),
      fc.array(fc.double({ min: -10, max: 10 }), { maxLength: 80 }), // NaN and ±Infinity too
      (factor, patience, cooldown, mode, thresholdMode, minLr, metrics) => {
        const opt = makeOptimizer([{ lr: 0.1 }, { lr: 1 }]);
        const s = new ReduceLROnPlateau(opt, {
          factor,
          patience,
          cooldown,
          mode: mode as "min",
          thresholdMode: thresholdMode as "rel",
          minLr,
        });
        let before = lrs(opt);
        for (const m of metrics) {
          s.step(m);
          const now = lrs(opt);
          now.forEach((lr, g) => {
            assert.ok(Number.isFinite(lr));
            assert.ok(lr <= before[g]!, `lr rose from ${before[g]} to ${lr}`);
            assert.ok(lr >= minLr, `lr ${lr} below minLr ${minLr}`);
          });
          before = now;
        }
      },
    ),
    { numRuns: 300 },
  );
});
