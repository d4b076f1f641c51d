/**
 * timm's `CosineLRScheduler` (timm/scheduler/cosine_lr.py): cosine decay with warmup, restarts,
 * cycle growth and decay, k-decay and noise.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import {
  CYCLE_KEYS,
  parseBase,
  parseCycle,
  SCHEDULER_KEYS,
  WARMUP_KEYS,
  warnIfStill,
} from "./_options.ts";
import { type CycleConfig, WarmupScheduler } from "./warmup_scheduler.ts";
import type { SchedulerOptions, TimmOptimizerLike } from "./scheduler.ts";
import { cycleLength, cyclePosition } from "./_cycle.ts";

/** Options of {@linkcode CosineLRScheduler}: timm's keyword arguments in camelCase. */
export interface CosineLRSchedulerOptions extends SchedulerOptions {
  /** Length of the first cycle (timm's `t_initial`), > 0. */
  tInitial: number;
  /** The lr at the end of each cycle, >= 0 (default 0). */
  lrMin?: number;
  /** Cycle length multiplier, a float > 0 (default 1). */
  cycleMul?: number;
  /** Peak multiplier per cycle (default 1). */
  cycleDecay?: number;
  /** Number of cycles, after which the lr stays at `lrMin` (default 1). */
  cycleLimit?: number;
  /** Warmup length (default 0: none). */
  warmupT?: number;
  /** The lr the warmup starts from (default 0). */
  warmupLrInit?: number;
  /** Start the cosine after the warmup (default false: the warmup covers its start). */
  warmupPrefix?: boolean;
  /** k-decay exponent: `cos(π tCurr^k / tI^k)` (default 1). */
  kDecay?: number;
}

/** The parsed options of {@linkcode CosineLRScheduler}. */
export interface CosineConfig extends CycleConfig {
  /** k-decay exponent. */
  kDecay: number;
}

const KEYS = [...CYCLE_KEYS, ...WARMUP_KEYS, "kDecay", ...SCHEDULER_KEYS];

function parse(o: Record<string, unknown>, prefix: string): CosineConfig {
  return { ...parseCycle(o, prefix), kDecay: check.positive(`${prefix}kDecay`, o.kDecay ?? 1) };
}

/**
 * timm's `CosineLRScheduler`. After the warmup, in cycle `i` (see the cycle arithmetic of
 * `cyclePosition`):
 *
 * ```
 * lr = lrMin + 0.5 · (baseLr · cycleDecay^i - lrMin) · (1 + cos(π · tCurr^k / tI^k))   if i < cycleLimit
 * lr = lrMin                                                                          otherwise
 * ```
 *
 * with Python's float operations in Python's order (the numbers are timm's, checked against
 * timm's own code in tests/timm/).
 *
 * @example Two cycles of 10 epochs, the second at half height
 * ```ts
 * import { CosineLRScheduler } from "./cosine_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new CosineLRScheduler(optimizer, { tInitial: 10, cycleLimit: 2, cycleDecay: 0.5 });
 * const lrAt = (epoch: number) => {
 *   s.step(epoch);
 *   return optimizer.paramGroups[0]!.lr;
 * };
 * if (lrAt(5) !== 0.5) throw new Error("half way down the first cycle");
 * if (lrAt(10) !== 0.5) throw new Error("restart at half height");
 * if (lrAt(20) !== 0) throw new Error("past the cycles: lrMin");
 * ```
 */
export class CosineLRScheduler extends WarmupScheduler<CosineConfig> {
  /** Checks every option, then writes the initial lrs (timm's constructor). */
  constructor(optimizer: TimmOptimizerLike, options: CosineLRSchedulerOptions) {
    checkOptimizer(optimizer);
    check.options("CosineLRScheduler", options, KEYS, { nullable: ["noiseRangeT", "noiseSeed"] });
    const o = options as unknown as Record<string, unknown>;
    const config = parse(o, "");
    const base = parseBase(o);
    const initialize = check.boolean("initialize", options.initialize ?? true);
    warnIfStill(config);
    super(optimizer, config, base, initialize);
  }

  /** The cosine of cycle `i` at decay time `t`. */
  protected decayLr(t: number): number[] {
    const c = this.parsed;
    const { i, tI, tCurr } = cyclePosition(t, c.tInitial, c.cycleMul);
    if (!(i < c.cycleLimit)) return this.baseValues.map(() => c.lrMin);
    const gamma = c.cycleDecay ** i;
    const k = c.kDecay;
    return this.baseValues.map((v) => {
      const lrMax = v * gamma;
      return c.lrMin + 0.5 * (lrMax - c.lrMin) * (1 + Math.cos(Math.PI * tCurr ** k / tI ** k));
    });
  }

  /** timm's `get_cycle_length(cycles)`: the length of the cycles (plus a prefix warmup). */
  getCycleLength(cycles = 0): number {
    return cycleLength(this.parsed, this.parsed.warmupPrefix, cycles);
  }

  /** Reads the options back from a saved state. */
  protected parseConfig(state: Record<string, unknown>, prefix: string): CosineConfig {
    return parse(state, prefix);
  }
}
