/**
 * A shallow copy of an optimizer's param groups (every key but `params`), so that a
 * construction that fails after user code has run can put the groups back as they were.
 *
 * @module
 */

import type { OptimizerLike } from "./lr_scheduler.ts";

/** A copy of every group's keys but `params` (values are numbers or replaced, never mutated). */
export function snapshotGroups(optimizer: OptimizerLike): Record<string, unknown>[] {
  return optimizer.paramGroups.map((g) => {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g)) if (k !== "params") copy[k] = v;
    return copy;
  });
}

/** Puts every group back as {@linkcode snapshotGroups} saw it: added keys removed, values reset. */
export function restoreGroups(optimizer: OptimizerLike, saved: Record<string, unknown>[]): void {
  optimizer.paramGroups.forEach((g, i) => {
    const record = g as unknown as Record<string, unknown>;
    const before = saved[i]!;
    for (const k of Object.keys(record)) if (k !== "params" && !(k in before)) delete record[k];
    Object.assign(record, before);
  });
}
