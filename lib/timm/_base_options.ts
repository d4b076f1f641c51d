/**
 * The options every timm scheduler shares (timm's `Scheduler.__init__` keyword arguments), their
 * parsing with timm's defaults, and the checks of `step`'s and `stepUpdate`'s arguments.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { BaseConfig, NoiseRange } from "./scheduler.ts";

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
    return [check.finite(`${name}[0]`, value[0]), check.finite(`${name}[1]`, value[1])];
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
