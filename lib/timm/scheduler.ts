/**
 * timm's `Scheduler` base class (timm/scheduler/scheduler.py): the stepping model every timm
 * scheduler shares. The training loop passes the time in: `step(epoch, metric?)` at the end of
 * each epoch and `stepUpdate(numUpdates, metric?)` after each optimizer update; the scheduler
 * computes the lr for that time (from `tInEpochs`, only one of the two moves it), adds noise
 * inside `noiseRangeT`, and writes every param group's `lr` (times the group's `lrScale`).
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { Json, JsonObject, ParamGroup } from "../schedulers/lr_scheduler.ts";
import { TorchCpuGenerator } from "./_torch_generator.ts";
import { baseState, checkMetric, checkTime, parseBase } from "./_options.ts";

/** A param group as timm's schedulers see it: `lr`, `initialLr`, and timm's `lrScale`. */
export interface TimmParamGroup extends ParamGroup {
  /** timm's `lr_scale`: when present, the scheduler writes `lr = value · lrScale`. */
  lrScale?: number;
}

/**
 * What a timm scheduler drives: anything with `paramGroups`.
 *
 * @example
 * ```ts
 * import { type TimmOptimizerLike, StepLRScheduler } from "./mod.ts";
 * const optimizer: TimmOptimizerLike = { paramGroups: [{ lr: 0.1 }, { lr: 0.1, lrScale: 0.5 }] };
 * new StepLRScheduler(optimizer, { decayT: 10 });
 * if (optimizer.paramGroups[1]!.lr !== 0.05) throw new Error("lrScale scales the written lr");
 * ```
 */
export interface TimmOptimizerLike {
  /** The groups whose `lr` the scheduler writes; at least one. */
  paramGroups: TimmParamGroup[];
}

/** The noise range: from `t` on (a number), or `[lo, hi)` (a pair). */
export type NoiseRange = number | readonly [number, number];

/** timm's noise types; timm treats any type other than `"normal"` as `"uniform"`. */
export type NoiseType = "normal" | "uniform";

/**
 * Options every timm scheduler takes (timm's `Scheduler.__init__` keyword arguments in
 * camelCase). `noiseType` exists only on {@linkcode PlateauLRScheduler}, as in timm; the other
 * schedulers always draw normal noise.
 */
export interface SchedulerOptions {
  /** `true` (default): `step(epoch)` moves the lr; `false`: `stepUpdate(numUpdates)` does. */
  tInEpochs?: boolean;
  /** Apply noise for `t >= noiseRangeT`, or for `lo <= t < hi`; `null` (default): never. */
  noiseRangeT?: NoiseRange | null;
  /** Noise bound: normal noise is redrawn until `|noise| < noisePct`; uniform is `±noisePct`. */
  noisePct?: number;
  /** Stored as timm stores it; timm's noise does not use it (its draws are standard normal). */
  noiseStd?: number;
  /** The generator is seeded with `noiseSeed + t` (default 42; `null` means 42 as in timm). */
  noiseSeed?: number | null;
  /** `true` (default) records `initialLr` from `lr`; `false` requires `initialLr` in every group. */
  initialize?: boolean;
}

/** The parsed base options (defaults filled in). */
export interface BaseConfig {
  /** Whether `step` (true) or `stepUpdate` (false) moves the lr. */
  tInEpochs: boolean;
  /** Where noise applies, or `null` for nowhere. */
  noiseRangeT: NoiseRange | null;
  /** `"normal"` (all but the plateau scheduler) or `"uniform"`. */
  noiseType: NoiseType;
  /** The noise bound. */
  noisePct: number;
  /** Kept as timm keeps it; unused by the noise. */
  noiseStd: number;
  /** The generator's seed at `t = 0`. */
  noiseSeed: number;
}

/**
 * timm's noise at time `t`: a `torch.Generator` seeded with `noiseSeed + t`; `"normal"` draws
 * `torch.randn(1)` until `|noise| < noisePct`, `"uniform"` gives `2 (rand(1) - 0.5) noisePct`.
 * The same draws as torch 1.13's CPU generator, bit for bit (float32 samples). `t` must be a
 * non-negative number and `noisePct` positive (a bound of 0 or less would redraw for ever).
 *
 * @example timm's default seed 42 at t = 0 is torch's first `randn` after `manual_seed(42)`
 * ```ts
 * import { timmNoise } from "./scheduler.ts";
 * const noise = timmNoise(0, { noiseType: "normal", noisePct: 0.67, noiseSeed: 42 });
 * if (noise !== 0.33669036626815796) throw new Error(String(noise));
 * ```
 */
export function timmNoise(
  t: number,
  o: { noiseType: NoiseType; noisePct: number; noiseSeed: number },
): number {
  check.nonNegative("t", t);
  if (typeof o !== "object" || o === null) {
    throw new TypeError(`timmNoise needs its noise options as an object, got o=${check.show(o)}`);
  }
  check.oneOf("noiseType", o.noiseType, ["normal", "uniform"]);
  check.positive("noisePct", o.noisePct);
  check.integer("noiseSeed", o.noiseSeed);
  const seed = o.noiseSeed + t;
  if (!Number.isSafeInteger(seed)) {
    throw new TypeError(`noiseSeed + t must be an integer (torch's manual_seed), got ${seed}`);
  }
  const g = new TorchCpuGenerator(seed);
  if (o.noiseType === "normal") {
    for (;;) {
      const noise = g.randn();
      if (Math.abs(noise) < o.noisePct) return noise;
    }
  }
  return 2 * (g.rand() - 0.5) * o.noisePct;
}

/**
 * The base of timm's schedulers (`timm.scheduler.Scheduler`). Unlike PyTorch's schedulers it
 * keeps no step count: the caller passes the epoch or update number to every call, and the
 * lr is a function of it (plus noise, and for the plateau scheduler, the metric history).
 *
 * At construction it records each group's `initialLr` (timm's `initial_lr`, kept if already
 * there) and writes `baseValues` back into the groups; schedulers with a warmup then write
 * `warmupLrInit`.
 *
 * @example The timm training loop, on epochs
 * ```ts
 * import { CosineLRScheduler } from "./mod.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new CosineLRScheduler(optimizer, { tInitial: 10, warmupT: 2 });
 * const lrs = [optimizer.paramGroups[0]!.lr]; // warmupLrInit (0) until the first step
 * for (let epoch = 0; epoch < 12; epoch++) {
 *   // ... train one epoch ...
 *   scheduler.step(epoch + 1);
 *   lrs.push(optimizer.paramGroups[0]!.lr);
 * }
 * // epoch 1: half way up the warmup; from epoch 2 the cosine, already under way (no prefix);
 * // from epoch 10, past the one cycle: lrMin
 * if (lrs[0] !== 0 || lrs[1] !== 0.05 || !(lrs[2]! < 0.1) || lrs[10] !== 0) throw new Error();
 * ```
 */
export abstract class Scheduler {
  /** The optimizer whose groups' `lr` this scheduler writes. */
  readonly optimizer: TimmOptimizerLike;
  /** The group field the scheduler writes (timm's `param_group_field`): always `"lr"`. */
  readonly paramGroupField = "lr" as const;
  /** Each group's `initialLr` at construction (timm's `base_values`). */
  baseValues: number[];
  /** The metric given to the last `step` or `stepUpdate` (timm's `metric`), else `null`. */
  metric: number | null = null;
  #base: BaseConfig;

  /**
   * Records `initialLr` (or, with `initialize: false`, requires it) and writes `baseValues`.
   * Subclasses validate all their options before calling it, so a bad call changes nothing.
   */
  protected constructor(optimizer: TimmOptimizerLike, base: BaseConfig, initialize: boolean) {
    checkOptimizer(optimizer);
    const groups = optimizer.paramGroups;
    groups.forEach((g, i) => {
      if (g.lrScale !== undefined) check.finite(`optimizer.paramGroups[${i}].lrScale`, g.lrScale);
      if (!initialize && g.initialLr === undefined) {
        throw new TypeError(`initialLr missing from paramGroups[${i}]`);
      }
    });
    const baseValues = groups.map((g) =>
      (initialize ? g.initialLr ?? g.lr : g.initialLr) as number
    );
    this.optimizer = optimizer;
    this.#base = base;
    this.baseValues = baseValues;
    this.#checkValues(baseValues);
    if (initialize) { for (const g of groups) g.initialLr ??= g.lr; }
    this.updateGroups(this.baseValues);
  }

  /** Whether `step(epoch)` (true) or `stepUpdate(numUpdates)` (false) moves the lr. */
  get tInEpochs(): boolean {
    return this.#base.tInEpochs;
  }

  /** The base options: `tInEpochs` and the noise (`noiseRangeT`, `noiseType`, ...), a copy. */
  get baseConfig(): BaseConfig {
    return structuredClone(this.#base);
  }

  /** timm's `_get_lr(t)`: the lr of each group at time `t`, before noise. */
  abstract getLrAt(t: number): number[];

  /** timm's `step(epoch, metric)`: call at the end of each epoch with the next epoch's index. */
  step(epoch: number, metric?: number | null): void {
    checkTime("epoch", epoch);
    const checked = checkMetric(metric);
    if (this.#base.tInEpochs) this.#move(epoch);
    this.metric = checked;
  }

  /** timm's `step_update(num_updates, metric)`: call after each optimizer update. */
  stepUpdate(numUpdates: number, metric?: number | null): void {
    checkTime("numUpdates", numUpdates);
    const checked = checkMetric(metric);
    if (!this.#base.tInEpochs) this.#move(numUpdates);
    this.metric = checked;
  }

  #move(t: number): void {
    this.updateGroups(this.addNoise(this.getLrAt(t), t));
  }

  /** The lr each group has now (what the last call wrote, `lrScale` included). */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /**
   * timm's `update_groups`: writes one value per group (or one for all), times `lrScale`. A
   * value that would make an lr negative or not finite throws before any group changes, naming
   * the options it follows from (timm would write it).
   */
  updateGroups(values: number | readonly number[]): void {
    const groups = this.optimizer.paramGroups;
    const list = typeof values === "number" ? groups.map(() => values) : values;
    this.#checkValues(list);
    groups.forEach((g, i) => {
      const v = list[i];
      if (v === undefined) return;
      g.lr = g.lrScale !== undefined ? v * g.lrScale : v;
    });
  }

  #checkValues(list: readonly number[]): void {
    this.optimizer.paramGroups.forEach((g, i) => {
      const v = list[i];
      if (v === undefined) return;
      const lr = g.lrScale !== undefined ? v * g.lrScale : v;
      if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
        throw new RangeError(
          `${this.constructor.name} would set paramGroups[${i}].lr=${check.show(lr)}, but lr ` +
            `must be finite and non-negative; it follows from ${this.#culprit(i)}`,
        );
      }
    });
  }

  #culprit(i: number): string {
    let state: JsonObject = {};
    try {
      state = this.stateOptions();
    } catch {
      // during construction a subclass's options are not yet set: name the lr alone
    }
    const options = Object.entries(state)
      .filter(([, v]) => typeof v === "number" || Array.isArray(v))
      .map(([k, v]) => `${k}=${check.show(v)}`);
    const g = this.optimizer.paramGroups[i];
    const base = `initialLr=${check.show(g?.initialLr ?? g?.lr)}`;
    const scale = g?.lrScale !== undefined ? `, lrScale=${check.show(g.lrScale)}` : "";
    return [base + scale, ...options].join(", ");
  }

  /** timm's `_is_apply_noise(t)`: whether `t` lies in `noiseRangeT`. */
  isApplyNoise(t: number): boolean {
    const range = this.#base.noiseRangeT;
    if (range === null) return false;
    if (typeof range === "number") return t >= range;
    return range[0] <= t && t < range[1];
  }

  /** timm's `_calculate_noise(t)`: see {@linkcode timmNoise}. */
  calculateNoise(t: number): number {
    const { noiseType, noisePct, noiseSeed } = this.#base;
    return timmNoise(t, { noiseType, noisePct, noiseSeed });
  }

  /** timm's `_add_noise`: `v + v · noise` for every value, inside the noise range. */
  protected addNoise(lrs: number[], t: number): number[] {
    if (!this.isApplyNoise(t)) return lrs;
    const noise = this.calculateNoise(t);
    return lrs.map((v) => v + v * noise);
  }

  /** The subclass's options as JSON. */
  protected abstract stateOptions(): JsonObject;

  /** Validates a saved state's options (throwing) and returns a function that applies them. */
  protected abstract readStateOptions(state: JsonObject): () => void;

  /**
   * The state as plain JSON (timm's `state_dict()`: every attribute but the optimizer): the
   * options, `baseValues` and `metric`.
   */
  stateDict(): JsonObject {
    return {
      ...this.stateOptions(),
      ...baseState(this.#base),
      baseValues: [...this.baseValues],
      metric: this.metric,
    };
  }

  /**
   * Restores a state from `stateDict()` (timm's `load_state_dict`, which takes every saved
   * attribute). A malformed state throws and changes nothing.
   */
  loadStateDict(state: JsonObject): void {
    const keys = Object.keys(this.stateDict());
    check.options(this.constructor.name, state, keys, {
      nullable: ["noiseRangeT", "metric", "restoreLr"],
      argument: "state",
    });
    const missing = keys.filter((k) => !(k in state));
    if (missing.length > 0) {
      throw new RangeError(
        `state must be a ${this.constructor.name}'s stateDict(), got a state without ` +
          `${missing.join(", ")} (another class's state?)`,
      );
    }
    const base = parseBase(state, "state.");
    const n = this.optimizer.paramGroups.length;
    const values: Json | undefined = state.baseValues;
    if (
      !Array.isArray(values) || values.length !== n || values.some((v) => typeof v !== "number")
    ) {
      throw new RangeError(
        `state.baseValues must be ${n} numbers, one per param group, got state.baseValues=${
          check.show(values)
        }`,
      );
    }
    (values as unknown[]).forEach((v, i) => check.nonNegative(`state.baseValues[${i}]`, v));
    const metric = state.metric === null || state.metric === undefined
      ? null
      : check.number("state.metric", state.metric);
    const apply = this.readStateOptions(state);
    this.#base = base;
    this.baseValues = [...values] as number[];
    this.metric = metric;
    apply();
  }
}
