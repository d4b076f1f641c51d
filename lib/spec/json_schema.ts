/**
 * The JSON Schema of specs, generated from the registry's option tables.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import "./_builtin.ts";
import { specTypes } from "./registry.ts";
import type { OptionInfo, OptionTable } from "./registry.ts";
import { SPEC_VERSION } from "./spec.ts";

const SCHEDULER = { $ref: "#/$defs/schedulerSpec" };
const SCHEDULE = { $ref: "#/$defs/scheduleSpec" };

function valueSchema(info: OptionInfo): JsonObject {
  const bounds: JsonObject = {};
  if (info.min !== undefined) bounds[info.exclusiveMin ? "exclusiveMinimum" : "minimum"] = info.min;
  if (info.max !== undefined) bounds.maximum = info.max;
  switch (info.kind) {
    case "number":
      return { type: "number", ...bounds };
    case "integer":
      return { type: "integer", ...bounds };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { enum: [...(info.choices ?? [])] };
    case "numbers":
      return { type: "array", items: { type: "number", ...bounds } };
    case "integers":
      return { type: "array", items: { type: "integer", ...bounds } };
    case "record":
      return {
        type: "object",
        propertyNames: { pattern: "^[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$" },
        additionalProperties: { type: "number", minimum: 0 },
      };
    case "objects":
      return {
        type: "array",
        minItems: 1,
        items: objectSchema(info.items ?? {}),
      };
    case "schedule":
      return SCHEDULE;
    case "schedules":
      return { type: "array", minItems: 1, items: SCHEDULE };
    case "scheduler":
      return SCHEDULER;
    case "schedulers":
      return {
        type: "array",
        minItems: 1,
        items: info.factories ? { anyOf: [SCHEDULER, { type: "null" }] } : SCHEDULER,
      };
  }
}

function optionSchema(info: OptionInfo): JsonObject {
  let schema = valueSchema(info);
  if (info.scalarToo) schema = { anyOf: [{ type: "number" }, schema] };
  if (info.perGroup) schema = { anyOf: [schema, { type: "array", minItems: 1, items: schema }] };
  if (info.nullable) schema = { anyOf: [schema, { type: "null" }] };
  const notes: JsonObject = { description: info.description };
  if (info.default !== undefined) notes.default = info.default;
  else if (info.defaultText !== undefined) notes.description += ` Default: ${info.defaultText}.`;
  return { ...notes, ...schema };
}

function requiredKeys(options: OptionTable): string[] {
  return Object.entries(options)
    .filter(([, i]) => i.default === undefined && i.defaultText === undefined && !i.optional)
    .map(([key]) => key);
}

/** A plain options object (an item of an `"objects"` list): its table, closed. */
function objectSchema(options: OptionTable): JsonObject {
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(options).map(([k, i]) => [k, optionSchema(i)])),
    required: requiredKeys(options),
    additionalProperties: false,
  };
}

function typeSchema(type: string, description: string, options: OptionTable): JsonObject {
  const required = requiredKeys(options);
  return {
    type: "object",
    description,
    properties: {
      type: { const: type },
      anneal: { const: SPEC_VERSION, description: "The spec format's version (top level)." },
      $schema: { type: "string" },
      ...Object.fromEntries(Object.entries(options).map(([k, i]) => [k, optionSchema(i)])),
    },
    required: ["type", ...required],
    additionalProperties: false,
  };
}

/**
 * The JSON Schema (draft 2020-12) of specs, one definition per registered type, generated
 * from the option tables: editors complete and check spec files with it (put
 * `"$schema": "<path>/lib/spec/spec.schema.json"` at a spec's top). The committed
 * `lib/spec/spec.schema.json` is this function's output (`deno task schema`).
 *
 * @example
 * ```ts
 * import { specJsonSchema } from "../mod.ts";
 * const schema = specJsonSchema();
 * const defs = schema.$defs as Record<string, { required: string[] }>;
 * if (!defs.StepLR!.required.includes("stepSize")) throw new Error();
 * ```
 */
export function specJsonSchema(): JsonObject {
  const { schedulers, schedules } = specTypes();
  const defs: JsonObject = {
    schedulerSpec: { oneOf: schedulers.map((t) => ({ $ref: `#/$defs/${t.type}` })) },
    scheduleSpec: { oneOf: schedules.map((t) => ({ $ref: `#/$defs/${t.type}` })) },
  };
  for (const t of [...schedulers, ...schedules]) {
    defs[t.type] = typeSchema(t.type, t.description, t.options);
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "anneal schedule spec",
    description: 'A learning-rate scheduler or pure schedule as data: { "type": ..., options }.',
    anyOf: [SCHEDULER, SCHEDULE],
    $defs: defs,
  };
}
