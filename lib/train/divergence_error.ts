/**
 * `DivergenceError`: what training throws when the loss stops being a finite number.
 *
 * @module
 */

/**
 * Thrown by `train()` when the loss becomes NaN or ±Infinity: the learning rate is too large
 * for this model and data. The message names the iteration, the loss and the lr, and suggests
 * a lower lr; by then the model, optimizer and scheduler have been restored to `restoredTo`,
 * the last evaluation point whose weights were finite, so no NaN weights are left behind.
 *
 * @example
 * ```ts
 * import { DivergenceError } from "./divergence_error.ts";
 * const error = new DivergenceError({ iteration: 12, loss: NaN, lr: 5, restoredTo: 0 });
 * console.assert(error.message.startsWith("loss is NaN at iteration 12 (lr=5)"));
 * console.assert(error instanceof RangeError && error.name === "DivergenceError");
 * ```
 */
export class DivergenceError extends RangeError {
  /** The 1-based iteration whose loss was not finite. */
  readonly iteration: number;
  /** The loss there: NaN, Infinity or -Infinity. */
  readonly loss: number;
  /** The lr of param group 0 at that iteration. */
  readonly lr: number;
  /** The iteration whose state the model, optimizer and scheduler were restored to. */
  readonly restoredTo: number;

  /**
   * Builds the message from the iteration, the loss and the lr there, and the iteration the
   * run was restored to; the same four values become the error's fields.
   */
  constructor(info: { iteration: number; loss: number; lr: number; restoredTo: number }) {
    super(
      `loss is ${info.loss} at iteration ${info.iteration} (lr=${info.lr}): training ` +
        `diverged, try a lower learning rate (e.g. lr=${info.lr / 10}); the model, optimizer ` +
        `and scheduler were restored to iteration ${info.restoredTo}`,
    );
    this.name = "DivergenceError";
    this.iteration = info.iteration;
    this.loss = info.loss;
    this.lr = info.lr;
    this.restoredTo = info.restoredTo;
  }
}
