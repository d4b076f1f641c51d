/**
 * The registry entries of optax's schedules (`optax.schedules`), as pure-schedule specs named
 * `optax.<function>` (`"optax.cosineOnecycleSchedule"`), so they never collide with the
 * top-level schedules of the same name (whose numbers are PyTorch's or Hugging Face's): option
 * tables, builders, Python functions whose arithmetic is anneal's (optax's float64 arithmetic)
 * operation for operation, and the optax call itself for `toOptax`.
 *
 * The composed schedules (warmups, one-cycles, SGDR) are written in Python as optax builds
 * them: from the primitives (`polynomial`, `exponential_decay`, `cosine_decay`,
 * `piecewise_interpolate`, `join`), with the constants computed here as the TypeScript
 * computes them.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { constantSchedule } from "../optax/constant_schedule.ts";
import { polynomialSchedule } from "../optax/polynomial_schedule.ts";
import { linearSchedule } from "../optax/linear_schedule.ts";
import { piecewiseConstantSchedule } from "../optax/piecewise_constant_schedule.ts";
import { exponentialDecay } from "../optax/exponential_decay.ts";
import { cosineDecaySchedule } from "../optax/cosine_decay_schedule.ts";
import { piecewiseInterpolateSchedule } from "../optax/piecewise_interpolate_schedule.ts";
import { linearOnecycleSchedule } from "../optax/linear_onecycle_schedule.ts";
import { cosineOnecycleSchedule } from "../optax/cosine_onecycle_schedule.ts";
import { warmupConstantSchedule } from "../optax/warmup_constant_schedule.ts";
import { warmupCosineDecaySchedule } from "../optax/warmup_cosine_decay_schedule.ts";
import { warmupExponentialDecaySchedule } from "../optax/warmup_exponential_decay_schedule.ts";
import { sgdrSchedule } from "../optax/sgdr_schedule.ts";
import { joinSchedules } from "../optax/join_schedules.ts";
import { scalesDict } from "../optax/_onecycle.ts";
import { sortedScales } from "../optax/_scales.ts";
import { registerSchedule } from "./registry.ts";
import type { OptionInfo, OptionTable } from "./registry.ts";
import { pyCount as C, pyFloat as F, pyLiteral } from "./_python.ts";
import type { PyWriter } from "./_python.ts";
import { familyEntry, n, value } from "./_schedule_entry.ts";

const count = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  ...extra,
});
const transitionBegin = count("Steps before the transition starts (negative counts as 0).", {
  default: 0,
});
const endValueOrNull: OptionInfo = {
  kind: "number",
  description: "A bound the value does not pass; null: none.",
  default: null,
  nullable: true,
};
const scales: OptionInfo = {
  kind: "record",
  description: "Boundary step → factor applied from that step on.",
  default: {},
};

// The primitives, in Python, operation for operation as lib/optax computes them.

function pyPolynomial(
  py: PyWriter,
  init: number,
  end: number,
  power: number,
  steps: number,
  begin: number,
): string {
  if (steps <= 0) return py.define("optax.polynomial_schedule (constant)", [`return ${F(init)}`]);
  return py.define("optax.polynomial_schedule", [
    `count = min(max(step - ${F(Math.max(begin, 0))}, 0), ${F(steps)})`,
    `frac = 1 - count / ${F(steps)}`,
    `return (${F(init)} - ${F(end)}) * frac ** ${F(power)} + ${F(end)}`,
  ]);
}

function pyExponential(py: PyWriter, o: JsonObject): string {
  const [init, steps, rate] = [n(o, "initValue"), n(o, "transitionSteps"), n(o, "decayRate")];
  if (steps <= 0 || rate === 0) {
    return py.define("optax.exponential_decay (constant)", [`return ${F(init)}`]);
  }
  const end = o.endValue;
  return py.define("optax.exponential_decay", [
    `decreased = step - ${F(Math.max(n(o, "transitionBegin"), 0))}`,
    `p = decreased / ${F(steps)}`,
    ...(o.staircase ? ["p = math.floor(p)"] : []),
    `decayed = ${F(init)} if decreased <= 0 else ${F(init)} * ${F(rate)} ** p`,
    end === null || end === undefined
      ? "return decayed"
      : `return ${rate < 1 ? "max" : "min"}(decayed, ${F(end as number)})`,
  ]);
}

function pyCosineDecay(
  py: PyWriter,
  init: number,
  steps: number,
  alpha: number,
  exponent: number,
): string {
  return py.define("optax.cosine_decay_schedule", [
    `count = min(step, ${F(steps)})`,
    `cosine_decay = 0.5 * (1 + math.cos(math.pi * count / ${F(steps)}))`,
    `decayed = (1 - ${F(alpha)}) * cosine_decay ** ${F(exponent)} + ${F(alpha)}`,
    `return ${F(init)} * decayed`,
  ]);
}

function pyInterpolate(
  py: PyWriter,
  type: string,
  init: number,
  boundariesAndScales: Record<string, number>,
): string {
  const { boundaries, scales } = sortedScales("piecewiseInterpolateSchedule", boundariesAndScales);
  const bounds = [0, ...boundaries];
  const values = [init];
  for (const s of scales) values.push(values[values.length - 1]! * s);
  const interpolate = type === "linear"
    ? "(end - start) * pct + start"
    : "end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)";
  return py.define(`optax.piecewise_interpolate_schedule (${type})`, [
    `bounds = [${bounds.map(F).join(", ")}]`,
    `values = [${values.map(F).join(", ")}]`,
    "dot = 0",
    "for i in range(len(bounds) - 1):",
    "    lo, hi = bounds[i], bounds[i + 1]",
    "    if lo <= step < hi:",
    "        pct = (step - lo) / max(hi - lo, 1)",
    "        start, end = values[i], values[i + 1]",
    `        dot += ${interpolate}`,
    "return dot + (values[-1] if bounds[-1] <= step else 0)",
  ]);
}

function pyJoin(py: PyWriter, parts: readonly string[], boundaries: readonly number[]): string {
  return py.define("optax.join_schedules", [
    `parts = [${parts.join(", ")}]`,
    `boundaries = [${boundaries.map(F).join(", ")}]`,
    "output = parts[0](step)",
    "for i, boundary in enumerate(boundaries):",
    "    if not step < boundary:",
    "        output = parts[i + 1](step - boundary)",
    "return output",
  ]);
}

function pyWarmupCosine(py: PyWriter, o: JsonObject): string {
  const [init, peak, ws, ds] = ["initValue", "peakValue", "warmupSteps", "decaySteps"].map((k) =>
    n(o, k)
  ) as [number, number, number, number];
  const end = (o.endValue ?? 0) as number;
  const alpha = peak === 0 ? 0 : end / peak;
  return pyJoin(py, [
    pyPolynomial(py, init, peak, 1, ws, 0),
    pyCosineDecay(py, peak, ds - ws, alpha, (o.exponent ?? 1) as number),
  ], [ws]);
}

/** `optax.name(keyword=value, ...)`: step counts as ints where integral, dict keys as ints. */
function optaxCall(name: string, o: JsonObject, keys: readonly string[]): string {
  const args = keys.filter((k) => o[k] !== undefined).map((k) => {
    const keyword = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const v = o[k]!;
    if (k === "boundariesAndScales") {
      const entries = Object.entries(v as Record<string, number>)
        .map(([b, s]) => `${C(Number(b))}: ${F(s)}`);
      return `${keyword}={${entries.join(", ")}}`;
    }
    if (typeof v === "number" && /Steps|Begin/.test(k)) return `${keyword}=${C(v)}`;
    return `${keyword}=${pyLiteral(v)}`;
  });
  return `optax.${name}(${args.join(", ")})`;
}

function entry(
  name: string,
  factory: Parameters<typeof familyEntry>[1],
  description: string,
  options: OptionTable,
  python: (o: JsonObject, py: PyWriter) => string,
  optax?: (o: JsonObject) => string,
): void {
  const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  registerSchedule(familyEntry(`optax.${name}`, factory, description, options, {
    python,
    optax: optax ?? ((o) => optaxCall(snake, o, Object.keys(options))),
  }));
}

entry("constantSchedule", constantSchedule, "optax's constant_schedule: the same value.", {
  value: value("The value."),
}, (o, py) => py.define("optax.constant_schedule", [`return ${F(n(o, "value"))}`]));

const polynomialOptions: OptionTable = {
  initValue: value("The value before the transition."),
  endValue: value("The value after it."),
  power: count("The polynomial's power."),
  transitionSteps: count("Steps of the transition; 0 or less: a constant initValue."),
  transitionBegin,
};

entry(
  "polynomialSchedule",
  polynomialSchedule,
  "optax's polynomial_schedule: (init - end) * (1 - count / steps) ** power + end.",
  polynomialOptions,
  (o, py) =>
    pyPolynomial(
      py,
      n(o, "initValue"),
      n(o, "endValue"),
      n(o, "power"),
      n(o, "transitionSteps"),
      n(o, "transitionBegin"),
    ),
);

const { power: _power, ...linearOptions } = polynomialOptions;

entry(
  "linearSchedule",
  linearSchedule,
  "optax's linear_schedule: from initValue to endValue linearly over transitionSteps.",
  linearOptions,
  (o, py) =>
    pyPolynomial(
      py,
      n(o, "initValue"),
      n(o, "endValue"),
      1,
      n(o, "transitionSteps"),
      n(o, "transitionBegin"),
    ),
);

entry(
  "piecewiseConstantSchedule",
  piecewiseConstantSchedule,
  "optax's piecewise_constant_schedule: initValue times each scale whose boundary has passed.",
  { initValue: value("The value before the first boundary."), boundariesAndScales: scales },
  (o, py) => {
    const { boundaries, scales } = sortedScales(
      "piecewiseConstantSchedule",
      o.boundariesAndScales,
    );
    return py.define("optax.piecewise_constant_schedule", [
      `v = ${F(n(o, "initValue"))}`,
      `for threshold, scale in zip([${boundaries.map(F).join(", ")}], [${
        scales.map(F).join(", ")
      }]):`,
      "    d = threshold - step",
      "    indicator = max(0, (d > 0) - (d < 0))",
      "    v = v * indicator + (1 - indicator) * scale * v",
      "return v",
    ]);
  },
);

const exponentialOptions: OptionTable = {
  initValue: value("The value at step 0."),
  transitionSteps: count("Steps per unit of decay; 0 or less: a constant initValue."),
  decayRate: count("The factor per transitionSteps; 0: a constant initValue."),
  transitionBegin,
  staircase: { kind: "boolean", description: "Decay in discrete steps.", default: false },
  endValue: endValueOrNull,
};

entry(
  "exponentialDecay",
  exponentialDecay,
  "optax's exponential_decay: initValue * decayRate ** ((t - transitionBegin) / transitionSteps).",
  exponentialOptions,
  (o, py) => pyExponential(py, o),
);

entry(
  "cosineDecaySchedule",
  cosineDecaySchedule,
  "optax's cosine_decay_schedule: initValue * ((1 - alpha) * cosine ** exponent + alpha).",
  {
    initValue: value("The value at step 0."),
    decaySteps: count("Steps of the decay (positive).", { min: 0, exclusiveMin: true }),
    alpha: { kind: "number", description: "The final value as a fraction.", default: 0 },
    exponent: { kind: "number", description: "The power of the cosine.", default: 1 },
  },
  (o, py) =>
    pyCosineDecay(py, n(o, "initValue"), n(o, "decaySteps"), n(o, "alpha"), n(o, "exponent")),
);

entry(
  "piecewiseInterpolateSchedule",
  piecewiseInterpolateSchedule,
  "optax's piecewise_interpolate_schedule: linear or cosine between accumulated scales.",
  {
    interpolateType: {
      kind: "enum",
      description: "How the value moves between boundaries.",
      choices: ["linear", "cosine"],
    },
    initValue: value("The value at step 0."),
    boundariesAndScales: scales,
  },
  (o, py) =>
    pyInterpolate(
      py,
      o.interpolateType as string,
      n(o, "initValue"),
      o.boundariesAndScales as Record<string, number>,
    ),
);

const onecycle = {
  transitionSteps: count("Steps of the cycle (positive).", { min: 0, exclusiveMin: true }),
  peakValue: value("The peak value."),
  pctStart: { kind: "number", description: "Fraction of steps increasing.", default: 0.3 },
} as const;
const divFactors = {
  divFactor: value("initial = peakValue / divFactor.", { default: 25 }),
  finalDivFactor: value("final = initial / finalDivFactor.", { default: 1e4 }),
} as const;

entry(
  "linearOnecycleSchedule",
  linearOnecycleSchedule,
  "optax's linear_onecycle_schedule: linear up to peakValue, down to initial, then to the end.",
  {
    ...onecycle,
    pctFinal: {
      kind: "number",
      description: "Fraction of steps at which the second phase ends.",
      default: 0.85,
    },
    ...divFactors,
  },
  (o, py) => {
    const [steps, div] = [n(o, "transitionSteps"), n(o, "divFactor")];
    return pyInterpolate(
      py,
      "linear",
      n(o, "peakValue") / div,
      scalesDict([
        [Math.trunc(n(o, "pctStart") * steps), div],
        [Math.trunc(n(o, "pctFinal") * steps), 1.0 / div],
        [steps, 1.0 / n(o, "finalDivFactor")],
      ]),
    );
  },
);

entry(
  "cosineOnecycleSchedule",
  cosineOnecycleSchedule,
  "optax's cosine_onecycle_schedule: cosine up to peakValue, then down to the final value.",
  { ...onecycle, ...divFactors },
  (o, py) => {
    const [steps, div] = [n(o, "transitionSteps"), n(o, "divFactor")];
    return pyInterpolate(
      py,
      "cosine",
      n(o, "peakValue") / div,
      scalesDict([
        [Math.trunc(n(o, "pctStart") * steps), div],
        [Math.trunc(steps), 1.0 / (div * n(o, "finalDivFactor"))],
      ]),
    );
  },
);

entry(
  "warmupConstantSchedule",
  warmupConstantSchedule,
  "optax's warmup_constant_schedule: linear from initValue to peakValue, then peakValue.",
  {
    initValue: value("The value at step 0."),
    peakValue: value("The value after warmup."),
    warmupSteps: count("Steps of warmup."),
  },
  (o, py) => pyPolynomial(py, n(o, "initValue"), n(o, "peakValue"), 1, n(o, "warmupSteps"), 0),
);

const warmupCosineItems: OptionTable = {
  initValue: value("The value at step 0."),
  peakValue: value("The value at the end of warmup."),
  warmupSteps: count("Steps of linear warmup."),
  decaySteps: count("Total steps, warmup included (more than warmupSteps)."),
  endValue: { kind: "number", description: "The final value.", default: 0 },
  exponent: { kind: "number", description: "The power of the cosine.", default: 1 },
};

entry(
  "warmupCosineDecaySchedule",
  warmupCosineDecaySchedule,
  "optax's warmup_cosine_decay_schedule: linear warmup, then a cosine to endValue at decaySteps.",
  warmupCosineItems,
  (o, py) => pyWarmupCosine(py, o),
);

entry(
  "warmupExponentialDecaySchedule",
  warmupExponentialDecaySchedule,
  "optax's warmup_exponential_decay_schedule: linear warmup, then optax's exponential_decay.",
  {
    initValue: value("The value at step 0."),
    peakValue: value("The value at the end of warmup."),
    warmupSteps: count("Steps of linear warmup."),
    transitionSteps: exponentialOptions.transitionSteps!,
    decayRate: exponentialOptions.decayRate!,
    transitionBegin,
    staircase: exponentialOptions.staircase!,
    endValue: endValueOrNull,
  },
  (o, py) =>
    pyJoin(py, [
      pyPolynomial(py, n(o, "initValue"), n(o, "peakValue"), 1, n(o, "warmupSteps"), 0),
      pyExponential(py, { ...o, initValue: n(o, "peakValue") }),
    ], [n(o, "warmupSteps")]),
);

entry(
  "sgdrSchedule",
  sgdrSchedule,
  "optax's sgdr_schedule: warmup-cosine cycles joined end to end, one per cosineKwargs entry.",
  {
    cosineKwargs: {
      kind: "objects",
      description: "One warmup_cosine_decay_schedule options object per cycle.",
      items: warmupCosineItems,
    },
  },
  (o, py) => {
    const cycles = o.cosineKwargs as JsonObject[];
    const boundaries: number[] = [];
    let step = 0;
    for (const kwargs of cycles) {
      boundaries.push(step + n(kwargs, "decaySteps"));
      step += n(kwargs, "decaySteps");
    }
    return pyJoin(py, cycles.map((c) => pyWarmupCosine(py, c)), boundaries.slice(0, -1));
  },
  (o) =>
    `optax.sgdr_schedule(cosine_kwargs=[${
      (o.cosineKwargs as JsonObject[]).map((c) =>
        `dict(${
          Object.entries(c).map(([k, v]) =>
            `${k.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`)}=${
              /Steps/.test(k) ? C(v as number) : F(v as number)
            }`
          ).join(", ")
        })`
      ).join(", ")
    }])`,
);

entry(
  "joinSchedules",
  joinSchedules,
  "optax's join_schedules: each schedule from its boundary on, counting from 0 there.",
  {
    schedules: { kind: "schedules", description: "The schedules, in order." },
    boundaries: {
      kind: "numbers",
      description: "Steps at which the next schedule takes over, one fewer than schedules.",
    },
  },
  (o, py) =>
    pyJoin(py, (o.schedules as JsonObject[]).map((s) => py.schedule(s)), o.boundaries as number[]),
);
