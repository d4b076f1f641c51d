/**
 * lib/random.ts: values equal d3-random's for the same seed (bit for bit), streams are
 * reproducible, and a saved state resumes the stream exactly.
 */

import assert from "node:assert/strict";
import { randomInt, randomLcg, randomNormal, randomUniform } from "d3-random";
import { shuffler } from "d3-array";
import { defaultRandom, manualSeed, Random } from "../lib/random.ts";

const SEEDS = [0, 0.5, 42, 123456789, -7, 2 ** 40];

Deno.test("Random(seed).source equals d3's randomLcg(seed) bit for bit", () => {
  for (const seed of SEEDS) {
    const ours = new Random(seed), theirs = randomLcg(seed);
    for (let i = 0; i < 1000; i++) assert.equal(ours.source(), theirs(), `seed ${seed}, draw ${i}`);
  }
});

Deno.test("uniform, normal, int and shuffle equal d3's generators on the same seed", async (t) => {
  await t.step("uniform(lo, hi) is d3's randomUniform(lo, hi)", () => {
    const ours = new Random(1), theirs = randomUniform.source(randomLcg(1))(-3, 5);
    for (let i = 0; i < 500; i++) assert.equal(ours.uniform(-3, 5), theirs());
  });
  await t.step("normal(mean, std) is d3's randomNormal(mean, std), cached pair included", () => {
    const ours = new Random(2), theirs = randomNormal.source(randomLcg(2))(1.5, 0.25);
    for (let i = 0; i < 501; i++) assert.equal(ours.normal(1.5, 0.25), theirs());
  });
  await t.step("int(n) is d3's randomInt(n)", () => {
    const ours = new Random(3), theirs = randomInt.source(randomLcg(3))(7);
    for (let i = 0; i < 500; i++) assert.equal(ours.int(7), theirs());
  });
  await t.step("shuffle is d3-array's shuffler", () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = [...a];
    new Random(4).shuffle(a);
    shuffler(randomLcg(4))(b);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, [...a].sort((p, q) => p - q));
  });
});

Deno.test("the same seed gives identical streams; different seeds differ", () => {
  const draw = (r: Random) => [r.uniform(), r.normal(), r.int(100), r.normal(0, 2)];
  const a = new Random(9), b = new Random(9), c = new Random(10);
  for (let i = 0; i < 100; i++) assert.deepEqual(draw(a), draw(b));
  assert.notDeepEqual(draw(a), draw(c));
});

Deno.test("state() and setState() resume the stream exactly, mid normal pair included", () => {
  const r = new Random(5);
  r.normal(); // leaves the second value of the pair cached
  const saved = JSON.parse(JSON.stringify(r.state()));
  assert.notEqual(saved.normalX, null);
  const expected = [r.normal(), r.uniform(), r.int(10), r.normal(), r.normal()];
  const fresh = new Random(0);
  fresh.setState(saved);
  assert.deepEqual(
    [fresh.normal(), fresh.uniform(), fresh.int(10), fresh.normal(), fresh.normal()],
    expected,
  );
});

Deno.test("setState rejects malformed states and leaves the stream unchanged", () => {
  const r = new Random(1);
  const before = r.state();
  assert.throws(() => r.setState({ lcg: 1.5, normalX: null, normalR: null }), {
    name: "RangeError",
    message: "state.lcg must be an integer, got state.lcg=1.5",
  });
  assert.throws(() => r.setState({ lcg: 2 ** 33, normalX: null, normalR: null }), RangeError);
  assert.deepEqual(r.state(), before);
});

Deno.test("Random rejects bad arguments with the argument named", () => {
  assert.throws(() => new Random(NaN), {
    name: "RangeError",
    message: "seed must be finite, got seed=NaN",
  });
  assert.throws(() => new Random(0).int(0), {
    name: "RangeError",
    message: "n must be a positive integer, got n=0",
  });
});

Deno.test("manualSeed reseeds the default stream", () => {
  manualSeed(77);
  const a = [defaultRandom().uniform(), defaultRandom().normal()];
  manualSeed(77);
  assert.deepEqual([defaultRandom().uniform(), defaultRandom().normal()], a);
});
