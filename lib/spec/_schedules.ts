/**
 * The registry entries of the decaying pure schedules (the seed's three, optax's and the inverse
 * square root): option tables, builders, Python functions whose arithmetic is the TypeScript's
 * operation for operation, and optax and Keras equivalents where those libraries compute the
 * same formula.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { stepDecay } from "../schedules/step_decay.ts";
import { exponentialDecay } from "../schedules/exponential_decay.ts";
import { inverseTimeDecay } from "../schedules/inverse_time_decay.ts";
import { constantSchedule } from "../schedules/constant.ts";
import { linearSchedule } from "../schedules/linear.ts";
import { polynomialSchedule } from "../schedules/polynomial.ts";
import { cosineDecaySchedule } from "../schedules/cosine_decay.ts";
import { inverseSqrtSchedule } from "../schedules/inverse_sqrt.ts";
import { registerSchedule } from "./registry.ts";
import { pyCount as C, pyFloat as F, pyInt as I } from "./_python.ts";
import type { PyWriter } from "./_python.ts";
import { begin, entry, n, optaxCall, steps, value } from "./_schedule_entry.ts";

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
