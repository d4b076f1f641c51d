/**
 * optax's `sgdr_schedule`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";
import { joinSchedules } from "./join_schedules.ts";
import {
  warmupCosineDecaySchedule,
  type WarmupCosineDecayScheduleOptions,
} from "./warmup_cosine_decay_schedule.ts";

/** Options of {@linkcode sgdrSchedule} (optax's argument in camelCase). */
export interface SgdrScheduleOptions {
  /** One {@linkcode warmupCosineDecaySchedule} options object per cycle: at least one. */
  cosineKwargs: readonly WarmupCosineDecayScheduleOptions[];
}

/**
 * SGD with warm restarts as optax builds it (`optax.sgdr_schedule`,
 * optax/schedules/_schedule.py): one {@linkcode warmupCosineDecaySchedule} per entry of
 * `cosineKwargs`, joined end to end, each cycle lasting its `decaySteps`:
 *
 * ```
 * boundaries = [D_0, D_0 + D_1, ...]   (all but the last cycle's end)
 * lr = joinSchedules(cycles, boundaries)
 * ```
 *
 * The last cycle holds its end value after it ends. (The top-level `sgdrSchedule` is the
 * PyTorch / timm form with a cycle length and multipliers instead.)
 *
 * @throws {RangeError} `sgdrSchedule cosineKwargs must be a non-empty array, got
 * cosineKwargs=[]`, and each cycle's own errors.
 * @throws {TypeError} for options that are not an object or hold an unknown key.
 *
 * @example Two cycles of 20 steps, the second with a lower peak
 * ```ts
 * import { sgdrSchedule } from "./sgdr_schedule.ts";
 * const lr = sgdrSchedule({
 *   cosineKwargs: [
 *     { initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 20 },
 *     { initValue: 0, peakValue: 0.05, warmupSteps: 5, decaySteps: 20 },
 *   ],
 * });
 * if (lr(5) !== 0.1 || lr(20) !== 0 || lr(25) !== 0.05 || lr(40) !== 0) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function sgdrSchedule(options: SgdrScheduleOptions): Schedule {
  check.options("sgdrSchedule", options, ["cosineKwargs"]);
  const { cosineKwargs } = options;
  if (!Array.isArray(cosineKwargs)) {
    throw new TypeError(
      `cosineKwargs must be an array, got cosineKwargs=${check.show(cosineKwargs)}`,
    );
  }
  if (cosineKwargs.length === 0) {
    throw new RangeError(
      `sgdrSchedule cosineKwargs must be a non-empty array, got cosineKwargs=${
        check.show(cosineKwargs)
      }`,
    );
  }
  const schedules: Schedule[] = [];
  const boundaries: number[] = [];
  let step = 0;
  for (const kwargs of cosineKwargs) {
    schedules.push(warmupCosineDecaySchedule(kwargs));
    boundaries.push(step + kwargs.decaySteps);
    step += kwargs.decaySteps;
  }
  return described(joinSchedules({ schedules, boundaries: boundaries.slice(0, -1) }), {
    type: "optax.sgdrSchedule",
    ...options,
  });
}
