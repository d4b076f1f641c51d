/**
 * Helpers shared by the pure-schedule registrations: option rows and a registry entry from a
 * factory, and optax calls with step counts written as ints.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import type { BuiltOptions, OptionInfo, OptionTable, ScheduleType } from "./registry.ts";
import { pyCount as C, pyLiteral } from "./_python.ts";

// deno-lint-ignore no-explicit-any
export type Factory = (options: any) => Schedule;

export const value = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  log: true,
  ...extra,
});
export const steps = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  min: 0,
  exclusiveMin: true,
  ...extra,
});
export const begin: OptionInfo = {
  kind: "number",
  description: "Steps before the transition starts.",
  default: 0,
  min: 0,
};

export function entry(
  type: string,
  factory: Factory,
  description: string,
  options: OptionTable,
  more: Partial<ScheduleType> = {},
): ScheduleType {
  return { type, description, options, create: (o) => factory(o), ...more };
}

export const n = (o: JsonObject, key: string) => o[key] as number;

export function optaxCall(name: string, o: JsonObject, keys: readonly string[]): string {
  const args = keys.filter((k) => o[k] !== undefined).map((k) =>
    `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}=${
      /Steps|Begin/.test(k) ? C(o[k] as number) : pyLiteral(o[k]!)
    }`
  );
  return `optax.${name}(${args.join(", ")})`;
}

/** `options` with the table's defaults filled in, items of `"objects"` lists included. */
export function withDefaults(options: BuiltOptions, table: OptionTable): BuiltOptions {
  const out: BuiltOptions = {};
  for (const [key, info] of Object.entries(table)) {
    let value = options[key] ?? (options[key] === null ? null : info.default);
    if (info.kind === "objects" && Array.isArray(value) && info.items !== undefined) {
      const items = info.items;
      value = value.map((item) => withDefaults(item as BuiltOptions, items));
    }
    if (value !== undefined) out[key] = structuredCloneJson(value);
  }
  return out;
}

function structuredCloneJson(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? { ...value }
    : Array.isArray(value)
    ? [...value]
    : value;
}

/**
 * A registry entry for another library's schedule factory, which records no description
 * itself: the schedule it builds is described by its spec type and options, defaults filled in.
 */
export function familyEntry(
  type: string,
  factory: Factory,
  description: string,
  options: OptionTable,
  more: Partial<ScheduleType> = {},
): ScheduleType {
  return {
    type,
    description,
    options,
    create: (o) => described(factory(o), { type, ...withDefaults(o, options) }),
    ...more,
  };
}
