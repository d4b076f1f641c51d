/**
 * Bad-input cases of the schedulers (lib/schedulers): for every constructor, the optimizer
 * (null, no groups, a negative or NaN lr), the options object (null, a number, a snake_case
 * key, an explicit null for each key that does not document null), each option's bad values
 * (NaN, ±Infinity, negative, zero, non-integer, wrong type, out of range), `lastEpoch` and
 * `field`; for every scheduler, `loadStateDict` with null, another class's state and
 * out-of-range values; `step` with bad arguments; values that would reach the optimizer
 * non-finite or negative; and the helpers. Every failed call must leave the optimizer's groups
 * and the scheduler's state unchanged.
 *
 * @module
 */

import { capture, type Case } from "./_harness.ts";
import * as api from "../../lib/mod.ts";
import type { LRScheduler, OptimizerLike } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const sgd = (): OptimizerLike => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.2, momentum: 0.9 }],
});
const adam = (): OptimizerLike => ({ paramGroups: [{ lr: 0.1, betas: [0.9, 0.999] }] });

type Build = (o: OptimizerLike, options: unknown) => LRScheduler;

interface Ctor {
  name: string;
  build: Build;
  /** Valid options for an optimizer (some options hold schedulers built on it). */
  valid: (o: OptimizerLike) => Record<string, unknown>;
  /** Keys whose documented value may be null. */
  nullable?: string[];
  /** Bad values: key, value, error class, substrings of the message. */
  values: [string, unknown, typeof TypeError | typeof RangeError, string[]][];
  /** Whether the constructor takes `lastEpoch` and `field`. */
  common?: boolean;
}

const stepOf = (o: OptimizerLike) => new api.StepLR(o, { stepSize: 2 });

/** Children built once per optimizer, in the case's setup (so before the snapshot). */
const children = new WeakMap<OptimizerLike, LRScheduler[]>();
function childrenOf(o: OptimizerLike): LRScheduler[] {
  if (!children.has(o)) children.set(o, [stepOf(o), stepOf(o)]);
  return children.get(o)!;
}

const CTORS: Ctor[] = [
  {
    name: "StepLR",
    build: (o, x) => new api.StepLR(o, bad(x)),
    valid: () => ({ stepSize: 2 }),
    values: [
      ["stepSize", 0, RangeError, ["stepSize", "stepSize=0"]],
      ["stepSize", 1.5, RangeError, ["stepSize", "1.5"]],
      ["stepSize", "2", TypeError, ["stepSize", '"2"']],
      ["gamma", NaN, RangeError, ["gamma", "NaN"]],
      ["gamma", -0.5, RangeError, ["gamma", "-0.5"]],
      ["gamma", Infinity, RangeError, ["gamma", "Infinity"]],
    ],
  },
  {
    name: "MultiStepLR",
    build: (o, x) => new api.MultiStepLR(o, bad(x)),
    valid: () => ({ milestones: [2, 5] }),
    values: [
      ["milestones", 3, TypeError, ["milestones", "milestones=3"]],
      ["milestones", [5, 2], RangeError, ["milestones", "[5,2]"]],
      ["milestones", [-1], RangeError, ["milestones[0]", "-1"]],
      ["milestones", [1.5], RangeError, ["milestones[0]", "1.5"]],
      ["gamma", 0, RangeError, ["gamma", "gamma=0"]],
    ],
  },
  {
    name: "ExponentialLR",
    build: (o, x) => new api.ExponentialLR(o, bad(x)),
    valid: () => ({ gamma: 0.9 }),
    values: [
      ["gamma", NaN, RangeError, ["gamma", "NaN"]],
      ["gamma", -1, RangeError, ["gamma", "-1"]],
      ["gamma", "0.9", TypeError, ["gamma", '"0.9"']],
      ["gamma", -Infinity, RangeError, ["gamma", "-Infinity"]],
    ],
  },
  {
    name: "ConstantLR",
    build: (o, x) => new api.ConstantLR(o, bad(x)),
    valid: () => ({ factor: 0.5, totalIters: 3 }),
    values: [
      ["factor", 1.5, RangeError, ["factor", "1.5"]],
      ["factor", 0, RangeError, ["factor", "factor=0"]],
      ["factor", NaN, RangeError, ["factor", "NaN"]],
      ["totalIters", 0, RangeError, ["totalIters", "totalIters=0"]],
      ["totalIters", Infinity, RangeError, ["totalIters", "Infinity"]],
    ],
  },
  {
    name: "LinearLR",
    build: (o, x) => new api.LinearLR(o, bad(x)),
    valid: () => ({ startFactor: 0.5, totalIters: 3 }),
    values: [
      ["startFactor", 0, RangeError, ["startFactor", "startFactor=0"]],
      ["startFactor", 2, RangeError, ["startFactor", "startFactor=2"]],
      ["endFactor", -0.1, RangeError, ["endFactor", "-0.1"]],
      ["endFactor", NaN, RangeError, ["endFactor", "NaN"]],
      ["totalIters", -3, RangeError, ["totalIters", "-3"]],
    ],
  },
  {
    name: "PolynomialLR",
    build: (o, x) => new api.PolynomialLR(o, bad(x)),
    valid: () => ({ totalIters: 5 }),
    values: [
      ["power", -1, RangeError, ["power", "-1"]],
      ["power", NaN, RangeError, ["power", "NaN"]],
      ["totalIters", 2.5, RangeError, ["totalIters", "2.5"]],
    ],
  },
  {
    name: "CosineAnnealingLR",
    build: (o, x) => new api.CosineAnnealingLR(o, bad(x)),
    valid: () => ({ tMax: 10 }),
    values: [
      ["tMax", 0, RangeError, ["tMax", "tMax=0"]],
      ["tMax", Infinity, RangeError, ["tMax", "Infinity"]],
      ["etaMin", -1, RangeError, ["etaMin", "-1"]],
      ["etaMin", NaN, RangeError, ["etaMin", "NaN"]],
    ],
  },
  {
    name: "LambdaLR",
    build: (o, x) => new api.LambdaLR(o, bad(x)),
    valid: () => ({ lrLambda: () => 1 }),
    values: [
      ["lrLambda", 0.5, TypeError, ["lrLambda", "0.5"]],
      ["lrLambda", [() => 1], RangeError, ["lrLambdas", "2"]],
      ["lrLambda", () => NaN, RangeError, ["lrLambda", "NaN"]],
      ["lrLambda", () => -1, RangeError, ["lrLambda", "-0.1"]],
    ],
  },
  {
    name: "MultiplicativeLR",
    build: (o, x) => new api.MultiplicativeLR(o, bad(x)),
    valid: () => ({ lrLambda: () => 0.9 }),
    values: [
      ["lrLambda", "x", TypeError, ["lrLambda", '"x"']],
      ["lrLambda", [() => 1, 3], TypeError, ["lrLambda[1]", "3"]],
    ],
  },
  {
    name: "ScheduleLR",
    build: (o, x) => new api.ScheduleLR(o, bad(x)),
    valid: () => ({ schedule: () => 0.1 }),
    values: [
      ["schedule", 0.1, TypeError, ["schedule", "schedule=0.1"]],
      ["schedule", () => Infinity, RangeError, ["schedule(0)", "Infinity"]],
      ["schedule", () => -0.1, RangeError, ["lr=-0.1", "schedule"]],
    ],
  },
  {
    name: "CosineAnnealingWarmRestarts",
    build: (o, x) => new api.CosineAnnealingWarmRestarts(o, bad(x)),
    valid: () => ({ t0: 5 }),
    values: [
      ["t0", 0, RangeError, ["t0", "0"]],
      ["t0", "5", TypeError, ["t0", '"5"']],
      ["tMult", 0.5, RangeError, ["tMult", "0.5"]],
      ["etaMin", -1, RangeError, ["etaMin", "etaMin=-1"]],
      ["etaMin", Infinity, RangeError, ["etaMin", "Infinity"]],
    ],
  },
  {
    name: "CyclicLR",
    build: (o, x) => new api.CyclicLR(o, bad(x)),
    valid: () => ({ baseLr: 0.01, maxLr: 0.1 }),
    nullable: ["stepSizeDown", "scaleFn"],
    values: [
      ["baseLr", -0.1, RangeError, ["baseLr", "baseLr=-0.1"]],
      ["baseLr", NaN, RangeError, ["baseLr", "NaN"]],
      ["maxLr", [0.1], RangeError, ["maxLr", "1 values"]],
      ["maxLr", Infinity, RangeError, ["maxLr", "Infinity"]],
      ["stepSizeUp", 0, RangeError, ["stepSizeUp", "stepSizeUp=0"]],
      ["stepSizeUp", 1e308, RangeError, ["stepSizeUp", "1e+308"]],
      ["stepSizeDown", -2, RangeError, ["stepSizeDown", "-2"]],
      ["mode", "triangle", RangeError, ["mode", '"triangle"']],
      ["gamma", -1, RangeError, ["gamma", "-1"]],
      ["scaleFn", "x", TypeError, ["scaleFn", '"x"']],
      ["scaleMode", "epochs", RangeError, ["scaleMode", '"epochs"']],
      ["cycleMomentum", "false", TypeError, ["cycleMomentum", '"false"']],
      ["baseMomentum", -0.5, RangeError, ["baseMomentum", "-0.5"]],
      ["maxMomentum", 1.5, RangeError, ["maxMomentum", "1.5"]],
      ["maxMomentum", [0.9, 1], RangeError, ["maxMomentum[1]", "=1"]],
    ],
  },
  {
    name: "OneCycleLR",
    build: (o, x) => new api.OneCycleLR(o, bad(x)),
    valid: () => ({ maxLr: 0.1, totalSteps: 20 }),
    nullable: ["totalSteps", "epochs", "stepsPerEpoch"],
    values: [
      ["maxLr", -1, RangeError, ["maxLr", "maxLr=-1"]],
      ["maxLr", NaN, RangeError, ["maxLr", "NaN"]],
      ["totalSteps", 0, RangeError, ["totalSteps", "0"]],
      ["totalSteps", 2.5, RangeError, ["totalSteps", "2.5"]],
      ["pctStart", 1.5, RangeError, ["pctStart", "1.5"]],
      ["pctStart", "0.3", TypeError, ["pctStart", '"0.3"']],
      ["annealStrategy", "cosine", RangeError, ["annealStrategy", '"cosine"']],
      ["divFactor", 0, RangeError, ["divFactor", "divFactor=0"]],
      ["finalDivFactor", -1, RangeError, ["finalDivFactor", "-1"]],
      ["threePhase", 1, TypeError, ["threePhase", "threePhase=1"]],
      ["maxMomentum", 1.5, RangeError, ["maxMomentum", "maxMomentum=1.5"]],
      ["baseMomentum", NaN, RangeError, ["baseMomentum", "NaN"]],
    ],
  },
  {
    name: "ReduceLROnPlateau",
    build: (o, x) => new api.ReduceLROnPlateau(o, bad(x)),
    valid: () => ({}),
    common: false,
    values: [
      ["mode", "minimum", RangeError, ["mode", '"minimum"']],
      ["factor", 1, RangeError, ["factor", "factor=1"]],
      ["factor", NaN, RangeError, ["factor", "NaN"]],
      ["patience", -1, RangeError, ["patience", "-1"]],
      ["patience", 1.5, RangeError, ["patience", "1.5"]],
      ["threshold", Infinity, RangeError, ["threshold", "Infinity"]],
      ["thresholdMode", "relative", RangeError, ["thresholdMode", '"relative"']],
      ["cooldown", -2, RangeError, ["cooldown", "-2"]],
      ["minLr", -1, RangeError, ["minLr", "-1"]],
      ["minLr", [0.1], RangeError, ["minLr", "1"]],
      ["eps", -1e-8, RangeError, ["eps", "-1e-8"]],
      ["field", "betas.0", RangeError, ["field", '"betas.0"']],
    ],
  },
  {
    name: "SequentialLR",
    build: (o, x) => new api.SequentialLR(o, bad(x)),
    valid: (o) => ({ schedulers: childrenOf(o), milestones: [3] }),
    common: false,
    values: [
      ["schedulers", [], RangeError, ["SequentialLR", "no scheduler"]],
      ["schedulers", "x", TypeError, ["schedulers", '"x"']],
      ["milestones", [3, 4], RangeError, ["milestones", "2"]],
      ["milestones", [1.5], RangeError, ["milestones[0]", "1.5"]],
      ["lastEpoch", -2, RangeError, ["lastEpoch", "-2"]],
    ],
  },
  {
    name: "WarmupLR",
    build: (o, x) => new api.WarmupLR(o, bad(x)),
    valid: () => ({ scheduler: stepOf, warmupSteps: 3 }),
    common: false,
    values: [
      ["warmupSteps", 0, RangeError, ["warmupSteps", "warmupSteps=0"]],
      ["warmupSteps", NaN, RangeError, ["warmupSteps", "NaN"]],
      ["warmupType", "cosine", RangeError, ["warmupType", '"cosine"']],
      ["startFactor", 2, RangeError, ["startFactor", "startFactor=2"]],
      ["startFactor", "0.1", TypeError, ["startFactor", '"0.1"']],
      ["startLr", -1, RangeError, ["startLr", "startLr=-1"]],
      ["startLr", [0.1], RangeError, ["startLr", "1 values"]],
      ["scheduler", 3, TypeError, ["scheduler", "scheduler=3"]],
      ["scheduler", () => 3, TypeError, ["scheduler()", "3"]],
      ["field", "momentum", RangeError, ["field", '"momentum"']],
    ],
  },
  {
    name: "ParamwiseScheduler",
    build: (o, x) => new api.ParamwiseScheduler(o, bad(x)),
    valid: () => ({ schedulers: [stepOf, null] }),
    common: false,
    values: [
      ["schedulers", [stepOf], RangeError, ["schedulers", "(2)"]],
      ["schedulers", [stepOf, 3], TypeError, ["schedulers[1]", "3"]],
      ["schedulers", "x", RangeError, ["schedulers", '"x"']],
      ["schedulers", [stepOf, () => ({})], TypeError, ["schedulers[1]", "{}"]],
    ],
  },
];

function constructorCases(c: Ctor): Case[] {
  const snapshot = (o: OptimizerLike) => capture(o);
  const make = (
    label: string,
    call: (o: OptimizerLike) => unknown,
    error: typeof TypeError | typeof RangeError,
    includes: string[],
    setup: () => OptimizerLike = sgd,
  ): Case => ({
    export: c.name,
    label,
    setup: () => {
      const o = setup();
      try {
        c.valid(o); // builds any child schedulers before the snapshot
      } catch {
        // a bad optimizer: the call itself meets the error
      }
      return o;
    },
    call: (o) => call(o as OptimizerLike),
    error,
    includes,
    snapshot: (o) => snapshot(o as OptimizerLike),
  });
  const cases: Case[] = [
    make("options null", (o) => c.build(o, null), TypeError, [c.name, "options=null"]),
    make("options a number", (o) => c.build(o, 3), TypeError, [c.name, "options=3"]),
    make("a snake_case key", (o) => c.build(o, { ...c.valid(o), last_epoch: 0 }), TypeError, [
      "last_epoch",
    ]),
    make("a misspelt key", (o) => c.build(o, { ...c.valid(o), feild: "lr" }), TypeError, [
      "feild",
    ]),
    make("optimizer null", () => c.build(bad(null), c.valid(sgd())), TypeError, [
      "optimizer",
      "optimizer=null",
    ]),
    make("optimizer without groups", () => c.build(bad({ paramGroups: [] }), {}), RangeError, [
      "optimizer.paramGroups",
      "[]",
    ]),
    make(
      "a group with a negative lr",
      (o) => c.build(o, c.valid(o)),
      RangeError,
      ["optimizer.paramGroups[0].lr", "-1"],
      () => ({ paramGroups: [{ lr: -1, momentum: 0.9 }, { lr: 0.2, momentum: 0.9 }] }),
    ),
    make(
      "a group with a NaN lr",
      (o) => c.build(o, c.valid(o)),
      RangeError,
      ["optimizer.paramGroups[1].lr", "NaN"],
      () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: NaN, momentum: 0.9 }] }),
    ),
  ];
  for (const key of Object.keys(c.valid(sgd()))) {
    if (c.nullable?.includes(key)) continue;
    cases.push(
      make(`${key} null`, (o) => c.build(o, { ...c.valid(o), [key]: null }), TypeError, [
        key,
        `${key}=null`,
      ]),
    );
  }
  c.values.forEach(([key, value, error, includes], i) => {
    const shown = typeof value === "number"
      ? String(value)
      : typeof value === "function"
      ? `a function (#${i})`
      : JSON.stringify(value) ?? "?";
    cases.push(
      make(`${key} ${shown}`, (o) => c.build(o, { ...c.valid(o), [key]: value }), error, includes),
    );
  });
  if (c.common !== false) {
    cases.push(
      make("lastEpoch -2", (o) => c.build(o, { ...c.valid(o), lastEpoch: -2 }), RangeError, [
        "lastEpoch",
        "-2",
      ]),
      make("lastEpoch 1.5", (o) => c.build(o, { ...c.valid(o), lastEpoch: 1.5 }), RangeError, [
        "lastEpoch",
        "1.5",
      ]),
      make("field betas.0", (o) => c.build(o, { ...c.valid(o), field: "betas.0" }), RangeError, [
        "field",
        '"betas.0"',
      ]),
      make(
        "field momentum on an Adam group",
        (o) => c.build(o, { ...c.valid(o), field: "momentum" }),
        TypeError,
        ["optimizer.paramGroups[0].momentum", "undefined"],
        adam,
      ),
    );
  }
  return cases;
}

/** A scheduler that has taken two steps, to load bad states into and step badly. */
interface Running {
  o: OptimizerLike;
  s: LRScheduler;
}

const RUNNING: [string, (o: OptimizerLike) => LRScheduler][] = [
  ["StepLR", stepOf],
  ["MultiStepLR", (o) => new api.MultiStepLR(o, { milestones: [2] })],
  ["ExponentialLR", (o) => new api.ExponentialLR(o, { gamma: 0.9 })],
  ["ConstantLR", (o) => new api.ConstantLR(o)],
  ["LinearLR", (o) => new api.LinearLR(o)],
  ["PolynomialLR", (o) => new api.PolynomialLR(o)],
  ["CosineAnnealingLR", (o) => new api.CosineAnnealingLR(o, { tMax: 5 })],
  ["LambdaLR", (o) => new api.LambdaLR(o, { lrLambda: () => 1 })],
  ["MultiplicativeLR", (o) => new api.MultiplicativeLR(o, { lrLambda: () => 0.9 })],
  ["ScheduleLR", (o) => new api.ScheduleLR(o, { schedule: () => 0.1 })],
  ["CosineAnnealingWarmRestarts", (o) => new api.CosineAnnealingWarmRestarts(o, { t0: 3 })],
  ["CyclicLR", (o) => new api.CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 2 })],
  ["OneCycleLR", (o) => new api.OneCycleLR(o, { maxLr: 0.1, totalSteps: 20 })],
  ["ReduceLROnPlateau", (o) => new api.ReduceLROnPlateau(o)],
  [
    "SequentialLR",
    (o) => new api.SequentialLR(o, { schedulers: [stepOf(o), stepOf(o)], milestones: [3] }),
  ],
  ["ChainedScheduler", (o) => new api.ChainedScheduler([stepOf(o), stepOf(o)])],
  ["WarmupLR", (o) => new api.WarmupLR(o, { scheduler: stepOf, warmupSteps: 2 })],
  ["ParamwiseScheduler", (o) => new api.ParamwiseScheduler(o, { schedulers: [stepOf, null] })],
];

function running(build: (o: OptimizerLike) => LRScheduler): () => Running {
  return () => {
    const o = sgd();
    const s = build(o);
    const step = () => s instanceof api.ReduceLROnPlateau ? s.step(1) : s.step();
    step();
    step();
    return { o, s };
  };
}

function stateCases(name: string, build: (o: OptimizerLike) => LRScheduler): Case[] {
  const setup = running(build);
  const snapshot = (r: unknown) => capture((r as Running).o, (r as Running).s);
  const other = name === "StepLR" ? new api.ExponentialLR(sgd(), { gamma: 0.5 }) : stepOf(sgd());
  const with_ = (r: unknown, change: Record<string, unknown>) =>
    (r as Running).s.loadStateDict(bad({ ...(r as Running).s.stateDict(), ...change }));
  const list: [string, (r: unknown) => unknown, typeof TypeError | typeof RangeError, string[]][] =
    [
      ["loadStateDict(null)", (r) => (r as Running).s.loadStateDict(bad(null)), TypeError, [
        "state",
        "state=null",
      ]],
      [
        "loadStateDict of another class's state",
        (r) => (r as Running).s.loadStateDict(other.stateDict()),
        RangeError,
        ["state.type", `"${other.typeName}"`],
      ],
      ["loadStateDict lastEpoch -7", (r) => with_(r, { lastEpoch: -7 }), RangeError, [
        "state.lastEpoch",
        "-7",
      ]],
      ["loadStateDict baseLrs negative", (r) => with_(r, { baseLrs: [-0.1, 0.2] }), RangeError, [
        "state.baseLrs[0]",
        "-0.1",
      ]],
      ["loadStateDict lastLr NaN", (r) => with_(r, { lastLr: [0.1, NaN] }), RangeError, [
        "state.lastLr[1]",
        "NaN",
      ]],
      ["loadStateDict an unknown key", (r) => with_(r, { stepsize: 3 }), RangeError, [
        "stepsize",
      ]],
      ["loadStateDict field momentum", (r) => with_(r, { field: "momentum" }), RangeError, [
        "state.field",
        '"momentum"',
      ]],
    ];
  return list.map(([label, call, error, includes]) => ({
    export: name,
    label,
    setup,
    call,
    error,
    includes,
    snapshot,
  }));
}

function stepCases(): Case[] {
  const cases: Case[] = [];
  const add = (
    name: string,
    label: string,
    build: (o: OptimizerLike) => LRScheduler,
    call: (s: LRScheduler) => unknown,
    error: typeof TypeError | typeof RangeError,
    includes: string[],
  ) =>
    cases.push({
      export: name,
      label,
      setup: running(build),
      call: (r) => call((r as Running).s),
      error,
      includes,
      snapshot: (r) => capture((r as Running).o, (r as Running).s),
    });
  add("StepLR", "step(-5)", stepOf, (s) => s.step(-5), RangeError, ["epoch", "-5"]);
  add("StepLR", "step(1.5)", stepOf, (s) => s.step(1.5), RangeError, ["epoch", "1.5"]);
  add("StepLR", 'step("3")', stepOf, (s) => s.step(bad("3")), TypeError, ["epoch", '"3"']);
  for (const value of [NaN, "3", Infinity, -5]) {
    const shown = typeof value === "string" ? '"3"' : String(value);
    add(
      "SequentialLR",
      `step(${shown})`,
      RUNNING[14]![1],
      (s) => s.step(bad(value)),
      TypeError,
      ["SequentialLR.step()", shown],
    );
  }
  add("ChainedScheduler", "step(NaN)", RUNNING[15]![1], (s) => s.step(NaN), TypeError, [
    "ChainedScheduler.step()",
    "NaN",
  ]);
  add("WarmupLR", "step(3) without a plateau", RUNNING[16]![1], (s) => s.step(3), TypeError, [
    "WarmupLR.step()",
    "3",
  ]);
  add(
    "ParamwiseScheduler",
    "step(3) without a plateau",
    RUNNING[17]![1],
    (s) => s.step(3),
    TypeError,
    ["ParamwiseScheduler.step()", "3"],
  );
  add(
    "ReduceLROnPlateau",
    'step("x")',
    RUNNING[13]![1],
    (s) => (s as api.ReduceLROnPlateau).step(bad("x")),
    TypeError,
    ["metric", '"x"'],
  );
  add(
    "ReduceLROnPlateau",
    "step(1, 1.5)",
    RUNNING[13]![1],
    (s) => (s as api.ReduceLROnPlateau).step(1, 1.5),
    RangeError,
    ["epoch", "1.5"],
  );
  add(
    "ReduceLROnPlateau",
    "step(1, -5)",
    RUNNING[13]![1],
    (s) => (s as api.ReduceLROnPlateau).step(1, -5),
    RangeError,
    ["epoch", "-5"],
  );
  add(
    "CosineAnnealingWarmRestarts",
    "step(-1)",
    RUNNING[10]![1],
    (s) => s.step(-1),
    RangeError,
    ["epoch", "-1"],
  );
  add(
    "CosineAnnealingWarmRestarts",
    "step(NaN)",
    RUNNING[10]![1],
    (s) => s.step(NaN),
    RangeError,
    ["epoch", "NaN"],
  );
  add(
    "OneCycleLR",
    "a step past the end",
    (o) => new api.OneCycleLR(o, { maxLr: 0.1, totalSteps: 2 }),
    (s) => s.step(),
    RangeError,
    ["Tried to step 3 times", "2"],
  );
  // values that would reach the optimizer non-finite or negative
  add(
    "ExponentialLR",
    "gamma 1e308 reaching Infinity",
    (o) => new api.ExponentialLR(o, { gamma: 1e154 }),
    (s) => s.step(),
    RangeError,
    ["lr=Infinity", "gamma=1e+154"],
  );
  add(
    "LambdaLR",
    "an lrLambda turning negative",
    (o) => new api.LambdaLR(o, { lrLambda: (e) => 2 - e }),
    (s) => s.step(),
    RangeError,
    ["lr=-0.1", "lrLambda"],
  );
  add(
    "CyclicLR",
    "a scaleFn returning NaN",
    (o) =>
      new api.CyclicLR(o, {
        baseLr: 0.01,
        maxLr: 0.1,
        scaleFn: (x) => x < 3 ? 1 : NaN,
        scaleMode: "iterations",
      }),
    (s) => s.step(),
    RangeError,
    ["scaleFn", "NaN"],
  );
  return cases;
}

/** ChainedScheduler(schedulers, optimizer?), LRScheduler and the helper functions. */
function otherCases(): Case[] {
  const o = () => sgd();
  const snap = (x: unknown) => capture(x);
  return [
    {
      export: "ChainedScheduler",
      label: "schedulers null",
      call: () => new api.ChainedScheduler(bad(null)),
      error: TypeError,
      includes: ["schedulers", "schedulers=null"],
    },
    {
      export: "ChainedScheduler",
      label: "no schedulers",
      call: () => new api.ChainedScheduler([]),
      error: RangeError,
      includes: ["ChainedScheduler", "no scheduler"],
    },
    {
      export: "ChainedScheduler",
      label: "a plateau among the schedulers",
      setup: o,
      call: (x) => new api.ChainedScheduler([new api.ReduceLROnPlateau(x as OptimizerLike)]),
      error: RangeError,
      includes: ["ReduceLROnPlateau", "index 0"],
      snapshot: snap,
    },
    {
      export: "ChainedScheduler",
      label: "schedulers on another optimizer",
      setup: o,
      call: (x) => new api.ChainedScheduler([stepOf(x as OptimizerLike)], sgd()),
      error: RangeError,
      includes: ["same optimizer", "index 0"],
    },
    {
      export: "StepLR",
      label: "resuming from a group whose initialLr is -1",
      setup: () => ({ paramGroups: [{ lr: 0.1, initialLr: -1 }] }),
      call: (x) => new api.StepLR(x as OptimizerLike, { stepSize: 2, lastEpoch: 3 }),
      error: RangeError,
      includes: ["optimizer.paramGroups[0].initialLr", "-1"],
      snapshot: snap,
    },
    {
      export: "LinearLR",
      label: "a group whose initialLr is NaN",
      setup: () => ({ paramGroups: [{ lr: 0.1, initialLr: NaN }] }),
      call: (x) => new api.LinearLR(x as OptimizerLike),
      error: RangeError,
      includes: ["optimizer.paramGroups[0].initialLr", "NaN"],
      snapshot: snap,
    },
    {
      export: "OneCycleLR",
      label: "loadStateDict with a last phase ending past totalSteps",
      setup: running((x) => new api.OneCycleLR(x, { maxLr: 0.1, totalSteps: 20 })),
      call: (r) => {
        const s = (r as Running).s;
        const state = s.stateDict();
        const phases = state.schedulePhases as api.SchedulePhase[];
        s.loadStateDict({ ...state, schedulePhases: [phases[0]!, { ...phases[1]!, endStep: 40 }] });
      },
      error: RangeError,
      includes: ["state.schedulePhases[1].endStep", "40"],
      snapshot: (r) => capture((r as Running).o, (r as Running).s),
    },
    {
      export: "CosineAnnealingWarmRestarts",
      label: "etaMin 1e308 overflowing the initial step",
      setup: o,
      call: (x) =>
        new api.CosineAnnealingWarmRestarts(x as OptimizerLike, { t0: 3, etaMin: 1e308 }),
      error: RangeError,
      includes: ["lr=-Infinity", "etaMin=1e+308"],
      snapshot: snap,
    },
    {
      export: "CyclicLR",
      label: "a scaleFn returning NaN at the initial step",
      setup: o,
      call: (x) =>
        new api.CyclicLR(x as OptimizerLike, { baseLr: 0.01, maxLr: 0.1, scaleFn: () => NaN }),
      error: RangeError,
      includes: ["scaleFn(1)", "NaN"],
      snapshot: snap,
    },
    {
      export: "SequentialLR",
      label: "a ParamwiseScheduler child",
      setup: o,
      call: (x) => {
        const opt = x as OptimizerLike;
        const p = new api.ParamwiseScheduler(opt, { schedulers: [stepOf, null] });
        return new api.SequentialLR(opt, { schedulers: [p, stepOf(opt)], milestones: [2] });
      },
      error: RangeError,
      includes: ["ParamwiseScheduler", "index 0"],
    },
    {
      export: "LRScheduler",
      label: "a subclass over optimizer null",
      call: () => {
        class Bare extends api.LRScheduler {
          protected override computeLr(): number[] {
            return [];
          }
        }
        return new Bare(bad(null));
      },
      error: TypeError,
      includes: ["optimizer", "optimizer=null"],
    },
    {
      export: "LRScheduler",
      label: "a subclass with field lrs",
      setup: o,
      call: (x) => {
        class Bare extends api.LRScheduler {
          protected override computeLr(): number[] {
            return [];
          }
        }
        return new Bare(x as OptimizerLike, -1, bad("lrs"));
      },
      error: RangeError,
      includes: ["field", '"lrs"'],
      snapshot: snap,
    },
    {
      export: "checkOptimizer",
      label: "an array",
      call: () => api.checkOptimizer([1, 2]),
      error: TypeError,
      includes: ["optimizer", "[1,2]"],
    },
    {
      export: "checkOptimizer",
      label: "a group lr Infinity",
      call: () => api.checkOptimizer({ paramGroups: [{ lr: Infinity }] }),
      error: RangeError,
      includes: ["optimizer.paramGroups[0].lr", "Infinity"],
    },
    {
      export: "perGroup",
      label: "a list of the wrong length",
      call: () => api.perGroup("maxLr", sgd(), [1, 2, 3]),
      error: RangeError,
      includes: ["maxLr", "3 values"],
    },
    {
      export: "collectLrs",
      label: "scheduler null",
      call: () => api.collectLrs(bad(null), 3),
      error: TypeError,
      includes: ["scheduler", "scheduler=null"],
    },
    {
      export: "collectLrs",
      label: "epochs -1",
      setup: o,
      call: (x) => api.collectLrs(stepOf(x as OptimizerLike), -1),
      error: RangeError,
      includes: ["epochs", "epochs=-1"],
    },
    {
      export: "collectLrs",
      label: "epochs 2.5",
      setup: o,
      call: (x) => api.collectLrs(stepOf(x as OptimizerLike), 2.5),
      error: RangeError,
      includes: ["epochs", "2.5"],
    },
    {
      export: "pyFloatRepr",
      label: "a string",
      call: () => api.pyFloatRepr(bad("0.1")),
      error: TypeError,
      includes: ["x", '"0.1"'],
    },
    {
      export: "pyRepr",
      label: "not an array",
      call: () => api.pyRepr(bad(0.1)),
      error: TypeError,
      includes: ["values", "values=0.1"],
    },
    {
      export: "pyRepr",
      label: "a string in the list",
      call: () => api.pyRepr(bad([0.1, "x"])),
      error: TypeError,
      includes: ["values[1]", '"x"'],
    },
    {
      export: "setWarningHandler",
      label: "a string",
      call: () => api.setWarningHandler(bad("console")),
      error: TypeError,
      includes: ["handler", '"console"'],
    },
  ];
}

/** Every case of the schedulers. */
export const cases: Case[] = [
  ...CTORS.flatMap(constructorCases),
  ...RUNNING.flatMap(([name, build]) => stateCases(name, build)),
  ...stepCases(),
  ...otherCases(),
];
