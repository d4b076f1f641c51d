/**
 * timm's `PolyLRScheduler` (timm/scheduler/poly_lr.py): polynomial decay with warmup,
 * restarts, k-decay and noise.
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

/** Options of {@linkcode PolyLRScheduler}: timm's keyword arguments in camelCase. */
export interface PolyLRSchedulerOptions extends SchedulerOptions {
  /** Length of the first cycle (timm's `t_initial`), > 0. */
  tInitial: number;
  /** Exponent of the decay (default 0.5). */
  power?: number;
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
  /** Start the decay after the warmup (default false). */
  warmupPrefix?: boolean;
  /** k-decay exponent: `(1 - tCurr^k / tI^k)^power` (default 1). */
  kDecay?: number;
}

/** The parsed options of {@linkcode PolyLRScheduler}. */
export interface PolyConfig extends CycleConfig {
  /** Exponent of the decay. */
  power: number;
  /** k-decay exponent. */
  kDecay: number;
}

const KEYS = ["power", ...CYCLE_KEYS, ...WARMUP_KEYS, "kDecay", ...SCHEDULER_KEYS];

function parse(o: Record<string, unknown>, prefix: string): PolyConfig {
  return {
    ...parseCycle(o, prefix),
    power: check.finite(`${prefix}power`, o.power ?? 0.5),
    kDecay: check.positive(`${prefix}kDecay`, o.kDecay ?? 1),
  };
}

/**
 * timm's `PolyLRScheduler`. After the warmup, in cycle `i`:
 *
 * ```
 * lr = lrMin + (baseLr · cycleDecay^i - lrMin) · (1 - tCurr^k / tI^k)^power   if i < cycleLimit
 * lr = lrMin                                                                 otherwise
 * ```
 *
 * @example Linear decay (power 1) over 10 epochs
 * ```ts
 * import { PolyLRScheduler } from "./poly_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new PolyLRScheduler(optimizer, { tInitial: 10, power: 1 });
 * s.step(5);
 * if (optimizer.paramGroups[0]!.lr !== 0.5) throw new Error(String(optimizer.paramGroups[0]!.lr));
 * ```
 */
export class PolyLRScheduler extends WarmupScheduler<PolyConfig> {
  /** Checks every option, then writes the initial lrs (timm's constructor). */
  constructor(optimizer: TimmOptimizerLike, options: PolyLRSchedulerOptions) {
    checkOptimizer(optimizer);
    check.options("PolyLRScheduler", options, KEYS, { nullable: ["noiseRangeT", "noiseSeed"] });
    const o = options as unknown as Record<string, unknown>;
    const config = parse(o, "");
    const base = parseBase(o);
    const initialize = check.boolean("initialize", options.initialize ?? true);
    warnIfStill(config);
    super(optimizer, config, base, initialize);
  }

  /** The polynomial of cycle `i` at decay time `t`. */
  protected decayLr(t: number): number[] {
    const c = this.parsed;
    const { i, tI, tCurr } = cyclePosition(t, c.tInitial, c.cycleMul);
    if (!(i < c.cycleLimit)) return this.baseValues.map(() => c.lrMin);
    const gamma = c.cycleDecay ** i;
    const k = c.kDecay;
    return this.baseValues.map((v) => {
      const lrMax = v * gamma;
      return c.lrMin + (lrMax - c.lrMin) * (1 - tCurr ** k / tI ** k) ** c.power;
    });
  }

  /** timm's `get_cycle_length(cycles)`: the length of the cycles (plus a prefix warmup). */
  getCycleLength(cycles = 0): number {
    return cycleLength(this.parsed, this.parsed.warmupPrefix, cycles);
  }

  /** Reads the options back from a saved state. */
  protected parseConfig(state: Record<string, unknown>, prefix: string): PolyConfig {
    return parse(state, prefix);
  }
}
