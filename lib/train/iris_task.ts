/**
 * `irisTask`: the seed post's Iris experiment as a serialisable sweep configuration, so a sweep
 * can rebuild its runs in workers (`sweepAsync({ configs, seeds, workers: 2 })`), with the
 * schedule given as a spec (plain JSON) when it is not the default StepLR.
 *
 * @module
 */

import * as check from "../_check.ts";
import { schedulerFromSpec } from "../spec/from_spec.ts";
import type { Spec } from "../spec/spec.ts";
import { irisSetup, type IrisSetupOptions } from "./iris_setup.ts";
import type { SweepTask } from "./_task.ts";
import type { TrainOptions } from "./train.ts";

/** Options of {@linkcode irisTask}: `irisSetup()`'s but the seed, and a scheduler spec. */
export interface IrisTaskOptions extends Omit<IrisSetupOptions, "seed"> {
  /**
   * The scheduler as a spec (`{ type: "CosineAnnealingLR", tMax: 5000 }`), built on the run's
   * optimizer in place of `irisSetup()`'s StepLR; leave `stepSize` and `gamma` out then.
   */
  scheduler?: Spec;
}

/**
 * A sweep configuration for the Iris experiment: `irisSetup({ ...options, seed })` in each run,
 * with `options.scheduler` (a spec) built on its optimizer when given. The options are checked
 * now, by building the run once for seed 0, so a bad option throws here and not in a worker.
 *
 * @example Two schedules as data, on two workers
 * ```ts
 * import { irisTask } from "./iris_task.ts";
 * import { sweepAsync } from "./sweep.ts";
 * const runs = await sweepAsync({
 *   configs: {
 *     step: irisTask({ iterations: 500, stepSize: 250 }),
 *     linear: irisTask({ iterations: 500, scheduler: { type: "LinearLR", totalIters: 500 } }),
 *   },
 *   seeds: [0],
 *   workers: 2,
 * });
 * console.assert(runs.map((r) => r.name).join() === "step,linear");
 * ```
 */
export function irisTask(options: IrisTaskOptions = {}): SweepTask {
  check.options("irisTask", options, [
    "splitSeed",
    "reduction",
    "lr",
    "stepSize",
    "gamma",
    "iterations",
    "evalEvery",
    "stopAt",
    "hidden",
    "scheduler",
  ], { nullable: ["stepSize", "stopAt"] });
  const args = structuredClone(options);
  irisRun(0, args);
  return { module: import.meta.url, export: "irisRun", args };
}

/**
 * The builder behind {@linkcode irisTask}: the run's `train()` options for one seed.
 *
 * @example
 * ```ts
 * import { irisRun } from "./iris_task.ts";
 * const setup = irisRun(3, { iterations: 100, scheduler: { type: "ConstantLR", factor: 0.5 } });
 * console.assert(setup.optimizer.paramGroups[0]!.lr === 5e-4);
 * ```
 */
export function irisRun(seed: number, args: IrisTaskOptions = {}): TrainOptions {
  const { scheduler, ...setupOptions } = args;
  if (scheduler === undefined) return irisSetup({ ...setupOptions, seed });
  for (const key of ["stepSize", "gamma"] as const) {
    if (setupOptions[key] !== undefined) {
      throw new RangeError(
        `${key} configures the default StepLR, which scheduler replaces: give one of them, got ${key}=${
          check.show(setupOptions[key])
        } and scheduler=${check.show(scheduler)}`,
      );
    }
  }
  const setup = irisSetup({ ...setupOptions, seed, stepSize: null });
  return { ...setup, scheduler: schedulerFromSpec(setup.optimizer, scheduler) };
}
