/**
 * The enumerating bad-input suite (issue 7). Every export of `lib/mod.ts` must have cases in a
 * `tests/inputs/*_cases.ts` file (or be listed as input-free below, with a reason), so a new
 * export without cases fails here. Every case must throw its error class with a message naming
 * the argument and the value, and leave its snapshot (model, optimizer, scheduler) unchanged.
 * See `_harness.ts` for the case format.
 */

import assert from "node:assert/strict";
import { type Case, stepCases } from "./_harness.ts";

/** Exports that take no input a caller could get wrong: constants and argument-free calls. */
const INPUT_FREE: Readonly<Record<string, string>> = {
  IRIS_CLASS_NAMES: "a frozen constant array of strings",
  IRIS_FEATURE_NAMES: "a frozen constant array of strings",
  WSD_SHAPES: "a frozen constant list of the WSD decay shapes' names",
  palette: "a frozen constant array of colours",
  jupyterDisplay: 'a constant symbol, Symbol.for("Jupyter.display")',
  defaultRandom: "takes no arguments; returns the global stream",
  loadIris: "takes no arguments; returns a fresh copy of the embedded data",
  isGradEnabled: "takes no arguments; reports the grad mode",
  CHECKPOINT_FORMAT: "a constant string, the checkpoints' format tag",
  emptyHistory: "takes no arguments; returns a fresh empty History",
  loadDigits: "takes no arguments; returns a fresh copy of the embedded data",
  DIGITS_CSV_SHA256: "a constant string, the embedded digits' source checksum",
  EPOCH_DEPRECATION_WARNING: "a constant string, PyTorch's warning text",
  GET_LR_WARNING: "a constant string, PyTorch's warning text",
  STEP_ORDER_WARNING: "a constant string, PyTorch's warning text",
  SPEC_VERSION: "a constant number, the spec format's version",
  specJsonSchema: "takes no arguments; returns a fresh JSON Schema of every registered type",
  specTypes: "takes no arguments; lists the registered spec types",
};

const here = new URL(".", import.meta.url);

async function loadCases(): Promise<Map<string, Case[]>> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(here)) {
    if (entry.isFile && entry.name.endsWith("_cases.ts")) files.push(entry.name);
  }
  files.sort();
  const byFile = new Map<string, Case[]>();
  for (const file of files) {
    const module = await import(new URL(file, here).href);
    assert.ok(Array.isArray(module.cases), `${file} must export cases: Case[]`);
    byFile.set(file, module.cases as Case[]);
  }
  return byFile;
}

const api = await import("../../lib/mod.ts");
const exports = Object.keys(api).sort();
const byFile = await loadCases();
const all = [...byFile.values()].flat();
const covered = new Set(all.map((c) => c.export));

Deno.test("every export of lib/mod.ts has bad-input cases or a reason to have none", () => {
  const missing = exports.filter((name) => !covered.has(name) && !(name in INPUT_FREE));
  assert.ok(missing.length === 0, `exports without cases: ${missing.join(", ")}`);
  const stale = [...covered, ...Object.keys(INPUT_FREE)]
    .filter((name) => !exports.includes(name));
  assert.ok(stale.length === 0, `names that are not exports of lib/mod.ts: ${stale.join(", ")}`);
  const withCases = exports.filter((name) => covered.has(name)).length;
  console.log(
    `tests/inputs: ${all.length} cases in ${byFile.size} files; ${withCases} of ${exports.length} ` +
      `exports have cases, ${Object.keys(INPUT_FREE).length} are input-free`,
  );
});

Deno.test("case labels are unique within an export", () => {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const c of all) {
    const key = `${c.export}: ${c.label}`;
    if (seen.has(key)) duplicates.push(key);
    seen.add(key);
  }
  assert.deepEqual(duplicates, []);
});

for (const [file, cases] of byFile) {
  Deno.test(`${file}: bad input throws a clear error and changes nothing`, async (t) => {
    await stepCases(t, cases);
  });
}
