/**
 * The registry entries of Keras 3's schedules (`keras.optimizers.schedules`), as pure-schedule
 * specs named `keras.<Class>` (`"keras.CosineDecay"`), so they never collide with the top-level
 * schedules: option tables, builders, Python functions whose arithmetic is anneal's (Keras'
 * float64 arithmetic) operation for operation, and the Keras class itself for `toKeras`.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { ExponentialDecay } from "../keras/exponential_decay.ts";
import { PiecewiseConstantDecay } from "../keras/piecewise_constant_decay.ts";
import { PolynomialDecay } from "../keras/polynomial_decay.ts";
import { InverseTimeDecay } from "../keras/inverse_time_decay.ts";
import { CosineDecay } from "../keras/cosine_decay.ts";
import { CosineDecayRestarts } from "../keras/cosine_decay_restarts.ts";
import { registerSchedule } from "./registry.ts";
import type { OptionInfo } from "./registry.ts";
import { pyCount as C, pyFloat as F } from "./_python.ts";
import { familyEntry, n, steps, value } from "./_schedule_entry.ts";

const initialLearningRate = value("The learning rate at step 0.");
const decaySteps = steps("Steps per unit of decay (positive).");
const staircase: OptionInfo = {
  kind: "boolean",
  description: "Floor step / decaySteps: decay in discrete steps.",
  default: false,
};

/** `keras.optimizers.schedules.Name(keyword=value, ...)`, step counts as ints. */
function kerasCall(name: string, o: JsonObject, keys: readonly string[]): string {
  const args = keys.map((k) => {
    const v = o[k];
    const keyword = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (v === null || v === undefined) return `${keyword}=None`;
    if (typeof v === "boolean") return `${keyword}=${v ? "True" : "False"}`;
    if (Array.isArray(v)) {
      const write = k === "boundaries" ? C : F;
      return `${keyword}=[${(v as number[]).map(write).join(", ")}]`;
    }
    return `${keyword}=${/Steps$/.test(k) ? C(v as number) : F(v as number)}`;
  });
  return `keras.optimizers.schedules.${name}(${args.join(", ")})`;
}

const decayRateKeys = ["initialLearningRate", "decaySteps", "decayRate", "staircase"];

registerSchedule(familyEntry(
  "keras.ExponentialDecay",
  ExponentialDecay,
  "Keras' ExponentialDecay: I * decayRate ** (t / decaySteps).",
  {
    initialLearningRate,
    decaySteps,
    decayRate: value("The factor per decaySteps."),
    staircase,
  },
  {
    python: (o, py) =>
      py.define("keras.ExponentialDecay", [
        `p = step / ${F(n(o, "decaySteps"))}`,
        ...(o.staircase ? ["p = math.floor(p)"] : []),
        `return ${F(n(o, "initialLearningRate"))} * ${F(n(o, "decayRate"))} ** p`,
      ]),
    keras: (o) => kerasCall("ExponentialDecay", o, decayRateKeys),
  },
));

registerSchedule(familyEntry(
  "keras.PiecewiseConstantDecay",
  PiecewiseConstantDecay,
  "Keras' PiecewiseConstantDecay: values[i] between boundaries[i - 1] and boundaries[i].",
  {
    boundaries: { kind: "numbers", description: "The steps where the value changes, ascending." },
    values: { kind: "numbers", description: "The values, one more than boundaries." },
  },
  {
    python: (o, py) => {
      const b = o.boundaries as number[];
      const v = o.values as number[];
      const last = b.length - 1;
      return py.define("keras.PiecewiseConstantDecay", [
        "result = 0",
        `result += (1 if step <= ${F(b[0]!)} else 0) * ${F(v[0]!)}`,
        `result += (1 if step > ${F(b[last]!)} else 0) * ${F(v[last + 1]!)}`,
        ...b.slice(1).map((hi, j) =>
          `result += (1 if ${F(b[j]!)} < step <= ${F(hi)} else 0) * ${F(v[j + 1]!)}`
        ),
        "return result",
      ]);
    },
    keras: (o) => kerasCall("PiecewiseConstantDecay", o, ["boundaries", "values"]),
  },
));

registerSchedule(familyEntry(
  "keras.PolynomialDecay",
  PolynomialDecay,
  "Keras' PolynomialDecay: (I - E) * (1 - t / decaySteps) ** power + E, optionally cycling.",
  {
    initialLearningRate,
    decaySteps,
    endLearningRate: value("The value at decaySteps.", { default: 0.0001 }),
    power: { kind: "number", description: "The polynomial's power.", default: 1 },
    cycle: {
      kind: "boolean",
      description: "Restart the decay every multiple of decaySteps.",
      default: false,
    },
  },
  {
    python: (o, py) => {
      const d = F(n(o, "decaySteps"));
      return py.define("keras.PolynomialDecay", [
        "t = step",
        `steps = ${d}`,
        o.cycle ? `steps = steps * (1 if t == 0 else math.ceil(t / ${d}))` : "t = min(t, steps)",
        "p = t / steps",
        `return (${F(n(o, "initialLearningRate"))} - ${F(n(o, "endLearningRate"))}) * ` +
        `(1 - p) ** ${F(n(o, "power"))} + ${F(n(o, "endLearningRate"))}`,
      ]);
    },
    keras: (o) =>
      kerasCall("PolynomialDecay", o, [
        "initialLearningRate",
        "decaySteps",
        "endLearningRate",
        "power",
        "cycle",
      ]),
  },
));

registerSchedule(familyEntry(
  "keras.InverseTimeDecay",
  InverseTimeDecay,
  "Keras' InverseTimeDecay: I / (1 + decayRate * t / decaySteps).",
  {
    initialLearningRate,
    decaySteps,
    decayRate: { kind: "number", description: "The decay rate." },
    staircase,
  },
  {
    python: (o, py) =>
      py.define("keras.InverseTimeDecay", [
        `p = step / ${F(n(o, "decaySteps"))}`,
        ...(o.staircase ? ["p = math.floor(p)"] : []),
        `return ${F(n(o, "initialLearningRate"))} / (1 + ${F(n(o, "decayRate"))} * p)`,
      ]),
    keras: (o) => kerasCall("InverseTimeDecay", o, decayRateKeys),
  },
));

registerSchedule(familyEntry(
  "keras.CosineDecay",
  CosineDecay,
  "Keras' CosineDecay: an optional linear warmup to warmupTarget, then a cosine to alpha.",
  {
    initialLearningRate,
    decaySteps,
    alpha: {
      kind: "number",
      description: "The final value as a fraction of the decay's start.",
      default: 0,
    },
    warmupTarget: {
      kind: "number",
      description: "The value the warmup reaches; null: no warmup.",
      default: null,
      nullable: true,
      log: true,
    },
    warmupSteps: { kind: "number", description: "Steps of warmup.", default: 0, min: 0 },
  },
  {
    python: (o, py) => {
      const d = F(n(o, "decaySteps"));
      const alpha = F(n(o, "alpha"));
      const decay = (s: string, from: string) => [
        `completed_fraction = ${s} / ${d}`,
        "cosine_decayed = 0.5 * (1.0 + math.cos(math.pi * completed_fraction))",
        `decayed = (1 - ${alpha}) * cosine_decayed + ${alpha}`,
        `return ${from} * decayed`,
      ];
      const init = F(n(o, "initialLearningRate"));
      if (o.warmupTarget === null) {
        return py.define("keras.CosineDecay", decay(`min(step, ${d})`, init));
      }
      const ws = F(n(o, "warmupSteps"));
      const target = F(n(o, "warmupTarget"));
      return py.define("keras.CosineDecay", [
        `u = min(step, ${d} + ${ws})`,
        `if u < ${ws}:`,
        `    completed_fraction = u / ${ws}`,
        `    total_step_delta = ${target} - ${init}`,
        `    return total_step_delta * completed_fraction + ${init}`,
        ...decay(`(u - ${ws})`, target),
      ]);
    },
    keras: (o) =>
      kerasCall("CosineDecay", o, [
        "initialLearningRate",
        "decaySteps",
        "alpha",
        "warmupTarget",
        "warmupSteps",
      ]),
  },
));

registerSchedule(familyEntry(
  "keras.CosineDecayRestarts",
  CosineDecayRestarts,
  "Keras' CosineDecayRestarts (SGDR): cosine cycles growing by tMul, peaks scaled by mMul.",
  {
    initialLearningRate,
    firstDecaySteps: steps("Steps of the first cycle."),
    tMul: steps("Each cycle is tMul times longer than the one before.", { default: 2 }),
    mMul: { kind: "number", description: "Each cycle's peak factor.", default: 1 },
    alpha: { kind: "number", description: "The floor, a fraction of I.", default: 0 },
  },
  {
    python: (o, py) => {
      const tMul = n(o, "tMul");
      const t = F(tMul);
      return py.define("keras.CosineDecayRestarts", [
        `completed_fraction = step / ${F(n(o, "firstDecaySteps"))}`,
        ...(tMul === 1
          ? [
            "i_restart = math.floor(completed_fraction)",
            "completed_fraction -= i_restart",
          ]
          : [
            `i_restart = math.floor(math.log(1.0 - completed_fraction * (1.0 - ${t})) / ` +
            `math.log(${t}))`,
            `sum_r = (1.0 - ${t} ** i_restart) / (1.0 - ${t})`,
            `completed_fraction = (completed_fraction - sum_r) / ${t} ** i_restart`,
          ]),
        `m_fac = ${F(n(o, "mMul"))} ** i_restart`,
        "cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))",
        `decayed = (1 - ${F(n(o, "alpha"))}) * cosine_decayed + ${F(n(o, "alpha"))}`,
        `return ${F(n(o, "initialLearningRate"))} * decayed`,
      ]);
    },
    keras: (o) =>
      kerasCall("CosineDecayRestarts", o, [
        "initialLearningRate",
        "firstDecaySteps",
        "tMul",
        "mMul",
        "alpha",
      ]),
  },
));
