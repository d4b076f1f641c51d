/**
 * transformers' `get_scheduler`: any of its schedules by `SchedulerType` name.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";
import type { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import { getConstantSchedule, getConstantScheduleWithWarmup } from "./constant.ts";
import {
  getCosineScheduleWithWarmup,
  getCosineWithHardRestartsScheduleWithWarmup,
} from "./cosine.ts";
import {
  getCosineWithMinLrScheduleWithWarmup,
  getCosineWithMinLrScheduleWithWarmupLrRate,
} from "./cosine_with_min_lr.ts";
import type { HfLambdaLR, HfOptimizerLike } from "./hf_lambda_lr.ts";
import { getInverseSqrtSchedule } from "./inverse_sqrt.ts";
import { getLinearScheduleWithWarmup } from "./linear.ts";
import { getPolynomialDecayScheduleWithWarmup } from "./polynomial.ts";
import { getReduceOnPlateauSchedule } from "./reduce_on_plateau.ts";
import { getWsdSchedule } from "./wsd.ts";

/** transformers' `SchedulerType` values, in its order. */
export const SCHEDULER_TYPES = [
  "linear",
  "cosine",
  "cosine_with_restarts",
  "polynomial",
  "constant",
  "constant_with_warmup",
  "inverse_sqrt",
  "reduce_lr_on_plateau",
  "cosine_with_min_lr",
  "cosine_warmup_with_min_lr",
  "warmup_stable_decay",
] as const;

/** A transformers `SchedulerType` name (`"linear"`, `"cosine"`, ...). */
export type SchedulerType = typeof SCHEDULER_TYPES[number];

/** Options of {@linkcode getScheduler}: `get_scheduler`'s keyword arguments in camelCase. */
export interface GetSchedulerOptions {
  /** Warmup steps; required by every type but `"constant"` and `"reduce_lr_on_plateau"`. */
  numWarmupSteps?: number;
  /** Training steps; required by the types that decay to an end, optional for WSD. */
  numTrainingSteps?: number;
  /** The chosen function's other options, camelCased (`{ numCycles: 3 }`, `{ minLrRate }`). */
  schedulerSpecificKwargs?: Record<string, unknown>;
}

type Build = (optimizer: HfOptimizerLike, options: never) => HfLambdaLR | ReduceLROnPlateau;

const FUNCTIONS: Record<SchedulerType, Build> = {
  linear: getLinearScheduleWithWarmup,
  cosine: getCosineScheduleWithWarmup,
  cosine_with_restarts: getCosineWithHardRestartsScheduleWithWarmup,
  polynomial: getPolynomialDecayScheduleWithWarmup,
  constant: getConstantSchedule,
  constant_with_warmup: getConstantScheduleWithWarmup,
  inverse_sqrt: getInverseSqrtSchedule,
  reduce_lr_on_plateau: getReduceOnPlateauSchedule,
  cosine_with_min_lr: getCosineWithMinLrScheduleWithWarmup,
  cosine_warmup_with_min_lr: getCosineWithMinLrScheduleWithWarmupLrRate,
  warmup_stable_decay: getWsdSchedule,
};

/**
 * Any transformers schedule from its `SchedulerType` name: transformers' `get_scheduler`, with
 * its rules. `"constant"` ignores the options; `"reduce_lr_on_plateau"` passes
 * `schedulerSpecificKwargs` to `ReduceLROnPlateau`; `"constant_with_warmup"` and
 * `"inverse_sqrt"` take only `numWarmupSteps`; `"warmup_stable_decay"` takes
 * `numWarmupSteps`, `numTrainingSteps` if given, and its own options; the others need both
 * step counts plus `schedulerSpecificKwargs`.
 *
 * @example
 * ```ts
 * import { getScheduler } from "./mod.ts";
 * const s = getScheduler("cosine_with_restarts", { paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 0,
 *   numTrainingSteps: 4,
 *   schedulerSpecificKwargs: { numCycles: 2 },
 * });
 * s.step();
 * s.step(); // the second cycle restarts at the initial lr
 * if (s.getLastLr()[0] !== 1) throw new Error(String(s.getLastLr()));
 * ```
 */
export function getScheduler(
  name: "reduce_lr_on_plateau",
  optimizer: OptimizerLike,
  options?: GetSchedulerOptions,
): ReduceLROnPlateau;
/** Every other name gives an {@linkcode HfLambdaLR} with transformers' numbers. */
export function getScheduler(
  name: Exclude<SchedulerType, "reduce_lr_on_plateau">,
  optimizer: OptimizerLike,
  options?: GetSchedulerOptions,
): HfLambdaLR;
/** A name known only at run time: either kind. */
export function getScheduler(
  name: SchedulerType,
  optimizer: OptimizerLike,
  options?: GetSchedulerOptions,
): HfLambdaLR | ReduceLROnPlateau;
export function getScheduler(
  name: SchedulerType,
  optimizer: OptimizerLike,
  options: GetSchedulerOptions = {},
): HfLambdaLR | ReduceLROnPlateau {
  if (typeof name !== "string") {
    throw new TypeError(`name must be a SchedulerType string, got name=${check.show(name)}`);
  }
  if (!SCHEDULER_TYPES.includes(name)) {
    throw new RangeError(
      `${check.show(name)} is not a valid SchedulerType, please select one of ` +
        `${SCHEDULER_TYPES.map((t) => `'${t}'`).join(", ")}`,
    );
  }
  const o = check.options<GetSchedulerOptions>("getScheduler", options, [
    "numWarmupSteps",
    "numTrainingSteps",
    "schedulerSpecificKwargs",
  ]);
  const build = FUNCTIONS[name] as (o: HfOptimizerLike, options: object) => ReturnType<Build>;
  if (name === "constant") return build(optimizer, {});
  const specific = o.schedulerSpecificKwargs === undefined ? {} : check.options<
    Record<string, unknown>
  >(
    "getScheduler",
    o.schedulerSpecificKwargs,
    Object.keys(o.schedulerSpecificKwargs ?? {}).filter((k) =>
      k !== "numWarmupSteps" && k !== "numTrainingSteps"
    ),
    { argument: "schedulerSpecificKwargs" },
  );
  if (name === "reduce_lr_on_plateau") return build(optimizer, specific);
  if (o.numWarmupSteps === undefined) {
    throw new TypeError(`${name} requires numWarmupSteps, please provide that argument`);
  }
  const numWarmupSteps = o.numWarmupSteps;
  if (name === "constant_with_warmup" || name === "inverse_sqrt") {
    return build(optimizer, { numWarmupSteps });
  }
  if (name === "warmup_stable_decay") {
    return build(optimizer, { numWarmupSteps, numTrainingSteps: o.numTrainingSteps, ...specific });
  }
  if (o.numTrainingSteps === undefined) {
    throw new TypeError(`${name} requires numTrainingSteps, please provide that argument`);
  }
  return build(optimizer, { numWarmupSteps, numTrainingSteps: o.numTrainingSteps, ...specific });
}
