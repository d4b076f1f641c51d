/**
 * The registry entries of the pure schedules: option tables, builders, Python functions whose
 * arithmetic is the TypeScript's operation for operation, and optax and Keras equivalents
 * where those libraries compute the same formula.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { stepDecay } from "../schedules/step_decay.ts";
import { exponentialDecay } from "../schedules/exponential_decay.ts";
import { inverseTimeDecay } from "../schedules/inverse_time_decay.ts";
import { constantSchedule } from "../schedules/constant.ts";
import { linearSchedule } from "../schedules/linear.ts";
import { polynomialSchedule } from "../schedules/polynomial.ts";
import { cosineDecaySchedule } from "../schedules/cosine_decay.ts";
import { inverseSqrtSchedule } from "../schedules/inverse_sqrt.ts";
import { piecewiseConstantSchedule } from "../schedules/piecewise_constant.ts";
import { joinSchedules } from "../schedules/join.ts";
import { warmupCosineDecaySchedule } from "../schedules/warmup_cosine_decay.ts";
import { warmupStableDecaySchedule, WSD_SHAPES } from "../schedules/warmup_stable_decay.ts";
import { sgdrSchedule } from "../schedules/sgdr.ts";
import { oneCycleSchedule } from "../schedules/one_cycle.ts";
import { registerSchedule } from "./registry.ts";
import type { OptionInfo, OptionTable, ScheduleType } from "./registry.ts";
import { pyCount as C, pyFloat as F, pyInt as I, pyLiteral } from "./_python.ts";
import type { PyWriter } from "./_python.ts";

// deno-lint-ignore no-explicit-any
type Factory = (options: any) => Schedule;

const value = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  log: true,
  ...extra,
});
const steps = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  min: 0,
  exclusiveMin: true,
  ...extra,
});
const begin: OptionInfo = {
  kind: "number",
  description: "Steps before the transition starts.",
  default: 0,
  min: 0,
};

function entry(
  type: string,
  factory: Factory,
  description: string,
  options: OptionTable,
  more: Partial<ScheduleType> = {},
): ScheduleType {
  return { type, description, options, create: (o) => factory(o), ...more };
}

const n = (o: JsonObject, key: string) => o[key] as number;

function optaxCall(name: string, o: JsonObject, keys: readonly string[]): string {
  const args = keys.filter((k) => o[k] !== undefined).map((k) =>
    `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}=${
      /Steps|Begin/.test(k) ? C(o[k] as number) : pyLiteral(o[k]!)
    }`
  );
  return `optax.${name}(${args.join(", ")})`;
}

registerSchedule(entry("stepDecay", stepDecay, "lr0 * beta ** floor(t / period).", {
  lr0: value("The initial value."),
  beta: { kind: "number", description: "The factor per period.", default: 0.5, min: 0 },
  period: { kind: "integer", description: "Steps between two decays.", min: 1 },
}, {
  python: (o, py) =>
    py.define("stepDecay", [
      `return ${F(n(o, "lr0"))} * ${F(n(o, "beta"))} ** math.floor(step / ${F(n(o, "period"))})`,
    ]),
  optax: (o) =>
    `optax.exponential_decay(init_value=${F(n(o, "lr0"))}, transition_steps=${
      I(n(o, "period"))
    }, decay_rate=${F(n(o, "beta"))}, staircase=True)`,
  keras: (o) =>
    `keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=${F(n(o, "lr0"))}, ` +
    `decay_steps=${I(n(o, "period"))}, decay_rate=${F(n(o, "beta"))}, staircase=True)`,
}));

registerSchedule(entry(
  "exponentialDecay",
  exponentialDecay,
  "lr0 * exp(-k p) or lr0 * decayRate ** p, p = (t - transitionBegin) / transitionSteps.",
  {
    lr0: value("The initial value."),
    k: {
      kind: "number",
      description: "The rate of exp(-k p); give k or decayRate.",
      optional: true,
      min: 0,
    },
    decayRate: {
      kind: "number",
      description: "The factor per transitionSteps; give k or decayRate.",
      optional: true,
      min: 0,
      exclusiveMin: true,
      log: true,
    },
    transitionSteps: steps("Steps per unit of p.", { default: 1 }),
    transitionBegin: begin,
    staircase: {
      kind: "boolean",
      description: "Floor p: decay in discrete steps.",
      default: false,
    },
    endValue: { kind: "number", description: "A bound the value does not pass.", optional: true },
  },
  {
    python: (o, py) => {
      const grows = o.decayRate !== undefined && n(o, "decayRate") > 1;
      return py.define("exponentialDecay", [
        `decreased = step - ${F(n(o, "transitionBegin"))}`,
        `p = decreased / ${F(n(o, "transitionSteps"))}`,
        ...(o.staircase ? ["p = math.floor(p)"] : []),
        "if decreased <= 0:",
        `    value = ${F(n(o, "lr0"))}`,
        "else:",
        o.k !== undefined
          ? `    value = ${F(n(o, "lr0"))} * math.exp(${F(-n(o, "k"))} * p)`
          : `    value = ${F(n(o, "lr0"))} * ${F(n(o, "decayRate"))} ** p`,
        ...(o.endValue !== undefined
          ? [`value = ${grows ? "min" : "max"}(value, ${F(n(o, "endValue"))})`]
          : []),
        "return value",
      ]);
    },
    optax: (o) =>
      o.k !== undefined
        ? undefined
        : optaxCall("exponential_decay", { ...o, initValue: n(o, "lr0") }, [
          "initValue",
          "transitionSteps",
          "decayRate",
          "transitionBegin",
          "staircase",
          "endValue",
        ]),
    keras: (o) =>
      o.k !== undefined || n(o, "transitionBegin") !== 0 || o.endValue !== undefined
        ? undefined
        : `keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=${F(n(o, "lr0"))}, ` +
          `decay_steps=${C(n(o, "transitionSteps"))}, decay_rate=${F(n(o, "decayRate"))}, ` +
          `staircase=${o.staircase ? "True" : "False"})`,
  },
));

registerSchedule(entry(
  "inverseTimeDecay",
  inverseTimeDecay,
  "lr0 / (1 + k p), p = t / transitionSteps.",
  {
    lr0: value("The initial value."),
    k: { kind: "number", description: "The decay rate.", min: 0 },
    transitionSteps: steps("Steps per unit of p.", { default: 1 }),
    staircase: {
      kind: "boolean",
      description: "Floor p: decay in discrete steps.",
      default: false,
    },
  },
  {
    python: (o, py) =>
      py.define("inverseTimeDecay", [
        `p = step / ${F(n(o, "transitionSteps"))}`,
        ...(o.staircase ? ["p = math.floor(p)"] : []),
        `return ${F(n(o, "lr0"))} / (1 + ${F(n(o, "k"))} * p)`,
      ]),
    keras: (o) =>
      `keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate=${F(n(o, "lr0"))}, ` +
      `decay_steps=${C(n(o, "transitionSteps"))}, decay_rate=${F(n(o, "k"))}, ` +
      `staircase=${o.staircase ? "True" : "False"})`,
  },
));

registerSchedule(entry("constantSchedule", constantSchedule, "The same value at every step.", {
  value: value("The value."),
}, {
  python: (o, py) => py.define("constantSchedule", [`return ${F(n(o, "value"))}`]),
  optax: (o) => `optax.constant_schedule(${F(n(o, "value"))})`,
}));

function polynomialPy(o: JsonObject, py: PyWriter, name: string): string {
  return py.define(name, [
    `count = min(max(step - ${F(n(o, "transitionBegin"))}, 0), ${F(n(o, "transitionSteps"))})`,
    `frac = 1 - count / ${F(n(o, "transitionSteps"))}`,
    `return (${F(n(o, "initValue"))} - ${F(n(o, "endValue"))}) * frac ** ${F(n(o, "power"))} + ${
      F(n(o, "endValue"))
    }`,
  ]);
}

const transition = {
  initValue: value("The value before the transition."),
  endValue: value("The value after it."),
};

registerSchedule(entry(
  "linearSchedule",
  linearSchedule,
  "From initValue to endValue linearly over transitionSteps.",
  {
    ...transition,
    transitionSteps: steps("Steps of the transition."),
    transitionBegin: begin,
  },
  {
    python: (o, py) => polynomialPy({ ...o, power: 1 }, py, "linearSchedule"),
    keras: (o) =>
      n(o, "transitionBegin") !== 0 ? undefined : "keras.optimizers.schedules.PolynomialDecay(" +
        `initial_learning_rate=${F(n(o, "initValue"))}, decay_steps=${
          C(n(o, "transitionSteps"))
        }, ` +
        `end_learning_rate=${F(n(o, "endValue"))}, power=1.0, cycle=False)`,
    optax: (o) =>
      optaxCall("linear_schedule", o, [
        "initValue",
        "endValue",
        "transitionSteps",
        "transitionBegin",
      ]),
  },
));

registerSchedule(entry(
  "polynomialSchedule",
  polynomialSchedule,
  "(initValue - endValue) * (1 - count / transitionSteps) ** power + endValue.",
  {
    ...transition,
    power: steps("The polynomial's power."),
    transitionSteps: steps("Steps of the transition."),
    transitionBegin: begin,
  },
  {
    python: (o, py) => polynomialPy(o, py, "polynomialSchedule"),
    optax: (o) =>
      optaxCall("polynomial_schedule", o, [
        "initValue",
        "endValue",
        "power",
        "transitionSteps",
        "transitionBegin",
      ]),
    keras: (o) =>
      n(o, "transitionBegin") !== 0 ? undefined : "keras.optimizers.schedules.PolynomialDecay(" +
        `initial_learning_rate=${F(n(o, "initValue"))}, decay_steps=${
          C(n(o, "transitionSteps"))
        }, ` +
        `end_learning_rate=${F(n(o, "endValue"))}, power=${F(n(o, "power"))}, cycle=False)`,
  },
));

registerSchedule(entry(
  "cosineDecaySchedule",
  cosineDecaySchedule,
  "initValue * ((1 - alpha) * (0.5 (1 + cos(pi t / decaySteps))) ** exponent + alpha).",
  {
    initValue: value("The value at step 0."),
    decaySteps: steps("Steps of the decay."),
    alpha: {
      kind: "number",
      description: "The final value as a fraction of initValue.",
      default: 0,
    },
    exponent: steps("The power of the cosine.", { default: 1 }),
  },
  {
    python: (o, py) =>
      py.define("cosineDecaySchedule", [
        `count = min(step, ${F(n(o, "decaySteps"))})`,
        `cosine = 0.5 * (1 + math.cos(math.pi * count / ${F(n(o, "decaySteps"))}))`,
        `return ${F(n(o, "initValue"))} * ((1 - ${F(n(o, "alpha"))}) * cosine ** ${
          F(n(o, "exponent"))
        } + ${F(n(o, "alpha"))})`,
      ]),
    optax: (o) =>
      optaxCall("cosine_decay_schedule", o, ["initValue", "decaySteps", "alpha", "exponent"]),
    keras: (o) =>
      n(o, "exponent") !== 1 ? undefined : "keras.optimizers.schedules.CosineDecay(" +
        `initial_learning_rate=${F(n(o, "initValue"))}, decay_steps=${C(n(o, "decaySteps"))}, ` +
        `alpha=${F(n(o, "alpha"))})`,
  },
));

registerSchedule(entry(
  "inverseSqrtSchedule",
  inverseSqrtSchedule,
  "Linear warmup to peakValue, then peakValue / sqrt((t + timescale - warmupSteps) / timescale).",
  {
    peakValue: value("The value at the end of warmup."),
    warmupSteps: { kind: "number", description: "Steps of linear warmup.", default: 0, min: 0 },
    timescale: steps("The decay's timescale.", {
      defaultText: "warmupSteps, or 10000 when warmupSteps is 0",
    }),
  },
  {
    python: (o, py) => {
      const ws = n(o, "warmupSteps");
      return py.define("inverseSqrtSchedule", [
        `if step < ${F(ws)}:`,
        `    return ${F(n(o, "peakValue"))} * (step / max(1, ${F(ws)}))`,
        `return ${F(n(o, "peakValue"))} * (1 / math.sqrt((step + ${F(n(o, "timescale") - ws)}) / ${
          F(n(o, "timescale"))
        }))`,
      ]);
    },
  },
));

registerSchedule(entry(
  "piecewiseConstantSchedule",
  piecewiseConstantSchedule,
  "initValue times every scale whose boundary t has reached.",
  {
    initValue: value("The value before the first boundary."),
    boundariesAndScales: {
      kind: "record",
      description: "Boundary step → factor applied from that step on.",
      default: {},
    },
  },
  {
    python: (o, py) => {
      const entries = Object.entries(o.boundariesAndScales as Record<string, number>)
        .map(([k, s]) => [Number(k), s] as const).sort((a, b) => a[0] - b[0]);
      return py.define("piecewiseConstantSchedule", [
        `value = ${F(n(o, "initValue"))}`,
        ...entries.flatMap(([b, s]) => [`if step >= ${F(b)}:`, `    value = ${F(s)} * value`]),
        "return value",
      ]);
    },
    optax: (o) =>
      `optax.piecewise_constant_schedule(init_value=${F(n(o, "initValue"))}, ` +
      `boundaries_and_scales={${
        Object.entries(o.boundariesAndScales as Record<string, number>)
          .map(([k, s]) => `${C(Number(k))}: ${F(s)}`).join(", ")
      }})`,
  },
));

registerSchedule(entry(
  "joinSchedules",
  joinSchedules,
  "Runs schedules one after another; each starts counting from 0 at its boundary.",
  {
    schedules: { kind: "schedules", description: "The schedules, in order." },
    boundaries: {
      kind: "numbers",
      description: "Steps at which the next schedule takes over, one fewer than schedules.",
      min: 0,
    },
  },
  {
    python: (o, py) => {
      const parts = (o.schedules as JsonObject[]).map((s) => py.schedule(s));
      const starts = ["0", ...(o.boundaries as number[]).map(F)];
      return py.define("joinSchedules", [
        `starts = [${starts.join(", ")}]`,
        `parts = [${parts.join(", ")}]`,
        "i = len(parts) - 1",
        "while i > 0 and step < starts[i]:",
        "    i -= 1",
        "return parts[i](step - starts[i])",
      ]);
    },
  },
));

registerSchedule(entry(
  "warmupCosineDecaySchedule",
  warmupCosineDecaySchedule,
  "Linear warmup from initValue to peakValue, then cosine decay to endValue at decaySteps.",
  {
    initValue: value("The value at step 0."),
    peakValue: value("The value at the end of warmup."),
    warmupSteps: { kind: "number", description: "Steps of linear warmup.", min: 0 },
    decaySteps: steps("Total steps, warmup included."),
    endValue: { kind: "number", description: "The final value.", default: 0 },
    exponent: steps("The power of the cosine.", { default: 1 }),
  },
  {
    optax: (o) =>
      optaxCall("warmup_cosine_decay_schedule", o, [
        "initValue",
        "peakValue",
        "warmupSteps",
        "decaySteps",
        "endValue",
        "exponent",
      ]),
  },
));

const shape = (description: string, d: string): OptionInfo => ({
  kind: "enum",
  description,
  choices: WSD_SHAPES,
  default: d,
});

function wsdShape(kind: string, q: string, up: boolean): string {
  if (kind === "linear") return up ? q : `(1 - ${q})`;
  if (kind === "cosine") return `(0.5 * (1 ${up ? "-" : "+"} math.cos(math.pi * ${q})))`;
  return up ? `(1 - math.sqrt(1 - ${q}))` : `(1 - math.sqrt(${q}))`;
}

registerSchedule(entry(
  "warmupStableDecaySchedule",
  warmupStableDecaySchedule,
  "Warmup to peakValue, hold it for stableSteps, then decay to endValue (WSD).",
  {
    peakValue: value("The value held in the stable phase."),
    warmupSteps: { kind: "number", description: "Steps of warmup.", min: 0 },
    stableSteps: { kind: "number", description: "Steps at peakValue.", min: 0 },
    decaySteps: { kind: "number", description: "Steps of decay.", min: 0 },
    endValue: { kind: "number", description: "The final value.", default: 0 },
    initValue: { kind: "number", description: "The value at step 0.", defaultText: "endValue" },
    warmupType: shape("The warmup's shape.", "linear"),
    decayType: shape("The decay's shape.", "cosine"),
  },
  {
    python: (o, py) => {
      const [ws, ds] = [n(o, "warmupSteps"), n(o, "decaySteps")];
      const start = ws + n(o, "stableSteps");
      const [peak, end, init] = [F(n(o, "peakValue")), F(n(o, "endValue")), F(n(o, "initValue"))];
      return py.define("warmupStableDecaySchedule", [
        `if step < ${F(ws)}:`,
        `    u = step / max(1, ${F(ws)})`,
        `    return ${init} + (${peak} - ${init}) * ${wsdShape(o.warmupType as string, "u", true)}`,
        `if step < ${F(start)}:`,
        `    return ${peak}`,
        `if step < ${F(start)} + ${F(ds)}:`,
        `    q = (step - ${F(start)}) / max(1, ${F(ds)})`,
        `    return ${end} + (${peak} - ${end}) * ${wsdShape(o.decayType as string, "q", false)}`,
        `return ${end}`,
      ]);
    },
  },
));

registerSchedule(entry(
  "sgdrSchedule",
  sgdrSchedule,
  "Cosine annealing with warm restarts (SGDR) as a pure schedule.",
  {
    peakValue: value("The value at the start of the first cycle."),
    cycleSteps: { kind: "integer", description: "Steps of the first cycle.", min: 1 },
    cycleMult: {
      kind: "integer",
      description: "Factor by which each cycle is longer than the last.",
      default: 1,
      min: 1,
    },
    cycleDecay: {
      kind: "number",
      description: "Factor on the peak at each restart.",
      default: 1,
      min: 0,
    },
    endValue: { kind: "number", description: "The lowest value.", default: 0 },
  },
  {
    python: (o, py) => {
      const cs = F(n(o, "cycleSteps"));
      const loop = n(o, "cycleMult") === 1
        ? [
          `t_cur = math.fmod(step, ${cs})`,
          `cycle = math.floor((step - t_cur) / ${cs} + 0.5)`,
        ]
        : [
          "cycle = 0",
          "t_cur = step",
          "while t_cur >= t_i:",
          "    t_cur -= t_i",
          `    t_i *= ${F(n(o, "cycleMult"))}`,
          "    cycle += 1",
        ];
      const end = F(n(o, "endValue"));
      return py.define("sgdrSchedule", [
        `t_i = ${cs}`,
        ...loop,
        `peak = ${F(n(o, "peakValue"))} * ${F(n(o, "cycleDecay"))} ** cycle`,
        `return ${end} + (peak - ${end}) * (1 + math.cos(math.pi * t_cur / t_i)) / 2`,
      ]);
    },
  },
));

registerSchedule(entry(
  "oneCycleSchedule",
  oneCycleSchedule,
  "PyTorch OneCycleLR's lr curve as a pure schedule.",
  {
    peakValue: value("The peak value."),
    totalSteps: { kind: "integer", description: "Steps in the cycle.", min: 1 },
    pctStart: {
      kind: "number",
      description: "Fraction of the cycle spent increasing.",
      default: 0.3,
      min: 0,
      max: 1,
    },
    annealStrategy: {
      kind: "enum",
      description: "How the value moves within a phase.",
      choices: ["cos", "linear"],
      default: "cos",
    },
    divFactor: value("initial = peakValue / divFactor.", {
      default: 25,
      min: 0,
      exclusiveMin: true,
    }),
    finalDivFactor: value("min = initial / finalDivFactor.", {
      default: 1e4,
      min: 0,
      exclusiveMin: true,
    }),
    threePhase: { kind: "boolean", description: "Add a third phase.", default: false },
  },
  {
    python: (o, py) => {
      const total = n(o, "totalSteps");
      const pct = n(o, "pctStart");
      const peak = n(o, "peakValue");
      const initial = peak / n(o, "divFactor");
      const min = initial / n(o, "finalDivFactor");
      const phases = o.threePhase
        ? [[pct * total - 1, initial, peak], [2 * pct * total - 2, peak, initial], [
          total - 1,
          initial,
          min,
        ]]
        : [[pct * total - 1, initial, peak], [total - 1, peak, min]];
      const anneal = o.annealStrategy === "cos"
        ? [
          "        cos_out = math.cos(math.pi * q) + 1",
          "        return to + (start_value - to) / 2.0 * cos_out",
        ]
        : ["        return (to - start_value) * q + start_value"];
      return py.define("oneCycleSchedule", [
        `t = min(step, ${I(total - 1)})`,
        "start = 0",
        `phases = [${
          phases.map((p) => `(${p.map((v) => F(v as number)).join(", ")})`).join(", ")
        }]`,
        "for i, (end, start_value, to) in enumerate(phases):",
        "    if t <= end or i == len(phases) - 1:",
        "        q = 1 if end == start else (t - start) / (end - start)",
        ...anneal,
        "    start = end",
      ]);
    },
  },
));
