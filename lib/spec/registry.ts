/**
 * The spec registry: one entry per spec `type`, each with its option table (what a JSON
 * Schema, an interactive designer and the validator need), how to build it, how to read a live
 * object back into options, and how to write it as PyTorch code. Other families add their types
 * with one call each ({@linkcode registerScheduler}, {@linkcode registerSchedule}).
 *
 * Registering a new scheduler class (a warmup wrapper, SWALR, a timm scheduler) takes one
 * `registerScheduler` call, next to the other registrations in `lib/spec/_schedulers.ts` or in
 * the family's own module:
 * - `options`: one {@linkcode OptionInfo} row per constructor option a spec may hold (never
 *   `lastEpoch`); nested specs are kinds `"scheduler"`, `"schedulers"`, `"schedule"`;
 * - `create(optimizer, options)`: `new TheClass(optimizer, options)` (nested specs arrive built);
 * - `matches(s)`: `Object.getPrototypeOf(s) === TheClass.prototype`;
 * - `read(s)`: the options back from `s.stateDict()` or public fields, defaults filled in;
 * - `pytorch(options, py)`: a Python expression, for example
 *   `` `lr_scheduler.TheClass(optimizer, ${py.kwargs(options, table)})` ``, or a class written
 *   once with `py.helper(name, source)`.
 * The JSON Schema picks the type up on the next `deno task schema`, and the tests in
 * `tests/spec/` require a round-trip and a torch case for every registered type.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Json, JsonObject, LRScheduler, OptimizerLike } from "../schedulers/lr_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import type { PyWriter } from "./_python.ts";

/**
 * What an option holds. `"schedule"`/`"schedules"` are nested pure-schedule specs,
 * `"scheduler"`/`"schedulers"` nested scheduler specs, `"numbers"`/`"integers"` lists,
 * `"record"` an object from numeric keys to numbers, `"objects"` a list of plain option objects
 * described by `items` (optax's `sgdr_schedule(cosine_kwargs)`).
 */
export type OptionKind =
  | "number"
  | "integer"
  | "boolean"
  | "enum"
  | "numbers"
  | "integers"
  | "record"
  | "objects"
  | "schedule"
  | "schedules"
  | "scheduler"
  | "schedulers";

/**
 * One row of an option table: everything a schema, a designer or an exporter needs.
 *
 * @example Read a type's table, as a designer would to draw its controls
 * ```ts
 * import { specTypes } from "../mod.ts";
 * const cyclic = specTypes().schedulers.find((t) => t.type === "CyclicLR")!;
 * const { mode, maxLr } = cyclic.options;
 * if (mode!.kind !== "enum" || !mode!.choices!.includes("exp_range")) throw new Error();
 * if (!maxLr!.log || !maxLr!.perGroup) throw new Error("a per-group lr on a log scale");
 * ```
 */
export interface OptionInfo {
  /** What the option holds. */
  kind: OptionKind;
  /** One sentence for tooltips and the JSON Schema. */
  description: string;
  /** The default when the key is absent; absent here and not `optional`: the key is required. */
  default?: Json;
  /** A default computed from other options, in words (`"stepSizeUp"`), when there is one. */
  defaultText?: string;
  /** The key may be absent and has no default (for example `exponentialDecay`'s `endValue`). */
  optional?: boolean;
  /** Smallest allowed value (numbers), inclusive unless `exclusiveMin`. */
  min?: number;
  /** `min` itself is not allowed. */
  exclusiveMin?: boolean;
  /** Largest allowed value (numbers), inclusive. */
  max?: number;
  /** A log scale suits this option (learning rates, factors spanning decades). */
  log?: boolean;
  /** The allowed strings of an `"enum"`. */
  choices?: readonly string[];
  /** `null` is a documented value of this option. */
  nullable?: boolean;
  /** The value may be one per param group: a single value or a list with one per group. */
  perGroup?: boolean;
  /** PyTorch's keyword for it, when not the plain snake_case of the key (`T_max`). */
  pytorch?: string;
  /**
   * A `"schedulers"` option whose specs the scheduler builds itself, each over its own view of
   * the optimizer (`ParamwiseScheduler`): they arrive as factories, `null` entries allowed.
   */
  factories?: boolean;
  /** A `"numbers"` option that also takes a single number (timm's `noiseRangeT`). */
  scalarToo?: boolean;
  /** The option table of each object of an `"objects"` list. */
  items?: OptionTable;
}

/** An option table: option name → {@linkcode OptionInfo}, in the constructor's order. */
export type OptionTable = Readonly<Record<string, OptionInfo>>;

/** Options after nested specs were built: schedules are functions, schedulers instances. */
export type BuiltOptions = Record<string, unknown>;

/** A registered scheduler type (a class driving an optimizer). */
export interface SchedulerType {
  /** The spec's `type`, the class name (`"StepLR"`). */
  type: string;
  /** One sentence for the schema and the designer. */
  description: string;
  /** The options a spec may carry (never `lastEpoch`: a spec describes a run from its start). */
  options: OptionTable;
  /**
   * Constructor options a spec cannot hold (functions such as `scaleFn`, or options that only
   * matter with one), each with the reason and the data form to use instead.
   */
  notInSpec?: Readonly<Record<string, string>>;
  /** Builds the scheduler from validated options whose nested specs are already built. */
  create(optimizer: OptimizerLike, options: BuiltOptions): LRScheduler;
  /** True when `scheduler` is an instance of this type (its exact class). */
  matches(scheduler: LRScheduler): boolean;
  /**
   * The options of a live scheduler, defaults filled in. Nested schedulers may be returned as
   * instances and schedules as functions (`toSpec` describes them); `recorded` holds the
   * JSON options the scheduler was built with by `schedulerFromSpec`, for what its public API
   * does not expose (functions held privately).
   */
  read(scheduler: LRScheduler, recorded: JsonObject | undefined): Record<string, unknown>;
  /** A Python expression building it (PyTorch's class where there is one), or absent. */
  pytorch?(options: JsonObject, py: PyWriter): string;
}

/** A registered pure-schedule type (a function `step => value`). */
export interface ScheduleType {
  /** The spec's `type`, the factory's name (`"cosineDecaySchedule"`). */
  type: string;
  /** One sentence for the schema and the designer. */
  description: string;
  /** The options a spec may carry. */
  options: OptionTable;
  /** Builds the schedule from validated options whose nested specs are already built. */
  create(options: BuiltOptions): Schedule;
  /** Defines a Python function computing it, operation for operation, and returns its name. */
  python?(options: JsonObject, py: PyWriter): string;
  /** Python source of an exactly equivalent optax schedule, or absent (an error explains). */
  optax?(options: JsonObject): string | undefined;
  /** Python source of an exactly equivalent Keras schedule, or absent. */
  keras?(options: JsonObject): string | undefined;
}

const schedulers = new Map<string, SchedulerType>();
const schedules = new Map<string, ScheduleType>();

const SCHEDULER_KEYS = [
  "type",
  "description",
  "options",
  "notInSpec",
  "create",
  "matches",
  "read",
  "pytorch",
];
const SCHEDULE_KEYS = ["type", "description", "options", "create", "python", "optax", "keras"];

/** The library's rule for options objects, then the entry's functions and option rows. */
function checkEntry(owner: string, entry: unknown, keys: readonly string[], needs: string[]): void {
  check.options(owner, entry, keys, { argument: "entry" });
  const e = entry as Record<string, unknown>;
  for (const key of needs) check.callable(`entry.${key}`, e[key]);
  check.options(owner, e.options, Object.keys(e.options ?? {}), { argument: "entry.options" });
  for (const [key, row] of Object.entries(e.options as Record<string, OptionInfo>)) {
    check.options(owner, row, OPTION_INFO_KEYS, {
      argument: `entry.options.${key}`,
      nullable: ["default"],
    });
    check.oneOf(`entry.options.${key}.kind`, row.kind, OPTION_KINDS);
    if (typeof row.description !== "string") {
      throw new TypeError(
        `entry.options.${key}.description must be a string, got ${check.show(row.description)}`,
      );
    }
  }
}

const OPTION_KINDS: readonly OptionKind[] = [
  "number",
  "integer",
  "boolean",
  "enum",
  "numbers",
  "integers",
  "record",
  "objects",
  "schedule",
  "schedules",
  "scheduler",
  "schedulers",
];
const OPTION_INFO_KEYS = [
  "kind",
  "description",
  "default",
  "defaultText",
  "optional",
  "min",
  "exclusiveMin",
  "max",
  "log",
  "choices",
  "nullable",
  "perGroup",
  "pytorch",
  "factories",
  "scalarToo",
  "items",
];

function checkNew(type: string): void {
  if (typeof type !== "string" || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(type)) {
    throw new TypeError(`type must be an identifier, got type=${JSON.stringify(type)}`);
  }
  if (schedulers.has(type) || schedules.has(type)) {
    throw new RangeError(`spec type ${type} is already registered`);
  }
}

/**
 * Registers a scheduler type, so that specs of that `type` build, read back, appear in the
 * JSON Schema and export. One call per type; a type name can be registered once.
 *
 * @example Register a scheduler class of your own
 * ```ts
 * import { registerScheduler, schedulerFromSpec, toSpec, ExponentialLR } from "../mod.ts";
 * class HalvingLR extends ExponentialLR {
 *   constructor(optimizer: { paramGroups: { lr: number }[] }) {
 *     super(optimizer, { gamma: 0.5 });
 *   }
 * }
 * registerScheduler({
 *   type: "HalvingLR",
 *   description: "Halves the lr every step.",
 *   options: {},
 *   create: (optimizer) => new HalvingLR(optimizer),
 *   matches: (s) => s instanceof HalvingLR,
 *   read: () => ({}),
 * });
 * const s = schedulerFromSpec({ paramGroups: [{ lr: 1 }] }, { type: "HalvingLR" });
 * s.step();
 * if (s.getLastLr()[0] !== 0.5 || toSpec(s).type !== "HalvingLR") throw new Error();
 * ```
 */
export function registerScheduler(entry: SchedulerType): void {
  checkEntry("registerScheduler", entry, SCHEDULER_KEYS, ["create", "matches", "read"]);
  checkNew(entry.type);
  schedulers.set(entry.type, entry);
}

/**
 * Registers a pure-schedule type. One call per type; a type name can be registered once.
 *
 * @example
 * ```ts
 * import { registerSchedule, scheduleFromSpec } from "../mod.ts";
 * registerSchedule({
 *   type: "halvingSchedule",
 *   description: "Halves a value every step.",
 *   options: { value: { kind: "number", description: "The value at step 0." } },
 *   create: (o) => (t: number) => (o.value as number) * 0.5 ** t,
 * });
 * if (scheduleFromSpec({ type: "halvingSchedule", value: 4 })(2) !== 1) throw new Error();
 * ```
 */
export function registerSchedule(entry: ScheduleType): void {
  checkEntry("registerSchedule", entry, SCHEDULE_KEYS, ["create"]);
  checkNew(entry.type);
  schedules.set(entry.type, entry);
}

/**
 * Every registered type, schedulers first, each family in registration order: the option
 * tables a designer or a schema generator reads.
 *
 * @example
 * ```ts
 * import { specTypes } from "../mod.ts";
 * const step = specTypes().schedulers.find((t) => t.type === "StepLR")!;
 * if (step.options.gamma!.default !== 0.1) throw new Error();
 * ```
 */
export function specTypes(): { schedulers: SchedulerType[]; schedules: ScheduleType[] } {
  return { schedulers: [...schedulers.values()], schedules: [...schedules.values()] };
}

/** The scheduler type named `type`, or `undefined`. */
export function schedulerType(type: string): SchedulerType | undefined {
  return schedulers.get(type);
}

/** The schedule type named `type`, or `undefined`. */
export function scheduleType(type: string): ScheduleType | undefined {
  return schedules.get(type);
}

/** The names of every registered type, for error messages. */
export function knownTypes(): string[] {
  return [...schedulers.keys(), ...schedules.keys()];
}
