/**
 * The registry entries of `WarmupLR` (a warmup in front of any scheduler) and
 * `ParamwiseScheduler` (a scheduler per param group), with the small Python classes their
 * PyTorch exports need (PyTorch has neither), whose arithmetic is anneal's.
 *
 * @module
 */

import type { JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";
import { WarmupLR } from "../schedulers/warmup_lr.ts";
import { ParamwiseScheduler } from "../schedulers/paramwise_scheduler.ts";
import { registerScheduler } from "./registry.ts";
import type { OptionTable } from "./registry.ts";
import { pyFloat as F, pyInt } from "./_python.ts";
import { type AnyOptions, collapse, exactly, fieldOf, lr, withField } from "./_torch_class.ts";

const WARMUP_PY = `
try:
    _LRScheduler = lr_scheduler.LRScheduler  # torch >= 2.0
except AttributeError:
    _LRScheduler = lr_scheduler._LRScheduler  # torch 1.13


class WarmupLR(_LRScheduler):
    """anneal's WarmupLR: a warmup in front of any scheduler, ReduceLROnPlateau included.
    step() (step(metric) with a plateau inside) warms up, then steps the wrapped scheduler."""

    def __init__(self, optimizer, scheduler, warmup_steps, warmup_type, start_factor, start_lrs):
        self.scheduler = scheduler
        self.targets = [group["lr"] for group in optimizer.param_groups]
        self.warmup_steps, self.warmup_type = warmup_steps, warmup_type
        self.start_factor, self.start_lrs = start_factor, start_lrs
        self._metric = None
        super().__init__(optimizer)

    def _warmup(self, target, e, i):
        w = self.warmup_steps
        if self.start_lrs is None:
            f = self.start_factor
            if self.warmup_type == "linear":
                return target * (f + (1 - f) * e / w)
            if self.warmup_type == "exponential":
                return target * f ** (1 - e / w)
            return target * f
        s = self.start_lrs[i]
        if self.warmup_type == "linear":
            return s + (target - s) * e / w
        if self.warmup_type == "exponential":
            return s * (target / s) ** (e / w)
        return s

    def get_lr(self):
        e = self.last_epoch
        if e < self.warmup_steps:
            return [self._warmup(t, e, i) for i, t in enumerate(self.targets)]
        if e == self.warmup_steps:
            return list(self.targets)
        if isinstance(self.scheduler, lr_scheduler.ReduceLROnPlateau):
            self.scheduler.step(self._metric)
        else:
            self.scheduler.step()
        return [group["lr"] for group in self.optimizer.param_groups]

    def step(self, metric=None):
        self._metric = metric
        super().step()
`;

const warmupOptions: OptionTable = withField({
  scheduler: { kind: "scheduler", description: "The scheduler that takes over after warmup." },
  warmupSteps: { kind: "integer", description: "Steps of warmup.", min: 1 },
  warmupType: {
    kind: "enum",
    description: "The warmup's shape.",
    choices: ["linear", "exponential", "constant"],
    default: "linear",
  },
  startFactor: {
    kind: "number",
    description: "The start as a fraction of the target (or give startLr).",
    defaultText: "1/3 when startLr is not given",
    min: 0,
    max: 1,
  },
  startLr: lr("The start value itself, per group (or give startFactor).", {
    optional: true,
    perGroup: true,
    min: 0,
  }),
});

registerScheduler({
  type: "WarmupLR",
  description: "A linear, exponential or constant warmup in front of any scheduler.",
  options: warmupOptions,
  create: (optimizer, o) => new WarmupLR(optimizer, o as AnyOptions),
  matches: exactly(WarmupLR),
  read: (scheduler) => {
    const s = scheduler as WarmupLR;
    return {
      scheduler: s.scheduler,
      warmupSteps: s.warmupSteps,
      warmupType: s.warmupType,
      startFactor: s.startFactor ?? undefined,
      startLr: s.startLrs === null ? undefined : collapse(s.startLrs),
      field: fieldOf(s),
    };
  },
  pytorch: (o, py) => {
    py.helper("WarmupLR", WARMUP_PY);
    const child = py.scheduler(o.scheduler as JsonObject);
    const n = `len(optimizer.param_groups)`;
    const startLrs = o.startLr === undefined
      ? "None"
      : Array.isArray(o.startLr)
      ? `[${(o.startLr as number[]).map(F).join(", ")}]`
      : `[${F(o.startLr as number)}] * ${n}`;
    return `WarmupLR(optimizer, ${child}, ${pyInt(o.warmupSteps as number)}, ${
      JSON.stringify(o.warmupType)
    }, ${o.startFactor === undefined ? "None" : F(o.startFactor as number)}, ${startLrs})`;
  },
});

const PARAMWISE_PY = `
def group_view(optimizer, i):
    """A torch optimizer over the i-th group alone (the same dict, so writes reach it)."""
    group = optimizer.param_groups[i]
    view = torch.optim.SGD([group], lr=group["lr"])
    return view


class ParamwiseScheduler:
    """anneal's ParamwiseScheduler: each group driven by its own scheduler, built over a view
    of that group alone (None leaves a group alone); step(metric) goes to the plateaus."""

    def __init__(self, optimizer, factories):
        self.optimizer = optimizer
        self.schedulers = [None if f is None else f(group_view(optimizer, i))
                           for i, f in enumerate(factories)]

    def step(self, metric=None):
        for s in self.schedulers:
            if isinstance(s, lr_scheduler.ReduceLROnPlateau):
                s.step(metric)
            elif s is not None:
                s.step()

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]
`;

const paramwiseOptions: OptionTable = {
  schedulers: {
    kind: "schedulers",
    description: "One scheduler spec per param group, each over that group alone; null: none.",
    factories: true,
  },
};

registerScheduler({
  type: "ParamwiseScheduler",
  description: "A different scheduler for each param group of one optimizer.",
  options: paramwiseOptions,
  create: (optimizer, o) => new ParamwiseScheduler(optimizer, o as AnyOptions),
  matches: exactly(ParamwiseScheduler),
  read: (s) => ({
    schedulers: [...(s as ParamwiseScheduler).schedulers] as (LRScheduler | null)[],
  }),
  pytorch: (o, py) => {
    py.import("import torch");
    py.helper("ParamwiseScheduler", PARAMWISE_PY);
    const factories = (o.schedulers as (JsonObject | null)[]).map((c) =>
      c === null ? "None" : py.factory(c)
    );
    return `ParamwiseScheduler(optimizer, [${factories.join(", ")}])`;
  },
});
