/**
 * `ParamwiseScheduler`: a different scheduler for each param group of one optimizer.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { JsonObject, OptimizerLike, SchedulerState } from "./lr_scheduler.ts";
import { checkOptions } from "./_options.ts";
import { checkNoStepArgument, noChainableForm } from "./_composite.ts";
import { checkGroupsHave, readField } from "./_field.ts";
import { ReduceLROnPlateau } from "./reduce_lr_on_plateau.ts";
import { restoreGroups, snapshotGroups } from "./_groups.ts";
import type { SchedulerFactory } from "./warmup_lr.ts";

/** Options of {@linkcode ParamwiseScheduler}. */
export interface ParamwiseSchedulerOptions {
  /**
   * One entry per param group: a function building that group's scheduler over a one-group
   * view of the optimizer (`{ paramGroups: [group] }`), or `null` to leave the group alone.
   */
  schedulers: readonly (SchedulerFactory | null)[];
}

/** A one-group view of `optimizer` that shares the group object and the step count. */
function viewOf(optimizer: OptimizerLike, i: number): OptimizerLike {
  return {
    paramGroups: [optimizer.paramGroups[i]!],
    get stepCount() {
      return optimizer.stepCount;
    },
  };
}

/**
 * Drives each param group of one optimizer with its own scheduler (PyTorch PR 159873's
 * `ParamwiseScheduler`; Lightning issue 4983): freeze a backbone (a `LambdaLR` returning 0, or `null`
 * to leave it), warm up a head, decay another group on its own clock. Each child is built by
 * its factory over a view of one group (the group object itself, so its writes reach the
 * optimizer) and behaves exactly as it would on an optimizer with that group alone. Unlike the
 * PR, which builds every child over the whole optimizer and keeps one group of each, here a
 * child never sees the other groups, so chainable forms and `initialLr` bookkeeping stay per
 * group.
 *
 * `step()` steps every child (`step(metric)` when a child is a `ReduceLROnPlateau`: the metric
 * goes to the plateaus, the others step without it); if one throws, every child and group is
 * put back as it was. `getLastLr()` gives each group's value (a `null` group's current one). All
 * children drive the same field. The state holds each child's state (`null` for `null`).
 *
 * @example Group 0 decays, group 1 warms up, group 2 is left alone
 * ```ts
 * import { LinearLR, ParamwiseScheduler, StepLR } from "./mod.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }, { lr: 1 }, { lr: 1 }] };
 * const s = new ParamwiseScheduler(optimizer, {
 *   schedulers: [
 *     (o) => new StepLR(o, { stepSize: 1, gamma: 0.5 }),
 *     (o) => new LinearLR(o, { startFactor: 0.5, totalIters: 2 }),
 *     null,
 *   ],
 * });
 * s.step();
 * s.step();
 * if (s.getLastLr().join() !== "0.25,1,1") throw new Error(String(s.getLastLr()));
 * ```
 */
export class ParamwiseScheduler extends LRScheduler {
  /** Each group's scheduler, or null for a group left alone. */
  readonly schedulers: readonly (LRScheduler | null)[];
  /** Marks a per-group composite, which `SequentialLR` and `ChainedScheduler` refuse. */
  readonly paramwise = true;

  /** Builds every child over its group; if one fails, the groups are put back as they were. */
  constructor(optimizer: OptimizerLike, options: ParamwiseSchedulerOptions) {
    checkOptimizer(optimizer);
    checkOptions("ParamwiseScheduler", options, ["schedulers"]);
    const factories = options.schedulers;
    const n = optimizer.paramGroups.length;
    if (!Array.isArray(factories) || factories.length !== n) {
      throw new RangeError(
        `schedulers must have one entry per param group (${n}), got schedulers=${
          check.show(factories)
        }`,
      );
    }
    factories.forEach((f, i) => {
      if (f !== null && typeof f !== "function") {
        throw new TypeError(
          `schedulers[${i}] must be a function building a scheduler or null, got ` +
            `schedulers[${i}]=${check.show(f)}`,
        );
      }
    });
    const saved = snapshotGroups(optimizer);
    const children: (LRScheduler | null)[] = [];
    try {
      factories.forEach((f, i) => {
        if (f === null) {
          children.push(null);
          return;
        }
        const view = viewOf(optimizer, i);
        const child: unknown = f(view);
        if (!(child instanceof LRScheduler) || child.optimizer !== view) {
          throw new TypeError(
            `schedulers[${i}] must return a scheduler built over the optimizer it is given, ` +
              `got ${check.show(child)}`,
          );
        }
        const first = children.find((c) => c !== null);
        if (first && first.field !== child.field) {
          throw new RangeError(
            `ParamwiseScheduler expects all schedulers to drive the same field, got ` +
              `field="${child.field}" at schedulers[${i}] after field="${first.field}"`,
          );
        }
        children.push(child);
      });
      // the base constructor checks every group, those left alone too: check before it runs
      checkGroupsHave(optimizer.paramGroups, children.find((c) => c !== null)?.field ?? "lr");
    } catch (error) {
      restoreGroups(optimizer, saved);
      throw error;
    }
    const field = children.find((c) => c !== null)?.field ?? "lr";
    super(optimizer, -1, field);
    this.schedulers = children;
    this.lastEpoch = 0;
    this.setLastLr(this.#values());
  }

  #values(): number[] {
    return this.optimizer.paramGroups.map((g, i) =>
      this.schedulers[i]?.getLastLr()[0] ?? readField(g, this.field) as number
    );
  }

  /**
   * Steps every group's scheduler; `step(metric)` when a child is a `ReduceLROnPlateau`,
   * otherwise no argument. All or nothing: a child that throws puts everything back.
   */
  override step(...args: unknown[]): void {
    const plateau = this.schedulers.some((c) => c instanceof ReduceLROnPlateau);
    let metric: number | undefined;
    if (plateau) {
      if (args.length !== 1) {
        throw new TypeError(
          `ParamwiseScheduler.step() takes the metric of its ReduceLROnPlateau, got ${args.length} arguments`,
        );
      }
      metric = check.number("metric", args[0]);
    } else {
      checkNoStepArgument("ParamwiseScheduler", args);
    }
    const states = this.schedulers.map((c) => c?.stateDict() ?? null);
    const saved = snapshotGroups(this.optimizer);
    try {
      for (const child of this.schedulers) {
        if (child instanceof ReduceLROnPlateau) child.step(metric as number);
        else child?.step();
      }
    } catch (error) {
      this.schedulers.forEach((c, i) => c?.loadStateDict(states[i] as SchedulerState));
      restoreGroups(this.optimizer, saved);
      throw error;
    }
    this.lastEpoch += 1;
    this.setLastLr(this.#values());
  }

  /** A composite has no chainable form of its own. */
  protected override computeLr(): number[] {
    throw noChainableForm("ParamwiseScheduler");
  }

  /** Each child's state, `null` for a group left alone. */
  protected override stateExtras(): JsonObject {
    return { schedulers: this.schedulers.map((c) => c?.stateDict() ?? null) };
  }

  /** Loads each child's state, all or nothing. */
  protected override loadStateExtras(state: JsonObject): void {
    const states = state.schedulers;
    const n = this.schedulers.length;
    if (
      !Array.isArray(states) || states.length !== n ||
      states.some((s, i) => (s === null) !== (this.schedulers[i] === null))
    ) {
      throw new RangeError(
        `state.schedulers must be ${n} states, null where the group has no scheduler, got ` +
          `state.schedulers=${check.show(states)}`,
      );
    }
    const before = this.schedulers.map((c) => c?.stateDict() ?? null);
    try {
      this.schedulers.forEach((c, i) => c?.loadStateDict(states[i] as SchedulerState));
    } catch (error) {
      this.schedulers.forEach((c, i) => c?.loadStateDict(before[i] as SchedulerState));
      throw error;
    }
  }
}
