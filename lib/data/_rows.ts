/**
 * The check of a labelled data set's rows shared by the data functions: features a rectangular
 * array of finite numbers, labels non-negative integers, one per row.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * Throws unless `x` is an array of rows of equal length holding finite numbers and `y` an array
 * of non-negative integer labels of the same length; messages name `owner`, the element and
 * the value (`trainTestSplit: data.x[3][1] must be a finite number, got NaN`).
 */
export function checkRows(owner: string, x: unknown, y: unknown): void {
  if (!Array.isArray(x)) {
    throw new TypeError(`${owner}: data.x must be an array of rows, got data.x=${check.show(x)}`);
  }
  if (!Array.isArray(y)) {
    throw new TypeError(`${owner}: data.y must be an array of labels, got data.y=${check.show(y)}`);
  }
  if (y.length !== x.length) {
    throw new RangeError(
      `data.x and data.y must have the same length, got ${x.length} rows and ${y.length} labels`,
    );
  }
  const width = Array.isArray(x[0]) ? x[0].length : 0;
  x.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) {
      throw new TypeError(
        `${owner}: data.x[${i}] must be an array of numbers, got data.x[${i}]=${check.show(row)}`,
      );
    }
    if (row.length !== width) {
      throw new RangeError(
        `${owner}: every row of data.x must have ${width} features (as data.x[0]), got data.x[${i}] with ${row.length}`,
      );
    }
    row.forEach((v: unknown, j) => {
      if (typeof v !== "number") {
        throw new TypeError(
          `${owner}: data.x[${i}][${j}] must be a number, got data.x[${i}][${j}]=${check.show(v)}`,
        );
      }
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `${owner}: data.x[${i}][${j}] must be finite, got data.x[${i}][${j}]=${v}`,
        );
      }
    });
  });
  y.forEach((v: unknown, i) => {
    if (typeof v !== "number") {
      throw new TypeError(
        `${owner}: data.y[${i}] must be a class index, got data.y[${i}]=${check.show(v)}`,
      );
    }
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(
        `${owner}: data.y[${i}] must be a non-negative integer class index, got data.y[${i}]=${v}`,
      );
    }
  });
}
