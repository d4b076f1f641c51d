/**
 * The base of timm's cosine, tanh, poly, step and multistep schedulers: a linear warmup from
 * `warmupLrInit` over `warmupT`, then a decay that starts either at `t = 0` of the decay
 * (`warmupPrefix: true`) or at `t = warmupT` of it (`warmupPrefix: false`).
 *
 * @module
 */

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

/**
 * A timm scheduler with a linear warmup: `getLrAt(t)` is `warmupLrInit + t · warmupSteps[i]`
 * for `t < warmupT`, else {@linkcode WarmupScheduler.decayLr} at `t - warmupT` (prefix) or `t`.
 * All options live in one parsed `config`, which `stateDict()` saves with `warmupSteps`.
 *
 * @example A linear decay to zero over 10 epochs after the warmup, written as a subclass
 * ```ts
 * import { type JsonObject, type TimmOptimizerLike, type WarmupConfig, WarmupScheduler } from "./mod.ts";
 * type LinearConfig = WarmupConfig & { tInitial: number };
 * const NO_NOISE = {
 *   tInEpochs: true,
 *   noiseRangeT: null,
 *   noiseType: "normal",
 *   noisePct: 0.67,
 *   noiseStd: 1,
 *   noiseSeed: 42,
 * } as const;
 * class LinearLRScheduler extends WarmupScheduler<LinearConfig> {
 *   constructor(optimizer: TimmOptimizerLike, config: LinearConfig) {
 *     super(optimizer, config, NO_NOISE, true);
 *   }
 *   protected decayLr(t: number): number[] {
 *     return this.baseValues.map((v) => v * Math.max(0, 1 - t / this.parsed.tInitial));
 *   }
 *   protected parseConfig(state: JsonObject): LinearConfig {
 *     const { warmupT, warmupLrInit, warmupPrefix, tInitial } = state;
 *     if (
 *       typeof warmupT !== "number" || typeof warmupLrInit !== "number" ||
 *       typeof warmupPrefix !== "boolean" || typeof tInitial !== "number"
 *     ) throw new TypeError("malformed state");
 *     return { warmupT, warmupLrInit, warmupPrefix, tInitial };
 *   }
 * }
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new LinearLRScheduler(optimizer, {
 *   warmupT: 2,
 *   warmupLrInit: 0,
 *   warmupPrefix: true,
 *   tInitial: 10,
 * });
 * s.step(1);
 * if (optimizer.paramGroups[0]!.lr !== 0.5) throw new Error("half way up the warmup");
 * s.step(7);
 * if (optimizer.paramGroups[0]!.lr !== 0.5) throw new Error("half way down, after the prefix");
 * ```
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
