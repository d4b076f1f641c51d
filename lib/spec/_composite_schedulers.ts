/**
 * The registry entries of the schedulers that hold functions or other schedulers: `LambdaLR`
 * and `MultiplicativeLR` (their factor a pure-schedule spec), `ScheduleLR`, `SequentialLR` and
 * `ChainedScheduler`, with the Python classes their exports need.
 *
 * @module
 */

import type { Field, JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";
import { LambdaLR, type LrLambda } from "../schedulers/lambda_lr.ts";
import { MultiplicativeLR } from "../schedulers/multiplicative_lr.ts";
import { ScheduleLR } from "../schedulers/schedule_lr.ts";
import { SequentialLR } from "../schedulers/sequential_lr.ts";
import { ChainedScheduler } from "../schedulers/chained_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { registerScheduler } from "./registry.ts";
import type { BuiltOptions, OptionTable, SchedulerType } from "./registry.ts";
import type { PyWriter } from "./_python.ts";
import { exactly, fieldOf, torchName, withField } from "./_torch_class.ts";

/** `f` or `[f0, f1]` for a per-group schedule option. */
function pyFunctions(value: unknown, py: PyWriter): string {
  if (Array.isArray(value)) return `[${value.map((v) => py.schedule(v)).join(", ")}]`;
  return py.schedule(value as JsonObject);
}

function lambdaType(
  type: "LambdaLR" | "MultiplicativeLR",
  cls: typeof LambdaLR | typeof MultiplicativeLR,
  meaning: string,
): SchedulerType {
  const options: OptionTable = withField({
    lrLambda: {
      kind: "schedule",
      description: `${meaning}, per group: a pure-schedule spec (a function has no spec).`,
      perGroup: true,
      pytorch: "lr_lambda",
    },
  });
  return {
    type,
    description: `${type} with its factor given as a pure-schedule spec.`,
    options,
    create: (optimizer, o) =>
      new cls(optimizer, {
        lrLambda: o.lrLambda as LrLambda | LrLambda[],
        ...(o.field === undefined ? {} : { field: o.field as Field }),
      }),
    matches: exactly(cls),
    read: (s, recorded) => {
      if (recorded === undefined) {
        throw new TypeError(
          `${type} option lrLambda is a function, which a spec cannot hold: build it from a ` +
            `spec whose lrLambda is a pure-schedule spec, for example { "type": "${type}", ` +
            `"lrLambda": { "type": "exponentialDecay", "lr0": 1, "decayRate": 0.9 } }, or ` +
            'drive the lr itself with { "type": "ScheduleLR", "schedule": <a pure-schedule spec> }',
        );
      }
      return { lrLambda: recorded.lrLambda, field: fieldOf(s) };
    },
    pytorch: (o, py) =>
      `${torchName(type, py)}(optimizer, lr_lambda=${pyFunctions(o.lrLambda, py)})`,
  };
}

registerScheduler(lambdaType("LambdaLR", LambdaLR, "lr = initialLr * lrLambda(epoch)"));
registerScheduler(
  lambdaType("MultiplicativeLR", MultiplicativeLR, "lr = previous lr * lrLambda(epoch)"),
);

/** anneal's ScheduleLR in Python, on `LRScheduler` (torch 2.x) or `_LRScheduler` (1.13). */
const SCHEDULE_LR_PY = `
try:
    _LRScheduler = lr_scheduler.LRScheduler  # torch >= 2.0
except AttributeError:
    _LRScheduler = lr_scheduler._LRScheduler  # torch 1.13


class ScheduleLR(_LRScheduler):
    """anneal's ScheduleLR: each group's lr is its schedule's value at the current epoch."""

    def __init__(self, optimizer, schedules):
        self.schedules = list(schedules)
        super().__init__(optimizer)

    def get_lr(self):
        return [float(schedule(self.last_epoch)) for schedule in self.schedules]

    def _get_closed_form_lr(self):
        return self.get_lr()
`;

registerScheduler({
  type: "ScheduleLR",
  description: "Drives each group's lr with a pure schedule: lr = schedule(epoch).",
  options: withField({
    schedule: {
      kind: "schedule",
      description: "The pure schedule, per group.",
      perGroup: true,
    },
  }),
  create: (optimizer, o) =>
    new ScheduleLR(optimizer, {
      schedule: o.schedule as Schedule | Schedule[],
      ...(o.field === undefined ? {} : { field: o.field as Field }),
    }),
  matches: exactly(ScheduleLR),
  read: (s, recorded) => {
    if (recorded === undefined) {
      throw new TypeError(
        "ScheduleLR option schedule is not readable from a ScheduleLR built by its " +
          "constructor: build it with schedulerFromSpec(optimizer, " +
          '{ "type": "ScheduleLR", "schedule": <a pure-schedule spec> }) to keep it as data',
      );
    }
    return { schedule: recorded.schedule, field: fieldOf(s) };
  },
  pytorch: (o, py) => {
    py.helper("ScheduleLR", SCHEDULE_LR_PY);
    const schedules = Array.isArray(o.schedule)
      ? pyFunctions(o.schedule, py)
      : `[${pyFunctions(o.schedule, py)}] * len(optimizer.param_groups)`;
    return `ScheduleLR(optimizer, ${schedules})`;
  },
});

/**
 * SequentialLR with torch 2.x's recursive undo of the children's initial steps, so that a
 * composite child (a ChainedScheduler, a SequentialLR) works on torch 1.13 as on 2.x.
 */
const NESTED_SEQUENTIAL_PY = `
class NestedSequentialLR(lr_scheduler.SequentialLR):
    """torch's SequentialLR whose children may be composites, alike on torch 1.13 and 2.x."""

    def __init__(self, optimizer, schedulers, milestones):
        self._schedulers = schedulers
        self._milestones = milestones
        self.last_epoch = 0
        self.optimizer = optimizer
        for group in optimizer.param_groups:
            group["lr"] = group["initial_lr"]
        self.recursive_undo()
        self._schedulers[0]._initial_step()
        self._last_lr = schedulers[0].get_last_lr()

    def recursive_undo(self, sched=None):
        scheds = self if sched is None else sched
        if hasattr(scheds, "_schedulers"):
            for s in scheds._schedulers:
                self.recursive_undo(s)
        elif hasattr(scheds, "last_epoch"):
            scheds.last_epoch -= 1
`;

const isComposite = (spec: unknown) => {
  const type = (spec as JsonObject).type;
  return type === "SequentialLR" || type === "ChainedScheduler";
};

const sequentialOptions: OptionTable = {
  schedulers: { kind: "schedulers", description: "The schedulers, run one after another." },
  milestones: {
    kind: "integers",
    description: "Epochs at which the next scheduler takes over, one fewer than schedulers.",
  },
};

registerScheduler({
  type: "SequentialLR",
  description: "Runs schedulers one after another, switching at the milestones.",
  options: sequentialOptions,
  create: (optimizer, o: BuiltOptions) =>
    new SequentialLR(optimizer, {
      schedulers: o.schedulers as LRScheduler[],
      milestones: o.milestones as number[],
    }),
  matches: exactly(SequentialLR),
  read: (s) => ({
    schedulers: [...(s as SequentialLR).schedulers],
    milestones: [...(s as SequentialLR).milestones],
  }),
  pytorch: (o, py) => {
    const children = (o.schedulers as JsonObject[]).map((c) => py.scheduler(c));
    const nested = (o.schedulers as JsonObject[]).some(isComposite);
    if (nested) py.helper("NestedSequentialLR", NESTED_SEQUENTIAL_PY);
    const cls = nested ? "NestedSequentialLR" : "lr_scheduler.SequentialLR";
    return `${cls}(optimizer, schedulers=[${children.join(", ")}], milestones=${
      JSON.stringify(o.milestones).replaceAll(",", ", ")
    })`;
  },
});

registerScheduler({
  type: "ChainedScheduler",
  description: "Steps every scheduler each epoch, so their factors multiply.",
  options: {
    schedulers: { kind: "schedulers", description: "The schedulers, stepped in this order." },
  },
  create: (optimizer, o: BuiltOptions) =>
    new ChainedScheduler(o.schedulers as LRScheduler[], optimizer),
  matches: exactly(ChainedScheduler),
  read: (s) => ({ schedulers: [...(s as ChainedScheduler).schedulers] }),
  pytorch: (o, py) => {
    const children = (o.schedulers as JsonObject[]).map((c) => py.scheduler(c));
    return `lr_scheduler.ChainedScheduler([${children.join(", ")}])`;
  },
});
