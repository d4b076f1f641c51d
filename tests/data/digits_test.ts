import assert from "node:assert/strict";
import { DIGITS_CSV_SHA256, loadDigits } from "../../lib/data/mod.ts";

/** The SHA-256 of scikit-learn 1.2.1's digits.csv (uncompressed), computed with sha256sum. */
const SKLEARN_CSV_SHA256 = "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8";

Deno.test("loadDigits()", async (t) => {
  const digits = loadDigits();

  await t.step("re-encoded as CSV, it hashes to scikit-learn's digits.csv", async () => {
    const csv = digits.x.map((row, i) => [...row, digits.y[i]].join(",") + "\n").join("");
    const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(csv));
    const hex = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(hex, SKLEARN_CSV_SHA256);
    assert.equal(DIGITS_CSV_SHA256, SKLEARN_CSV_SHA256);
  });

  await t.step("has 1797 rows of 64 integer pixels in 0..16", () => {
    assert.equal(digits.x.length, 1797);
    assert.equal(digits.y.length, 1797);
    for (const row of digits.x) {
      assert.equal(row.length, 64);
      assert.ok(row.every((v) => Number.isInteger(v) && v >= 0 && v <= 16));
    }
    assert.equal(Math.max(...digits.x.flat()), 16);
  });

  await t.step(
    "has scikit-learn's class counts (178, 182, 177, 183, 181, 182, 181, 179, 174, 180)",
    () => {
      const counts = Array.from({ length: 10 }, (_, c) => digits.y.filter((v) => v === c).length);
      assert.deepEqual(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
      assert.deepEqual(digits.y.slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    },
  );

  await t.step("names features pixel_<row>_<column> and classes by their digit", () => {
    assert.equal(digits.featureNames.length, 64);
    assert.equal(digits.featureNames[0], "pixel_0_0");
    assert.equal(digits.featureNames[63], "pixel_7_7");
    assert.deepEqual(digits.classNames, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  await t.step("each call returns a fresh copy", () => {
    const a = loadDigits();
    a.x[0]![0] = 99;
    a.y[0] = 9;
    const b = loadDigits();
    assert.equal(b.x[0]![0], 0);
    assert.equal(b.y[0], 0);
  });
});
