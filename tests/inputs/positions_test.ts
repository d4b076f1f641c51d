/**
 * Every argument position of the API this suite owns (and, from `mine()`, of spec, hf, timm, keras,
 * optax, the LR finder and lib/notebook), given each of 18 bad values (NaN,
 * ±Infinity-like, negative, zero, fractional, strings, null, undefined, {}, [], booleans,
 * functions, nested arrays, symbols, bigints) while the other arguments stay valid: whatever
 * the call does, it must not fail with JavaScript's own message or with an error class other
 * than TypeError and RangeError. (Which of these calls should be accepted is asserted case by
 * case in the *_cases.ts files; this sweep catches messages nobody wrote a case for.)
 */

import assert from "node:assert/strict";
import * as a from "../../lib/mod.ts";
import { UNCLEAR } from "./_harness.ts";
const t = () => a.tensor([[1, 2], [3, 4]], undefined, { requiresGrad: true });
const run = () => ({ iteration: [1], loss: [1], trainAccuracy: [1], testAccuracy: [1], lr: [1] });
const lin = () => new a.Linear(2, 2, { rng: new a.Random(0) });
// name -> [valid args factory, call]
const valid: Record<string, [() => unknown[], (...x: unknown[]) => unknown]> = {
  zeros: [() => [[2]], (...x) => a.zeros(...(x as [never]))],
  ones: [() => [[2]], (...x) => a.ones(...(x as [never]))],
  full: [() => [[2], 1], (...x) => a.full(...(x as [never, never]))],
  rand: [() => [[2], {}], (...x) => a.rand(...(x as [never]))],
  randn: [() => [[2], {}], (...x) => a.randn(...(x as [never]))],
  tensor: [() => [[1, 2], [2], {}], (...x) => a.tensor(...(x as [never]))],
  add: [() => [t(), t()], (...x) => a.add(...(x as [never, never]))],
  mul: [() => [t(), 2], (...x) => a.mul(...(x as [never, never]))],
  exp: [() => [t()], (...x) => a.exp(...(x as [never]))],
  sum: [() => [t(), 0, {}], (...x) => a.sum(...(x as [never]))],
  max: [() => [t(), 0, {}], (...x) => a.max(...(x as [never]))],
  argmax: [() => [t(), 0, {}], (...x) => a.argmax(...(x as [never]))],
  matmul: [() => [t(), t()], (...x) => a.matmul(...(x as [never, never]))],
  linear: [() => [t(), t(), null], (...x) => a.linear(...(x as [never, never]))],
  reshape: [() => [t(), [4]], (...x) => a.reshape(...(x as [never, never]))],
  transpose: [() => [t(), 0, 1], (...x) => a.transpose(...(x as [never]))],
  softmax: [() => [t(), -1], (...x) => a.softmax(...(x as [never]))],
  crossEntropy: [() => [t(), [0, 1], {}], (...x) => a.crossEntropy(...(x as [never, never]))],
  capture: [() => [() => 1], (...x) => a.capture(...(x as [never]))],
  noGrad: [() => [() => 1], (...x) => a.noGrad(...(x as [never]))],
  arena: [() => [() => 1], (...x) => a.arena(...(x as [never]))],
  Linear: [() => [2, 2, {}], (...x) => new a.Linear(...(x as [never, never]))],
  CrossEntropyLoss: [() => [{}], (...x) => new a.CrossEntropyLoss(...(x as []))],
  "CrossEntropyLoss.forward": [
    () => [t(), [0, 1]],
    (...x) => new a.CrossEntropyLoss().forward(...(x as [never, never])),
  ],
  Sequential: [() => [lin(), new a.ReLU()], (...x) => new a.Sequential(...(x as never[]))],
  "Sequential.forward": [() => [t()], (...x) => new a.Sequential(lin()).forward(...(x as [never]))],
  "Module.loadStateDict": [
    () => [lin().stateDict()],
    (...x) => lin().loadStateDict(...(x as [never])),
  ],
  "Module.train": [() => [true], (...x) => lin().train(...(x as []))],
  uniform_: [() => [t(), 0, 1, {}], (...x) => a.uniform_(...(x as [never, never, never]))],
  normal_: [() => [t(), 0, 1, {}], (...x) => a.normal_(...(x as [never, never, never]))],
  zeros_: [() => [t()], (...x) => a.zeros_(...(x as [never]))],
  resetLinear: [() => [lin(), {}], (...x) => a.resetLinear(...(x as [never]))],
  pynetInit_: [() => [lin(), {}], (...x) => a.pynetInit_(...(x as [never]))],
  SGD: [() => [lin().parameters(), { lr: 0.1 }], (...x) => new a.SGD(...(x as [never]))],
  Adam: [() => [lin().parameters(), { lr: 0.1 }], (...x) => new a.Adam(...(x as [never]))],
  "SGD.addParamGroup": [
    () => [{ params: [a.tensor([1])] }],
    (...x) => new a.SGD(lin().parameters()).addParamGroup(...(x as [never])),
  ],
  "SGD.loadStateDict": [
    () => [new a.SGD(lin().parameters()).stateDict()],
    (...x) => new a.SGD(lin().parameters()).loadStateDict(...(x as [never])),
  ],
  "Adam.loadStateDict": [
    () => [new a.Adam(lin().parameters()).stateDict()],
    (...x) => new a.Adam(lin().parameters()).loadStateDict(...(x as [never])),
  ],
  trainTestSplit: [
    () => [{ x: [[1], [2], [3]], y: [0, 1, 0] }, {}],
    (...x) => a.trainTestSplit(...(x as [never])),
  ],
  accuracy: [() => [[0, 1], [0, 1]], (...x) => a.accuracy(...(x as [never, never]))],
  argmaxRow: [() => [[1, 2], 0, 2], (...x) => a.argmaxRow(...(x as [never, never, never]))],
  Random: [() => [1], (...x) => new a.Random(...(x as [never]))],
  manualSeed: [() => [1], (...x) => a.manualSeed(...(x as [never]))],
  "Random.uniform": [() => [0, 1], (...x) => new a.Random(1).uniform(...(x as []))],
  "Random.normal": [() => [0, 1], (...x) => new a.Random(1).normal(...(x as []))],
  "Random.int": [() => [3], (...x) => new a.Random(1).int(...(x as [never]))],
  "Random.shuffle": [() => [[1, 2]], (...x) => new a.Random(1).shuffle(...(x as [never]))],
  "Random.setState": [
    () => [new a.Random(1).state()],
    (...x) => new a.Random(1).setState(...(x as [never])),
  ],
  stepDecay: [() => [{ lr0: 0.1, period: 2 }], (...x) => a.stepDecay(...(x as [never]))],
  joinSchedules: [
    () => [{ schedules: [a.constantSchedule({ value: 1 })], boundaries: [] }],
    (...x) => a.joinSchedules(...(x as [never])),
  ],
  piecewiseConstantSchedule: [
    () => [{ initValue: 1, boundariesAndScales: { 2: 0.5 } }],
    (...x) => a.piecewiseConstantSchedule(...(x as [never])),
  ],
  scheduleChart: [() => [[1, 2], {}], (...x) => a.scheduleChart(...(x as [never]))],
  historyChart: [() => [run(), {}], (...x) => a.historyChart(...(x as [never]))],
  sweepChart: [
    () => [[{ name: "a", x: [1], runs: [[1]] }], {}],
    (...x) => a.sweepChart(...(x as [never])),
  ],
  meanStd: [() => [[[1]]], (...x) => a.meanStd(...(x as [never]))],
  rangeTestChart: [
    () => [{ lrs: [0.1], losses: [1] }, {}],
    (...x) => a.rangeTestChart(...(x as [never])),
  ],
  scatterChart: [() => [{ x: [1], y: [1] }, {}], (...x) => a.scatterChart(...(x as [never]))],
  barChart: [() => [{ a: 1 }, {}], (...x) => a.barChart(...(x as [never]))],
  toSvg: [() => [a.scheduleChart([1]), {}], (...x) => a.toSvg(...(x as [never]))],
  toHtml: [() => [a.scheduleChart([1]), {}], (...x) => a.toHtml(...(x as [never]))],
  Figure: [() => [a.scheduleChart([1]).toJSON()], (...x) => new a.Figure(...(x as [never]))],
  colorAt: [() => [1], (...x) => a.colorAt(...(x as [never]))],
  table: [() => [[{ a: 1 }], {}], (...x) => a.table(...(x as [never]))],
  progress: [() => [{ total: 2 }], (...x) => a.progress(...(x as [never]))],
  "Progress.update": [
    () => [1, {}],
    (...x) => new a.Progress({ total: 2 }).update(...(x as [never])),
  ],
  ...mine(),
};

/** The entry points of issue 7's second half: spec, hf, timm, keras, optax, finder, notebook. */
function mine(): Record<string, [() => unknown[], (...x: unknown[]) => unknown]> {
  const opt = () => ({ paramGroups: [{ lr: 0.1 }] });
  const lrs = Array.from({ length: 20 }, (_, i) => 10 ** (i / 5 - 4));
  const losses = lrs.map((_, i) => 2 - Math.sin(i / 10));
  const step = { type: "StepLR", stepSize: 2 };
  const svg = "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>";
  const jupyter = { display: () => Promise.resolve(), broadcast: () => Promise.resolve() };
  // deno-lint-ignore no-explicit-any
  const call = (f: (...x: any[]) => unknown) => (...x: unknown[]) => f(...x);
  return {
    schedulerFromSpec: [() => [opt(), step], call(a.schedulerFromSpec)],
    scheduleFromSpec: [() => [{ type: "constantSchedule", value: 1 }], call(a.scheduleFromSpec)],
    toSpec: [() => [new a.StepLR(opt(), { stepSize: 2 })], call(a.toSpec)],
    toPyTorch: [() => [step], call(a.toPyTorch)],
    toOptax: [() => [{ type: "constantSchedule", value: 1 }], call(a.toOptax)],
    toKeras: [() => [{ type: "constantSchedule", value: 1 }], call(a.toKeras)],
    registerSchedule: [() => [{}], call(a.registerSchedule)],
    registerScheduler: [() => [{}], call(a.registerScheduler)],
    SWALR: [() => [opt(), { swaLr: 0.01 }], (...x) => new a.SWALR(...(x as [never, never]))],
    "hf.getCosineScheduleWithWarmup": [
      () => [opt(), { numWarmupSteps: 1, numTrainingSteps: 5 }],
      call(a.hf.getCosineScheduleWithWarmup),
    ],
    "hf.getScheduler": [
      () => ["linear", opt(), { numWarmupSteps: 1, numTrainingSteps: 5 }],
      call(a.hf.getScheduler),
    ],
    "hf.HfLambdaLR": [
      () => [opt(), "mine", {}, () => 1, -1],
      (...x) => new a.hf.HfLambdaLR(...(x as [never, never, never, never])),
    ],
    "timm.CosineLRScheduler": [
      () => [opt(), { tInitial: 5 }],
      (...x) => new a.timm.CosineLRScheduler(...(x as [never, never])),
    ],
    "timm.CosineLRScheduler.step": [
      () => [3, 0.5],
      (...x) => new a.timm.CosineLRScheduler(opt(), { tInitial: 5 }).step(...(x as [never])),
    ],
    "timm.PlateauLRScheduler": [
      () => [opt(), { patienceT: 1 }],
      (...x) => new a.timm.PlateauLRScheduler(...(x as [never, never])),
    ],
    "timm.createScheduler": [() => [{ sched: "step" }, opt(), {}], call(a.timm.createScheduler)],
    "timm.createSchedulerV2": [() => [opt(), { sched: "step" }], call(a.timm.createSchedulerV2)],
    "timm.schedulerKwargs": [() => [{ sched: "step" }, true], call(a.timm.schedulerKwargs)],
    "timm.timmNoise": [
      () => [0, { noiseType: "normal", noisePct: 0.5, noiseSeed: 1 }],
      call(a.timm.timmNoise),
    ],
    "keras.CosineDecayRestarts": [
      () => [{ initialLearningRate: 0.1, firstDecaySteps: 10 }],
      call(a.keras.CosineDecayRestarts),
    ],
    "keras.PiecewiseConstantDecay": [
      () => [{ boundaries: [2], values: [1, 0.5] }],
      call(a.keras.PiecewiseConstantDecay),
    ],
    "optax.sgdrSchedule": [
      () => [{ cosineKwargs: [{ initValue: 0, peakValue: 1, warmupSteps: 1, decaySteps: 4 }] }],
      call(a.optax.sgdrSchedule),
    ],
    "optax.piecewiseInterpolateSchedule": [
      () => [{ interpolateType: "linear", initValue: 1, boundariesAndScales: { 2: 0.5 } }],
      call(a.optax.piecewiseInterpolateSchedule),
    ],
    minimumSuggestion: [() => [lrs, losses], call(a.minimumSuggestion)],
    steepSuggestion: [() => [lrs, losses], call(a.steepSuggestion)],
    valleySuggestion: [() => [lrs, losses], call(a.valleySuggestion)],
    slideSuggestion: [() => [lrs, losses, { lrDiff: 5 }], call(a.slideSuggestion)],
    lightningSuggestion: [() => [lrs, losses, {}], call(a.lightningSuggestion)],
    fastaiCurve: [() => [lrs, losses, 20], call(a.fastaiCurve)],
    toBase64: [() => [new Uint8Array([1, 2])], call(a.toBase64)],
    toPng: [() => [svg, { width: 8 }], call(a.toPng)],
    kernelShow: [() => [jupyter, { connectionFile: "/nonexistent.json" }], call(a.kernelShow)],
  };
}

const BAD: [string, unknown][] = [
  ["NaN", NaN],
  ["Inf", Infinity],
  ["-1", -1],
  ["0", 0],
  ["1.5", 1.5],
  ['"x"', "x"],
  ["null", null],
  ["undef", undefined],
  ["{}", {}],
  ["[]", []],
  ["true", true],
  ["fn", () => 1],
  ["[NaN]", [NaN]],
  ["[[1],[2,3]]", [[1], [2, 3]]],
  ["{a:null}", { a: null }],
  ["1e308", 1e308],
  ["sym", Symbol("s")],
  ["bigint", 10n],
];
Deno.test("no argument position of a bad value gives an unclear error or a foreign class", async () => {
  const problems: string[] = [];
  let total = 0;
  for (const [name, [args, call]] of Object.entries(valid)) {
    const n = args().length;
    for (let pos = 0; pos < n; pos++) {
      for (const [label, v] of BAD) {
        const xs = args();
        xs[pos] = v;
        total++;
        try {
          const r = call(...xs);
          if (r instanceof Promise) await r;
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          const where = `${name} argument ${pos} = ${label}`;
          if (!(e instanceof TypeError || e instanceof RangeError)) {
            problems.push(`${where}: ${(e as Error)?.name}: ${msg}`);
          } else if (UNCLEAR.some((r) => r.test(msg))) problems.push(`${where}: ${msg}`);
        }
      }
    }
  }
  console.log(`${total} calls over ${Object.keys(valid).length} entry points`);
  assert.deepEqual(problems, []);
});
