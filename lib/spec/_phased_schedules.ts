/**
 * The registry entries of the pure schedules built from phases: piecewise constant, joined,
 * warmup-cosine, warmup-stable-decay, SGDR and one-cycle.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import { piecewiseConstantSchedule } from "../schedules/piecewise_constant.ts";
import { joinSchedules } from "../schedules/join.ts";
import { warmupCosineDecaySchedule } from "../schedules/warmup_cosine_decay.ts";
import { warmupStableDecaySchedule, WSD_SHAPES } from "../schedules/warmup_stable_decay.ts";
import { sgdrSchedule } from "../schedules/sgdr.ts";
import { oneCycleSchedule } from "../schedules/one_cycle.ts";
import { registerSchedule } from "./registry.ts";
import type { OptionInfo } from "./registry.ts";
import { pyCount as C, pyFloat as F, pyInt as I } from "./_python.ts";
import { entry, n, optaxCall, steps, value } from "./_schedule_entry.ts";

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
