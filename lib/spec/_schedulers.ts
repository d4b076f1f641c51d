/**
 * The registry entries of the PyTorch schedulers and `ScheduleLR`: option tables, builders,
 * readers (from each scheduler's `stateDict()` and public fields) and PyTorch writers.
 *
 * @module
 */

import type { JsonObject, LRScheduler, OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { StepLR } from "../schedulers/step_lr.ts";
import { MultiStepLR } from "../schedulers/multi_step_lr.ts";
import { ConstantLR } from "../schedulers/constant_lr.ts";
import { LinearLR } from "../schedulers/linear_lr.ts";
import { ExponentialLR } from "../schedulers/exponential_lr.ts";
import { PolynomialLR } from "../schedulers/polynomial_lr.ts";
import { CosineAnnealingLR } from "../schedulers/cosine_annealing_lr.ts";
import { CosineAnnealingWarmRestarts } from "../schedulers/cosine_annealing_warm_restarts.ts";
import { CyclicLR, type CyclicMode } from "../schedulers/cyclic_lr.ts";
import { OneCycleLR } from "../schedulers/one_cycle_lr.ts";
import { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import { LambdaLR, type LrLambda } from "../schedulers/lambda_lr.ts";
import { MultiplicativeLR } from "../schedulers/multiplicative_lr.ts";
import { ScheduleLR } from "../schedulers/schedule_lr.ts";
import { SequentialLR } from "../schedulers/sequential_lr.ts";
import { ChainedScheduler } from "../schedulers/chained_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { registerScheduler } from "./registry.ts";
import type { BuiltOptions, OptionInfo, OptionTable, SchedulerType } from "./registry.ts";
import type { PyWriter } from "./_python.ts";

// deno-lint-ignore no-explicit-any
type AnyOptions = any;

/** Exactly this class (a subclass is a type of its own). */
function exactly(cls: abstract new (...args: never[]) => LRScheduler) {
  return (s: LRScheduler) => Object.getPrototypeOf(s) === cls.prototype;
}

/** One value per group collapses to a scalar when every group has the same value. */
function collapse(values: readonly number[]): number | number[] {
  return values.every((v) => Object.is(v, values[0])) ? values[0] as number : [...values];
}

/**
 * The shortest decimal that `ok` accepts, else `raw`: recovers an option (`pctStart`,
 * `divFactor`) from the derived numbers a scheduler keeps, exactly when they determine it.
 */
function shortest(raw: number, ok: (candidate: number) => boolean): number {
  for (let digits = 1; digits <= 17; digits++) {
    const candidate = Number(raw.toPrecision(digits));
    if (ok(candidate)) return candidate;
  }
  return raw;
}

const lr = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  log: true,
  ...extra,
});

/**
 * torch 2.x leaves the lr alone only in a scheduler's own initial step (`_is_initial`); torch
 * 1.13 does so at any step to epoch 0, which a composite's child takes too (a SequentialLR's
 * first child when it is a ChainedScheduler, a restart at a milestone). anneal follows 2.x. For
 * children of composites, the export wraps the four classes whose numbers differ so that
 * torch 1.13 applies 2.x's update (each written from anneal's formula); on 2.x the wrapper
 * returns the class unchanged.
 */
const INITIAL_RULE_PY = `
def torch2_initial_rule(cls, update_at_epoch_0):
    """cls with torch 2.x's rule on any torch: only its own initial step keeps the lr."""
    probe = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        test = lr_scheduler.ExponentialLR(probe, gamma=0.5)
        test.last_epoch = -1
        test.step()
    if probe.param_groups[0]["lr"] == 0.5:
        return cls  # torch 2.x

    class Rule(cls):
        def _initial_step(self):
            self._anneal_initial = True
            try:
                super()._initial_step()
            finally:
                self._anneal_initial = False

        def get_lr(self):
            if self.last_epoch == 0 and not getattr(self, "_anneal_initial", False):
                return update_at_epoch_0(self)
            return super().get_lr()

    Rule.__name__ = cls.__name__
    return Rule
`;

/** The chainable update at epoch 0 outside the initial step, per class (anneal's formulas). */
const UPDATE_AT_EPOCH_0: Record<string, string> = {
  ExponentialLR: `lambda s: [g["lr"] * s.gamma for g in s.optimizer.param_groups]`,
  MultiplicativeLR: `lambda s: [g["lr"] * f(s.last_epoch) for f, g in ` +
    `zip(s.lr_lambdas, s.optimizer.param_groups)]`,
  PolynomialLR: `lambda s: [g["lr"] * ((1.0 - s.last_epoch / s.total_iters) / ` +
    `(1.0 - (s.last_epoch - 1) / s.total_iters)) ** s.power for g in s.optimizer.param_groups]`,
  CosineAnnealingLR:
    `lambda s: [g["lr"] + (b - s.eta_min) * (1 - math.cos(math.pi / s.T_max)) / 2 ` +
    `for b, g in zip(s.base_lrs, s.optimizer.param_groups)] ` +
    `if (s.last_epoch - 1 - s.T_max) % (2 * s.T_max) == 0 else ` +
    `[(1 + math.cos(math.pi * s.last_epoch / s.T_max)) / ` +
    `(1 + math.cos(math.pi * (s.last_epoch - 1) / s.T_max)) * (g["lr"] - s.eta_min) + s.eta_min ` +
    `for g in s.optimizer.param_groups]`,
};

/** `lr_scheduler.Name`, or inside a composite the 2.x-rule class where the rule matters. */
function torchName(name: string, py: PyWriter): string {
  const update = UPDATE_AT_EPOCH_0[name];
  if (!py.nested || update === undefined) return `lr_scheduler.${name}`;
  py.import("import warnings");
  py.import("import torch");
  py.helper("torch2_initial_rule", INITIAL_RULE_PY);
  py.helper(name, `${name} = torch2_initial_rule(lr_scheduler.${name}, ${update})`);
  return name;
}

/** `lr_scheduler.Name(optimizer, keyword=value, ...)`. */
function torchClass(name: string, table: OptionTable) {
  return (o: JsonObject, py: PyWriter) => {
    const kwargs = py.kwargs(o, table);
    return `${torchName(name, py)}(optimizer${kwargs ? `, ${kwargs}` : ""})`;
  };
}

function simple(
  type: string,
  description: string,
  options: OptionTable,
  cls: new (optimizer: OptimizerLike, options: AnyOptions) => LRScheduler,
): SchedulerType {
  return {
    type,
    description,
    options,
    create: (optimizer, o) => new cls(optimizer, o),
    matches: exactly(cls),
    read: (s) => {
      const state = s.stateDict();
      return Object.fromEntries(Object.keys(options).map((key) => [key, state[key]]));
    },
    pytorch: torchClass(type, options),
  };
}

const stepSize: OptionInfo = {
  kind: "integer",
  description: "Epochs between two decays.",
  min: 1,
};
const gamma = (d: number | undefined): OptionInfo => ({
  kind: "number",
  description: "Multiplicative factor of lr decay.",
  min: 0,
  exclusiveMin: true,
  log: true,
  ...(d === undefined ? {} : { default: d }),
});
const totalIters: OptionInfo = {
  kind: "integer",
  description: "Steps until the factor reaches its end.",
  default: 5,
  min: 1,
};

registerScheduler(simple("StepLR", "Decays the lr by gamma every stepSize epochs.", {
  stepSize,
  gamma: gamma(0.1),
}, StepLR));

registerScheduler(simple("MultiStepLR", "Decays the lr by gamma at each milestone.", {
  milestones: {
    kind: "integers",
    description: "Epochs at which to decay, non-decreasing.",
    min: 0,
  },
  gamma: gamma(0.1),
}, MultiStepLR));

registerScheduler(
  simple("ConstantLR", "Multiplies the lr by factor until totalIters, then restores it.", {
    factor: {
      kind: "number",
      description: "The factor applied until totalIters.",
      default: 1 / 3,
      min: 0,
      exclusiveMin: true,
      max: 1,
    },
    totalIters,
  }, ConstantLR),
);

registerScheduler(
  simple("LinearLR", "Moves the lr's factor linearly from startFactor to endFactor.", {
    startFactor: {
      kind: "number",
      description: "The factor at the first epoch.",
      default: 1 / 3,
      min: 0,
      exclusiveMin: true,
      max: 1,
    },
    endFactor: {
      kind: "number",
      description: "The factor from totalIters on.",
      default: 1,
      min: 0,
      max: 1,
    },
    totalIters,
  }, LinearLR),
);

registerScheduler(
  simple(
    "ExponentialLR",
    "Decays the lr by gamma every epoch.",
    { gamma: gamma(undefined) },
    ExponentialLR,
  ),
);

registerScheduler(
  simple("PolynomialLR", "Decays the lr polynomially to zero over totalIters.", {
    totalIters,
    power: { kind: "number", description: "The polynomial's power.", default: 1, min: 0 },
  }, PolynomialLR),
);

const etaMin: OptionInfo = {
  kind: "number",
  description: "The lowest lr.",
  default: 0,
  min: 0,
};

registerScheduler(
  simple("CosineAnnealingLR", "Anneals the lr along a cosine over tMax epochs.", {
    tMax: { kind: "integer", description: "Epochs of a half cosine.", min: 1, pytorch: "T_max" },
    etaMin,
  }, CosineAnnealingLR),
);

registerScheduler(
  simple("CosineAnnealingWarmRestarts", "Cosine annealing restarted every t0 * tMult^i epochs.", {
    t0: { kind: "integer", description: "Epochs of the first cycle.", min: 1, pytorch: "T_0" },
    tMult: {
      kind: "integer",
      description: "Factor by which each cycle is longer than the last.",
      default: 1,
      min: 1,
      pytorch: "T_mult",
    },
    etaMin: { ...etaMin, min: undefined },
  }, CosineAnnealingWarmRestarts),
);

const CYCLIC_MODES: readonly CyclicMode[] = ["triangular", "triangular2", "exp_range"];

function builtInScale(mode: CyclicMode, g: number): (x: number) => number {
  if (mode === "triangular") return () => 1.0;
  if (mode === "triangular2") return (x) => 1 / 2.0 ** (x - 1);
  return (x) => g ** x;
}

const cyclicOptions: OptionTable = {
  baseLr: lr("The lower lr of the cycle, per group.", { perGroup: true }),
  maxLr: lr("The upper lr of the cycle, per group.", { perGroup: true }),
  stepSizeUp: {
    kind: "number",
    description: "Steps in the increasing half of a cycle.",
    default: 2000,
    min: 0,
    exclusiveMin: true,
  },
  stepSizeDown: {
    kind: "number",
    description: "Steps in the decreasing half of a cycle.",
    defaultText: "stepSizeUp",
    min: 0,
  },
  mode: {
    kind: "enum",
    description: "The amplitude policy.",
    choices: CYCLIC_MODES,
    default: "triangular",
  },
  gamma: { kind: "number", description: "The exp_range mode's factor per step.", default: 1 },
  cycleMomentum: {
    kind: "boolean",
    description: "Cycle momentum (or beta1) inversely to the lr.",
    default: true,
  },
  baseMomentum: {
    kind: "number",
    description: "The lower momentum, per group.",
    default: 0.8,
    perGroup: true,
  },
  maxMomentum: {
    kind: "number",
    description: "The upper momentum, per group.",
    default: 0.9,
    perGroup: true,
  },
};

const SCALE_FN_HINT = "scaleFn is a function, which a spec cannot hold: use mode " +
  '("triangular", "triangular2", or "exp_range" with gamma), or give the whole schedule as ' +
  'data: { "type": "ScheduleLR", "schedule": <a pure-schedule spec> }';

registerScheduler({
  type: "CyclicLR",
  description: "Cycles the lr between baseLr and maxLr (cyclical learning rates).",
  options: cyclicOptions,
  notInSpec: {
    scaleFn: SCALE_FN_HINT,
    scaleMode: "scaleMode only applies together with a scaleFn, which a spec cannot hold; " +
      "mode decides it (exp_range: iterations, the others: cycle)",
  },
  create: (optimizer, o) => new CyclicLR(optimizer, o as AnyOptions),
  matches: exactly(CyclicLR),
  read: (scheduler, recorded) => {
    const s = scheduler as CyclicLR;
    const natural = builtInScale(s.mode, s.gamma);
    const customScale = recorded === undefined && (
      !CYCLIC_MODES.includes(s.mode) ||
      s.scaleMode !== (s.mode === "exp_range" ? "iterations" : "cycle") ||
      [0, 0.5, 1, 2, 3, 7.5, 100].some((x) => !Object.is(s.scaleFn(x), natural(x)))
    );
    if (customScale) throw new TypeError(`CyclicLR option ${SCALE_FN_HINT}`);
    const up = shortest(
      s.stepRatio * s.totalSize,
      (u) => u / s.totalSize === s.stepRatio,
    );
    return {
      baseLr: collapse(s.baseLrs),
      maxLr: collapse(s.maxLrs),
      stepSizeUp: up,
      stepSizeDown: shortest(s.totalSize - up, (d) => up + d === s.totalSize),
      mode: s.mode,
      gamma: s.gamma,
      cycleMomentum: s.cycleMomentum,
      baseMomentum: s.cycleMomentum ? collapse(s.baseMomentums) : 0.8,
      maxMomentum: s.cycleMomentum ? collapse(s.maxMomentums) : 0.9,
    };
  },
  pytorch: torchClass("CyclicLR", cyclicOptions),
});

const oneCycleOptions: OptionTable = {
  maxLr: lr("The peak lr, per group.", { perGroup: true }),
  totalSteps: { kind: "integer", description: "Steps in the cycle.", min: 1 },
  pctStart: {
    kind: "number",
    description: "Fraction of the cycle spent increasing the lr.",
    default: 0.3,
    min: 0,
    max: 1,
  },
  annealStrategy: {
    kind: "enum",
    description: "How the lr moves within a phase.",
    choices: ["cos", "linear"],
    default: "cos",
  },
  cycleMomentum: {
    kind: "boolean",
    description: "Cycle momentum (or beta1) inversely to the lr.",
    default: true,
  },
  baseMomentum: {
    kind: "number",
    description: "The lower momentum, per group.",
    default: 0.85,
    perGroup: true,
  },
  maxMomentum: {
    kind: "number",
    description: "The upper momentum, per group.",
    default: 0.95,
    perGroup: true,
  },
  divFactor: lr("initialLr = maxLr / divFactor.", { default: 25, min: 0, exclusiveMin: true }),
  finalDivFactor: lr("minLr = initialLr / finalDivFactor.", {
    default: 1e4,
    min: 0,
    exclusiveMin: true,
  }),
  threePhase: {
    kind: "boolean",
    description: "Add a third phase annealing back to initialLr before the final decay.",
    default: false,
  },
};

registerScheduler({
  type: "OneCycleLR",
  description: "The 1cycle policy: up from maxLr / divFactor to maxLr, then down to a minimum.",
  options: oneCycleOptions,
  notInSpec: {
    epochs: "a spec gives the cycle's length as totalSteps (epochs * stepsPerEpoch)",
    stepsPerEpoch: "a spec gives the cycle's length as totalSteps (epochs * stepsPerEpoch)",
  },
  create: (optimizer, o) => new OneCycleLR(optimizer, o as AnyOptions),
  matches: exactly(OneCycleLR),
  read: (scheduler) => {
    const s = scheduler as OneCycleLR;
    const groups = s.optimizer.paramGroups;
    const total = s.totalSteps;
    const [first, second] = s.schedulePhases;
    const three = s.schedulePhases.length === 3;
    const pctStart = shortest(
      ((first?.endStep as number) + 1) / total,
      (p) => p * total - 1 === first?.endStep && (!three || 2 * p * total - 2 === second?.endStep),
    );
    const maxLrs = groups.map((g) => g.maxLr as number);
    const divFactor = shortest(
      maxLrs[0]! / (groups[0]!.initialLr as number),
      (d) => groups.every((g, i) => maxLrs[i]! / d === g.initialLr),
    );
    const finalDivFactor = shortest(
      (groups[0]!.initialLr as number) / (groups[0]!.minLr as number),
      (f) => groups.every((g) => (g.initialLr as number) / f === g.minLr),
    );
    return {
      maxLr: collapse(maxLrs),
      totalSteps: total,
      pctStart,
      annealStrategy: s.annealStrategy,
      cycleMomentum: s.cycleMomentum,
      baseMomentum: s.cycleMomentum ? collapse(groups.map((g) => g.baseMomentum as number)) : 0.85,
      maxMomentum: s.cycleMomentum ? collapse(groups.map((g) => g.maxMomentum as number)) : 0.95,
      divFactor,
      finalDivFactor,
      threePhase: three,
    };
  },
  pytorch: torchClass("OneCycleLR", oneCycleOptions),
});

const plateauOptions: OptionTable = {
  mode: {
    kind: "enum",
    description: "min: the metric should fall; max: rise.",
    choices: ["min", "max"],
    default: "min",
  },
  factor: { kind: "number", description: "new lr = lr * factor.", default: 0.1, min: 0, max: 1 },
  patience: {
    kind: "integer",
    description: "Epochs without improvement before the lr is cut.",
    default: 10,
    min: 0,
  },
  threshold: {
    kind: "number",
    description: "How much better counts as an improvement.",
    default: 1e-4,
    log: true,
  },
  thresholdMode: {
    kind: "enum",
    description: "rel: relative to the best; abs: absolute.",
    choices: ["rel", "abs"],
    default: "rel",
  },
  cooldown: {
    kind: "integer",
    description: "Epochs to wait after a cut before counting again.",
    default: 0,
    min: 0,
  },
  minLr: lr("The lowest lr, per group.", { default: 0, min: 0, perGroup: true }),
  eps: lr("Cuts smaller than eps are skipped.", { default: 1e-8, min: 0 }),
};

registerScheduler({
  type: "ReduceLROnPlateau",
  description: "Cuts the lr by factor when a metric stops improving; step(metric).",
  options: plateauOptions,
  create: (optimizer, o) => new ReduceLROnPlateau(optimizer, o as AnyOptions),
  matches: exactly(ReduceLROnPlateau),
  read: (scheduler) => {
    const s = scheduler as ReduceLROnPlateau;
    return {
      mode: s.mode,
      factor: s.factor,
      patience: s.patience,
      threshold: s.threshold,
      thresholdMode: s.thresholdMode,
      cooldown: s.cooldown,
      minLr: s.defaultMinLr ?? [...s.minLrs],
      eps: s.eps,
    };
  },
  pytorch: torchClass("ReduceLROnPlateau", plateauOptions),
});

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
  const options: OptionTable = {
    lrLambda: {
      kind: "schedule",
      description: `${meaning}, per group: a pure-schedule spec (a function has no spec).`,
      perGroup: true,
      pytorch: "lr_lambda",
    },
  };
  return {
    type,
    description: `${type} with its factor given as a pure-schedule spec.`,
    options,
    create: (optimizer, o) => new cls(optimizer, { lrLambda: o.lrLambda as LrLambda | LrLambda[] }),
    matches: exactly(cls),
    read: (_s, recorded) => {
      if (recorded === undefined) {
        throw new TypeError(
          `${type} option lrLambda is a function, which a spec cannot hold: build it from a ` +
            `spec whose lrLambda is a pure-schedule spec, for example { "type": "${type}", ` +
            `"lrLambda": { "type": "exponentialDecay", "lr0": 1, "decayRate": 0.9 } }, or ` +
            'drive the lr itself with { "type": "ScheduleLR", "schedule": <a pure-schedule spec> }',
        );
      }
      return { lrLambda: recorded.lrLambda };
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
  options: {
    schedule: {
      kind: "schedule",
      description: "The pure schedule, per group.",
      perGroup: true,
    },
  },
  create: (optimizer, o) =>
    new ScheduleLR(optimizer, { schedule: o.schedule as Schedule | Schedule[] }),
  matches: exactly(ScheduleLR),
  read: (_s, recorded) => {
    if (recorded === undefined) {
      throw new TypeError(
        "ScheduleLR option schedule is not readable from a ScheduleLR built by its " +
          "constructor: build it with schedulerFromSpec(optimizer, " +
          '{ "type": "ScheduleLR", "schedule": <a pure-schedule spec> }) to keep it as data',
      );
    }
    return { schedule: recorded.schedule };
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
