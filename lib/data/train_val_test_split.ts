/**
 * `trainValTestSplit`: a seeded shuffle of a data set's rows into training, validation and test
 * parts, optionally stratified by class.
 *
 * @module
 */

import * as check from "../_check.ts";
import { Random } from "../random.ts";
import type { Dataset } from "./iris.ts";

/** Options of {@linkcode trainValTestSplit}. */
export interface TrainValTestSplitOptions {
  /** The share of rows that goes to the validation part. Default 0.2. */
  valFraction?: number;
  /** The share of rows that goes to the test part. Default 0.2. */
  testFraction?: number;
  /**
   * Keep each class's share the same in every part (as scikit-learn's `stratify=y`): each
   * class is split on its own, then each part is shuffled. Default false.
   */
  stratify?: boolean;
  /** Seeds a fresh {@linkcode Random} for the shuffles. Give `seed` or `rng`, not both. */
  seed?: number;
  /** The stream to shuffle with (it advances). */
  rng?: Random;
}

/** The three parts of a split; `train()` takes it as its `data` (validation included). */
export interface TrainValTestSplit {
  /** Training features, one row per example. */
  xTrain: number[][];
  /** Training labels. */
  yTrain: number[];
  /** Validation features. */
  xVal: number[][];
  /** Validation labels. */
  yVal: number[];
  /** Test features. */
  xTest: number[][];
  /** Test labels. */
  yTest: number[];
  /** Which rows of the original data went to training, in their order there. */
  trainIndex: number[];
  /** Which rows went to validation, in their order there. */
  valIndex: number[];
  /** Which rows went to the test part, in their order there. */
  testIndex: number[];
}

const KEYS = ["valFraction", "testFraction", "stratify", "seed", "rng"] as const;

/** Part sizes ⌈n·test⌉ and ⌈n·val⌉ (scikit-learn's rounding of a fractional size). */
function sizes(n: number, valFraction: number, testFraction: number): [number, number] {
  const nTest = Math.ceil(n * testFraction);
  const nVal = Math.ceil(n * valFraction);
  if (nTest + nVal >= n) {
    throw new RangeError(
      `valFraction=${valFraction} and testFraction=${testFraction} leave no training rows out of ${n}`,
    );
  }
  return [nVal, nTest];
}

/**
 * How many rows of each class go to a part of `total` rows: each class gets its share of
 * `total` rounded down, and the rows left over go to the classes with the largest remainders
 * (ties to the larger class, then the smaller label), never more than a class has left.
 */
function allocate(counts: number[], left: number[], total: number): number[] {
  const n = counts.reduce((s, c) => s + c, 0);
  const exact = counts.map((c) => (c * total) / n);
  const take = exact.map((e, k) => Math.min(Math.floor(e), left[k]!));
  let missing = total - take.reduce((s, t) => s + t, 0);
  const order = counts.map((_, k) => k).sort((a, b) =>
    (exact[b]! - Math.floor(exact[b]!)) - (exact[a]! - Math.floor(exact[a]!)) ||
    counts[b]! - counts[a]! || a - b
  );
  while (missing > 0) {
    let gave = false;
    for (const k of order) {
      if (missing > 0 && take[k]! < left[k]!) {
        take[k]!++;
        missing--;
        gave = true;
      }
    }
    if (!gave) break;
  }
  return take;
}

/**
 * Splits `data` into training, validation and test parts. The test part gets ⌈n · testFraction⌉
 * rows and the validation part ⌈n · valFraction⌉; the rest train.
 *
 * - Not stratified: the row indices 0…n−1 are shuffled once (Fisher–Yates,
 *   {@linkcode Random.shuffle}); the first rows go to the test part, the next to validation,
 *   the rest to training (the test part equals `trainTestSplit`'s for the same seed and
 *   testFraction).
 * - Stratified: each class's rows (classes in increasing label order) are shuffled on their
 *   own; each class gives the test part, then the validation part, its share of rows (rounded
 *   down, the rows left over going to the largest remainders), then each part is shuffled so
 *   that its classes are mixed. Every class with at least 3 rows appears in every part when the
 *   fractions allow it.
 *
 * The same seed gives the same split; rows are copied.
 *
 * @example Digits: 60/20/20 with every class in every part
 * ```ts
 * import { loadDigits, trainValTestSplit } from "./mod.ts";
 * const s = trainValTestSplit(loadDigits(), { valFraction: 0.2, testFraction: 0.2, stratify: true, seed: 0 });
 * console.assert(s.xTest.length === 360 && s.xVal.length === 360 && s.xTrain.length === 1077);
 * console.assert(new Set(s.yVal).size === 10);
 * ```
 */
export function trainValTestSplit(
  data: Pick<Dataset, "x" | "y">,
  options: TrainValTestSplitOptions = {},
): TrainValTestSplit {
  check.options("trainValTestSplit", options, KEYS);
  if (!Array.isArray(data?.x) || !Array.isArray(data?.y)) {
    throw new TypeError(`data must have arrays x and y, got data=${check.show(data)}`);
  }
  const n = data.x.length;
  if (data.y.length !== n) {
    throw new RangeError(
      `data.x and data.y must have the same length, got ${n} rows and ${data.y.length} labels`,
    );
  }
  if (n < 3) throw new RangeError(`data must have at least 3 rows to split in three, got ${n}`);
  const width = Array.isArray(data.x[0]) ? data.x[0].length : -1;
  data.x.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width || width === 0) {
      throw new RangeError(
        `data.x rows must all have ${width} features, got data.x[${i}]=${check.show(row)}`,
      );
    }
    row.forEach((v, j) => check.finite(`data.x[${i}][${j}]`, v));
  });
  data.y.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`data.y must hold class indices ≥ 0, got data.y[${i}]=${check.show(v)}`);
    }
  });
  const fraction = (name: string, value: unknown) => {
    const v = check.finite(name, value);
    if (!(v > 0 && v < 1)) throw new RangeError(`${name} must be in (0, 1), got ${name}=${v}`);
    return v;
  };
  const valFraction = fraction("valFraction", options.valFraction ?? 0.2);
  const testFraction = fraction("testFraction", options.testFraction ?? 0.2);
  const stratify = check.boolean("stratify", options.stratify ?? false);
  if (options.seed !== undefined && options.rng !== undefined) {
    throw new TypeError("trainValTestSplit takes seed or rng, not both");
  }
  if (options.rng !== undefined && !(options.rng instanceof Random)) {
    throw new TypeError(`rng must be a Random, got rng=${check.show(options.rng)}`);
  }
  const seed = options.seed === undefined ? 0 : check.finite("seed", options.seed);
  const [nVal, nTest] = sizes(n, valFraction, testFraction);
  const rng = options.rng ?? new Random(seed);

  let testIndex: number[], valIndex: number[], trainIndex: number[];
  if (!stratify) {
    const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    testIndex = order.slice(0, nTest);
    valIndex = order.slice(nTest, nTest + nVal);
    trainIndex = order.slice(nTest + nVal);
  } else {
    const labels = [...new Set(data.y)].sort((a, b) => a - b);
    const byClass = labels.map((c) => rng.shuffle(data.y.flatMap((v, i) => v === c ? [i] : [])));
    const counts = byClass.map((rows) => rows.length);
    const testTake = allocate(counts, counts, nTest);
    const valTake = allocate(counts, counts.map((c, k) => c - testTake[k]!), nVal);
    testIndex = rng.shuffle(byClass.flatMap((rows, k) => rows.slice(0, testTake[k]!)));
    valIndex = rng.shuffle(
      byClass.flatMap((rows, k) => rows.slice(testTake[k]!, testTake[k]! + valTake[k]!)),
    );
    trainIndex = rng.shuffle(
      byClass.flatMap((rows, k) => rows.slice(testTake[k]! + valTake[k]!)),
    );
  }
  const rows = (index: number[]) => index.map((i) => [...data.x[i]!]);
  const labelsOf = (index: number[]) => index.map((i) => data.y[i]!);
  return {
    xTrain: rows(trainIndex),
    yTrain: labelsOf(trainIndex),
    xVal: rows(valIndex),
    yVal: labelsOf(valIndex),
    xTest: rows(testIndex),
    yTest: labelsOf(testIndex),
    trainIndex,
    valIndex,
    testIndex,
  };
}
