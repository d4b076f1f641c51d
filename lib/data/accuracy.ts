/**
 * `accuracy`: the share of examples whose predicted class equals the label.
 *
 * @module
 */

import { show } from "../_check.ts";
import type { Tensor } from "../tensor/tensor.ts";

/** Throws unless `value` is an integer ≥ 0 (a TypeError for a non-number). */
function nonNegativeInteger(name: string, value: unknown): void {
  if (typeof value !== "number") {
    throw new TypeError(`argmaxRow: ${name} must be an integer, got ${name}=${show(value)}`);
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(
      `argmaxRow: ${name} must be a non-negative integer, got ${name}=${value}`,
    );
  }
}

/** Scores `[n, classes]` (logits or probabilities) or predicted classes `[n]`. */
export type Predictions = Tensor | readonly (readonly number[])[] | ArrayLike<number>;

function isTensor(value: unknown): value is Tensor {
  return typeof value === "object" && value !== null && "shape" in value &&
    ((value as Tensor).data instanceof Float64Array ||
      (value as Tensor).data instanceof Float32Array);
}

/**
 * The index of the largest of `scores[offset … offset + classes)`, the first one on ties (as
 * PyTorch's and numpy's `argmax`); NaN never counts as the largest. Allocates nothing, so a
 * training loop can call it on a logits buffer row by row.
 *
 * @example
 * ```ts
 * import { argmaxRow } from "./mod.ts";
 * const logits = new Float64Array([0, 2, 1, 7, 7, 0]); // two rows of 3 classes
 * console.assert(argmaxRow(logits, 0, 3) === 1 && argmaxRow(logits, 3, 3) === 0);
 * ```
 */
export function argmaxRow(scores: ArrayLike<number>, offset: number, classes: number): number {
  if (
    typeof scores !== "object" || scores === null || typeof scores.length !== "number"
  ) {
    throw new TypeError(
      `argmaxRow: scores must be an array of numbers, got scores=${show(scores)}`,
    );
  }
  nonNegativeInteger("offset", offset);
  nonNegativeInteger("classes", classes);
  if (classes === 0 || offset + classes > scores.length) {
    throw new RangeError(
      `argmaxRow: the row [offset, offset + classes) must be non-empty and inside scores (length ${scores.length}), got offset=${offset}, classes=${classes}`,
    );
  }
  for (let k = offset; k < offset + classes; k++) {
    if (typeof scores[k] !== "number") {
      throw new TypeError(
        `argmaxRow: scores must hold numbers, got scores[${k}]=${show(scores[k])}`,
      );
    }
  }
  let best = 0;
  let bestValue = -Infinity;
  for (let k = 0; k < classes; k++) {
    const v = scores[offset + k]!;
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  return best;
}

/**
 * accuracy = (1/n) Σᵢ [ŷᵢ = yᵢ], where ŷᵢ = argmaxₖ scoresᵢₖ for scores `[n, classes]`
 * (a 2-D Tensor or nested arrays: logits or probabilities, ties to the first class) or
 * ŷᵢ = predictionsᵢ for 1-D predicted classes. Labels are class indices.
 *
 * @example
 * ```ts
 * import { accuracy } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const logits = tensor([[2, 1, 0], [0, 3, 1], [0, 0, 1], [5, 0, 0]]);
 * console.assert(accuracy(logits, [0, 1, 2, 2]) === 0.75);
 * console.assert(accuracy([0, 1, 2, 0], [0, 1, 2, 2]) === 0.75);
 * ```
 */
export function accuracy(predictions: Predictions, labels: ArrayLike<number>): number {
  if (typeof labels !== "object" || labels === null || typeof labels.length !== "number") {
    throw new TypeError(`labels must be an array of class indices, got labels=${show(labels)}`);
  }
  for (let i = 0; i < labels.length; i++) {
    const y: unknown = labels[i];
    if (typeof y !== "number") {
      throw new TypeError(
        `accuracy: labels[${i}] must be a class index, got labels[${i}]=${show(y)}`,
      );
    }
    if (!Number.isInteger(y) || y < 0) {
      throw new RangeError(
        `accuracy: labels[${i}] must be a non-negative integer, got labels[${i}]=${y}`,
      );
    }
  }
  const n = labels.length;
  let predicted: (i: number) => number;
  let rows: number;
  if (isTensor(predictions)) {
    if (predictions.rank === 2) {
      const classes = predictions.shape[1]!;
      rows = predictions.shape[0]!;
      predicted = (i) => argmaxRow(predictions.data, i * classes, classes);
    } else if (predictions.rank === 1) {
      rows = predictions.shape[0]!;
      predicted = (i) => predictions.data[i]!;
    } else {
      throw new RangeError(
        `accuracy: predictions must be scores [n, classes] or classes [n], got shape [${
          predictions.shape.join(", ")
        }]`,
      );
    }
  } else if (
    typeof predictions === "object" && predictions !== null &&
    typeof (predictions as ArrayLike<unknown>).length === "number"
  ) {
    rows = predictions.length;
    const first = (predictions as ArrayLike<unknown>)[0];
    if (Array.isArray(first)) {
      const scores = predictions as readonly (readonly number[])[];
      scores.forEach((row: unknown, i) => {
        if (!Array.isArray(row) || row.length !== first.length || row.length === 0) {
          throw new RangeError(
            `accuracy: predictions must be rows of ${first.length} scores (at least 1), got predictions[${i}]=${
              show(row)
            }`,
          );
        }
        row.forEach((v: unknown, k) => {
          if (typeof v !== "number") {
            throw new TypeError(
              `accuracy: scores must be numbers, got predictions[${i}][${k}]=${show(v)}`,
            );
          }
        });
      });
      predicted = (i) => argmaxRow(scores[i]!, 0, scores[i]!.length);
    } else {
      const classes = predictions as ArrayLike<unknown>;
      for (let i = 0; i < classes.length; i++) {
        const c = classes[i];
        if (typeof c !== "number" || !Number.isInteger(c)) {
          throw new TypeError(
            `accuracy: predicted classes must be integers (or give score rows), got predictions[${i}]=${
              show(c)
            }`,
          );
        }
      }
      predicted = (i) => classes[i] as number;
    }
  } else {
    throw new TypeError(
      `accuracy: predictions must be a Tensor or an array, got predictions=${show(predictions)}`,
    );
  }
  if (rows !== n) {
    throw new RangeError(`accuracy: got ${rows} predictions for ${n} labels`);
  }
  if (n === 0) {
    throw new RangeError("accuracy: got no labels (the accuracy of nothing is undefined)");
  }
  let correct = 0;
  for (let i = 0; i < n; i++) if (predicted(i) === labels[i]) correct++;
  return correct / n;
}
