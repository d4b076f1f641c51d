/**
 * The nine decay schedulers against real PyTorch (tests/fixtures/schedulers_decay.json, written
 * by tools/fixtures_decay_schedulers.py): every value within 1e-12 relative to the group's
 * initial lr, and bit for bit where both sides use only + − × ÷ on the same operands in the
 * same order. Where `**` or `cos` is involved (Math.pow and Math.cos against C's pow and cos),
 * agreement is counted and printed instead.
 */

import assert from "node:assert/strict";
import { setWarningHandler } from "../../lib/schedulers/mod.ts";
import {
  build,
  CLASSES,
  fixture,
  type FixtureCase,
  optimizerOf,
  POW_LAMBDAS,
  runSteps,
} from "./_decay_helpers.ts";

const RELATIVE_TOLERANCE = 1e-12;

/** True when the path from options to lr uses only + − × ÷ (no `**`, no `cos`). */
function arithmeticOnly(c: FixtureCase, closedForm: boolean): boolean {
  const lambdas = [c.options.lrLambda ?? []].flat() as string[];
  const milestones = (c.options.milestones ?? []) as number[];
  switch (c.scheduler) {
    case "LambdaLR":
    case "MultiplicativeLR":
      return !lambdas.some((n) => POW_LAMBDAS.has(n));
    case "ConstantLR":
    case "LinearLR":
      return true;
    case "StepLR":
    case "ExponentialLR":
      return !closedForm;
    case "MultiStepLR": // gamma ** 1 is gamma; repeated milestones raise gamma to a power
      return !closedForm && new Set(milestones).size === milestones.length;
    default:
      return false;
  }
}

interface Tally {
  cases: number;
  exactCases: number;
  values: number;
  exactValues: number;
  maxRelative: number;
}

function compare(c: FixtureCase, actual: number[][], tally: Tally, exact: boolean): void {
  assert.equal(actual.length, c.lastLr.length, `${c.name}: number of rows`);
  let allExact = true;
  c.lastLr.forEach((row, step) => {
    row.forEach((expected, group) => {
      const got = actual[step]?.[group] as number;
      const base = c.lrs[group] as number;
      const relative = Math.abs(got - expected) / base;
      tally.values += 1;
      tally.maxRelative = Math.max(tally.maxRelative, relative);
      if (Object.is(got, expected)) tally.exactValues += 1;
      else allExact = false;
      assert.ok(
        relative <= RELATIVE_TOLERANCE,
        `${c.name}, row ${step}, group ${group}: got ${got}, PyTorch ${expected}`,
      );
      if (exact) {
        assert.ok(
          Object.is(got, expected),
          `${c.name}, row ${step}, group ${group}: got ${got}, PyTorch ${expected} (bit exact)`,
        );
      }
    });
  });
  tally.cases += 1;
  if (allExact) tally.exactCases += 1;
}

function newTally(): Tally {
  return { cases: 0, exactCases: 0, values: 0, exactValues: 0, maxRelative: 0 };
}

function report(label: string, t: Tally): string {
  return `${label}: ${t.exactCases}/${t.cases} cases and ${t.exactValues}/${t.values} values ` +
    `bit exact, max relative difference ${t.maxRelative.toExponential(2)}`;
}

Deno.test(`fixture comes from PyTorch and covers every class with 5+ cases of 61 rows`, () => {
  assert.match(fixture.torch, /^\d+\.\d+/);
  for (const name of CLASSES) {
    const cases = fixture.cases.filter((c) => c.scheduler === name);
    assert.ok(cases.length >= 5, `${name} has ${cases.length} cases`);
    for (const c of cases) {
      assert.equal(c.lastLr.length, fixture.steps + 1);
      assert.ok(c.lrs.length === 2 || c.lrs.length === 3, c.name);
    }
  }
});

Deno.test("step() matches PyTorch's get_last_lr() for 60 steps", async (t) => {
  const total = newTally();
  for (const name of CLASSES) {
    await t.step(name, () => {
      const tally = newTally();
      for (const c of fixture.cases.filter((c) => c.scheduler === name)) {
        const scheduler = build(c.scheduler, optimizerOf(c.lrs), c.options);
        compare(c, runSteps(scheduler, fixture.steps), tally, arithmeticOnly(c, false));
      }
      console.log(report(`  step() ${name}`, tally));
      for (const key of ["cases", "exactCases", "values", "exactValues"] as const) {
        total[key] += tally[key];
      }
      total.maxRelative = Math.max(total.maxRelative, tally.maxRelative);
    });
  }
  console.log(report(`step() all (torch ${fixture.torch})`, total));
});

Deno.test("step(epoch) matches PyTorch's closed form (or get_lr without one)", async (t) => {
  const previous = setWarningHandler(() => {});
  let refused = 0;
  try {
    const total = newTally();
    for (const name of CLASSES) {
      await t.step(name, () => {
        const tally = newTally();
        for (const c of fixture.closedForm.filter((c) => c.scheduler === name)) {
          const scheduler = build(c.scheduler, optimizerOf(c.lrs), c.options);
          const rows = [scheduler.getLastLr()];
          const expected = [c.lastLr[0]!];
          c.epochs.forEach((epoch, k) => {
            const want = c.lastLr[k + 1]!;
            if (want.some((v) => v < 0)) {
              // PyTorch writes a negative lr here (lrLambda 1 - e / 60 past epoch 60); anneal
              // refuses it with a RangeError and leaves the scheduler as it was.
              const before = JSON.stringify(scheduler.stateDict());
              assert.throws(() => scheduler.step(epoch), /^RangeError: .* would set paramGroups/);
              assert.equal(JSON.stringify(scheduler.stateDict()), before);
              refused += 1;
              return;
            }
            scheduler.step(epoch);
            rows.push(scheduler.getLastLr());
            expected.push(want);
          });
          compare({ ...c, lastLr: expected }, rows, tally, arithmeticOnly(c, true));
        }
        console.log(report(`  step(epoch) ${name}`, tally));
        for (const key of ["cases", "exactCases", "values", "exactValues"] as const) {
          total[key] += tally[key];
        }
        total.maxRelative = Math.max(total.maxRelative, tally.maxRelative);
      });
    }
    console.log(report(`step(epoch) all (torch ${fixture.torch})`, total));
    console.log(`step(epoch): ${refused} steps where PyTorch writes a negative lr, refused`);
  } finally {
    setWarningHandler(previous);
  }
});
