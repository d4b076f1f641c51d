/**
 * The base of every PyTorch-compatible scheduler: PyTorch's `torch.optim.lr_scheduler.LRScheduler`
 * (2.x semantics) with its bookkeeping, `lastEpoch`, `baseLrs`, the constructor's initial step,
 * `step()`, `getLastLr()`, `stateDict()` and `loadStateDict()`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { warn } from "./_warn.ts";

/** JSON data: what `stateDict()` returns, so that `JSON.stringify` round-trips it. */
export type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/**
 * One parameter group as schedulers see it: PyTorch's `param_groups[i]` dict with camelCase
 * keys. Schedulers read and write `lr` (and `momentum` or `betas[0]` when they cycle momentum),
 * and record `initialLr` (and, for cyclic ones, `maxLr`, `minLr`, `maxMomentum`,
 * `baseMomentum`) in the group, as PyTorch does.
 */
export interface ParamGroup {
  lr: number;
  initialLr?: number;
  momentum?: number;
  betas?: [number, number];
  maxLr?: number;
  minLr?: number;
  maxMomentum?: number;
  baseMomentum?: number;
}

/**
 * What a scheduler drives: anything with `paramGroups`. A real optimizer (`SGD`, `Adam`) also
 * exposes `stepCount`, which lets schedulers give PyTorch's step-order warning.
 */
export interface OptimizerLike {
  paramGroups: ParamGroup[];
  /** How many times `optimizer.step()` has run; optional. */
  readonly stepCount?: number;
}

/** The state every scheduler saves; subclasses add their own keys. */
export interface SchedulerState extends JsonObject {
  lastEpoch: number;
  stepCount: number;
  baseLrs: number[];
  lastLr: number[];
}

/** PyTorch's deprecation warning for `step(epoch)`, word for word (with camelCase names). */
export const EPOCH_DEPRECATION_WARNING = "The epoch parameter in `scheduler.step()` was not " +
  "necessary and is being deprecated where possible. Please use `scheduler.step()` to step the " +
  "scheduler. During the deprecation, if epoch is different from None, the closed form is used " +
  "instead of the new chainable form, where available. Please open an issue if you are unable " +
  "to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.";

/** PyTorch's warning when `scheduler.step()` runs before the first `optimizer.step()`. */
export const STEP_ORDER_WARNING = "Detected call of `lr_scheduler.step()` before " +
  "`optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: " +
  "`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch " +
  "skipping the first value of the learning rate schedule. See more details at " +
  "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate";

/** PyTorch's warning when `getLr()` is called outside `step()`. */
export const GET_LR_WARNING = "To get the last learning rate computed by the scheduler, " +
  "please use `getLastLr()`.";

/** Throws unless `optimizer` has a non-empty `paramGroups` array of groups with a number `lr`. */
export function checkOptimizer(optimizer: unknown): OptimizerLike {
  const groups = (optimizer as OptimizerLike | undefined)?.paramGroups;
  if (!Array.isArray(groups)) {
    throw new TypeError(
      `optimizer must have a paramGroups array, got optimizer=${check.show(optimizer)}`,
    );
  }
  if (groups.length === 0) throw new RangeError("optimizer.paramGroups must not be empty");
  groups.forEach((g, i) => check.finite(`optimizer.paramGroups[${i}].lr`, g?.lr));
  return optimizer as OptimizerLike;
}

/**
 * PyTorch's `_format_param`: one value per param group, from a scalar (repeated) or a list of
 * exactly one value per group.
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
  /** The optimizer whose `paramGroups[i].lr` this scheduler writes. */
  readonly optimizer: OptimizerLike;
  /** The lr each group started from (`initialLr`). */
  baseLrs: number[];
  /** The index of the last step taken: 0 right after construction with the default -1. */
  lastEpoch: number;
  /** True only during the constructor's initial step (PyTorch's `_is_initial`). */
  protected isInitial = false;
  #stepCount = 0;
  #lastLr: number[] = [];
  #withinStep = false;
  #optimizerStepsAtStart: number | undefined;

  constructor(optimizer: OptimizerLike, lastEpoch = -1) {
    checkOptimizer(optimizer);
    check.integer("lastEpoch", lastEpoch);
    if (lastEpoch < -1) {
      throw new RangeError(`lastEpoch must be -1 or more, got lastEpoch=${lastEpoch}`);
    }
    const groups = optimizer.paramGroups;
    if (lastEpoch === -1) {
      for (const group of groups) group.initialLr ??= group.lr;
    } else {
      groups.forEach((group, i) => {
        if (group.initialLr === undefined) {
          throw new TypeError(
            `param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer`,
          );
        }
      });
    }
    this.optimizer = optimizer;
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
    this.#optimizerStepsAtStart = optimizer.stepCount;
  }

  /** How many times `step()` has run, the constructor's initial step included. */
  get stepCount(): number {
    return this.#stepCount;
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
    } finally {
      this.isInitial = false;
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
    return this.computeLr();
  }

  /** The lr of each group as last set by this scheduler. */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /**
   * Advances one step and writes the new lr into every param group. With `epoch`, jumps to
   * that epoch through the closed form (deprecated in PyTorch, and so it warns).
   */
  step(epoch?: number): void {
    if (epoch !== undefined) check.integer("epoch", epoch);
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
   * PyTorch's `_update_lr`: moves `lastEpoch`, computes the new lrs and writes them. If the
   * computation throws, `lastEpoch` and the groups are left as they were.
   */
  protected updateLr(epoch?: number): void {
    const previousEpoch = this.lastEpoch;
    let values: number[];
    this.#withinStep = true;
    try {
      if (epoch === undefined) {
        this.lastEpoch += 1;
        values = this.computeLr();
      } else {
        this.lastEpoch = epoch;
        values = this.closedFormLr ? this.closedFormLr() : this.computeLr();
      }
    } catch (error) {
      this.lastEpoch = previousEpoch;
      throw error;
    } finally {
      this.#withinStep = false;
    }
    this.writeLrs(values);
  }

  /** Writes one lr per group and records them as the last lrs. */
  protected writeLrs(values: readonly number[]): void {
    this.optimizer.paramGroups.forEach((group, i) => {
      const lr = values[i];
      if (lr !== undefined) group.lr = lr;
    });
    this.#lastLr = this.optimizer.paramGroups.map((g) => g.lr);
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
   * optimizer). Functions such as `lrLambda` are not saved; rebuild the scheduler with the same
   * functions and load the state into it.
   */
  stateDict(): SchedulerState {
    return {
      ...this.stateExtras(),
      lastEpoch: this.lastEpoch,
      stepCount: this.#stepCount,
      baseLrs: [...this.baseLrs],
      lastLr: [...this.#lastLr],
    };
  }

  /**
   * Restores a state from {@linkcode LRScheduler.stateDict}, so that stepping on continues
   * exactly as the original would have. A malformed state throws and changes nothing.
   */
  loadStateDict(state: SchedulerState): void {
    if (typeof state !== "object" || state === null) {
      throw new TypeError(`state must be an object, got state=${check.show(state)}`);
    }
    check.integer("state.lastEpoch", state.lastEpoch);
    check.integer("state.stepCount", state.stepCount);
    const n = this.optimizer.paramGroups.length;
    for (const key of ["baseLrs", "lastLr"] as const) {
      const list = state[key];
      if (!Array.isArray(list) || list.length !== n || list.some((v) => typeof v !== "number")) {
        throw new RangeError(
          `state.${key} must be ${n} numbers, one per param group, got state.${key}=${
            check.show(list)
          }`,
        );
      }
    }
    this.loadStateExtras(state);
    this.lastEpoch = state.lastEpoch;
    this.#stepCount = state.stepCount;
    this.baseLrs = [...state.baseLrs];
    this.#lastLr = [...state.lastLr];
  }
}
