import assert from "node:assert/strict";
import { IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES, loadIris } from "../../lib/data/mod.ts";

// Reference facts, written down independently of lib/data/iris.ts: R's `summary(iris)` and
// `aggregate(. ~ Species, iris, mean)` (Fisher's version, as scikit-learn's `load_iris()`).
const FISHER_MEANS = [5.843333, 3.057333, 3.758, 1.199333];
const MIN = [4.3, 2.0, 1.0, 0.1];
const MAX = [7.9, 4.4, 6.9, 2.5];
const SPECIES_SEPAL_LENGTH_MEANS = [5.006, 5.936, 6.588];

Deno.test("loadIris()", async (t) => {
  const iris = loadIris();

  await t.step("has 150 rows of 4 finite measurements and 150 labels", () => {
    assert.equal(iris.x.length, 150);
    assert.equal(iris.y.length, 150);
    for (const row of iris.x) {
      assert.equal(row.length, 4);
      assert.ok(row.every(Number.isFinite));
    }
  });

  await t.step("has 50 flowers of each species, in the classic order", () => {
    for (const label of [0, 1, 2]) {
      assert.equal(iris.y.filter((y) => y === label).length, 50);
      assert.ok(iris.y.slice(50 * label, 50 * label + 50).every((y) => y === label));
    }
    assert.deepEqual(iris.classNames, ["setosa", "versicolor", "virginica"]);
    assert.deepEqual([...IRIS_CLASS_NAMES], iris.classNames);
    assert.deepEqual([...IRIS_FEATURE_NAMES], iris.featureNames);
  });

  await t.step("column means are Fisher's 5.8433, 3.0573, 3.758, 1.1993 (to 1e-6)", () => {
    for (let j = 0; j < 4; j++) {
      const mean = iris.x.reduce((s, row) => s + row[j]!, 0) / 150;
      assert.ok(Math.abs(mean - FISHER_MEANS[j]!) < 1e-6, `column ${j}: ${mean}`);
    }
  });

  await t.step("column minima and maxima match R's summary(iris)", () => {
    for (let j = 0; j < 4; j++) {
      assert.equal(Math.min(...iris.x.map((r) => r[j]!)), MIN[j]);
      assert.equal(Math.max(...iris.x.map((r) => r[j]!)), MAX[j]);
    }
  });

  await t.step("species means of sepal length are 5.006, 5.936, 6.588 (to 1e-9)", () => {
    for (let k = 0; k < 3; k++) {
      const rows = iris.x.filter((_, i) => iris.y[i] === k);
      const mean = rows.reduce((s, r) => s + r[0]!, 0) / rows.length;
      assert.ok(Math.abs(mean - SPECIES_SEPAL_LENGTH_MEANS[k]!) < 1e-9);
    }
  });

  await t.step("rows 35 and 38 are Fisher's values, not UCI's erratum", () => {
    assert.deepEqual(iris.x[34], [4.9, 3.1, 1.5, 0.2]); // UCI: 4.9, 3.1, 1.5, 0.1
    assert.deepEqual(iris.x[37], [4.9, 3.6, 1.4, 0.1]); // UCI: 4.9, 3.1, 1.5, 0.1
    assert.deepEqual(iris.x[0], [5.1, 3.5, 1.4, 0.2]);
    assert.deepEqual(iris.x[149], [5.9, 3.0, 5.1, 1.8]);
  });

  await t.step("returns a fresh copy each call", () => {
    const a = loadIris();
    a.x[0]![0] = 100;
    a.y[0] = 2;
    a.classNames[0] = "rose";
    const b = loadIris();
    assert.equal(b.x[0]![0], 5.1);
    assert.equal(b.y[0], 0);
    assert.equal(b.classNames[0], "setosa");
  });
});
