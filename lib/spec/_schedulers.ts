/**
 * The registry entries of PyTorch's decay, cyclic and plateau schedulers: option tables,
 * builders, readers (from each scheduler's `stateDict()` and public fields) and PyTorch writers.
 *
 * @module
 */

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
import { SWALR, type SWAParamGroup } from "../schedulers/swalr.ts";
import { registerScheduler } from "./registry.ts";
import type { OptionInfo, OptionTable } from "./registry.ts";
import {
  type AnyOptions,
  collapse,
  exactly,
  fieldOf,
  lr,
  shortest,
  simple,
  torchClass,
  withField,
} from "./_torch_class.ts";

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

const cyclicOptions: OptionTable = withField({
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
});

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
      field: fieldOf(s),
    };
  },
  pytorch: torchClass("CyclicLR", cyclicOptions),
});

const oneCycleOptions: OptionTable = withField({
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
});

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
      field: fieldOf(s),
    };
  },
  pytorch: torchClass("OneCycleLR", oneCycleOptions),
});

/** ReduceLROnPlateau's option table (transformers' get_reduce_on_plateau_schedule shares it). */
export const plateauOptions: OptionTable = withField({
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
});

registerScheduler({
  type: "ReduceLROnPlateau",
  description: "Cuts the lr by factor when a metric stops improving; step(metric).",
  options: plateauOptions,
  create: (optimizer, o) => new ReduceLROnPlateau(optimizer, o as AnyOptions),
  matches: exactly(ReduceLROnPlateau),
  read: (scheduler) => readPlateau(scheduler as ReduceLROnPlateau),
  pytorch: torchClass("ReduceLROnPlateau", plateauOptions),
});

/** A ReduceLROnPlateau's options, from its public fields. */
export function readPlateau(s: ReduceLROnPlateau): Record<string, unknown> {
  return {
    mode: s.mode,
    factor: s.factor,
    patience: s.patience,
    threshold: s.threshold,
    thresholdMode: s.thresholdMode,
    cooldown: s.cooldown,
    minLr: s.defaultMinLr ?? [...s.minLrs],
    eps: s.eps,
    field: fieldOf(s),
  };
}

const swalrOptions: OptionTable = {
  swaLr: lr("The lr to anneal to, per group.", { perGroup: true }),
  annealEpochs: {
    kind: "integer",
    description: "Epochs of annealing (0: swaLr at once).",
    default: 10,
    min: 0,
  },
  annealStrategy: {
    kind: "enum",
    description: "How the lr moves to swaLr.",
    choices: ["cos", "linear"],
    default: "cos",
  },
};

registerScheduler({
  type: "SWALR",
  description: "Anneals each group's lr to swaLr over annealEpochs, then holds it (SWA).",
  options: swalrOptions,
  create: (optimizer, o) => new SWALR(optimizer, o as AnyOptions),
  matches: exactly(SWALR),
  read: (scheduler) => {
    const s = scheduler as SWALR;
    return {
      swaLr: collapse(s.optimizer.paramGroups.map((g) => (g as SWAParamGroup).swaLr as number)),
      annealEpochs: s.annealEpochs,
      annealStrategy: s.annealStrategy,
    };
  },
  pytorch: (o, py) => {
    py.import("from torch.optim import swa_utils");
    return `swa_utils.SWALR(optimizer, ${py.kwargs(o, swalrOptions)})`;
  },
});
