/**
 * The shape of a Keras schedule here: a {@linkcode Schedule} with Keras' `get_config`.
 *
 * @module
 */

import type { Schedule } from "../schedules/schedule.ts";
import { described } from "../schedules/_described.ts";

/**
 * A Keras `LearningRateSchedule` as anneal models it: a function `(step) => lr` (so
 * `ScheduleLR` can drive an optimizer with it, and it composes with every other schedule)
 * that also carries `getConfig()`, Keras' `get_config()` with camelCase keys and every
 * default filled in. `Kind(schedule.getConfig())` rebuilds an identical schedule, as
 * `from_config` does.
 */
export type KerasSchedule<Config> = Schedule & {
  /** The options, defaults filled in (Keras' `get_config()` with camelCase keys). */
  getConfig(): Config;
};

/**
 * Attaches `getConfig` (returning a fresh copy of `config`) to `schedule`, and records its spec
 * (`{ type: "keras.<name>", ...config }`) so that `toSpec` reads it back.
 */
export function withConfig<Config extends object>(
  name: string,
  schedule: Schedule,
  config: Config,
): KerasSchedule<Config> {
  described(schedule, { type: `keras.${name}`, ...config });
  const frozen = structuredClone(config);
  return Object.assign(schedule, { getConfig: () => structuredClone(frozen) });
}
