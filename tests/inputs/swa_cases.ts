/**
 * Bad-input cases of the weight averaging in lib/optim (PyTorch's `swa_utils`): AveragedModel
 * and the averaging functions. A failed call leaves the averaged copy and the model alone.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import {
  AveragedModel,
  getEmaAvgFn,
  getEmaMultiAvgFn,
  getSwaAvgFn,
  Linear,
  Random,
  zeros,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
const model = () => new Linear(2, 2, { rng: new Random(0) });

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

const decays = (name: string, make: (d: unknown) => unknown): Case[] =>
  rows(name, [
    ["decay 1.5", () => make(1.5), RangeError, ["decay", "1.5"]],
    ["decay -0.1", () => make(-0.1), RangeError, ["decay", "-0.1"]],
    ["decay NaN", () => make(NaN), RangeError, ["decay", "NaN"]],
    ['decay "0.9"', () => make("0.9"), TypeError, ["decay", '"0.9"']],
    ["decay null", () => make(null), TypeError, ["decay", "null"]],
  ]);

export const cases: Case[] = [
  ...decays("getEmaAvgFn", (d) => getEmaAvgFn(bad(d))),
  ...decays("getEmaMultiAvgFn", (d) => getEmaMultiAvgFn(bad(d))),
  ...rows("getSwaAvgFn", [
    ["shapes that differ", () => getSwaAvgFn()(zeros([2]), zeros([3]), 1), RangeError, [
      "[2]",
      "[3]",
    ]],
    ["numAveraged -1", () => getSwaAvgFn()(zeros([2]), zeros([2]), -1), RangeError, [
      "numAveraged",
      "-1",
    ]],
    ["numAveraged 0.5", () => getSwaAvgFn()(zeros([2]), zeros([2]), 0.5), RangeError, [
      "numAveraged",
      "0.5",
    ]],
    ['numAveraged "1"', () => getSwaAvgFn()(zeros([2]), zeros([2]), bad("1")), TypeError, [
      "numAveraged",
      '"1"',
    ]],
  ]),
  ...rows("getEmaAvgFn", [
    ["shapes that differ", () => getEmaAvgFn(0.9)(zeros([2]), zeros([3]), 1), RangeError, [
      "[2]",
      "[3]",
    ]],
  ]),
  ...withSetup("AveragedModel", model, (m) => capture(m), [
    {
      label: "model null",
      call: () => new AveragedModel(bad(null)),
      error: TypeError,
      includes: ["model", "null"],
    },
    {
      label: "model a Tensor",
      call: () => new AveragedModel(bad(zeros([2]))),
      error: TypeError,
      includes: ["model", "a Tensor of shape [2]"],
    },
    {
      label: "avg_fn (snake_case)",
      call: (m) => new AveragedModel(m, bad({ avg_fn: getSwaAvgFn() })),
      error: TypeError,
      includes: ["avg_fn", "did you mean avgFn?"],
    },
    {
      label: "avgFn and multiAvgFn",
      call: (m) => new AveragedModel(m, { avgFn: getSwaAvgFn(), multiAvgFn: getEmaMultiAvgFn() }),
      error: TypeError,
      includes: ["avgFn", "multiAvgFn"],
    },
    {
      label: "avgFn 3",
      call: (m) => new AveragedModel(m, bad({ avgFn: 3 })),
      error: TypeError,
      includes: ["avgFn", "=3"],
    },
    {
      label: 'useBuffers "no"',
      call: (m) => new AveragedModel(m, bad({ useBuffers: "no" })),
      error: TypeError,
      includes: ["useBuffers", '"no"'],
    },
    {
      label: "options null",
      call: (m) => new AveragedModel(m, bad(null)),
      error: TypeError,
      includes: ["AveragedModel", "null"],
    },
  ]),
  ...withSetup(
    "AveragedModel",
    () => ({ m: model(), swa: new AveragedModel(model()) }),
    (f) => capture(f.m, f.swa),
    [
      {
        label: "updateParameters with null",
        call: (f) => f.swa.updateParameters(bad(null)),
        error: TypeError,
        includes: ["model", "null"],
      },
      {
        label: "updateParameters with another shape",
        call: (f) => f.swa.updateParameters(new Linear(3, 2)),
        error: RangeError,
        includes: ["[2, 2]", "[2, 3]"],
      },
      {
        label: "updateParameters with a parameter array",
        call: (f) => f.swa.updateParameters(bad(f.m.parameters())),
        error: TypeError,
        includes: ["model"],
      },
    ],
  ),
];
