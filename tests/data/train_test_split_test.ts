import assert from "node:assert/strict";
import { randomLcg } from "d3-random";
import { loadIris, trainTestSplit } from "../../lib/data/mod.ts";
import { Random } from "../../lib/random.ts";

/** An independent Fisher–Yates shuffle (d3-array's algorithm) over d3-random's own LCG. */
function referenceOrder(n: number, seed: number): number[] {
  const random = randomLcg(seed);
  const a = Array.from({ length: n }, (_, i) => i);
  let m = n;
  while (m) {
    const i = random() * m-- | 0;
    [a[m], a[i]] = [a[i]!, a[m]!];
  }
  return a;
}

Deno.test("trainTestSplit()", async (t) => {
  const iris = loadIris();

  await t.step("splits Iris 120/30 with testFraction 0.2", () => {
    const s = trainTestSplit(iris, { testFraction: 0.2, seed: 0 });
    assert.equal(s.xTrain.length, 120);
    assert.equal(s.yTrain.length, 120);
    assert.equal(s.xTest.length, 30);
    assert.equal(s.yTest.length, 30);
  });

  await t.step("parts are disjoint and together hold every row once", () => {
    const s = trainTestSplit(iris, { seed: 7 });
    const all = [...s.trainIndex, ...s.testIndex].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: 150 }, (_, i) => i));
    assert.equal(new Set(s.trainIndex).size + new Set(s.testIndex).size, 150);
  });

  await t.step("rows and labels are the original rows at the recorded indices", () => {
    const s = trainTestSplit(iris, { seed: 3 });
    s.trainIndex.forEach((row, i) => {
      assert.deepEqual(s.xTrain[i], iris.x[row]);
      assert.equal(s.yTrain[i], iris.y[row]);
    });
    s.testIndex.forEach((row, i) => {
      assert.deepEqual(s.xTest[i], iris.x[row]);
      assert.equal(s.yTest[i], iris.y[row]);
    });
  });

  await t.step("is d3's Fisher–Yates shuffle driven by d3-random's randomLcg(seed)", () => {
    for (const seed of [0, 1, 42, 0.5]) {
      const s = trainTestSplit(iris, { seed });
      assert.deepEqual([...s.testIndex, ...s.trainIndex], referenceOrder(150, seed));
    }
  });

  await t.step("the same seed gives the same split; another seed another split", () => {
    const a = trainTestSplit(iris, { seed: 5 });
    const b = trainTestSplit(iris, { seed: 5 });
    const c = trainTestSplit(iris, { seed: 6 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.testIndex, c.testIndex);
  });

  await t.step("rng: draws from the given stream and advances it", () => {
    const rng = new Random(5);
    const a = trainTestSplit(iris, { rng });
    assert.deepEqual(a.testIndex, trainTestSplit(iris, { seed: 5 }).testIndex);
    const b = trainTestSplit(iris, { rng });
    assert.notDeepEqual(a.testIndex, b.testIndex);
  });

  await t.step("rounds the test size up, as scikit-learn", () => {
    const data = { x: Array.from({ length: 10 }, (_, i) => [i]), y: Array(10).fill(0) };
    assert.equal(trainTestSplit(data, { testFraction: 0.25 }).xTest.length, 3);
    assert.equal(trainTestSplit(data, { testFraction: 0.01 }).xTest.length, 1);
  });

  await t.step("copies rows: changing a part changes neither the data nor another split", () => {
    const s = trainTestSplit(iris, { seed: 0 });
    s.xTrain[0]![0] = -1;
    assert.ok(iris.x.every((row) => row[0] !== -1));
  });

  await t.step("bad inputs throw errors that name the argument", () => {
    assert.throws(() => trainTestSplit(iris, { testFraction: 0 }), {
      name: "RangeError",
      message: "testFraction must be in (0, 1), got testFraction=0",
    });
    assert.throws(() => trainTestSplit(iris, { testFraction: 1 }), RangeError);
    assert.throws(() => trainTestSplit(iris, { testFraction: NaN }), {
      name: "RangeError",
      message: "testFraction must be finite, got testFraction=NaN",
    });
    assert.throws(() => trainTestSplit({ x: [[1], [2]], y: [0] }), {
      name: "RangeError",
      message: "data.x and data.y must have the same length, got 2 rows and 1 labels",
    });
    assert.throws(() => trainTestSplit({ x: [], y: [] }), {
      name: "RangeError",
      message: "data must have at least 2 rows to split, got 0",
    });
    assert.throws(() => trainTestSplit({ x: [[1], [2]], y: [0, 1] }, { testFraction: 0.9 }), {
      name: "RangeError",
      message: "testFraction=0.9 leaves no training rows out of 2",
    });
    assert.throws(() => trainTestSplit(iris, { seed: 1, rng: new Random(1) }), TypeError);
    assert.throws(() => trainTestSplit(null as never), TypeError);
  });
});
