/**
 * timm schedulers' state: `stateDict()` is plain JSON; loading it into a fresh scheduler (and
 * the optimizer's lrs into a fresh optimizer, as `optimizer.load_state_dict` would) continues
 * every fixture case exactly as timm did; a malformed state throws and changes nothing.
 */

import assert from "node:assert/strict";
import {
  CosineLRScheduler,
  PlateauLRScheduler,
  timmNoise,
  type TimmOptimizerLike,
} from "../../lib/timm/mod.ts";
import { build, fixture, optimizerOf, replay } from "./_fixture.ts";

function copyGroups(from: TimmOptimizerLike, to: TimmOptimizerLike): void {
  from.paramGroups.forEach((g, i) => Object.assign(to.paramGroups[i]!, structuredClone(g)));
}

Deno.test("stateDict round trip: a fresh scheduler continues every timm case bit for bit", async (t) => {
  for (const c of fixture.cases) {
    await t.step(c.name, () => {
      const half = Math.floor(c.calls.length / 2);
      const optimizer = optimizerOf(c.lrs0, c.lrScales);
      const first = build(c.scheduler, optimizer, c.options);
      replay(first, optimizer, c.calls.slice(0, half));
      const saved = JSON.parse(JSON.stringify(first.stateDict()));

      const resumedOptimizer = optimizerOf(c.lrs0, c.lrScales);
      const resumed = build(c.scheduler, resumedOptimizer, c.options);
      resumed.loadStateDict(saved);
      copyGroups(optimizer, resumedOptimizer);
      assert.deepEqual(resumed.stateDict(), saved);
      const rest = replay(resumed, resumedOptimizer, c.calls.slice(half));
      rest.forEach((row, i) => {
        row.forEach((lr, g) => {
          assert.ok(Object.is(lr, c.lrs[half + i]![g]), `${c.name}, row ${half + i}, group ${g}`);
        });
      });
    });
  }
});

Deno.test("loadStateDict takes the saved options, as timm's __dict__.update does", () => {
  const a = new CosineLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 10, lrMin: 0.1 });
  const optimizer = { paramGroups: [{ lr: 1 }] };
  const b = new CosineLRScheduler(optimizer, { tInitial: 40 });
  b.loadStateDict(a.stateDict());
  assert.equal(b.config.tInitial, 10);
  b.step(10);
  assert.equal(optimizer.paramGroups[0]!.lr, 0.1);
});

Deno.test("a plateau state carries best, counters and the noise to undo", () => {
  const options = { decayRate: 0.5, patienceT: 1, noiseRangeT: 3, noiseSeed: 5 } as const;
  const optimizer = { paramGroups: [{ lr: 0.1 }] };
  const s = new PlateauLRScheduler(optimizer, options);
  [0.5, 0.6, 0.6].forEach((m, e) => s.step(e + 1, m));
  const state = JSON.parse(JSON.stringify(s.stateDict()));
  assert.equal(state.plateau.best, 0.6);
  assert.equal(state.plateau.numBadEpochs, 1);
  assert.ok(Array.isArray(state.restoreLr), "epoch 3 added noise, to be undone at epoch 4");
  const other = { paramGroups: [{ lr: 0.1 }] };
  const r = new PlateauLRScheduler(other, options);
  r.loadStateDict(state);
  other.paramGroups[0]!.lr = optimizer.paramGroups[0]!.lr;
  s.step(4, 0.6);
  r.step(4, 0.6);
  assert.equal(other.paramGroups[0]!.lr, optimizer.paramGroups[0]!.lr);
  // two bad epochs > patience 1: the undone lr 0.1 is cut to 0.05, then epoch 4's noise is added
  const noise = timmNoise(4, { noiseType: "normal", noisePct: 0.67, noiseSeed: 5 });
  assert.equal(optimizer.paramGroups[0]!.lr, 0.05 + 0.05 * noise);
});

Deno.test("a malformed state throws, names the key, and changes nothing", () => {
  const s = new CosineLRScheduler({ paramGroups: [{ lr: 1 }, { lr: 2 }] }, { tInitial: 10 });
  const before = JSON.stringify(s.stateDict());
  const good = s.stateDict();
  const bad: [Record<string, unknown>, ErrorConstructor, RegExp][] = [
    [{ ...good, tInitial: 0 }, RangeError, /state\.tInitial must be positive/],
    [{ ...good, baseValues: [1] }, RangeError, /state\.baseValues must be 2 numbers/],
    [{ ...good, warmupSteps: [1, "x"] }, RangeError, /state\.warmupSteps/],
    [{ ...good, noisePct: -1 }, RangeError, /state\.noisePct must be positive/],
    [{ ...good, cycleMull: 2 }, TypeError, /did you mean cycleMul\?/],
    [{ ...good, metric: "x" }, TypeError, /state\.metric must be a number/],
  ];
  for (const [state, kind, message] of bad) {
    // deno-lint-ignore no-explicit-any
    assert.throws(() => s.loadStateDict(state as any), (e: Error) => {
      assert.ok(e instanceof kind, `${e}`);
      assert.match(e.message, message);
      return true;
    });
    assert.equal(JSON.stringify(s.stateDict()), before);
  }
});
