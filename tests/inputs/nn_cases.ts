/**
 * Bad-input cases of lib/nn: Linear, CrossEntropyLoss, Sequential, ReLU, Module (state dicts,
 * registration, modes) and the in-place initialisers. A failed call must leave the model's
 * weights as they were.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import {
  CrossEntropyLoss,
  defaultRandom,
  Linear,
  type ModuleState,
  normal_,
  pynetInit_,
  Random,
  ReLU,
  resetLinear,
  Sequential,
  tensor,
  uniform_,
  zeros,
  zeros_,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const net = () =>
  new Sequential(new Linear(3, 4, { rng: new Random(0) }), new ReLU(), new Linear(4, 2));

const linearCases: Case[] = [
  ["inFeatures 0", () => new Linear(0, 3), RangeError, ["inFeatures", "=0"]],
  ["inFeatures -4", () => new Linear(-4, 3), RangeError, ["inFeatures", "-4"]],
  ["inFeatures 2.5", () => new Linear(2.5, 3), RangeError, ["inFeatures", "2.5"]],
  ["inFeatures NaN", () => new Linear(NaN, 3), RangeError, ["inFeatures", "NaN"]],
  ["inFeatures Infinity", () => new Linear(Infinity, 3), RangeError, ["inFeatures", "Infinity"]],
  ['inFeatures "4"', () => new Linear(bad("4"), 3), TypeError, ["inFeatures", '"4"']],
  ["inFeatures undefined", () => new Linear(bad(undefined), 3), TypeError, [
    "inFeatures",
    "undefined",
  ]],
  ["outFeatures 0", () => new Linear(4, 0), RangeError, ["outFeatures", "=0"]],
  ["outFeatures null", () => new Linear(4, bad(null)), TypeError, ["outFeatures", "null"]],
  ["1e6 by 1e6 (too large)", () => new Linear(1e6, 1e6), RangeError, [
    "[1000000, 1000000]",
    "elements",
  ]],
  ['rng "x"', () => new Linear(4, 3, { rng: bad("x") }), TypeError, ["rng", '"x"']],
  ["rng a seed", () => new Linear(4, 3, { rng: bad(42) }), TypeError, ["rng", "rng=42"]],
  ["rng null", () => new Linear(4, 3, bad({ rng: null })), TypeError, ["rng", "null"]],
  ['bias "no"', () => new Linear(4, 3, { bias: bad("no") }), TypeError, ["bias", '"no"']],
  ["bias 0", () => new Linear(4, 3, { bias: bad(0) }), TypeError, ["bias", "bias=0"]],
  ["bias null", () => new Linear(4, 3, bad({ bias: null })), TypeError, ["bias", "null"]],
  ["options null", () => new Linear(4, 3, bad(null)), TypeError, ["Linear", "options", "null"]],
  ["options a Random", () => new Linear(4, 3, bad(new Random(0))), TypeError, [
    "Linear",
    "unknown option",
  ]],
  [
    "a snake_case key",
    () => new Linear(4, 3, bad({ use_bias: false })),
    TypeError,
    ["Linear", "use_bias", "expected one of rng, bias"],
  ],
  ["a seed key", () => new Linear(4, 3, bad({ seed: 1 })), TypeError, ["Linear", "seed"]],
  ["a misspelt key", () => new Linear(4, 3, bad({ biass: false })), TypeError, [
    "biass",
    "did you mean bias?",
  ]],
].map(([label, call, error, includes]) => ({
  export: "Linear",
  label: label as string,
  call: call as () => unknown,
  error: error as typeof TypeError,
  includes: includes as string[],
}));

const forwardCases: Case[] = withSetup(
  "Linear",
  () => new Linear(3, 2, { rng: new Random(1) }),
  capture,
  [
    {
      label: "forward with the wrong width",
      call: (fc) => fc.forward(zeros([5, 4])),
      error: RangeError,
      includes: ["[5, 4]", "[2, 3]"],
    },
    {
      label: "forward with nested arrays",
      call: (fc) => fc.forward(bad([[1, 2, 3]])),
      error: TypeError,
      includes: ["linear", "x", "[[1,2,3]]"],
    },
  ],
);

const lossCases: Case[] = [
  ['options the string "sum"', () => new CrossEntropyLoss(bad("sum")), TypeError, [
    "CrossEntropyLoss",
    "options",
    '"sum"',
  ]],
  ["reduce: sum", () => new CrossEntropyLoss(bad({ reduce: "sum" })), TypeError, [
    "reduce",
    "did you mean reduction?",
  ]],
  ['reduction "Sum"', () => new CrossEntropyLoss(bad({ reduction: "Sum" })), RangeError, [
    "reduction",
    '"Sum"',
  ]],
  ['reduction "avg"', () => new CrossEntropyLoss(bad({ reduction: "avg" })), RangeError, [
    "reduction",
    '"avg"',
  ]],
  ["reduction null", () => new CrossEntropyLoss(bad({ reduction: null })), TypeError, [
    "reduction",
    "null",
  ]],
  ["options null", () => new CrossEntropyLoss(bad(null)), TypeError, ["CrossEntropyLoss", "null"]],
  ["label_smoothing", () => new CrossEntropyLoss(bad({ label_smoothing: 0.1 })), TypeError, [
    "label_smoothing",
  ]],
  [
    "forward with label 3 of 3 classes",
    () => new CrossEntropyLoss().forward(zeros([2, 3]), [0, 3]),
    RangeError,
    ["labels[1]=3"],
  ],
  [
    "forward with label 0.5",
    () => new CrossEntropyLoss().forward(zeros([2, 3]), [0.5, 1]),
    RangeError,
    ["labels[0]=0.5"],
  ],
  [
    "forward with labels a Tensor",
    () => new CrossEntropyLoss().forward(zeros([1, 3]), bad(tensor([0]))),
    TypeError,
    ["labels", "a Tensor of shape [1]"],
  ],
  ["forward with logits null", () => new CrossEntropyLoss().forward(bad(null), [0]), TypeError, [
    "logits",
    "null",
  ]],
].map(([label, call, error, includes]) => ({
  export: "CrossEntropyLoss",
  label: label as string,
  call: call as () => unknown,
  error: error as typeof TypeError,
  includes: includes as string[],
}));

const sequentialCases: Case[] = [
  ["a function as a module", () => new Sequential(bad((x: unknown) => x)), TypeError, [
    "modules[0]",
    "a function",
  ]],
  ["a number as a module", () => new Sequential(new ReLU(), bad(3)), TypeError, ["modules[1]=3"]],
  ["null as a module", () => new Sequential(bad(null)), TypeError, ["modules[0]=null"]],
  ["an array of modules", () => new Sequential(bad([new ReLU()])), TypeError, ["modules[0]"]],
  ["forward with a number array", () => net().forward(bad([1, 2, 3])), TypeError, ["linear", "x"]],
].map(([label, call, error, includes]) => ({
  export: "Sequential",
  label: label as string,
  call: call as () => unknown,
  error: error as typeof TypeError,
  includes: includes as string[],
}));

const reluCases: Case[] = [
  {
    export: "ReLU",
    label: "forward with a string",
    call: () => new ReLU().forward(bad("x")),
    error: TypeError,
    includes: ["relu", '"x"'],
  },
  {
    export: "ReLU",
    label: "forward with null",
    call: () => new ReLU().forward(bad(null)),
    error: TypeError,
    includes: ["relu", "null"],
  },
];

/** A saved state of `net()` edited by `edit`. */
const loads: [
  string,
  (s: ModuleState) => unknown,
  typeof TypeError | typeof RangeError,
  string[],
][] = [
  ["null", () => null, TypeError, ["state", "null"]],
  ["undefined", () => undefined, TypeError, ["state", "undefined"]],
  ["a number", () => 1, TypeError, ["state", "=1"]],
  ["an array", () => [], TypeError, ["state", "[]"]],
  ["{} (every key missing)", () => ({}), RangeError, ['missing key "0.weight"', '"2.bias"']],
  [
    "a misspelt key",
    (s) => {
      s["0.weights"] = s["0.weight"]!;
      delete s["0.weight"];
    },
    RangeError,
    ['missing key "0.weight"', 'unexpected key "0.weights" (did you mean "0.weight"?)'],
  ],
  [
    "a NaN weight",
    (s) => {
      s["0.weight"]!.data[0] = NaN;
    },
    RangeError,
    ['"0.weight"', "data[0]=NaN"],
  ],
  [
    "an Infinity bias",
    (s) => {
      s["2.bias"]!.data[1] = Infinity;
    },
    RangeError,
    ['"2.bias"', "data[1]=Infinity"],
  ],
  [
    "a -Infinity weight",
    (s) => {
      s["2.weight"]!.data[3] = -Infinity;
    },
    RangeError,
    ['"2.weight"', "data[3]=-Infinity"],
  ],
  [
    "null from JSON (NaN saved as JSON)",
    (s) => {
      (s["0.bias"]!.data as unknown[])[2] = null;
    },
    RangeError,
    ['"0.bias"', "data[2]=null"],
  ],
  [
    "a string value",
    (s) => {
      (s["0.bias"]!.data as unknown[])[0] = "1";
    },
    RangeError,
    ['"0.bias"', 'data[0]="1"'],
  ],
  [
    "a transposed weight",
    (s) => {
      s["0.weight"]!.shape = [3, 4];
    },
    RangeError,
    ['"0.weight"', "expected [4, 3]", "got [3, 4]"],
  ],
  [
    "a short bias",
    (s) => {
      s["0.bias"]!.data = [1];
    },
    RangeError,
    ['"0.bias"', "1 values"],
  ],
  [
    "a saved tensor null",
    (s) => {
      (s as Record<string, unknown>)["0.bias"] = null;
    },
    RangeError,
    ['"0.bias"', "null"],
  ],
  [
    "a saved tensor a bare array",
    (s) => {
      (s as Record<string, unknown>)["0.bias"] = [0, 0, 0, 0];
    },
    RangeError,
    ['"0.bias"', "[0,0,0,0]"],
  ],
  [
    "a saved tensor with data a string",
    (s) => {
      (s["0.bias"] as Record<string, unknown>).data = "0,0,0,0";
    },
    RangeError,
    ['"0.bias"', '"0,0,0,0"'],
  ],
  [
    "a saved tensor with an extra key",
    (s) => {
      (s["0.bias"] as Record<string, unknown>).grad = [0, 0, 0, 0];
    },
    RangeError,
    ['"0.bias"', "grad"],
  ],
];

const moduleCases: Case[] = [
  ...withSetup(
    "Module",
    () => {
      const model = net();
      return { model, saved: JSON.parse(JSON.stringify(model.stateDict())) as ModuleState };
    },
    (f) => capture(f.model),
    loads.map(([label, edit, error, includes]) => ({
      label: `loadStateDict ${label}`,
      call: (f: { model: Sequential; saved: ModuleState }) => {
        const state = structuredClone(f.saved);
        const replaced = edit(state);
        f.model.loadStateDict(
          bad(replaced === undefined && label !== "undefined" ? state : replaced),
        );
      },
      error,
      includes,
    })),
  ),
  ...withSetup("Module", net, (m) => capture(m), [
    {
      label: "loadStateDict with a NaN in memory (never through JSON)",
      call: (m) => {
        const s = m.stateDict();
        s["0.weight"]!.data[5] = NaN;
        m.loadStateDict(s);
      },
      error: RangeError,
      includes: ['"0.weight"', "data[5]=NaN"],
    },
    {
      label: 'train("false")',
      call: (m) => m.train(bad("false")),
      error: TypeError,
      includes: ["mode", '"false"'],
    },
    {
      label: "registerParameter with an array",
      call: (m) => m.registerParameter("extra", bad([1, 2])),
      error: TypeError,
      includes: ["param", "[1,2]"],
    },
    {
      label: "registerParameter with a dotted name",
      call: (m) => m.registerParameter("a.b", tensor([1])),
      error: RangeError,
      includes: ["name", '"a.b"'],
    },
    {
      label: "registerModule with a taken name",
      call: (m) => m.registerModule("0", new ReLU()),
      error: RangeError,
      includes: ["name", '"0"'],
    },
    {
      label: "registerModule with a plain object",
      call: (m) => m.registerModule("3", bad({ forward: () => null })),
      error: TypeError,
      includes: ["module", "module="],
    },
    {
      label: "registerModule with a number name",
      call: (m) => m.registerModule(bad(3), new ReLU()),
      error: TypeError,
      includes: ["name", "name=3"],
    },
  ]),
];

const layer = () => new Linear(3, 2, { rng: new Random(2) });
const initCases: Case[] = [
  ...withSetup("uniform_", layer, (l) => capture(l), [
    {
      label: "lo NaN",
      call: (l) => uniform_(l.weight, NaN, 1),
      error: RangeError,
      includes: ["lo", "NaN"],
    },
    {
      label: "hi Infinity",
      call: (l) => uniform_(l.weight, 0, Infinity),
      error: RangeError,
      includes: ["hi", "Infinity"],
    },
    {
      label: "lo above hi",
      call: (l) => uniform_(l.weight, 1, -1),
      error: RangeError,
      includes: ["lo=1", "hi=-1"],
    },
    {
      label: "a range too wide to be finite",
      call: (l) => uniform_(l.weight, -1e308, 1e308),
      error: RangeError,
      includes: ["lo=-1e+308", "hi=1e+308"],
    },
    {
      label: 'lo "0"',
      call: (l) => uniform_(l.weight, bad("0"), 1),
      error: TypeError,
      includes: ["lo", '"0"'],
    },
    {
      label: "t an array",
      call: () => uniform_(bad([0, 0]), 0, 1),
      error: TypeError,
      includes: ["uniform_", "t=[0,0]"],
    },
    {
      label: 'rng "x"',
      call: (l) => uniform_(l.weight, 0, 1, { rng: bad("x") }),
      error: TypeError,
      includes: ["rng", '"x"'],
    },
    {
      label: "options with seed",
      call: (l) => uniform_(l.weight, 0, 1, bad({ seed: 1 })),
      error: TypeError,
      includes: ["uniform_", "seed"],
    },
  ]),
  ...withSetup("normal_", layer, (l) => capture(l), [
    {
      label: "std -1",
      call: (l) => normal_(l.weight, 0, -1),
      error: RangeError,
      includes: ["std", "-1"],
    },
    {
      label: "std NaN",
      call: (l) => normal_(l.weight, 0, NaN),
      error: RangeError,
      includes: ["std", "NaN"],
    },
    {
      label: "mean Infinity",
      call: (l) => normal_(l.weight, Infinity, 1),
      error: RangeError,
      includes: ["mean", "Infinity"],
    },
    {
      label: "t null",
      call: () => normal_(bad(null), 0, 1),
      error: TypeError,
      includes: ["normal_", "t=null"],
    },
    {
      label: "options null",
      call: (l) => normal_(l.weight, 0, 1, bad(null)),
      error: TypeError,
      includes: ["normal_", "options", "null"],
    },
  ]),
  {
    export: "zeros_",
    label: "t a number array",
    call: () => zeros_(bad([1, 2])),
    error: TypeError,
    includes: ["zeros_", "t=[1,2]"],
  },
  {
    export: "zeros_",
    label: "t undefined",
    call: () => zeros_(bad(undefined)),
    error: TypeError,
    includes: ["zeros_", "t=undefined"],
  },
  ...withSetup("resetLinear", layer, (l) => capture(l), [
    {
      label: 'rng "x"',
      call: (l) => resetLinear(l, { rng: bad("x") }),
      error: TypeError,
      includes: ["rng", '"x"'],
    },
    {
      label: "options with seed",
      call: (l) => resetLinear(l, bad({ seed: 0 })),
      error: TypeError,
      includes: ["seed"],
    },
    {
      label: "layer null",
      call: () => resetLinear(bad(null)),
      error: TypeError,
      includes: ["layer", "null"],
    },
    {
      label: "layer without weight",
      call: () => resetLinear(bad({ bias: null })),
      error: TypeError,
      includes: ["layer.weight", "undefined"],
    },
    {
      label: "layer with a 1-D weight",
      call: () => resetLinear({ weight: zeros([3]), bias: null }),
      error: RangeError,
      includes: ["layer.weight", "[3]"],
    },
    {
      label: "layer with a bias array",
      call: () => resetLinear(bad({ weight: zeros([2, 2]), bias: [0, 0] })),
      error: TypeError,
      includes: ["layer.bias", "[0,0]"],
    },
  ]),
  ...withSetup("pynetInit_", layer, (l) => capture(l), [
    {
      label: "std -0.01",
      call: (l) => pynetInit_(l, { std: -0.01 }),
      error: RangeError,
      includes: ["std", "-0.01"],
    },
    {
      label: "std NaN",
      call: (l) => pynetInit_(l, { std: NaN }),
      error: RangeError,
      includes: ["std", "NaN"],
    },
    {
      label: 'std "0.01"',
      call: (l) => pynetInit_(l, { std: bad("0.01") }),
      error: TypeError,
      includes: ["std", '"0.01"'],
    },
    {
      label: "std null",
      call: (l) => pynetInit_(l, bad({ std: null })),
      error: TypeError,
      includes: ["std", "null"],
    },
    {
      label: "a misspelt key",
      call: (l) => pynetInit_(l, bad({ sdt: 0.1 })),
      error: TypeError,
      includes: ["sdt", "did you mean std?"],
    },
    {
      label: "rng a number",
      call: (l) => pynetInit_(l, { rng: bad(1) }),
      error: TypeError,
      includes: ["rng", "rng=1"],
    },
    {
      label: "layer a Tensor",
      call: () => pynetInit_(bad(zeros([2, 2]))),
      error: TypeError,
      includes: ["layer.weight", "undefined"],
    },
  ]),
];

/** Failed constructors and initialisers draw nothing from the global stream. */
const globalStream: Case[] = ([
  ["Linear", 'bias "no"', () => new Linear(4, 3, { bias: bad("no") }), TypeError, ["bias", '"no"']],
  ["Linear", "a misspelt option", () => new Linear(4, 3, bad({ Bias: false })), TypeError, [
    "Bias",
  ]],
  ["Linear", "outFeatures 0", () => new Linear(4, 0), RangeError, ["outFeatures", "=0"]],
  ["uniform_", "lo above hi", () => uniform_(zeros([3]), 1, 0), RangeError, ["lo=1", "hi=0"]],
  ["normal_", "std -1", () => normal_(zeros([3]), 0, -1), RangeError, ["std", "-1"]],
  [
    "pynetInit_",
    "std NaN",
    () => pynetInit_(new Linear(2, 2, { rng: new Random(0) }), { std: NaN }),
    RangeError,
    ["std", "NaN"],
  ],
] as const).map(([name, label, call, error, includes]) => ({
  export: name,
  label: `${label} leaves the global random stream as it was`,
  call,
  error,
  includes,
  snapshot: () => defaultRandom().state(),
}));

/** The dtype option of Linear and Module.to: "float32" or "float64" only. */
const dtypeCases: Case[] = [
  {
    export: "Linear",
    label: 'dtype "float16"',
    call: () => new Linear(4, 3, bad({ dtype: "float16" })),
    error: RangeError,
    includes: ["dtype", '"float16"', '"float32", "float64"'],
  },
  {
    export: "Linear",
    label: "dtype null",
    call: () => new Linear(4, 3, bad({ dtype: null })),
    error: TypeError,
    includes: ["dtype", "null"],
  },
  ...withSetup("Module", net, (m) => capture(m), [
    {
      label: 'to("float16")',
      call: (m) => m.to(bad("float16")),
      error: RangeError,
      includes: ["dtype", '"float16"'],
    },
    {
      label: "to(64)",
      call: (m) => m.to(bad(64)),
      error: TypeError,
      includes: ["dtype", "dtype=64"],
    },
  ]),
];

export const cases: Case[] = [
  ...dtypeCases,
  ...globalStream,
  ...linearCases,
  ...forwardCases,
  ...lossCases,
  ...sequentialCases,
  ...reluCases,
  ...moduleCases,
  ...initCases,
];
