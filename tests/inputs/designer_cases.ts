/**
 * Bad-input cases of the schedule designer (`designer`, `Designer`), of `specValues` (the numbers
 * the designer draws) and of `TimmLR` (a timm scheduler stepped like PyTorch's). A failed
 * `TimmLR` leaves the optimizer's groups as they were.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import { Designer, designer, specValues, timm, TimmLR } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
const STEP = { type: "StepLR", stepSize: 2, gamma: 0.5 };

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

/** The same bad arguments for the function and the class. */
const designerRows = (make: (spec: unknown, options?: unknown) => unknown): Row[] => [
  ["spec null", () => make(null), TypeError, ["spec", "null"]],
  ["spec without a type", () => make({ stepSize: 2 }), TypeError, ["spec.type"]],
  ['spec type "StepLr"', () => make({ type: "StepLr", stepSize: 2 }), RangeError, ["StepLr"]],
  ["spec stepSize 0", () => make({ type: "StepLR", stepSize: 0 }), RangeError, ["stepSize", "0"]],
  ["options null", () => make(STEP, null), TypeError, ["options", "null"]],
  ["options step (misspelt)", () => make(STEP, { step: 10 }), TypeError, ["step", "steps"]],
  ["steps 0", () => make(STEP, { steps: 0 }), RangeError, ["steps", "0"]],
  ["steps 2.5", () => make(STEP, { steps: 2.5 }), RangeError, ["steps", "2.5"]],
  ['steps "10"', () => make(STEP, { steps: "10" }), TypeError, ["steps", '"10"']],
  ["lrs []", () => make(STEP, { lrs: [] }), TypeError, ["lrs", "[]"]],
  ["lrs [NaN]", () => make(STEP, { lrs: [NaN] }), RangeError, ["lrs[0]", "NaN"]],
  ['at "x"', () => make(STEP, { at: "x" }), TypeError, ["at", '"x"']],
  ["at [1.5]", () => make(STEP, { at: [1.5] }), RangeError, ["at[0]", "1.5"]],
  ["at [500] past steps", () => make(STEP, { steps: 100, at: [500] }), RangeError, [
    "at[0]",
    "500",
  ]],
  ["compare null", () => make(STEP, { compare: null }), TypeError, ["compare", "null"]],
  ["compare holds a bad spec", () => make(STEP, { compare: { x: { type: "Nope" } } }), RangeError, [
    "Nope",
  ]],
  ['momentum "yes"', () => make(STEP, { momentum: "yes" }), TypeError, ["momentum", '"yes"']],
  ['libraries "cdn"', () => make(STEP, { libraries: "cdn" }), RangeError, ["libraries", '"cdn"']],
];

const timmOptimizer = () => ({ paramGroups: [{ lr: 0.1 }, { lr: 0.05 }] });

export const cases: Case[] = [
  ...rows("designer", designerRows((spec, options) => designer(bad(spec), bad(options)))),
  ...rows("Designer", designerRows((spec, options) => new Designer(bad(spec), bad(options)))),
  ...rows("specValues", [
    ["spec null", () => specValues(bad(null)), TypeError, ["spec", "null"]],
    ['spec type "nope"', () => specValues(bad({ type: "nope" })), RangeError, ["nope"]],
    ["options lr (misspelt)", () => specValues(STEP, bad({ lr: [0.1] })), TypeError, ["lr", "lrs"]],
    ["lrs null", () => specValues(STEP, bad({ lrs: null })), TypeError, ["lrs", "null"]],
    ["lrs [Infinity]", () => specValues(STEP, { lrs: [Infinity] }), RangeError, [
      "lrs[0]",
      "Infinity",
    ]],
    ["steps -1", () => specValues(STEP, { steps: -1 }), RangeError, ["steps", "-1"]],
    ["momentum NaN", () => specValues(STEP, { momentum: NaN }), RangeError, ["momentum", "NaN"]],
    ['metric "1"', () => specValues(STEP, bad({ metric: "1" })), TypeError, ["metric", '"1"']],
  ]),
  ...withSetup("TimmLR", timmOptimizer, (o) => capture(o), [
    {
      label: "timm null",
      call: (o) => new TimmLR(bad(o), bad(null)),
      error: TypeError,
      includes: ["timm", "null"],
    },
    {
      label: "timm a StepLR-like object",
      call: (o) => new TimmLR(bad(o), bad({ optimizer: o, step() {} })),
      error: TypeError,
      includes: ["timm must be a timm scheduler"],
    },
    {
      label: "timm built on another optimizer",
      call: (o) => new TimmLR(bad(o), new timm.StepLRScheduler(timmOptimizer(), { decayT: 2 })),
      error: TypeError,
      includes: ["built on optimizer"],
    },
  ]),
];
