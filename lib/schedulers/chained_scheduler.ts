/**
 * `ChainedScheduler`: PyTorch's scheduler that steps several chainable schedulers at once, so
 * their factors multiply.
 *
 * @module
 */

import * as check from "../_check.ts";
import { LRScheduler } from "./lr_scheduler.ts";
import type { JsonObject, OptimizerLike, ParamGroup } from "./lr_scheduler.ts";
import { checkChildren, checkNoStepArgument, loadChildren, noChainableForm } from "./_composite.ts";
import { readField } from "./_field.ts";

/**
 * Steps every scheduler of `schedulers`, in order, on each `step()` (PyTorch's
 * `ChainedScheduler`). Each child applies its chainable (multiplicative) form to the lr the
 * previous one left, so with `ConstantLR` and `ExponentialLR`:
 *
 * ```
 * lr_t = initialLr * (t < totalIters ? factor : 1) * gamma^t
 * ```
 *
 * The optimizer defaults to the first child's; all children must share it. A step in which a
 * child throws puts every child and the groups' lrs and momenta back as they were. The state
 * holds every child's state.
 *
 * @example Two halvings per step
 * ```ts
 * import { ChainedScheduler } from "./chained_scheduler.ts";
 * import { LRScheduler } from "./lr_scheduler.ts";
 * import type { OptimizerLike } from "./lr_scheduler.ts";
 * class Halving extends LRScheduler {
 *   constructor(o: OptimizerLike) {
 *     super(o);
 *     this.initialStep();
 *   }
 *   protected override computeLr() {
 *     return this.optimizer.paramGroups.map((g) => this.isInitial ? g.lr : g.lr / 2);
 *   }
 * }
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new ChainedScheduler([new Halving(optimizer), new Halving(optimizer)]);
 * s.step();
 * if (s.getLastLr()[0] !== 0.25) throw new Error(String(s.getLastLr()));
 * ```
 */
export class ChainedScheduler extends LRScheduler {
  /** The children, stepped in this order. */
  readonly schedulers: readonly LRScheduler[];

  /**
   * Chains `schedulers`, which must all drive `optimizer` (by default the first child's
   * optimizer). Takes no step of its own: the lrs are the children's.
   */
  constructor(schedulers: readonly LRScheduler[], optimizer?: OptimizerLike) {
    if (!Array.isArray(schedulers)) {
      throw new TypeError(`schedulers must be an array, got schedulers=${check.show(schedulers)}`);
    }
    const opt = optimizer ?? (schedulers[0] as LRScheduler | undefined)?.optimizer;
    const children = checkChildren(
      "ChainedScheduler",
      opt as OptimizerLike,
      schedulers,
      "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.",
    );
    super(opt as OptimizerLike, -1, (children[0] as LRScheduler).field);
    this.schedulers = children;
    this.setLastLr(this.#groups().map((g) => readField(g, this.field) as number));
  }

  #groups(): ParamGroup[] {
    return (this.schedulers[this.schedulers.length - 1] as LRScheduler).optimizer.paramGroups;
  }

  /**
   * Steps every child in order; all or nothing if one throws. Takes no argument, like
   * PyTorch's: `step(3)` throws a `TypeError` and changes nothing.
   */
  override step(...args: unknown[]): void {
    checkNoStepArgument("ChainedScheduler", args);
    const states = this.schedulers.map((s) => s.stateDict());
    const keys = ["lr", "momentum", "betas", "weightDecay", "eps"] as const;
    const groups = this.optimizer.paramGroups.map((g) => keys.map((k) => g[k]));
    try {
      for (const scheduler of this.schedulers) scheduler.step();
    } catch (error) {
      this.schedulers.forEach((s, i) => s.loadStateDict(states[i]!));
      this.optimizer.paramGroups.forEach((g, i) => {
        const record = g as unknown as Record<string, unknown>;
        keys.forEach((k, j) => {
          const saved = groups[i]![j];
          if (saved !== undefined) record[k] = saved;
        });
      });
      throw error;
    }
    this.setLastLr(this.#groups().map((g) => readField(g, this.field) as number));
  }

  /** A composite has no chainable form of its own. */
  protected override computeLr(): number[] {
    throw noChainableForm("ChainedScheduler");
  }

  /** Every child's state (PyTorch's `_schedulers`). */
  protected override stateExtras(): JsonObject {
    return { schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  /** Restores every child's state after checking them all. */
  protected override loadStateExtras(state: JsonObject): void {
    loadChildren(this.schedulers, state.schedulers);
  }
}
