/**
 * The registry entries of Hugging Face transformers' schedules (`hf`): one spec type per
 * function, named as the function (`"getCosineScheduleWithWarmup"`), its options those of the
 * function. `toSpec` reads an `HfLambdaLR`'s `name` and `options`. The PyTorch export is what
 * transformers itself builds, a `LambdaLR`, with the lambda written operation for operation
 * (self-contained: no transformers import); where transformers reads `optimizer.defaults["lr"]`
 * the export does too.
 *
 * @module
 */

import type { JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";
import { HfLambdaLR } from "../hf/hf_lambda_lr.ts";
import { getConstantSchedule, getConstantScheduleWithWarmup } from "../hf/constant.ts";
import { getLinearScheduleWithWarmup } from "../hf/linear.ts";
import {
  getCosineScheduleWithWarmup,
  getCosineWithHardRestartsScheduleWithWarmup,
} from "../hf/cosine.ts";
import { getPolynomialDecayScheduleWithWarmup } from "../hf/polynomial.ts";
import { getInverseSqrtSchedule } from "../hf/inverse_sqrt.ts";
import {
  getCosineWithMinLrScheduleWithWarmup,
  getCosineWithMinLrScheduleWithWarmupLrRate,
} from "../hf/cosine_with_min_lr.ts";
import { getWsdSchedule, WSD_TYPES } from "../hf/wsd.ts";
import { getReduceOnPlateauSchedule } from "../hf/reduce_on_plateau.ts";
import { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import { registerScheduler } from "./registry.ts";
import type { BuiltOptions, OptionInfo, OptionTable } from "./registry.ts";
import { pyFloat as F } from "./_python.ts";
import type { PyWriter } from "./_python.ts";
import { withDefaults } from "./_schedule_entry.ts";
import { plateauOptions, readPlateau } from "./_schedulers.ts";
import { type AnyOptions, torchClass } from "./_torch_class.ts";

const stepCount = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "integer",
  description,
  min: 0,
  ...extra,
});
const numWarmupSteps = stepCount("Steps of linear warmup from 0 to the initial lr.");
const numTrainingSteps = stepCount("The total number of training steps.");
const numCycles = (d: number): OptionInfo => ({
  kind: "number",
  description: "The number of cosine waves (or hard restarts).",
  default: d,
});

/** The lambda's body (Python, indented under `def f(step):`), from the options. */
type Lambda = (o: JsonObject, py: PyWriter) => string[];

const WARMUP = (o: JsonObject) => [
  `if step < ${F(o.numWarmupSteps as number)}:`,
  `    return step / max(1, ${F(o.numWarmupSteps as number)})`,
];

/** transformers' `optimizer.defaults["lr"]`, bound once (as transformers reads it once). */
function defaultLr(py: PyWriter): string {
  return py.bind("_defaults_lr", 'optimizer.defaults["lr"]');
}

function cosineTail(o: JsonObject, progress: string, rate: string): string[] {
  return [
    `progress = ${progress}`,
    `factor = 0.5 * (1.0 + math.cos(math.pi * ${F(o.numCycles as number)} * 2.0 * progress))`,
    `factor = factor * (1 - ${rate}) + ${rate}`,
    "return max(0, factor)",
  ];
}

function minLrRate(o: JsonObject, py: PyWriter): string {
  if (o.minLrRate !== undefined) return F(o.minLrRate as number);
  return py.bind("_min_lr_rate", `${F(o.minLr as number)} / ${defaultLr(py)}`);
}

const WSD_SHAPE: Record<string, (p: string, up: boolean, cycles: string) => string> = {
  linear: (p, up) => up ? p : `1.0 - ${p}`,
  cosine: (p, up, cycles) =>
    up
      ? `0.5 * (1.0 - math.cos(math.pi * ${p}))`
      : `0.5 * (1.0 + math.cos(math.pi * ${cycles} * 2.0 * ${p}))`,
  "1-sqrt": (p, up) => up ? `1.0 - math.sqrt(1.0 - ${p})` : `1.0 - math.sqrt(${p})`,
};

const LAMBDAS: Record<string, Lambda> = {
  getConstantSchedule: () => ["return 1"],
  getConstantScheduleWithWarmup: (o) => [
    `if step < ${F(o.numWarmupSteps as number)}:`,
    `    return step / max(1.0, ${F(o.numWarmupSteps as number)})`,
    "return 1.0",
  ],
  getLinearScheduleWithWarmup: (o) => {
    const [w, t] = [o.numWarmupSteps as number, o.numTrainingSteps as number];
    return [...WARMUP(o), `return max(0.0, (${F(t)} - step) / max(1, ${F(t - w)}))`];
  },
  getCosineScheduleWithWarmup: (o) => {
    const [w, t] = [o.numWarmupSteps as number, o.numTrainingSteps as number];
    return [
      ...WARMUP(o),
      `progress = (step - ${F(w)}) / max(1, ${F(t - w)})`,
      "return max(0.0, 0.5 * (1.0 + math.cos(" +
      `math.pi * ${F(o.numCycles as number)} * 2.0 * progress)))`,
    ];
  },
  getCosineWithHardRestartsScheduleWithWarmup: (o) => {
    const [w, t] = [o.numWarmupSteps as number, o.numTrainingSteps as number];
    return [
      ...WARMUP(o),
      `progress = (step - ${F(w)}) / max(1, ${F(t - w)})`,
      "if progress >= 1.0:",
      "    return 0.0",
      "return max(0.0, 0.5 * (1.0 + math.cos(" +
      `math.pi * ((${F(o.numCycles as number)} * progress) % 1.0))))`,
    ];
  },
  getPolynomialDecayScheduleWithWarmup: (o, py) => {
    const [w, t] = [o.numWarmupSteps as number, o.numTrainingSteps as number];
    const lrInit = defaultLr(py);
    const lrEnd = F(o.lrEnd as number);
    return [
      ...WARMUP(o),
      `if step > ${F(t)}:`,
      `    return ${lrEnd} / ${lrInit}`,
      `lr_range = ${lrInit} - ${lrEnd}`,
      `decay_steps = ${F(t - w)}`,
      `pct_remaining = 1 - (step - ${F(w)}) / decay_steps`,
      `decay = lr_range * pct_remaining ** ${F(o.power as number)} + ${lrEnd}`,
      `return decay / ${lrInit}`,
    ];
  },
  getInverseSqrtSchedule: (o) => {
    const [w, ts] = [o.numWarmupSteps as number, o.timescale as number];
    return [
      ...WARMUP(o),
      `shift = ${F(ts)} - ${F(w)}`,
      `return 1.0 / math.sqrt((step + shift) / ${F(ts)})`,
    ];
  },
  getCosineWithMinLrScheduleWithWarmup: (o, py) => {
    const [w, t] = [o.numWarmupSteps as number, o.numTrainingSteps as number];
    return [
      ...WARMUP(o),
      ...cosineTail(o, `(step - ${F(w)}) / max(1, ${F(t - w)})`, minLrRate(o, py)),
    ];
  },
  getCosineWithMinLrScheduleWithWarmupLrRate: (o, py) => {
    const [w, t] = [o.numWarmupSteps as number, o.numTrainingSteps as number];
    const r = o.warmupLrRate;
    return [
      `if step < ${F(w)}:`,
      r === undefined
        ? `    return (step + 1) / max(1, ${F(w)})`
        : `    return ${F(r as number)} + (1.0 - ${F(r as number)}) * step / max(1, ${F(w - 1)})`,
      ...cosineTail(o, `(step - ${F(w)} + 1) / max(1, ${F(t - w)})`, minLrRate(o, py)),
    ];
  },
  getWsdSchedule: (o) => {
    const [w, d] = [o.numWarmupSteps as number, o.numDecaySteps as number];
    const s = (o.numStableSteps ?? (o.numTrainingSteps as number) - w - d) as number;
    const m = F(o.minLrRatio as number);
    const cycles = F(o.numCycles as number);
    return [
      `if step < ${F(w)}:`,
      `    progress = step / max(1, ${F(w)})`,
      `    factor = ${WSD_SHAPE[o.warmupType as string]!("progress", true, cycles)}`,
      `    factor = factor * (1.0 - ${m}) + ${m}`,
      "    return max(0.0, factor)",
      `if step < ${F(w)} + ${F(s)}:`,
      "    return 1.0",
      `if step < ${F(w)} + ${F(s)} + ${F(d)}:`,
      `    progress = (step - ${F(w)} - ${F(s)}) / max(1, ${F(d)})`,
      `    factor = ${WSD_SHAPE[o.decayType as string]!("progress", false, cycles)}`,
      `    factor = factor * (1.0 - ${m}) + ${m}`,
      "    return max(0.0, factor)",
      `return ${m}`,
    ];
  },
};

type HfFunction = (optimizer: AnyOptions, options: AnyOptions) => LRScheduler;

function register(
  name: string,
  fn: HfFunction,
  description: string,
  options: OptionTable,
  fill: (o: BuiltOptions) => BuiltOptions = (o) => o,
): void {
  registerScheduler({
    type: name,
    description,
    options,
    create: (optimizer, o) => fn(optimizer, o),
    matches: (s) =>
      Object.getPrototypeOf(s) === HfLambdaLR.prototype && (s as HfLambdaLR).name === name,
    read: (s) => fill(withDefaults({ ...(s as HfLambdaLR).options }, options)),
    pytorch: (o, py) => {
      const body = LAMBDAS[name]!(o, py);
      const lambda = py.name("_hf_lambda");
      py.helper(
        lambda,
        [`def ${lambda}(step):`, `    # transformers' ${name}`, ...body.map((l) => `    ${l}`)]
          .join("\n"),
      );
      return `lr_scheduler.LambdaLR(optimizer, lr_lambda=${lambda})`;
    },
  });
}

register(
  "getConstantSchedule",
  getConstantSchedule,
  "transformers' get_constant_schedule: the optimizer's lr, unchanged.",
  {},
);
register(
  "getConstantScheduleWithWarmup",
  getConstantScheduleWithWarmup,
  "transformers' get_constant_schedule_with_warmup: linear warmup from 0, then constant.",
  { numWarmupSteps },
);
register(
  "getLinearScheduleWithWarmup",
  getLinearScheduleWithWarmup,
  "transformers' get_linear_schedule_with_warmup: linear warmup, then linear decay to 0.",
  { numWarmupSteps, numTrainingSteps },
);
register(
  "getCosineScheduleWithWarmup",
  getCosineScheduleWithWarmup,
  "transformers' get_cosine_schedule_with_warmup: linear warmup, then a cosine to 0.",
  { numWarmupSteps, numTrainingSteps, numCycles: numCycles(0.5) },
);
register(
  "getCosineWithHardRestartsScheduleWithWarmup",
  getCosineWithHardRestartsScheduleWithWarmup,
  "transformers' get_cosine_with_hard_restarts_schedule_with_warmup: numCycles hard restarts.",
  { numWarmupSteps, numTrainingSteps, numCycles: numCycles(1) },
);
register(
  "getPolynomialDecayScheduleWithWarmup",
  getPolynomialDecayScheduleWithWarmup,
  "transformers' get_polynomial_decay_schedule_with_warmup: warmup, then a polynomial to lrEnd.",
  {
    numWarmupSteps,
    numTrainingSteps,
    lrEnd: {
      kind: "number",
      description: "The lr at numTrainingSteps (below the optimizer's default lr).",
      default: 1e-7,
      log: true,
    },
    power: { kind: "number", description: "The polynomial's power.", default: 1 },
  },
);
register(
  "getInverseSqrtSchedule",
  getInverseSqrtSchedule,
  "transformers' get_inverse_sqrt_schedule: warmup, then 1 / sqrt((step + shift) / timescale).",
  {
    numWarmupSteps,
    timescale: {
      kind: "number",
      description: "The time scale.",
      defaultText: "numWarmupSteps, or 10000 when that is 0",
      min: 0,
      exclusiveMin: true,
    },
  },
  (o) => ({
    ...o,
    timescale: o.timescale ?? ((o.numWarmupSteps as number) || 10_000),
  }),
);

const minLrOptions: OptionTable = {
  numWarmupSteps,
  numTrainingSteps,
  numCycles: numCycles(0.5),
  minLr: {
    kind: "number",
    description: "The lr to end at (divided by the optimizer's default lr); or minLrRate.",
    optional: true,
    log: true,
  },
  minLrRate: {
    kind: "number",
    description: "The end lr as a fraction of the initial lr; or minLr.",
    optional: true,
  },
};

register(
  "getCosineWithMinLrScheduleWithWarmup",
  getCosineWithMinLrScheduleWithWarmup,
  "transformers' get_cosine_with_min_lr_schedule_with_warmup: a cosine down to a minimum lr.",
  minLrOptions,
);
register(
  "getCosineWithMinLrScheduleWithWarmupLrRate",
  getCosineWithMinLrScheduleWithWarmupLrRate,
  "transformers' get_cosine_with_min_lr_schedule_with_warmup_lr_rate (cosine_warmup_with_min_lr).",
  {
    ...minLrOptions,
    warmupLrRate: {
      kind: "number",
      description: "The first warmup factor; absent: (step + 1) / numWarmupSteps.",
      optional: true,
    },
  },
);

const wsdShape = (description: string, d: string): OptionInfo => ({
  kind: "enum",
  description,
  choices: WSD_TYPES,
  default: d,
});

register(
  "getWsdSchedule",
  getWsdSchedule,
  "transformers' get_wsd_schedule: warmup, stable, decay (linear, cosine or 1-sqrt shapes).",
  {
    numWarmupSteps,
    numDecaySteps: stepCount("Steps of decay to minLrRatio times the initial lr."),
    numTrainingSteps: stepCount("The total steps (the stable phase is what is left).", {
      optional: true,
    }),
    numStableSteps: stepCount("Steps of the stable phase (wins over numTrainingSteps).", {
      optional: true,
    }),
    warmupType: wsdShape("The warmup's shape.", "linear"),
    decayType: wsdShape("The decay's shape.", "cosine"),
    minLrRatio: { kind: "number", description: "The lowest factor.", default: 0 },
    numCycles: numCycles(0.5),
  },
);

/** The plateau schedulers that `getReduceOnPlateauSchedule` built from a spec. */
const plateaus = new WeakSet<LRScheduler>();

registerScheduler({
  type: "getReduceOnPlateauSchedule",
  description: "transformers' get_reduce_on_plateau_schedule: PyTorch's ReduceLROnPlateau.",
  options: plateauOptions,
  create: (optimizer, o) => {
    const s = getReduceOnPlateauSchedule(optimizer, o as AnyOptions);
    plateaus.add(s);
    return s;
  },
  matches: (s) => s instanceof ReduceLROnPlateau && plateaus.has(s),
  read: (s) => readPlateau(s as ReduceLROnPlateau),
  pytorch: torchClass("ReduceLROnPlateau", plateauOptions),
});
