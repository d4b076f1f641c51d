/**
 * transformers' `get_reduce_on_plateau_schedule`.
 *
 * @module
 */

import { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import type { ReduceLROnPlateauOptions } from "../schedulers/reduce_lr_on_plateau.ts";
import type { OptimizerLike } from "../schedulers/lr_scheduler.ts";

/**
 * A constant lr cut when a metric stops improving: transformers'
 * `get_reduce_on_plateau_schedule`, which is PyTorch's `ReduceLROnPlateau` with the given
 * options (checked by `ReduceLROnPlateau`). Step it with `step(metric)`.
 *
 * @example
 * ```ts
 * import { getReduceOnPlateauSchedule } from "./mod.ts";
 * const s = getReduceOnPlateauSchedule({ paramGroups: [{ lr: 1 }] }, { patience: 0 });
 * s.step(1);
 * s.step(1); // no improvement, patience 0: the lr is cut by the default factor 0.1
 * if (s.getLastLr()[0] !== 0.1) throw new Error(String(s.getLastLr()));
 * ```
 */
export function getReduceOnPlateauSchedule(
  optimizer: OptimizerLike,
  options: ReduceLROnPlateauOptions = {},
): ReduceLROnPlateau {
  return new ReduceLROnPlateau(optimizer, options);
}
