/**
 * Bad-input cases of lib/notebook: `toPng`, `toBase64` and `kernelShow`. Each throws before it
 * draws, encodes or displays anything.
 *
 * @module
 */

import type { Case } from "./_harness.ts";
import { kernelShow, toBase64, toPng } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
const svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>";

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string[]];
const rows = (name: string, list: Row[]): Case[] =>
  list.map(([label, call, error, includes]) => ({ export: name, label, call, error, includes }));

/** A `Deno.jupyter` stand-in that records what it is asked to display. */
function jupyter() {
  const shown: unknown[] = [];
  return {
    shown,
    display: (value: unknown) => {
      shown.push(value);
      return Promise.resolve();
    },
    broadcast: () => Promise.resolve(),
  };
}

type Jupyter = ReturnType<typeof jupyter>;
const kernel = (label: string, call: (j: Jupyter) => unknown, error: Row[2], includes: string[]) =>
  ({
    export: "kernelShow",
    label,
    setup: jupyter,
    snapshot: (j: Jupyter) => j.shown.length,
    call,
    error,
    includes,
  }) as Case<Jupyter> as Case;

export const cases: Case[] = [
  ...rows("toPng", [
    ["svg null", () => toPng(bad(null)), TypeError, ["svg", "null"]],
    ["svg a number", () => toPng(bad(3)), TypeError, ["svg", "3"]],
    ['svg "not svg"', () => toPng("not svg"), RangeError, ["svg", '"not svg"']],
    ["svg empty", () => toPng(""), RangeError, ["svg", '""']],
    ["width 0", () => toPng(svg, { width: 0 }), RangeError, ["width", "0"]],
    ["width NaN", () => toPng(svg, { width: NaN }), RangeError, ["width", "NaN"]],
    ["width 12.5", () => toPng(svg, { width: 12.5 }), RangeError, ["width", "12.5"]],
    ["width 1e9 (no such image)", () => toPng(svg, { width: 1e9 }), RangeError, [
      "width",
      "1000000000",
    ]],
    ['width a string "300"', () => toPng(svg, { width: bad("300") }), TypeError, [
      "width",
      '"300"',
    ]],
    ["options null", () => toPng(svg, bad(null)), TypeError, ["options", "null"]],
    ["an unknown key height", () => toPng(svg, bad({ height: 3 })), TypeError, ["height"]],
  ]),
  ...rows("toBase64", [
    ["bytes null", () => toBase64(bad(null)), TypeError, ["bytes", "null"]],
    ['bytes a string "abc"', () => toBase64(bad("abc")), TypeError, ["bytes", '"abc"']],
    ["bytes an array of numbers", () => toBase64(bad([1, 2])), TypeError, ["bytes", "[1,2]"]],
    ["bytes a number", () => toBase64(bad(3)), TypeError, ["bytes", "3"]],
    ["bytes a Uint16Array", () => toBase64(bad(new Uint16Array([1000]))), TypeError, [
      "bytes",
      "Uint16Array",
    ]],
    ["bytes an ArrayBuffer", () => toBase64(bad(new ArrayBuffer(2))), TypeError, ["bytes"]],
  ]),
  kernel("jupyter null", () => kernelShow(bad(null)), TypeError, ["jupyter", "null"]),
  kernel("jupyter without display", () => kernelShow(bad({})), TypeError, [
    "display",
    "undefined",
  ]),
  kernel('display a string "x"', (j) => kernelShow(bad({ ...j, display: "x" })), TypeError, [
    "display",
    '"x"',
  ]),
  kernel("timeoutMs 0", (j) => kernelShow(j, { timeoutMs: 0 }), RangeError, ["timeoutMs", "0"]),
  kernel("timeoutMs NaN", (j) => kernelShow(j, { timeoutMs: NaN }), RangeError, [
    "timeoutMs",
    "NaN",
  ]),
  kernel(
    "timeoutMs Infinity (setTimeout would fire at once)",
    (j) => kernelShow(j, { timeoutMs: Infinity }),
    RangeError,
    ["timeoutMs", "Infinity"],
  ),
  kernel("timeoutMs 1e308", (j) => kernelShow(j, { timeoutMs: 1e308 }), RangeError, [
    "timeoutMs",
    "1e+308",
  ]),
  kernel('timeoutMs a string "100"', (j) => kernelShow(j, { timeoutMs: bad("100") }), TypeError, [
    "timeoutMs",
    '"100"',
  ]),
  kernel("options null", (j) => kernelShow(j, bad(null)), TypeError, ["options", "null"]),
  kernel("timeout (misspelt)", (j) => kernelShow(j, bad({ timeout: 3 })), TypeError, [
    "timeout",
    "did you mean timeoutMs?",
  ]),
  kernel("connectionFile a number", (j) => kernelShow(j, bad({ connectionFile: 3 })), TypeError, [
    "connectionFile",
    "3",
  ]),
  {
    export: "kernelShow",
    label: "connectionFile a JSON file without ip and iopub_port",
    setup: () => {
      const file = Deno.makeTempFileSync({ suffix: ".json" });
      Deno.writeTextFileSync(file, JSON.stringify({ transport: "tcp" }));
      return { j: jupyter(), file };
    },
    snapshot: ({ j }: { j: Jupyter }) => j.shown.length,
    call: async ({ j, file }: { j: Jupyter; file: string }) => {
      try {
        await kernelShow(j, { connectionFile: file });
      } finally {
        Deno.removeSync(file);
      }
    },
    error: RangeError,
    includes: ["connectionFile", "iopub_port"],
  } as Case<{ j: Jupyter; file: string }> as Case,
];
