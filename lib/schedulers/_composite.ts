/**
 * Checks and state helpers shared by the composite schedulers, `SequentialLR` and
 * `ChainedScheduler`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { LRScheduler } from "./lr_scheduler.ts";
import type { Json, OptimizerLike, SchedulerState } from "./lr_scheduler.ts";
import { ReduceLROnPlateau } from "./reduce_lr_on_plateau.ts";

/** The children of a composite scheduler (anything with a `schedulers` array), else undefined. */
export function childSchedulers(s: LRScheduler): readonly LRScheduler[] | undefined {
  const children = (s as unknown as { schedulers?: unknown }).schedulers;
  return Array.isArray(children)
    ? (children as (LRScheduler | null)[]).filter((c) => c !== null) as LRScheduler[]
    : undefined;
}

function optimizerName(optimizer: unknown): string {
  const name = (optimizer as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name && name !== "Object" ? name : "an optimizer-like object";
}

/**
 * PyTorch's checks on a composite's children, in its order and with its messages: at least
 * one, each a scheduler, none a `ReduceLROnPlateau`, all on `optimizer`.
 */
export function checkChildren(
  owner: string,
  optimizer: OptimizerLike,
  schedulers: unknown,
  emptyMessage: string,
): LRScheduler[] {
  if (!Array.isArray(schedulers)) {
    throw new TypeError(`schedulers must be an array, got schedulers=${check.show(schedulers)}`);
  }
  if (schedulers.length < 1) throw new RangeError(emptyMessage);
  schedulers.forEach((s: unknown, i) => {
    if (!(s instanceof LRScheduler)) {
      throw new TypeError(`${owner} at index ${i} should have \`optimizer\` as its attribute.`);
    }
    if ((s as unknown as { paramwise?: unknown }).paramwise === true) {
      throw new RangeError(
        `${owner} does not support a ParamwiseScheduler (at index ${i}): put ${owner} inside ` +
          "the ParamwiseScheduler, as the scheduler of each group, instead",
      );
    }
    if (s instanceof ReduceLROnPlateau) {
      throw new RangeError(
        `${owner} does not support \`ReduceLROnPlateau\` scheduler as it requires additional ` +
          "kwargs to be specified when calling `step`, " +
          `but got one at index ${i} in the given schedulers sequence.`,
      );
    }
    if (s.optimizer !== optimizer) {
      throw new RangeError(
        `${owner} expects all schedulers to belong to the same optimizer, but got scheduler ` +
          `${s.constructor.name} at index ${i} has ${optimizerName(s.optimizer)}, ` +
          `which is different from ${optimizerName(optimizer)}.`,
      );
    }
    const first = schedulers[0] as LRScheduler;
    if (s.field !== first.field) {
      throw new RangeError(
        `${owner} expects all schedulers to drive the same field, but got scheduler ` +
          `${s.constructor.name} at index ${i} driving field="${s.field}" after ` +
          `field="${first.field}"`,
      );
    }
  });
  return [...schedulers];
}

/**
 * Throws unless `args` is empty (or a lone `undefined`): PyTorch's composite `step()` takes no
 * argument, so an epoch or a metric passed to it is a mistake, not something to ignore.
 */
export function checkNoStepArgument(owner: string, args: readonly unknown[]): void {
  if (args.length > 1 || (args.length === 1 && args[0] !== undefined)) {
    throw new TypeError(
      `${owner}.step() takes no argument (like PyTorch's), got step(${
        args.map((a) => check.show(a)).join(", ")
      })`,
    );
  }
}

/**
 * Loads one saved state into each child, all or nothing: if any child rejects its state, the
 * children loaded before it are put back as they were and the error is rethrown.
 */
export function loadChildren(children: readonly LRScheduler[], states: Json | undefined): void {
  if (!Array.isArray(states) || states.length !== children.length) {
    throw new RangeError(
      `state.schedulers must be ${children.length} scheduler states, got state.schedulers=${
        check.show(states)
      }`,
    );
  }
  const before = children.map((c) => c.stateDict());
  try {
    children.forEach((c, i) => c.loadStateDict(states[i] as SchedulerState));
  } catch (error) {
    children.forEach((c, i) => c.loadStateDict(before[i] as SchedulerState));
    throw error;
  }
}

/** The error of `getLr()` on a composite: like PyTorch's, it has no chainable form of its own. */
export function noChainableForm(owner: string): TypeError {
  return new TypeError(
    `${owner} has no chainable form of its own (PyTorch raises NotImplementedError); ` +
      "read getLastLr()",
  );
}
