/**
 * Helpers shared by the pure-schedule registrations: option rows and a registry entry from a
 * factory, and optax calls with step counts written as ints.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import type { OptionInfo, OptionTable, ScheduleType } from "./registry.ts";
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
