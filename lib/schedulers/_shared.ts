/**
 * Helpers shared by the cyclic and composite schedulers: momentum cycling (`momentum` for
 * SGD-like groups, `betas[0]` for Adam-like ones, PyTorch's `use_beta1`), the base class's
 * argument checks run early (for schedulers that must write to the groups before `super()`),
 * and readers that validate a saved state before anything is assigned.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "./lr_scheduler.ts";
import type { Json, JsonObject, OptimizerLike, ParamGroup } from "./lr_scheduler.ts";

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

/**
 * The checks `LRScheduler`'s constructor makes, for subclasses that must write to the groups
 * before calling `super()` (as PyTorch's `CyclicLR` and `OneCycleLR` do): a bad optimizer or
 * `lastEpoch` then throws before anything changed.
 */
export function checkSchedulerArgs(optimizer: unknown, lastEpoch: number): OptimizerLike {
  const opt = checkOptimizer(optimizer);
  check.integer("lastEpoch", lastEpoch);
  if (lastEpoch < -1) {
    throw new RangeError(`lastEpoch must be -1 or more, got lastEpoch=${lastEpoch}`);
  }
  return opt;
}

/** One finite number per param group, from a scalar or a list (PyTorch's `_format_param`). */
export function finitePerGroup(
  name: string,
  optimizer: OptimizerLike,
  value: number | readonly number[],
): number[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(value)) {
    if (value.length !== n) {
      throw new RangeError(
        `${name} must have the same length as optimizer.paramGroups. ` +
          `${name} has ${value.length} values, paramGroups has ${n}.`,
      );
    }
    return value.map((v, i) => check.finite(`${name}[${i}]`, v));
  }
  return Array.from({ length: n }, () => check.finite(name, value));
}

/** Reads `state[key]` as a list of exactly `n` numbers, or throws naming the key. */
export function readNumbers(state: JsonObject, key: string, n: number): number[] {
  const list = state[key];
  if (!Array.isArray(list) || list.length !== n || list.some((v) => typeof v !== "number")) {
    throw new RangeError(
      `state.${key} must be ${n} numbers, one per param group, got state.${key}=${
        check.show(list)
      }`,
    );
  }
  return [...list] as number[];
}

/** Reads `state[key]` as a finite number, or throws naming the key. */
export function readNumber(state: JsonObject, key: string): number {
  return check.finite(`state.${key}`, state[key]);
}

/** Reads `state[key]` as one of `choices`, or throws naming the key. */
export function readChoice<T extends string>(
  state: JsonObject,
  key: string,
  choices: readonly T[],
): T {
  return check.oneOf(`state.${key}`, state[key], choices);
}

/** Reads `state[key]` as a boolean, or throws naming the key. */
export function readBoolean(state: JsonObject, key: string): boolean {
  const value: Json | undefined = state[key];
  if (typeof value !== "boolean") {
    throw new TypeError(`state.${key} must be a boolean, got state.${key}=${check.show(value)}`);
  }
  return value;
}

/** Reads `state[key]` as a string, or throws naming the key. */
export function readString(state: JsonObject, key: string): string {
  const value: Json | undefined = state[key];
  if (typeof value !== "string") {
    throw new TypeError(`state.${key} must be a string, got state.${key}=${check.show(value)}`);
  }
  return value;
}
