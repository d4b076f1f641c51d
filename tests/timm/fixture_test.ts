/**
 * timm's six schedulers and its factory against timm's own code (tests/fixtures/timm.json,
 * written by tools/fixtures_timm.py from timm's timm/scheduler/ under torch 1.13): every lr,
 * after construction and after every `step`/`stepUpdate`, within 1e-12 relative to timm's; the
 * number of bit-exact values is printed (cos, tanh, log and `**` are V8's here and glibc's in
 * Python, which may differ in the last bit).
 */

import assert from "node:assert/strict";
import { createScheduler } from "../../lib/timm/mod.ts";
import { build, compareRows, fixture, optimizerOf, replay, type Tally } from "./_fixture.ts";

const RELATIVE_TOLERANCE = 1e-12;

Deno.test("timm fixture: every class has at least 4 configurations of 2 groups and 60+ calls", () => {
  const byClass = new Map<string, number>();
  for (const c of fixture.cases) {
    assert.equal(c.lrs0.length, 2, c.name);
    assert.ok(c.calls.length >= 60, `${c.name}: ${c.calls.length} calls`);
    assert.equal(c.lrs.length, c.calls.length + 1, c.name);
    byClass.set(c.scheduler, (byClass.get(c.scheduler) ?? 0) + 1);
  }
  assert.equal(byClass.size, 6);
  for (const [name, n] of byClass) assert.ok(n >= 4, `${name}: ${n} configurations`);
  assert.match(fixture.timmCommit, /^[0-9a-f]{40}$/);
});

Deno.test("timm schedulers write timm's lrs, within 1e-12 relative, on step and stepUpdate", async (t) => {
  const total: Tally = { values: 0, exact: 0, maxRelative: 0 };
  const perClass = new Map<string, Tally>();
  for (const c of fixture.cases) {
    await t.step(c.name, () => {
      const optimizer = optimizerOf(c.lrs0, c.lrScales);
      const scheduler = build(c.scheduler, optimizer, c.options);
      const tally = perClass.get(c.scheduler) ?? { values: 0, exact: 0, maxRelative: 0 };
      perClass.set(c.scheduler, tally);
      const before = tally.values;
      const exactBefore = tally.exact;
      compareRows(c.name, replay(scheduler, optimizer, c.calls), c.lrs, RELATIVE_TOLERANCE, tally);
      total.values += tally.values - before;
      total.exact += tally.exact - exactBefore;
      total.maxRelative = Math.max(total.maxRelative, tally.maxRelative);
    });
  }
  for (const [name, tally] of perClass) {
    console.log(
      `${name}: ${tally.exact}/${tally.values} bit-exact, max relative ${tally.maxRelative}`,
    );
  }
  console.log(
    `timm fixture (timm ${fixture.timmCommit.slice(0, 12)}, torch ${fixture.torch}): ` +
      `${total.exact}/${total.values} values bit-exact, max relative ${total.maxRelative}`,
  );
  assert.ok(total.values > 6000, `${total.values} values`);
});

Deno.test("createScheduler builds timm's scheduler and epoch count from a timm config", async (t) => {
  const total: Tally = { values: 0, exact: 0, maxRelative: 0 };
  for (const f of fixture.factory) {
    await t.step(JSON.stringify(f.config), () => {
      const optimizer = optimizerOf(f.lrs0);
      // deno-lint-ignore no-explicit-any
      const { scheduler, numEpochs } = createScheduler(f.config as any, optimizer, {
        updatesPerEpoch: f.updatesPerEpoch,
      });
      assert.equal(scheduler.constructor.name, f.scheduler);
      assert.equal(numEpochs, f.numEpochs);
      compareRows(
        "factory",
        replay(scheduler, optimizer, f.calls),
        f.lrs,
        RELATIVE_TOLERANCE,
        total,
      );
    });
  }
  console.log(
    `timm factory: ${total.exact}/${total.values} values bit-exact, max relative ${total.maxRelative}`,
  );
});
