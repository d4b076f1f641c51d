/**
 * Bad-input cases of the LR finder (lib/train): `lrRangeTest` and the suggestion rules it
 * shares with fastai and Lightning (`fastaiCurve`, `minimumSuggestion`, `steepSuggestion`,
 * `valleySuggestion`, `slideSuggestion`, `lightningSuggestion`). A failed range test leaves the
 * model, optimizer and random stream as they were.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import {
  fastaiCurve,
  irisSetup,
  lightningSuggestion,
  lrRangeTest,
  minimumSuggestion,
  slideSuggestion,
  steepSuggestion,
  valleySuggestion,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const lrs = Array.from({ length: 30 }, (_, i) => 10 ** (i / 5 - 4));
const losses = lrs.map((_, i) => 2 - Math.sin(i / 10));
const with0 = (xs: readonly number[], v: unknown) => [v, ...xs.slice(1)] as number[];

type Rule = (lrs: readonly number[], losses: readonly number[]) => unknown;
type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

/** The curve cases every rule shares. */
function curveCases(name: string, rule: Rule): Case[] {
  return rows(name, [
    ["lrs null", () => rule(bad(null), losses), TypeError, ["lrs", "null"]],
    ['losses a string "abc"', () => rule(lrs, bad("abc")), TypeError, ["losses", '"abc"']],
    ["losses a Float64Array", () => rule(lrs, bad(new Float64Array(losses))), TypeError, [
      "losses",
      "Float64Array",
    ]],
    ["one loss fewer than lrs", () => rule(lrs, losses.slice(1)), RangeError, [
      "lrs.length=30",
      "losses.length=29",
    ]],
    ["lrs[0] NaN", () => rule(with0(lrs, NaN), losses), RangeError, ["lrs[0]", "NaN"]],
    ["lrs[0] -1", () => rule(with0(lrs, -1), losses), RangeError, ["lrs[0]", "-1"]],
    ["lrs[0] 0", () => rule(with0(lrs, 0), losses), RangeError, ["lrs[0]", "0"]],
    ['lrs[0] a string "1"', () => rule(with0(lrs, "1"), losses), TypeError, ["lrs[0]", '"1"']],
    ['losses[0] a string "1"', () => rule(lrs, with0(losses, "1")), TypeError, [
      "losses[0]",
      '"1"',
    ]],
    ["lrs decreasing", () => rule([...lrs].reverse(), losses), RangeError, [
      "increasing",
      "lrs[1]",
    ]],
  ]);
}

/** fastai's rules take a curve cut at its first NaN: a NaN loss is an error, not a minimum. */
const noNaN = (name: string, rule: Rule): Case[] =>
  rows(name, [
    ["losses[3] NaN", () => rule(lrs, losses.map((v, i) => (i === 3 ? NaN : v))), RangeError, [
      "losses[3]",
      "NaN",
    ]],
    ["an empty curve", () => rule([], []), RangeError, ["at least", "got 0"]],
  ]);

type Setup = ReturnType<typeof irisSetup>;
const fixture = (): Setup => irisSetup({ seed: 0 });
const state = (s: Setup) => [capture(s.model, s.optimizer), s.rng.state()];
const run = (s: Setup, extra: Record<string, unknown>) =>
  lrRangeTest(bad({ ...s, data: s.split, steps: 20, ...extra }));

export const cases: Case[] = [
  ...curveCases("minimumSuggestion", minimumSuggestion),
  ...noNaN("minimumSuggestion", minimumSuggestion),
  ...curveCases("steepSuggestion", steepSuggestion),
  ...noNaN("steepSuggestion", steepSuggestion),
  ...curveCases("valleySuggestion", valleySuggestion),
  ...noNaN("valleySuggestion", valleySuggestion),
  ...curveCases("slideSuggestion", (a, b) => slideSuggestion(a, b)),
  ...noNaN("slideSuggestion", (a, b) => slideSuggestion(a, b)),
  ...rows("slideSuggestion", [
    ["options null", () => slideSuggestion(lrs, losses, bad(null)), TypeError, [
      "options",
      "null",
    ]],
    ["lr_diff (snake_case)", () => slideSuggestion(lrs, losses, bad({ lr_diff: 5 })), TypeError, [
      "lr_diff",
      "did you mean lrDiff?",
    ]],
    ["lrDiff 0", () => slideSuggestion(lrs, losses, { lrDiff: 0 }), RangeError, ["lrDiff", "0"]],
    ["thresh NaN", () => slideSuggestion(lrs, losses, { thresh: NaN }), RangeError, [
      "thresh",
      "NaN",
    ]],
    ["adjustValue -1", () => slideSuggestion(lrs, losses, { adjustValue: -1 }), RangeError, [
      "adjustValue",
      "-1",
    ]],
    [
      "fewer points than lrDiff + 1",
      () => slideSuggestion(lrs, losses, { lrDiff: 40 }),
      RangeError,
      [
        "at least 41",
        "got 30",
      ],
    ],
  ]),
  ...curveCases("lightningSuggestion", (a, b) => lightningSuggestion(a, b)),
  ...rows("lightningSuggestion", [
    ["options null", () => lightningSuggestion(lrs, losses, bad(null)), TypeError, [
      "options",
      "null",
    ]],
    [
      "skip_begin (snake_case)",
      () => lightningSuggestion(lrs, losses, bad({ skip_begin: 1 })),
      TypeError,
      [
        "skip_begin",
        "did you mean skipBegin?",
      ],
    ],
    ["skipBegin -1", () => lightningSuggestion(lrs, losses, { skipBegin: -1 }), RangeError, [
      "skipBegin",
      "-1",
    ]],
    ["skipEnd 1.5", () => lightningSuggestion(lrs, losses, { skipEnd: 1.5 }), RangeError, [
      "skipEnd",
      "1.5",
    ]],
  ]),
  ...curveCases("fastaiCurve", (a, b) => fastaiCurve(a, b, 30)),
  ...rows("fastaiCurve", [
    ["numIt 0", () => fastaiCurve(lrs, losses, 0), RangeError, ["numIt", "0"]],
    ["numIt NaN", () => fastaiCurve(lrs, losses, NaN), RangeError, ["numIt", "NaN"]],
    ['numIt a string "30"', () => fastaiCurve(lrs, losses, bad("30")), TypeError, [
      "numIt",
      '"30"',
    ]],
  ]),
  ...withSetup("lrRangeTest", fixture, state, [
    {
      label: "options null",
      call: () => lrRangeTest(bad(null)),
      error: TypeError,
      includes: ["options", "null"],
    },
    {
      label: "start_lr (snake_case)",
      call: (s) => run(s, { start_lr: 1e-4 }),
      error: TypeError,
      includes: ["start_lr", "did you mean startLr?"],
    },
    {
      label: "num_iter (torch-lr-finder's name)",
      call: (s) => run(s, { num_iter: 50 }),
      error: TypeError,
      includes: ["num_iter"],
    },
    {
      label: "startLr 0",
      call: (s) => run(s, { startLr: 0 }),
      error: RangeError,
      includes: ["startLr", "0"],
    },
    {
      label: "startLr NaN",
      call: (s) => run(s, { startLr: NaN }),
      error: RangeError,
      includes: ["startLr", "NaN"],
    },
    {
      label: "endLr below startLr",
      call: (s) => run(s, { startLr: 1, endLr: 0.1 }),
      error: RangeError,
      includes: ["startLr=1", "endLr=0.1"],
    },
    {
      label: "endLr Infinity",
      call: (s) => run(s, { endLr: Infinity }),
      error: RangeError,
      includes: ["endLr", "Infinity"],
    },
    {
      label: "steps 1",
      call: (s) => run(s, { steps: 1 }),
      error: RangeError,
      includes: ["steps", "1"],
    },
    {
      label: "steps 2.5",
      call: (s) => run(s, { steps: 2.5 }),
      error: RangeError,
      includes: ["steps", "2.5"],
    },
    {
      label: 'mode "exp"',
      call: (s) => run(s, { mode: "exp" }),
      error: RangeError,
      includes: ["mode", '"exp"'],
    },
    {
      label: "smoothing 1",
      call: (s) => run(s, { smoothing: 1 }),
      error: RangeError,
      includes: ["smoothing", "1"],
    },
    {
      label: "divergeFactor 0.5",
      call: (s) => run(s, { divergeFactor: 0.5 }),
      error: RangeError,
      includes: ["divergeFactor", "0.5"],
    },
    {
      label: 'suggestion "Valley"',
      call: (s) => run(s, { suggestion: "Valley" }),
      error: RangeError,
      includes: ["suggestion", '"Valley"'],
    },
    {
      label: "skipBegin -1",
      call: (s) => run(s, { skipBegin: -1 }),
      error: RangeError,
      includes: ["skipBegin", "-1"],
    },
    {
      label: "optimizer null",
      call: (s) => run(s, { optimizer: null }),
      error: TypeError,
      includes: ["optimizer", "null"],
    },
    {
      label: "an optimizer built on another model (it would train nothing)",
      call: (s) => run(s, { optimizer: irisSetup({ seed: 1 }).optimizer }),
      error: RangeError,
      includes: ["optimizer.paramGroups[0].params[0]", "another model"],
    },
    {
      label: "data.xTrain null",
      call: (s) => run(s, { data: { xTrain: null, yTrain: s.split.yTrain } }),
      error: TypeError,
      includes: ["data.xTrain", "null"],
    },
    {
      label: "validationData with a label 7 (Iris has 3 classes)",
      call: (s) =>
        run(s, {
          validationData: { xTest: s.split.xTest, yTest: s.split.yTest.map(() => 7) },
        }),
      error: RangeError,
      includes: ["7"],
    },
  ]),
];
