/**
 * The lambda bookkeeping shared by `LambdaLR`, `MultiplicativeLR` (and, for the initial step,
 * `ScheduleLR`): one function per param group, checked results, and the `lrLambdas: [null, ...]` marker their state saves instead of
 * the functions (PyTorch's `lr_lambdas: [None]`).
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Json, LRScheduler, OptimizerLike, ParamGroup } from "./lr_scheduler.ts";
import { type Field, FIELDS, initialKey } from "./_field.ts";

/** A function of the epoch index returning a multiplicative factor. */
export type LrLambda = (epoch: number) => number;

/**
 * PyTorch's `lr_lambdas` list: `lrLambda` repeated for every group, or a list with exactly one
 * function per group.
 */
export function lambdaList(
  optimizer: OptimizerLike,
  lrLambda: LrLambda | readonly LrLambda[],
): LrLambda[] {
  const n = optimizer.paramGroups.length;
  if (!Array.isArray(lrLambda)) {
    return Array.from({ length: n }, () => callable("lrLambda", lrLambda));
  }
  if (lrLambda.length !== n) {
    throw new RangeError(`Expected ${n} lrLambdas, but got ${lrLambda.length}`);
  }
  return lrLambda.map((fn, i) => callable(`lrLambda[${i}]`, fn));
}

/** PyTorch's check, with its message: `lr_lambda should be a function, but got int`. */
function callable(name: string, fn: unknown): LrLambda {
  if (typeof fn !== "function") {
    throw new TypeError(`${name} should be a function, but got ${name}=${check.show(fn)}`);
  }
  return fn as LrLambda;
}

/** Calls `fn(epoch)` and throws unless it returned a finite number. */
export function factorAt(fn: LrLambda, epoch: number, group: number): number {
  const factor: unknown = fn(epoch);
  if (typeof factor === "number" && Number.isFinite(factor)) return factor;
  // The message is built only on failure, so that a step allocates nothing.
  const got = `got lrLambda(${epoch})=${check.show(factor)} for paramGroups[${group}]`;
  if (typeof factor !== "number") throw new TypeError(`lrLambda must return a number, ${got}`);
  throw new RangeError(`lrLambda must return a finite number, ${got}`);
}

/** What the state saves for the functions: one `null` per group. */
export function lambdaState(lambdas: readonly LrLambda[]): Json[] {
  return lambdas.map(() => null);
}

/** Throws unless `saved` is one `null` per group (functions are never saved). */
export function checkLambdaState(saved: unknown, n: number): void {
  if (!Array.isArray(saved) || saved.length !== n || saved.some((v) => v !== null)) {
    throw new RangeError(
      `state.lrLambdas must be ${n} nulls, one per param group (functions are not saved), ` +
        `got state.lrLambdas=${check.show(saved)}`,
    );
  }
}

/**
 * Which groups have no initial value of `field` yet (`initialLr` for the lr: the base
 * constructor will add it).
 */
export function groupsWithoutInitialLr(optimizer: OptimizerLike, field: unknown = "lr"): boolean[] {
  const key = initialKey(FIELDS.includes(field as Field) ? field as Field : "lr");
  return optimizer.paramGroups.map((g: ParamGroup) =>
    (g as unknown as Record<string, unknown>)[key] === undefined
  );
}

/**
 * Ends a constructor whose initial step calls user functions: takes the initial step and, if a
 * function throws, removes the `initialLr` that the base constructor added to the groups
 * (`added`, from {@linkcode groupsWithoutInitialLr}), so that the failed construction leaves
 * the optimizer as it was.
 */
export function initialStepOrForget(scheduler: LRScheduler, added: readonly boolean[]): void {
  try {
    scheduler.initialStep();
  } catch (error) {
    const key = initialKey(scheduler.field);
    scheduler.optimizer.paramGroups.forEach((g, i) => {
      if (added[i]) delete (g as unknown as Record<string, unknown>)[key];
    });
    throw error;
  }
}
