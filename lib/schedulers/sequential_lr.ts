/**
 * `SequentialLR`: PyTorch's scheduler that hands over from one scheduler to the next at given
 * milestones (a warmup, then a decay).
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { JsonObject, OptimizerLike } from "./lr_scheduler.ts";
import { checkLastEpoch, checkOptions } from "./_options.ts";

import {
  checkChildren,
  checkNoStepArgument,
  childSchedulers,
  loadChildren,
  noChainableForm,
} from "./_composite.ts";
import { initialKey, writeField } from "./_field.ts";

const OPTION_KEYS = ["schedulers", "milestones", "lastEpoch"];

/** Options of {@linkcode SequentialLR}. */
export interface SequentialLROptions {
  /** The schedulers, in the order they take over; all on the same optimizer. */
  schedulers: LRScheduler[];
  /** The epochs at which the next scheduler takes over: one fewer than `schedulers`. */
  milestones: number[];
  /** The index of the last epoch. Default -1. */
  lastEpoch?: number;
}

/** Python's `bisect_right`: how many items of the sorted `list` are `<= x`. */
function bisectRight(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < (list[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function checkMilestones(name: string, milestones: unknown, count: number): number[] {
  if (!Array.isArray(milestones)) {
    throw new TypeError(`${name} must be an array, got ${name}=${check.show(milestones)}`);
  }
  if (milestones.length !== count - 1) {
    throw new RangeError(
      "Sequential Schedulers expects number of schedulers provided to be one more than the " +
        `number of milestone points, but got number of schedulers ${count} and the number of ` +
        `milestones to be equal to ${milestones.length}`,
    );
  }
  milestones.forEach((m, i) => {
    check.integer(`${name}[${i}]`, m);
    if (i > 0 && m < milestones[i - 1]) {
      throw new RangeError(`${name} must be sorted, got ${name}=${check.show(milestones)}`);
    }
  });
  return [...milestones];
}

/**
 * Runs `schedulers[0]` until `milestones[0]`, then `schedulers[1]` until `milestones[1]`, and
 * so on (PyTorch's `SequentialLR`):
 *
 * ```
 * epoch t < milestones[0]:            schedulers[0].step()
 * t == milestones[i - 1]:             schedulers[i] restarts at its epoch 0
 * milestones[i - 1] < t < milestones[i]: schedulers[i].step()
 * ```
 *
 * At construction, as PyTorch 2.x does, it resets every group's lr to its `initialLr`, undoes
 * the initial step each child took when it was built (recursively through nested composites)
 * and retakes only the first child's initial step. The state holds every child's state.
 *
 * @example Linear warmup for 3 epochs, then exponential decay
 * ```ts
 * import { SequentialLR } from "./sequential_lr.ts";
 * import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
 * import type { OptimizerLike } from "./lr_scheduler.ts";
 * // two tiny chainable schedulers, standing in for LinearLR and ExponentialLR
 * class Warmup extends LRScheduler {
 *   constructor(o: OptimizerLike) {
 *     super(o);
 *     this.initialStep();
 *   }
 *   protected override computeLr() {
 *     return this.baseLrs.map((lr) => lr * Math.min(1, (this.lastEpoch + 1) / 3));
 *   }
 * }
 * class Decay extends LRScheduler {
 *   constructor(o: OptimizerLike) {
 *     super(o);
 *     this.initialStep();
 *   }
 *   protected override computeLr() {
 *     return this.optimizer.paramGroups.map((g) => this.isInitial ? g.lr : g.lr * 0.5);
 *   }
 *   protected override closedFormLr() {
 *     return this.baseLrs.map((lr) => lr * 0.5 ** this.lastEpoch);
 *   }
 * }
 * const optimizer = { paramGroups: [{ lr: 0.3 }] };
 * const s = new SequentialLR(optimizer, {
 *   schedulers: [new Warmup(optimizer), new Decay(optimizer)],
 *   milestones: [3],
 * });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 5; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * // 0.1, 0.2, 0.3 (warmup), then 0.3, 0.15, 0.075 (decay from its epoch 0)
 * if (lrs[3] !== 0.3 || lrs[5] !== 0.075) throw new Error(String(lrs));
 * ```
 */
export class SequentialLR extends LRScheduler {
  /** The children, in order. */
  readonly schedulers: readonly LRScheduler[];
  /** The epochs at which the next child takes over. */
  milestones: number[];

  /**
   * Checks the children and milestones, resets the groups to `initialLr` and undoes the
   * children's initial steps as PyTorch does, then takes the first child's initial step.
   */
  constructor(optimizer: OptimizerLike, options: SequentialLROptions) {
    checkOptimizer(optimizer);
    checkOptions("SequentialLR", options, OPTION_KEYS);
    const lastEpoch = checkLastEpoch(options.lastEpoch ?? -1);
    const schedulers = checkChildren(
      "SequentialLR",
      optimizer,
      options.schedulers,
      "SequentialLR expects at least one scheduler, but got no scheduler.",
    );
    const milestones = checkMilestones("milestones", options.milestones, schedulers.length);
    const field = (schedulers[0] as LRScheduler).field;
    super(optimizer, lastEpoch, field);
    this.schedulers = schedulers;
    this.milestones = milestones;
    this.lastEpoch = lastEpoch + 1;
    // Reset learning rates back to initial values
    const key = initialKey(field);
    for (const group of optimizer.paramGroups) {
      writeField(group, field, (group as unknown as Record<string, number>)[key] as number);
    }
    // "Undo" the step performed by other schedulers
    this.recursiveUndo();
    // Perform the initial step for only the first scheduler
    (schedulers[0] as LRScheduler).initialStep();
    this.setLastLr((schedulers[0] as LRScheduler).getLastLr());
  }

  /** Takes one step back in every (nested) child: undoes the step each took at construction. */
  recursiveUndo(sched: LRScheduler = this): void {
    const children = childSchedulers(sched);
    if (children !== undefined) { for (const s of children) this.recursiveUndo(s); }
    else sched.lastEpoch -= 1;
  }

  /**
   * Advances one epoch: steps the current child, or restarts the next one at a milestone.
   * Takes no argument, like PyTorch's: `step(3)`, `step(NaN)` or `step("3")` throw a
   * `TypeError` and change nothing.
   */
  override step(...args: unknown[]): void {
    checkNoStepArgument("SequentialLR", args);
    const epoch = this.lastEpoch + 1;
    const idx = bisectRight(this.milestones, epoch);
    const scheduler = this.schedulers[idx] as LRScheduler;
    if (idx > 0 && this.milestones[idx - 1] === epoch) {
      scheduler.updateLr(0); // PyTorch's `scheduler._update_lr(0)`: no deprecation warning
    } else {
      scheduler.step();
    }
    this.lastEpoch = epoch;
    this.followLastLr(scheduler);
  }

  /** A composite has no chainable form of its own. */
  protected override computeLr(): number[] {
    throw noChainableForm("SequentialLR");
  }

  /** The milestones and every child's state (PyTorch's `_schedulers`). */
  protected override stateExtras(): JsonObject {
    return {
      milestones: [...this.milestones],
      schedulers: this.schedulers.map((s) => s.stateDict()),
    };
  }

  /** Restores every child's state after checking them all. */
  protected override loadStateExtras(state: JsonObject): void {
    const milestones = checkMilestones(
      "state.milestones",
      state.milestones,
      this.schedulers.length,
    );
    loadChildren(this.schedulers, state.schedulers);
    this.milestones = milestones;
  }
}
