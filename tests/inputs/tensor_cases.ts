/**
 * Bad-input cases of the tensor API (lib/tensor): factories, the Tensor constructor and
 * `tensor()`, elementwise and unary ops, reductions, matmul/linear, layout, softmax,
 * crossEntropy, capture and noGrad. The inputs must be left as they were.
 *
 * @module
 */

import { capture as snap, type Case, withSetup } from "./_harness.ts";
import {
  add,
  arena,
  argmax,
  capture,
  crossEntropy,
  div,
  exp,
  full,
  linear,
  log,
  logSoftmax,
  matmul,
  max,
  mean,
  mul,
  neg,
  noGrad,
  ones,
  rand,
  randn,
  relu,
  reshape,
  sigmoid,
  softmax,
  sub,
  sum,
  tanh,
  Tensor,
  tensor,
  transpose,
  zeros,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

type Bad = [string, unknown, typeof TypeError | typeof RangeError, string[]];

/** Bad shapes for every factory. */
const SHAPES: Bad[] = [
  ['the string "3"', "3", TypeError, ["shape", '"3"']],
  ["the number 3", 3, TypeError, ["shape", "shape=3"]],
  ["null", null, TypeError, ["shape", "null"]],
  ["undefined", undefined, TypeError, ["shape", "undefined"]],
  ["an object", { length: 2 }, TypeError, ["shape", '{"length":2}']],
  ["holding a string", [2, "3"], TypeError, ["shape", '[2,"3"]']],
  ["holding null", [2, null], TypeError, ["shape", "[2,null]"]],
  ["holding -1", [2, -1], RangeError, ["shape", "[2, -1]"]],
  ["holding 1.5", [1.5], RangeError, ["shape", "[1.5]"]],
  ["holding NaN", [NaN], RangeError, ["shape", "[NaN]"]],
  ["holding Infinity", [Infinity], RangeError, ["shape", "[Infinity]"]],
  ["[1e6, 1e6] (too large)", [1e6, 1e6], RangeError, ["[1000000, 1000000]", "1000000000000"]],
  ["[2**20, 2**20, 2**20] (too large)", [2 ** 20, 2 ** 20, 2 ** 20], RangeError, [
    "[1048576, 1048576, 1048576]",
    "elements",
  ]],
];

const FACTORIES: [string, (shape: unknown, options?: unknown) => unknown][] = [
  ["zeros", (s, o) => zeros(bad(s), bad(o))],
  ["ones", (s, o) => ones(bad(s), bad(o))],
  ["full", (s, o) => full(bad(s), 1, bad(o))],
  ["rand", (s, o) => rand(bad(s), bad(o))],
  ["randn", (s, o) => randn(bad(s), bad(o))],
];

const factoryCases: Case[] = FACTORIES.flatMap(([name, make]) => [
  ...SHAPES.map(([label, shape, error, includes]): Case => ({
    export: name,
    label: `shape ${label}`,
    call: () => make(shape),
    error,
    includes,
  })),
  {
    export: name,
    label: "options null",
    call: () => make([2], null),
    error: TypeError,
    includes: [name, "options", "null"],
  },
  {
    export: name,
    label: "options with a snake_case key",
    call: () => make([2], { requires_grad: true }),
    error: TypeError,
    includes: ["requires_grad", "did you mean requiresGrad?"],
  },
  {
    export: name,
    label: "requiresGrad a string",
    call: () => make([2], { requiresGrad: "true" }),
    error: TypeError,
    includes: ["requiresGrad", '"true"'],
  },
]);

const randomCases: Case[] = ["rand", "randn"].flatMap((name) => {
  const make = name === "rand" ? rand : randn;
  return [
    {
      export: name,
      label: 'rng the string "x"',
      call: () => make([2], { rng: bad("x") }),
      error: TypeError,
      includes: ["rng", '"x"'],
    },
    {
      export: name,
      label: "rng a seed number",
      call: () => make([2], { rng: bad(0) }),
      error: TypeError,
      includes: ["rng", "rng=0"],
    },
    {
      export: name,
      label: "rng null",
      call: () => make([2], { rng: bad(null) }),
      error: TypeError,
      includes: ["rng", "null"],
    },
    {
      export: name,
      label: "an unknown option seed",
      call: () => make([2], bad({ seed: 1 })),
      error: TypeError,
      includes: ["seed", "rng"],
    },
  ];
});

const fullValue: Case[] = [
  ['"7"', "7"],
  ["null", null],
  ["undefined", undefined],
  ["[7]", [7]],
].map(([label, value]) => ({
  export: "full",
  label: `value ${label}`,
  call: () => full([2], bad(value)),
  error: TypeError,
  includes: ["value", label as string],
}));

const constructorCases: Case[] = [
  {
    export: "Tensor",
    label: "data a number array",
    call: () => new Tensor(bad([1, 2]), [2]),
    error: TypeError,
    includes: ["data", "Float64Array", "[1,2]"],
  },
  {
    export: "Tensor",
    label: "data null",
    call: () => new Tensor(bad(null), [0]),
    error: TypeError,
    includes: ["data", "null"],
  },
  {
    export: "Tensor",
    label: "shape not matching the data",
    call: () => new Tensor(new Float64Array(3), [2, 2]),
    error: RangeError,
    includes: ["[2, 2]", "4", "3"],
  },
  {
    export: "Tensor",
    label: "shape a number",
    call: () => new Tensor(new Float64Array(3), bad(3)),
    error: TypeError,
    includes: ["shape", "shape=3"],
  },
  {
    export: "Tensor",
    label: "options with an unknown key",
    call: () => new Tensor(new Float64Array(1), [1], bad({ grad: true })),
    error: TypeError,
    includes: ["Tensor", "grad"],
  },
  {
    export: "Tensor",
    label: "item of a two-element tensor",
    call: () => tensor([1, 2]).item(),
    error: RangeError,
    includes: ["item", "[2]"],
  },
  {
    export: "Tensor",
    label: "backward of a vector without a gradient",
    setup: () => tensor([1, 2], [2], { requiresGrad: true }),
    call: (w) => (w as Tensor).mul(2).backward(),
    error: RangeError,
    includes: ["backward", "[2]"],
    snapshot: (w) => snap(w),
  },
  {
    export: "Tensor",
    label: "backward with a gradient of the wrong length",
    setup: () => tensor([1, 2], [2], { requiresGrad: true }),
    call: (w) => (w as Tensor).mul(2).backward([1]),
    error: RangeError,
    includes: ["backward", "1 values", "[2]"],
    snapshot: (w) => snap(w),
  },
  {
    export: "Tensor",
    label: "backward with a gradient a number",
    setup: () => tensor([1, 2], [2], { requiresGrad: true }),
    call: (w) => (w as Tensor).mul(2).backward(bad(1)),
    error: TypeError,
    includes: ["gradient", "gradient=1"],
    snapshot: (w) => snap(w),
  },
  {
    export: "Tensor",
    label: "backward with a gradient of strings",
    setup: () => tensor([1, 2], [2], { requiresGrad: true }),
    call: (w) => (w as Tensor).mul(2).backward(bad(["1", "1"])),
    error: TypeError,
    includes: ["gradient", '["1","1"]'],
    snapshot: (w) => snap(w),
  },
  {
    export: "Tensor",
    label: "method add with a string",
    call: () => tensor([1]).add(bad("2")),
    error: TypeError,
    includes: ["add", "b", '"2"'],
  },
  {
    export: "Tensor",
    label: "method sum with axis 5",
    call: () => tensor([1]).sum(5),
    error: RangeError,
    includes: ["sum", "axis=5"],
  },
];

const tensorFn: Case[] = [
  ["data null", () => tensor(bad(null)), TypeError, ["data", "null"]],
  ["data undefined", () => tensor(bad(undefined)), TypeError, ["data", "undefined"]],
  ["data a string", () => tensor(bad("abc")), TypeError, ["data", '"abc"']],
  ["data holding a string", () => tensor(bad([1, "2"])), TypeError, ["data[1]", '"2"']],
  ["data holding null", () => tensor(bad([[1, null]])), TypeError, ["data[0][1]", "null"]],
  ["data ragged", () => tensor([[1, 2], [3]]), RangeError, ["rectangular", "data[1]", "1"]],
  [
    "data a number where a row was expected",
    () => tensor(bad([[1, 2], 3])),
    RangeError,
    ["rectangular", "data[1]=3"],
  ],
  ["shape not matching", () => tensor([1, 2, 3], [2, 2]), RangeError, ["[2, 2]", "3"]],
  ["shape null", () => tensor([1, 2], bad(null)), TypeError, ["shape", "null"]],
  ["shape a string", () => tensor([1, 2], bad("2")), TypeError, ["shape", '"2"']],
  ["options null", () => tensor([1], undefined, bad(null)), TypeError, ["options", "null"]],
  [
    "requiresGrad a string",
    () => tensor([1], undefined, bad({ requiresGrad: "yes" })),
    TypeError,
    ["requiresGrad", '"yes"'],
  ],
].map(([label, call, error, includes]) => ({
  export: "tensor",
  label: label as string,
  call: call as () => unknown,
  error: error as typeof TypeError,
  includes: includes as string[],
}));

/** A fresh leaf with a gradient buffer, to check failed ops leave it alone. */
const leaf = () => {
  const w = tensor([[1, 2], [3, 4]], undefined, { requiresGrad: true });
  w.grad = new Float64Array([0.5, 0.5, 0.5, 0.5]);
  return w;
};

const binary: Case[] = ([["add", add], ["sub", sub], ["mul", mul], ["div", div]] as const)
  .flatMap(([name, op]) =>
    withSetup(name, leaf, (w) => snap(w), [
      {
        label: 'b the string "2"',
        call: (w) => op(w, bad("2")),
        error: TypeError,
        includes: [name, "b", '"2"'],
      },
      { label: "b null", call: (w) => op(w, bad(null)), error: TypeError, includes: ["b=null"] },
      {
        label: "b undefined",
        call: (w) => op(w, bad(undefined)),
        error: TypeError,
        includes: ["b=undefined"],
      },
      {
        label: "b an array",
        call: (w) => op(w, bad([1, 2])),
        error: TypeError,
        includes: ["b=[1,2]"],
      },
      {
        label: "a a number",
        call: (w) => op(bad(2), w),
        error: TypeError,
        includes: [name, "a", "a=2"],
      },
      {
        label: "shapes that do not broadcast",
        call: (w) => op(w, zeros([3])),
        error: RangeError,
        includes: [name, "[2, 2]", "[3]"],
      },
    ])
  );

const unary: Case[] = (
  [
    ["neg", neg],
    ["exp", exp],
    ["log", log],
    ["relu", relu],
    ["tanh", tanh],
    [
      "sigmoid",
      sigmoid,
    ],
    ["softmax", softmax],
    ["logSoftmax", logSoftmax],
  ] as const
).flatMap(([name, op]) => [
  {
    export: name,
    label: "a a number array",
    call: () => op(bad([1, 2])),
    error: TypeError,
    includes: [name, "a", "[1,2]"],
  },
  {
    export: name,
    label: "a null",
    call: () => op(bad(null)),
    error: TypeError,
    includes: ["a=null"],
  },
]);

const axisOps: Case[] = (
  [["sum", sum], ["mean", mean], ["max", max], ["argmax", argmax], ["softmax", softmax], [
    "logSoftmax",
    logSoftmax,
  ]] as const
).flatMap(([name, op]) =>
  withSetup(name, leaf, (w) => snap(w), [
    {
      label: "axis 2 of a matrix",
      call: (w) => op(w, 2),
      error: RangeError,
      includes: [name, "axis=2"],
    },
    { label: "axis -3", call: (w) => op(w, -3), error: RangeError, includes: ["axis=-3"] },
    { label: "axis 0.5", call: (w) => op(w, 0.5), error: RangeError, includes: ["axis=0.5"] },
    { label: "axis NaN", call: (w) => op(w, NaN), error: RangeError, includes: ["axis=NaN"] },
    { label: 'axis "0"', call: (w) => op(w, bad("0")), error: TypeError, includes: ['axis="0"'] },
    ...(["softmax", "logSoftmax"].includes(name) ? [] : [
      {
        label: "options with keepDim (misspelt)",
        call: (w: Tensor) => (op as typeof sum)(w, 0, bad({ keepDim: true })),
        error: TypeError,
        includes: ["keepDim", "did you mean keepdim?"],
      },
      {
        label: 'keepdim "true"',
        call: (w: Tensor) => (op as typeof sum)(w, 0, bad({ keepdim: "true" })),
        error: TypeError,
        includes: ["keepdim", '"true"'],
      },
      {
        label: "options null",
        call: (w: Tensor) => (op as typeof sum)(w, 0, bad(null)),
        error: TypeError,
        includes: ["options", "null"],
      },
    ]),
  ])
);

const emptyReductions: Case[] = [
  {
    export: "mean",
    label: "an empty tensor",
    call: () => mean(zeros([0])),
    error: RangeError,
    includes: ["mean", "empty", "[0]"],
  },
  {
    export: "max",
    label: "an empty axis",
    call: () => max(zeros([2, 0]), 1),
    error: RangeError,
    includes: ["max", "empty", "[2, 0]"],
  },
];

const products: Case[] = [
  ...withSetup("matmul", leaf, (w) => snap(w), [
    {
      label: "b a number",
      call: (w) => matmul(w, bad(2)),
      error: TypeError,
      includes: ["matmul", "b=2"],
    },
    {
      label: "a nested arrays",
      call: (w) => matmul(bad([[1, 2]]), w),
      error: TypeError,
      includes: ["matmul", "a", "[[1,2]]"],
    },
    {
      label: "inner sizes that differ",
      call: (w) => matmul(w, zeros([3, 1])),
      error: RangeError,
      includes: ["[2, 2]", "[3, 1]"],
    },
    {
      label: "a vector",
      call: (w) => matmul(w, zeros([2])),
      error: RangeError,
      includes: ["[2, 2]", "[2]"],
    },
  ]),
  ...withSetup("linear", leaf, (w) => snap(w), [
    {
      label: "x null",
      call: (w) => linear(bad(null), w),
      error: TypeError,
      includes: ["linear", "x=null"],
    },
    {
      label: "weight an array",
      call: (w) => linear(w, bad([[1, 2]])),
      error: TypeError,
      includes: ["weight", "[[1,2]]"],
    },
    {
      label: "bias a number",
      call: (w) => linear(w, w, bad(1)),
      error: TypeError,
      includes: ["bias", "bias=1"],
    },
    {
      label: "bias of the wrong shape",
      call: (w) => linear(w, w, zeros([3])),
      error: RangeError,
      includes: ["bias", "[2]", "[3]"],
    },
    {
      label: "weight of the wrong shape",
      call: (w) => linear(w, zeros([3, 3])),
      error: RangeError,
      includes: ["[2, 2]", "[3, 3]"],
    },
  ]),
];

const layout: Case[] = [
  ...withSetup("reshape", leaf, (w) => snap(w), [
    {
      label: "shape [3, -1]",
      call: (w) => reshape(w, [3, -1]),
      error: RangeError,
      includes: ["[2, 2]", "[3, -1]"],
    },
    {
      label: "shape [-1, -1]",
      call: (w) => reshape(w, [-1, -1]),
      error: RangeError,
      includes: ["[-1, -1]"],
    },
    { label: "shape [5]", call: (w) => reshape(w, [5]), error: RangeError, includes: ["[5]"] },
    {
      label: "shape [2.5, 2]",
      call: (w) => reshape(w, [2.5, 2]),
      error: RangeError,
      includes: ["[2.5, 2]"],
    },
    {
      label: "shape a number",
      call: (w) => reshape(w, bad(4)),
      error: TypeError,
      includes: ["shape=4"],
    },
    {
      label: "shape null",
      call: (w) => reshape(w, bad(null)),
      error: TypeError,
      includes: ["shape=null"],
    },
    {
      label: "shape holding a string",
      call: (w) => reshape(w, bad(["4"])),
      error: TypeError,
      includes: ['shape=["4"]'],
    },
    {
      label: "a not a Tensor",
      call: () => reshape(bad([1, 2]), [2]),
      error: TypeError,
      includes: ["a=[1,2]"],
    },
  ]),
  ...withSetup("transpose", leaf, (w) => snap(w), [
    {
      label: "axis0 2",
      call: (w) => transpose(w, 2, 1),
      error: RangeError,
      includes: ["transpose", "axis=2"],
    },
    {
      label: 'axis1 "0"',
      call: (w) => transpose(w, 0, bad("0")),
      error: TypeError,
      includes: ['axis="0"'],
    },
    { label: "a null", call: () => transpose(bad(null)), error: TypeError, includes: ["a=null"] },
  ]),
];

const lossCases: Case[] = withSetup("crossEntropy", leaf, (w) => snap(w), [
  {
    label: "label 2 of 2 classes",
    call: (w) => crossEntropy(w, [0, 2]),
    error: RangeError,
    includes: ["labels[1]=2"],
  },
  {
    label: "label -1",
    call: (w) => crossEntropy(w, [-1, 0]),
    error: RangeError,
    includes: ["labels[0]=-1"],
  },
  {
    label: "label 0.5",
    call: (w) => crossEntropy(w, [0.5, 0]),
    error: RangeError,
    includes: ["labels[0]=0.5"],
  },
  {
    label: "label NaN",
    call: (w) => crossEntropy(w, [0, NaN]),
    error: RangeError,
    includes: ["labels[1]=NaN"],
  },
  {
    label: 'label "1"',
    call: (w) => crossEntropy(w, bad([0, "1"])),
    error: TypeError,
    includes: ['labels[1]="1"'],
  },
  {
    label: "labels null",
    call: (w) => crossEntropy(w, bad(null)),
    error: TypeError,
    includes: ["labels=null"],
  },
  {
    label: "labels a number",
    call: (w) => crossEntropy(w, bad(1)),
    error: TypeError,
    includes: ["labels=1"],
  },
  {
    label: "one label for two rows",
    call: (w) => crossEntropy(w, [0]),
    error: RangeError,
    includes: ["expected 2 labels", "got 1"],
  },
  {
    label: 'reduction "avg"',
    call: (w) => crossEntropy(w, [0, 1], bad({ reduction: "avg" })),
    error: RangeError,
    includes: ["reduction", '"avg"'],
  },
  {
    label: "reduce (PyTorch's deprecated name)",
    call: (w) => crossEntropy(w, [0, 1], bad({ reduce: "sum" })),
    error: TypeError,
    includes: ["reduce", "did you mean reduction?"],
  },
  {
    label: "options the string sum",
    call: (w) => crossEntropy(w, [0, 1], bad("sum")),
    error: TypeError,
    includes: ["options", '"sum"'],
  },
  {
    label: "logits a vector",
    call: () => crossEntropy(zeros([3]), [0, 1, 2]),
    error: RangeError,
    includes: ["logits", "[3]"],
  },
  {
    label: "logits an array",
    call: () => crossEntropy(bad([[0, 1]]), [0]),
    error: TypeError,
    includes: ["logits", "[[0,1]]"],
  },
]);

const graphCases: Case[] = [
  {
    export: "capture",
    label: "fn a number",
    call: () => capture(bad(1)),
    error: TypeError,
    includes: ["capture", "fn=1"],
  },
  {
    export: "capture",
    label: "fn null",
    call: () => capture(bad(null)),
    error: TypeError,
    includes: ["fn=null"],
  },
  {
    export: "noGrad",
    label: "fn a Tensor",
    call: () => noGrad(bad(tensor([1]))),
    error: TypeError,
    includes: ["noGrad", "fn=a Tensor of shape [1]"],
  },
  {
    export: "noGrad",
    label: "fn undefined",
    call: () => noGrad(bad(undefined)),
    error: TypeError,
    includes: ["fn=undefined"],
  },
  {
    export: "arena",
    label: "fn a Tensor",
    call: () => arena(bad(tensor([1]))),
    error: TypeError,
    includes: ["arena", "fn=a Tensor of shape [1]"],
  },
  {
    export: "arena",
    label: "fn undefined",
    call: () => arena(bad(undefined)),
    error: TypeError,
    includes: ["fn=undefined"],
  },
];

/** The dtype option and conversions: "float32" or "float64" only; mixed-dtype products. */
const dtypeCases: Case[] = [
  ...FACTORIES.flatMap(([name, make]): Case[] => [
    {
      export: name,
      label: 'dtype "float16"',
      call: () => make([2], { dtype: "float16" }),
      error: RangeError,
      includes: ["dtype", '"float16"', '"float32", "float64"'],
    },
    {
      export: name,
      label: "dtype a number",
      call: () => make([2], { dtype: 32 }),
      error: TypeError,
      includes: ["dtype", "dtype=32"],
    },
  ]),
  {
    export: "tensor",
    label: 'dtype "float16"',
    call: () => tensor([1], undefined, bad({ dtype: "float16" })),
    error: RangeError,
    includes: ["dtype", '"float16"'],
  },
  {
    export: "tensor",
    label: "dtype null",
    call: () => tensor([1], undefined, bad({ dtype: null })),
    error: TypeError,
    includes: ["dtype", "null"],
  },
  {
    export: "Tensor",
    label: "dtype float64 for a Float32Array",
    call: () => new Tensor(new Float32Array(2), [2], { dtype: "float64" }),
    error: RangeError,
    includes: ["dtype", '"float64"', "Float32Array"],
  },
  {
    export: "Tensor",
    label: "data an Int32Array",
    call: () => new Tensor(bad(new Int32Array(2)), [2]),
    error: TypeError,
    includes: ["data", "Float32Array"],
  },
  ...withSetup("Tensor", leaf, (w) => snap(w), [
    {
      label: 'method to("float16")',
      call: (w) => w.to(bad("float16")),
      error: RangeError,
      includes: ["dtype", '"float16"'],
    },
    {
      label: "method to(undefined)",
      call: (w) => w.to(bad(undefined)),
      error: TypeError,
      includes: ["dtype", "undefined"],
    },
  ]),
  ...withSetup("matmul", leaf, (w) => snap(w), [
    {
      label: "a float32 and a float64 matrix",
      call: (w) => matmul(w.float(), w),
      error: TypeError,
      includes: ["matmul", "expected mat1 and mat2 to have the same dtype", "float != double"],
    },
  ]),
  ...withSetup("linear", leaf, (w) => snap(w), [
    {
      label: "a float64 input and a float32 weight",
      call: (w) => linear(w, w.float()),
      error: TypeError,
      includes: ["linear", "double != float", "weight is float32"],
    },
    {
      label: "a float32 bias with float64 x and weight",
      call: (w) => linear(w, w, tensor([1, 2], undefined, { dtype: "float32" })),
      error: TypeError,
      includes: ["linear", "bias is float32"],
    },
  ]),
];

export const cases: Case[] = [
  ...dtypeCases,
  ...factoryCases,
  ...randomCases,
  ...fullValue,
  ...constructorCases,
  ...tensorFn,
  ...binary,
  ...unary,
  ...axisOps,
  ...emptyReductions,
  ...products,
  ...layout,
  ...lossCases,
  ...graphCases,
];
