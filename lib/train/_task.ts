/**
 * Serialisable tasks: a module URL, the name of one of its exports (a builder) and JSON
 * arguments, from which a worker rebuilds a sweep's run or a range test. Shared by the main
 * thread and the workers, and free of any worker's top-level code.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { TrainOptions } from "./train.ts";

/** A configuration that a worker can rebuild: a module, one of its exports, JSON arguments. */
export interface SweepTask {
  /** The module's URL (`import.meta.url` of the file that exports the builder, or any URL). */
  module: string;
  /**
   * The export's name: a function `(seed, args) => TrainOptions` (for a sweep) or
   * `(seed, args) => LrRangeTestOptions` (for `lrRangeTests`).
   */
  export: string;
  /** Plain JSON passed to the builder as its second argument (a copy, in every run). */
  args?: unknown;
}

/**
 * Imports a task's module and returns its builder, checked to be a function.
 *
 * @example
 * ```ts
 * import { loadBuilder } from "./_task.ts";
 * const build = await loadBuilder({ module: new URL("./iris_task.ts", import.meta.url).href, export: "irisRun" });
 * console.assert(typeof build === "function");
 * ```
 */
export async function loadBuilder<T = TrainOptions>(
  task: SweepTask,
  what = "train options",
): Promise<(seed: number, args: unknown) => T> {
  const mod = await import(task.module) as Record<string, unknown>;
  const build = mod[task.export];
  if (typeof build !== "function") {
    throw new TypeError(
      `the task's export "${task.export}" of ${task.module} must be a function (seed, args) => ${what}, got ${typeof build}`,
    );
  }
  return build as (seed: number, args: unknown) => T;
}

/**
 * Throws unless configuration `name` is a function or a task `{ module, export, args }` whose
 * arguments are plain JSON (they survive a copy to a worker); `what` names what a function
 * builds, for the message.
 *
 * @example
 * ```ts
 * import { checkConfig } from "./_task.ts";
 * checkConfig("a", { module: "file:///m.ts", export: "f", args: { lr: 1 } }, "train options");
 * ```
 */
export function checkConfig(name: string, config: unknown, what: string): void {
  if (typeof config === "function") return;
  const task = config as Partial<SweepTask> | null;
  if (
    typeof task !== "object" || task === null || typeof task.module !== "string" ||
    typeof task.export !== "string"
  ) {
    throw new TypeError(
      `configs["${name}"] must be a function (seed) => ${what} or a task { module, export, args }, got configs["${name}"]=${
        check.show(config)
      }`,
    );
  }
  check.options(`configs["${name}"]`, task, ["module", "export", "args"]);
  if (task.args !== undefined && !isJson(task.args)) {
    throw new TypeError(
      `configs["${name}"].args must be plain JSON, got args=${check.show(task.args)}`,
    );
  }
}

/** True for null, booleans, finite numbers, strings, and arrays and plain objects of these. */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isJson);
}
