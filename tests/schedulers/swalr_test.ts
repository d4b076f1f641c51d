/**
 * SWALR against real torch (tests/fixtures/swa.json, written by tools/fixtures_swa.py): every
 * lr within 1e-12 relative to the group's initial lr, bit for bit with the linear strategy
 * (only + − × ÷ on the same operands, in PyTorch's order); with cos the count of bit-exact
 * values is printed. Then options, state round trip and two groups.
 */

import assert from "node:assert/strict";
import { type ParamGroup, SWALR, type SWALROptions } from "../../lib/schedulers/mod.ts";

interface SwalrCase {
  name: string;
  options: SWALROptions;
  lrs: number[];
  lastLr: number[][];
}

const fixture: { torch: string; steps: number; swalr: SwalrCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/swa.json", import.meta.url)),
);

const groups = (lrs = [0.1, 0.05]): { paramGroups: ParamGroup[] } => ({
  paramGroups: lrs.map((lr) => ({ lr })),
});

function run(c: SwalrCase): number[][] {
  const s = new SWALR(groups(c.lrs), c.options);
  const rows = [s.getLastLr()];
  for (let i = 0; i < fixture.steps; i++) {
    s.step();
    rows.push(s.getLastLr());
  }
  return rows;
}

Deno.test("SWALR gives torch's lrs within 1e-12 relative, bit for bit with linear annealing", () => {
  assert.ok(fixture.swalr.length >= 4 && fixture.steps >= 60);
  let values = 0;
  let exact = 0;
  let linear = 0;
  for (const c of fixture.swalr) {
    const actual = run(c);
    assert.equal(actual.length, c.lastLr.length);
    c.lastLr.forEach((row, step) =>
      row.forEach((expected, group) => {
        const got = actual[step]![group]!;
        assert.ok(
          Math.abs(got - expected) / c.lrs[group]! <= 1e-12,
          `${c.name} step ${step} group ${group}: got ${got}, torch ${expected}`,
        );
        values += 1;
        if (Object.is(got, expected)) exact += 1;
        if (c.options.annealStrategy === "linear") {
          linear += 1;
          assert.ok(Object.is(got, expected), `${c.name} step ${step}: ${got} vs ${expected}`);
        }
      })
    );
  }
  console.log(
    `SWALR: ${fixture.swalr.length} cases, ${exact}/${values} lrs bit-exact against torch ` +
      `${fixture.torch} (all ${linear} linear ones)`,
  );
});

Deno.test("SWALR writes each group's swaLr into the group, as PyTorch's group['swa_lr']", () => {
  const optimizer = groups();
  new SWALR(optimizer, { swaLr: [0.01, 0.02] });
  assert.deepEqual(optimizer.paramGroups.map((g) => (g as { swaLr?: number }).swaLr), [
    0.01,
    0.02,
  ]);
});

Deno.test("SWALR state round-trips through JSON and stepping continues identically", () => {
  for (const annealStrategy of ["cos", "linear"] as const) {
    const a = new SWALR(groups(), { swaLr: 0.01, annealEpochs: 8, annealStrategy });
    for (let i = 0; i < 3; i++) a.step();
    const state = JSON.parse(JSON.stringify(a.stateDict()));
    assert.equal(state.annealEpochs, 8);
    assert.equal(state.annealStrategy, annealStrategy);
    // resuming: the optimizer's groups carry on from where a's are
    const optimizer = { paramGroups: a.optimizer.paramGroups.map((g) => ({ ...g })) };
    const b = new SWALR(optimizer, { swaLr: 0.01, annealEpochs: 1, annealStrategy: "cos" });
    optimizer.paramGroups.forEach((g, i) => g.lr = a.optimizer.paramGroups[i]!.lr);
    b.loadStateDict(state);
    assert.equal(b.annealEpochs, 8);
    assert.equal(b.annealStrategy, annealStrategy);
    for (let i = 0; i < 10; i++) {
      a.step();
      b.step();
      assert.deepEqual(b.getLastLr(), a.getLastLr(), `${annealStrategy} step ${i}`);
    }
  }
});

Deno.test("SWALR refuses a malformed state and changes nothing", () => {
  const s = new SWALR(groups(), { swaLr: 0.01 });
  const before = JSON.stringify(s.stateDict());
  assert.throws(
    () => s.loadStateDict({ ...s.stateDict(), annealStrategy: "exp" }),
    /state\.annealStrategy must be one of "cos", "linear"/,
  );
  assert.throws(
    () => s.loadStateDict({ ...s.stateDict(), annealEpochs: -1 }),
    /state\.annealEpochs must be equal or greater than 0/,
  );
  assert.equal(JSON.stringify(s.stateDict()), before);
});

Deno.test("SWALR options: PyTorch's checks and messages; a failed call changes nothing", () => {
  const cases: [unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    [
      { swaLr: 0.1, annealStrategy: "exp" },
      RangeError,
      /annealStrategy must by one of 'cos' or 'linear', instead got annealStrategy="exp"/,
    ],
    [
      { swaLr: 0.1, annealEpochs: -1 },
      RangeError,
      /annealEpochs must be equal or greater than 0, got annealEpochs=-1/,
    ],
    [{ swaLr: 0.1, annealEpochs: 2.5 }, RangeError, /annealEpochs must be equal or greater/],
    [{ swaLr: 0.1, annealEpochs: "3" }, TypeError, /annealEpochs must be an integer/],
    [{ swaLr: [0.1] }, RangeError, /swaLr must have the same length as optimizer\.paramGroups/],
    [{ swaLr: NaN }, RangeError, /swaLr must be finite, got swaLr=NaN/],
    [{}, TypeError, /SWALR requires swaLr/],
    [{ swa_lr: 0.1 }, TypeError, /unknown option swa_lr \(did you mean swaLr\?\)/],
    [{ swaLr: 0.1, annealEpochs: null }, TypeError, /annealEpochs must not be null/],
  ];
  for (const [options, error, message] of cases) {
    const optimizer = groups();
    const before = JSON.stringify(optimizer);
    assert.throws(() => new SWALR(optimizer, options as SWALROptions), (e: unknown) => {
      assert.ok(e instanceof error, `${JSON.stringify(options)}: ${e}`);
      assert.match((e as Error).message, message);
      return true;
    });
    assert.equal(JSON.stringify(optimizer), before, JSON.stringify(options));
  }
});

Deno.test("SWALR with annealEpochs 0 sets swaLr already at construction and stays", () => {
  // PyTorch: step = max(1, stepCount - 1) when annealEpochs is 0, so t = 1 at the initial step
  const s = new SWALR(groups(), { swaLr: [0.03, 0.004], annealEpochs: 0 });
  assert.deepEqual(s.getLastLr(), [0.03, 0.004]);
  for (let i = 0; i < 5; i++) {
    s.step();
    assert.deepEqual(s.getLastLr(), [0.03, 0.004]);
  }
});
