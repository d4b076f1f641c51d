/**
 * Bad-input cases of lib/spec (schedules as data): the builders (`schedulerFromSpec`,
 * `scheduleFromSpec`), the exporters (`toSpec`, `toPyTorch`, `toOptax`, `toKeras`) and the
 * registry (`registerScheduler`, `registerSchedule`), with bad specs rather than every type
 * (types are registered by other modules and have cases of their own). A failed build leaves
 * the optimizer's groups as they were; a failed registration registers nothing.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import {
  registerSchedule,
  registerScheduler,
  scheduleFromSpec,
  schedulerFromSpec,
  specTypes,
  StepLR,
  toKeras,
  toOptax,
  toPyTorch,
  toSpec,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
type Opt = { paramGroups: { lr: number }[] };
const optimizer = (): Opt => ({ paramGroups: [{ lr: 0.1 }, { lr: 0.05 }] });

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

/** The bad specs every reader of a spec refuses, for `read(spec)`. */
const specRows = (read: (spec: unknown) => unknown): Row[] => [
  ["spec null", () => read(null), TypeError, ["spec", "null"]],
  ['spec a string "StepLR"', () => read("StepLR"), TypeError, ["spec", '"StepLR"']],
  ["spec an array", () => read([{ type: "StepLR", stepSize: 2 }]), TypeError, ["spec"]],
  ["spec without a type", () => read({ stepSize: 2 }), TypeError, ["spec.type", "undefined"]],
  ["type a number", () => read({ type: 3 }), TypeError, ["spec.type", "3"]],
  ['type "StepLr" (misspelt)', () => read({ type: "StepLr", stepSize: 2 }), RangeError, [
    "StepLr",
    "StepLR",
  ]],
];

const steps = (label: string, make: () => unknown, includes: string[]) => ({
  label,
  call: (o: Opt) => schedulerFromSpec(o, bad(make())),
  error: TypeError as typeof TypeError | typeof RangeError,
  includes,
});

const scheduleType = (extra: Record<string, unknown>) =>
  bad({
    type: "zzBadSchedule",
    description: "A case's schedule.",
    options: {},
    create: () => () => 1,
    ...extra,
  });
const schedulerType = (extra: Record<string, unknown>) =>
  bad({
    type: "ZzBadLR",
    description: "A case's scheduler.",
    options: {},
    create: (o: Opt) => new StepLR(o, { stepSize: 1 }),
    matches: () => false,
    read: () => ({}),
    ...extra,
  });
const registered = () => specTypes().schedulers.length + specTypes().schedules.length;

export const cases: Case[] = [
  ...withSetup("schedulerFromSpec", optimizer, (o) => capture(o), [
    ...specRows((spec) => schedulerFromSpec(optimizer(), bad(spec))).map(
      ([label, call, error, includes]) => ({ label, call, error, includes }),
    ),
    {
      label: "optimizer null",
      call: () => schedulerFromSpec(bad(null), { type: "StepLR", stepSize: 2 }),
      error: TypeError,
      includes: ["optimizer", "null"],
    },
    steps("step_size (snake_case)", () => ({ type: "StepLR", step_size: 2 }), [
      "step_size",
      "did you mean stepSize?",
    ]),
    {
      ...steps("stepSize NaN", () => ({ type: "StepLR", stepSize: NaN }), ["stepSize", "NaN"]),
      error: RangeError,
    },
    steps('stepSize a string "2"', () => ({ type: "StepLR", stepSize: "2" }), [
      "stepSize",
      '"2"',
    ]),
    steps("gamma null", () => ({ type: "StepLR", stepSize: 2, gamma: null }), ["gamma", "null"]),
    steps("a pure schedule's type", () => ({ type: "constantSchedule", value: 1 }), [
      "constantSchedule",
    ]),
    steps("SequentialLR with schedulers null", () => ({
      type: "SequentialLR",
      schedulers: null,
      milestones: [2],
    }), ["schedulers", "null"]),
    {
      ...steps("SequentialLR with a nested unknown type", () => ({
        type: "SequentialLR",
        schedulers: [{ type: "StepLR", stepSize: 2 }, { type: "Nope" }],
        milestones: [2],
      }), ["Nope"]),
      error: RangeError,
    },
  ]),
  ...rows("scheduleFromSpec", [
    ...specRows((spec) => scheduleFromSpec(bad(spec))),
    ["a scheduler's type", () => scheduleFromSpec({ type: "StepLR", stepSize: 2 }), TypeError, [
      "StepLR",
      "schedulerFromSpec",
    ]],
  ]),
  ...rows("toSpec", [
    ["null", () => toSpec(bad(null)), TypeError, ["null"]],
    ["a number", () => toSpec(bad(3)), TypeError, ["3"]],
    ["an empty object", () => toSpec(bad({})), TypeError, ["{}"]],
    ["a hand-written function", () => toSpec((step: number) => 0.1 / (step + 1)), TypeError, [
      "hand-written function",
    ]],
  ]),
  ...rows("toPyTorch", [
    ...specRows((spec) => toPyTorch(bad(spec))),
    ["stepSize -1", () => toPyTorch({ type: "StepLR", stepSize: -1 }), RangeError, [
      "stepSize",
      "-1",
    ]],
  ]),
  ...rows("toOptax", [
    ...specRows((spec) => toOptax(bad(spec))),
    [
      "a scheduler without an optax equivalent",
      () => toOptax({ type: "StepLR", stepSize: 2 }),
      TypeError,
      [
        "StepLR",
        "toPyTorch",
      ],
    ],
  ]),
  ...rows("toKeras", [
    ...specRows((spec) => toKeras(bad(spec))),
    ['stepSize a string "2"', () => toKeras(bad({ type: "StepLR", stepSize: "2" })), TypeError, [
      "stepSize",
      '"2"',
    ]],
  ]),
  ...withSetup("registerScheduler", () => undefined, registered, [
    {
      label: "entry null",
      call: () => registerScheduler(bad(null)),
      error: TypeError,
      includes: ["entry", "null"],
    },
    {
      label: "an entry without create",
      call: () => registerScheduler(schedulerType({ create: undefined })),
      error: TypeError,
      includes: ["entry.create", "undefined"],
    },
    {
      label: 'create a string "x"',
      call: () => registerScheduler(schedulerType({ create: "x" })),
      error: TypeError,
      includes: ["entry.create", '"x"'],
    },
    {
      label: "type a number",
      call: () => registerScheduler(schedulerType({ type: 3 })),
      error: TypeError,
      includes: ["type", "3"],
    },
    {
      label: "an unknown key bogus",
      call: () => registerScheduler(schedulerType({ bogus: 1 })),
      error: TypeError,
      includes: ["bogus"],
    },
    {
      label: "a type already registered (StepLR)",
      call: () => registerScheduler(schedulerType({ type: "StepLR" })),
      error: RangeError,
      includes: ["StepLR", "already registered"],
    },
  ]),
  ...withSetup("registerSchedule", () => undefined, registered, [
    {
      label: "entry null",
      call: () => registerSchedule(bad(null)),
      error: TypeError,
      includes: ["entry", "null"],
    },
    {
      label: "an entry without create",
      call: () => registerSchedule(scheduleType({ create: undefined })),
      error: TypeError,
      includes: ["entry.create", "undefined"],
    },
    {
      label: "an unknown key bogus",
      call: () => registerSchedule(scheduleType({ bogus: 1 })),
      error: TypeError,
      includes: ["bogus"],
    },
    {
      label: "a type a scheduler already has (StepLR)",
      call: () => registerSchedule(scheduleType({ type: "StepLR" })),
      error: RangeError,
      includes: ["StepLR", "already registered"],
    },
  ]),
];

/** A spec that contains itself, and one nested 200 levels deep (built in code, not by JSON). */
function cyclic(): Record<string, unknown> {
  const spec: Record<string, unknown> = { type: "SequentialLR", milestones: [2] };
  spec.schedulers = [spec, { type: "StepLR", stepSize: 1 }];
  return spec;
}
function deep(): Record<string, unknown> {
  let spec: Record<string, unknown> = { type: "StepLR", stepSize: 1 };
  for (let i = 0; i < 200; i++) spec = { type: "ChainedScheduler", schedulers: [spec] };
  return spec;
}
const protoSpec = () => JSON.parse('{"type": "StepLR", "stepSize": 2, "__proto__": {"x": 1}}');

cases.push(
  ...withSetup("schedulerFromSpec", optimizer, (o) => capture(o), [
    {
      label: "a spec that contains itself",
      call: (o) => schedulerFromSpec(o, bad(cyclic())),
      error: TypeError,
      includes: ["spec.schedulers[0]", "cycle"],
    },
    {
      label: "a spec nested 200 levels deep",
      call: (o) => schedulerFromSpec(o, bad(deep())),
      error: RangeError,
      includes: ["deeper than 64"],
    },
    {
      label: 'a "__proto__" key from JSON',
      call: (o) => schedulerFromSpec(o, protoSpec()),
      error: TypeError,
      includes: ["__proto__"],
    },
  ]),
  ...rows("scheduleFromSpec", [
    [
      "a spec nested 200 levels deep",
      () => scheduleFromSpec(bad({ type: "joinSchedules", schedules: [deep()], boundaries: [] })),
      RangeError,
      ["deeper than 64"],
    ],
  ]),
  ...rows("toPyTorch", [
    ["a spec that contains itself", () => toPyTorch(bad(cyclic())), TypeError, ["cycle"]],
  ]),
);
