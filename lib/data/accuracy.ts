/**
 * `accuracy`: the share of examples whose predicted class equals the label.
 *
 * @module
 */

import type { Tensor } from "../tensor/tensor.ts";

/** Scores `[n, classes]` (logits or probabilities) or predicted classes `[n]`. */
export type Predictions = Tensor | readonly (readonly number[])[] | ArrayLike<number>;

function isTensor(value: unknown): value is Tensor {
  return typeof value === "object" && value !== null && "shape" in value &&
    (value as Tensor).data instanceof Float64Array;
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
  if (typeof labels?.length !== "number") {
    throw new TypeError(`labels must be an array of class indices, got labels=${String(labels)}`);
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
  } else if (typeof predictions?.length === "number") {
    rows = predictions.length;
    const first = (predictions as ArrayLike<unknown>)[0];
    if (Array.isArray(first)) {
      const scores = predictions as readonly (readonly number[])[];
      predicted = (i) => argmaxRow(scores[i]!, 0, scores[i]!.length);
    } else {
      const classes = predictions as ArrayLike<number>;
      predicted = (i) => classes[i]!;
    }
  } else {
    throw new TypeError(
      `accuracy: predictions must be a Tensor or an array, got predictions=${String(predictions)}`,
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
