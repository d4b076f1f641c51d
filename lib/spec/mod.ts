/**
 * anneal/spec: schedules as data. A spec is plain JSON (`{ "type": "StepLR", "stepSize": 5 }`)
 * that builds a scheduler or a pure schedule, comes back from a live one with `toSpec`, and
 * exports to PyTorch (and, where the formula exists there, optax and Keras). The registry
 * holds one entry per type; other families add theirs with one call each.
 *
 * @module
 */

import "./_builtin.ts";
export type { Spec } from "./spec.ts";
export { SPEC_VERSION } from "./spec.ts";
export { scheduleFromSpec, schedulerFromSpec } from "./from_spec.ts";
export { toSpec } from "./to_spec.ts";
export { toPyTorch } from "./to_pytorch.ts";
export { toKeras, toOptax } from "./to_optax.ts";
export { specJsonSchema } from "./json_schema.ts";
export { registerSchedule, registerScheduler, specTypes } from "./registry.ts";
export type {
  BuiltOptions,
  OptionInfo,
  OptionKind,
  OptionTable,
  SchedulerType,
  ScheduleType,
} from "./registry.ts";
export type { PyWriter } from "./_python.ts";
export { specValues } from "./spec_values.ts";
export type { SpecValues, SpecValuesOptions } from "./spec_values.ts";
export { TimmLR } from "./timm_lr.ts";
