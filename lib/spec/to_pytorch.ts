/**
 * Exporting a spec to PyTorch source.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { descriptionOf, loweredOf } from "../schedules/_described.ts";
import "./_builtin.ts";
import { descriptionSpec, schedulerSpec, scheduleSpec } from "./_describe.ts";
import { PyWriter } from "./_python.ts";
import { fieldScheduler } from "./_field_py.ts";
import { readTopLevel, scheduleFromSpec, schedulerFromSpec } from "./from_spec.ts";
import { schedulerType, scheduleType } from "./registry.ts";
import type { Spec } from "./spec.ts";

/** The largest per-group list in the spec tree: how many groups a probe optimizer needs. */
function groupsNeeded(spec: unknown): number {
  if (Array.isArray(spec)) return Math.max(1, ...spec.map(groupsNeeded));
  if (typeof spec !== "object" || spec === null) return 1;
  const entry = schedulerType(String((spec as JsonObject).type));
  let n = 1;
  for (const [key, value] of Object.entries(spec)) {
    const info = entry?.options[key];
    if ((info?.perGroup || info?.factories) && Array.isArray(value)) {
      n = Math.max(n, value.length);
    }
    n = Math.max(n, groupsNeeded(value));
  }
  return n;
}

/**
 * The spec with every default filled in, validated by building it (a scheduler on a probe
 * optimizer with as many groups as its per-group lists, each with every field a scheduler can
 * drive: `lr`, `momentum`, `betas`, `weightDecay`, `eps`).
 */
export function normalizedSpec(spec: Spec): JsonObject {
  const body = readTopLevel(spec);
  if (scheduleType(String(body.type)) !== undefined) {
    return scheduleSpec(scheduleFromSpec(body as Spec));
  }
  const groups = Array.from({ length: groupsNeeded(body) }, () => ({
    lr: 0.1,
    momentum: 0.9,
    betas: [0.9, 0.999] as [number, number],
    weightDecay: 0.01,
    eps: 1e-8,
  }));
  return schedulerSpec(schedulerFromSpec({ paramGroups: groups }, body as Spec));
}

function options(spec: JsonObject): JsonObject {
  const { type: _type, ...rest } = spec;
  return rest;
}

function writeSchedule(spec: JsonObject, py: PyWriter): string {
  const entry = scheduleType(String(spec.type))!;
  if (entry.python !== undefined) return entry.python(options(spec), py);
  const lowered = loweredOf(descriptionOf(scheduleFromSpec(spec as Spec))!);
  if (lowered === undefined) {
    throw new TypeError(`${spec.type} has no PyTorch export: its registry entry has no python()`);
  }
  return py.schedule(descriptionSpec(lowered));
}

function schedulerExpression(spec: JsonObject, py: PyWriter): string {
  const entry = schedulerType(String(spec.type))!;
  if (entry.pytorch === undefined) {
    throw new TypeError(`${spec.type} has no PyTorch export: its registry entry has no pytorch()`);
  }
  if (spec.field !== undefined && spec.field !== "lr") return fieldScheduler(spec, py);
  return entry.pytorch(options(spec), py);
}

/**
 * Python source that, run where `optimizer` is a torch optimizer, binds `scheduler` (imports
 * included). Stepping it (`step()`, or `step(metric)` for `ReduceLROnPlateau`) gives the lrs
 * anneal's scheduler gives: PyTorch's own class where PyTorch has one (same arithmetic), and
 * for pure schedules a `ScheduleLR` class on PyTorch's base with a function whose arithmetic
 * is anneal's, operation for operation (bit for bit, except where Python's `math` and
 * JavaScript's `Math` round `cos`, `exp` or `**` differently in the last bit). A pure-schedule
 * spec exports as a `ScheduleLR` driving every group. A scheduler whose `field` is not the lr
 * is built over `field_view(optimizer, field)`, a view of the optimizer whose groups' `"lr"` is
 * that field. The code runs on torch 1.13 (tested) and is written for 2.x.
 *
 * @example
 * ```ts
 * import { toPyTorch } from "../mod.ts";
 * const code = toPyTorch({ type: "StepLR", stepSize: 30 });
 * if (!code.includes("scheduler = lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)")) {
 *   throw new Error(code);
 * }
 * ```
 */
export function toPyTorch(spec: Spec): string {
  let full = normalizedSpec(spec);
  if (scheduleType(String(full.type)) !== undefined) full = { type: "ScheduleLR", schedule: full };
  const py = new PyWriter(writeSchedule, (s, w) => w.bind("_scheduler", schedulerExpression(s, w)));
  py.import("import math");
  py.import("from torch.optim import lr_scheduler");
  const final = schedulerExpression(full, py);
  const header = [
    `# anneal spec ${JSON.stringify(full)}`,
    "# exported to PyTorch (torch 1.13 and 2.x): binds `scheduler` for an existing `optimizer`.",
  ].join("\n");
  return py.program(header, final);
}
