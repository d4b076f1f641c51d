/**
 * Bad-input cases of the pure schedules (lib/schedules): for every factory, the options object
 * (null, a number, unknown and snake_case keys, an explicit null for each key), NaN, ±Infinity
 * and wrong types for each key, and bad steps given to the schedule it returns.
 *
 * @module
 */

import type { Case } from "./_harness.ts";
import * as api from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

type Factory = (options: unknown) => (step: number) => number;

/** Each factory with valid options, a misspelt (mostly snake_case) key and its suggestion. */
const FACTORIES: [name: string, valid: Record<string, unknown>, snake: string, camel: string][] = [
  ["constantSchedule", { value: 0.1 }, "vaule", "value"],
  ["cosineDecaySchedule", { initValue: 0.1, decaySteps: 10 }, "decay_steps", "decaySteps"],
  ["exponentialDecay", { lr0: 0.1, k: 0.5 }, "transition_steps", "transitionSteps"],
  ["inverseSqrtSchedule", { peakValue: 0.1, warmupSteps: 5 }, "warmup_steps", "warmupSteps"],
  ["inverseTimeDecay", { lr0: 0.1, k: 0.5 }, "transition_steps", "transitionSteps"],
  ["linearSchedule", { initValue: 0, endValue: 0.1, transitionSteps: 10 }, "end_value", "endValue"],
  [
    "oneCycleSchedule",
    { peakValue: 0.1, totalSteps: 100 },
    "pct_start",
    "pctStart",
  ],
  [
    "piecewiseConstantSchedule",
    { initValue: 0.1, boundariesAndScales: { 10: 0.5 } },
    "boundaries_and_scales",
    "boundariesAndScales",
  ],
  [
    "polynomialSchedule",
    { initValue: 0.1, endValue: 0, power: 2, transitionSteps: 10 },
    "transition_begin",
    "transitionBegin",
  ],
  ["sgdrSchedule", { peakValue: 0.1, cycleSteps: 10 }, "cycle_mult", "cycleMult"],
  ["stepDecay", { lr0: 0.1, period: 10 }, "Beta", "beta"],
  [
    "warmupCosineDecaySchedule",
    { initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 50 },
    "end_value",
    "endValue",
  ],
  [
    "warmupStableDecaySchedule",
    { peakValue: 0.1, warmupSteps: 5, stableSteps: 10, decaySteps: 10 },
    "decay_type",
    "decayType",
  ],
];

const factory = (name: string) => (api as unknown as Record<string, Factory>)[name]!;

/** Bad values for keys holding numbers: [label, value, error, what the message shows]. */
const NUMBERS: [string, unknown, typeof TypeError | typeof RangeError, string][] = [
  ["NaN", NaN, RangeError, "NaN"],
  ["Infinity", Infinity, RangeError, "Infinity"],
  ['a string "1"', "1", TypeError, '"1"'],
  ["a boolean", true, TypeError, "true"],
];

function casesOf([name, valid, snake, camel]: (typeof FACTORIES)[number]): Case[] {
  const make = (o: unknown) => factory(name)(bad(o));
  const out: Case[] = [
    {
      export: name,
      label: "options null",
      call: () => make(null),
      error: TypeError,
      includes: [name, "options", "null"],
    },
    {
      export: name,
      label: "options undefined",
      call: () => make(undefined),
      error: TypeError,
      includes: [name, "options", "undefined"],
    },
    {
      export: name,
      label: "options a number",
      call: () => make(0.1),
      error: TypeError,
      includes: [name, "options", "0.1"],
    },
    {
      export: name,
      label: `misspelt key ${snake}`,
      call: () => make({ ...valid, [snake]: 1 }),
      error: TypeError,
      includes: [name, snake, `did you mean ${camel}?`],
    },
    {
      export: name,
      label: "an unknown key",
      call: () => make({ ...valid, warmup: 3 }),
      error: TypeError,
      includes: [name, "warmup", "expected one of"],
    },
    {
      export: name,
      label: "the step of a schedule -1",
      call: () => make(valid)(-1),
      error: RangeError,
      includes: ["step", "-1"],
    },
    {
      export: name,
      label: "the step of a schedule NaN",
      call: () => make(valid)(NaN),
      error: RangeError,
      includes: ["step", "NaN"],
    },
    {
      export: name,
      label: 'the step of a schedule "3"',
      call: () => make(valid)(bad("3")),
      error: TypeError,
      includes: ["step", '"3"'],
    },
  ];
  for (const [key, value] of Object.entries(valid)) {
    out.push({
      export: name,
      label: `${key} null (NaN through JSON)`,
      call: () => make({ ...valid, [key]: null }),
      error: TypeError,
      includes: [name, key, "null"],
    });
    if (typeof value !== "number") continue;
    for (const [label, v, error, shown] of NUMBERS) {
      out.push({
        export: name,
        label: `${key} ${label}`,
        call: () => make({ ...valid, [key]: v }),
        error,
        includes: [key, shown],
      });
    }
  }
  return out;
}

/** Checks specific to one factory. */
const SPECIFIC: [
  string,
  string,
  Record<string, unknown>,
  typeof TypeError | typeof RangeError,
  string[],
][] = [
  [
    "stepDecay",
    "k instead of beta (silently 0.5 before)",
    { lr0: 0.1, k: 0.9, period: 10 },
    TypeError,
    ["stepDecay", "k", "lr0, beta, period"],
  ],
  ["stepDecay", "beta -0.5", { lr0: 0.1, beta: -0.5, period: 10 }, RangeError, ["beta", "-0.5"]],
  ["stepDecay", "period 0", { lr0: 0.1, period: 0 }, RangeError, ["period", "=0"]],
  ["stepDecay", "period 2.5", { lr0: 0.1, period: 2.5 }, RangeError, ["period", "2.5"]],
  ["stepDecay", "period missing", { lr0: 0.1 }, TypeError, ["period", "undefined"]],
  ["exponentialDecay", "both k and decayRate", { lr0: 0.1, k: 0.5, decayRate: 0.9 }, RangeError, [
    "k=0.5",
    "decayRate=0.9",
  ]],
  ["exponentialDecay", "neither k nor decayRate", { lr0: 0.1 }, RangeError, [
    "k=undefined",
    "decayRate=undefined",
  ]],
  ["exponentialDecay", "staircase 1", { lr0: 0.1, k: 0.5, staircase: 1 }, TypeError, [
    "staircase",
    "=1",
  ]],
  ["exponentialDecay", "k -1", { lr0: 0.1, k: -1 }, RangeError, ["k", "-1"]],
  ["exponentialDecay", "decay_rate", { lr0: 0.1, decay_rate: 0.9 }, TypeError, [
    "decay_rate",
    "did you mean decayRate?",
  ]],
  ["inverseTimeDecay", 'staircase "yes"', { lr0: 0.1, k: 0.5, staircase: "yes" }, TypeError, [
    "staircase",
    '"yes"',
  ]],
  ["inverseTimeDecay", "k -1", { lr0: 0.1, k: -1 }, RangeError, ["k", "-1"]],
  [
    "oneCycleSchedule",
    "pctStart 1.5",
    { peakValue: 0.1, totalSteps: 100, pctStart: 1.5 },
    RangeError,
    ["pctStart", "1.5"],
  ],
  [
    "oneCycleSchedule",
    'annealStrategy "cosine"',
    { peakValue: 0.1, totalSteps: 100, annealStrategy: "cosine" },
    RangeError,
    ["annealStrategy", '"cosine"'],
  ],
  [
    "oneCycleSchedule",
    'threePhase "true"',
    { peakValue: 0.1, totalSteps: 100, threePhase: "true" },
    TypeError,
    ["threePhase", '"true"'],
  ],
  ["oneCycleSchedule", "totalSteps 0", { peakValue: 0.1, totalSteps: 0 }, RangeError, [
    "totalSteps",
    "=0",
  ]],
  [
    "oneCycleSchedule",
    "max_lr (the scheduler's name)",
    { max_lr: 0.1, totalSteps: 100 },
    TypeError,
    ["max_lr"],
  ],
  [
    "warmupStableDecaySchedule",
    'decayType "exp"',
    { peakValue: 0.1, warmupSteps: 5, stableSteps: 10, decaySteps: 10, decayType: "exp" },
    RangeError,
    ["decayType", '"exp"'],
  ],
  [
    "warmupStableDecaySchedule",
    "warmupSteps -1",
    { peakValue: 0.1, warmupSteps: -1, stableSteps: 10, decaySteps: 10 },
    RangeError,
    ["warmupSteps", "-1"],
  ],
  [
    "sgdrSchedule",
    "cycleMult 1.5",
    { peakValue: 0.1, cycleSteps: 10, cycleMult: 1.5 },
    RangeError,
    ["cycleMult", "1.5"],
  ],
  ["sgdrSchedule", "cycleSteps 0", { peakValue: 0.1, cycleSteps: 0 }, RangeError, [
    "cycleSteps",
    "=0",
  ]],
  [
    "polynomialSchedule",
    "power 0",
    { initValue: 0.1, endValue: 0, power: 0, transitionSteps: 10 },
    RangeError,
    ["power", "=0"],
  ],
  [
    "linearSchedule",
    "power (linear's is fixed at 1)",
    { initValue: 0.1, endValue: 0, transitionSteps: 10, power: 2 },
    TypeError,
    ["linearSchedule", "power"],
  ],
  ["cosineDecaySchedule", "decaySteps 0", { initValue: 0.1, decaySteps: 0 }, RangeError, [
    "decaySteps",
    "=0",
  ]],
  [
    "cosineDecaySchedule",
    "exponent -1",
    { initValue: 0.1, decaySteps: 10, exponent: -1 },
    RangeError,
    ["exponent", "-1"],
  ],
  ["inverseSqrtSchedule", "timescale 0", { peakValue: 0.1, timescale: 0 }, RangeError, [
    "timescale",
    "=0",
  ]],
  [
    "piecewiseConstantSchedule",
    'a boundary key "ten"',
    { initValue: 0.1, boundariesAndScales: { ten: 0.5 } },
    RangeError,
    ["boundariesAndScales", '"ten"'],
  ],
  [
    "piecewiseConstantSchedule",
    "a scale -1",
    { initValue: 0.1, boundariesAndScales: { 10: -1 } },
    RangeError,
    ["boundariesAndScales[10]", "-1"],
  ],
  [
    "piecewiseConstantSchedule",
    "boundariesAndScales an array",
    { initValue: 0.1, boundariesAndScales: 5 },
    TypeError,
    ["boundariesAndScales", "=5"],
  ],
  [
    "warmupCosineDecaySchedule",
    "decaySteps below warmupSteps",
    { initValue: 0, peakValue: 0.1, warmupSteps: 60, decaySteps: 50 },
    RangeError,
    ["decaySteps", "50"],
  ],
];

const constant = api.constantSchedule({ value: 1 });
const JOIN: [string, Record<string, unknown>, typeof TypeError | typeof RangeError, string[]][] = [
  ["options null", null as never, TypeError, ["joinSchedules", "null"]],
  ["schedules empty", { schedules: [], boundaries: [] }, RangeError, ["schedules", "[]"]],
  ["schedules null", { schedules: null, boundaries: [] }, TypeError, ["schedules", "null"]],
  ["a schedule a number", { schedules: [constant, 2], boundaries: [5] }, TypeError, [
    "schedules[1]",
    "=2",
  ]],
  ["boundaries null", { schedules: [constant], boundaries: null }, TypeError, [
    "boundaries",
    "null",
  ]],
  ["too few boundaries", { schedules: [constant, constant], boundaries: [] }, RangeError, [
    "boundaries",
  ]],
  ["a boundary NaN", { schedules: [constant, constant], boundaries: [NaN] }, RangeError, [
    "boundaries[0]",
    "NaN",
  ]],
  ["a boundary -5", { schedules: [constant, constant], boundaries: [-5] }, RangeError, [
    "boundaries[0]",
    "-5",
  ]],
  [
    "boundaries decreasing",
    { schedules: [constant, constant, constant], boundaries: [10, 5] },
    RangeError,
    ["boundaries", "[10,5]"],
  ],
  ["an unknown key", { schedules: [constant], boundaries: [], steps: [1] }, TypeError, [
    "joinSchedules",
    "steps",
  ]],
];

export const cases: Case[] = [
  ...FACTORIES.flatMap(casesOf),
  ...SPECIFIC.map(([name, label, options, error, includes]): Case => ({
    export: name,
    label,
    call: () => factory(name)(bad(options)),
    error,
    includes,
  })),
  ...JOIN.map(([label, options, error, includes]): Case => ({
    export: "joinSchedules",
    label,
    call: () => api.joinSchedules(bad(options)),
    error,
    includes,
  })),
];
