/**
 * timm's scheduler factory (timm/scheduler/scheduler_factory.py): `createSchedulerV2` from
 * keyword arguments, `createScheduler` from a training config with timm's argument names
 * (through `schedulerKwargs`), each returning the scheduler and the number of epochs to train.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import { floorDiv } from "./_cycle.ts";
import { CosineLRScheduler } from "./cosine_lr.ts";
import { MultiStepLRScheduler } from "./multistep_lr.ts";
import { PlateauLRScheduler } from "./plateau_lr.ts";
import { PolyLRScheduler } from "./poly_lr.ts";
import type { NoiseRange, Scheduler, TimmOptimizerLike } from "./scheduler.ts";
import { StepLRScheduler } from "./step_lr.ts";
import { TanhLRScheduler } from "./tanh_lr.ts";

/** timm's `sched` names. */
export const TIMM_SCHEDULERS = ["cosine", "tanh", "step", "multistep", "plateau", "poly"] as const;

/** A timm `sched` name. */
export type TimmSchedulerName = typeof TIMM_SCHEDULERS[number];

/**
 * A timm training config's scheduler arguments (timm's train.py `args`, as `scheduler_kwargs`
 * reads them), camelCased: `lr_noise → lrNoise`, `sched_on_updates → schedOnUpdates`, ...
 * Defaults are `scheduler_kwargs`'s. Only these keys are accepted.
 */
export interface TimmSchedulerConfig {
  /** The scheduler: `"cosine"`, `"tanh"`, `"step"`, `"multistep"`, `"plateau"` or `"poly"`. */
  sched: TimmSchedulerName;
  /** Training epochs (default 100). */
  epochs?: number;
  /** `step`'s decay period in epochs (default 30). */
  decayEpochs?: number;
  /** `multistep`'s milestones in epochs (default [30, 60]). */
  decayMilestones?: readonly number[];
  /** Warmup epochs (default 5). */
  warmupEpochs?: number;
  /** Epochs at `minLr` after the cycles (default 0). */
  cooldownEpochs?: number;
  /** `plateau`'s patience (default 10). */
  patienceEpochs?: number;
  /** Decay factor; `poly`'s power (default 0.1). */
  decayRate?: number;
  /** The lowest lr (default 0). */
  minLr?: number;
  /** The lr the warmup starts from (default 1e-5). */
  warmupLr?: number;
  /** Warmup before the schedule instead of under it (default false). */
  warmupPrefix?: boolean;
  /** Noise range as fractions of the schedule: `f` (from `f·T` on) or `[lo, hi]` (default none). */
  lrNoise?: number | readonly number[] | null;
  /** Noise bound (default 0.67). */
  lrNoisePct?: number;
  /** Noise std, unused by timm's noise (default 1). */
  lrNoiseStd?: number;
  /** The training seed, also the noise seed (default 42). */
  seed?: number;
  /** Cycle length multiplier (default 1). */
  lrCycleMul?: number;
  /** Cycle peak decay (default 0.1). */
  lrCycleDecay?: number;
  /** Number of cycles (default 1). */
  lrCycleLimit?: number;
  /** k-decay (default 1). */
  lrKDecay?: number;
  /** The metric watched; `plateau` minimises it when the name contains "loss" (default "top1"). */
  evalMetric?: string;
  /** Step the schedule on optimizer updates instead of epochs (default false). */
  schedOnUpdates?: boolean;
}

/** Options of {@linkcode createSchedulerV2}: timm's keyword arguments in camelCase. */
export interface CreateSchedulerV2Options {
  /** The scheduler (default `"cosine"`). */
  sched?: TimmSchedulerName;
  /** Length of the schedule in epochs (default 300). */
  numEpochs?: number;
  /** `step`'s decay period in epochs (default 90). */
  decayEpochs?: number;
  /** `multistep`'s milestones in epochs (default [90, 180, 270]). */
  decayMilestones?: readonly number[];
  /** Epochs at `minLr` after the cycles, added to the returned epochs (default 0). */
  cooldownEpochs?: number;
  /** `plateau`'s patience (default 10). */
  patienceEpochs?: number;
  /** Decay factor; `poly`'s power (default 0.1). */
  decayRate?: number;
  /** The lowest lr (default 0). */
  minLr?: number;
  /** The lr the warmup starts from (default 1e-5). */
  warmupLr?: number;
  /** Warmup epochs (default 0). */
  warmupEpochs?: number;
  /** Warmup before the schedule instead of under it (default false). */
  warmupPrefix?: boolean;
  /** Noise range as fractions of `numEpochs` (default none). */
  noise?: number | readonly number[] | null;
  /** Noise bound (default 0.67). */
  noisePct?: number;
  /** Noise std, unused by timm's noise (default 1). */
  noiseStd?: number;
  /** Noise seed (default 42). */
  noiseSeed?: number;
  /** Cycle length multiplier (default 1). */
  cycleMul?: number;
  /** Cycle peak decay (default 0.1). */
  cycleDecay?: number;
  /** Number of cycles (default 1). */
  cycleLimit?: number;
  /** k-decay (default 1). */
  kDecay?: number;
  /** `plateau`'s mode (default `"max"`). */
  plateauMode?: "min" | "max";
  /** Step on epochs (default true) or, false, on updates. */
  stepOnEpochs?: boolean;
  /** Updates per epoch, required when stepping on updates (default 0). */
  updatesPerEpoch?: number;
}

/** What the factories return: timm's `(lr_scheduler, num_epochs)`. */
export interface CreatedScheduler {
  /** The scheduler. */
  scheduler: Scheduler;
  /** How many epochs to train: the cycles plus cooldown, or `numEpochs` (+ a prefix warmup). */
  numEpochs: number;
}

const NUMERIC_CONFIG_KEYS = [
  "epochs",
  "decayEpochs",
  "warmupEpochs",
  "cooldownEpochs",
  "patienceEpochs",
  "decayRate",
  "minLr",
  "warmupLr",
  "lrNoisePct",
  "lrNoiseStd",
  "seed",
  "lrCycleMul",
  "lrCycleDecay",
  "lrCycleLimit",
  "lrKDecay",
];

const CONFIG_KEYS = [
  "sched",
  "epochs",
  "decayEpochs",
  "decayMilestones",
  "warmupEpochs",
  "cooldownEpochs",
  "patienceEpochs",
  "decayRate",
  "minLr",
  "warmupLr",
  "warmupPrefix",
  "lrNoise",
  "lrNoisePct",
  "lrNoiseStd",
  "seed",
  "lrCycleMul",
  "lrCycleDecay",
  "lrCycleLimit",
  "lrKDecay",
  "evalMetric",
  "schedOnUpdates",
];

const V2_KEYS = [
  "sched",
  "numEpochs",
  "decayEpochs",
  "decayMilestones",
  "cooldownEpochs",
  "patienceEpochs",
  "decayRate",
  "minLr",
  "warmupLr",
  "warmupEpochs",
  "warmupPrefix",
  "noise",
  "noisePct",
  "noiseStd",
  "noiseSeed",
  "cycleMul",
  "cycleDecay",
  "cycleLimit",
  "kDecay",
  "plateauMode",
  "stepOnEpochs",
  "updatesPerEpoch",
];

/**
 * timm's `scheduler_kwargs(cfg, decreasing_metric)`: a training config to
 * {@linkcode createSchedulerV2}'s options. `plateauMode` is `"min"` when `decreasingMetric`
 * says so, or else when `evalMetric` contains "loss".
 *
 * @example
 * ```ts
 * import { schedulerKwargs } from "./scheduler_factory.ts";
 * const kwargs = schedulerKwargs({ sched: "plateau", evalMetric: "val_loss" });
 * if (kwargs.plateauMode !== "min" || kwargs.numEpochs !== 100) throw new Error();
 * ```
 */
export function schedulerKwargs(
  config: TimmSchedulerConfig,
  decreasingMetric?: boolean,
): CreateSchedulerV2Options {
  check.options("schedulerKwargs", config, CONFIG_KEYS, {
    argument: "config",
    nullable: ["lrNoise"],
  });
  if (config.sched !== undefined) check.oneOf("sched", config.sched, TIMM_SCHEDULERS);
  // Checked here, under the config's own names (createSchedulerV2 would name its options).
  for (const key of NUMERIC_CONFIG_KEYS) {
    const value = (config as unknown as Record<string, unknown>)[key];
    if (value !== undefined) check.finite(key, value);
  }
  const evalMetric = config.evalMetric ?? "top1";
  if (typeof evalMetric !== "string") {
    throw new TypeError(`evalMetric must be a string, got evalMetric=${check.show(evalMetric)}`);
  }
  const plateauMode = decreasingMetric !== undefined
    ? (check.boolean("decreasingMetric", decreasingMetric) ? "min" : "max")
    : (evalMetric.includes("loss") ? "min" : "max");
  return {
    sched: config.sched,
    numEpochs: config.epochs ?? 100,
    decayEpochs: config.decayEpochs ?? 30,
    decayMilestones: config.decayMilestones ?? [30, 60],
    warmupEpochs: config.warmupEpochs ?? 5,
    cooldownEpochs: config.cooldownEpochs ?? 0,
    patienceEpochs: config.patienceEpochs ?? 10,
    decayRate: config.decayRate ?? 0.1,
    minLr: config.minLr ?? 0,
    warmupLr: config.warmupLr ?? 1e-5,
    warmupPrefix: config.warmupPrefix ?? false,
    noise: config.lrNoise ?? null,
    noisePct: config.lrNoisePct ?? 0.67,
    noiseStd: config.lrNoiseStd ?? 1,
    noiseSeed: config.seed ?? 42,
    cycleMul: config.lrCycleMul ?? 1,
    cycleDecay: config.lrCycleDecay ?? 0.1,
    cycleLimit: config.lrCycleLimit ?? 1,
    kDecay: config.lrKDecay ?? 1,
    plateauMode,
    stepOnEpochs: !(config.schedOnUpdates ?? false),
  };
}

/**
 * timm's `create_scheduler(args, optimizer, updates_per_epoch)`:
 * `createSchedulerV2(optimizer, { ...schedulerKwargs(config), updatesPerEpoch })`.
 *
 * @example timm's defaults: 5 warmup epochs from 1e-5, cosine over 100 epochs
 * ```ts
 * import { createScheduler } from "./scheduler_factory.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const { scheduler, numEpochs } = createScheduler({ sched: "cosine" }, optimizer);
 * if (numEpochs !== 100 || optimizer.paramGroups[0]!.lr !== 1e-5) throw new Error();
 * scheduler.step(5);
 * if (optimizer.paramGroups[0]!.lr >= 0.1) throw new Error("the cosine runs under the warmup");
 * ```
 */
export function createScheduler(
  config: TimmSchedulerConfig,
  optimizer: TimmOptimizerLike,
  options: { updatesPerEpoch?: number } = {},
): CreatedScheduler {
  check.options("createScheduler", options, ["updatesPerEpoch"]);
  const { updatesPerEpoch = 0 } = options;
  return createSchedulerV2(optimizer, { ...schedulerKwargs(config), updatesPerEpoch });
}

function noiseRange(noise: unknown, tInitial: number): NoiseRange | null {
  if (noise === null || noise === undefined) return null;
  if (Array.isArray(noise)) {
    const range = noise.map((n, i) => check.finite(`noise[${i}]`, n) * tInitial);
    if (range.length === 1) return range[0] as number;
    if (range.length !== 2) {
      throw new RangeError(
        `noise must be a number or 1 or 2 fractions, got noise=${check.show(noise)}`,
      );
    }
    return [range[0] as number, range[1] as number];
  }
  return check.finite("noise", noise) * tInitial;
}

/**
 * timm's `create_scheduler_v2`: builds the scheduler `sched` names, converting epochs to
 * updates when `stepOnEpochs` is false, and returns it with the number of epochs to train.
 * Unlike timm, an unknown `sched` throws (timm returns no scheduler).
 *
 * @example Three cosine cycles of growing length, counted by the factory
 * ```ts
 * import { createSchedulerV2 } from "./scheduler_factory.ts";
 * const { numEpochs } = createSchedulerV2({ paramGroups: [{ lr: 0.1 }] }, {
 *   sched: "cosine", numEpochs: 10, cycleMul: 2, cycleLimit: 3, cooldownEpochs: 5,
 * });
 * if (numEpochs !== 10 + 20 + 40 + 5) throw new Error(String(numEpochs));
 * ```
 */
export function createSchedulerV2(
  optimizer: TimmOptimizerLike,
  options: CreateSchedulerV2Options = {},
): CreatedScheduler {
  checkOptimizer(optimizer);
  check.options("createSchedulerV2", options, V2_KEYS, { nullable: ["noise"] });
  const sched = check.oneOf("sched", options.sched ?? "cosine", TIMM_SCHEDULERS);
  const stepOnEpochs = check.boolean("stepOnEpochs", options.stepOnEpochs ?? true);
  const updatesPerEpoch = check.nonNegative(
    "updatesPerEpoch",
    check.integer("updatesPerEpoch", options.updatesPerEpoch ?? 0),
  );
  let numEpochs = check.nonNegative("numEpochs", options.numEpochs ?? 300);
  const warmupEpochs = check.nonNegative("warmupEpochs", options.warmupEpochs ?? 0);
  const warmupPrefix = check.boolean("warmupPrefix", options.warmupPrefix ?? false);
  let tInitial = numEpochs;
  let warmupT = warmupEpochs;
  let decayT = check.finite("decayEpochs", options.decayEpochs ?? 90);
  const milestones = options.decayMilestones ?? [90, 180, 270];
  if (!Array.isArray(milestones)) {
    throw new TypeError(
      `decayMilestones must be an array, got decayMilestones=${check.show(milestones)}`,
    );
  }
  let decayMilestones = milestones.map((d, i) => check.finite(`decayMilestones[${i}]`, d));
  let cooldownT = check.nonNegative("cooldownEpochs", options.cooldownEpochs ?? 0);
  // Options the chosen scheduler does not use are checked all the same: a bad value is a mistake.
  check.nonNegative(
    "patienceEpochs",
    check.integer("patienceEpochs", options.patienceEpochs ?? 10),
  );
  check.nonNegative("minLr", options.minLr ?? 0);
  check.nonNegative("warmupLr", options.warmupLr ?? 1e-5);
  check.nonNegative("decayRate", options.decayRate ?? 0.1);
  check.positive("kDecay", options.kDecay ?? 1);
  check.positive("cycleMul", options.cycleMul ?? 1);
  check.nonNegative("cycleDecay", options.cycleDecay ?? 0.1);
  check.nonNegative("cycleLimit", check.integer("cycleLimit", options.cycleLimit ?? 1));
  if (!stepOnEpochs) {
    if (!(updatesPerEpoch > 0)) {
      throw new RangeError(
        `updatesPerEpoch must be set to number of dataloader batches, got updatesPerEpoch=${updatesPerEpoch}`,
      );
    }
    tInitial = tInitial * updatesPerEpoch;
    warmupT = warmupT * updatesPerEpoch;
    decayT = decayT * updatesPerEpoch;
    decayMilestones = decayMilestones.map((d) => d * updatesPerEpoch);
    cooldownT = cooldownT * updatesPerEpoch;
  }
  const warmup = { warmupLrInit: options.warmupLr ?? 1e-5, warmupT, warmupPrefix };
  const noise = {
    noiseRangeT: noiseRange(options.noise, tInitial),
    noisePct: options.noisePct ?? 0.67,
    noiseStd: options.noiseStd ?? 1,
    noiseSeed: options.noiseSeed ?? 42,
  };
  const cycle = {
    cycleMul: options.cycleMul ?? 1,
    cycleDecay: options.cycleDecay ?? 0.1,
    cycleLimit: options.cycleLimit ?? 1,
  };
  const lrMin = options.minLr ?? 0;
  const decayRate = options.decayRate ?? 0.1;
  const kDecay = options.kDecay ?? 1;
  let scheduler: Scheduler;
  let cycleLength: number | undefined;
  switch (sched) {
    case "cosine": {
      const s = new CosineLRScheduler(optimizer, {
        tInitial,
        lrMin,
        tInEpochs: stepOnEpochs,
        ...cycle,
        ...warmup,
        ...noise,
        kDecay,
      });
      [scheduler, cycleLength] = [s, s.getCycleLength()];
      break;
    }
    case "tanh": {
      const s = new TanhLRScheduler(optimizer, {
        tInitial,
        lrMin,
        tInEpochs: stepOnEpochs,
        ...cycle,
        ...warmup,
        ...noise,
      });
      [scheduler, cycleLength] = [s, s.getCycleLength()];
      break;
    }
    case "step":
      scheduler = new StepLRScheduler(optimizer, {
        decayT,
        decayRate,
        tInEpochs: stepOnEpochs,
        ...warmup,
        ...noise,
      });
      break;
    case "multistep":
      scheduler = new MultiStepLRScheduler(optimizer, {
        decayT: decayMilestones,
        decayRate,
        tInEpochs: stepOnEpochs,
        ...warmup,
        ...noise,
      });
      break;
    case "plateau": {
      if (!stepOnEpochs) {
        throw new RangeError("Plateau LR only supports step per epoch, got stepOnEpochs=false");
      }
      const plateauMode = check.oneOf("plateauMode", options.plateauMode ?? "max", ["min", "max"]);
      scheduler = new PlateauLRScheduler(optimizer, {
        decayRate,
        patienceT: options.patienceEpochs ?? 10,
        cooldownT: 0,
        warmupLrInit: warmup.warmupLrInit,
        warmupT,
        lrMin,
        mode: plateauMode,
        ...noise,
      });
      break;
    }
    case "poly": {
      const s = new PolyLRScheduler(optimizer, {
        power: decayRate,
        tInitial,
        lrMin,
        tInEpochs: stepOnEpochs,
        kDecay,
        ...cycle,
        ...warmup,
        ...noise,
      });
      [scheduler, cycleLength] = [s, s.getCycleLength()];
      break;
    }
  }
  if (cycleLength !== undefined) {
    const total = cycleLength + cooldownT;
    numEpochs = stepOnEpochs ? total : floorDiv(total, updatesPerEpoch);
  } else if (warmupPrefix) {
    numEpochs += warmupEpochs;
  }
  return { scheduler, numEpochs };
}
