/**
 * Bad-input cases of the seeded random numbers (lib/random.ts): seeds, draws and states. A
 * failed call must leave the stream where it was.
 *
 * @module
 */

import { type Case, withSetup } from "./_harness.ts";
import { manualSeed, Random } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const seeds: Case[] = [
  ["NaN", NaN, RangeError, ["seed", "NaN"]],
  ["Infinity", Infinity, RangeError, ["seed", "Infinity"]],
  ['"1"', "1", TypeError, ["seed", '"1"']],
  ["null", null, TypeError, ["seed", "null"]],
  ["undefined", undefined, TypeError, ["seed", "undefined"]],
  ["an object", { seed: 1 }, TypeError, ["seed", '{"seed":1}']],
].flatMap(([label, seed, error, includes]) =>
  (["Random", "manualSeed"] as const).map((name): Case => ({
    export: name,
    label: `seed ${label}`,
    call: () => name === "Random" ? new Random(bad(seed)) : manualSeed(bad(seed)),
    error: error as typeof TypeError,
    includes: includes as string[],
  }))
);

/** The stream's position: its state and its next draw (taken from a copy). */
const position = (r: Random) => {
  const copy = new Random(0);
  copy.setState(r.state());
  return [r.state(), copy.uniform()];
};
const stream = () => {
  const r = new Random(3);
  r.normal(); // leaves a pending second normal
  return r;
};

const methods: Case[] = withSetup("Random", stream, position, [
  {
    label: "uniform lo NaN",
    call: (r) => r.uniform(NaN, 1),
    error: RangeError,
    includes: ["lo", "NaN"],
  },
  {
    label: "uniform hi Infinity",
    call: (r) => r.uniform(0, Infinity),
    error: RangeError,
    includes: ["hi", "Infinity"],
  },
  {
    label: "uniform lo above hi",
    call: (r) => r.uniform(2, 1),
    error: RangeError,
    includes: ["lo=2", "hi=1"],
  },
  {
    label: 'uniform lo "0"',
    call: (r) => r.uniform(bad("0"), 1),
    error: TypeError,
    includes: ["lo", '"0"'],
  },
  {
    label: "uniform range overflowing",
    call: (r) => r.uniform(-1e308, 1e308),
    error: RangeError,
    includes: ["lo=-1e+308", "hi=1e+308"],
  },
  {
    label: "normal std -1",
    call: (r) => r.normal(0, -1),
    error: RangeError,
    includes: ["std", "-1"],
  },
  {
    label: "normal std NaN",
    call: (r) => r.normal(0, NaN),
    error: RangeError,
    includes: ["std", "NaN"],
  },
  {
    label: 'normal std "1"',
    call: (r) => r.normal(0, bad("1")),
    error: TypeError,
    includes: ["std", '"1"'],
  },
  {
    label: "normal mean -Infinity",
    call: (r) => r.normal(-Infinity, 1),
    error: RangeError,
    includes: ["mean", "-Infinity"],
  },
  { label: "int 0", call: (r) => r.int(0), error: RangeError, includes: ["n", "=0"] },
  { label: "int 2.5", call: (r) => r.int(2.5), error: RangeError, includes: ["n", "2.5"] },
  {
    label: "int Infinity",
    call: (r) => r.int(Infinity),
    error: RangeError,
    includes: ["n", "Infinity"],
  },
  { label: 'int "3"', call: (r) => r.int(bad("3")), error: TypeError, includes: ["n", '"3"'] },
  {
    label: "int 1e308 (beyond the stream's 32 bits)",
    call: (r) => r.int(1e308),
    error: RangeError,
    includes: ["n", "1e+308"],
  },
  {
    label: "shuffle null",
    call: (r) => r.shuffle(bad(null)),
    error: TypeError,
    includes: ["shuffle", "null"],
  },
  {
    label: "shuffle a number",
    call: (r) => r.shuffle(bad(5)),
    error: TypeError,
    includes: ["shuffle", "array=5"],
  },
  {
    label: "setState null",
    call: (r) => r.setState(bad(null)),
    error: TypeError,
    includes: ["state", "null"],
  },
  {
    label: "setState {}",
    call: (r) => r.setState(bad({})),
    error: TypeError,
    includes: ["state lacks lcg"],
  },
  {
    label: "setState lcg 1.5",
    call: (r) => r.setState({ lcg: 1.5, normalX: null, normalR: null }),
    error: RangeError,
    includes: ["state.lcg", "1.5"],
  },
  {
    label: "setState lcg 2**33",
    call: (r) => r.setState({ lcg: 2 ** 33, normalX: null, normalR: null }),
    error: RangeError,
    includes: ["state.lcg", "8589934592"],
  },
  {
    label: 'setState lcg "7"',
    call: (r) => r.setState(bad({ lcg: "7", normalX: null, normalR: null })),
    error: TypeError,
    includes: ["state.lcg", '"7"'],
  },
  {
    label: "setState lcg null",
    call: (r) => r.setState(bad({ lcg: null, normalX: null, normalR: null })),
    error: TypeError,
    includes: ["lcg", "null"],
  },
  {
    label: "setState normalX NaN",
    call: (r) => r.setState({ lcg: 1, normalX: NaN, normalR: 0.5 }),
    error: RangeError,
    includes: ["state.normalX", "NaN"],
  },
  {
    label: "setState normalR 0",
    call: (r) => r.setState({ lcg: 1, normalX: 0.5, normalR: 0 }),
    error: RangeError,
    includes: ["state.normalR", "=0"],
  },
  {
    label: "setState normalR without normalX",
    call: (r) => r.setState({ lcg: 1, normalX: null, normalR: 0.5 }),
    error: RangeError,
    includes: ["state.normalR", "0.5"],
  },
  {
    label: "setState with an unknown key",
    call: (r) => r.setState(bad({ lcg: 1, normalX: null, normalR: null, seed: 1 })),
    error: TypeError,
    includes: ["seed"],
  },
  {
    label: "setState with normal_x (snake_case)",
    call: (r) => r.setState(bad({ lcg: 1, normal_x: null, normalR: null })),
    error: TypeError,
    includes: ["normal_x", "did you mean normalX?"],
  },
]);

export const cases: Case[] = [...seeds, ...methods];
