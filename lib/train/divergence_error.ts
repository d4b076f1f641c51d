/**
 * `DivergenceError`: what training throws when the loss stops being a finite number or grows
 * far above the best loss seen.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * A learning rate to suggest after a run diverged at `lr`: a tenth of it, rounded down to
 * 1, 2 or 5 · 10^k, and at most 0.1 (so that a run that blew up at lr 1e3 or 1e300 is pointed
 * at a learning rate that trains, not at 1e299).
 *
 * @example
 * ```ts
 * import { suggestLowerLr } from "./divergence_error.ts";
 * console.assert(suggestLowerLr(5) === 0.1 && suggestLowerLr(1e300) === 0.1);
 * console.assert(suggestLowerLr(0.3) === 0.02 && suggestLowerLr(1e-3) === 1e-4);
 * ```
 */
export function suggestLowerLr(lr: number): number {
  const target = check.number("lr", lr) / 10;
  if (!(target > 0) || target >= 0.1) return 0.1;
  const power = Math.floor(Math.log10(target));
  const scale = Math.pow(10, power);
  const mantissa = (target / scale) * (1 + 1e-9); // 0.03 / 0.01 is 2.9999999999999996
  const nice = mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1;
  // 2 · 10^-3 as the shortest decimal, not 0.0020000000000000005.
  return Number((nice * scale).toPrecision(1));
}

const INFO_KEYS = ["iteration", "loss", "lr", "restoredTo", "reason", "suggestedLr"] as const;

/** What a {@linkcode DivergenceError} reports. */
export interface DivergenceInfo {
  /** The 1-based iteration whose loss diverged. */
  iteration: number;
  /** The loss there: NaN, ±Infinity, or a finite loss far above the best (see `reason`). */
  loss: number;
  /** The lr of param group 0 at that iteration. */
  lr: number;
  /** The iteration whose state the model, optimizer and scheduler were restored to. */
  restoredTo: number;
  /** Why the run counts as diverged, when the loss is finite (e.g. the smoothed-loss rule). */
  reason?: string;
  /** The lr to suggest; default {@linkcode suggestLowerLr}(lr). */
  suggestedLr?: number;
}

/**
 * Thrown by `train()` when the loss becomes NaN or ±Infinity, or when its smoothed value grows
 * above `divergeFactor` times the best smoothed loss seen: the learning rate is too large for
 * this model and data. The message names the iteration, the loss and the lr, and suggests a
 * lower lr (`suggestedLr`); by then the model, optimizer and scheduler have been restored to
 * `restoredTo`, the last evaluation point whose weights were finite, so no NaN or runaway
 * weights are left behind.
 *
 * @example
 * ```ts
 * import { DivergenceError } from "./divergence_error.ts";
 * const error = new DivergenceError({ iteration: 12, loss: NaN, lr: 5, restoredTo: 0 });
 * console.assert(error.message.startsWith("loss is NaN at iteration 12 (lr=5)"));
 * console.assert(error.suggestedLr === 0.1 && error.message.includes("(e.g. lr=0.1)"));
 * console.assert(error instanceof RangeError && error.name === "DivergenceError");
 * ```
 */
export class DivergenceError extends RangeError {
  /** The 1-based iteration whose loss diverged. */
  readonly iteration: number;
  /** The loss there: NaN, ±Infinity, or a finite loss far above the best. */
  readonly loss: number;
  /** The lr of param group 0 at that iteration. */
  readonly lr: number;
  /** The iteration whose state the model, optimizer and scheduler were restored to. */
  readonly restoredTo: number;
  /** The lower learning rate the message suggests. */
  readonly suggestedLr: number;

  /**
   * Builds the message from the iteration, the loss, the lr there, the reason (for a finite
   * loss) and the iteration the run was restored to; the values become the error's fields.
   */
  constructor(info: DivergenceInfo) {
    check.options("DivergenceError", info, INFO_KEYS, { argument: "info" });
    check.integer("iteration", info.iteration);
    check.number("loss", info.loss);
    check.nonNegative("lr", info.lr);
    check.integer("restoredTo", info.restoredTo);
    if (info.suggestedLr !== undefined) check.positive("suggestedLr", info.suggestedLr);
    if (info.reason !== undefined && typeof info.reason !== "string") {
      throw new TypeError(`reason must be a string, got reason=${check.show(info.reason)}`);
    }
    const suggestedLr = info.suggestedLr ?? suggestLowerLr(info.lr);
    super(
      `loss is ${info.loss} at iteration ${info.iteration} (lr=${info.lr}): training ` +
        `diverged${info.reason ? ` (${info.reason})` : ""}, try a lower learning rate ` +
        `(e.g. lr=${suggestedLr}); the model, optimizer and scheduler were restored to ` +
        `iteration ${info.restoredTo}`,
    );
    this.name = "DivergenceError";
    this.iteration = info.iteration;
    this.loss = info.loss;
    this.lr = info.lr;
    this.restoredTo = info.restoredTo;
    this.suggestedLr = suggestedLr;
  }
}
