/**
 * Hyperparameter checks shared by the optimizers, with PyTorch's messages (camelCased).
 *
 * @module
 */

/** PyTorch's learning-rate check: `Invalid learning rate: {lr}` unless lr ≥ 0 (NaN fails). */
export function checkLr(lr: unknown): void {
  if (typeof lr !== "number" || !(lr >= 0)) throw new RangeError(`Invalid learning rate: ${lr}`);
}

/**
 * PyTorch's check of a hyperparameter that must be ≥ 0 (NaN fails):
 * `Invalid {what} value: {value}`, as in `Invalid weightDecay value: -1`.
 */
export function checkNonNegative(what: string, value: unknown): void {
  if (typeof value !== "number" || !(value >= 0)) {
    throw new RangeError(`Invalid ${what} value: ${value}`);
  }
}
