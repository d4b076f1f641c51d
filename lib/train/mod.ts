/**
 * anneal/train: the training loop with history, checkpoints and divergence checks, the LR range
 * test, seed sweeps, and the seed post's Iris experiment as ready-made options.
 *
 * @module
 */
export type { History } from "./history.ts";
export {
  type Features,
  type LossFunction,
  type MetricScheduler,
  type SteppedScheduler,
  type TrainableModel,
  type TrainableOptimizer,
} from "./_types.ts";
export { DivergenceError } from "./divergence_error.ts";
export {
  type Checkpoint,
  CHECKPOINT_FORMAT,
  type CheckpointParts,
  emptyHistory,
  loadCheckpoint,
  type RunPosition,
  saveCheckpoint,
  type Smoothing,
} from "./checkpoint.ts";
export { accuracyAtLeast, firstReached } from "./stop_when.ts";
export { train, trainAsync, type TrainData, type TrainOptions, type TrainResult } from "./train.ts";
export { type IrisSetup, irisSetup, type IrisSetupOptions } from "./iris_setup.ts";
export {
  summarizeSweep,
  sweep,
  sweepAsync,
  type SweepConfig,
  type SweepOptions,
  type SweepPosition,
  type SweepRun,
  type SweepSummary,
  type SweepTask,
} from "./sweep.ts";
export {
  fastaiCurve,
  lightningSuggestion,
  type LightningSuggestionOptions,
  lrRangeTest,
  type LrRangeTestOptions,
  type LrRangeTestResult,
  type LrSuggestion,
  type LrSuggestionRule,
  type LrSuggestions,
  minimumSuggestion,
  type SlideOptions,
  slideSuggestion,
  steepSuggestion,
  valleySuggestion,
} from "./lr_range_test.ts";
export { irisRun, irisTask, type IrisTaskOptions } from "./iris_task.ts";
export {
  type LrRangeTestConfig,
  type LrRangeTestPosition,
  type LrRangeTestProgress,
  type LrRangeTestRun,
  lrRangeTests,
  type LrRangeTestsOptions,
} from "./lr_range_tests.ts";
export {
  irisRangeTestRun,
  irisRangeTestTask,
  type IrisRangeTestTaskOptions,
} from "./iris_range_task.ts";
