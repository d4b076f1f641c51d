/**
 * Warmup-stable-decay (WSD): warm up, hold the peak, then decay.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "./schedule.ts";
import { described } from "./_described.ts";
import { checkStep } from "./_step.ts";

/**
 * The shapes a WSD warmup or decay can take, for iterating over them (say, one curve each in a
 * comparison plot).
 *
 * @example Every decay shape ends at the end value
 * ```ts
 * import { WSD_SHAPES, warmupStableDecaySchedule } from "./warmup_stable_decay.ts";
 * for (const decayType of WSD_SHAPES) {
 *   const lr = warmupStableDecaySchedule({
 *     peakValue: 1,
 *     warmupSteps: 10,
 *     stableSteps: 70,
 *     decaySteps: 20,
 *     decayType,
 *   });
 *   if (lr(50) !== 1 || lr(100) !== 0) throw new Error(`${decayType}: ${lr(100)}`);
 * }
 * ```
 */
export const WSD_SHAPES = ["linear", "cosine", "1-sqrt"] as const;

/** A WSD warmup or decay shape: `"linear"`, `"cosine"` or `"1-sqrt"`. */
export type WsdShape = typeof WSD_SHAPES[number];

/** Options of {@linkcode warmupStableDecaySchedule}. */
export interface WarmupStableDecayScheduleOptions {
  /** The value `P` held during the stable phase. */
  peakValue: number;
  /** The length `W >= 0` of the warmup, in steps. */
  warmupSteps: number;
  /** The length `S >= 0` of the stable phase. */
  stableSteps: number;
  /** The length `D >= 0` of the decay. */
  decaySteps: number;
  /** The value `E` the decay ends at, and holds after (default 0). */
  endValue?: number;
  /** The value `I` the warmup starts from (default `endValue`, as in Hugging Face). */
  initValue?: number;
  /** The warmup's shape (default `"linear"`). */
  warmupType?: WsdShape;
  /** The decay's shape (default `"cosine"`). */
  decayType?: WsdShape;
}

/**
 * Warmup-stable-decay (Hugging Face `transformers.get_wsd_schedule`,
 * src/transformers/optimization.py; Hu et al., MiniCPM, 2024): warm up from `I` to `P` over
 * `W` steps, hold `P` for `S` steps, decay to `E` over `D` steps, then hold `E`.
 *
 * ```
 * lr(t) = I + (P - I) * up(t / max(1, W))                   if t < W
 *       = P                                                 if W <= t < W + S
 *       = E + (P - E) * down((t - W - S) / max(1, D))       if W + S <= t < W + S + D
 *       = E                                                 otherwise
 * ```
 *
 * with, for a progress `q` in [0, 1):
 *
 * | shape      | up(q)                   | down(q)                 |
 * | ---------- | ----------------------- | ----------------------- |
 * | `"linear"` | `q`                     | `1 - q`                 |
 * | `"cosine"` | `0.5 * (1 - cos(pi q))` | `0.5 * (1 + cos(pi q))` |
 * | `"1-sqrt"` | `1 - sqrt(1 - q)`       | `1 - sqrt(q)`           |
 *
 * - `I` (`initValue`), `P` (`peakValue`), `E` (`endValue`); `t`: the step;
 * - `W` (`warmupSteps`), `S` (`stableSteps`), `D` (`decaySteps`).
 *
 * Hugging Face scales the optimizer's lr by factors; its `min_lr_ratio = r` is
 * `endValue = initValue = r * P` here (its `num_cycles` is fixed at 0.5, the half cosine).
 *
 * @throws {RangeError} `decayType must be one of "linear", "cosine", "1-sqrt", got
 * decayType="exp"`; also for a negative length or a non-finite value.
 *
 * @example 10 warmup steps, 70 at the peak, 20 of 1-sqrt decay to 0
 * ```ts
 * import { warmupStableDecaySchedule } from "./warmup_stable_decay.ts";
 * const lr = warmupStableDecaySchedule({
 *   peakValue: 0.1, warmupSteps: 10, stableSteps: 70, decaySteps: 20, decayType: "1-sqrt",
 * });
 * if (lr(0) !== 0 || lr(5) !== 0.05 || lr(10) !== 0.1 || lr(79) !== 0.1) throw new Error("up");
 * if (lr(85) !== 0.05 || lr(100) !== 0) throw new Error("down: 1 - sqrt(1/4) = 1/2 at 85");
 * ```
 */
export function warmupStableDecaySchedule(options: WarmupStableDecayScheduleOptions): Schedule {
  check.options("warmupStableDecaySchedule", options, [
    "peakValue",
    "warmupSteps",
    "stableSteps",
    "decaySteps",
    "endValue",
    "initValue",
    "warmupType",
    "decayType",
  ]);
  const { peakValue, warmupSteps, stableSteps, decaySteps, endValue = 0 } = options;
  const { initValue = endValue, warmupType = "linear", decayType = "cosine" } = options;
  check.finite("peakValue", peakValue);
  check.nonNegative("warmupSteps", warmupSteps);
  check.nonNegative("stableSteps", stableSteps);
  check.nonNegative("decaySteps", decaySteps);
  check.finite("endValue", endValue);
  check.finite("initValue", initValue);
  check.oneOf("warmupType", warmupType, WSD_SHAPES);
  check.oneOf("decayType", decayType, WSD_SHAPES);
  const decayStart = warmupSteps + stableSteps;
  const schedule: Schedule = (step) => {
    const t = checkStep(step);
    if (t < warmupSteps) {
      return initValue + (peakValue - initValue) * up(warmupType, t / Math.max(1, warmupSteps));
    }
    if (t < decayStart) return peakValue;
    if (t < decayStart + decaySteps) {
      const q = (t - decayStart) / Math.max(1, decaySteps);
      return endValue + (peakValue - endValue) * down(decayType, q);
    }
    return endValue;
  };
  return described(schedule, {
    type: "warmupStableDecaySchedule",
    peakValue,
    warmupSteps,
    stableSteps,
    decaySteps,
    endValue,
    initValue,
    warmupType,
    decayType,
  });
}

/** The warmup's rise from 0 to 1 as the progress `q` goes from 0 to 1. */
function up(shape: WsdShape, q: number): number {
  if (shape === "linear") return q;
  if (shape === "cosine") return 0.5 * (1 - Math.cos(Math.PI * q));
  return 1 - Math.sqrt(1 - q);
}

/** The decay's fall from 1 to 0 as the progress `q` goes from 0 to 1. */
function down(shape: WsdShape, q: number): number {
  if (shape === "linear") return 1 - q;
  if (shape === "cosine") return 0.5 * (1 + Math.cos(Math.PI * q));
  return 1 - Math.sqrt(q);
}
