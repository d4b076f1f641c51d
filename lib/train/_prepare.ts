/**
 * Shared by `train` and `lrRangeTest`: converting and checking the data, accuracy on a scores
 * buffer without allocating, and the lr check.
 *
 * @module
 */

import * as check from "../_check.ts";
import { argmaxRow } from "../data/accuracy.ts";
import { noGrad } from "../tensor/_graph.ts";
import { Tensor } from "../tensor/tensor.ts";
import { allocData, arena, copyData, type DType } from "../tensor/_storage.ts";
import type { Features, LossFunction, TrainableModel, TrainableOptimizer } from "./_types.ts";

/** The data as `train()` receives it. */
export interface TrainData {
  /** Training features `[n, features]`: nested arrays or a 2-D tensor. */
  xTrain: Features;
  /** Training labels, class indices. */
  yTrain: ArrayLike<number>;
  /** Test features `[m, features]`. */
  xTest: Features;
  /** Test labels. */
  yTest: ArrayLike<number>;
  /**
   * Validation features (optional; `train()` evaluates on them and drives `ReduceLROnPlateau`
   * with their loss). Give `xVal` and `yVal` together.
   */
  xVal?: Features;
  /** Validation labels. */
  yVal?: ArrayLike<number>;
}

/**
 * The dtype a model computes in: its first parameter's (float64 for a model without
 * parameters). Features are converted to it, so a float32 model trains on float32 inputs.
 */
export function modelDtype(model: TrainableModel): DType {
  if (typeof model?.parameters !== "function") return "float64";
  return model.parameters()[0]?.dtype ?? "float64";
}

/**
 * Features as a 2-D tensor `[rows, features]` of `dtype` (default float64): checked
 * (rectangular, finite, non-empty); a tensor of another dtype is converted (a copy).
 */
export function toMatrix(name: string, x: Features, dtype: DType = "float64"): Tensor {
  if (x instanceof Tensor) {
    if (x.rank !== 2) {
      throw new RangeError(
        `${name} must be 2-D [rows, features], got shape [${x.shape.join(", ")}]`,
      );
    }
    if (x.shape[0] === 0) throw new RangeError(`${name} must not be empty`);
    return x.dtype === dtype ? x.detach() : new Tensor(copyData(dtype, x.data), x.shape);
  }
  if (!Array.isArray(x)) throw new TypeError(`${name} must be an array of rows or a Tensor`);
  if (x.length === 0) throw new RangeError(`${name} must not be empty`);
  const width = x[0]?.length ?? 0;
  if (width === 0) throw new RangeError(`${name} rows must not be empty`);
  const flat = arena(() => allocData(dtype, x.length * width)); // read in place by kernels
  x.forEach((row, i) => {
    if (row?.length !== width) {
      throw new RangeError(
        `${name} rows must all have ${width} features, got ${row?.length} in row ${i}`,
      );
    }
    for (let j = 0; j < width; j++) {
      flat[i * width + j] = check.finite(`${name}[${i}][${j}]`, row[j]);
    }
  });
  return new Tensor(flat, [x.length, width]);
}

/** Labels as an Int32Array: checked (one per row, integers ≥ 0). */
export function toLabels(
  name: string,
  y: ArrayLike<number>,
  rows: number,
  xName: string,
): Int32Array {
  if (typeof y?.length !== "number") throw new TypeError(`${name} must be an array of labels`);
  if (y.length !== rows) {
    throw new RangeError(`${name} has ${y.length} labels but ${xName} has ${rows} rows`);
  }
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`${name} must hold class indices ≥ 0, got ${name}[${i}]=${v}`);
    }
    labels[i] = v;
  }
  return labels;
}

/** The data as tensors and label arrays, checked against each other and the model. */
export interface PreparedData {
  xTrain: Tensor;
  yTrain: Int32Array;
  xTest: Tensor;
  yTest: Int32Array;
  /** The validation set, or null when `data` has none. */
  xVal: Tensor | null;
  yVal: Int32Array | null;
  classes: number;
}

/** Converts and checks `data`, runs one no-grad forward to learn the class count. */
export function prepareData(
  data: TrainData,
  model: TrainableModel,
  loss: LossFunction,
): PreparedData {
  if (typeof data !== "object" || data === null) {
    throw new TypeError(
      `data must be { xTrain, yTrain, xTest, yTest }, got data=${check.show(data)}`,
    );
  }
  const dtype = modelDtype(model);
  const xTrain = toMatrix("data.xTrain", data.xTrain, dtype);
  const xTest = toMatrix("data.xTest", data.xTest, dtype);
  if (xTest.shape[1] !== xTrain.shape[1]) {
    throw new RangeError(
      `data.xTest has ${xTest.shape[1]} features per row but data.xTrain has ${xTrain.shape[1]}`,
    );
  }
  const yTrain = toLabels("data.yTrain", data.yTrain, xTrain.shape[0]!, "data.xTrain");
  const yTest = toLabels("data.yTest", data.yTest, xTest.shape[0]!, "data.xTest");
  if ((data.xVal === undefined) !== (data.yVal === undefined)) {
    throw new TypeError(
      `data.xVal and data.yVal go together, got ${
        data.xVal === undefined ? "data.yVal" : "data.xVal"
      } alone`,
    );
  }
  const xVal = data.xVal === undefined ? null : toMatrix("data.xVal", data.xVal, dtype);
  if (xVal !== null && xVal.shape[1] !== xTrain.shape[1]) {
    throw new RangeError(
      `data.xVal has ${xVal.shape[1]} features per row but data.xTrain has ${xTrain.shape[1]}`,
    );
  }
  const yVal = xVal === null
    ? null
    : toLabels("data.yVal", data.yVal!, xVal.shape[0]!, "data.xVal");
  const classes = noGrad(() => {
    const scores = model.forward(xTrain);
    if (scores.rank !== 2 || scores.shape[0] !== xTrain.shape[0]) {
      throw new RangeError(
        `model must map [rows, features] to [rows, classes], got [${scores.shape.join(", ")}]`,
      );
    }
    const value = loss.forward(scores, yTrain);
    if (value.size !== 1) {
      throw new RangeError(
        `loss must reduce to one number (reduction "mean" or "sum"), got shape [${
          value.shape.join(", ")
        }]`,
      );
    }
    return scores.shape[1]!;
  });
  for (const [name, labels] of [["data.yTest", yTest], ["data.yVal", yVal]] as const) {
    labels?.forEach((v, i) => {
      if (v >= classes) {
        throw new RangeError(
          `${name} must hold class indices in [0, ${classes - 1}], got ${name}[${i}]=${v}`,
        );
      }
    });
  }
  return { xTrain, yTrain, xTest, yTest, xVal, yVal, classes };
}

/** The share of rows of `scores` whose argmax equals the label; allocates nothing. */
export function accuracyOf(scores: Tensor, labels: Int32Array): number {
  const classes = scores.shape[1]!;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (argmaxRow(scores.data, i * classes, classes) === labels[i]) correct++;
  }
  return correct / labels.length;
}

/** Throws unless every param group's lr is a finite number ≥ 0. */
export function checkLrs(optimizer: TrainableOptimizer): void {
  optimizer.paramGroups.forEach((g, i) => {
    check.nonNegative(`optimizer.paramGroups[${i}].lr`, g.lr);
  });
}
