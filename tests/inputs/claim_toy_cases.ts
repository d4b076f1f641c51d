/**
 * Bad-input cases of `claim` (lib/claim.ts) and the toy problem (lib/toy): both merged from
 * other branches after this suite began; written here so that every export has cases.
 *
 * @module
 */

import type { Case } from "./_harness.ts";
import { claim, NoisyQuadratic } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
const toy = () => new NoisyQuadratic({ curvatures: [1, 10], noiseStd: 0.1 });

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

export const cases: Case[] = [
  ...rows("claim", [
    ['statement ""', () => claim("", true), TypeError, ["statement", '""']],
    ["statement 5", () => claim(bad(5), true), TypeError, ["statement", "=5"]],
    ['holds "yes"', () => claim("x", bad("yes")), TypeError, ["holds", '"yes"']],
    ["holds 1", () => claim("x", bad(1)), TypeError, ["holds", "=1"]],
  ]),
  ...rows("NoisyQuadratic", [
    ["options null", () => new NoisyQuadratic(bad(null)), TypeError, ["NoisyQuadratic", "null"]],
    [
      "noise_std (snake_case)",
      () => new NoisyQuadratic(bad({ curvatures: [1], noise_std: 0 })),
      TypeError,
      ["noise_std", "did you mean noiseStd?"],
    ],
    ["a curvature -1", () => new NoisyQuadratic({ curvatures: [1, -1], noiseStd: 0 }), RangeError, [
      "curvatures[1]",
      "-1",
    ]],
    ["no curvatures", () => new NoisyQuadratic({ curvatures: [], noiseStd: 0 }), TypeError, [
      "curvatures",
      "[]",
    ]],
    ["noiseStd NaN", () => new NoisyQuadratic({ curvatures: [1], noiseStd: NaN }), RangeError, [
      "noiseStd",
      "NaN",
    ]],
    ["run with lr -1", () => toy().run(-1, { start: [1, 1], steps: 2 }), RangeError, ["lr", "-1"]],
    [
      "run with a start of the wrong length",
      () => toy().run(0.1, { start: [1], steps: 2 }),
      TypeError,
      ["start", "[1]"],
    ],
    ["run with steps 1.5", () => toy().run(0.1, { start: [1, 1], steps: 1.5 }), RangeError, [
      "steps",
      "1.5",
    ]],
    [
      "run with an unknown option",
      () => toy().run(0.1, bad({ start: [1, 1], steps: 2, sead: 1 })),
      TypeError,
      ["sead", "did you mean seed?"],
    ],
    ["loss at NaN", () => toy().loss([NaN, 0]), RangeError, ["w[0]", "NaN"]],
  ]),
];
