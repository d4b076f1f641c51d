/**
 * Exporting pure-schedule specs to optax and Keras, where those libraries have the same formula.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import "./_builtin.ts";
import { pyFloat } from "./_python.ts";
import { scheduleType } from "./registry.ts";
import type { Spec } from "./spec.ts";
import { normalizedSpec } from "./to_pytorch.ts";

type Library = "optax" | "keras";

/** The schedule a spec drives: itself, or a ScheduleLR's single schedule. */
function pureSchedule(spec: JsonObject, library: Library): JsonObject {
  if (scheduleType(String(spec.type)) !== undefined) return spec;
  const schedule = spec.schedule;
  if (spec.type === "ScheduleLR" && !Array.isArray(schedule)) return schedule as JsonObject;
  throw new TypeError(
    `${spec.type} has no exact ${library} equivalent: ${library} exports cover pure-schedule ` +
      "specs (and a ScheduleLR of one); export it to PyTorch with toPyTorch(spec)",
  );
}

function expression(spec: JsonObject, library: Library): string {
  const { type, ...options } = spec;
  if (library === "optax" && (type === "joinSchedules" || type === "optax.joinSchedules")) {
    const parts = (options.schedules as JsonObject[]).map((s) => expression(s, library));
    const boundaries = (options.boundaries as number[]).map((b) =>
      Number.isInteger(b) ? String(b) : pyFloat(b)
    );
    return `optax.join_schedules(schedules=[${parts.join(", ")}], boundaries=[${
      boundaries.join(", ")
    }])`;
  }
  const entry = scheduleType(String(type))!;
  const source = entry[library]?.(options);
  if (source === undefined) {
    throw new TypeError(
      `${type} with these options has no exact ${library} equivalent; see the README's export ` +
        "table, or export it to PyTorch with toPyTorch(spec)",
    );
  }
  return source;
}

function program(spec: Spec, library: Library): string {
  const full = pureSchedule(normalizedSpec(spec), library);
  const imports = library === "optax" ? "import optax" : "import keras";
  return `# anneal spec ${JSON.stringify(full)}\n${imports}\n\nschedule = ${
    expression(full, library)
  }\n`;
}

/**
 * Python source binding `schedule` to the optax schedule with the same formula as a
 * pure-schedule spec (optax computes in float32 by default, so values agree to float32
 * precision). Specs without an optax equivalent throw a `TypeError` that says so.
 *
 * @example
 * ```ts
 * import { toOptax } from "../mod.ts";
 * const code = toOptax({ type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 100 });
 * if (!code.includes("optax.cosine_decay_schedule(init_value=0.1, decay_steps=100,")) {
 *   throw new Error(code);
 * }
 * ```
 */
export function toOptax(spec: Spec): string {
  return program(spec, "optax");
}

/**
 * Python source binding `schedule` to the Keras `LearningRateSchedule` with the same formula
 * as a pure-schedule spec (Keras computes in float32). Specs without a Keras equivalent throw
 * a `TypeError` that says so.
 *
 * @example
 * ```ts
 * import { toKeras } from "../mod.ts";
 * const code = toKeras({ type: "stepDecay", lr0: 0.1, period: 10 });
 * if (!code.includes("ExponentialDecay(initial_learning_rate=0.1, decay_steps=10")) {
 *   throw new Error(code);
 * }
 * ```
 */
export function toKeras(spec: Spec): string {
  return program(spec, "keras");
}
