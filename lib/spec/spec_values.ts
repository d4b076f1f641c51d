/**
 * `specValues`: the lr (and momentum) a spec gives, epoch by epoch and group by group: what the
 * designer draws, computed in Deno, Node or the page by the same code.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import { readTopLevel, scheduleFromSpec, schedulerFromSpec } from "./from_spec.ts";
import { scheduleType } from "./registry.ts";
import type { Spec } from "./spec.ts";

/** Options of {@linkcode specValues}. */
export interface SpecValuesOptions {
  /** Each param group's starting lr; default `[0.1]` (one group). */
  lrs?: number[];
  /** How many epochs, `0 … steps − 1`; default 100. */
  steps?: number;
  /** Each group's starting momentum (what `CyclicLR`/`OneCycleLR` cycle); default 0.9. */
  momentum?: number;
  /** The metric `ReduceLROnPlateau.step(metric)` receives every epoch; default 1 (a plateau). */
  metric?: number;
}

/** What {@linkcode specValues} returns: one array per param group, one value per epoch. */
export interface SpecValues {
  /** `lr[group][epoch]`. */
  lr: number[][];
  /** `momentum[group][epoch]` (the groups' momentum, changed only by cycling schedulers). */
  momentum: number[][];
}

const KEYS = ["lrs", "steps", "momentum", "metric"];

/**
 * The values a spec gives at epochs `0 … steps − 1`. A scheduler spec drives a bare optimizer
 * with one group per entry of `lrs`, read as `collectLrs` reads it (value, then `step()`; a
 * `ReduceLROnPlateau`, whatever its spec type, gets `step(metric)`). A pure-schedule spec gives
 * `schedule(t)` for one group, whatever `lrs` holds (its values are its own, not factors).
 *
 * @throws {TypeError|RangeError} what building the spec throws, or for bad options.
 *
 * @example Two groups halved every 2 epochs
 * ```ts
 * import { specValues } from "../mod.ts";
 * const { lr } = specValues({ type: "StepLR", stepSize: 2, gamma: 0.5 }, { lrs: [1, 0.1], steps: 4 });
 * if (JSON.stringify(lr) !== "[[1,1,0.5,0.5],[0.1,0.1,0.05,0.05]]") throw new Error(String(lr));
 * ```
 */
export function specValues(spec: Spec, options: SpecValuesOptions = {}): SpecValues {
  check.options("specValues", options, KEYS);
  const { lrs = [0.1], steps = 100, momentum = 0.9, metric = 1 } = options;
  if (!Array.isArray(lrs) || lrs.length === 0) {
    throw new TypeError(`lrs must be a non-empty array of numbers, got lrs=${check.show(lrs)}`);
  }
  lrs.forEach((lr, i) => check.finite(`lrs[${i}]`, lr));
  check.integer("steps", steps);
  if (steps < 0) throw new RangeError(`steps must be a non-negative integer, got steps=${steps}`);
  check.finite("momentum", momentum);
  check.finite("metric", metric);
  const body = readTopLevel(spec);
  if (scheduleType(String(body.type)) !== undefined) {
    const schedule = scheduleFromSpec(spec);
    const lr = Array.from({ length: steps }, (_v, t) => schedule(t));
    return { lr: [lr], momentum: [lr.map(() => momentum)] };
  }
  const optimizer: OptimizerLike = { paramGroups: lrs.map((lr) => ({ lr, momentum })) };
  const scheduler = schedulerFromSpec(optimizer, spec);
  // any plateau scheduler (hf's getReduceOnPlateauSchedule builds one too) steps with a metric
  const plateau = scheduler instanceof ReduceLROnPlateau;
  const lr: number[][] = lrs.map(() => []);
  const mom: number[][] = lrs.map(() => []);
  for (let epoch = 0; epoch < steps; epoch++) {
    if (epoch > 0) {
      if (plateau) (scheduler.step as (metric: number) => void)(metric);
      else scheduler.step();
    }
    scheduler.getLastLr().forEach((value, g) => lr[g]!.push(value));
    optimizer.paramGroups.forEach((group, g) => mom[g]!.push(group.momentum ?? momentum));
  }
  return { lr, momentum: mom };
}
