/**
 * The spec format: a schedule as plain JSON.
 *
 * @module
 */

/**
 * The spec format's version. A top-level spec may carry `"anneal": 1`; `toSpec` always writes
 * it. A spec without it is read as version 1; a newer version than this library reads is
 * refused with an error rather than misread. Within a version, unknown keys are refused
 * too, so a spec never loads with an option silently ignored.
 *
 * @example
 * ```ts
 * import { SPEC_VERSION, StepLR, toSpec } from "../mod.ts";
 * const spec = toSpec(new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 2 }));
 * if (spec.anneal !== SPEC_VERSION) throw new Error();
 * ```
 */
export const SPEC_VERSION = 1;

/**
 * A schedule as data: `{ "type": "StepLR", "stepSize": 5, "gamma": 0.5 }`. `type` is a
 * PyTorch class name (a scheduler) or a pure-schedule function name; the other keys are that
 * constructor's camelCase options (never `lastEpoch`: a spec describes a run from its start,
 * and a run's progress is saved with `stateDict()`). Composites nest specs
 * (`SequentialLR.schedulers`, `ChainedScheduler.schedulers`, `ScheduleLR.schedule`,
 * `LambdaLR.lrLambda`, `joinSchedules.schedules`). The top level may carry `"anneal": 1`
 * (the format's version) and `"$schema"` (for editors; `toSpec` writes it back).
 *
 * @example A spec is JSON
 * ```ts
 * import type { Spec } from "../mod.ts";
 * const spec: Spec = JSON.parse('{ "type": "StepLR", "stepSize": 5, "gamma": 0.5 }');
 * if (spec.type !== "StepLR") throw new Error();
 * ```
 */
export interface Spec {
  /** The scheduler class or schedule function this spec builds. */
  type: string;
  /** The format's version, {@linkcode SPEC_VERSION}, at the top level only. */
  anneal?: number;
  /** The options, camelCase, as the constructor takes them. */
  // deno-lint-ignore no-explicit-any
  [option: string]: any;
}
