/**
 * `trainTestSplit`: a seeded shuffle of a data set's rows into a training part and a test part
 * (scikit-learn's `train_test_split` with `shuffle=True`).
 *
 * @module
 */

import * as check from "../_check.ts";
import { Random } from "../random.ts";
import type { Dataset } from "./iris.ts";
import { checkRows } from "./_rows.ts";

/** Options of {@linkcode trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** The share of rows that goes to the test part, in (0, 1). Default 0.2. */
  testFraction?: number;
  /** Seeds a fresh {@linkcode Random} for the shuffle. Give `seed` or `rng`, not both. */
  seed?: number;
  /** The stream to shuffle with (it advances); for drawing more from the same stream later. */
  rng?: Random;
}

/** The two parts of a split, in the shape `train()` takes as its `data`. */
export interface TrainTestSplit {
  /** Training features, one row per example. */
  xTrain: number[][];
  /** Training labels. */
  yTrain: number[];
  /** Test features. */
  xTest: number[][];
  /** Test labels. */
  yTest: number[];
  /** Which rows of the original data went to training, in their shuffled order. */
  trainIndex: number[];
  /** Which rows went to the test part, in their shuffled order. */
  testIndex: number[];
}

/**
 * Shuffles the row indices 0…n−1 with a seeded Fisher–Yates shuffle ({@linkcode Random.shuffle},
 * d3-array's `shuffler`), then puts the first ⌈n · testFraction⌉ shuffled rows in the test part
 * and the rest in the training part, as scikit-learn rounds `test_size`. The split is not
 * stratified. The same seed gives the same split; rows are copied, so the parts can be changed
 * freely.
 *
 * @example Iris: 120 rows to train on, 30 to test
 * ```ts
 * import { loadIris, trainTestSplit } from "./mod.ts";
 * const split = trainTestSplit(loadIris(), { testFraction: 0.2, seed: 0 });
 * if (split.xTrain.length !== 120 || split.yTest.length !== 30) throw new Error("expected 120/30");
 * const again = trainTestSplit(loadIris(), { testFraction: 0.2, seed: 0 });
 * if (again.testIndex.join() !== split.testIndex.join()) throw new Error("expected the same split");
 * ```
 */
export function trainTestSplit(
  data: Pick<Dataset, "x" | "y">,
  options: TrainTestSplitOptions = {},
): TrainTestSplit {
  if (!Array.isArray(data?.x) || !Array.isArray(data?.y)) {
    throw new TypeError(`data must have arrays x and y, got data=${check.show(data)}`);
  }
  checkRows("trainTestSplit", data.x, data.y);
  const n = data.x.length;
  if (n < 2) throw new RangeError(`data must have at least 2 rows to split, got ${n}`);
  check.options("trainTestSplit", options, ["testFraction", "seed", "rng"]);
  const testFraction = options.testFraction ?? 0.2;
  check.finite("testFraction", testFraction);
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be in (0, 1), got testFraction=${testFraction}`);
  }
  if (options.seed !== undefined && options.rng !== undefined) {
    throw new TypeError(
      `trainTestSplit takes seed or rng, not both, got seed=${check.show(options.seed)} and an rng`,
    );
  }
  if (options.rng !== undefined && !(options.rng instanceof Random)) {
    throw new TypeError(`rng must be a Random, got rng=${check.show(options.rng)}`);
  }
  const rng = options.rng ?? new Random(check.finite("seed", options.seed ?? 0));
  const nTest = Math.ceil(n * testFraction);
  if (nTest >= n) {
    throw new RangeError(
      `testFraction=${testFraction} leaves no training rows out of ${n}`,
    );
  }
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const testIndex = order.slice(0, nTest);
  const trainIndex = order.slice(nTest);
  const rows = (index: number[]) => index.map((i) => [...data.x[i]!]);
  const labels = (index: number[]) => index.map((i) => data.y[i]!);
  return {
    xTrain: rows(trainIndex),
    yTrain: labels(trainIndex),
    xTest: rows(testIndex),
    yTest: labels(testIndex),
    trainIndex,
    testIndex,
  };
}
