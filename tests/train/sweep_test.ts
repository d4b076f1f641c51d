import assert from "node:assert/strict";
import {
  firstReached,
  irisSetup,
  summarizeSweep,
  sweep,
  type SweepRun,
} from "../../lib/train/mod.ts";

Deno.test("sweep()", async (t) => {
  const configs = {
    "step decay": (seed: number) => irisSetup({ seed, iterations: 1500, stepSize: 500 }),
    "constant": (seed: number) => irisSetup({ seed, iterations: 1500, stepSize: null }),
    "diverging": (seed: number) => irisSetup({ seed, lr: 1e300, iterations: 1500 }),
  };

  await t.step("runs every configuration with every seed, in order, deterministically", () => {
    const seen: string[] = [];
    const a = sweep({ configs, seeds: [0, 1], onRun: (r) => seen.push(`${r.name}/${r.seed}`) });
    assert.deepEqual(seen, [
      "step decay/0",
      "step decay/1",
      "constant/0",
      "constant/1",
      "diverging/0",
      "diverging/1",
    ]);
    assert.deepEqual(sweep({ configs, seeds: [0, 1] }), a);
  });

  await t.step("each run's figures agree with its history and with train()", () => {
    const [run] = sweep({ configs: { a: configs["step decay"] }, seeds: [1] });
    const h = run!.history;
    assert.equal(run!.reachedAt, firstReached(h, 0.9999));
    assert.equal(run!.trainAccuracy, h.trainAccuracy.at(-1));
    assert.equal(run!.testAccuracy, h.testAccuracy.at(-1));
    assert.deepEqual(h.lr, [1e-3, 5e-4, 2.5e-4]);
    assert.equal(run!.diverged, null);
  });

  await t.step("a diverging run is recorded, not thrown", () => {
    const [run] = sweep({ configs: { d: configs.diverging }, seeds: [0] });
    assert.match(run!.diverged!, /^loss is (NaN|Infinity) at iteration 2 /);
    assert.equal(run!.reachedAt, null);
  });

  await t.step("bad options throw", () => {
    assert.throws(() => sweep({ configs: {}, seeds: [0] }), TypeError);
    assert.throws(() => sweep({ configs, seeds: [] }), {
      name: "RangeError",
      message: "seeds must be a non-empty array, got seeds=[]",
    });
    assert.throws(() => sweep({ configs: { x: 1 as never }, seeds: [0] }), TypeError);
  });
});

Deno.test("summarizeSweep() counts, medians and means per configuration", () => {
  const run = (
    name: string,
    seed: number,
    reachedAt: number | null,
    diverged = false,
  ): SweepRun => ({
    name,
    seed,
    reachedAt,
    iterations: 1000,
    loss: diverged ? NaN : 0.1,
    trainAccuracy: diverged ? NaN : 1,
    testAccuracy: diverged ? NaN : reachedAt === null ? 0.9 : 1,
    diverged: diverged ? "loss is NaN" : null,
    history: { iteration: [], loss: [], trainAccuracy: [], testAccuracy: [], lr: [] },
  });
  const s = summarizeSweep([
    run("a", 0, 3000),
    run("b", 0, null, true),
    run("a", 1, 1000),
    run("a", 2, null),
    run("a", 3, 2000),
    run("b", 1, null),
  ]);
  assert.deepEqual(s.map((x) => x.name), ["a", "b"]);
  assert.deepEqual(s[0], {
    name: "a",
    runs: 4,
    reached: 3,
    medianReachedAt: 2000,
    minReachedAt: 1000,
    maxReachedAt: 3000,
    diverged: 0,
    meanTrainAccuracy: 1,
    meanTestAccuracy: (1 + 1 + 0.9 + 1) / 4,
  });
  assert.equal(s[1]!.reached, 0);
  assert.equal(s[1]!.medianReachedAt, null);
  assert.equal(s[1]!.diverged, 1);
  assert.equal(s[1]!.meanTestAccuracy, 0.9 / 2);
});
