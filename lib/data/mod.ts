/**
 * anneal/data: Fisher's Iris data set (embedded, with its source), a seeded train/test split,
 * and accuracy.
 *
 * @module
 */

export { type Dataset, IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES, loadIris } from "./iris.ts";
export {
  type TrainTestSplit,
  trainTestSplit,
  type TrainTestSplitOptions,
} from "./train_test_split.ts";
export { accuracy, argmaxRow, type Predictions } from "./accuracy.ts";
export { DIGITS_CSV_SHA256, loadDigits } from "./digits.ts";
export {
  type TrainValTestSplit,
  trainValTestSplit,
  type TrainValTestSplitOptions,
} from "./train_val_test_split.ts";
