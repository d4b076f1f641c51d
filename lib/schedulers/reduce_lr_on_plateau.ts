/**
 * `ReduceLROnPlateau`: PyTorch's scheduler that cuts the lr when a watched metric stops
 * improving.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, EPOCH_DEPRECATION_WARNING, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";
import { checkField, initialKey, writeField } from "./_field.ts";
import { warn } from "./_warn.ts";
import { decodeNumber, encodeNumber, readChoice, readNumber, readNumbers } from "./_state.ts";
import { checkOptions } from "./_options.ts";

const OPTION_KEYS = [
  "mode",
  "factor",
  "patience",
  "threshold",
  "thresholdMode",
  "cooldown",
  "minLr",
  "eps",
  "field",
];

/** Options of {@linkcode ReduceLROnPlateau}: PyTorch's keyword arguments in camelCase. */
export interface ReduceLROnPlateauOptions {
  /** `"min"`: lower is better (a loss); `"max"`: higher is better (an accuracy). */
  mode?: "min" | "max";
  /** `newLr = lr * factor`, in [0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before cutting the lr. Default 10. */
  patience?: number;
  /** How much better counts as better. Default 1e-4. */
  threshold?: number;
  /** `"rel"`: better than `best * (1 ∓ threshold)`; `"abs"`: than `best ∓ threshold`. */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a cut before counting bad epochs again. Default 0. */
  cooldown?: number;
  /** The lowest lr, one for all groups or one per group. Default 0. */
  minLr?: number | readonly number[];
  /** Cuts smaller than this are skipped. Default 1e-8. */
  eps?: number;
  /** The param-group field to cut (see {@linkcode LRScheduler.field}). Default `"lr"`. */
  field?: Field;
}

const MODES = ["min", "max"] as const;
const THRESHOLD_MODES = ["rel", "abs"] as const;

/**
 * PyTorch's `_is_better`: whether metric `a` improves on `best`.
 *
 * ```
 * min, rel: a < best * (1 - threshold)     max, rel: a > best * (threshold + 1)
 * min, abs: a < best - threshold           max, abs: a > best + threshold
 * ```
 */
function isBetter(
  a: number,
  best: number,
  mode: "min" | "max",
  thresholdMode: "rel" | "abs",
  threshold: number,
): boolean {
  if (mode === "min" && thresholdMode === "rel") return a < best * (1.0 - threshold);
  if (mode === "min") return a < best - threshold;
  if (thresholdMode === "rel") return a > best * (threshold + 1.0);
  return a > best + threshold;
}

function nonNegativeInteger(name: string, value: unknown): number {
  check.integer(name, value);
  if ((value as number) < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${name}=${value}`);
  }
  return value as number;
}

/**
 * Reduces the lr when a metric has stopped improving (PyTorch's `ReduceLROnPlateau`): call
 * `step(metric)` once per epoch with, say, the validation loss. When more than `patience`
 * epochs in a row bring no improvement, every group's lr becomes
 *
 * ```
 * lr = max(lr * factor, minLr)       (skipped when the cut is not more than eps)
 * ```
 *
 * then `cooldown` epochs pass before bad epochs count again. Like newest PyTorch it is an
 * `LRScheduler` with `getLastLr()`, but it takes no initial step and leaves the groups as they
 * are at construction (not even recording `initialLr`). A `NaN` metric is never an
 * improvement, so it counts as a bad epoch, exactly as in PyTorch; infinities are compared as
 * PyTorch compares them. `stateDict()` is JSON-safe: a non-finite `best` (it starts at
 * `±Infinity`) is saved as the string `"Infinity"` or `"-Infinity"`.
 *
 * @example Halve the lr after two bad epochs
 * ```ts
 * import { ReduceLROnPlateau } from "./reduce_lr_on_plateau.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const s = new ReduceLROnPlateau(optimizer, { factor: 0.5, patience: 1 });
 * for (const loss of [1.0, 0.8, 0.8, 0.8]) s.step(loss);
 * // epochs 3 and 4 bring no improvement: more than patience=1 bad epochs, so the lr halves
 * if (s.getLastLr()[0] !== 0.05) throw new Error(String(s.getLastLr()));
 * JSON.parse(JSON.stringify(s.stateDict())); // best is finite here, but Infinity would survive too
 * ```
 */
export class ReduceLROnPlateau extends LRScheduler {
  /** `"min"` or `"max"`. */
  mode: "min" | "max";
  /** Multiplier of a cut. */
  factor: number;
  /** Bad epochs tolerated. */
  patience: number;
  /** Improvement threshold. */
  threshold: number;
  /** `"rel"` or `"abs"`. */
  thresholdMode: "rel" | "abs";
  /** Epochs of rest after a cut. */
  cooldown: number;
  /** The lowest lr of each group. */
  minLrs: number[];
  /** The scalar `minLr`, if one was given (PyTorch's `default_min_lr`), else null. */
  defaultMinLr: number | null;
  /** Cuts of at most `eps` are skipped. */
  eps: number;
  /** The best metric so far (`±Infinity` before the first step). */
  best: number;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Bad epochs in a row. */
  numBadEpochs = 0;

  /** Checks every option; takes no initial step and leaves the groups as they are. */
  constructor(optimizer: OptimizerLike, options: ReduceLROnPlateauOptions = {}) {
    checkOptimizer(optimizer);
    checkOptions("ReduceLROnPlateau", options, OPTION_KEYS);
    const factor = check.finite("factor", options.factor ?? 0.1);
    if (factor >= 1.0) throw new RangeError(`Factor should be < 1.0, got factor=${factor}`);
    check.nonNegative("factor", factor);
    const groups = (optimizer as OptimizerLike | undefined)?.paramGroups;
    const n = Array.isArray(groups) ? groups.length : 0;
    const minLr = options.minLr ?? 0;
    let minLrs: number[];
    let defaultMinLr: number | null;
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new RangeError(`expected ${n} minLrs, got ${minLr.length}`);
      minLrs = minLr.map((v, i) => check.nonNegative(`minLr[${i}]`, v));
      defaultMinLr = null;
    } else {
      defaultMinLr = check.nonNegative("minLr", minLr);
      minLrs = Array.from({ length: n }, () => defaultMinLr as number);
    }
    const patience = nonNegativeInteger("patience", options.patience ?? 10);
    const cooldown = nonNegativeInteger("cooldown", options.cooldown ?? 0);
    const eps = check.nonNegative("eps", options.eps ?? 1e-8);
    const threshold = check.finite("threshold", options.threshold ?? 1e-4);
    const mode = options.mode ?? "min";
    if (!MODES.includes(mode)) throw new RangeError(`mode ${check.show(mode)} is unknown!`);
    const thresholdMode = options.thresholdMode ?? "rel";
    if (!THRESHOLD_MODES.includes(thresholdMode)) {
      throw new RangeError(`thresholdMode ${check.show(thresholdMode)} is unknown!`);
    }
    // PyTorch's ReduceLROnPlateau skips the base __init__ and so never records initial_lr:
    // undo the base constructor's bookkeeping on the groups.
    const field = checkField(options.field ?? "lr");
    const key = initialKey(field);
    const records = (groups ?? []) as unknown as (Record<string, unknown> | undefined)[];
    const hadInitialLr = records.map((g) => g?.[key] !== undefined);
    super(optimizer, -1, field);
    records.forEach((g, i) => {
      if (!hadInitialLr[i]) delete g?.[key];
    });
    this.baseLrs = this.currentValues();
    this.factor = factor;
    this.minLrs = minLrs;
    this.defaultMinLr = defaultMinLr;
    this.patience = patience;
    this.cooldown = cooldown;
    this.eps = eps;
    this.lastEpoch = 0;
    this.setLastLr(this.currentValues());
    this.mode = mode;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.best = this.modeWorse;
  }

  /** The worst metric for the mode: `Infinity` for `"min"`, `-Infinity` for `"max"`. */
  get modeWorse(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  /** Whether the scheduler is resting after a cut. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /**
   * Records one epoch's metric and cuts the lrs if it has plateaued. `metric` must be a number
   * (`NaN` counts as no improvement, as in PyTorch). `epoch`, deprecated as in PyTorch (it
   * warns), sets `lastEpoch` instead of adding one.
   */
  override step(metric: number, epoch?: number): void {
    check.number("metric", metric);
    if (epoch !== undefined) {
      check.integer("epoch", epoch);
      if (epoch < 0) throw new RangeError(`epoch must be non-negative, got epoch=${epoch}`);
      warn(EPOCH_DEPRECATION_WARNING);
    }
    const nextEpoch = epoch ?? this.lastEpoch + 1;
    let best = this.best;
    let numBadEpochs = this.numBadEpochs;
    let cooldownCounter = this.cooldownCounter;
    if (isBetter(metric, best, this.mode, this.thresholdMode, this.threshold)) {
      best = metric;
      numBadEpochs = 0;
    } else {
      numBadEpochs += 1;
    }
    if (cooldownCounter > 0) {
      cooldownCounter -= 1;
      numBadEpochs = 0; // ignore any bad epochs in cooldown
    }
    let minLrs = this.minLrs;
    let cut = false;
    if (numBadEpochs > this.patience) {
      minLrs = this.#minLrsForCut();
      cut = true;
      cooldownCounter = this.cooldown;
      numBadEpochs = 0;
    }
    // The new value of each group, in a reused array (a step allocates nothing): the cut lr, or
    // the group's lr unchanged (PyTorch's _reduce_lr: cut unless the cut is not more than eps).
    const groups = this.optimizer.paramGroups;
    const values = this.buffer();
    for (let i = 0; i < groups.length; i++) {
      const oldLr = this.current(groups[i]!);
      let value = oldLr;
      if (cut) {
        const newLr = Math.max(oldLr * this.factor, minLrs[i] as number);
        if (oldLr - newLr > this.eps) value = newLr;
      }
      values[i] = value;
    }
    this.checked(values);
    // Everything computed and checked without throwing: commit.
    this.lastEpoch = nextEpoch;
    this.best = best;
    this.numBadEpochs = numBadEpochs;
    this.cooldownCounter = cooldownCounter;
    this.minLrs = minLrs;
    // Only the groups that were cut are written (a cut value always differs from the old one).
    for (let i = 0; i < groups.length; i++) {
      const value = values[i]!;
      if (value !== this.current(groups[i]!)) writeField(groups[i]!, this.field, value);
    }
    this.refreshLastLr();
  }

  /**
   * The min lr of each group for a cut: PyTorch's `_reduce_lr` refreshes a scalar `minLr` for
   * groups added since construction, and throws for a per-group list.
   */
  #minLrsForCut(): number[] {
    const n = this.optimizer.paramGroups.length;
    if (n === this.minLrs.length) return this.minLrs;
    if (this.defaultMinLr === null) {
      throw new RangeError(
        `The number of param groups in the \`optimizer\` (${n}) differs from when ` +
          `\`ReduceLROnPlateau\` was initialized (${this.minLrs.length}), usually due to a new ` +
          "param group being added to the optimizer. Please modify the `minLrs` field to match " +
          "the length of the `optimizer` param groups.",
      );
    }
    return Array.from({ length: n }, () => this.defaultMinLr as number);
  }

  /** PyTorch's `ReduceLROnPlateau` has no chainable form: `getLr()` throws. */
  protected override computeLr(): number[] {
    throw new TypeError(
      "ReduceLROnPlateau has no chainable form (PyTorch raises NotImplementedError); " +
        "step it with step(metric) and read getLastLr()",
    );
  }

  /** Options and counters; a non-finite `best` is saved as a string, so JSON keeps it. */
  protected override stateExtras(): JsonObject {
    return {
      mode: this.mode,
      factor: this.factor,
      patience: this.patience,
      threshold: this.threshold,
      thresholdMode: this.thresholdMode,
      cooldown: this.cooldown,
      minLrs: [...this.minLrs],
      defaultMinLr: this.defaultMinLr,
      eps: this.eps,
      best: encodeNumber(this.best),
      cooldownCounter: this.cooldownCounter,
      numBadEpochs: this.numBadEpochs,
    };
  }

  /** Checks the saved options and counters like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const mode = readChoice(state, "mode", MODES);
    const factor = check.nonNegative("state.factor", state.factor);
    if (factor >= 1) {
      throw new RangeError(`state.factor must be below 1, got state.factor=${factor}`);
    }
    const patience = nonNegativeInteger("state.patience", state.patience);
    const threshold = readNumber(state, "threshold");
    const thresholdMode = readChoice(state, "thresholdMode", THRESHOLD_MODES);
    const cooldown = nonNegativeInteger("state.cooldown", state.cooldown);
    const minLrs = readNumbers(state, "minLrs", this.optimizer.paramGroups.length);
    minLrs.forEach((v, i) => check.nonNegative(`state.minLrs[${i}]`, v));
    const defaultMinLr = state.defaultMinLr === null
      ? null
      : check.nonNegative("state.defaultMinLr", state.defaultMinLr);
    const eps = check.nonNegative("state.eps", state.eps);
    const best = decodeNumber("state.best", state.best);
    if (Number.isNaN(best)) throw new RangeError("state.best must not be NaN, got state.best=NaN");
    const cooldownCounter = nonNegativeInteger("state.cooldownCounter", state.cooldownCounter);
    const numBadEpochs = nonNegativeInteger("state.numBadEpochs", state.numBadEpochs);
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLrs = minLrs;
    this.defaultMinLr = defaultMinLr;
    this.eps = eps;
    this.best = best;
    this.cooldownCounter = cooldownCounter;
    this.numBadEpochs = numBadEpochs;
  }
}
