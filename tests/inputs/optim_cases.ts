/**
 * Bad-input cases of the optimizers (lib/optim): options, param groups, `addParamGroup` and
 * `loadStateDict` (another optimizer's state, empty or out-of-range per-parameter state). Every
 * failed call must leave the parameters and the optimizer (groups, state) as they were.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import {
  Adam,
  AdamW,
  Linear,
  type OptimizerState,
  Random,
  SGD,
  type Tensor,
  tensor,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

/** A small model's parameters with gradients, so steps change state. */
function params(): Tensor[] {
  const fc = new Linear(3, 2, { rng: new Random(1) });
  const ps = fc.parameters();
  for (const p of ps) p.grad = p.data.map((v, i) => Math.sin(v + i));
  return ps;
}

type Kind = "SGD" | "Adam" | "AdamW";
const make = (kind: Kind, ps: Tensor[], options: object = {}) =>
  kind === "SGD"
    ? new SGD(ps, { lr: 0.1, momentum: 0.9, ...options })
    : new (kind === "Adam" ? Adam : AdamW)(ps, { lr: 0.01, amsgrad: true, ...options });

/** An optimizer that has stepped twice, so it has per-parameter state. */
function stepped(kind: Kind) {
  const ps = params();
  const optimizer = make(kind, ps);
  optimizer.step();
  optimizer.step();
  return { ps, optimizer, saved: JSON.parse(JSON.stringify(optimizer.stateDict())) };
}

const both = (f: { ps: Tensor[]; optimizer: unknown }) => capture(f.ps, f.optimizer);

// Bad values of each option: [label, value, error, substrings the message must hold].
type Bad = [string, unknown, typeof TypeError | typeof RangeError, string[]];
const LR: Bad[] = [
  ["NaN", NaN, RangeError, ["learning rate", "NaN"]],
  ["Infinity", Infinity, RangeError, ["learning rate", "Infinity"]],
  ["-Infinity", -Infinity, RangeError, ["learning rate", "-Infinity"]],
  ["negative", -0.1, RangeError, ["learning rate", "-0.1"]],
  ["a string", "0.1", TypeError, ["lr", '"0.1"']],
  ["null", null, TypeError, ["lr", "null"]],
  ["a boolean", true, TypeError, ["lr", "true"]],
  ["an array", [0.1], TypeError, ["lr", "[0.1]"]],
];
const nonNegative = (name: string, what = name): Bad[] => [
  ["NaN", NaN, RangeError, [what, "NaN"]],
  ["Infinity", Infinity, RangeError, [what, "Infinity"]],
  ["negative", -1, RangeError, [what, "-1"]],
  ["a string", "0.5", TypeError, [name, '"0.5"']],
  ["null", null, TypeError, [name, "null"]],
];
const FLAG = (name: string): Bad[] => [
  ['the string "false"', "false", TypeError, [name, '"false"', "boolean"]],
  ['the string "no"', "no", TypeError, [name, '"no"']],
  ["the number 1", 1, TypeError, [name, "=1"]],
  ["the number 0", 0, TypeError, [name, "=0"]],
  ["null", null, TypeError, [name, "null"]],
];
const BETAS: Bad[] = [
  ["beta1 1.5", [1.5, 0.999], RangeError, ["beta", "index 0", "1.5"]],
  ["beta1 1", [1, 0.999], RangeError, ["beta", "index 0", "1"]],
  ["beta1 -0.1", [-0.1, 0.999], RangeError, ["beta", "index 0", "-0.1"]],
  ["beta2 NaN", [0.9, NaN], RangeError, ["beta", "index 1", "NaN"]],
  ["beta2 Infinity", [0.9, Infinity], RangeError, ["beta", "index 1", "Infinity"]],
  ["a number", 0.9, TypeError, ["betas", "0.9"]],
  ["one value", [0.9], TypeError, ["betas", "[0.9]"]],
  ["three values", [0.9, 0.99, 0.999], TypeError, ["betas", "[0.9,0.99,0.999]"]],
  ["strings", ["0.9", "0.999"], TypeError, ["betas", '"0.9"']],
  ["null", null, TypeError, ["betas", "null"]],
];

const SGD_OPTIONS: [string, Bad[]][] = [
  ["lr", LR],
  ["momentum", nonNegative("momentum")],
  ["weightDecay", nonNegative("weightDecay")],
  ["dampening", [
    ["NaN", NaN, RangeError, ["dampening", "NaN"]],
    ["Infinity", Infinity, RangeError, ["dampening", "Infinity"]],
    ["a string", "0", TypeError, ["dampening", '"0"']],
    ["null", null, TypeError, ["dampening", "null"]],
  ]],
  ["nesterov", FLAG("nesterov")],
  ["maximize", FLAG("maximize")],
];
const ADAM_OPTIONS: [string, Bad[]][] = [
  ["lr", LR],
  ["eps", nonNegative("eps", "epsilon")],
  ["weightDecay", nonNegative("weightDecay")],
  ["betas", BETAS],
  ["amsgrad", FLAG("amsgrad")],
  ["maximize", FLAG("maximize")],
];

function optionCases(kind: Kind, table: [string, Bad[]][]): Case[] {
  const list = table.flatMap(([key, values]) =>
    values.map(([label, value, error, includes]) => ({
      label: `option ${key} ${label}`,
      call: (ps: Tensor[]) =>
        new (kind === "SGD" ? SGD : kind === "Adam" ? Adam : AdamW)(ps, bad({ [key]: value })),
      error,
      includes,
    }))
  );
  // The same values inside a param group.
  const inGroup = table.flatMap(([key, values]) =>
    values.slice(0, 2).map(([label, value, error, includes]) => ({
      label: `param group option ${key} ${label}`,
      call: (ps: Tensor[]) =>
        make(kind, bad([{ params: ps.slice(0, 1) }, { params: ps.slice(1), [key]: value }])),
      error,
      includes,
    }))
  );
  return withSetup(kind, params, (ps) => capture(ps), [...list, ...inGroup]);
}

/** Unknown keys, misspellings and the options object itself. */
function shapeCases(kind: Kind, keys: string[]): Case[] {
  const ctor = (ps: Tensor[], o: unknown) =>
    new (kind === "SGD" ? SGD : kind === "Adam" ? Adam : AdamW)(ps, bad(o));
  const misspelt: [string, string][] = [
    ["weight_decay", "weightDecay"],
    ["weightdecay", "weightDecay"],
    ["LR", "lr"],
    ["maximise", "maximize"],
  ];
  if (kind === "SGD") misspelt.push(["momentun", "momentum"], ["nesterow", "nesterov"]);
  else misspelt.push(["betas1", "betas"], ["ams_grad", "amsgrad"], ["esp", "eps"]);
  return withSetup(kind, params, (ps) => capture(ps), [
    ...misspelt.map(([wrong, right]) => ({
      label: `misspelt option ${wrong}`,
      call: (ps: Tensor[]) => ctor(ps, { [wrong]: 0.5 }),
      error: TypeError,
      includes: [kind, wrong, `did you mean ${right}?`],
    })),
    {
      label: "an option of another optimizer",
      call: (ps) => ctor(ps, kind === "SGD" ? { betas: [0.9, 0.999] } : { momentum: 0.9 }),
      error: TypeError,
      includes: [kind, "unknown option", kind === "SGD" ? "betas" : "momentum"],
    },
    {
      label: "an unknown option",
      call: (ps) => ctor(ps, { foreach: true }),
      error: TypeError,
      includes: [kind, "foreach", keys[0]!],
    },
    {
      label: "options null",
      call: (ps) => ctor(ps, null),
      error: TypeError,
      includes: [kind, "options", "null"],
    },
    {
      label: "options a number (lr passed positionally)",
      call: (ps) => ctor(ps, 0.1),
      error: TypeError,
      includes: [kind, "options", "0.1"],
    },
    {
      label: "options an array",
      call: (ps) => ctor(ps, [0.1]),
      error: TypeError,
      includes: [kind, "options", "[0.1]"],
    },
    {
      label: "params numbers",
      call: () => ctor(bad([1, 2]), {}),
      error: TypeError,
      includes: ["params", "params[0]=1"],
    },
    {
      label: "params null",
      call: () => ctor(bad(null), {}),
      error: TypeError,
      includes: ["params", "null"],
    },
    {
      label: "params undefined",
      call: () => ctor(bad(undefined), {}),
      error: TypeError,
      includes: ["params", "undefined"],
    },
    {
      label: "params a single Tensor",
      call: (ps) => ctor(bad(ps[0]), {}),
      error: TypeError,
      includes: ["params", "params="],
    },
    {
      label: "params the model itself",
      call: () => ctor(bad(new Linear(2, 2)), {}),
      error: TypeError,
      includes: ["params", "a Module (pass model.parameters())"],
    },
    {
      label: "params the parameters method, not called",
      call: () => ctor(bad(new Linear(2, 2).parameters), {}),
      error: TypeError,
      includes: ["params", "a function"],
    },
    {
      label: "params a string",
      call: () => ctor(bad("w"), {}),
      error: TypeError,
      includes: ["params", '"w"'],
    },
    {
      label: "params empty",
      call: () => ctor([], {}),
      error: RangeError,
      includes: ["empty parameter list", "params=[]"],
    },
    {
      label: "params a Tensor then a number",
      call: (ps) => ctor(bad([ps[0], 3]), {}),
      error: TypeError,
      includes: ["params[1]=3"],
    },
    {
      label: "params a group then a Tensor",
      call: (ps) => ctor(bad([{ params: [ps[0]] }, ps[1]]), {}),
      error: TypeError,
      includes: ["params[1]", "Tensor"],
    },
    {
      label: "a param group null",
      call: (ps) => ctor(bad([{ params: [ps[0]] }, null]), {}),
      error: TypeError,
      includes: ["paramGroups[1]", "null"],
    },
    {
      label: "a param group without params",
      call: () => ctor(bad([{ lr: 0.1 }]), {}),
      error: TypeError,
      includes: ["paramGroups[0].params", "undefined"],
    },
    {
      label: "a param group with empty params",
      call: () => ctor(bad([{ params: [] }]), {}),
      error: RangeError,
      includes: ["empty parameter list", "paramGroups[0].params=[]"],
    },
    {
      label: "a param group with params numbers",
      call: () => ctor(bad([{ params: [0.5] }]), {}),
      error: TypeError,
      includes: ["paramGroups[0].params[0]=0.5"],
    },
    {
      label: "a param group with a snake_case key",
      call: (ps) => ctor(bad([{ params: ps, weight_decay: 0.5 }]), {}),
      error: TypeError,
      includes: ["param group 0", "weight_decay", "did you mean weightDecay?"],
    },
    {
      label: "a param group with an unknown key",
      call: (ps) => ctor(bad([{ params: ps, learningRate: 0.5 }]), {}),
      error: TypeError,
      includes: ["param group 0", "learningRate"],
    },
    {
      label: "a param group with lr null",
      call: (ps) => ctor(bad([{ params: ps, lr: null }]), {}),
      error: TypeError,
      includes: ["param group 0", "lr", "null"],
    },
    {
      label: "a param group with initialLr NaN",
      call: (ps) => ctor(bad([{ params: ps, initialLr: NaN }]), {}),
      error: RangeError,
      includes: ["paramGroups[0].initialLr", "NaN"],
    },
    {
      label: "a non-leaf Tensor (an op's result)",
      call: (ps) => ctor([ps[0]!.mul(2)], {}),
      error: RangeError,
      includes: ["non-leaf", "params[0]", "mul"],
    },
    {
      label: "a parameter in two groups",
      call: (ps) => ctor(bad([{ params: [ps[0]] }, { params: [ps[0]] }]), {}),
      error: RangeError,
      includes: ["more than one parameter group", "paramGroups[1].params[0]"],
    },
  ]);
}

const sgdNesterov: Case[] = withSetup("SGD", params, (ps) => capture(ps), [
  {
    label: "nesterov without momentum",
    call: (ps) => new SGD(ps, { nesterov: true }),
    error: RangeError,
    includes: ["Nesterov", "momentum"],
  },
  {
    label: "nesterov with dampening",
    call: (ps) => new SGD(ps, { nesterov: true, momentum: 0.9, dampening: 0.5 }),
    error: RangeError,
    includes: ["Nesterov", "dampening"],
  },
]);

/** addParamGroup: bad groups leave the optimizer as it was. */
const addGroup: Case[] = withSetup("Optimizer", () => stepped("SGD"), both, [
  {
    label: "addParamGroup with a parameter already in a group",
    call: (f) => f.optimizer.addParamGroup({ params: [f.ps[0]!] }),
    error: RangeError,
    includes: ["more than one parameter group", "paramGroups[1].params[0]"],
  },
  {
    label: "addParamGroup with a snake_case key",
    call: (f) => f.optimizer.addParamGroup(bad({ params: [tensor([1])], weight_decay: 1 })),
    error: TypeError,
    includes: ["param group 1", "weight_decay", "did you mean weightDecay?"],
  },
  {
    label: "addParamGroup with lr -1",
    call: (f) => f.optimizer.addParamGroup({ params: [tensor([1])], lr: -1 }),
    error: RangeError,
    includes: ["learning rate", "-1"],
  },
  {
    label: "addParamGroup with nesterov a string",
    call: (f) => f.optimizer.addParamGroup(bad({ params: [tensor([1])], nesterov: "yes" })),
    error: TypeError,
    includes: ["nesterov", '"yes"'],
  },
  {
    label: "addParamGroup with null",
    call: (f) => f.optimizer.addParamGroup(bad(null)),
    error: TypeError,
    includes: ["paramGroups[1]", "null"],
  },
  {
    label: "addParamGroup with a Tensor instead of a group",
    call: (f) => f.optimizer.addParamGroup(bad(tensor([1]))),
    error: TypeError,
    includes: ["param group 1", "unknown option"],
  },
  {
    label: "addParamGroup with params numbers",
    call: (f) => f.optimizer.addParamGroup(bad({ params: [1, 2] })),
    error: TypeError,
    includes: ["paramGroups[1].params[0]=1"],
  },
]);

/** Saved states edited by `edit` (a JSON copy of the optimizer's own state). */
function loadCases(
  kind: Kind,
  edits: [string, (s: OptimizerState) => unknown, Bad[2], string[]][],
) {
  return withSetup(
    kind,
    () => stepped(kind),
    both,
    edits.map(([label, edit, error, includes]) => ({
      label: `loadStateDict ${label}`,
      call: (f: ReturnType<typeof stepped>) => {
        const state = structuredClone(f.saved) as OptimizerState;
        const replaced = edit(state);
        f.optimizer.loadStateDict(bad(replaced === undefined ? state : replaced));
      },
      error,
      includes,
    })),
  );
}

const st = (s: OptimizerState) => s.state["0"] as Record<string, unknown>;
const g0 = (s: OptimizerState) => s.paramGroups[0] as Record<string, unknown>;

const COMMON: [string, (s: OptimizerState) => unknown, Bad[2], string[]][] = [
  ["null", () => null, TypeError, ["state", "null"]],
  ["a number", () => 3, TypeError, ["state", "=3"]],
  ["an array", () => [], TypeError, ["state", "[]"]],
  ["{}", () => ({}), RangeError, ["parameter groups", "undefined"]],
  ["an extra top-level key", (s) => ({ ...s, version: 2 }), RangeError, ["version"]],
  [
    "two groups for one",
    (s) => {
      s.paramGroups.push(s.paramGroups[0]!);
    },
    RangeError,
    ["parameter groups", "expected 1, got 2"],
  ],
  ["paramGroups null", (s) => ({ ...s, paramGroups: null }), RangeError, ["paramGroups=null"]],
  [
    "a group null",
    (s) => {
      s.paramGroups[0] = null as never;
    },
    TypeError,
    ["paramGroups[0]", "null"],
  ],
  [
    "group lr null (NaN through JSON)",
    (s) => {
      g0(s).lr = null;
    },
    TypeError,
    ["lr", "null"],
  ],
  [
    "group lr negative",
    (s) => {
      g0(s).lr = -1;
    },
    RangeError,
    ["learning rate", "-1"],
  ],
  [
    "group lr a string",
    (s) => {
      g0(s).lr = "0.1";
    },
    TypeError,
    ["lr", '"0.1"'],
  ],
  [
    "group maximize a string",
    (s) => {
      g0(s).maximize = "false";
    },
    TypeError,
    ["maximize", '"false"'],
  ],
  [
    "group without weightDecay",
    (s) => {
      delete g0(s).weightDecay;
    },
    RangeError,
    ["paramGroups[0]", "weightDecay", "another optimizer"],
  ],
  [
    "group with an unknown key",
    (s) => {
      g0(s).foo = 1;
    },
    RangeError,
    ["paramGroups[0]", "foo=1"],
  ],
  [
    "group params of the wrong length",
    (s) => {
      g0(s).params = [0];
    },
    RangeError,
    ["doesn't match", "params=[0]"],
  ],
  [
    "group params not integers",
    (s) => {
      g0(s).params = [0.5, 1];
    },
    RangeError,
    ["params[0]=0.5"],
  ],
  [
    "group params repeated",
    (s) => {
      g0(s).params = [0, 0];
    },
    RangeError,
    ["params[1]=0"],
  ],
  [
    "group params null",
    (s) => {
      g0(s).params = null;
    },
    RangeError,
    ["params=null"],
  ],
  [
    "group initialLr NaN",
    (s) => {
      g0(s).initialLr = Number.NaN;
    },
    RangeError,
    ["initialLr", "NaN"],
  ],
  ["state null", (s) => ({ ...s, state: null }), TypeError, ["state=null"]],
  [
    "state for an unknown parameter",
    (s) => {
      s.state["7"] = s.state["0"]!;
    },
    RangeError,
    ["unknown parameter 7"],
  ],
  [
    "state for parameter -0",
    (s) => {
      s.state["-0"] = s.state["0"]!;
    },
    RangeError,
    ["unknown parameter -0"],
  ],
  [
    "state of a parameter null",
    (s) => {
      s.state["0"] = null as never;
    },
    TypeError,
    ["parameter 0", "null"],
  ],
  [
    "state of a parameter {}",
    (s) => {
      s.state["0"] = {};
    },
    RangeError,
    ['state["0"]', "lacks"],
  ],
  [
    "state with an unknown key",
    (s) => {
      st(s).extra = 1;
    },
    RangeError,
    ['state["0"]', "extra"],
  ],
];

const SGD_LOADS: [string, (s: OptimizerState) => unknown, Bad[2], string[]][] = [
  ...COMMON,
  ["Adam's state", () => stepped("Adam").saved, RangeError, ["betas", "another optimizer"]],
  [
    "momentumBuffer with NaN",
    (s) => {
      (st(s).momentumBuffer as unknown[])[0] = NaN;
    },
    RangeError,
    ['state["0"].momentumBuffer[0]=NaN'],
  ],
  [
    "momentumBuffer with Infinity",
    (s) => {
      (st(s).momentumBuffer as unknown[])[1] = Infinity;
    },
    RangeError,
    ['state["0"].momentumBuffer[1]=Infinity'],
  ],
  [
    "momentumBuffer with null (NaN through JSON)",
    (s) => {
      (st(s).momentumBuffer as unknown[])[0] = null;
    },
    TypeError,
    ['state["0"].momentumBuffer[0]=null'],
  ],
  [
    "momentumBuffer too short",
    (s) => {
      st(s).momentumBuffer = [1];
    },
    RangeError,
    ["momentumBuffer", "length 1", "expected 6"],
  ],
  [
    "momentumBuffer a number",
    (s) => {
      st(s).momentumBuffer = 1;
    },
    TypeError,
    ['state["0"].momentumBuffer=1'],
  ],
  [
    "group nesterov with dampening",
    (s) => {
      g0(s).nesterov = true;
      g0(s).dampening = 0.5;
    },
    RangeError,
    ["Nesterov", "dampening"],
  ],
  [
    "group momentum Infinity",
    (s) => {
      g0(s).momentum = Infinity;
    },
    RangeError,
    ["momentum", "Infinity"],
  ],
];

const ADAM_LOADS = (kind: Kind): [string, (s: OptimizerState) => unknown, Bad[2], string[]][] => [
  ...COMMON,
  ["SGD's state", () => stepped("SGD").saved, RangeError, ["another optimizer"]],
  [
    "step -5",
    (s) => {
      st(s).step = -5;
    },
    RangeError,
    ['state["0"].step', "-5"],
  ],
  [
    "step 1.5",
    (s) => {
      st(s).step = 1.5;
    },
    RangeError,
    ['state["0"].step', "1.5"],
  ],
  [
    "step 0",
    (s) => {
      st(s).step = 0;
    },
    RangeError,
    ['state["0"].step', "=0"],
  ],
  [
    "step a string",
    (s) => {
      st(s).step = "3";
    },
    TypeError,
    ['state["0"].step', '"3"'],
  ],
  [
    "step null",
    (s) => {
      st(s).step = null;
    },
    TypeError,
    ['state["0"].step', "null"],
  ],
  [
    "step Infinity",
    (s) => {
      st(s).step = Infinity;
    },
    RangeError,
    ['state["0"].step', "Infinity"],
  ],
  [
    "expAvg with NaN",
    (s) => {
      (st(s).expAvg as unknown[])[2] = NaN;
    },
    RangeError,
    ['state["0"].expAvg[2]=NaN'],
  ],
  [
    "expAvgSq negative",
    (s) => {
      (st(s).expAvgSq as unknown[])[0] = -1;
    },
    RangeError,
    ['state["0"].expAvgSq[0]=-1'],
  ],
  [
    "maxExpAvgSq -Infinity",
    (s) => {
      (st(s).maxExpAvgSq as unknown[])[0] = -Infinity;
    },
    RangeError,
    ['state["0"].maxExpAvgSq[0]=-Infinity'],
  ],
  [
    "expAvg too long",
    (s) => {
      st(s).expAvg = [0, 0, 0, 0, 0, 0, 0];
    },
    RangeError,
    ["expAvg", "length 7", "expected 6"],
  ],
  [
    "expAvg missing",
    (s) => {
      delete st(s).expAvg;
    },
    RangeError,
    ['state["0"]', "lacks expAvg"],
  ],
  [
    "group betas [1.5, 0.999]",
    (s) => {
      g0(s).betas = [1.5, 0.999];
    },
    RangeError,
    ["beta", "1.5"],
  ],
  [
    "group betas null",
    (s) => {
      g0(s).betas = null;
    },
    TypeError,
    ["betas", "null"],
  ],
  [
    "group amsgrad a string",
    (s) => {
      g0(s).amsgrad = "true";
    },
    TypeError,
    ["amsgrad", '"true"'],
  ],
  [
    "group eps NaN",
    (s) => {
      g0(s).eps = NaN;
    },
    RangeError,
    ["epsilon", "NaN"],
  ],
  ...(kind === "AdamW"
    ? [[
      "group weightDecay -0.01",
      (s: OptimizerState) => {
        g0(s).weightDecay = -0.01;
      },
      RangeError,
      ["weightDecay", "-0.01"],
    ] as [
      string,
      (s: OptimizerState) => unknown,
      Bad[2],
      string[],
    ]]
    : []),
];

export const cases: Case[] = [
  ...optionCases("SGD", SGD_OPTIONS),
  ...optionCases("Adam", ADAM_OPTIONS),
  ...optionCases("AdamW", ADAM_OPTIONS),
  ...shapeCases("SGD", ["lr", "momentum"]),
  ...shapeCases("Adam", ["lr", "betas"]),
  ...shapeCases("AdamW", ["lr", "betas"]),
  ...sgdNesterov,
  ...addGroup,
  ...loadCases("SGD", SGD_LOADS),
  ...loadCases("Adam", ADAM_LOADS("Adam")),
  ...loadCases("AdamW", ADAM_LOADS("AdamW")),
];
