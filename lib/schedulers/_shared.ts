/**
 * Helpers shared by `CyclicLR` and `OneCycleLR`: momentum cycling (`momentum` for
 * SGD-like groups, `betas[0]` for Adam-like ones, PyTorch's `use_beta1`) and finite per-group
 * numbers.
 *
 * @module
 */

import * as check from "../_check.ts";
import { perGroup } from "./lr_scheduler.ts";
import type { OptimizerLike, ParamGroup } from "./lr_scheduler.ts";
import { type Field, fieldAllows, fieldRange } from "./_field.ts";

/** PyTorch's error when `cycle_momentum` is on and the optimizer has no momentum, camelCased. */
export const NO_MOMENTUM_MESSAGE =
  "optimizer must support momentum or beta1 with `cycleMomentum` option enabled";

/**
 * PyTorch's `use_beta1`: true when every group has `betas` (Adam-like), false when every group
 * has a numeric `momentum` (SGD-like). Throws PyTorch's error otherwise. PyTorch decides from
 * `optimizer.defaults`; an optimizer-like object has only its groups, so every group must agree.
 */
export function useBeta1(optimizer: OptimizerLike): boolean {
  const groups = optimizer.paramGroups;
  if (groups.every((g) => Array.isArray(g.betas) && typeof g.betas[0] === "number")) return true;
  if (groups.every((g) => typeof g.momentum === "number")) return false;
  throw new RangeError(NO_MOMENTUM_MESSAGE);
}

/** Writes a group's momentum: `betas[0]` (keeping `betas[1]`) or `momentum`. */
export function setMomentum(group: ParamGroup, beta1: boolean, value: number): void {
  if (beta1) group.betas = [value, (group.betas as [number, number])[1]];
  else group.momentum = value;
}

/** One finite number per param group, from a scalar or a list (PyTorch's `_format_param`). */
export function finitePerGroup(
  name: string,
  optimizer: OptimizerLike,
  value: number | readonly number[],
): number[] {
  if (!Array.isArray(value)) check.finite(name, value);
  return perGroup(name, optimizer, value).map((v, i) => check.finite(`${name}[${i}]`, v));
}

/**
 * One value per param group of `name` (a scalar or a list), each allowed in `field`: finite
 * and non-negative, below 1 for momentum and betas. The message names the owner, the option
 * and the value (`CyclicLR baseLr must be finite and non-negative, got baseLr=-0.1`).
 */
export function checkFieldPerGroup(
  owner: string,
  name: string,
  optimizer: OptimizerLike,
  value: number | readonly number[],
  field: Field,
): number[] {
  const values = finitePerGroup(name, optimizer, value);
  values.forEach((v, i) => {
    if (!fieldAllows(field, v)) {
      const label = Array.isArray(value) ? `${name}[${i}]` : name;
      throw new RangeError(`${owner} ${label} must be ${fieldRange(field)}, got ${label}=${v}`);
    }
  });
  return values;
}

/** One momentum per param group, each in [0, 1) (`OneCycleLR maxMomentum must be in [0, 1), ...`). */
export function fractionPerGroup(
  owner: string,
  name: string,
  optimizer: OptimizerLike,
  value: number | readonly number[],
): number[] {
  return checkFieldPerGroup(owner, name, optimizer, value, "momentum");
}

/** Throws when the scheduler would both drive `field` and cycle the same momentum. */
export function checkMomentumField(owner: string, field: Field, beta1: boolean): void {
  if (field === (beta1 ? "beta1" : "momentum")) {
    throw new RangeError(
      `${owner} cannot cycle momentum while it drives field="${field}"; ` +
        `set cycleMomentum: false, got field="${field}", cycleMomentum=true`,
    );
  }
}
