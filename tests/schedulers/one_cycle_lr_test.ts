import assert from "node:assert/strict";
import fc from "fast-check";
import { annealingCos } from "../../lib/schedules/_anneal.ts";
import {
  OneCycleLR,
  type OneCycleLROptions,
  type OptimizerLike,
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

Deno.test("OneCycleLR matches PyTorch, and refuses PyTorch's negative extra step", async (t) => {
  const tally = newTally();
  let refused = 0;
  for (const c of cases("OneCycleLR")) {
    await t.step(`${c.name} (torch ${torchVersion}, rel tol 1e-12 of maxLr)`, () => {
      const opt = makeOptimizer(c.groups);
      const options = c.options as unknown as OneCycleLROptions;
      const s = new OneCycleLR(opt, options);
      // PyTorch's extra step (lastEpoch = totalSteps) extrapolates the last phase; with
      // "linear" it goes below zero, which anneal refuses: that step throws, changing nothing.
      const negative = (c.lrs[c.lrs.length - 1] ?? []).some((v) => v < 0);
      const rows = negative ? c.lrs.length - 1 : c.lrs.length;
      const gotLr = [lrs(opt)];
      const gotM = [momenta(opt)];
      for (let i = 1; i < rows; i++) {
        s.step();
        gotLr.push(lrs(opt));
        gotM.push(momenta(opt));
      }
      const scale = Math.max(...[options.maxLr].flat());
      const a = compareSeries(`${c.name} lr`, gotLr, c.lrs.slice(0, rows), scale, 1e-12, tally);
      const b = compareSeries(
        `${c.name} momentum`,
        gotM,
        c.momenta.slice(0, rows),
        1,
        1e-12,
        tally,
      );
      countCase(tally, a, b);
      if (negative) {
        const before = JSON.stringify(opt.paramGroups);
        assert.throws(() => s.step(), /^RangeError: OneCycleLR would set paramGroups\[\d\]\.lr=-/);
        assert.equal(JSON.stringify(opt.paramGroups), before);
        assert.equal(s.lastEpoch, rows - 1);
        refused += 1;
      }
      // PyTorch raised on the step after the last recorded one; so must we.
      assert.equal(c.raisesAfterLast, true);
      assert.throws(() => s.step(), RangeError);
    });
  }
  report("OneCycleLR", tally);
  console.log(`OneCycleLR: ${refused} cases end with PyTorch's negative extra step, refused`);
});

Deno.test("OneCycleLR follows its closed form, written out here (rel tol 1e-14)", () => {
  // two phases, cos: up from maxLr/25 to maxLr over steps [0, 0.3N - 1], then down to
  // maxLr/25/1e4 over the rest
  const N = 50;
  const maxLr = 0.4;
  const opt = sgd();
  const s = new OneCycleLR(opt, { maxLr, totalSteps: N });
  const lo = maxLr / 25;
  const end = lo / 1e4;
  const up = 0.3 * N - 1;
  for (let t = 0; t < N; t++) {
    const want = t <= up
      ? lo + (maxLr - lo) * (1 - Math.cos(Math.PI * t / up)) / 2
      : end + (maxLr - end) * (1 + Math.cos(Math.PI * (t - up) / (N - 1 - up))) / 2;
    const got = s.getLastLr()[0]!;
    assert.ok(Math.abs(got - want) <= 1e-14 * maxLr, `t=${t}: ${got} vs ${want}`);
    s.step();
  }
  assert.equal(annealingCos(1, 0, 0.5), 0.5); // Python: 0 + (1 - 0) / 2.0 * (cos(pi / 2) + 1)
});

Deno.test("OneCycleLR throws PyTorch's message past the total steps and changes nothing", () => {
  const opt = sgd();
  const s = new OneCycleLR(opt, { maxLr: 0.1, totalSteps: 5 });
  for (let i = 0; i < 5; i++) s.step(); // lastEpoch 5 = totalSteps is still allowed
  const state = s.stateDict();
  assertThrowsUnchanged(
    () => s.step(),
    RangeError,
    "Tried to step 6 times. The specified number of total steps is 5",
    opt,
  );
  assert.deepEqual(s.stateDict(), state);
  assert.equal(s.lastEpoch, 5);
  assert.equal(s.stepCount, 6);
});

Deno.test("OneCycleLR state round-trips through JSON at a midpoint", async (t) => {
  const configs: [string, OneCycleLROptions][] = [
    ["cos", { maxLr: [0.1, 0.2], totalSteps: 60 }],
    ["linear threePhase", {
      maxLr: 0.3,
      totalSteps: 61,
      annealStrategy: "linear",
      threePhase: true,
    }],
    ["epochs x stepsPerEpoch, no momentum", {
      maxLr: 1,
      epochs: 5,
      stepsPerEpoch: 9,
      cycleMomentum: false,
    }],
  ];
  for (const [name, options] of configs) {
    await t.step(name, () => {
      assertRoundTrip(sgd().paramGroups, (opt) => new OneCycleLR(opt, options), 20, 25);
    });
  }
  await t.step("Adam betas", () => {
    const groups = [{ lr: 1, betas: [0.9, 0.999] as [number, number] }];
    assertRoundTrip(groups, (opt) => new OneCycleLR(opt, { maxLr: 0.01, totalSteps: 40 }), 21, 19);
  });
});

Deno.test("OneCycleLR resumed with lastEpoch continues the uninterrupted run", () => {
  const options: OneCycleLROptions = { maxLr: [0.1, 0.3], totalSteps: 40, threePhase: true };
  const optA = sgd();
  const a = new OneCycleLR(optA, options);
  for (let i = 0; i < 15; i++) a.step();
  const optB = makeOptimizer(structuredClone(optA.paramGroups));
  const b = new OneCycleLR(optB, { ...options, lastEpoch: 15 });
  a.step();
  for (let i = 0; i < 24; i++) {
    assert.deepEqual(lrs(optB), lrs(optA));
    assert.deepEqual(momenta(optB), momenta(optA));
    a.step();
    b.step();
  }
});

Deno.test("OneCycleLR rejects bad arguments and leaves the optimizer unchanged", async (t) => {
  const bad: [string, () => OptimizerLike, OneCycleLROptions, ErrorConstructor, string][] = [
    [
      "no totalSteps nor epochs",
      sgd,
      { maxLr: 1 },
      TypeError,
      "You must define either totalSteps OR (epochs AND stepsPerEpoch)",
    ],
    [
      "epochs without stepsPerEpoch",
      sgd,
      { maxLr: 1, epochs: 3 },
      TypeError,
      "You must define either totalSteps OR (epochs AND stepsPerEpoch)",
    ],
    [
      "a zero totalSteps",
      sgd,
      { maxLr: 1, totalSteps: 0 },
      RangeError,
      "Expected positive integer totalSteps, but got 0",
    ],
    [
      "a fractional totalSteps",
      sgd,
      { maxLr: 1, totalSteps: 2.5 },
      RangeError,
      "Expected positive integer totalSteps, but got 2.5",
    ],
    [
      "negative epochs",
      sgd,
      { maxLr: 1, epochs: -1, stepsPerEpoch: 3 },
      RangeError,
      "Expected positive integer epochs, but got -1",
    ],
    [
      "a zero stepsPerEpoch",
      sgd,
      { maxLr: 1, epochs: 2, stepsPerEpoch: 0 },
      RangeError,
      "Expected positive integer stepsPerEpoch, but got 0",
    ],
    [
      "pctStart above 1",
      sgd,
      { maxLr: 1, totalSteps: 10, pctStart: 1.5 },
      RangeError,
      "Expected float between 0 and 1 pctStart, but got 1.5",
    ],
    [
      "an unknown annealStrategy",
      sgd,
      { maxLr: 1, totalSteps: 10, annealStrategy: "exp" as "cos" },
      RangeError,
      `annealStrategy must be one of 'cos' or 'linear', instead got "exp"`,
    ],
    [
      "maxLr of the wrong length",
      sgd,
      { maxLr: [1], totalSteps: 10 },
      RangeError,
      "maxLr must have the same length as optimizer.paramGroups. maxLr has 1 values, paramGroups has 2.",
    ],
    [
      "a zero divFactor",
      sgd,
      { maxLr: 1, totalSteps: 10, divFactor: 0 },
      RangeError,
      "divFactor must be positive, got divFactor=0",
    ],
    [
      "cycleMomentum on groups without momentum",
      () => makeOptimizer([{ lr: 0.1 }]),
      { maxLr: 1, totalSteps: 10 },
      RangeError,
      "optimizer must support momentum or beta1 with `cycleMomentum` option enabled",
    ],
    [
      "a first phase with no steps (Python's ZeroDivisionError)",
      sgd,
      { maxLr: 1, totalSteps: 10, pctStart: 0.1 },
      RangeError,
      "float division by zero: phase 0 of the cycle has no steps at step 0; choose pctStart " +
      "and totalSteps so that every phase has at least one step",
    ],
    [
      "a resume on groups without maxLr",
      () => makeOptimizer([{ lr: 0.1, momentum: 0.9, initialLr: 0.1 }]),
      { maxLr: 1, totalSteps: 10, lastEpoch: 3 },
      TypeError,
      "param 'maxLr' is not specified in paramGroups[0] when resuming an optimizer",
    ],
  ];
  for (const [name, makeOpt, options, ErrorClass, message] of bad) {
    await t.step(name, () => {
      const opt = makeOpt();
      assertThrowsUnchanged(() => new OneCycleLR(opt, options), ErrorClass, message, opt);
    });
  }
  await t.step("a last phase with no steps throws at that step and changes nothing", () => {
    const opt = sgd();
    const s = new OneCycleLR(opt, { maxLr: 1, totalSteps: 10, pctStart: 1 });
    for (let i = 0; i < 9; i++) s.step();
    assertThrowsUnchanged(
      () => s.step(),
      RangeError,
      "float division by zero: phase 1 of the cycle has no steps at step 10; choose pctStart " +
        "and totalSteps so that every phase has at least one step",
      opt,
    );
    assert.equal(s.lastEpoch, 9);
  });
});

Deno.test("OneCycleLR refuses an extra linear step that would push momentum to 1 or more", () => {
  // phases end at steps 1 and 3; the extra step 4 extrapolates the last phase to pct 1.5:
  // momentum (0.98 - 0.85) * 1.5 + 0.85 = 1.045, which no optimizer takes (PyTorch writes it),
  // while the lr stays positive (minLr = maxLr / 2.25)
  const opt = makeOptimizer([{ lr: 1, momentum: 0.9 }]);
  const s = new OneCycleLR(opt, {
    maxLr: 1,
    totalSteps: 4,
    pctStart: 0.5,
    annealStrategy: "linear",
    divFactor: 1.5,
    finalDivFactor: 1.5,
    maxMomentum: 0.98,
  });
  for (let i = 0; i < 3; i++) s.step();
  const before = JSON.stringify(opt.paramGroups);
  assert.throws(() => s.step(), /^RangeError: OneCycleLR would set paramGroups\[0\]\.momentum=1/);
  assert.equal(JSON.stringify(opt.paramGroups), before);
});

Deno.test("OneCycleLR keeps lr in [initialLr / finalDivFactor, maxLr] before its extra step", () => {
  // PyTorch allows one step past the last (lastEpoch = totalSteps), which extrapolates the
  // last phase: with "linear" it goes below minLr, even negative (see the fixture), and
  // anneal throws rather than write a negative lr. The bounds hold for lastEpoch in
  // [0, totalSteps - 1]; tolerance 4 ulps of maxLr.
  fc.assert(
    fc.property(
      fc.double({ min: 1e-4, max: 10, noNaN: true }),
      fc.integer({ min: 4, max: 300 }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      fc.constantFrom("cos", "linear"),
      fc.boolean(),
      fc.double({ min: 1.5, max: 100, noNaN: true }),
      fc.double({ min: 1.5, max: 1e5, noNaN: true }),
      (maxLr, totalSteps, pctStart, annealStrategy, threePhase, divFactor, finalDivFactor) => {
        const opt = makeOptimizer([{ lr: 1, momentum: 0.9 }]);
        let s: OneCycleLR;
        try {
          s = new OneCycleLR(opt, {
            maxLr,
            totalSteps,
            pctStart,
            annealStrategy: annealStrategy as "cos",
            threePhase,
            divFactor,
            finalDivFactor,
          });
        } catch (e) {
          // only a zero-length phase may be refused
          assert.match((e as Error).message, /^float division by zero/);
          return;
        }
        const lo = maxLr / divFactor / finalDivFactor;
        const slack = 4 * Number.EPSILON * maxLr;
        for (let t = 0; t < totalSteps; t++) {
          const lr = opt.paramGroups[0]!.lr;
          assert.ok(Number.isFinite(lr));
          assert.ok(lr >= lo - slack && lr <= maxLr + slack, `t=${t} lr=${lr}`);
          try {
            s.step();
          } catch (e) {
            const extraStep = t === totalSteps - 1;
            assert.match(
              (e as Error).message,
              extraStep
                ? /^float division by zero|would set paramGroups\[0\]\.(lr=-|momentum=)/
                : /^float division by zero/,
            );
            return;
          }
        }
      },
    ),
    { numRuns: 200 },
  );
});
