/**
 * timm's `MultiStepLRScheduler` (timm/scheduler/multistep_lr.py): decay at milestones, with
 * warmup and noise.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import { parseBase, parseWarmup, SCHEDULER_KEYS, WARMUP_KEYS } from "./_options.ts";
import { type WarmupConfig, WarmupScheduler } from "./warmup_scheduler.ts";
import type { SchedulerOptions, TimmOptimizerLike } from "./scheduler.ts";
import { bisectRight } from "./_cycle.ts";

/** Options of {@linkcode MultiStepLRScheduler}: timm's keyword arguments in camelCase. */
export interface MultiStepLRSchedulerOptions extends SchedulerOptions {
  /** The milestones (timm's `decay_t`), sorted ascending; repeats decay twice. */
  decayT: readonly number[];
  /** Factor per milestone passed (default 1). */
  decayRate?: number;
  /** Warmup length (default 0: none). */
  warmupT?: number;
  /** The lr the warmup starts from (default 0). */
  warmupLrInit?: number;
  /** Count the milestones from the end of the warmup (default true). */
  warmupPrefix?: boolean;
}

/** The parsed options of {@linkcode MultiStepLRScheduler}. */
export interface MultiStepConfig extends WarmupConfig {
  /** The milestones, sorted. */
  decayT: number[];
  /** Factor per milestone. */
  decayRate: number;
}

const KEYS = ["decayT", "decayRate", ...WARMUP_KEYS, ...SCHEDULER_KEYS];

function parse(o: Record<string, unknown>, prefix: string): MultiStepConfig {
  const name = `${prefix}decayT`;
  if (!Array.isArray(o.decayT)) {
    throw new TypeError(
      `${name} must be an array of milestones, got ${name}=${check.show(o.decayT)}`,
    );
  }
  const decayT = o.decayT.map((v, i) => check.finite(`${name}[${i}]`, v));
  decayT.forEach((v, i) => {
    if (i > 0 && v < (decayT[i - 1] as number)) {
      throw new RangeError(
        `${name} must be sorted ascending (timm bisects it), got ${name}=${check.show(decayT)}`,
      );
    }
  });
  return {
    decayT,
    decayRate: check.nonNegative(`${prefix}decayRate`, o.decayRate ?? 1),
    ...parseWarmup(o, prefix, true),
  };
}

/**
 * timm's `MultiStepLRScheduler`: after the warmup,
 * `lr = baseLr · decayRate^(number of milestones <= t + 1)` (timm's
 * `bisect_right(decay_t, t + 1)`: the decay lands one step before each milestone).
 *
 * @example
 * ```ts
 * import { MultiStepLRScheduler } from "./multistep_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new MultiStepLRScheduler(optimizer, { decayT: [10, 20], decayRate: 0.5 });
 * const lrAt = (epoch: number) => {
 *   s.step(epoch);
 *   return optimizer.paramGroups[0]!.lr;
 * };
 * if (lrAt(8) !== 1) throw new Error();
 * if (lrAt(9) !== 0.5) throw new Error("9 + 1 reaches the milestone 10");
 * ```
 */
export class MultiStepLRScheduler extends WarmupScheduler<MultiStepConfig> {
  /** Checks every option, then writes the initial lrs (timm's constructor). */
  constructor(optimizer: TimmOptimizerLike, options: MultiStepLRSchedulerOptions) {
    checkOptimizer(optimizer);
    check.options("MultiStepLRScheduler", options, KEYS, {
      nullable: ["noiseRangeT", "noiseSeed"],
    });
    const o = options as unknown as Record<string, unknown>;
    const config = parse(o, "");
    const base = parseBase(o);
    const initialize = check.boolean("initialize", options.initialize ?? true);
    super(optimizer, config, base, initialize);
  }

  /** `baseLr · decayRate^bisectRight(decayT, t + 1)`. */
  protected decayLr(t: number): number[] {
    const c = this.parsed;
    const factor = c.decayRate ** bisectRight(c.decayT, t + 1);
    return this.baseValues.map((v) => v * factor);
  }

  /** Reads the options back from a saved state. */
  protected parseConfig(state: Record<string, unknown>, prefix: string): MultiStepConfig {
    return parse(state, prefix);
  }
}
