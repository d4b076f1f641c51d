/**
 * Exports whose bad-input cases come from other branches: cases come from the sched /
 * minibatch branches (issue 7: lib/schedulers by "sched", lib/train by "minibatch"), and from
 * the owners of the exports merged into main after this suite began (spec, hf, kerasoptax,
 * timm, the LR finder's suggestions). The coordinator removes this file once they have cases;
 * `api_test.ts` reads it only when it exists.
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
  // lib/train: the minibatch branch has train_cases.ts; lrRangeTest is kerasoptax's.
  lrRangeTest: "lib/train/lr_range_test.ts: cases come from the kerasoptax branch",
  // Merged into main from other branches after this suite began: cases come from their owners.
  SPEC_VERSION: "lib/spec (spec branch): cases come from its owner",
  registerSchedule: "lib/spec (spec branch): cases come from its owner",
  registerScheduler: "lib/spec (spec branch): cases come from its owner",
  scheduleFromSpec: "lib/spec (spec branch): cases come from its owner",
  schedulerFromSpec: "lib/spec (spec branch): cases come from its owner",
  specJsonSchema: "lib/spec (spec branch): cases come from its owner",
  specTypes: "lib/spec (spec branch): cases come from its owner",
  toKeras: "lib/spec (spec branch): cases come from its owner",
  toOptax: "lib/spec (spec branch): cases come from its owner",
  toPyTorch: "lib/spec (spec branch): cases come from its owner",
  toSpec: "lib/spec (spec branch): cases come from its owner",
  hf: "lib/hf (hf branch): cases come from its owner",
  keras: "lib/keras (kerasoptax branch): cases come from its owner",
  optax: "lib/optax (kerasoptax branch): cases come from its owner",
  timm: "lib/timm (timm branch): cases come from its owner",
  SWALR: "lib/schedulers: cases come from the sched branch",
  fastaiCurve: "lib/train LR finder (minibatch branch): cases come from its owner",
  lightningSuggestion: "lib/train LR finder (minibatch branch): cases come from its owner",
  minimumSuggestion: "lib/train LR finder (minibatch branch): cases come from its owner",
  slideSuggestion: "lib/train LR finder (minibatch branch): cases come from its owner",
  steepSuggestion: "lib/train LR finder (minibatch branch): cases come from its owner",
  valleySuggestion: "lib/train LR finder (minibatch branch): cases come from its owner",
};
