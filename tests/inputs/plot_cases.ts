/**
 * Bad-input cases of lib/plot: every chart builder's options (unknown keys, null, wrong
 * types), its data, the SVG and HTML exports, Figure, Table and Progress.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import {
  accuracyChart,
  barChart,
  colorAt,
  Figure,
  historyChart,
  lossChart,
  meanStd,
  Progress,
  progress,
  rangeTestChart,
  scatterChart,
  scheduleChart,
  SmallMultiples,
  smallMultiples,
  sweepChart,
  Table,
  table,
  toHtml,
  toSvg,
  trajectoryChart,
} from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const run = () => ({
  iteration: [1, 2, 3],
  loss: [1, 0.5, 0.25],
  trainAccuracy: [0.3, 0.6, 0.9],
  testAccuracy: [0.3, 0.5, 0.8],
  lr: [0.1, 0.1, 0.05],
});
const lrs = [0.1, 0.1, 0.05, 0.05];
const figure = () => scheduleChart(lrs);

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

/** The options checks every chart builder shares. */
function optionCases(
  name: string,
  make: (options: unknown) => unknown,
  snake: [string, string],
): Row[] {
  return [
    ["options null", () => make(null), TypeError, [name, "options", "null"]],
    ["options a string (a title passed positionally)", () => make("Loss"), TypeError, [
      name,
      "options",
      '"Loss"',
    ]],
    [`snake_case key ${snake[0]}`, () => make({ [snake[0]]: true }), TypeError, [
      name,
      snake[0],
      `did you mean ${snake[1]}?`,
    ]],
    ["an unknown key", () => make({ colour: "red" }), TypeError, [
      name,
      "colour",
      "expected one of",
    ]],
    ["title a number", () => make({ title: 5 }), TypeError, ["title", "title=5"]],
    ["title null", () => make({ title: null }), TypeError, ["title", "null"]],
  ];
}

const charts: Case[] = [
  ...rows("scheduleChart", [
    ...optionCases("scheduleChart", (o) => scheduleChart(lrs, bad(o)), ["log_y", "logY"]),
    ['logY "true"', () => scheduleChart(lrs, bad({ logY: "true" })), TypeError, ["logY", '"true"']],
    ["steps 1", () => scheduleChart(lrs, bad({ steps: 1 })), TypeError, ["steps", "=1"]],
    ["x of strings", () => scheduleChart(lrs, bad({ x: ["0", "1", "2", "3"] })), TypeError, [
      "x",
      '["0"',
    ]],
    ["x of the wrong length", () => scheduleChart(lrs, { x: [0, 1] }), RangeError, ["x"]],
    ["groupNames a string", () => scheduleChart(lrs, bad({ groupNames: "a" })), TypeError, [
      "groupNames",
      '"a"',
    ]],
    ["milestones a number", () => scheduleChart(lrs, bad({ milestones: 3 })), TypeError, [
      "milestones",
      "=3",
    ]],
    ["series empty", () => scheduleChart([]), RangeError, ["series", "[]"]],
    ["series {}", () => scheduleChart({}), RangeError, ["series", "{}"]],
    ["series of strings", () => scheduleChart(bad(["0.1"])), TypeError, ["series", '"0.1"']],
    ["ragged groups", () => scheduleChart([[0.1, 0.2], [0.1]]), RangeError, ["series[1]", "[0.1]"]],
  ]),
  ...rows("historyChart", [
    ...optionCases("historyChart", (o) => historyChart(run(), bad(o)), ["log_y", "logY"]),
    [
      'metrics ["accuracy"]',
      () => historyChart(run(), bad({ metrics: ["accuracy"] })),
      RangeError,
      ["metrics[0]", '"accuracy"'],
    ],
    ["metrics []", () => historyChart(run(), { metrics: [] }), RangeError, ["metrics", "[]"]],
    ["histories {}", () => historyChart({}), RangeError, ["histories", "{}"]],
    ["a run that is not a History", () => historyChart({ a: bad(5) }), TypeError, [
      'histories["a"]',
      "=5",
    ]],
    ["loss shorter than iteration", () => historyChart({ ...run(), loss: [1] }), RangeError, [
      "loss",
    ]],
  ]),
  ...rows("lossChart", [
    ...optionCases("lossChart", (o) => lossChart(run(), bad(o)), ["y_title", "yTitle"]),
    ["metrics (fixed for lossChart)", () => lossChart(run(), bad({ metrics: ["lr"] })), TypeError, [
      "lossChart",
      "metrics",
    ]],
  ]),
  ...rows("accuracyChart", [
    ...optionCases("accuracyChart", (o) => accuracyChart(run(), bad(o)), ["x_title", "xTitle"]),
    ["histories null", () => accuracyChart(bad(null)), TypeError, ["null"]],
  ]),
  ...rows("sweepChart", [
    ...optionCases("sweepChart", (o) => sweepChart([{ name: "a", x: [1], runs: [[1]] }], bad(o)), [
      "log_x",
      "logX",
    ]),
    ["series []", () => sweepChart([]), RangeError, ["series", "[]"]],
    ["series null", () => sweepChart(bad(null)), RangeError, ["series", "null"]],
    [
      "a run of the wrong length",
      () => sweepChart([{ name: "a", x: [1, 2], runs: [[1]] }]),
      RangeError,
      ["runs"],
    ],
  ]),
  ...rows("meanStd", [
    ["runs []", () => meanStd([]), RangeError, ["runs", "[]"]],
    ["runs null", () => meanStd(bad(null)), RangeError, ["runs", "null"]],
    ["ragged runs", () => meanStd([[1, 2], [1]]), RangeError, ["runs[1]", "with 1"]],
    ["a run of strings", () => meanStd(bad([["1"]])), TypeError, ["runs[0]", '["1"]']],
  ]),
  ...rows("rangeTestChart", [
    ...optionCases(
      "rangeTestChart",
      (o) => rangeTestChart({ lrs: [0.1, 1], losses: [1, 2] }, bad(o)),
      ["clip_loss", "clipLoss"],
    ),
    [
      "clipLoss -1",
      () => rangeTestChart({ lrs: [0.1, 1], losses: [1, 2] }, { clipLoss: -1 }),
      RangeError,
      ["clipLoss", "-1"],
    ],
    ["an lr of 0", () => rangeTestChart({ lrs: [0, 1], losses: [1, 2] }), RangeError, [
      "result.lrs[0]",
      "=0",
    ]],
    ["losses shorter than lrs", () => rangeTestChart({ lrs: [0.1, 1], losses: [1] }), RangeError, [
      "result.losses",
    ]],
    [
      "suggestedLr NaN",
      () => rangeTestChart({ lrs: [0.1, 1], losses: [1, 2], suggestedLr: NaN }),
      RangeError,
      ["suggestedLr", "NaN"],
    ],
    ["result null", () => rangeTestChart(bad(null)), TypeError, ["result", "null"]],
  ]),
  ...rows("scatterChart", [
    ...optionCases("scatterChart", (o) => scatterChart({ x: [1], y: [2] }, bad(o)), [
      "group_names",
      "groupNames",
    ]),
    ["size 0", () => scatterChart({ x: [1], y: [2] }, { size: 0 }), RangeError, ["size", "=0"]],
    ['size "8"', () => scatterChart({ x: [1], y: [2] }, bad({ size: "8" })), TypeError, [
      "size",
      '"8"',
    ]],
    ["y shorter than x", () => scatterChart({ x: [1, 2], y: [2] }), RangeError, ["points.y"]],
    ["points null", () => scatterChart(bad(null)), TypeError, ["points", "null"]],
  ]),
  ...rows("barChart", [
    ...optionCases("barChart", (o) => barChart({ a: 1 }, bad(o)), ["x_title", "xTitle"]),
    ["color 3", () => barChart({ a: 1 }, bad({ color: 3 })), TypeError, ["color", "=3"]],
    ["a value NaN", () => barChart({ a: NaN }), RangeError, ['values["a"]', "NaN"]],
    ["values {}", () => barChart({}), RangeError, ["values", "{}"]],
    ["values an array", () => barChart(bad([1, 2])), TypeError, ["values", "[1,2]"]],
  ]),
];

const exportsCases: Case[] = [
  ...withSetup("toSvg", figure, (f) => capture(f.toJSON()), [
    {
      label: "width 0",
      call: (f) => toSvg(f, { width: 0 }),
      error: RangeError,
      includes: ["width", "=0"],
    },
    {
      label: "height NaN",
      call: (f) => toSvg(f, { height: NaN }),
      error: RangeError,
      includes: ["height", "NaN"],
    },
    {
      label: 'width "720"',
      call: (f) => toSvg(f, bad({ width: "720" })),
      error: TypeError,
      includes: ["width", '"720"'],
    },
    {
      label: "an unknown option",
      call: (f) => toSvg(f, bad({ scale: 2 })),
      error: TypeError,
      includes: ["toSvg", "scale"],
    },
    {
      label: "options null",
      call: (f) => toSvg(f, bad(null)),
      error: TypeError,
      includes: ["toSvg", "null"],
    },
  ]),
  ...rows("toSvg", [
    ["figure null", () => toSvg(bad(null)), TypeError, ["figure", "null"]],
    ["figure without layout", () => toSvg(bad({ data: [] })), TypeError, ["figure", '{"data":[]}']],
  ]),
  ...rows("toHtml", [
    ["figures []", () => toHtml([]), RangeError, ["figures", "[]"]],
    ["figures null", () => toHtml(bad(null)), TypeError, ["figures", "null"]],
    ["a figure a string", () => toHtml([figure(), bad("fig")]), TypeError, ["figures[1]", '"fig"']],
    ["title 1", () => toHtml(figure(), bad({ title: 1 })), TypeError, ["title", "=1"]],
    ["plotly_js", () => toHtml(figure(), bad({ plotly_js: "" })), TypeError, [
      "plotly_js",
      "did you mean plotlyJs?",
    ]],
    ["width -1", () => toHtml(figure(), { width: -1 }), RangeError, ["width", "-1"]],
  ]),
  ...rows("Figure", [
    ["json null", () => new Figure(bad(null)), TypeError, ["Figure", "json", "null"]],
    ["data not an array", () => new Figure(bad({ data: {}, layout: {} })), TypeError, [
      "Figure",
      "json",
    ]],
    ["layout missing", () => new Figure(bad({ data: [] })), TypeError, ["Figure", "json"]],
  ]),
  ...rows("colorAt", [
    ["i 1.5", () => colorAt(1.5), RangeError, ["i", "1.5"]],
    ["i NaN", () => colorAt(NaN), RangeError, ["i", "NaN"]],
    ['i "1"', () => colorAt(bad("1")), TypeError, ["i", '"1"']],
  ]),
];

const tableCases: Case[] = [
  ...rows("table", [
    ["rows null", () => table(bad(null)), TypeError, ["rows", "null"]],
    ["a row a number", () => table(bad([{ a: 1 }, 2])), TypeError, ["rows", "2"]],
    ["a column that no row has", () => table([{ a: 1 }], { columns: ["b"] }), RangeError, [
      "column",
      '"b"',
    ]],
    ["digits 0", () => table([{ a: 1.5 }], { digits: 0 }), RangeError, ["digits", "=0"]],
    ["digits 2.5", () => table([{ a: 1.5 }], { digits: 2.5 }), RangeError, ["digits", "2.5"]],
    ["caption 3", () => table([{ a: 1 }], bad({ caption: 3 })), TypeError, ["caption", "=3"]],
    ["an unknown option", () => table([{ a: 1 }], bad({ precision: 3 })), TypeError, [
      "table",
      "precision",
    ]],
    ["options null", () => table([{ a: 1 }], bad(null)), TypeError, ["table", "null"]],
  ]),
  ...rows("Table", [
    ["cells null", () => new Table(bad(null)), TypeError, ["Table", "cells", "null"]],
    ["cells rows", () => new Table(bad([{ a: 1 }])), TypeError, ["Table", "cells"]],
    [
      "a caption number",
      () => new Table({ headers: ["a"], body: [["1"]], right: [true] }, bad(1)),
      TypeError,
      ["caption", "=1"],
    ],
  ]),
];

const progressCases: Case[] = [
  ...(["Progress", "progress"] as const).flatMap((name) => {
    const make = (o: unknown) => name === "Progress" ? new Progress(bad(o)) : progress(bad(o));
    return rows(name, [
      ["options null", () => make(null), TypeError, ["options", "null"]],
      ["total 0", () => make({ total: 0 }), RangeError, ["total", "=0"]],
      ["total missing", () => make({}), TypeError, ["total", "undefined"]],
      ["total 10.5", () => make({ total: 10.5 }), RangeError, ["total", "10.5"]],
      ["interval_ms", () => make({ total: 10, interval_ms: 5 }), TypeError, [
        "interval_ms",
        "did you mean intervalMs?",
      ]],
      ["intervalMs -1", () => make({ total: 10, intervalMs: -1 }), RangeError, [
        "intervalMs",
        "-1",
      ]],
      ["every 0", () => make({ total: 10, every: 0 }), RangeError, ["every", "=0"]],
      ["display a string", () => make({ total: 10, display: "yes" }), TypeError, [
        "display",
        '"yes"',
      ]],
      ["now a number", () => make({ total: 10, now: 5 }), TypeError, ["now", "=5"]],
      ["label null", () => make({ total: 10, label: null }), TypeError, ["label", "null"]],
      ["format a function", () => make({ total: 10, format: () => "" }), TypeError, [
        "format",
        "a function",
      ]],
    ]);
  }),
  ...withSetup(
    "Progress",
    () => new Progress({ total: 10, display: () => undefined }),
    (p) => p.text(),
    [
      {
        label: "update iteration -1",
        call: (p) => p.update(-1),
        error: RangeError,
        includes: ["iteration", "-1"],
      },
      {
        label: "update iteration NaN",
        call: (p) => p.update(NaN),
        error: RangeError,
        includes: ["iteration", "NaN"],
      },
      {
        label: "update values null",
        call: (p) => p.update(1, bad(null)),
        error: TypeError,
        includes: ["values", "null"],
      },
      {
        label: 'update a value "0.5"',
        call: (p) => p.update(1, bad({ loss: "0.5" })),
        error: TypeError,
        includes: ["values.loss", '"0.5"'],
      },
      {
        label: "done values a number",
        call: (p) => p.done(bad(3)),
        error: TypeError,
        includes: ["values", "=3"],
      },
    ],
  ),
];

/** Nested data: milestones, series entries, points, range-test results, traces, table cells. */
const nested: Case[] = [
  ...rows("scheduleChart", [
    ["a milestone NaN", () => scheduleChart(lrs, { milestones: [NaN] }), RangeError, [
      "milestones[0]",
      "NaN",
    ]],
    ['a milestone "3"', () => scheduleChart(lrs, bad({ milestones: ["3"] })), TypeError, [
      "milestones[0]",
      '"3"',
    ]],
    ["a milestone null", () => scheduleChart(lrs, bad({ milestones: [1, null] })), TypeError, [
      "milestones[1]",
      "null",
    ]],
    [
      "a milestone with lable",
      () => scheduleChart(lrs, bad({ milestones: [{ x: 1, lable: "a" }] })),
      TypeError,
      ["lable", "did you mean label?"],
    ],
    [
      "a milestone label 3",
      () => scheduleChart(lrs, bad({ milestones: [{ x: 1, label: 3 }] })),
      TypeError,
      ["milestones[0].label", "=3"],
    ],
  ]),
  ...rows("historyChart", [
    ["a milestone null", () => historyChart(run(), bad({ milestones: [null] })), TypeError, [
      "milestones[0]",
      "null",
    ]],
  ]),
  ...rows("sweepChart", [
    ["a series null", () => sweepChart(bad([null])), TypeError, ["series[0]", "null"]],
    ["a series name 5", () => sweepChart(bad([{ name: 5, x: [1], runs: [[1]] }])), TypeError, [
      "series[0].name",
      "=5",
    ]],
    [
      "a series with color",
      () => sweepChart(bad([{ name: "a", x: [1], runs: [[1]], color: "r" }])),
      TypeError,
      ["series[0]", "color"],
    ],
  ]),
  ...rows("scatterChart", [
    ["points with z", () => scatterChart(bad({ x: [1], y: [1], z: [1] })), TypeError, [
      "points",
      "z",
    ]],
    [
      "groups shorter than x",
      () => scatterChart({ x: [1, 2], y: [1, 2], groups: [1] }),
      RangeError,
      ["points.groups"],
    ],
  ]),
  ...rows("rangeTestChart", [
    [
      "result as lrRangeTest names it (lr, loss)",
      () => rangeTestChart(bad({ lr: [0.1], loss: [1] })),
      TypeError,
      ["result", "lr", "did you mean lrs?"],
    ],
  ]),
  ...rows("toSvg", [
    ["a trace null", () => toSvg(bad({ data: [null], layout: {} })), TypeError, [
      "figure.data[0]",
      "null",
    ]],
    ["a trace of type pie", () => toSvg(bad({ data: [{ type: "pie" }], layout: {} })), TypeError, [
      "figure.data[0]",
      "pie",
    ]],
  ]),
  ...rows("table", [
    ["a column twice", () => table([{ a: 1 }], { columns: ["a", "a"] }), RangeError, [
      "columns",
      '["a","a"]',
    ]],
    ["a header a number", () => table([{ a: 1 }], bad({ headers: { a: 5 } })), TypeError, [
      "headers.a",
      "=5",
    ]],
    ["a format not a function", () => table([{ a: 1 }], bad({ format: { a: 5 } })), TypeError, [
      "format.a",
      "=5",
    ]],
    ['digits.a "2"', () => table([{ a: 1 }], bad({ digits: { a: "2" } })), TypeError, [
      "digits.a",
      '"2"',
    ]],
  ]),
  ...rows("scheduleChart", [
    ["series null", () => scheduleChart(bad(null)), TypeError, ["series", "null"]],
    ["series undefined", () => scheduleChart(bad(undefined)), TypeError, ["series", "undefined"]],
  ]),
  ...rows("table", [
    ["rows of arrays", () => table(bad([[1], [2, 3]])), TypeError, ["rows", "[[1],[2,3]]"]],
  ]),
  ...(["smallMultiples", "SmallMultiples"] as const).flatMap((name) => {
    const make = (panels: unknown, options?: unknown) =>
      name === "smallMultiples"
        ? smallMultiples(bad(panels), bad(options))
        : new SmallMultiples(bad(panels), bad(options));
    return rows(name, [
      ["panels null", () => make(null), TypeError, ["panels", "null"]],
      ["panels []", () => make([]), TypeError, ["panels", "[]"]],
      ["a panel a number", () => make([figure(), 3]), TypeError, ["panels[1]", "=3"]],
      ["columns 0", () => make([figure()], { columns: 0 }), RangeError, ["columns", "=0"]],
      ['sharedY "yes"', () => make([figure()], { sharedY: "yes" }), TypeError, [
        "sharedY",
        '"yes"',
      ]],
      ["panelWidth -1", () => make([figure()], { panelWidth: -1 }), RangeError, [
        "panelWidth",
        "-1",
      ]],
      ["panel_height", () => make([figure()], { panel_height: 200 }), TypeError, [
        "panel_height",
        "did you mean panelHeight?",
      ]],
      ["options null", () => make([figure()], null), TypeError, ["options", "null"]],
    ]);
  }),
  ...rows("trajectoryChart", [
    ["runs null", () => trajectoryChart(bad(null)), TypeError, ["runs", "null"]],
    ["runs {}", () => trajectoryChart({}), RangeError, ["runs", "{}"]],
    ["a point [3]", () => trajectoryChart({ a: [[1, 2], [3]] }), TypeError, [
      'runs["a"][1]',
      "[3]",
    ]],
    ["a point NaN", () => trajectoryChart({ a: [[1, NaN]] }), RangeError, [
      'runs["a"][0][1]',
      "NaN",
    ]],
    ["frames 1", () => trajectoryChart({ a: [[1, 2]] }, { frames: 1 }), RangeError, [
      "frames",
      "=1",
    ]],
    ["trail 0", () => trajectoryChart({ a: [[1, 2]] }, { trail: 0 }), RangeError, ["trail", "=0"]],
    [
      "frame_duration",
      () => trajectoryChart({ a: [[1, 2]] }, bad({ frame_duration: 5 })),
      TypeError,
      ["frame_duration", "did you mean frameDuration?"],
    ],
    ["a curve point [1]", () => trajectoryChart({ a: [[1, 2]] }, { curves: [[[1]]] }), TypeError, [
      "curves[0][0]",
      "[1]",
    ]],
    ["title 5", () => trajectoryChart({ a: [[1, 2]] }, bad({ title: 5 })), TypeError, [
      "title",
      "=5",
    ]],
    ["options null", () => trajectoryChart({ a: [[1, 2]] }, bad(null)), TypeError, [
      "trajectoryChart",
      "null",
    ]],
  ]),
  ...rows("progress", [
    [
      "a format not a function",
      () => progress(bad({ total: 10, format: { loss: 5 } })),
      TypeError,
      ["format.loss", "=5"],
    ],
  ]),
];

export const cases: Case[] = [
  ...charts,
  ...exportsCases,
  ...tableCases,
  ...progressCases,
  ...nested,
];
