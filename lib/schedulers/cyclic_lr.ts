/**
 * `CyclicLR`: PyTorch's cyclical learning rate policy (Smith, 2017), with momentum cycled the
 * other way.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";
import {
  checkFieldPerGroup,
  checkMomentumField,
  fractionPerGroup,
  setMomentum,
  useBeta1,
} from "./_shared.ts";
import { checkField, checkGroupsHave, fieldAllows, fieldRange, writeField } from "./_field.ts";
import { restoreGroups, snapshotGroups } from "./_groups.ts";
import { readChoice, readFractions, readNumbers, readSameBoolean, readString } from "./_state.ts";
import { checkLastEpoch, checkOptions } from "./_options.ts";

const OPTION_KEYS = [
  "baseLr",
  "maxLr",
  "stepSizeUp",
  "stepSizeDown",
  "mode",
  "gamma",
  "scaleFn",
  "scaleMode",
  "cycleMomentum",
  "baseMomentum",
  "maxMomentum",
  "lastEpoch",
  "field",
];

/** Options whose documented value may be `null` (PyTorch's `None`): "not given". */
const NULLABLE = ["stepSizeDown", "scaleFn"];

/** The built-in amplitude policies of {@linkcode CyclicLR}. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/** Options of {@linkcode CyclicLR}: PyTorch's keyword arguments in camelCase. */
export interface CyclicLROptions {
  /** Lower lr boundary of the cycle, one for all groups or one per group. */
  baseLr: number | readonly number[];
  /** Upper lr boundary of the cycle, one for all groups or one per group. */
  maxLr: number | readonly number[];
  /** Iterations in the rising half of a cycle. Default 2000. */
  stepSizeUp?: number;
  /** Iterations in the falling half of a cycle; `null` (PyTorch's `None`) or absent: `stepSizeUp`. */
  stepSizeDown?: number | null;
  /** Amplitude policy; ignored when `scaleFn` is given. Default `"triangular"`. */
  mode?: CyclicMode;
  /** The constant of `"exp_range"`: the amplitude scales by `gamma ** iteration`. Default 1. */
  gamma?: number;
  /**
   * A custom amplitude policy, `0 <= scaleFn(x) <= 1`; overrides `mode`. `null` (PyTorch's
   * `None`) or absent: use `mode`.
   */
  scaleFn?: ((x: number) => number) | null;
  /** Whether `scaleFn` gets the cycle number or the iteration. Default `"cycle"`. */
  scaleMode?: "cycle" | "iterations";
  /** Cycle momentum (or Adam's `betas[0]`) inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Lower momentum boundary (reached at the lr peak). Default 0.8. */
  baseMomentum?: number | readonly number[];
  /** Upper momentum boundary (at the cycle's start). Default 0.9. */
  maxMomentum?: number | readonly number[];
  /** The index of the last batch, to resume a run. Default -1. */
  lastEpoch?: number;
  /**
   * The param-group field to cycle between `baseLr` and `maxLr` (see
   * {@linkcode LRScheduler.field}). Default `"lr"`. With `"momentum"` or `"beta1"`, set
   * `cycleMomentum: false`.
   */
  field?: Field;
}

const MODES: readonly CyclicMode[] = ["triangular", "triangular2", "exp_range"];
const SCALE_MODES = ["cycle", "iterations"] as const;

/**
 * PyTorch's built-in scale functions: triangular keeps the amplitude, triangular2 halves it each
 * cycle, exp_range multiplies it by `gamma ** iteration`.
 */
function builtInScale(mode: CyclicMode, gamma: number, x: number): number {
  if (mode === "triangular") return 1.0;
  if (mode === "triangular2") return 1 / 2.0 ** (x - 1);
  return gamma ** x;
}

/**
 * Cycles the lr of each group between `baseLr` and `maxLr` (PyTorch's `CyclicLR`); step it
 * after every batch. With `t = lastEpoch`, `T = stepSizeUp + stepSizeDown` and
 * `r = stepSizeUp / T`:
 *
 * ```
 * cycle = floor(1 + t / T),   x = 1 + t / T - cycle
 * s     = x / r                    if x <= r  (rising)
 *       = (x - 1) / (r - 1)        otherwise  (falling)
 * lr    = baseLr + (maxLr - baseLr) * s * scaleFn(cycle or t)
 * momentum = maxMomentum - (maxMomentum - baseMomentum) * s * scaleFn(cycle or t)
 * ```
 *
 * At construction the groups' `lr` is set to `baseLr` and, with `cycleMomentum`, their
 * `momentum` (or `betas[0]` for Adam-like groups) to `maxMomentum`, and `maxMomentum` and
 * `baseMomentum` are recorded in each group, as PyTorch does. The formula is a function of
 * `lastEpoch` alone (PyTorch has no separate closed form for it).
 *
 * @example A triangular cycle of 2 + 2 steps
 * ```ts
 * import { CyclicLR } from "./cyclic_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
 * const s = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 0.5, stepSizeUp: 2 });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 4; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * // 0.1, 0.3, 0.5, 0.3, 0.1 (to rounding); momentum goes 0.9, 0.85, 0.8, 0.85, 0.9
 * if (Math.abs(lrs[2]! - 0.5) > 1e-12 || Math.abs(lrs[4]! - 0.1) > 1e-12) throw new Error();
 * ```
 */
export class CyclicLR extends LRScheduler {
  /** The upper lr boundary of each group. */
  maxLrs: number[];
  /** Iterations in one cycle, `stepSizeUp + stepSizeDown`. */
  totalSize: number;
  /** The rising fraction of a cycle, `stepSizeUp / totalSize`. */
  stepRatio: number;
  /** The built-in policy (ignored when a custom `scaleFn` was given). */
  mode: CyclicMode;
  /** The constant of `"exp_range"`. */
  gamma: number;
  /** Whether the scale function gets the cycle number or the iteration. */
  scaleMode: "cycle" | "iterations";
  /** Whether momentum is cycled. */
  readonly cycleMomentum: boolean;
  /** Whether momentum is Adam's `betas[0]` (PyTorch's `use_beta1`). */
  useBeta1: boolean;
  /** The lower momentum boundary of each group. */
  baseMomentums: number[];
  /** The upper momentum boundary of each group. */
  maxMomentums: number[];
  readonly #scaleFnCustom: ((x: number) => number) | undefined;
  #momenta: number[] = [];

  /**
   * Checks every option and computes the per-group bounds before writing them into the groups,
   * then takes the initial step.
   */
  constructor(optimizer: OptimizerLike, options: CyclicLROptions) {
    checkOptimizer(optimizer);
    checkOptions("CyclicLR", options, OPTION_KEYS, NULLABLE);
    const lastEpoch = checkLastEpoch(options.lastEpoch ?? -1);
    const field = checkField(options.field ?? "lr");
    const baseLrs = checkFieldPerGroup("CyclicLR", "baseLr", optimizer, options.baseLr, field);
    const maxLrs = checkFieldPerGroup("CyclicLR", "maxLr", optimizer, options.maxLr, field);
    const stepSizeUp = check.positive("stepSizeUp", options.stepSizeUp ?? 2000);
    const stepSizeDown = check.nonNegative("stepSizeDown", options.stepSizeDown ?? stepSizeUp);
    if (!Number.isFinite(stepSizeUp + stepSizeDown)) {
      throw new RangeError(
        `CyclicLR stepSizeUp + stepSizeDown must be finite, got stepSizeUp=${stepSizeUp}, ` +
          `stepSizeDown=${stepSizeDown}`,
      );
    }
    const mode = options.mode ?? "triangular";
    const scaleFn = options.scaleFn ?? undefined;
    if (scaleFn !== undefined) check.callable("scaleFn", scaleFn);
    else if (!MODES.includes(mode)) {
      throw new RangeError(
        `mode is invalid and scaleFn is undefined, got mode=${check.show(mode)}`,
      );
    }
    const gamma = check.nonNegative("gamma", options.gamma ?? 1.0);
    const scaleMode = check.oneOf("scaleMode", options.scaleMode ?? "cycle", SCALE_MODES);
    const cycleMomentum = options.cycleMomentum ?? true;
    if (typeof cycleMomentum !== "boolean") {
      throw new TypeError(
        `cycleMomentum must be a boolean, got cycleMomentum=${check.show(cycleMomentum)}`,
      );
    }
    let beta1 = false;
    let baseMomentums: number[] = [];
    let maxMomentums: number[] = [];
    if (cycleMomentum) {
      beta1 = useBeta1(optimizer);
      checkMomentumField("CyclicLR", field, beta1);
      baseMomentums = fractionPerGroup(
        "CyclicLR",
        "baseMomentum",
        optimizer,
        options.baseMomentum ?? 0.8,
      );
      maxMomentums = fractionPerGroup(
        "CyclicLR",
        "maxMomentum",
        optimizer,
        options.maxMomentum ?? 0.9,
      );
    }
    checkGroupsHave(optimizer.paramGroups, field);
    const saved = snapshotGroups(optimizer); // put back if the initial step fails
    // Everything is valid: now write to the groups, as PyTorch does before its base __init__.
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((group, i) => writeField(group, field, baseLrs[i] as number));
      if (cycleMomentum) {
        optimizer.paramGroups.forEach((group, i) => {
          setMomentum(group, beta1, maxMomentums[i] as number);
          group.maxMomentum = maxMomentums[i];
          group.baseMomentum = baseMomentums[i];
        });
      }
    }
    super(optimizer, lastEpoch, field);
    this.maxLrs = maxLrs;
    this.totalSize = stepSizeUp + stepSizeDown;
    this.stepRatio = stepSizeUp / this.totalSize;
    this.mode = mode;
    this.gamma = gamma;
    this.#scaleFnCustom = scaleFn;
    this.scaleMode = scaleMode;
    this.#initScaleMode();
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = beta1;
    this.baseMomentums = baseMomentums;
    this.maxMomentums = maxMomentums;
    try {
      this.initialStep();
    } catch (error) {
      restoreGroups(optimizer, saved);
      throw error;
    }
    this.baseLrs = baseLrs;
  }

  /** PyTorch's `_init_scale_fn`: the built-in modes fix their own scale mode. */
  #initScaleMode(): void {
    if (this.#scaleFnCustom !== undefined) return;
    this.scaleMode = this.mode === "exp_range" ? "iterations" : "cycle";
  }

  /** The amplitude scale at `x` (a cycle number or an iteration, per `scaleMode`). */
  scaleFn(x: number): number {
    if (this.#scaleFnCustom !== undefined) return this.#scaleFnCustom(x);
    return builtInScale(this.mode, this.gamma, x); // no closure per step
  }

  /** The amplitude scale at `x`, which must be finite; a custom `scaleFn` must return a number. */
  #scaleAt(x: number): number {
    const scale: unknown = this.scaleFn(x);
    if (typeof scale !== "number" || !Number.isFinite(scale)) {
      const source = this.#scaleFnCustom !== undefined
        ? `scaleFn(${x})`
        : `mode="${this.mode}" with gamma=${this.gamma}: gamma ** ${x}`;
      throw new (typeof scale === "number" ? RangeError : TypeError)(
        `CyclicLR scale must be a finite number, got ${source}=${check.show(scale)}`,
      );
    }
    return scale;
  }

  /** With a custom `scaleFn`, a value out of range is named as coming from it. */
  protected override culprit(): string {
    return this.#scaleFnCustom === undefined
      ? super.culprit()
      : `${super.culprit()} and its scaleFn`;
  }

  /**
   * PyTorch's `get_lr`; like PyTorch, it also writes the cycled momentum into the groups, after
   * checking every lr and momentum (so a value out of range throws before anything changes).
   */
  protected override computeLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1.0 + this.lastEpoch / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const at = this.scaleMode === "cycle" ? cycle : this.lastEpoch;
    const scale = this.#scaleAt(at);
    // Filled in place (buffer() and #momenta are reused): a step allocates no array.
    const lrs = this.buffer();
    for (let i = 0; i < lrs.length; i++) {
      const baseLr = this.baseLrs[i]!;
      const baseHeight = ((this.maxLrs[i] as number) - baseLr) * scaleFactor;
      lrs[i] = baseLr + baseHeight * scale;
    }
    if (this.cycleMomentum) {
      const n = this.baseMomentums.length;
      if (this.#momenta.length !== n) this.#momenta = new Array<number>(n).fill(0.5);
      const momentums = this.#momenta;
      for (let i = 0; i < n; i++) {
        const baseMomentum = this.baseMomentums[i]!;
        const maxMomentum = this.maxMomentums[i] as number;
        const baseHeight = (maxMomentum - baseMomentum) * scaleFactor;
        momentums[i] = maxMomentum - baseHeight * scale;
      }
      this.checked(lrs); // throws before any momentum is written
      const checkedMomenta = this.checked(momentums, this.useBeta1 ? "beta1" : "momentum");
      const groups = this.optimizer.paramGroups;
      for (let i = 0; i < groups.length; i++) {
        setMomentum(groups[i]!, this.useBeta1, checkedMomenta[i] as number);
      }
    }
    return lrs;
  }

  /** Options and cycle bookkeeping; a custom `scaleFn` is not saved (rebuild with it). */
  protected override stateExtras(): JsonObject {
    return {
      maxLrs: [...this.maxLrs],
      totalSize: this.totalSize,
      stepRatio: this.stepRatio,
      mode: this.mode,
      gamma: this.gamma,
      scaleMode: this.scaleMode,
      cycleMomentum: this.cycleMomentum,
      useBeta1: this.useBeta1,
      baseMomentums: [...this.baseMomentums],
      maxMomentums: [...this.maxMomentums],
    };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const n = this.optimizer.paramGroups.length;
    const maxLrs = readNumbers(state, "maxLrs", n);
    maxLrs.forEach((v, i) => {
      if (!fieldAllows(this.field, v)) {
        throw new RangeError(
          `state.maxLrs[${i}] must be ${fieldRange(this.field)}, got state.maxLrs[${i}]=${v}`,
        );
      }
    });
    const totalSize = check.positive("state.totalSize", state.totalSize);
    const stepRatio = check.inRange("state.stepRatio", state.stepRatio, 0, 1);
    if (stepRatio === 0) {
      throw new RangeError("state.stepRatio must be positive, got state.stepRatio=0");
    }
    // A custom scaleFn makes mode irrelevant (and possibly not a built-in name).
    const mode = this.#scaleFnCustom === undefined
      ? readChoice(state, "mode", MODES)
      : readString(state, "mode") as CyclicMode;
    const gamma = check.nonNegative("state.gamma", state.gamma);
    const scaleMode = readChoice(state, "scaleMode", SCALE_MODES);
    const cycleMomentum = readSameBoolean(state, "cycleMomentum", this.cycleMomentum);
    const beta1 = readSameBoolean(state, "useBeta1", this.useBeta1);
    const m = cycleMomentum ? n : 0;
    const baseMomentums = readFractions(state, "baseMomentums", m);
    const maxMomentums = readFractions(state, "maxMomentums", m);
    this.maxLrs = maxLrs;
    this.totalSize = totalSize;
    this.stepRatio = stepRatio;
    this.mode = mode;
    this.gamma = gamma;
    this.scaleMode = scaleMode;
    this.useBeta1 = beta1;
    this.baseMomentums = baseMomentums;
    this.maxMomentums = maxMomentums;
    this.#initScaleMode();
  }
}
