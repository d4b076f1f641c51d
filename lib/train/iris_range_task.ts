/**
 * `irisRangeTestTask`: the seed post's Iris network as a serialisable range-test configuration,
 * so `lrRangeTests` can rebuild its model, optimizer and data in workers, one test per seed.
 *
 * @module
 */

import * as check from "../_check.ts";
import { irisSetup, type IrisSetupOptions } from "./iris_setup.ts";
import { checkRangeSettings, type LrRangeTestOptions } from "./lr_range_test.ts";
import type { SweepTask } from "./_task.ts";

/**
 * Options of {@linkcode irisRangeTestTask}: the network's (`irisSetup()`'s `splitSeed`,
 * `reduction`, `lr`, `hidden`), the range test's own (`startLr`, `endLr`, `steps`, `mode`,
 * `smoothing`, `divergeFactor`, `suggestion`, `skipBegin`, `skipEnd`), and `validation`.
 */
export interface IrisRangeTestTaskOptions
  extends
    Pick<IrisSetupOptions, "splitSeed" | "reduction" | "lr" | "hidden">,
    Pick<
      LrRangeTestOptions,
      | "startLr"
      | "endLr"
      | "steps"
      | "mode"
      | "smoothing"
      | "divergeFactor"
      | "suggestion"
      | "skipBegin"
      | "skipEnd"
    > {
  /** Use the 30 test rows as `validationData` (the curve is then their loss). Default false. */
  validation?: boolean;
}

const KEYS = [
  "splitSeed",
  "reduction",
  "lr",
  "hidden",
  "startLr",
  "endLr",
  "steps",
  "mode",
  "smoothing",
  "divergeFactor",
  "suggestion",
  "skipBegin",
  "skipEnd",
  "validation",
] as const;

/**
 * A range-test configuration for the Iris network: in each test, `irisSetup({ seed, ... })`'s
 * model, loss and plain SGD optimizer (no scheduler) on its 120 training rows, with the range
 * test's options. The options are checked now (the network by building it once for seed 0), so
 * a bad option throws here and not in a worker.
 *
 * @example Three seeds on two workers
 * ```ts
 * import { irisRangeTestTask } from "./iris_range_task.ts";
 * import { lrRangeTests } from "./lr_range_tests.ts";
 * const runs = await lrRangeTests({
 *   configs: { "sgd, mean": irisRangeTestTask({ reduction: "mean", steps: 40 }) },
 *   seeds: [0, 1, 2],
 *   workers: 2,
 * });
 * console.assert(runs.map((r) => r.seed).join() === "0,1,2");
 * ```
 */
export function irisRangeTestTask(options: IrisRangeTestTaskOptions = {}): SweepTask {
  check.options("irisRangeTestTask", options, KEYS, { nullable: ["divergeFactor"] });
  const args = structuredClone(options);
  irisRangeTestRun(0, args);
  return { module: import.meta.url, export: "irisRangeTestRun", args };
}

/**
 * The builder behind {@linkcode irisRangeTestTask}: one test's `lrRangeTest()` options for a
 * seed (checked as the task checks them).
 *
 * @example
 * ```ts
 * import { irisRangeTestRun } from "./iris_range_task.ts";
 * import { lrRangeTest } from "./lr_range_test.ts";
 * const r = lrRangeTest(irisRangeTestRun(3, { reduction: "mean", steps: 30 }));
 * console.assert(r.lr.length <= 30 && r.lr[0] === 1e-7);
 * ```
 */
export function irisRangeTestRun(
  seed: number,
  args: IrisRangeTestTaskOptions = {},
): LrRangeTestOptions {
  check.options("irisRangeTestRun", args, KEYS, { nullable: ["divergeFactor"] });
  const { splitSeed, reduction, lr, hidden, validation, ...range } = args;
  if (validation !== undefined) check.boolean("validation", validation);
  checkRangeSettings(range);
  const setup = irisSetup({ seed, splitSeed, reduction, lr, hidden, stepSize: null });
  const { model, loss, optimizer, split } = setup;
  return validation === true
    ? { model, loss, optimizer, data: split, validationData: split, ...range }
    : { model, loss, optimizer, data: split, ...range };
}
