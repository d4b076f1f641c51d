/**
 * Bad-input cases of lib/train (train, trainAsync, sweep, sweepAsync, summarizeSweep,
 * irisSetup, checkpoints, stop conditions, DivergenceError) and of lib/data's trainValTestSplit.
 * A failed call must leave the model's weights, the optimizer's state, the scheduler's state and
 * the random stream as they were.
 *
 * @module
 */

import { capture, type Case, type CaseOf, withSetup } from "./_harness.ts";
import {
  accuracyAtLeast,
  type Checkpoint,
  DivergenceError,
  emptyHistory,
  firstReached,
  irisSetup,
  Linear,
  loadCheckpoint,
  loadIris,
  Random,
  saveCheckpoint,
  SGD,
  StepLR,
  summarizeSweep,
  sweep,
  sweepAsync,
  train,
  trainAsync,
  trainValTestSplit,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

type Setup = ReturnType<typeof irisSetup>;
const fixture = (): Setup => irisSetup({ seed: 0, iterations: 10, evalEvery: 5, stopAt: null });
const state = (s: Setup) => [
  capture(s.model, s.optimizer, s.scheduler),
  s.rng.state(),
];

/** A value for one train() option, what is wrong with it, and the message's parts. */
type Bad = [string, string, unknown, typeof TypeError | typeof RangeError, string[]];
const TRAIN_OPTIONS: Bad[] = [
  ["eval_every", "a snake_case key", 1, TypeError, ["eval_every", "did you mean evalEvery?"]],
  ["batch_size", "a snake_case key", 8, TypeError, ["batch_size", "did you mean batchSize?"]],
  ["epoch", "a misspelt key", 2, TypeError, ["epoch", "did you mean epochs?"]],
  ["lr", "a key train() does not take", 0.1, TypeError, ["unknown option lr"]],
  ["iterations", "-1", -1, RangeError, ["iterations", "-1"]],
  ["iterations", "2.5", 2.5, RangeError, ["iterations", "2.5"]],
  ["iterations", "NaN", NaN, RangeError, ["iterations", "NaN"]],
  ["iterations", 'a string "10"', "10", TypeError, ["iterations", '"10"']],
  ["iterations", "null", null, TypeError, ["iterations", "null"]],
  ["batchSize", "0", 0, RangeError, ["batchSize", "=0"]],
  ["batchSize", "-8", -8, RangeError, ["batchSize", "-8"]],
  ["batchSize", "2.5", 2.5, RangeError, ["batchSize", "2.5"]],
  ["batchSize", "Infinity", Infinity, RangeError, ["batchSize", "Infinity"]],
  ["batchSize", 'a string "32"', "32", TypeError, ["batchSize", '"32"']],
  ["batchSize", "null", null, TypeError, ["batchSize", "null"]],
  ["shuffle", 'the string "false"', "false", TypeError, ["shuffle", '"false"']],
  ["shuffle", "the number 1", 1, TypeError, ["shuffle", "=1"]],
  ["dropLast", 'the string "yes"', "yes", TypeError, ["dropLast", '"yes"']],
  ["capture", "the number 0", 0, TypeError, ["capture", "=0"]],
  ["schedulerInterval", '"batch"', "batch", RangeError, ["schedulerInterval", '"batch"']],
  ["schedulerInterval", "a number", 1, RangeError, ["schedulerInterval", "=1"]],
  ["evalEvery", "0", 0, RangeError, ["evalEvery", "=0"]],
  ["evalEvery", '"epochs"', "epochs", TypeError, ["evalEvery", '"epochs"']],
  ["evalEvery", "NaN", NaN, RangeError, ["evalEvery", "NaN"]],
  ["checkpointEvery", "0", 0, RangeError, ["checkpointEvery", "=0"]],
  ["checkpointEvery", "without onCheckpoint", 5, TypeError, [
    "checkpointEvery",
    "onCheckpoint",
  ]],
  ["divergeFactor", "1", 1, RangeError, ["divergeFactor", "=1"]],
  ["divergeFactor", "0.5", 0.5, RangeError, ["divergeFactor", "0.5"]],
  ["divergeFactor", "NaN", NaN, RangeError, ["divergeFactor", "NaN"]],
  ["divergeFactor", "a string", "100", TypeError, ["divergeFactor", '"100"']],
  ["stopWhen", "not a function", true, TypeError, ["stopWhen", "true"]],
  ["onProgress", "not a function", "log", TypeError, ["onProgress", '"log"']],
  ["onCheckpoint", "not a function", 1, TypeError, ["onCheckpoint", "=1"]],
  ["rng", "a seed instead of a Random", 42, TypeError, ["rng", "42"]],
  ["epochs", "beside iterations", 2, TypeError, ["iterations or epochs"]],
];

/** train()'s cases, each also run through trainAsync (whose promise must reject). */
function trainCases(): CaseOf<Setup>[] {
  const list: CaseOf<Setup>[] = TRAIN_OPTIONS.map(([key, label, value, error, includes]) => ({
    label: `option ${key} ${label}`,
    call: (s) => train(bad({ ...s, [key]: value })),
    error,
    includes,
  }));
  const more: CaseOf<Setup>[] = [
    {
      label: "options null",
      call: () => train(bad(null)),
      error: TypeError,
      includes: ["options", "null"],
    },
    {
      label: "options an array",
      call: () => train(bad([])),
      error: TypeError,
      includes: ["options", "[]"],
    },
    {
      label: "neither iterations nor epochs",
      call: (s) => train({ ...s, iterations: undefined }),
      error: TypeError,
      includes: ["iterations or epochs"],
    },
    {
      label: "epochs 0",
      call: (s) => train({ ...s, iterations: undefined, epochs: 0 }),
      error: RangeError,
      includes: ["epochs", "=0"],
    },
    {
      label: "shuffle without rng",
      call: (s) => train({ ...s, rng: undefined, shuffle: true, batchSize: 8 }),
      error: TypeError,
      includes: ["shuffle", "rng"],
    },
    {
      label: "dropLast with a batch larger than the data",
      call: (s) => train({ ...s, batchSize: 500, dropLast: true }),
      error: RangeError,
      includes: ["batchSize=500", "120 training rows"],
    },
    {
      label: "an optimizer built on another model",
      call: (s) => {
        const other = new Linear(4, 3, { rng: new Random(1) });
        return train({
          ...s,
          optimizer: new SGD(other.parameters(), { lr: 0.1 }),
          scheduler: undefined,
        });
      },
      error: RangeError,
      includes: ["optimizer.paramGroups[0].params[0]", "another model"],
    },
    {
      label: "a scheduler attached to another optimizer",
      call: (s) => {
        const other = new SGD(s.model.parameters(), { lr: 0.1 });
        return train({ ...s, scheduler: new StepLR(other, { stepSize: 2 }) });
      },
      error: RangeError,
      includes: ["scheduler", "another optimizer"],
    },
    {
      label: "a model that is not one",
      call: (s) => train({ ...s, model: bad({}) }),
      error: TypeError,
      includes: ["model", "{}"],
    },
    {
      label: "a scheduler without step()",
      call: (s) => train({ ...s, scheduler: bad({ stateDict: () => ({}) }) }),
      error: TypeError,
      includes: ["scheduler", "step()"],
    },
    {
      label: "an lr of NaN in the optimizer",
      call: (s) => {
        const lr = s.optimizer.paramGroups[0]!.lr;
        s.optimizer.paramGroups[0]!.lr = NaN;
        try {
          return train(s);
        } finally {
          s.optimizer.paramGroups[0]!.lr = lr;
        }
      },
      error: RangeError,
      includes: ["optimizer.paramGroups[0].lr", "NaN"],
    },
    {
      label: "data null",
      call: (s) => train({ ...s, data: bad(null) }),
      error: TypeError,
      includes: ["data", "null"],
    },
    {
      label: "validation features without labels",
      call: (s) => train({ ...s, data: { ...s.data, xVal: s.split.xTest } }),
      error: TypeError,
      includes: ["data.xVal", "data.yVal"],
    },
    {
      label: "validation rows of another width",
      call: (s) => train({ ...s, data: { ...s.data, xVal: [[1, 2]], yVal: [0] } }),
      error: RangeError,
      includes: ["data.xVal", "2 features"],
    },
    {
      label: "a validation label out of range",
      call: (s) => train({ ...s, data: { ...s.data, xVal: [[1, 2, 3, 4]], yVal: [7] } }),
      error: RangeError,
      includes: ["data.yVal[0]=7"],
    },
    {
      label: "a NaN feature",
      call: (s) => train({ ...s, data: { ...s.data, xTrain: [[1, 2, NaN, 4]], yTrain: [0] } }),
      error: RangeError,
      includes: ["data.xTrain[0][2]", "NaN"],
    },
    {
      label: "a fractional label",
      call: (s) => train({ ...s, data: { ...s.data, yTest: [...s.split.yTest.slice(1), 0.5] } }),
      error: RangeError,
      includes: ["data.yTest[29]=0.5"],
    },
  ];
  return [...list, ...more];
}

/** A checkpoint of a run of `fixture()` after 5 iterations. */
function checkpointOf(): Checkpoint {
  let saved: Checkpoint | undefined;
  train({ ...fixture(), iterations: 5, checkpointEvery: 5, onCheckpoint: (c) => saved = c });
  return saved!;
}

const CHECKPOINT_CASES: [string, (cp: Checkpoint) => unknown, typeof TypeError, string[]][] = [
  ["iteration past the end", (cp) => ({ ...cp, iteration: 500 }), RangeError, [
    "checkpoint.iteration=500",
    "nothing to run",
  ]],
  ["iteration at the end", (cp) => ({ ...cp, iteration: 10 }), RangeError, [
    "checkpoint.iteration=10",
  ]],
  ["iteration -1", (cp) => ({ ...cp, iteration: -1 }), RangeError, ["checkpoint.iteration=-1"]],
  ["iteration 2.5", (cp) => ({ ...cp, iteration: 2.5 }), RangeError, [
    "checkpoint.iteration",
    "2.5",
  ]],
  ["lossCount -3", (cp) => ({ ...cp, lossCount: -3 }), RangeError, ["checkpoint.lossCount=-3"]],
  ["lossCount above iteration", (cp) => ({ ...cp, lossCount: 9 }), RangeError, [
    "checkpoint.lossCount=9",
  ]],
  ["lossSum NaN", (cp) => ({ ...cp, lossSum: NaN }), RangeError, ["checkpoint.lossSum", "NaN"]],
  ["lossSum Infinity", (cp) => ({ ...cp, lossSum: Infinity }), RangeError, [
    "checkpoint.lossSum",
    "Infinity",
  ]],
  ["random null with an rng given", (cp) => ({ ...cp, random: null }), TypeError, [
    "checkpoint.random=null",
    "rng",
  ]],
  ["random a string", (cp) => ({ ...cp, random: "x" }), TypeError, ["checkpoint.random", '"x"']],
  [
    "a NaN weight in memory",
    (cp) => {
      const c = structuredClone(cp);
      (c.model["0.weight"] as { data: number[] }).data[0] = NaN;
      return c;
    },
    RangeError,
    ["checkpoint.model.0.weight.data[0]", "NaN"],
  ],
  [
    "an Infinity momentum or lr in the optimizer",
    (cp) => {
      const c = structuredClone(cp);
      (c.optimizer.paramGroups[0] as { lr: number }).lr = Infinity;
      return c;
    },
    RangeError,
    ["checkpoint.optimizer.paramGroups[0].lr", "Infinity"],
  ],
  [
    "a negative lr",
    (cp) => {
      const c = structuredClone(cp);
      (c.optimizer.paramGroups[0] as { lr: number }).lr = -0.5;
      return c;
    },
    RangeError,
    ["checkpoint.optimizer.paramGroups[0].lr", "-0.5"],
  ],
  [
    "a NaN in the history",
    (cp) => {
      const c = structuredClone(cp);
      c.history.loss[0] = NaN;
      return c;
    },
    RangeError,
    ["checkpoint.history.loss[0]", "NaN"],
  ],
  [
    "a history of uneven arrays",
    (cp) => ({ ...cp, history: { ...cp.history, lr: [] } }),
    TypeError,
    [
      "checkpoint.history",
    ],
  ],
  [
    "a history past the checkpoint",
    (cp) => {
      const c = structuredClone(cp);
      c.history.iteration[0] = 7;
      return c;
    },
    RangeError,
    ["checkpoint.history ends at iteration 7"],
  ],
  ["an order while shuffle is false", (cp) => ({ ...cp, order: [1, 0] }), RangeError, [
    "checkpoint.order",
    "shuffle is false",
  ]],
  [
    "smoothing with NaN",
    (cp) => ({ ...cp, smoothing: { ...cp.smoothing, best: NaN } }),
    RangeError,
    [
      "checkpoint.smoothing.best",
      "NaN",
    ],
  ],
  ["another format", (cp) => ({ ...cp, format: "other" }), TypeError, ['format="other"']],
  ["version 3", (cp) => ({ ...cp, version: 3 }), TypeError, ["version=3"]],
  [
    "no scheduler state while a scheduler is given",
    (cp) => ({ ...cp, scheduler: null }),
    TypeError,
    [
      "no scheduler state",
    ],
  ],
];

function checkpointCases(via: "train" | "loadCheckpoint"): CaseOf<Setup>[] {
  return CHECKPOINT_CASES.filter(([label]) =>
    via === "train" ||
    !["iteration past the end", "iteration at the end", "an order while shuffle is false"]
      .includes(label)
  ).map(([label, patch, error, includes]) => ({
    label: `checkpoint ${label}`,
    call: (s) =>
      via === "train"
        ? train({ ...s, resume: bad(patch(checkpointOf())) })
        : loadCheckpoint(bad(patch(checkpointOf())), s),
    error,
    includes,
  }));
}

const SWEEP_CASES: CaseOf<Setup>[] = [
  {
    label: "options null",
    call: () => sweep(bad(null)),
    error: TypeError,
    includes: ["options", "null"],
  },
  {
    label: "a snake_case key",
    call: (s) => sweep(bad({ configs: { a: () => s }, seeds: [0], on_run: () => {} })),
    error: TypeError,
    includes: ["on_run", "did you mean onRun?"],
  },
  {
    label: "no configurations",
    call: () => sweep({ configs: {}, seeds: [0] }),
    error: TypeError,
    includes: ["configs", "{}"],
  },
  {
    label: "a configuration that is not a function",
    call: () => sweep({ configs: { a: bad(1) }, seeds: [0] }),
    error: TypeError,
    includes: ['configs["a"]', "=1"],
  },
  {
    label: "seeds empty",
    call: (s) => sweep({ configs: { a: () => s }, seeds: [] }),
    error: RangeError,
    includes: ["seeds", "[]"],
  },
  {
    label: "a seed NaN",
    call: (s) => sweep({ configs: { a: () => s }, seeds: [NaN] }),
    error: RangeError,
    includes: ["seeds[0]", "NaN"],
  },
  {
    label: "threshold 2",
    call: (s) => sweep({ configs: { a: () => s }, seeds: [0], threshold: 2 }),
    error: RangeError,
    includes: ["threshold", "=2"],
  },
  {
    label: "onRun not a function",
    call: (s) => sweep({ configs: { a: () => s }, seeds: [0], onRun: bad("x") }),
    error: TypeError,
    includes: ["onRun", '"x"'],
  },
  {
    label: "a configuration with a misspelt train() key",
    call: (s) => sweep({ configs: { a: () => bad({ ...s, batchsize: 8 }) }, seeds: [0] }),
    error: TypeError,
    includes: ["batchsize", "did you mean batchSize?"],
  },
];

const SPLIT_CASES: Case[] = [
  ["a snake_case key", { val_fraction: 0.1 }, TypeError, [
    "val_fraction",
    "did you mean valFraction?",
  ]],
  ["testFraction 0", { testFraction: 0 }, RangeError, ["testFraction", "=0"]],
  ["valFraction 1", { valFraction: 1 }, RangeError, ["valFraction", "=1"]],
  ["valFraction NaN", { valFraction: NaN }, RangeError, ["valFraction", "NaN"]],
  ["valFraction a string", { valFraction: "0.2" }, TypeError, ["valFraction", '"0.2"']],
  ["fractions that leave no training rows", { valFraction: 0.5, testFraction: 0.5 }, RangeError, [
    "valFraction=0.5",
    "no training rows",
  ]],
  ['stratify "yes"', { stratify: "yes" }, TypeError, ["stratify", '"yes"']],
  ["seed and rng both", { seed: 1, rng: new Random(1) }, TypeError, ["seed or rng"]],
  ["rng a number", { rng: 3 }, TypeError, ["rng", "=3"]],
  ["seed null", { seed: null }, TypeError, ["seed", "null"]],
  ["seed Infinity", { seed: Infinity }, RangeError, ["seed", "Infinity"]],
  ["options null", null, TypeError, ["options", "null"]],
].map(([label, options, error, includes]) => ({
  export: "trainValTestSplit",
  label: `${label}`,
  call: () => trainValTestSplit(loadIris(), bad(options)),
  error: error as typeof TypeError,
  includes: includes as string[],
}));

const SPLIT_DATA_CASES: Case[] = [
  ["data undefined", undefined, TypeError, ["data", "undefined"]],
  ["x and y of different lengths", { x: [[1], [2], [3]], y: [0, 1] }, RangeError, [
    "3 rows",
    "2 labels",
  ]],
  ["ragged rows", { x: [[1], [2, 3], [3]], y: [0, 1, 0] }, RangeError, ["data.x", "[2,3]"]],
  ["a NaN feature", { x: [[1], [NaN], [3]], y: [0, 1, 0] }, RangeError, ["data.x[1][0]", "NaN"]],
  ["a label 0.5", { x: [[1], [2], [3]], y: [0, 0.5, 0] }, RangeError, ["data.y[1]=0.5"]],
  ["a label -1", { x: [[1], [2], [3]], y: [0, -1, 0] }, RangeError, ["data.y[1]=-1"]],
  ["two rows", { x: [[1], [2]], y: [0, 1] }, RangeError, ["at least 3 rows", "got 2"]],
].map(([label, data, error, includes]) => ({
  export: "trainValTestSplit",
  label: `${label}`,
  call: () => trainValTestSplit(bad(data)),
  error: error as typeof TypeError,
  includes: includes as string[],
}));

export const cases: Case[] = [
  ...withSetup("train", fixture, state, [
    ...trainCases(),
    ...checkpointCases("train"),
    {
      label: "resume null",
      call: (s) => train({ ...s, resume: bad(null) }),
      error: TypeError,
      includes: ["resume", "null"],
    },
  ]),
  ...withSetup("trainAsync", fixture, state, [
    {
      label: "a snake_case key (the promise rejects)",
      call: (s) => trainAsync(bad({ ...s, eval_every: 1 })),
      error: TypeError,
      includes: ["eval_every", "did you mean evalEvery?"],
    },
    {
      label: "batchSize 0 (the promise rejects)",
      call: (s) => trainAsync({ ...s, batchSize: 0 }),
      error: RangeError,
      includes: ["batchSize", "=0"],
    },
    {
      label: "checkpoint lossCount -3 (the promise rejects)",
      call: (s) => trainAsync({ ...s, resume: { ...checkpointOf(), lossCount: -3 } }),
      error: RangeError,
      includes: ["checkpoint.lossCount=-3"],
    },
    {
      label: "an optimizer built on another model (the promise rejects)",
      call: (s) => {
        const other = new Linear(4, 3, { rng: new Random(1) });
        return trainAsync({ ...s, optimizer: new SGD(other.parameters()), scheduler: undefined });
      },
      error: RangeError,
      includes: ["another model"],
    },
  ]),
  ...withSetup("sweep", fixture, state, SWEEP_CASES),
  ...withSetup("sweepAsync", fixture, state, [
    {
      label: "options null (the promise rejects)",
      call: () => sweepAsync(bad(null)),
      error: TypeError,
      includes: ["options", "null"],
    },
    {
      label: "seeds empty (the promise rejects)",
      call: (s) => sweepAsync({ configs: { a: () => s }, seeds: [] }),
      error: RangeError,
      includes: ["seeds", "[]"],
    },
    {
      label: "a configuration with a snake_case train() key (the promise rejects)",
      call: (s) => sweepAsync({ configs: { a: () => bad({ ...s, eval_every: 3 }) }, seeds: [0] }),
      error: TypeError,
      includes: ["eval_every", "did you mean evalEvery?"],
    },
  ]),
  ...withSetup("loadCheckpoint", fixture, state, [
    ...checkpointCases("loadCheckpoint"),
    {
      label: "checkpoint null",
      call: (s) => loadCheckpoint(bad(null), s),
      error: TypeError,
      includes: ["checkpoint", "null"],
    },
    {
      label: "parts null",
      call: () => loadCheckpoint(checkpointOf(), bad(null)),
      error: TypeError,
      includes: ["parts", "null"],
    },
    {
      label: "parts.rng a seed",
      call: (s) => loadCheckpoint(checkpointOf(), { ...s, rng: bad(5) }),
      error: TypeError,
      includes: ["parts.rng", "=5"],
    },
  ]),
  ...withSetup("saveCheckpoint", fixture, state, [
    {
      label: "parts null",
      call: () => saveCheckpoint(bad(null), { iteration: 0, history: emptyHistory() }),
      error: TypeError,
      includes: ["parts", "null"],
    },
    {
      label: "an optimizer without stateDict()",
      call: (s) =>
        saveCheckpoint({ ...s, optimizer: bad({}) }, { iteration: 0, history: emptyHistory() }),
      error: TypeError,
      includes: ["parts.optimizer", "{}"],
    },
    {
      label: "position null",
      call: (s) => saveCheckpoint(s, bad(null)),
      error: TypeError,
      includes: ["position", "null"],
    },
    {
      label: "iteration -1",
      call: (s) => saveCheckpoint(s, { iteration: -1, history: emptyHistory() }),
      error: RangeError,
      includes: ["iteration", "-1"],
    },
    {
      label: "iteration 1.5",
      call: (s) => saveCheckpoint(s, { iteration: 1.5, history: emptyHistory() }),
      error: RangeError,
      includes: ["iteration", "1.5"],
    },
    {
      label: "history missing",
      call: (s) => saveCheckpoint(s, bad({ iteration: 0 })),
      error: TypeError,
      includes: ["history", "undefined"],
    },
    {
      label: "lossSum NaN",
      call: (s) => saveCheckpoint(s, { iteration: 0, history: emptyHistory(), lossSum: NaN }),
      error: RangeError,
      includes: ["lossSum", "NaN"],
    },
    {
      label: "lossCount -3",
      call: (s) => saveCheckpoint(s, { iteration: 0, history: emptyHistory(), lossCount: -3 }),
      error: RangeError,
      includes: ["lossCount", "-3"],
    },
  ]),
  ...[
    ["seed NaN", { seed: NaN }, RangeError, ["seed", "NaN"]],
    ["a snake_case key", { eval_every: 5 }, TypeError, ["eval_every", "did you mean evalEvery?"]],
    ["a misspelt key", { stepsize: 5 }, TypeError, ["stepsize", "did you mean stepSize?"]],
    ["lr -1", { lr: -1 }, RangeError, ["lr", "-1"]],
    ['reduction "none"', { reduction: "none" }, RangeError, ["reduction", '"none"']],
    ["stepSize 0", { stepSize: 0 }, RangeError, ["stepSize", "=0"]],
    ["gamma 0", { gamma: 0 }, RangeError, ["gamma", "=0"]],
    ["iterations 0", { iterations: 0 }, RangeError, ["iterations", "=0"]],
    ["stopAt 2", { stopAt: 2 }, RangeError, ["stopAt", "=2"]],
    ["hidden a number", { hidden: 5 }, TypeError, ["hidden", "=5"]],
    ["hidden [0, 20]", { hidden: [0, 20] }, RangeError, ["hidden[0]", "=0"]],
    ["hidden null", { hidden: null }, TypeError, ["hidden", "null"]],
    ["options null", null, TypeError, ["options", "null"]],
  ].map(([label, options, error, includes]) => ({
    export: "irisSetup",
    label: label as string,
    call: () => irisSetup(bad(options)),
    error: error as typeof TypeError,
    includes: includes as string[],
  })),
  {
    export: "accuracyAtLeast",
    label: "threshold 1.5",
    call: () => accuracyAtLeast(1.5),
    error: RangeError,
    includes: ["threshold", "1.5"],
  },
  {
    export: "accuracyAtLeast",
    label: "threshold a string",
    call: () => accuracyAtLeast(bad("0.9")),
    error: TypeError,
    includes: ["threshold", '"0.9"'],
  },
  {
    export: "accuracyAtLeast",
    label: "the predicate given no history",
    call: () => accuracyAtLeast(0.9)(bad(null)),
    error: TypeError,
    includes: ["history", "null"],
  },
  {
    export: "firstReached",
    label: "history null",
    call: () => firstReached(bad(null)),
    error: TypeError,
    includes: ["history", "null"],
  },
  {
    export: "firstReached",
    label: "threshold NaN",
    call: () => firstReached(emptyHistory(), NaN),
    error: RangeError,
    includes: ["threshold", "NaN"],
  },
  {
    export: "summarizeSweep",
    label: "runs null",
    call: () => summarizeSweep(bad(null)),
    error: TypeError,
    includes: ["runs", "null"],
  },
  {
    export: "summarizeSweep",
    label: "a run without a name",
    call: () => summarizeSweep(bad([{ reachedAt: null }])),
    error: TypeError,
    includes: ["runs[0].name"],
  },
  {
    export: "summarizeSweep",
    label: "reachedAt NaN",
    call: () => summarizeSweep(bad([{ name: "a", reachedAt: NaN, diverged: null }])),
    error: RangeError,
    includes: ["runs[0].reachedAt", "NaN"],
  },
  {
    export: "DivergenceError",
    label: "info null",
    call: () => new DivergenceError(bad(null)),
    error: TypeError,
    includes: ["info", "null"],
  },
  {
    export: "DivergenceError",
    label: "a misspelt key",
    call: () => new DivergenceError(bad({ iteration: 1, loss: NaN, lr: 1, restored: 0 })),
    error: TypeError,
    includes: ["restored", "did you mean restoredTo?"],
  },
  {
    export: "DivergenceError",
    label: "lr -1",
    call: () => new DivergenceError({ iteration: 1, loss: NaN, lr: -1, restoredTo: 0 }),
    error: RangeError,
    includes: ["lr", "-1"],
  },
  ...SPLIT_CASES,
  ...SPLIT_DATA_CASES,
];
