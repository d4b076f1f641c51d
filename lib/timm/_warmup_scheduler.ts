/**
 * What timm's cosine, tanh, poly, step and multistep schedulers share: a linear warmup from
 * `warmupLrInit` over `warmupT`, then a decay that starts either at `t = 0` of the decay
 * (`warmupPrefix: true`) or at `t = warmupT` of it (`warmupPrefix: false`).
 *
 * @module
 */

import * as check from "../_check.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { readNumbers } from "../schedulers/_state.ts";
import { type BaseConfig, Scheduler, type TimmOptimizerLike } from "./scheduler.ts";

/** The warmup options, parsed. */
export interface WarmupConfig {
  /** Length of the warmup; 0 means none. */
  warmupT: number;
  /** The lr at `t = 0` of the warmup. */
  warmupLrInit: number;
  /** Whether the decay starts after the warmup (`t - warmupT`) or runs under it. */
  warmupPrefix: boolean;
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
    warmupLrInit: check.finite(`${prefix}warmupLrInit`, o.warmupLrInit ?? 0),
    warmupPrefix: check.boolean(`${prefix}warmupPrefix`, o.warmupPrefix ?? prefixDefault),
  };
}

/**
 * A timm scheduler with a linear warmup: `getLrAt(t)` is `warmupLrInit + t · warmupSteps[i]`
 * for `t < warmupT`, else {@linkcode WarmupScheduler.decayLr} at `t - warmupT` (prefix) or `t`.
 * All options live in one parsed `config`, which `stateDict()` saves with `warmupSteps`.
 */
export abstract class WarmupScheduler<C extends WarmupConfig> extends Scheduler {
  #config: C;
  /** timm's `warmup_steps`: each group's lr increment per unit of warmup time. */
  warmupSteps: number[];

  /** Writes `baseValues`, then, with a warmup, `warmupLrInit` into every group. */
  protected constructor(
    optimizer: TimmOptimizerLike,
    config: C,
    base: BaseConfig,
    initialize: boolean,
  ) {
    super(optimizer, base, initialize);
    this.#config = config;
    this.warmupSteps = this.baseValues.map(() => 1);
    if (config.warmupT) {
      this.warmupSteps = this.warmupTargets().map((v) =>
        (v - config.warmupLrInit) / config.warmupT
      );
      this.updateGroups(config.warmupLrInit);
    }
  }

  /** The parsed options (a copy). */
  get config(): C {
    return structuredClone(this.#config);
  }

  /** The parsed options themselves, for the subclasses' formulas (not to be changed). */
  protected get parsed(): Readonly<C> {
    return this.#config;
  }

  /** The lrs the warmup climbs to: `baseValues` (tanh overrides it, as timm's does). */
  protected warmupTargets(): number[] {
    return this.baseValues;
  }

  /** The decay after (or under) the warmup, at decay time `t`. */
  protected abstract decayLr(t: number): number[];

  /** Reads a saved state's copy of the options (prefix `"state."`), throwing when malformed. */
  protected abstract parseConfig(state: JsonObject, prefix: string): C;

  /** timm's `_get_lr(t)`. */
  getLrAt(t: number): number[] {
    const c = this.#config;
    if (t < c.warmupT) return this.warmupSteps.map((s) => c.warmupLrInit + t * s);
    return this.decayLr(c.warmupPrefix ? t - c.warmupT : t);
  }

  /** The options and `warmupSteps`. */
  protected stateOptions(): JsonObject {
    return {
      ...(structuredClone(this.#config) as unknown as JsonObject),
      warmupSteps: [...this.warmupSteps],
    };
  }

  /** Validates the saved options and `warmupSteps`. */
  protected readStateOptions(state: JsonObject): () => void {
    const config = this.parseConfig(state, "state.");
    const steps = readNumbers(state, "warmupSteps", this.optimizer.paramGroups.length);
    return () => {
      this.#config = config;
      this.warmupSteps = steps;
    };
  }
}
