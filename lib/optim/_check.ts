/**
 * Hyperparameter checks shared by the optimizers, with PyTorch's messages (camelCased).
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * PyTorch's learning-rate check, `Invalid learning rate: {lr}`, unless lr is a finite number
 * ≥ 0 (NaN and Infinity fail); a TypeError `lr must be a number, got lr="0.1"` for a non-number.
 */
export function checkLr(lr: unknown): void {
  check.number("lr", lr);
  if (!(lr as number >= 0) || lr === Infinity) {
    throw new RangeError(`Invalid learning rate: ${lr}`);
  }
}

/**
 * PyTorch's check of a hyperparameter that must be ≥ 0 (NaN and Infinity fail here too):
 * `Invalid {what} value: {value}`, as in `Invalid weightDecay value: -1`; a TypeError naming
 * `name` for a non-number.
 */
export function checkNonNegative(what: string, value: unknown, name: string = what): void {
  check.number(name, value);
  if (!(value as number >= 0) || value === Infinity) {
    throw new RangeError(`Invalid ${what} value: ${value}`);
  }
}
