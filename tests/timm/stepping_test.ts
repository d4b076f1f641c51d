/**
 * timm's stepping model, stated as properties (the numbers themselves are checked against timm
 * in fixture_test.ts): which call moves the lr, what the constructor writes, `lrScale`, the
 * noise range's bounds, and the cycle length the factory counts on.
 */

import assert from "node:assert/strict";
import {
  CosineLRScheduler,
  PlateauLRScheduler,
  PolyLRScheduler,
  StepLRScheduler,
  TanhLRScheduler,
  timmNoise,
} from "../../lib/timm/mod.ts";
import * as anneal from "../../lib/mod.ts";
import { setWarningHandler } from "../../lib/schedulers/mod.ts";

Deno.test("lib/mod.ts exports the timm namespace", () => {
  assert.equal(anneal.timm.CosineLRScheduler, CosineLRScheduler);
});

Deno.test("tInEpochs: step(epoch) moves the lr and stepUpdate does not; false: the reverse", () => {
  const onEpochs = { paramGroups: [{ lr: 1 }] };
  const a = new CosineLRScheduler(onEpochs, { tInitial: 10 });
  a.stepUpdate(5);
  assert.equal(onEpochs.paramGroups[0]!.lr, 1);
  a.step(5);
  assert.equal(onEpochs.paramGroups[0]!.lr, 0.5);
  const onUpdates = { paramGroups: [{ lr: 1 }] };
  const b = new CosineLRScheduler(onUpdates, { tInitial: 10, tInEpochs: false });
  b.step(5, 0.3);
  assert.equal(onUpdates.paramGroups[0]!.lr, 1);
  assert.equal(b.metric, 0.3, "the metric is recorded either way");
  b.stepUpdate(5);
  assert.equal(onUpdates.paramGroups[0]!.lr, 0.5);
});

Deno.test("the constructor records initialLr once (setdefault) and writes warmupLrInit", () => {
  const group = { lr: 0.3, initialLr: 0.2 };
  const s = new StepLRScheduler({ paramGroups: [group] }, {
    decayT: 10,
    warmupT: 4,
    warmupLrInit: 0.01,
  });
  assert.deepEqual(s.baseValues, [0.2], "an existing initialLr is kept, as timm's setdefault");
  assert.equal(group.lr, 0.01);
  s.step(2);
  assert.equal(group.lr, 0.01 + 2 * ((0.2 - 0.01) / 4));
  const fresh = { lr: 0.3 } as { lr: number; initialLr?: number };
  new StepLRScheduler({ paramGroups: [fresh] }, { decayT: 10 });
  assert.equal(fresh.initialLr, 0.3);
});

Deno.test("lrScale multiplies what every call writes, warmup included", () => {
  const optimizer = { paramGroups: [{ lr: 1 }, { lr: 1, lrScale: 0.25 }] };
  const s = new PolyLRScheduler(optimizer, {
    tInitial: 10,
    power: 1,
    warmupT: 2,
    warmupLrInit: 0.4,
  });
  assert.deepEqual(optimizer.paramGroups.map((g) => g.lr), [0.4, 0.1]);
  s.step(5);
  const [a, b] = optimizer.paramGroups.map((g) => g.lr) as [number, number];
  assert.equal(b, a * 0.25);
});

Deno.test("noise applies for t >= noiseRangeT, or for lo <= t < hi", () => {
  const s = new TanhLRScheduler({ paramGroups: [{ lr: 1 }] }, {
    tInitial: 10,
    noiseRangeT: [3, 6],
  });
  assert.deepEqual([2, 3, 5, 6].map((t) => s.isApplyNoise(t)), [false, true, true, false]);
  const f = new TanhLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 10, noiseRangeT: 4 });
  assert.deepEqual([3, 4, 1000].map((t) => f.isApplyNoise(t)), [false, true, true]);
  const none = new TanhLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 10 });
  assert.equal(none.isApplyNoise(5), false);
});

Deno.test("normal noise stays strictly inside ±noisePct, uniform noise inside ±noisePct", () => {
  for (let t = 0; t < 500; t++) {
    const n = timmNoise(t, { noiseType: "normal", noisePct: 0.1, noiseSeed: 42 });
    assert.ok(Math.abs(n) < 0.1, `t=${t}: ${n}`);
    const u = timmNoise(t, { noiseType: "uniform", noisePct: 0.1, noiseSeed: 42 });
    assert.ok(u >= -0.1 && u < 0.1, `t=${t}: ${u}`);
  }
});

Deno.test("getCycleLength sums the cycles: tInitial · (1 + m + ... + m^(n-1)), plus a prefix warmup", () => {
  const s = new CosineLRScheduler({ paramGroups: [{ lr: 1 }] }, {
    tInitial: 10,
    cycleMul: 2,
    cycleLimit: 3,
    warmupT: 5,
    warmupPrefix: true,
  });
  assert.equal(s.getCycleLength(), 10 + 20 + 40 + 5);
  assert.equal(s.getCycleLength(1), 10 + 5);
  const plain = new CosineLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 7, cycleLimit: 0 });
  assert.equal(plain.getCycleLength(), 7, "max(1, cycles or cycleLimit)");
});

Deno.test("timm's plateau quirk: with no warmup, step(0) writes warmupLrInit", () => {
  const optimizer = { paramGroups: [{ lr: 0.1 }] };
  const s = new PlateauLRScheduler(optimizer);
  s.step(0, 0.5);
  assert.equal(
    optimizer.paramGroups[0]!.lr,
    0,
    "timm: epoch <= warmupT (0) takes the warmup branch",
  );
  s.stepUpdate(10, 0.5);
  assert.equal(optimizer.paramGroups[0]!.lr, 0, "stepUpdate does nothing");
});

Deno.test("cosine and poly warn in timm's words when tInitial = cycleMul = cycleDecay = 1", () => {
  const message = "Cosine annealing scheduler will have no effect on the learning rate since " +
    "t_initial = t_mul = eta_mul = 1.";
  const builds = [
    () => new CosineLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 1 }),
    () => new PolyLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 1 }),
    () => new CosineLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 2 }),
    () => new CosineLRScheduler({ paramGroups: [{ lr: 1 }] }, { tInitial: 1, cycleDecay: 0.5 }),
  ];
  const seen = builds.map((make) => {
    const messages: string[] = [];
    const previous = setWarningHandler((m) => messages.push(m));
    try {
      make();
    } finally {
      setWarningHandler(previous);
    }
    return messages;
  });
  assert.deepEqual(seen, [[message], [message], [], []]);
});
