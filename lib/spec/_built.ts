/**
 * What `schedulerFromSpec` remembers about the schedulers it built: the JSON options, for the
 * few that keep their functions private (`LambdaLR`, `MultiplicativeLR`, `ScheduleLR`).
 *
 * @module
 */

import type { JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";

const recorded = new WeakMap<LRScheduler, JsonObject>();

/** Remembers the JSON options `scheduler` was built with. */
export function record(scheduler: LRScheduler, options: JsonObject): void {
  recorded.set(scheduler, options);
}

/** The JSON options `scheduler` was built with by `schedulerFromSpec`, if it was. */
export function recordedOptions(scheduler: LRScheduler): JsonObject | undefined {
  return recorded.get(scheduler);
}
