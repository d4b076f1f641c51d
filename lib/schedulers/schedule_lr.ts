/**
 * `ScheduleLR`: the bridge from pure schedules to optimizers.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { checkOptions } from "./_options.ts";
import { groupsWithoutInitialLr, initialStepOrForget } from "./_lambdas.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode ScheduleLR}. */
export interface ScheduleLROptions {
  /** A pure schedule giving the lr itself, or one schedule per param group. */
  schedule: Schedule | readonly Schedule[];
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Drives any optimizer with any pure schedule: on every step, each param group's lr is set to
 * its schedule's value at the new `lastEpoch`,
 *
 * ```
 * lr_e = schedule(e)
 * ```
 *
 * an absolute value, where `LambdaLR` multiplies the group's initial lr by its function
 * (`lr_e = initialLr * lrLambda(e)`). The constructor's initial step sets `schedule(0)`, as
 * PyTorch's schedulers do; `step(epoch)` jumps to `schedule(epoch)`.
 *
 * The schedules are functions and are not part of {@linkcode ScheduleLR.stateDict}, which
 * holds only the base state (`lastEpoch`, `stepCount`, `baseLrs`, `lastLr`): build the new
 * scheduler with the same schedules, then load the state into it.
 *
 * @throws {TypeError} `schedule must be a function, got schedule=0.1`, and when a schedule
 * returns something other than a number.
 * @throws {RangeError} when `schedule` is a list whose length differs from the number of param
 * groups, or a schedule returns a non-finite value. A failed construction leaves the optimizer
 * as it was.
 *
 * @example The seed's step decay driving an optimizer
 * ```ts
 * import { ScheduleLR } from "./schedule_lr.ts";
 * import { stepDecay } from "../schedules/step_decay.ts";
 * const optimizer = { paramGroups: [{ lr: 0 }] };
 * const scheduler = new ScheduleLR(optimizer, {
 *   schedule: stepDecay({ lr0: 1e-3, beta: 0.5, period: 10 }),
 * });
 * if (optimizer.paramGroups[0]?.lr !== 1e-3) throw new Error("schedule(0) after construction");
 * for (let i = 0; i < 10; i++) scheduler.step();
 * if (scheduler.getLastLr()[0] !== 5e-4) throw new Error("schedule(10) after 10 steps");
 * ```
 */
export class ScheduleLR extends LRScheduler {
  #schedules: Schedule[];

  /**
   * Validates the options (before touching the optimizer), then takes the initial step,
   * which sets each group's lr to its `schedule(lastEpoch + 1)`.
   */
  constructor(optimizer: OptimizerLike, options: ScheduleLROptions) {
    checkOptimizer(optimizer);
    checkOptions("ScheduleLR", options, ["schedule", "lastEpoch", "field"]);
    const schedules = scheduleList(optimizer, options.schedule);
    const added = groupsWithoutInitialLr(optimizer, options.field ?? "lr");
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#schedules = schedules;
    initialStepOrForget(this, added);
  }

  /** A value out of range comes from the schedule. */
  protected override culprit(): string {
    return "schedule";
  }

  /** lr = schedule(lastEpoch), for every group. */
  protected override computeLr(): number[] {
    const out = this.buffer(); // reused: a step allocates no array
    for (let i = 0; i < out.length; i++) {
      const value: unknown = this.#schedules[i]!(this.lastEpoch);
      // The message is built only for a value that fails the check.
      out[i] = typeof value === "number" && Number.isFinite(value)
        ? value
        : check.finite(`schedule(${this.lastEpoch}) for paramGroups[${i}]`, value);
    }
    return out;
  }

  /** The same values: a pure schedule is its own closed form. */
  protected override closedFormLr(): number[] {
    return this.computeLr();
  }
}

/** One schedule per param group, from one schedule (repeated) or a list of exactly one each. */
function scheduleList(
  optimizer: OptimizerLike,
  schedule: Schedule | readonly Schedule[],
): Schedule[] {
  const n = optimizer.paramGroups.length;
  if (!Array.isArray(schedule)) {
    return Array.from({ length: n }, () => check.callable<Schedule>("schedule", schedule));
  }
  if (schedule.length !== n) {
    throw new RangeError(
      `schedule must have one schedule per param group, got ${schedule.length} schedules ` +
        `for ${n} param groups`,
    );
  }
  return schedule.map((s, i) => check.callable<Schedule>(`schedule[${i}]`, s));
}
