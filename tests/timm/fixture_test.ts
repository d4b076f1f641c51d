/**
 * timm's six schedulers and its factory against timm's own code (tests/fixtures/timm.json,
 * written by tools/fixtures_timm.py from timm's timm/scheduler/ under torch 1.13): every lr,
 * after construction and after every `step`/`stepUpdate`, within 1e-12 relative to timm's; the
 * number of bit-exact values is printed (cos, tanh, log and `**` are V8's here and glibc's in
 * Python, which may differ in the last bit). Where timm raised (random fixtures only), the
 * same calls must throw here too.
 *
 * `TIMM_FIXTURE=/tmp/t.json deno test -A tests/timm/fixture_test.ts` runs the same checks on a
 * file from `tools/fixtures_timm.py <timm-source> --random N --seed S --out /tmp/t.json`.
 */

import assert from "node:assert/strict";
import { createScheduler, type TimmSchedulerConfig } from "../../lib/timm/mod.ts";
import {
  build,
  compareRows,
  fixture,
  fixturePath,
  optimizerOf,
  replay,
  type Tally,
} from "./_fixture.ts";

const RELATIVE_TOLERANCE = 1e-12;

function newTally(): Tally {
  return { values: 0, exact: 0, maxRelative: 0 };
}

function add(total: Tally, part: Tally): void {
  total.values += part.values;
  total.exact += part.exact;
  total.maxRelative = Math.max(total.maxRelative, part.maxRelative);
}

Deno.test("timm fixture: every class has at least 4 configurations of 2 groups and 60+ calls", () => {
  const byClass = new Map<string, number>();
  for (const c of fixture.cases) {
    assert.equal(c.lrs0.length, 2, c.name);
    assert.ok(c.calls.length >= 60, `${c.name}: ${c.calls.length} calls`);
    if (c.error === undefined) assert.equal(c.lrs.length, c.calls.length + 1, c.name);
    byClass.set(c.scheduler, (byClass.get(c.scheduler) ?? 0) + 1);
  }
  assert.equal(byClass.size, 6);
  for (const [name, n] of byClass) assert.ok(n >= 4, `${name}: ${n} configurations`);
  assert.match(fixture.timmCommit, /^[0-9a-f]{40}$/);
});

Deno.test("timm schedulers write timm's lrs, within 1e-12 relative, on step and stepUpdate", async (t) => {
  const total = newTally();
  const perClass = new Map<string, Tally>();
  let raised = 0;
  for (const c of fixture.cases) {
    await t.step(c.name, () => {
      const optimizer = optimizerOf(c.lrs0, c.lrScales);
      if (c.error !== undefined) {
        assert.throws(() => replay(build(c.scheduler, optimizer, c.options), optimizer, c.calls));
        raised += 1;
        return;
      }
      const scheduler = build(c.scheduler, optimizer, c.options);
      const tally = newTally();
      compareRows(c.name, replay(scheduler, optimizer, c.calls), c.lrs, RELATIVE_TOLERANCE, tally);
      const classTally = perClass.get(c.scheduler) ?? newTally();
      perClass.set(c.scheduler, classTally);
      add(classTally, tally);
      add(total, tally);
    });
  }
  for (const [name, tally] of perClass) {
    console.log(
      `${name}: ${tally.exact}/${tally.values} bit-exact, max relative ${tally.maxRelative}`,
    );
  }
  console.log(
    `timm fixture ${fixturePath} (timm ${
      fixture.timmCommit.slice(0, 12)
    }, torch ${fixture.torch}): ` +
      `${total.exact}/${total.values} values bit-exact, max relative ${total.maxRelative}` +
      (raised ? `; ${raised} configurations on which timm raised throw here too` : ""),
  );
  assert.ok(total.values > 6000, `${total.values} values`);
});

Deno.test("createScheduler builds timm's scheduler and epoch count from a timm config", async (t) => {
  const total = newTally();
  for (const f of fixture.factory) {
    await t.step(JSON.stringify(f.config), () => {
      const optimizer = optimizerOf(f.lrs0 ?? [0.1, 0.03]);
      const config = f.config as unknown as TimmSchedulerConfig;
      const options = { updatesPerEpoch: f.updatesPerEpoch };
      if (f.error !== undefined) {
        assert.throws(() => createScheduler(config, optimizer, options));
        return;
      }
      const { scheduler, numEpochs } = createScheduler(config, optimizer, options);
      assert.equal(scheduler.constructor.name, f.scheduler);
      assert.equal(numEpochs, f.numEpochs);
      const lrs = replay(scheduler, optimizer, f.calls);
      compareRows("factory", lrs, f.lrs, RELATIVE_TOLERANCE, total);
    });
  }
  console.log(
    `timm factory: ${total.exact}/${total.values} values bit-exact, max relative ${total.maxRelative}`,
  );
});
