/**
 * Exports whose bad-input cases come from other branches: cases come from the minibatch
 * branch (issue 7: lib/train by "minibatch"; lib/schedulers' cases are in schedulers_cases.ts). The
 * coordinator removes this file at merge; `api_test.ts` reads it only when it exists.
 *
 * @module
 */

/** Export name → why it has no case on this branch. */
export const PENDING: Readonly<Record<string, string>> = {
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
