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
