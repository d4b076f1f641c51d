/**
 * Serialisable tasks: a module URL, the name of one of its exports (a builder) and JSON
 * arguments, from which a worker rebuilds a sweep's run or a range test. Shared by the main
 * thread and the workers, and free of any worker's top-level code.
 *
 * @module
 */

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
