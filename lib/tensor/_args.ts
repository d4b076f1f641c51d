/**
 * Argument checks of the public tensor functions: a value that must be a Tensor, an operand
 * that may be a Tensor or a number, an axis, and the options objects. Each message names the
 * function, the argument and the value (`mul: b must be a Tensor or a number, got b="2"`).
 *
 * @module
 */

import * as check from "../_check.ts";
import { Random } from "../random.ts";
import { Tensor } from "./tensor.ts";
import { checkDtype, type DType } from "./_storage.ts";

/** `value` as a Tensor, or a TypeError naming `op` and `name`. */
export function tensorArg(op: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${op}: ${name} must be a Tensor, got ${name}=${check.show(value)}`);
  }
  return value;
}

/** `value` as a Tensor or a number (NaN and infinities allowed), or a TypeError. */
export function operandArg(op: string, name: string, value: unknown): Tensor | number {
  if (!(value instanceof Tensor) && typeof value !== "number") {
    throw new TypeError(
      `${op}: ${name} must be a Tensor or a number, got ${name}=${check.show(value)}`,
    );
  }
  return value;
}

/** Throws a TypeError unless `axis` is a number or undefined (the range is checked later). */
export function axisArg(op: string, axis: unknown, optional: boolean): void {
  if (typeof axis === "number" || (optional && axis === undefined)) return;
  throw new TypeError(`${op}: axis must be an integer, got axis=${check.show(axis)}`);
}

/** Checks `{ requiresGrad, dtype }` (and `rng` when `random`) for `owner`; returns the options. */
export function tensorOptions<T extends { requiresGrad?: boolean; rng?: Random; dtype?: DType }>(
  owner: string,
  options: unknown,
  random = false,
): T {
  const o = check.options<T>(
    owner,
    options,
    random ? ["requiresGrad", "dtype", "rng"] : ["requiresGrad", "dtype"],
  );
  if (o.requiresGrad !== undefined) check.boolean("requiresGrad", o.requiresGrad);
  if (o.dtype !== undefined) checkDtype(o.dtype);
  if (o.rng !== undefined && !(o.rng instanceof Random)) {
    throw new TypeError(`${owner}: rng must be a Random, got rng=${check.show(o.rng)}`);
  }
  return o;
}
