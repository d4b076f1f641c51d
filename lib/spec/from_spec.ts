/**
 * Building schedulers and schedules from specs.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer } from "../schedulers/lr_scheduler.ts";
import type { Json, JsonObject, LRScheduler, OptimizerLike } from "../schedulers/lr_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described, descriptionOf } from "../schedules/_described.ts";
import "./_builtin.ts";
import { record, recordSchema } from "./_built.ts";
import { knownTypes, schedulerType, scheduleType } from "./registry.ts";
import type { BuiltOptions, OptionTable, SchedulerType, ScheduleType } from "./registry.ts";
import { SPEC_VERSION } from "./spec.ts";
import type { Spec } from "./spec.ts";
import { scheduleSpec } from "./_describe.ts";

const TOP_LEVEL_KEYS = ["anneal", "$schema"];

/** Checks the top level's version field and returns the spec without `anneal`/`$schema`. */
export function readTopLevel(spec: unknown): JsonObject {
  checkTree(spec, "spec", new Set(), 0);
  const object = specObject(spec, "spec");
  const { anneal, $schema: _schema, ...rest } = object;
  if (anneal !== undefined) {
    if (typeof anneal !== "number" || !Number.isInteger(anneal) || anneal < 1) {
      throw new TypeError(
        `spec.anneal must be the spec format's version, a positive integer, got spec.anneal=${
          check.show(anneal)
        }`,
      );
    }
    if (anneal > SPEC_VERSION) {
      throw new RangeError(
        `spec.anneal is ${anneal}, a newer spec format than this anneal reads ` +
          `(${SPEC_VERSION}): update anneal to load it`,
      );
    }
  }
  return rest;
}

/** How deep a spec may nest objects and arrays (composites of composites of ...). */
const MAX_DEPTH = 64;

/**
 * Throws unless `value` is a tree of plain data: no object that contains itself (a cycle), no
 * nesting deeper than {@linkcode MAX_DEPTH}, no `__proto__` key. `JSON.parse` can make neither a
 * cycle nor a deep-enough tree by accident, but a spec built in code can.
 */
function checkTree(value: unknown, where: string, ancestors: Set<unknown>, depth: number): void {
  if (typeof value !== "object" || value === null) return;
  if (ancestors.has(value)) {
    throw new TypeError(`${where} contains itself (a cycle): a spec must be plain JSON data`);
  }
  if (depth > MAX_DEPTH) {
    throw new RangeError(`spec nests deeper than ${MAX_DEPTH} levels, at ${where}`);
  }
  ancestors.add(value);
  for (const key of Object.keys(value)) {
    if (key === "__proto__") {
      throw new TypeError(`${where} has the key "__proto__", which a spec may not use`);
    }
    const child = (value as Record<string, unknown>)[key];
    checkTree(
      child,
      Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`,
      ancestors,
      depth + 1,
    );
  }
  ancestors.delete(value);
}

function specObject(spec: unknown, where: string): JsonObject {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    throw new TypeError(`${where} must be a spec object, got ${where}=${check.show(spec)}`);
  }
  const type = (spec as JsonObject).type;
  if (typeof type !== "string") {
    throw new TypeError(`${where}.type must be a string, got ${where}.type=${check.show(type)}`);
  }
  return spec as JsonObject;
}

function unknownType(type: string): RangeError {
  return new RangeError(`unknown spec type ${type}; known types: ${knownTypes().join(", ")}`);
}

function nested(where: string, key: string, index?: number): string {
  return index === undefined ? `${where}.${key}` : `${where}.${key}[${index}]`;
}

/**
 * Validates the keys of `options` against `table` (with the library's one rule for options
 * objects) and builds nested specs; returns the built options and their JSON form with nested
 * schedules described back (defaults filled in).
 */
function materialize(
  type: string,
  options: JsonObject,
  table: OptionTable,
  notInSpec: Readonly<Record<string, string>>,
  where: string,
  optimizer: OptimizerLike | undefined,
): { built: BuiltOptions; json: JsonObject } {
  for (const key of Object.keys(options)) {
    if (key in notInSpec) throw new TypeError(`${type} option ${notInSpec[key]}`);
    if (key === "lastEpoch") {
      throw new TypeError(
        `${type} option lastEpoch is state, not part of a spec: a spec describes a run from ` +
          "its start; save and restore progress with stateDict() and loadStateDict()",
      );
    }
    if (TOP_LEVEL_KEYS.includes(key)) {
      throw new TypeError(`${where}.${key} belongs at the top level of a spec only`);
    }
  }
  const nullable = Object.keys(table).filter((k) => table[k]!.nullable);
  check.options(type, options, Object.keys(table), { nullable });
  const built: BuiltOptions = {};
  const json: JsonObject = {};
  for (const [key, value] of Object.entries(options)) {
    const kind = table[key]!.kind;
    if (typeof value === "function") {
      throw new TypeError(
        `${type} option ${key} is a function, which a spec cannot hold: give it as ${
          kind.startsWith("schedule") ? "a pure-schedule spec" : "data"
        }, for example { "type": "cosineDecaySchedule", "initValue": 1, "decaySteps": 100 }`,
      );
    }
    if (kind === "schedule" || kind === "schedules") {
      const one = (v: unknown, i?: number) => {
        const fn = buildSchedule(v, nested(where, key, i));
        return { fn, spec: scheduleSpec(fn) };
      };
      if (Array.isArray(value)) {
        const parts = value.map((v, i) => one(v, i));
        built[key] = parts.map((p) => p.fn);
        json[key] = parts.map((p) => p.spec);
      } else if (kind === "schedules") {
        throw new TypeError(`${where}.${key} must be an array of specs, got ${check.show(value)}`);
      } else {
        const part = one(value);
        built[key] = part.fn;
        json[key] = part.spec;
      }
    } else if (kind === "scheduler") {
      built[key] = buildScheduler(optimizer as OptimizerLike, value, nested(where, key));
      json[key] = value;
    } else if (kind === "schedulers") {
      if (!Array.isArray(value)) {
        throw new TypeError(`${where}.${key} must be an array of specs, got ${check.show(value)}`);
      }
      built[key] = table[key]!.factories
        ? value.map((v, i) =>
          v === null
            ? null
            : (view: OptimizerLike) => buildScheduler(view, v, nested(where, key, i))
        )
        : value.map((v, i) => buildScheduler(optimizer as OptimizerLike, v, nested(where, key, i)));
      json[key] = value;
    } else {
      built[key] = value;
      json[key] = value as Json;
    }
  }
  return { built, json };
}

function schedulerEntry(type: string): SchedulerType {
  const entry = schedulerType(type);
  if (entry !== undefined) return entry;
  if (scheduleType(type) !== undefined) {
    throw new TypeError(
      `${type} is a pure schedule, not a scheduler: drive an optimizer with it through ` +
        `{ "type": "ScheduleLR", "schedule": { "type": "${type}", ... } }, ` +
        "or build it with scheduleFromSpec(spec)",
    );
  }
  throw unknownType(type);
}

function scheduleEntry(type: string): ScheduleType {
  const entry = scheduleType(type);
  if (entry !== undefined) return entry;
  if (schedulerType(type) !== undefined) {
    throw new TypeError(
      `${type} is a scheduler, not a pure schedule: build it with ` +
        "schedulerFromSpec(optimizer, spec)",
    );
  }
  throw unknownType(type);
}

function buildScheduler(optimizer: OptimizerLike, spec: unknown, where: string): LRScheduler {
  const { type, ...options } = specObject(spec, where);
  const entry = schedulerEntry(type as string);
  const { built, json } = materialize(
    entry.type,
    options,
    entry.options,
    entry.notInSpec ?? {},
    where,
    optimizer,
  );
  const scheduler = entry.create(optimizer, built);
  record(scheduler, json);
  return scheduler;
}

function buildSchedule(spec: unknown, where: string): Schedule {
  const { type, ...options } = specObject(spec, where);
  const entry = scheduleEntry(type as string);
  const { built } = materialize(entry.type, options, entry.options, {}, where, undefined);
  const schedule = entry.create(built);
  // A registered type whose factory records nothing is described by its spec.
  return descriptionOf(schedule) === undefined
    ? described(schedule, { type: entry.type, ...built })
    : schedule;
}

/** A copy of the numeric fields of each group, for a dry run that leaves the original alone. */
function copyGroups(optimizer: OptimizerLike): OptimizerLike {
  return {
    paramGroups: optimizer.paramGroups.map((group) => {
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(group)) {
        if (typeof value === "number") copy[key] = value;
        else if (Array.isArray(value) && value.every((v) => typeof v === "number")) {
          copy[key] = [...value];
        }
      }
      return copy as unknown as OptimizerLike["paramGroups"][number];
    }),
  };
}

/**
 * Builds the scheduler a spec describes, on `optimizer`. Validation is the constructors' own
 * (same messages), plus: unknown keys are refused (with a did-you-mean), an unknown `type` is
 * named with the list of known ones, and function-valued options name the data form to use.
 * A spec that fails leaves `optimizer` untouched: the spec is first built on a copy of the
 * groups' numbers.
 *
 * @example A warmup then cosine decay, from JSON
 * ```ts
 * import { collectLrs, schedulerFromSpec } from "../mod.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = schedulerFromSpec(optimizer, {
 *   type: "SequentialLR",
 *   schedulers: [
 *     { type: "LinearLR", startFactor: 0.1, totalIters: 5 },
 *     { type: "CosineAnnealingLR", tMax: 20 },
 *   ],
 *   milestones: [5],
 * });
 * const lrs = collectLrs(scheduler, 10).map((g) => g[0]!);
 * if (Math.abs(lrs[5]! - 0.1) > 1e-15 || !(lrs[0]! < lrs[4]!)) throw new Error(String(lrs));
 * ```
 */
export function schedulerFromSpec(optimizer: OptimizerLike, spec: Spec): LRScheduler {
  checkOptimizer(optimizer);
  const body = readTopLevel(spec);
  buildScheduler(copyGroups(optimizer), body, "spec");
  const scheduler = buildScheduler(optimizer, body, "spec");
  recordSchema(scheduler, spec.$schema);
  return scheduler;
}

/**
 * Builds the pure schedule a spec describes (`{ "type": "cosineDecaySchedule", ... }`), with
 * the factory's own validation.
 *
 * @example
 * ```ts
 * import { scheduleFromSpec } from "../mod.ts";
 * const lr = scheduleFromSpec({ type: "stepDecay", lr0: 0.1, beta: 0.5, period: 10 });
 * if (lr(0) !== 0.1 || lr(10) !== 0.05) throw new Error();
 * ```
 */
export function scheduleFromSpec(spec: Spec): Schedule {
  const schedule = buildSchedule(readTopLevel(spec), "spec");
  recordSchema(schedule, spec.$schema);
  return schedule;
}
