/**
 * Exports whose bad-input cases come from other branches: cases come from the sched /
 * minibatch branches (issue 7: lib/schedulers by "sched", lib/train by "minibatch"). The
 * coordinator removes this file at merge; `api_test.ts` reads it only when it exists.
 *
 * @module
 */

/** Export name → why it has no case on this branch. */
export const PENDING: Readonly<Record<string, string>> = {
  // lib/schedulers: cases come from the sched branch.
  ChainedScheduler: "lib/schedulers: cases come from the sched branch",
  ConstantLR: "lib/schedulers: cases come from the sched branch",
  CosineAnnealingLR: "lib/schedulers: cases come from the sched branch",
  CosineAnnealingWarmRestarts: "lib/schedulers: cases come from the sched branch",
  CyclicLR: "lib/schedulers: cases come from the sched branch",
  EPOCH_DEPRECATION_WARNING: "lib/schedulers: cases come from the sched branch",
  ExponentialLR: "lib/schedulers: cases come from the sched branch",
  GET_LR_WARNING: "lib/schedulers: cases come from the sched branch",
  LRScheduler: "lib/schedulers: cases come from the sched branch",
  LambdaLR: "lib/schedulers: cases come from the sched branch",
  LinearLR: "lib/schedulers: cases come from the sched branch",
  MultiStepLR: "lib/schedulers: cases come from the sched branch",
  MultiplicativeLR: "lib/schedulers: cases come from the sched branch",
  OneCycleLR: "lib/schedulers: cases come from the sched branch",
  PolynomialLR: "lib/schedulers: cases come from the sched branch",
  ReduceLROnPlateau: "lib/schedulers: cases come from the sched branch",
  STEP_ORDER_WARNING: "lib/schedulers: cases come from the sched branch",
  ScheduleLR: "lib/schedulers: cases come from the sched branch",
  SequentialLR: "lib/schedulers: cases come from the sched branch",
  StepLR: "lib/schedulers: cases come from the sched branch",
  checkOptimizer: "lib/schedulers: cases come from the sched branch",
  collectLrs: "lib/schedulers: cases come from the sched branch",
  perGroup: "lib/schedulers: cases come from the sched branch",
  pyFloatRepr: "lib/schedulers: cases come from the sched branch",
  pyRepr: "lib/schedulers: cases come from the sched branch",
  setWarningHandler: "lib/schedulers: cases come from the sched branch",
  // lib/train: cases come from the minibatch branch.
  CHECKPOINT_FORMAT: "lib/train: cases come from the minibatch branch",
  DivergenceError: "lib/train: cases come from the minibatch branch",
  accuracyAtLeast: "lib/train: cases come from the minibatch branch",
  emptyHistory: "lib/train: cases come from the minibatch branch",
  firstReached: "lib/train: cases come from the minibatch branch",
  irisSetup: "lib/train: cases come from the minibatch branch",
  loadCheckpoint: "lib/train: cases come from the minibatch branch",
  lrRangeTest: "lib/train: cases come from the minibatch branch",
  saveCheckpoint: "lib/train: cases come from the minibatch branch",
  summarizeSweep: "lib/train: cases come from the minibatch branch",
  sweep: "lib/train: cases come from the minibatch branch",
  sweepAsync: "lib/train: cases come from the minibatch branch",
  train: "lib/train: cases come from the minibatch branch",
  trainAsync: "lib/train: cases come from the minibatch branch",
};
