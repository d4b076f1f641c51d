/**
 * timm's `TanhLRScheduler` (timm/scheduler/tanh_lr.py): hyperbolic-tangent decay with warmup,
 * restarts and noise.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import { CYCLE_KEYS, parseBase, parseCycle, SCHEDULER_KEYS, WARMUP_KEYS } from "./_options.ts";
import { type CycleConfig, WarmupScheduler } from "./warmup_scheduler.ts";
import type { SchedulerOptions, TimmOptimizerLike } from "./scheduler.ts";
import { cycleLength, cyclePosition } from "./_cycle.ts";

/** Options of {@linkcode TanhLRScheduler}: timm's keyword arguments in camelCase. */
export interface TanhLRSchedulerOptions extends SchedulerOptions {
  /** Length of the first cycle (timm's `t_initial`), > 0. */
  tInitial: number;
  /** Lower bound of the tanh argument (default -7). */
  lb?: number;
  /** Upper bound of the tanh argument (default 3), > lb. */
  ub?: number;
  /** The lr the decay approaches, >= 0 (default 0). */
  lrMin?: number;
  /** Cycle length multiplier, a float > 0 (default 1). */
  cycleMul?: number;
  /** Peak multiplier per cycle (default 1). */
  cycleDecay?: number;
  /** Number of cycles, after which the lr stays at `lrMin` (default 1). */
  cycleLimit?: number;
  /** Warmup length (default 0: none). */
  warmupT?: number;
  /** The lr the warmup starts from, >= 0 (default 0). */
  warmupLrInit?: number;
  /**
   * Start the decay after the warmup (the warmup climbs to the base lr); default false: the
   * warmup climbs to the decay's value at `warmupT`, as timm's does.
   */
  warmupPrefix?: boolean;
}

/** The parsed options of {@linkcode TanhLRScheduler}. */
export interface TanhConfig extends CycleConfig {
  /** Lower bound of the tanh argument. */
  lb: number;
  /** Upper bound of the tanh argument. */
  ub: number;
}

const KEYS = ["lb", "ub", ...CYCLE_KEYS, ...WARMUP_KEYS, ...SCHEDULER_KEYS];

function parse(o: Record<string, unknown>, prefix: string): TanhConfig {
  const c = parseCycle(o, prefix);
  const lb = check.finite(`${prefix}lb`, o.lb ?? -7);
  const ub = check.finite(`${prefix}ub`, o.ub ?? 3);
  if (!(lb < ub)) {
    throw new RangeError(`${prefix}lb must be less than ${prefix}ub, got lb=${lb}, ub=${ub}`);
  }
  check.nonNegative(`${prefix}warmupLrInit`, c.warmupLrInit);
  return { ...c, lb, ub };
}

/**
 * timm's `TanhLRScheduler`. After the warmup, in cycle `i` at fraction `tr = tCurr / tI`:
 *
 * ```
 * lr = lrMin + 0.5 · (baseLr · cycleDecay^i - lrMin) · (1 - tanh(lb · (1 - tr) + ub · tr))   if i < cycleLimit
 * lr = lrMin                                                                                 otherwise
 * ```
 *
 * Without `warmupPrefix`, the warmup climbs linearly to the decay's value at `warmupT`.
 *
 * @example
 * ```ts
 * import { TanhLRScheduler } from "./tanh_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new TanhLRScheduler(optimizer, { tInitial: 10, lb: -1, ub: 1 });
 * s.step(5); // tr = 0.5: tanh(0) = 0
 * if (optimizer.paramGroups[0]!.lr !== 0.5) throw new Error(String(optimizer.paramGroups[0]!.lr));
 * ```
 */
export class TanhLRScheduler extends WarmupScheduler<TanhConfig> {
  /** Checks every option, then writes the initial lrs (timm's constructor). */
  constructor(optimizer: TimmOptimizerLike, options: TanhLRSchedulerOptions) {
    checkOptimizer(optimizer);
    check.options("TanhLRScheduler", options, KEYS, { nullable: ["noiseRangeT", "noiseSeed"] });
    const o = options as unknown as Record<string, unknown>;
    const config = parse(o, "");
    const base = parseBase(o);
    const initialize = check.boolean("initialize", options.initialize ?? true);
    super(optimizer, config, base, initialize);
  }

  /** timm climbs to `decayLr(warmupT)` unless the warmup is a prefix. */
  protected override warmupTargets(): number[] {
    return this.parsed.warmupPrefix ? this.baseValues : this.decayLr(this.parsed.warmupT);
  }

  /** The tanh of cycle `i` at decay time `t`. */
  protected decayLr(t: number): number[] {
    const c = this.parsed;
    const { i, tI, tCurr } = cyclePosition(t, c.tInitial, c.cycleMul);
    if (!(i < c.cycleLimit)) return this.baseValues.map(() => c.lrMin);
    const gamma = c.cycleDecay ** i;
    const tr = tCurr / tI;
    return this.baseValues.map((v) => {
      const lrMax = v * gamma;
      return c.lrMin + 0.5 * (lrMax - c.lrMin) * (1 - Math.tanh(c.lb * (1 - tr) + c.ub * tr));
    });
  }

  /** timm's `get_cycle_length(cycles)`: the length of the cycles (plus a prefix warmup). */
  getCycleLength(cycles = 0): number {
    return cycleLength(this.parsed, this.parsed.warmupPrefix, cycles);
  }

  /** Reads the options back from a saved state. */
  protected parseConfig(state: Record<string, unknown>, prefix: string): TanhConfig {
    return parse(state, prefix);
  }
}
