import assert from "node:assert/strict";
import { loadDigits, loadIris, trainTestSplit, trainValTestSplit } from "../../lib/data/mod.ts";
import { Random } from "../../lib/random.ts";

const counts = (y: number[], classes: number) =>
  Array.from({ length: classes }, (_, c) => y.filter((v) => v === c).length);

Deno.test("trainValTestSplit()", async (t) => {
  const iris = loadIris();
  const digits = loadDigits();

  await t.step("sizes: ⌈n·test⌉ test rows, ⌈n·val⌉ validation rows, the rest train", () => {
    const s = trainValTestSplit(iris, { valFraction: 0.1, testFraction: 0.2, seed: 1 });
    assert.deepEqual([s.xTrain.length, s.xVal.length, s.xTest.length], [105, 15, 30]);
    const d = trainValTestSplit(digits, { seed: 0 });
    assert.deepEqual([d.yTrain.length, d.yVal.length, d.yTest.length], [1077, 360, 360]);
  });

  for (const stratify of [false, true]) {
    await t.step(`stratify ${stratify}: the parts are disjoint and hold every row once`, () => {
      const s = trainValTestSplit(digits, { stratify, seed: 3 });
      const all = [...s.trainIndex, ...s.valIndex, ...s.testIndex].sort((a, b) => a - b);
      assert.deepEqual(all, Array.from({ length: 1797 }, (_, i) => i));
      s.trainIndex.forEach((i, k) => {
        assert.deepEqual(s.xTrain[k], digits.x[i]);
        assert.equal(s.yTrain[k], digits.y[i]);
      });
      s.valIndex.forEach((i, k) => assert.equal(s.yVal[k], digits.y[i]));
      s.testIndex.forEach((i, k) => assert.equal(s.yTest[k], digits.y[i]));
    });
  }

  await t.step("not stratified, the test part is trainTestSplit's for the same seed", () => {
    const a = trainValTestSplit(iris, { testFraction: 0.2, valFraction: 0.2, seed: 5 });
    const b = trainTestSplit(iris, { testFraction: 0.2, seed: 5 });
    assert.deepEqual(a.testIndex, b.testIndex);
  });

  await t.step("stratified: each class's share in each part is within one row of exact", () => {
    const s = trainValTestSplit(digits, {
      stratify: true,
      valFraction: 0.15,
      testFraction: 0.25,
      seed: 2,
    });
    const whole = counts(digits.y, 10);
    for (const [y, fraction] of [[s.yTest, 0.25], [s.yVal, 0.15]] as const) {
      counts(y, 10).forEach((c, k) => {
        assert.ok(Math.abs(c - whole[k]! * fraction) <= 1, `class ${k}: ${c} of ${whole[k]}`);
      });
    }
    // Iris: 50 per class, 30 test rows → exactly 10 per class.
    const i = trainValTestSplit(iris, { stratify: true, seed: 0 });
    assert.deepEqual(counts(i.yTest, 3), [10, 10, 10]);
    assert.deepEqual(counts(i.yVal, 3), [10, 10, 10]);
    assert.deepEqual(counts(i.yTrain, 3), [30, 30, 30]);
  });

  await t.step("stratified parts are shuffled: classes are mixed, not in blocks", () => {
    const s = trainValTestSplit(iris, { stratify: true, seed: 0 });
    const changes = s.yTrain.filter((v, k) => k > 0 && v !== s.yTrain[k - 1]).length;
    assert.ok(changes > 20, `${changes} class changes in 90 rows`);
  });

  await t.step("the same seed gives the same split; an rng stream advances", () => {
    const a = trainValTestSplit(digits, { stratify: true, seed: 9 });
    const b = trainValTestSplit(digits, { stratify: true, seed: 9 });
    assert.deepEqual(a.trainIndex, b.trainIndex);
    const rng = new Random(9);
    const c = trainValTestSplit(digits, { stratify: true, rng });
    assert.deepEqual(c.valIndex, a.valIndex);
    assert.notDeepEqual(rng.state(), new Random(9).state());
    const d = trainValTestSplit(digits, { stratify: true, seed: 10 });
    assert.notDeepEqual(d.trainIndex, a.trainIndex);
  });

  await t.step("rows are copies", () => {
    const s = trainValTestSplit(iris, { seed: 0 });
    s.xTrain[0]![0] = -1;
    assert.notEqual(iris.x[s.trainIndex[0]!]![0], -1);
  });

  await t.step("rejects bad options with clear errors", () => {
    const bad: [unknown, unknown, string | RegExp][] = [
      [iris, { val_fraction: 0.1 }, /unknown option val_fraction \(did you mean valFraction\?\)/],
      [iris, { testFraction: 0 }, "testFraction must be in (0, 1), got testFraction=0"],
      [iris, { valFraction: 1 }, "valFraction must be in (0, 1), got valFraction=1"],
      [iris, { valFraction: NaN }, "valFraction must be finite, got valFraction=NaN"],
      [iris, { valFraction: 0.5, testFraction: 0.5 }, /leave no training rows out of 150/],
      [iris, { stratify: "yes" }, 'stratify must be a boolean, got stratify="yes"'],
      [iris, { seed: 1, rng: new Random(1) }, "trainValTestSplit takes seed or rng, not both"],
      [iris, { seed: null }, /option seed must not be null/],
      [iris, null, /options must be an object, got options=null/],
      [{ x: [[1], [2], [3]], y: [0, 1] }, {}, /same length, got 3 rows and 2 labels/],
      [{ x: [[1], [2, 3], [3]], y: [0, 1, 0] }, {}, /rows must all have 1 features/],
      [
        { x: [[1], [NaN], [3]], y: [0, 1, 0] },
        {},
        "data.x[1][0] must be finite, got data.x[1][0]=NaN",
      ],
      [{ x: [[1], [2], [3]], y: [0, 0.5, 0] }, {}, /class indices ≥ 0, got data.y\[1\]=0.5/],
      [{ x: [[1], [2]], y: [0, 1] }, {}, /at least 3 rows/],
      [undefined, {}, /data must have arrays x and y/],
    ];
    for (const [data, options, message] of bad) {
      assert.throws(
        () => trainValTestSplit(data as never, options as never),
        (e: Error) =>
          (e instanceof TypeError || e instanceof RangeError) &&
          (typeof message === "string" ? e.message === message : message.test(e.message)),
        `${JSON.stringify(options)}`,
      );
    }
  });
});
