/**
 * The options timm's cycle schedulers (cosine, tanh, poly) share, with timm's defaults and
 * asserts (`t_initial > 0`, `lr_min >= 0`), and timm's warning for a schedule that cannot move.
 *
 * @module
 */

import * as check from "../_check.ts";
import { warn } from "../schedulers/_warn.ts";
import { parseWarmup, type WarmupConfig } from "./_warmup_scheduler.ts";

/** Parsed cycle options. */
export interface CycleConfig extends WarmupConfig {
  /** Length of the first cycle. */
  tInitial: number;
  /** The lr at the end of each cycle. */
  lrMin: number;
  /** Each cycle is `cycleMul` times as long as the one before (a float, > 0). */
  cycleMul: number;
  /** Each cycle's peak is `cycleDecay` times the one before. */
  cycleDecay: number;
  /** After this many cycles the lr stays at `lrMin`. */
  cycleLimit: number;
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
  const cycleDecay = check.finite(`${prefix}cycleDecay`, o.cycleDecay ?? 1);
  const cycleLimit = check.integer(`${prefix}cycleLimit`, o.cycleLimit ?? 1);
  if (cycleLimit < 0) {
    throw new RangeError(
      `${prefix}cycleLimit must be a non-negative integer, got ${prefix}cycleLimit=${cycleLimit}`,
    );
  }
  return { tInitial, lrMin, cycleMul, cycleDecay, cycleLimit, ...parseWarmup(o, prefix, false) };
}

/** timm's warning when `tInitial`, `cycleMul` and `cycleDecay` are all 1. */
export function warnIfStill(owner: string, c: CycleConfig): void {
  if (c.tInitial === 1 && c.cycleMul === 1 && c.cycleDecay === 1) {
    warn(
      `${owner}: annealing will have no effect on the learning rate since ` +
        "tInitial = cycleMul = cycleDecay = 1",
    );
  }
}
