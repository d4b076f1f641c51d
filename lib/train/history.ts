/**
 * The record a training run keeps: one entry per evaluation point, as plain arrays so that it
 * serialises to JSON and charts read it directly.
 *
 * @module
 */

/** What a training run records at each evaluation point (every `evalEvery` iterations). */
export interface History {
  /** The iteration count at each evaluation point (1-based: 500, 1000, ...). */
  iteration: number[];
  /** The mean training loss over the iterations since the previous evaluation point. */
  loss: number[];
  /** Accuracy on the training set at the evaluation point, in [0, 1]. */
  trainAccuracy: number[];
  /** Accuracy on the test set at the evaluation point, in [0, 1]. */
  testAccuracy: number[];
  /** The learning rate of param group 0 at the evaluation point. */
  lr: number[];
  /**
   * The epochs done at each evaluation point, `iteration / stepsPerEpoch` (a fraction between
   * epoch ends; equal to `iteration` for full-batch training). `train()` always records it.
   */
  epoch?: number[];
  /** The loss on the validation set at each evaluation point, when `data` has one. */
  valLoss?: number[];
  /** Accuracy on the validation set at each evaluation point, when `data` has one. */
  valAccuracy?: number[];
}
