/**
 * What `schedulerFromSpec` remembers about the schedulers it built: the JSON options, for the
 * few that keep their functions private (`LambdaLR`, `MultiplicativeLR`, `ScheduleLR`).
 *
 * @module
 */

import type { JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";

const recorded = new WeakMap<LRScheduler, JsonObject>();
const schemas = new WeakMap<object, string>();

/** Remembers the JSON options `scheduler` was built with. */
export function record(scheduler: LRScheduler, options: JsonObject): void {
  recorded.set(scheduler, options);
}

/** The JSON options `scheduler` was built with by `schedulerFromSpec`, if it was. */
export function recordedOptions(scheduler: LRScheduler): JsonObject | undefined {
  return recorded.get(scheduler);
}

/** Remembers the top-level `$schema` of the spec `built` came from, so `toSpec` writes it back. */
export function recordSchema(built: object, schema: unknown): void {
  if (typeof schema === "string") schemas.set(built, schema);
}

/** The top-level `$schema` of the spec `built` came from, if it had one. */
export function recordedSchema(built: object): string | undefined {
  return schemas.get(built);
}
