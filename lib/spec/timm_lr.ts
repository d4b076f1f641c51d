/**
 * `TimmLR`: a timm scheduler stepped as a PyTorch scheduler, which is what a timm spec builds.
 *
 * @module
 */

import * as check from "../_check.ts";
import { LRScheduler } from "../schedulers/lr_scheduler.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { Scheduler } from "../timm/scheduler.ts";

/**
 * A timm scheduler behind PyTorch's stepping contract, so that a timm spec builds (and exports
 * to) something every anneal tool steps the same way: `schedulerFromSpec(optimizer,
 * { type: "CosineLRScheduler", ... })` returns a `TimmLR`, whose `timm` is the timm scheduler
 * itself.
 *
 * Time is counted in `step()` calls, as PyTorch counts epochs: after construction the groups
 * hold what timm's constructor wrote (`warmupLrInit` with a warmup), and the k-th `step()` is
 * timm's `step(k)` when `tInEpochs` is true, or `stepUpdate(k)` when it is false. That is
 * timm's own loop, one `step()` per epoch (or per optimizer update), with the epoch (or update)
 * counter kept here. `step(metric)` passes the metric on (the plateau scheduler needs it).
 *
 * @example A timm cosine with warmup, stepped once per epoch
 * ```ts
 * import { schedulerFromSpec, timm, TimmLR, toSpec } from "../mod.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const s = schedulerFromSpec(optimizer, { type: "CosineLRScheduler", tInitial: 10, warmupT: 2 });
 * if (!(s instanceof TimmLR) || !(s.timm instanceof timm.CosineLRScheduler)) throw new Error();
 * s.step(); // timm's step(1): half way up the warmup
 * if (optimizer.paramGroups[0]!.lr !== 0.05) throw new Error(String(optimizer.paramGroups[0]!.lr));
 * if (toSpec(s).warmupT !== 2) throw new Error();
 * ```
 */
export class TimmLR extends LRScheduler {
  /** The timm scheduler this steps. */
  readonly timm: Scheduler;
  #metric: number | null = null;
  /** What timm's constructor wrote: the lrs at time 0 (a `SequentialLR` restarts there). */
  #initial: number[] = [];

  /**
   * Wraps a timm scheduler just built on `optimizer` (its constructor has written the initial
   * lrs), and takes PyTorch's initial step, which keeps them.
   */
  constructor(optimizer: Scheduler["optimizer"], timm: Scheduler) {
    if (!(timm instanceof Scheduler) || timm.optimizer !== optimizer) {
      throw new TypeError(
        `timm must be a timm scheduler built on optimizer, got timm=${check.show(timm)}`,
      );
    }
    const initial = optimizer.paramGroups.map((g) => g.lr);
    super(optimizer);
    this.timm = timm;
    this.#initial = initial;
    this.initialStep();
  }

  /** Advances one epoch (or update) of timm's time; `metric` goes to timm's step. */
  override step(metric?: number): void {
    this.#metric = metric === undefined ? null : check.number("metric", metric);
    try {
      super.step();
    } finally {
      this.#metric = null;
    }
  }

  /**
   * timm's lrs at the new time (what timm writes into the groups); at time 0, what timm's
   * constructor wrote.
   */
  protected override computeLr(): number[] {
    const t = this.lastEpoch;
    if (t <= 0) return [...this.#initial];
    if (this.timm.tInEpochs) this.timm.step(t, this.#metric);
    else this.timm.stepUpdate(t, this.#metric);
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The timm scheduler's state, under `timm`. */
  protected override stateExtras(): JsonObject {
    return { timm: this.timm.stateDict() };
  }

  /** Restores the timm scheduler's state. */
  protected override loadStateExtras(state: JsonObject): void {
    const saved = state.timm;
    if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
      throw new TypeError(`state.timm must be an object, got state.timm=${check.show(saved)}`);
    }
    this.timm.loadStateDict(saved);
  }
}
