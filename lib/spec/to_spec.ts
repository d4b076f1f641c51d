/**
 * Turning a live scheduler or schedule back into a spec.
 *
 * @module
 */

import * as check from "../_check.ts";
import { LRScheduler } from "../schedulers/lr_scheduler.ts";
import { Scheduler as TimmScheduler } from "../timm/scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import "./_builtin.ts";
import { schedulerSpec, scheduleSpec } from "./_describe.ts";
import { recordedSchema } from "./_built.ts";
import { SPEC_VERSION } from "./spec.ts";
import type { Spec } from "./spec.ts";

/**
 * The spec of a scheduler or a pure schedule, every default filled in and `"anneal": 1` at
 * the top: `toSpec(schedulerFromSpec(optimizer, s))` equals `s` with its defaults filled in.
 * Schedulers are read through their public state (`stateDict()`, public fields), so a
 * scheduler built by its constructor works too, with two rules: a per-group option whose
 * groups all agree is written once (`maxLr: 0.1`, not `[0.1, 0.1]`; a scheduler built from a
 * spec keeps the spec's form), and options a scheduler
 * ignores (`CyclicLR`'s momenta when `cycleMomentum` is false) come back as their defaults.
 * Functions have no spec: `LambdaLR`'s `lrLambda`, `CyclicLR`'s `scaleFn` and `ScheduleLR`'s
 * schedule are readable only from schedulers built by `schedulerFromSpec`; the error says so.
 * A top-level `$schema` of the spec an object was built from is written back too. A timm
 * scheduler (built directly, or the `timm` of a `TimmLR`) reads back as its timm spec, and an
 * `HfLambdaLR` as the `hf` function that built it (its `name` and `options`).
 *
 * @example Save a spec beside a run, load it back
 * ```ts
 * import { schedulerFromSpec, StepLR, toSpec } from "../mod.ts";
 * const scheduler = new StepLR({ paramGroups: [{ lr: 0.1 }] }, { stepSize: 5 });
 * const spec = toSpec(scheduler); // { anneal: 1, type: "StepLR", stepSize: 5, gamma: 0.1 }
 * const again = schedulerFromSpec({ paramGroups: [{ lr: 0.1 }] }, JSON.parse(JSON.stringify(spec)));
 * if (spec.gamma !== 0.1 || JSON.stringify(toSpec(again)) !== JSON.stringify(spec)) throw new Error();
 * ```
 */
export function toSpec(schedulerOrSchedule: LRScheduler | TimmScheduler | Schedule): Spec {
  const x: unknown = schedulerOrSchedule;
  const schema = (typeof x === "object" && x !== null) || typeof x === "function"
    ? recordedSchema(x as object)
    : undefined;
  const top = schema === undefined
    ? { anneal: SPEC_VERSION }
    : { $schema: schema, anneal: SPEC_VERSION };
  if (x instanceof LRScheduler) return { ...top, ...schedulerSpec(x) } as Spec;
  if (x instanceof TimmScheduler) {
    return { ...top, ...schedulerSpec(x as unknown as LRScheduler) } as Spec;
  }
  if (typeof x === "function") return { ...top, ...scheduleSpec(x as Schedule) } as Spec;
  throw new TypeError(
    `toSpec expects a scheduler or a pure schedule, got ${check.show(schedulerOrSchedule)}`,
  );
}
