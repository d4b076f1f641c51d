/**
 * Helpers shared by the `hf` functions: transformers' default lr, step-count checks, options.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { HfOptimizerLike } from "./hf_lambda_lr.ts";

/**
 * transformers' `optimizer.defaults["lr"]`: `optimizer.defaults.lr` when the optimizer has it
 * (anneal's `SGD` and `Adam` do), else the first param group's lr.
 */
export function defaultLr(optimizer: HfOptimizerLike): number {
  const lr = optimizer.defaults?.lr;
  if (lr !== undefined) return check.finite("optimizer.defaults.lr", lr);
  return check.finite("optimizer.paramGroups[0].lr", optimizer.paramGroups?.[0]?.lr);
}

/** Throws unless `value` is an integer of 0 or more (a number of steps). */
export function steps(name: string, value: unknown): number {
  check.integer(name, value);
  if ((value as number) < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${name}=${value}`);
  }
  return value as number;
}

/** The options object checked with the library's one rule, `{}` when absent. */
export function hfOptions<T extends object>(
  owner: string,
  options: unknown,
  allowed: readonly string[],
): T {
  return check.options<T>(owner, options, [...allowed, "lastEpoch"]);
}

/** The options as plain JSON, without `lastEpoch` and undefined values. */
export function saved(options: object): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(options)) {
    if (k !== "lastEpoch" && v !== undefined) out[k] = v;
  }
  return out;
}

/** transformers' warmup factor: `float(current_step) / float(max(1, num_warmup_steps))`. */
export function warmupFactor(step: number, numWarmupSteps: number): number {
  return step / Math.max(1, numWarmupSteps);
}
