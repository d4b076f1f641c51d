/**
 * timm's `PlateauLRScheduler` (timm/scheduler/plateau_lr.py): PyTorch's `ReduceLROnPlateau`
 * stepped by epoch, with a warmup in front and noise on top.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { JsonObject, SchedulerState } from "../schedulers/lr_scheduler.ts";
import { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import { readNumbers } from "../schedulers/_state.ts";
import { checkMetric, checkTime, parseBase, SCHEDULER_KEYS } from "./_options.ts";
import {
  type NoiseType,
  Scheduler,
  type SchedulerOptions,
  type TimmOptimizerLike,
} from "./scheduler.ts";

/** Options of {@linkcode PlateauLRScheduler}: timm's keyword arguments in camelCase. */
export interface PlateauLRSchedulerOptions extends Omit<SchedulerOptions, "tInEpochs"> {
  /** Factor of a cut (PyTorch's `factor`), in [0, 1) (default 0.1). */
  decayRate?: number;
  /** Bad epochs tolerated before a cut (PyTorch's `patience`, default 10). */
  patienceT?: number;
  /** Relative improvement that counts (PyTorch's `threshold`, mode "rel", default 1e-4). */
  threshold?: number;
  /** Epochs of rest after a cut (PyTorch's `cooldown`, default 0). */
  cooldownT?: number;
  /** Warmup length in epochs (default 0). */
  warmupT?: number;
  /** The lr the warmup starts from (default 0). */
  warmupLrInit?: number;
  /** The lowest lr (PyTorch's `min_lr`, default 0). */
  lrMin?: number;
  /** `"max"` (default: higher is better, an accuracy) or `"min"` (a loss). */
  mode?: "min" | "max";
  /** `"normal"` (default) or `"uniform"` noise. */
  noiseType?: NoiseType;
}

/** The parsed options of {@linkcode PlateauLRScheduler}. */
export interface PlateauConfig {
  /** Factor of a cut. */
  decayRate: number;
  /** Bad epochs tolerated. */
  patienceT: number;
  /** Relative improvement that counts. */
  threshold: number;
  /** Epochs of rest after a cut. */
  cooldownT: number;
  /** Warmup length in epochs. */
  warmupT: number;
  /** The lr the warmup starts from. */
  warmupLrInit: number;
  /** The lowest lr. */
  lrMin: number;
  /** Lower (`"min"`) or higher (`"max"`) is better. */
  mode: "min" | "max";
}

const KEYS = [
  "decayRate",
  "patienceT",
  "threshold",
  "cooldownT",
  "warmupT",
  "warmupLrInit",
  "lrMin",
  "mode",
  "noiseType",
  ...SCHEDULER_KEYS.filter((k) => k !== "tInEpochs"),
];

function nonNegativeInteger(name: string, value: unknown): number {
  check.integer(name, value);
  if ((value as number) < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${name}=${value}`);
  }
  return value as number;
}

function parse(o: Record<string, unknown>, prefix: string): PlateauConfig {
  const decayRate = check.nonNegative(`${prefix}decayRate`, o.decayRate ?? 0.1);
  if (decayRate >= 1) {
    throw new RangeError(
      `${prefix}decayRate must be < 1.0 (PyTorch: Factor should be < 1.0), got ${prefix}decayRate=${decayRate}`,
    );
  }
  return {
    decayRate,
    patienceT: nonNegativeInteger(`${prefix}patienceT`, o.patienceT ?? 10),
    threshold: check.finite(`${prefix}threshold`, o.threshold ?? 1e-4),
    cooldownT: nonNegativeInteger(`${prefix}cooldownT`, o.cooldownT ?? 0),
    warmupT: check.nonNegative(`${prefix}warmupT`, o.warmupT ?? 0),
    warmupLrInit: check.nonNegative(`${prefix}warmupLrInit`, o.warmupLrInit ?? 0),
    lrMin: check.nonNegative(`${prefix}lrMin`, o.lrMin ?? 0),
    mode: check.oneOf(`${prefix}mode`, o.mode ?? "max", ["min", "max"]),
  };
}

function plateauOf(optimizer: TimmOptimizerLike, c: PlateauConfig): ReduceLROnPlateau {
  return new ReduceLROnPlateau(optimizer, {
    patience: c.patienceT,
    factor: c.decayRate,
    threshold: c.threshold,
    cooldown: c.cooldownT,
    mode: c.mode,
    minLr: c.lrMin,
  });
}

/**
 * timm's `PlateauLRScheduler`. `step(epoch, metric)`:
 *
 * - `epoch <= warmupT`: `lr = warmupLrInit + epoch · (baseLr - warmupLrInit) / warmupT` (with
 *   `warmupT = 0` that is `warmupLrInit` at epoch 0, as in timm: timm's loop steps `epoch + 1`);
 * - later: undo the previous epoch's noise, step PyTorch's `ReduceLROnPlateau` with the metric
 *   (when one is given), then add noise `lr + lr · noise` inside `noiseRangeT`.
 *
 * `stepUpdate` does nothing, as in timm. `stateDict()` holds everything needed to continue
 * exactly (timm's own saves only `best` and `last_epoch`).
 *
 * @example Halve the lr when the accuracy stalls for more than 2 epochs
 * ```ts
 * import { PlateauLRScheduler } from "./plateau_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const s = new PlateauLRScheduler(optimizer, { decayRate: 0.5, patienceT: 2 });
 * [0.5, 0.6, 0.6, 0.6, 0.6].forEach((accuracy, epoch) => s.step(epoch + 1, accuracy));
 * if (optimizer.paramGroups[0]!.lr !== 0.05) throw new Error(String(optimizer.paramGroups[0]!.lr));
 * ```
 */
export class PlateauLRScheduler extends Scheduler {
  #config: PlateauConfig;
  #plateau: ReduceLROnPlateau;
  /** timm's `warmup_steps`: each group's lr increment per warmup epoch. */
  warmupSteps: number[];
  /** The lrs before the last noise, restored before the next step (timm's `restore_lr`). */
  restoreLr: number[] | null = null;

  /** Checks every option, then writes the initial lrs (timm's constructor). */
  constructor(optimizer: TimmOptimizerLike, options: PlateauLRSchedulerOptions = {}) {
    checkOptimizer(optimizer);
    check.options("PlateauLRScheduler", options, KEYS, { nullable: ["noiseRangeT", "noiseSeed"] });
    const o = options as unknown as Record<string, unknown>;
    const config = parse(o, "");
    const base = parseBase(o);
    const initialize = check.boolean("initialize", options.initialize ?? true);
    super(optimizer, base, initialize);
    this.#config = config;
    this.#plateau = plateauOf(optimizer, config);
    this.warmupSteps = this.baseValues.map(() => 1);
    if (config.warmupT) {
      this.warmupSteps = this.baseValues.map((v) => (v - config.warmupLrInit) / config.warmupT);
      this.updateGroups(config.warmupLrInit);
    }
  }

  /** The parsed options (a copy). */
  get config(): PlateauConfig {
    return { ...this.#config };
  }

  /** The inner `ReduceLROnPlateau`'s best metric so far. */
  get best(): number {
    return this.#plateau.best;
  }

  /** timm's plateau scheduler has no lr function of time; this throws, as timm's asserts. */
  getLrAt(_t: number): number[] {
    throw new TypeError("PlateauLRScheduler has no getLrAt: step is overridden (as in timm)");
  }

  /** timm's `PlateauLRScheduler.step(epoch, metric)`; see the class notes. */
  override step(epoch: number, metric?: number | null): void {
    checkTime("epoch", epoch);
    const value = checkMetric(metric);
    const c = this.#config;
    if (epoch <= c.warmupT) {
      this.updateGroups(this.warmupSteps.map((s) => c.warmupLrInit + epoch * s));
      return;
    }
    if (this.restoreLr !== null) {
      const restore = this.restoreLr;
      this.optimizer.paramGroups.forEach((g, i) => {
        g.lr = restore[i] as number;
      });
      this.restoreLr = null;
    }
    if (value !== null) this.#plateau.step(value);
    if (this.isApplyNoise(epoch)) {
      const noise = this.calculateNoise(epoch);
      const restore: number[] = [];
      for (const g of this.optimizer.paramGroups) {
        const old = g.lr;
        restore.push(old);
        g.lr = old + old * noise;
      }
      this.restoreLr = restore;
    }
  }

  /** Does nothing: timm's plateau scheduler steps on epochs only. */
  override stepUpdate(_numUpdates: number, _metric?: number | null): void {}

  /** The options, `warmupSteps`, `restoreLr` and the inner plateau's full state. */
  protected stateOptions(): JsonObject {
    return {
      ...(this.#config as unknown as JsonObject),
      warmupSteps: [...this.warmupSteps],
      restoreLr: this.restoreLr === null ? null : [...this.restoreLr],
      plateau: this.#plateau.stateDict(),
    };
  }

  /** Validates the saved options and the inner plateau's state. */
  protected readStateOptions(state: JsonObject): () => void {
    const config = parse(state, "state.");
    const n = this.optimizer.paramGroups.length;
    const steps = readNumbers(state, "warmupSteps", n);
    const restoreLr = state.restoreLr === null ? null : readNumbers(state, "restoreLr", n);
    const plateau = plateauOf(this.optimizer, config);
    const saved = state.plateau;
    if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
      throw new TypeError(
        `state.plateau must be an object, got state.plateau=${check.show(saved)}`,
      );
    }
    plateau.loadStateDict(saved as SchedulerState);
    return () => {
      this.#config = config;
      this.warmupSteps = steps;
      this.restoreLr = restoreLr;
      this.#plateau = plateau;
    };
  }
}
