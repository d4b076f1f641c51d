/**
 * The options timm's schedulers share, parsed with timm's defaults and asserts: the base
 * `Scheduler`'s (`tInEpochs` and the noise), the warmup's, and the cycle schedulers' (cosine,
 * tanh, poly: `t_initial > 0`, `lr_min >= 0`), with timm's warning for a schedule that cannot
 * move; and the checks of `step`'s and `stepUpdate`'s arguments.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { warn } from "../schedulers/_warn.ts";
import type { BaseConfig, NoiseRange } from "./scheduler.ts";
import type { CycleConfig, WarmupConfig } from "./warmup_scheduler.ts";

/** The keys of {@linkcode SchedulerOptions}. */
export const SCHEDULER_KEYS: readonly string[] = [
  "tInEpochs",
  "noiseRangeT",
  "noisePct",
  "noiseStd",
  "noiseSeed",
  "initialize",
];

function parseNoiseRange(name: string, value: unknown): NoiseRange | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new RangeError(
        `${name} must be a number or a pair [lo, hi], got ${name}=${check.show(value)}`,
      );
    }
    const lo = check.finite(`${name}[0]`, value[0]);
    const hi = check.finite(`${name}[1]`, value[1]);
    if (!(lo < hi)) {
      throw new RangeError(
        `${name} must be a pair [lo, hi] with lo < hi (else noise never applies), got ${name}=${
          check.show(value)
        }`,
      );
    }
    return [lo, hi];
  }
  if (typeof value !== "number") {
    throw new TypeError(
      `${name} must be a number or a pair [lo, hi], got ${name}=${check.show(value)}`,
    );
  }
  return check.finite(name, value);
}

/** Reads the base options (or a saved state's copy of them, with `prefix` "state."). */
export function parseBase(
  o: {
    tInEpochs?: unknown;
    noiseRangeT?: unknown;
    noiseType?: unknown;
    noisePct?: unknown;
    noiseStd?: unknown;
    noiseSeed?: unknown;
  },
  prefix = "",
): BaseConfig {
  const seed = o.noiseSeed ?? 42;
  check.integer(`${prefix}noiseSeed`, seed);
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(
      `${prefix}noiseSeed must be a safe integer, got ${prefix}noiseSeed=${seed}`,
    );
  }
  return {
    tInEpochs: check.boolean(`${prefix}tInEpochs`, o.tInEpochs ?? true),
    noiseRangeT: parseNoiseRange(`${prefix}noiseRangeT`, o.noiseRangeT),
    noiseType: check.oneOf(`${prefix}noiseType`, o.noiseType ?? "normal", ["normal", "uniform"]),
    noisePct: check.positive(`${prefix}noisePct`, o.noisePct ?? 0.67),
    noiseStd: check.finite(`${prefix}noiseStd`, o.noiseStd ?? 1.0),
    noiseSeed: seed as number,
  };
}

/** The base options as JSON, for `stateDict()`. */
export function baseState(c: BaseConfig): JsonObject {
  return {
    tInEpochs: c.tInEpochs,
    noiseRangeT: c.noiseRangeT === null
      ? null
      : typeof c.noiseRangeT === "number"
      ? c.noiseRangeT
      : [...c.noiseRangeT],
    noiseType: c.noiseType,
    noisePct: c.noisePct,
    noiseStd: c.noiseStd,
    noiseSeed: c.noiseSeed,
  };
}

/** Checks `t` (an epoch or an update count) for `step` and `stepUpdate`. */
export function checkTime(name: string, t: unknown): number {
  return check.nonNegative(name, t);
}

/** Checks an optional metric: a number, or `undefined`/`null` for none. */
export function checkMetric(metric: unknown): number | null {
  if (metric === undefined || metric === null) return null;
  return check.number("metric", metric);
}

/** The warmup option keys. */
export const WARMUP_KEYS: readonly string[] = ["warmupT", "warmupLrInit", "warmupPrefix"];

/** Reads the warmup options with timm's defaults (`warmupPrefix` defaults differ by class). */
export function parseWarmup(
  o: { warmupT?: unknown; warmupLrInit?: unknown; warmupPrefix?: unknown },
  prefix: string,
  prefixDefault: boolean,
): WarmupConfig {
  return {
    warmupT: check.nonNegative(`${prefix}warmupT`, o.warmupT ?? 0),
    warmupLrInit: check.nonNegative(`${prefix}warmupLrInit`, o.warmupLrInit ?? 0),
    warmupPrefix: check.boolean(`${prefix}warmupPrefix`, o.warmupPrefix ?? prefixDefault),
  };
}

/** The cycle option keys (without the warmup and base keys). */
export const CYCLE_KEYS: readonly string[] = [
  "tInitial",
  "lrMin",
  "cycleMul",
  "cycleDecay",
  "cycleLimit",
];

/** Reads the cycle and warmup options (timm's defaults; `warmupPrefix` false). */
export function parseCycle(o: Record<string, unknown>, prefix: string): CycleConfig {
  const tInitial = check.positive(`${prefix}tInitial`, o.tInitial);
  const lrMin = check.nonNegative(`${prefix}lrMin`, o.lrMin ?? 0);
  const cycleMul = check.positive(`${prefix}cycleMul`, o.cycleMul ?? 1);
  const cycleDecay = check.nonNegative(`${prefix}cycleDecay`, o.cycleDecay ?? 1);
  const cycleLimit = check.integer(`${prefix}cycleLimit`, o.cycleLimit ?? 1);
  if (cycleLimit < 0) {
    throw new RangeError(
      `${prefix}cycleLimit must be a non-negative integer, got ${prefix}cycleLimit=${cycleLimit}`,
    );
  }
  return { tInitial, lrMin, cycleMul, cycleDecay, cycleLimit, ...parseWarmup(o, prefix, false) };
}

/**
 * timm's warning when `tInitial`, `cycleMul` and `cycleDecay` are all 1, word for word (timm's
 * cosine and poly schedulers both give it).
 */
export const STILL_WARNING = "Cosine annealing scheduler will have no effect on the learning " +
  "rate since t_initial = t_mul = eta_mul = 1.";

/** Gives {@linkcode STILL_WARNING} when the schedule cannot move. */
export function warnIfStill(c: CycleConfig): void {
  if (c.tInitial === 1 && c.cycleMul === 1 && c.cycleDecay === 1) warn(STILL_WARNING);
}
