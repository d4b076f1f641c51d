/**
 * Bad-input cases of lib/data: trainTestSplit (ragged rows, bad labels, NaN features, unknown
 * options), accuracy and argmaxRow. The data passed in must be left as it was.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import { accuracy, argmaxRow, loadIris, Random, tensor, trainTestSplit } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const small = () => ({
  x: [[1, 2], [3, 4], [5, 6], [7, 8]],
  y: [0, 1, 0, 1],
});
type Data = ReturnType<typeof small>;

const splitCases: Case[] = withSetup("trainTestSplit", small, (d) => capture(d), [
  ...([
    ["test_fraction (snake_case)", { test_fraction: 0.5 }, [
      "test_fraction",
      "did you mean testFraction?",
    ]],
    ["testSize (scikit-learn's name)", { testSize: 0.5 }, ["testSize", "testFraction"]],
    ["random_state", { random_state: 1 }, [
      "random_state",
      "expected one of testFraction, seed, rng",
    ]],
    ["Seed", { Seed: 1 }, ["Seed", "did you mean seed?"]],
  ] as const).map(([label, options, includes]) => ({
    label: `unknown option ${label}`,
    call: (d: Data) => trainTestSplit(d, bad(options)),
    error: TypeError,
    includes: [...includes],
  })),
  {
    label: "options null",
    call: (d) => trainTestSplit(d, bad(null)),
    error: TypeError,
    includes: ["options", "null"],
  },
  {
    label: "testFraction null",
    call: (d) => trainTestSplit(d, bad({ testFraction: null })),
    error: TypeError,
    includes: ["testFraction", "null"],
  },
  {
    label: "testFraction 0",
    call: (d) => trainTestSplit(d, { testFraction: 0 }),
    error: RangeError,
    includes: ["testFraction", "=0"],
  },
  {
    label: "testFraction 1",
    call: (d) => trainTestSplit(d, { testFraction: 1 }),
    error: RangeError,
    includes: ["testFraction", "=1"],
  },
  {
    label: "testFraction -0.2",
    call: (d) => trainTestSplit(d, { testFraction: -0.2 }),
    error: RangeError,
    includes: ["testFraction", "-0.2"],
  },
  {
    label: "testFraction NaN",
    call: (d) => trainTestSplit(d, { testFraction: NaN }),
    error: RangeError,
    includes: ["testFraction", "NaN"],
  },
  {
    label: "testFraction 20 (a percentage)",
    call: (d) => trainTestSplit(d, { testFraction: 20 }),
    error: RangeError,
    includes: ["testFraction", "20"],
  },
  {
    label: 'testFraction "0.2"',
    call: (d) => trainTestSplit(d, { testFraction: bad("0.2") }),
    error: TypeError,
    includes: ["testFraction", '"0.2"'],
  },
  {
    label: "testFraction leaving no training rows",
    call: (d) => trainTestSplit(d, { testFraction: 0.9 }),
    error: RangeError,
    includes: ["testFraction=0.9", "no training rows"],
  },
  {
    label: "seed NaN",
    call: (d) => trainTestSplit(d, { seed: NaN }),
    error: RangeError,
    includes: ["seed", "NaN"],
  },
  {
    label: 'seed "1"',
    call: (d) => trainTestSplit(d, { seed: bad("1") }),
    error: TypeError,
    includes: ["seed", '"1"'],
  },
  {
    label: "seed and rng",
    call: (d) => trainTestSplit(d, { seed: 1, rng: new Random(1) }),
    error: TypeError,
    includes: ["seed", "rng", "not both"],
  },
  {
    label: "rng a number",
    call: (d) => trainTestSplit(d, { rng: bad(1) }),
    error: TypeError,
    includes: ["rng", "rng=1"],
  },
  {
    label: "ragged rows",
    call: (d) => trainTestSplit({ ...d, x: [[1, 2], [3], [5, 6], [7, 8]] }),
    error: RangeError,
    includes: ["data.x[1]", "2 features", "with 1"],
  },
  {
    label: "a NaN feature",
    call: (d) => trainTestSplit({ ...d, x: [[1, 2], [3, NaN], [5, 6], [7, 8]] }),
    error: RangeError,
    includes: ["data.x[1][1]", "NaN"],
  },
  {
    label: "an Infinity feature",
    call: (d) => trainTestSplit({ ...d, x: [[1, 2], [3, 4], [Infinity, 6], [7, 8]] }),
    error: RangeError,
    includes: ["data.x[2][0]", "Infinity"],
  },
  {
    label: "a string feature",
    call: (d) => trainTestSplit({ ...d, x: bad([[1, 2], [3, 4], [5, "6"], [7, 8]]) }),
    error: TypeError,
    includes: ["data.x[2][1]", '"6"'],
  },
  {
    label: "a row that is a number",
    call: (d) => trainTestSplit({ ...d, x: bad([[1, 2], 3, [5, 6], [7, 8]]) }),
    error: TypeError,
    includes: ["data.x[1]", "=3"],
  },
  {
    label: "label 0.5",
    call: (d) => trainTestSplit({ ...d, y: [0, 0.5, 0, 1] }),
    error: RangeError,
    includes: ["data.y[1]", "0.5"],
  },
  {
    label: "label -1",
    call: (d) => trainTestSplit({ ...d, y: [0, 1, -1, 1] }),
    error: RangeError,
    includes: ["data.y[2]", "-1"],
  },
  {
    label: "label NaN",
    call: (d) => trainTestSplit({ ...d, y: [NaN, 1, 0, 1] }),
    error: RangeError,
    includes: ["data.y[0]", "NaN"],
  },
  {
    label: 'label "setosa"',
    call: (d) => trainTestSplit({ ...d, y: bad(["setosa", 1, 0, 1]) }),
    error: TypeError,
    includes: ["data.y[0]", '"setosa"'],
  },
  {
    label: "fewer labels than rows",
    call: (d) => trainTestSplit({ ...d, y: [0, 1] }),
    error: RangeError,
    includes: ["4 rows", "2 labels"],
  },
  {
    label: "one row",
    call: () => trainTestSplit({ x: [[1]], y: [0] }),
    error: RangeError,
    includes: ["at least 2 rows", "got 1"],
  },
  {
    label: "no rows",
    call: () => trainTestSplit({ x: [], y: [] }),
    error: RangeError,
    includes: ["at least 2 rows", "got 0"],
  },
  {
    label: "data null",
    call: () => trainTestSplit(bad(null)),
    error: TypeError,
    includes: ["data", "null"],
  },
  {
    label: "data an array of rows",
    call: (d) => trainTestSplit(bad(d.x)),
    error: TypeError,
    includes: ["data", "[[1,2]"],
  },
  {
    label: "data.x a Tensor",
    call: (d) => trainTestSplit(bad({ x: tensor(d.x), y: d.y })),
    error: TypeError,
    includes: ["data", "x"],
  },
]);

const accuracyCases: Case[] = [
  ["labels null", () => accuracy([0], bad(null)), TypeError, ["labels", "null"]],
  ["labels a number", () => accuracy([0], bad(1)), TypeError, ["labels", "labels=1"]],
  ["label 0.5", () => accuracy([0, 1], [0, 0.5]), RangeError, ["labels[1]", "0.5"]],
  ["label -1", () => accuracy([0, 1], [-1, 1]), RangeError, ["labels[0]", "-1"]],
  ["label NaN", () => accuracy([0, 1], [0, NaN]), RangeError, ["labels[1]", "NaN"]],
  ['label "1"', () => accuracy([0, 1], bad([0, "1"])), TypeError, ["labels[1]", '"1"']],
  ["predictions null", () => accuracy(bad(null), [0]), TypeError, ["predictions", "null"]],
  ['predictions "01"', () => accuracy(bad("01"), [0, 1]), TypeError, ["predictions", '"01"']],
  ["predicted class 0.5", () => accuracy([0.5, 1], [0, 1]), TypeError, ["predictions[0]", "0.5"]],
  ["predicted class NaN", () => accuracy([NaN, 1], [0, 1]), TypeError, ["predictions[0]", "NaN"]],
  ["ragged score rows", () => accuracy([[1, 0], [1]], [0, 1]), RangeError, [
    "predictions[1]",
    "[1]",
  ]],
  ["an empty score row", () => accuracy([[], []], [0, 1]), RangeError, ["predictions[0]", "[]"]],
  ["a string score", () => accuracy(bad([[1, "0"]]), [0]), TypeError, ["predictions[0][1]", '"0"']],
  ["more predictions than labels", () => accuracy([[1, 0]], [0, 1]), RangeError, [
    "1 predictions",
    "2 labels",
  ]],
  ["no labels", () => accuracy([], []), RangeError, ["no labels"]],
  ["a 3-D tensor", () => accuracy(tensor([[[1]]]), [0]), RangeError, ["predictions", "[1, 1, 1]"]],
].map(([label, call, error, includes]) => ({
  export: "accuracy",
  label: label as string,
  call: call as () => unknown,
  error: error as typeof TypeError,
  includes: includes as string[],
}));

const argmaxCases: Case[] = [
  ["scores null", () => argmaxRow(bad(null), 0, 1), TypeError, ["scores", "null"]],
  ["offset -1", () => argmaxRow([1, 2], -1, 2), RangeError, ["offset", "-1"]],
  ["offset 0.5", () => argmaxRow([1, 2], 0.5, 1), RangeError, ["offset", "0.5"]],
  ['offset "0"', () => argmaxRow([1, 2], bad("0"), 1), TypeError, ["offset", '"0"']],
  ["classes 0", () => argmaxRow([1, 2], 0, 0), RangeError, ["classes=0"]],
  ["classes NaN", () => argmaxRow([1, 2], 0, NaN), RangeError, ["classes", "NaN"]],
  ["a row past the end", () => argmaxRow([1, 2, 3], 2, 2), RangeError, [
    "offset=2",
    "classes=2",
    "length 3",
  ]],
  ["scores of rows", () => argmaxRow(bad([[1], [2, 3]]), 0, 2), TypeError, ["scores[0]", "[1]"]],
  ['a score "2"', () => argmaxRow(bad([1, "2"]), 0, 2), TypeError, ["scores[1]", '"2"']],
].map(([label, call, error, includes]) => ({
  export: "argmaxRow",
  label: label as string,
  call: call as () => unknown,
  error: error as typeof TypeError,
  includes: includes as string[],
}));

/** The embedded data set is a fresh copy: a bad split of it leaves the next load intact. */
const irisCase: Case[] = withSetup("trainTestSplit", loadIris, (d) => capture(d.x, d.y), [
  {
    label: "Iris with a NaN planted in row 77",
    call: (d) => {
      d.x[77]![2] = NaN;
      try {
        trainTestSplit(d);
      } finally {
        d.x[77]![2] = loadIris().x[77]![2]!;
      }
    },
    error: RangeError,
    includes: ["data.x[77][2]", "NaN"],
  },
]);

export const cases: Case[] = [...splitCases, ...accuracyCases, ...argmaxCases, ...irisCase];
