/**
 * Live objects back to specs: a scheduler through its registry entry's `read`, a pure schedule
 * through the description its factory recorded.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Json, JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { descriptionOf } from "../schedules/_described.ts";
import type { ScheduleDescription } from "../schedules/_described.ts";
import { recordedOptions } from "./_built.ts";
import { knownTypes, scheduleType, specTypes } from "./registry.ts";
import type { OptionTable } from "./registry.ts";
import { withDefaults } from "./_schedule_entry.ts";

function copyJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value));
}

/** `options` as JSON in the table's order, nested schedules and schedulers described. */
function toJson(options: Record<string, unknown>, table: OptionTable): JsonObject {
  const json: JsonObject = {};
  for (const [key, info] of Object.entries(table)) {
    const value = options[key];
    if (value === undefined) continue;
    const one = (v: unknown): Json => {
      if (info.kind === "schedule" || info.kind === "schedules") {
        return typeof v === "function" ? scheduleSpec(v as Schedule) : copyJson(v);
      }
      if (info.kind === "scheduler" || info.kind === "schedulers") {
        return v === null ? null : schedulerSpec(v as LRScheduler);
      }
      return copyJson(v);
    };
    const listKind = info.kind === "schedules" || info.kind === "schedulers";
    json[key] = (listKind || info.perGroup) && Array.isArray(value) ? value.map(one) : one(value);
  }
  return json;
}

/** The spec of a description recorded by a schedule factory. */
export function descriptionSpec(description: ScheduleDescription): JsonObject {
  const { type, ...options } = description;
  const entry = scheduleType(type);
  if (entry === undefined) {
    throw new RangeError(`unknown spec type ${type}; known types: ${knownTypes().join(", ")}`);
  }
  // A factory may record its options as given (optax's, Keras'): fill the table's defaults.
  return { type, ...toJson(withDefaults(options, entry.options), entry.options) };
}

/** The spec of a pure schedule built by one of the library's factories. */
export function scheduleSpec(schedule: Schedule): JsonObject {
  const description = descriptionOf(schedule);
  if (description === undefined) {
    throw new TypeError(
      "this schedule is a hand-written function, which a spec cannot hold: build it with a " +
        `schedule factory (${specTypes().schedules.map((t) => t.type).join(", ")}) ` +
        "or scheduleFromSpec to keep it as data",
    );
  }
  return descriptionSpec(description);
}

/** The spec of a live scheduler of a registered type. */
export function schedulerSpec(scheduler: LRScheduler): JsonObject {
  // The latest registration that matches wins, so a family can name its instances its own way
  // (a ReduceLROnPlateau built as transformers' getReduceOnPlateauSchedule).
  const entry = specTypes().schedulers.reverse().find((t) => t.matches(scheduler));
  if (entry === undefined) {
    const name = (scheduler as { constructor?: { name?: string } })?.constructor?.name;
    throw new TypeError(
      `no spec type for ${name ?? check.show(scheduler)}; known types: ${knownTypes().join(", ")}`,
    );
  }
  const recorded = recordedOptions(scheduler);
  const options = entry.read(scheduler, recorded);
  // A per-group list whose values all agree reads back as one value; keep the list form the
  // spec was written in when the values are the same.
  for (const [key, info] of Object.entries(entry.options)) {
    const written = recorded?.[key];
    if (
      info.perGroup && Array.isArray(written) && !Array.isArray(options[key]) &&
      written.every((v) => Object.is(v, options[key]))
    ) options[key] = [...written];
  }
  return { type: entry.type, ...toJson(options, entry.options) };
}
