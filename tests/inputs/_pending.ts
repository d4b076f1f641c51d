/**
 * Exports whose bad-input cases come from other branches: cases come from the minibatch
 * branch (issue 7: lib/train by "minibatch"; lib/schedulers' cases are in schedulers_cases.ts). The
 * coordinator removes this file at merge; `api_test.ts` reads it only when it exists.
 *
 * @module
 */

/** Export name → why it has no case on this branch. */
export const PENDING: Readonly<Record<string, string>> = {
  lrRangeTest: "lib/train/lr_range_test.ts: cases come from the kerasoptax branch",
};
