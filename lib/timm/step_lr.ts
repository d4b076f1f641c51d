/**
 * timm's `StepLRScheduler` (timm/scheduler/step_lr.py): step decay with warmup and noise.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import { parseBase, parseWarmup, SCHEDULER_KEYS, WARMUP_KEYS } from "./_options.ts";
import { type WarmupConfig, WarmupScheduler } from "./warmup_scheduler.ts";
import type { SchedulerOptions, TimmOptimizerLike } from "./scheduler.ts";
import { floorDiv } from "./_cycle.ts";

/** Options of {@linkcode StepLRScheduler}: timm's keyword arguments in camelCase. */
export interface StepLRSchedulerOptions extends SchedulerOptions {
  /** Period of the decay (timm's `decay_t`, a float > 0). */
  decayT: number;
  /** Factor per period (default 1). */
  decayRate?: number;
  /** Warmup length (default 0: none). */
  warmupT?: number;
  /** The lr the warmup starts from (default 0). */
  warmupLrInit?: number;
  /** Count the decay from the end of the warmup (default true, unlike the cycle schedulers). */
  warmupPrefix?: boolean;
}

/** The parsed options of {@linkcode StepLRScheduler}. */
export interface StepConfig extends WarmupConfig {
  /** Period of the decay. */
  decayT: number;
  /** Factor per period. */
  decayRate: number;
}

const KEYS = ["decayT", "decayRate", ...WARMUP_KEYS, ...SCHEDULER_KEYS];

function parse(o: Record<string, unknown>, prefix: string): StepConfig {
  return {
    decayT: check.positive(`${prefix}decayT`, o.decayT),
    decayRate: check.nonNegative(`${prefix}decayRate`, o.decayRate ?? 1),
    ...parseWarmup(o, prefix, true),
  };
}

/**
 * timm's `StepLRScheduler`: after the warmup, `lr = baseLr · decayRate^(t // decayT)` (Python's
 * floor division, also for a fractional `decayT`).
 *
 * @example Halve every 10 epochs after a 5-epoch warmup
 * ```ts
 * import { StepLRScheduler } from "./step_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const s = new StepLRScheduler(optimizer, { decayT: 10, decayRate: 0.5, warmupT: 5 });
 * s.step(15); // 10 epochs after the warmup
 * if (optimizer.paramGroups[0]!.lr !== 0.05) throw new Error(String(optimizer.paramGroups[0]!.lr));
 * ```
 */
export class StepLRScheduler extends WarmupScheduler<StepConfig> {
  /** Checks every option, then writes the initial lrs (timm's constructor). */
  constructor(optimizer: TimmOptimizerLike, options: StepLRSchedulerOptions) {
    checkOptimizer(optimizer);
    check.options("StepLRScheduler", options, KEYS, { nullable: ["noiseRangeT", "noiseSeed"] });
    const o = options as unknown as Record<string, unknown>;
    const config = parse(o, "");
    const base = parseBase(o);
    const initialize = check.boolean("initialize", options.initialize ?? true);
    super(optimizer, config, base, initialize);
  }

  /** `baseLr · decayRate^(t // decayT)`. */
  protected decayLr(t: number): number[] {
    const c = this.parsed;
    const factor = c.decayRate ** floorDiv(t, c.decayT);
    return this.baseValues.map((v) => v * factor);
  }

  /** Reads the options back from a saved state. */
  protected parseConfig(state: Record<string, unknown>, prefix: string): StepConfig {
    return parse(state, prefix);
  }
}
