/**
 * The base of every PyTorch-compatible scheduler: PyTorch's `torch.optim.lr_scheduler.LRScheduler`
 * (2.x semantics) with its bookkeeping, `lastEpoch`, `baseLrs`, the constructor's initial step,
 * `step()`, `getLastLr()`, `stateDict()` and `loadStateDict()`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { warn } from "./_warn.ts";
import { checkLastEpoch } from "./_options.ts";
import { readNumbers } from "./_state.ts";
import { restoreGroups, snapshotGroups } from "./_groups.ts";
import {
  checkField,
  checkGroupsHave,
  type Field,
  fieldAllows,
  fieldRange,
  initialKey,
  isFraction,
  readField,
  writeField,
} from "./_field.ts";

export type { Field } from "./_field.ts";

/** JSON data: what `stateDict()` returns, so that `JSON.stringify` round-trips it. */
export type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/**
 * One parameter group as schedulers see it: PyTorch's `param_groups[i]` dict with camelCase
 * keys. Schedulers read and write `lr` (and `momentum` or `betas[0]` when they cycle momentum),
 * and record `initialLr` (and, for cyclic ones, `maxLr`, `minLr`, `maxMomentum`,
 * `baseMomentum`) in the group, as PyTorch does.
 *
 * @example The first scheduler records `initialLr`
 * ```ts
 * import { StepLR, type ParamGroup } from "./mod.ts";
 * const group: ParamGroup = { lr: 0.1, momentum: 0.9 };
 * new StepLR({ paramGroups: [group] }, { stepSize: 10 });
 * if (group.initialLr !== 0.1) throw new Error(String(group.initialLr));
 * ```
 */
export interface ParamGroup {
  /** The group's current learning rate, which schedulers write. */
  lr: number;
  /** The lr the schedule starts from (PyTorch's `initial_lr`), recorded by the first scheduler. */
  initialLr?: number;
  /** SGD-like momentum, cycled by `CyclicLR` and `OneCycleLR`. */
  momentum?: number;
  /** Adam-like `[beta1, beta2]`; the cyclic schedulers cycle `beta1`. */
  betas?: [number, number];
  /** `OneCycleLR`'s peak lr for this group. */
  maxLr?: number;
  /** `OneCycleLR`'s final lr for this group. */
  minLr?: number;
  /** The highest momentum the cyclic schedulers reach. */
  maxMomentum?: number;
  /** The lowest momentum the cyclic schedulers reach. */
  baseMomentum?: number;
  /** Weight decay, which a scheduler with `field: "weightDecay"` drives. */
  weightDecay?: number;
  /** Adam's epsilon, which a scheduler with `field: "eps"` drives. */
  eps?: number;
  /** The momentum a `field: "momentum"` schedule starts from, recorded by its first scheduler. */
  initialMomentum?: number;
  /** The `betas[0]` a `field: "beta1"` schedule starts from. */
  initialBeta1?: number;
  /** The `betas[1]` a `field: "beta2"` schedule starts from. */
  initialBeta2?: number;
  /** The weight decay a `field: "weightDecay"` schedule starts from. */
  initialWeightDecay?: number;
  /** The eps a `field: "eps"` schedule starts from. */
  initialEps?: number;
}

/**
 * What a scheduler drives: anything with `paramGroups`. A real optimizer (`SGD`, `Adam`) also
 * exposes `stepCount`, which lets schedulers give PyTorch's step-order warning.
 *
 * @example A plain object is enough to drive a schedule
 * ```ts
 * import { ExponentialLR, type OptimizerLike } from "./mod.ts";
 * const optimizer: OptimizerLike = { paramGroups: [{ lr: 1 }, { lr: 0.5 }] };
 * const s = new ExponentialLR(optimizer, { gamma: 0.5 });
 * s.step();
 * if (optimizer.paramGroups[1]!.lr !== 0.25) throw new Error("each group decays");
 * ```
 */
export interface OptimizerLike {
  /** The groups whose `lr` the scheduler writes; at least one. */
  paramGroups: ParamGroup[];
  /** How many times `optimizer.step()` has run; optional. */
  readonly stepCount?: number;
}

/**
 * The state every scheduler saves; subclasses add their own keys. It is plain JSON.
 *
 * @example Save, restore into a fresh scheduler, continue
 * ```ts
 * import { StepLR, type SchedulerState } from "./mod.ts";
 * const a = new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 2, gamma: 0.5 });
 * a.step();
 * a.step();
 * const saved: SchedulerState = JSON.parse(JSON.stringify(a.stateDict()));
 * const b = new StepLR({ paramGroups: [{ lr: 0.5 }] }, { stepSize: 2, gamma: 0.5 });
 * b.loadStateDict(saved);
 * a.step();
 * b.step();
 * if (b.getLastLr()[0] !== a.getLastLr()[0] || saved.lastEpoch !== 2) throw new Error();
 * ```
 */
export interface SchedulerState extends JsonObject {
  /** The scheduler's `lastEpoch`. */
  lastEpoch: number;
  /** How many times `step()` has run, the initial step included. */
  stepCount: number;
  /** The lr each group started from. */
  baseLrs: number[];
  /** What `getLastLr()` returns. */
  lastLr: number[];
}

/** How far below zero, relative to a group's base value, a value is taken as rounding. */
const ROUNDING = 1e-12;

const BASE_STATE_KEYS = ["type", "field", "lastEpoch", "stepCount", "baseLrs", "lastLr"];

/**
 * PyTorch's deprecation warning for `step(epoch)`, word for word (with camelCase names).
 *
 * @example Shown once, by `step(epoch)`
 * ```ts
 * import { EPOCH_DEPRECATION_WARNING, setWarningHandler, StepLR } from "./mod.ts";
 * const seen: string[] = [];
 * const previous = setWarningHandler((m) => seen.push(m));
 * new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 1 }).step(3);
 * setWarningHandler(previous);
 * if (!seen.includes(EPOCH_DEPRECATION_WARNING)) throw new Error(String(seen));
 * ```
 */
export const EPOCH_DEPRECATION_WARNING: string =
  "The epoch parameter in `scheduler.step()` was not " +
  "necessary and is being deprecated where possible. Please use `scheduler.step()` to step the " +
  "scheduler. During the deprecation, if epoch is different from None, the closed form is used " +
  "instead of the new chainable form, where available. Please open an issue if you are unable " +
  "to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.";

/**
 * PyTorch's warning when `scheduler.step()` runs before the first `optimizer.step()` (given
 * only for optimizers that report `stepCount`).
 *
 * @example
 * ```ts
 * import { setWarningHandler, STEP_ORDER_WARNING, StepLR } from "./mod.ts";
 * const seen: string[] = [];
 * const previous = setWarningHandler((m) => seen.push(m));
 * const optimizer = { paramGroups: [{ lr: 1 }], stepCount: 0 };
 * new StepLR(optimizer, { stepSize: 1 }).step(); // optimizer.step() never ran
 * setWarningHandler(previous);
 * if (!seen.includes(STEP_ORDER_WARNING)) throw new Error(String(seen));
 * ```
 */
export const STEP_ORDER_WARNING: string = "Detected call of `lr_scheduler.step()` before " +
  "`optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: " +
  "`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch " +
  "skipping the first value of the learning rate schedule. See more details at " +
  "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate";

/**
 * PyTorch's warning when `getLr()` is called outside `step()`.
 *
 * @example
 * ```ts
 * import { GET_LR_WARNING, setWarningHandler, StepLR } from "./mod.ts";
 * const seen: string[] = [];
 * const previous = setWarningHandler((m) => seen.push(m));
 * new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 1 }).getLr();
 * setWarningHandler(previous);
 * if (!seen.includes(GET_LR_WARNING)) throw new Error(String(seen));
 * ```
 */
export const GET_LR_WARNING: string = "To get the last learning rate computed by the scheduler, " +
  "please use `getLastLr()`.";

/**
 * Throws unless `optimizer` has a non-empty `paramGroups` array of groups with a finite,
 * non-negative `lr` (no optimizer takes a negative one);
 * returns it typed. For code that writes its own schedulers or takes optimizers from outside.
 *
 * @example
 * ```ts
 * import { checkOptimizer } from "./mod.ts";
 * checkOptimizer({ paramGroups: [{ lr: 0.1 }] });
 * try {
 *   checkOptimizer({ paramGroups: [] });
 *   throw new Error("unreachable");
 * } catch (e) {
 *   if (!(e instanceof RangeError)) throw e; // optimizer.paramGroups must not be empty, got ...
 * }
 * ```
 */
export function checkOptimizer(optimizer: unknown): OptimizerLike {
  const groups = (optimizer as OptimizerLike | undefined)?.paramGroups;
  if (!Array.isArray(groups)) {
    throw new TypeError(
      `optimizer must have a paramGroups array, got optimizer=${check.show(optimizer)}`,
    );
  }
  if (groups.length === 0) {
    throw new RangeError("optimizer.paramGroups must not be empty, got optimizer.paramGroups=[]");
  }
  groups.forEach((g, i) => check.nonNegative(`optimizer.paramGroups[${i}].lr`, g?.lr));
  return optimizer as OptimizerLike;
}

/**
 * PyTorch's `_format_param`: one value per param group, from a scalar (repeated) or a list of
 * exactly one value per group (else a `RangeError` naming `name`). For code that writes its own
 * schedulers with per-group options.
 *
 * @example
 * ```ts
 * import { perGroup } from "./mod.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
 * const a = perGroup("maxLr", optimizer, 0.1); // [0.1, 0.1]
 * const b = perGroup("maxLr", optimizer, [0.1, 0.2]); // [0.1, 0.2]
 * if (a[1] !== 0.1 || b[1] !== 0.2) throw new Error();
 * ```
 */
export function perGroup<T>(name: string, optimizer: OptimizerLike, value: T | readonly T[]): T[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(value)) {
    if (value.length !== n) {
      throw new RangeError(
        `${name} must have the same length as optimizer.paramGroups. ` +
          `${name} has ${value.length} values, paramGroups has ${n}.`,
      );
    }
    return [...value];
  }
  return Array.from({ length: n }, () => value as T);
}

/**
 * Adjusts the learning rate of each param group as training goes on: PyTorch's `LRScheduler`.
 *
 * Subclasses implement {@linkcode LRScheduler.computeLr} (PyTorch's chainable `get_lr`) and,
 * where PyTorch has one, {@linkcode LRScheduler.closedFormLr}. A subclass constructor
 * validates its options *before* `super()` (so a bad argument leaves the optimizer untouched),
 * sets its fields, and ends with `this.initialStep()`, which PyTorch's base constructor does
 * for it (TypeScript cannot call subclass code before the subclass fields exist).
 *
 * @example A decay by hand: halve the lr every step
 * ```ts
 * import { LRScheduler } from "./lr_scheduler.ts";
 * import type { OptimizerLike } from "./lr_scheduler.ts";
 * class Halving extends LRScheduler {
 *   constructor(optimizer: OptimizerLike) {
 *     super(optimizer);
 *     this.initialStep();
 *   }
 *   protected override computeLr(): number[] {
 *     if (this.isInitial) return this.optimizer.paramGroups.map((g) => g.lr);
 *     return this.optimizer.paramGroups.map((g) => g.lr / 2);
 *   }
 * }
 * const s = new Halving({ paramGroups: [{ lr: 1 }] });
 * s.step();
 * s.step();
 * if (s.getLastLr()[0] !== 0.25) throw new Error("expected 0.25");
 * ```
 */
export abstract class LRScheduler {
  /** The optimizer whose `paramGroups[i][field]` this scheduler writes. */
  readonly optimizer: OptimizerLike;
  /**
   * The param-group field this scheduler drives: `"lr"` (the default, PyTorch's behaviour),
   * `"momentum"`, `"beta1"` (`betas[0]`), `"beta2"` (`betas[1]`), `"weightDecay"` or `"eps"`.
   * Its initial value is recorded in `initialLr`, `initialMomentum`, `initialBeta1`, ... so
   * that two schedulers can drive two fields of the same optimizer. `baseLrs`, `getLastLr()`
   * and the state hold values of this field.
   */
  readonly field: Field;
  /** The value each group started from (`initialLr`, or the field's own `initial*` key). */
  baseLrs: number[];
  /** The index of the last step taken: 0 right after construction with the default -1. */
  lastEpoch: number;
  /** True only during the constructor's initial step (PyTorch's `_is_initial`). */
  protected isInitial = false;
  #stepCount = 0;
  #lastLr: number[] = [];
  #buffer: number[] = [];
  #withinStep = false;
  #optimizerStepsAtStart: number | undefined;
  #pristine: Record<string, unknown>[] | null = null;

  /**
   * Validates `optimizer`, `lastEpoch` and `field` and records each group's initial value of
   * the field (`initialLr` for the lr) on a fresh run (`lastEpoch = -1`), or requires it
   * (resuming). It takes no step: subclasses end their constructors with
   * {@linkcode LRScheduler.initialStep}.
   */
  constructor(optimizer: OptimizerLike, lastEpoch = -1, field: Field = "lr") {
    checkOptimizer(optimizer);
    checkLastEpoch(lastEpoch);
    checkField(field);
    const groups = optimizer.paramGroups;
    checkGroupsHave(groups, field);
    const key = initialKey(field);
    const records = groups as unknown as Record<string, unknown>[];
    this.#pristine = snapshotGroups(optimizer);
    records.forEach((group, i) => {
      const recorded = group[key];
      if (recorded !== undefined && !fieldAllows(field, recorded)) {
        const name = `optimizer.paramGroups[${i}].${key}`;
        throw new RangeError(
          `${name} must be ${fieldRange(field)}, got ${name}=${check.show(recorded)}`,
        );
      }
    });
    if (lastEpoch === -1) {
      records.forEach((group, i) => group[key] ??= readField(groups[i]!, field));
    } else {
      records.forEach((group, i) => {
        if (group[key] === undefined) {
          throw new TypeError(
            `param '${key}' is not specified in paramGroups[${i}] when resuming an optimizer`,
          );
        }
      });
    }
    this.optimizer = optimizer;
    this.field = field;
    this.baseLrs = records.map((g) => g[key] as number);
    this.lastEpoch = lastEpoch;
    this.#optimizerStepsAtStart = optimizer.stepCount;
  }

  /** The class name, saved as `type` in the state so that another class's state is refused. */
  get typeName(): string {
    return this.constructor.name;
  }

  /** How many times `step()` has run, the constructor's initial step included. */
  get stepCount(): number {
    return this.#stepCount;
  }

  /** A group's current value of {@linkcode LRScheduler.field} (its lr by default). */
  protected current(group: ParamGroup): number {
    return readField(group, this.field) as number;
  }

  /** Every group's current value of {@linkcode LRScheduler.field}. */
  protected currentValues(): number[] {
    const groups = this.optimizer.paramGroups;
    const out: number[] = new Array(groups.length);
    for (let i = 0; i < groups.length; i++) out[i] = readField(groups[i]!, this.field) as number;
    return out;
  }

  /**
   * An array of one slot per group that this scheduler reuses on every step, so that the
   * chainable form can fill it and return it instead of a new array (a step then allocates
   * nothing). Its contents are valid until the next call; whoever hands values out copies them.
   */
  protected buffer(): number[] {
    const n = this.optimizer.paramGroups.length;
    if (this.#buffer.length !== n) this.#buffer = new Array<number>(n).fill(0.5);
    return this.#buffer;
  }

  /** Every group's current value, in {@linkcode LRScheduler.buffer} (no new array). */
  protected unchanged(): number[] {
    return this.scaled(1); // x · 1 is x, bit for bit
  }

  /** Every group's current value times `factor`, in {@linkcode LRScheduler.buffer}. */
  protected scaled(factor: number): number[] {
    const out = this.buffer();
    const groups = this.optimizer.paramGroups;
    if (this.field === "lr") {
      // The lr directly (no call that might return a boxed number).
      for (let i = 0; i < groups.length; i++) out[i] = groups[i]!.lr * factor;
    } else {
      for (let i = 0; i < groups.length; i++) out[i] = this.current(groups[i]!) * factor;
    }
    return out;
  }

  /**
   * PyTorch's `_initial_step`: resets the step count and takes the first step with
   * `isInitial` set. Subclass constructors call it last; `SequentialLR` calls it again.
   */
  initialStep(): void {
    this.#stepCount = 0;
    this.isInitial = true;
    try {
      this.step();
    } catch (error) {
      // a constructor's initial step failed: the groups go back as they were before it began
      if (this.#pristine !== null) restoreGroups(this.optimizer, this.#pristine);
      throw error;
    } finally {
      this.isInitial = false;
      this.#pristine = null;
    }
  }

  /** The chainable form (PyTorch's `get_lr`): the new lr of each group, from `lastEpoch`. */
  protected abstract computeLr(): number[];

  /** The closed form (PyTorch's `_get_closed_form_lr`), used by `step(epoch)` when present. */
  protected closedFormLr?(): number[];

  /**
   * PyTorch's `get_lr()`: the chainable form evaluated now. Outside `step()` this warns, as in
   * PyTorch, because the chainable form depends on the lr already in the groups.
   */
  getLr(): number[] {
    if (!this.#withinStep) warn(GET_LR_WARNING);
    return [...this.computeLr()]; // a copy: computeLr may return the reused buffer()
  }

  /** The lr (or driven field) of each group as last set by this scheduler. */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /**
   * Advances one step and writes the new lr into every param group. With `epoch` (a
   * non-negative integer), jumps to that epoch through the closed form (deprecated in PyTorch,
   * and so it warns).
   */
  step(epoch?: number): void {
    if (epoch !== undefined) {
      check.integer("epoch", epoch);
      if (epoch < 0) throw new RangeError(`epoch must be non-negative, got epoch=${epoch}`);
    }
    if (
      this.#stepCount === 1 && this.optimizer.stepCount !== undefined &&
      this.optimizer.stepCount === this.#optimizerStepsAtStart
    ) {
      warn(STEP_ORDER_WARNING);
    }
    if (epoch !== undefined) warn(EPOCH_DEPRECATION_WARNING);
    this.#stepCount += 1;
    try {
      this.updateLr(epoch);
    } catch (error) {
      this.#stepCount -= 1;
      throw error;
    }
  }

  /**
   * PyTorch's `_update_lr`: moves `lastEpoch` (to `epoch`, through the closed form, when given),
   * computes the new lrs and writes them, without `step()`'s warnings or step count.
   * `SequentialLR` uses it to restart a child at a milestone. If the computation throws, or
   * would write a value the field does not allow, `lastEpoch` and the groups are left as they
   * were.
   */
  updateLr(epoch?: number): void {
    const previousEpoch = this.lastEpoch;
    this.#withinStep = true;
    try {
      let values: number[];
      if (epoch === undefined) {
        this.lastEpoch += 1;
        values = this.computeLr();
      } else {
        this.lastEpoch = epoch;
        values = this.closedFormLr ? this.closedFormLr() : this.computeLr();
      }
      this.writeLrs(values);
    } catch (error) {
      this.lastEpoch = previousEpoch;
      throw error;
    } finally {
      this.#withinStep = false;
    }
  }

  /**
   * What a value the scheduler must not write follows from, for the error message: by default
   * its scalar options (`gamma=1e308`); subclasses whose values come from functions name them.
   */
  protected culprit(): string {
    const parts = Object.entries(this.stateExtras())
      .filter(([_k, v]) =>
        ["number", "string", "boolean"].includes(typeof v) ||
        (Array.isArray(v) && v.every((x) => typeof x === "number"))
      )
      .map(([k, v]) => `${k}=${check.show(v)}`);
    return parts.length === 0 ? "its options" : `its options (${parts.join(", ")})`;
  }

  /**
   * The values to write into `field`, checked: each must be allowed in the field (finite and
   * non-negative; below 1 for momentum and betas) or this throws a `RangeError` naming the
   * group, the value and the options it follows from, before anything is written. A value
   * below zero by no more than 1e-12 of the group's base value (rounding in PyTorch's
   * chainable forms, such as `LinearLR` with `endFactor: 0` giving -3.6e-26) is returned as 0.
   * The central check every write goes through.
   */
  protected checked(values: readonly number[], field: Field = this.field): number[] {
    const limit = field !== "lr" && isFraction(field) ? 1 : Infinity;
    let inRange = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v >= 0 && v < limit)) inRange = false;
    }
    if (inRange) return values as number[];
    return values.map((v, i) => {
      const scale = field === this.field ? Math.max(1e-300, this.baseLrs[i] ?? 0) : 1;
      const settled = v < 0 && -v <= ROUNDING * scale ? 0 : v;
      if (!fieldAllows(field, settled)) {
        throw new RangeError(
          `${this.typeName} would set paramGroups[${i}].${field}=${
            check.show(v)
          } at lastEpoch=${this.lastEpoch}, but ${field} must be ${fieldRange(field)}; ` +
            `it follows from ${this.culprit()}`,
        );
      }
      return settled;
    });
  }

  /**
   * Checks (see {@linkcode LRScheduler.checked}), then writes one value per group into the
   * driven field and records them as the last lrs. A value the field does not allow throws
   * before anything is written.
   */
  protected writeLrs(values: readonly number[]): void {
    const ok = this.checked(values);
    const groups = this.optimizer.paramGroups;
    if (this.field === "lr") {
      // The hot path, written out: no call that might box the number it passes.
      for (let i = 0; i < groups.length; i++) {
        const v = ok[i];
        if (v !== undefined) groups[i]!.lr = v;
      }
    } else {
      for (let i = 0; i < groups.length; i++) {
        const v = ok[i];
        if (v !== undefined) writeField(groups[i]!, this.field, v);
      }
    }
    this.refreshLastLr();
  }

  /**
   * Sets the last lrs to the groups' current values, in place: `getLastLr()` and `stateDict()`
   * hand out copies, so no step allocates a new array.
   */
  protected refreshLastLr(): void {
    const groups = this.optimizer.paramGroups;
    let last = this.#lastLr;
    if (last.length !== groups.length) {
      // Packed (filled), not holey: code that reads both kinds of array boxes the numbers.
      last = this.#lastLr = new Array<number>(groups.length).fill(0.5);
    }
    if (this.field === "lr") {
      for (let i = 0; i < groups.length; i++) last[i] = groups[i]!.lr;
    } else {
      for (let i = 0; i < groups.length; i++) last[i] = readField(groups[i]!, this.field) as number;
    }
  }

  /**
   * Sets the last lrs to `child`'s, copied in place (for composite schedulers that follow a
   * child on every step): no array is allocated once the lengths match.
   */
  protected followLastLr(child: LRScheduler): void {
    const from = child.#lastLr;
    const last = this.#lastLr;
    if (last.length !== from.length) {
      this.#lastLr = [...from];
      return;
    }
    for (let i = 0; i < from.length; i++) last[i] = from[i]!;
  }

  /** `child`'s last lrs, copied into {@linkcode LRScheduler.buffer} (no new array). */
  protected lastLrOf(child: LRScheduler): number[] {
    const from = child.#lastLr;
    const out = this.buffer();
    if (out.length !== from.length) return [...from];
    for (let i = 0; i < from.length; i++) out[i] = from[i]!;
    return out;
  }

  /** Sets the last lrs directly (for composite schedulers that copy them from a child). */
  protected setLastLr(values: readonly number[]): void {
    this.#lastLr = [...values];
  }

  /** Extra state of a subclass (its options and counters, never functions). */
  protected stateExtras(): JsonObject {
    return {};
  }

  /**
   * Restores what {@linkcode LRScheduler.stateExtras} saved. Validate everything before
   * assigning anything, so that a bad state leaves the scheduler as it was.
   */
  protected loadStateExtras(_state: JsonObject): void {}

  /**
   * The scheduler's state as plain JSON (PyTorch's `state_dict()`: everything but the
   * optimizer), with `type`, the class name, and `field`, the driven field. Functions such as
   * `lrLambda` are not saved; rebuild the scheduler with the same functions and load the state
   * into it.
   */
  stateDict(): SchedulerState {
    return {
      type: this.typeName,
      ...this.stateExtras(),
      field: this.field,
      lastEpoch: this.lastEpoch,
      stepCount: this.#stepCount,
      baseLrs: [...this.baseLrs],
      lastLr: [...this.#lastLr],
    };
  }

  /**
   * Restores a state from {@linkcode LRScheduler.stateDict}, so that stepping on continues
   * exactly as the original would have. The state is checked as much as the constructor checks
   * its options: its `type` must be this class's name (a state without `type`, saved before
   * states carried one, is accepted when its keys are exactly this class's and its values
   * valid); no unknown key; `field` the same as this scheduler's; `lastEpoch` an integer of -1
   * or more; `stepCount` a non-negative integer; `baseLrs` and `lastLr` one allowed value per
   * group (finite and non-negative, below 1 for momentum and betas); and every option in its
   * constructor's range. A state that fails any check throws and changes nothing.
   */
  loadStateDict(state: SchedulerState): void {
    if (typeof state !== "object" || state === null || Array.isArray(state)) {
      throw new TypeError(`state must be an object, got state=${check.show(state)}`);
    }
    const type: unknown = state.type;
    if (type !== undefined && type !== this.typeName) {
      throw new RangeError(
        `state.type must be "${this.typeName}", got state.type=${check.show(type)}: ` +
          `another class's state cannot be loaded into a ${this.typeName}`,
      );
    }
    const allowed = [...BASE_STATE_KEYS, ...Object.keys(this.stateExtras())];
    for (const key of Object.keys(state)) {
      if (!allowed.includes(key)) {
        throw new RangeError(
          `state has an unknown key ${key} for a ${this.typeName} (is it another class's ` +
            `state?); expected ${allowed.join(", ")}`,
        );
      }
    }
    if (state.field !== undefined && state.field !== this.field) {
      throw new RangeError(
        `state.field must be "${this.field}" like this scheduler's, got state.field=${
          check.show(state.field)
        }`,
      );
    }
    for (const key of ["lastEpoch", "stepCount"]) {
      const value = check.integer(`state.${key}`, state[key]);
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(
          `state.${key} must be a safe integer (below 2 ** 53), got state.${key}=${value}`,
        );
      }
    }
    if (!(check.integer("state.lastEpoch", state.lastEpoch) >= -1)) {
      throw new RangeError(
        `state.lastEpoch must be -1 or more, got state.lastEpoch=${state.lastEpoch}`,
      );
    }
    if (!(check.integer("state.stepCount", state.stepCount) >= 0)) {
      throw new RangeError(
        `state.stepCount must be non-negative, got state.stepCount=${state.stepCount}`,
      );
    }
    const n = this.optimizer.paramGroups.length;
    for (const key of ["baseLrs", "lastLr"]) {
      readNumbers(state, key, n).forEach((v, i) => {
        if (!fieldAllows(this.field, v)) {
          throw new RangeError(
            `state.${key}[${i}] must be ${fieldRange(this.field)}, got state.${key}[${i}]=${v}`,
          );
        }
      });
    }
    this.loadStateExtras(state);
    this.lastEpoch = state.lastEpoch;
    this.#stepCount = state.stepCount;
    this.baseLrs = [...state.baseLrs];
    this.#lastLr = [...state.lastLr];
  }
}
