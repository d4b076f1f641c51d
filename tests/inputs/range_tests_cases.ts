/**
 * Bad-input cases of the range tests on workers (issue 8): `lrRangeTests`, `irisRangeTestTask`
 * and `irisRangeTestRun`.
 *
 * @module
 */

import type { Case } from "./_harness.ts";
import { irisRangeTestRun, irisRangeTestTask, lrRangeTests } from "../../lib/mod.ts";

const task = () => irisRangeTestTask({ steps: 10 });

export const cases: Case[] = [
  {
    export: "lrRangeTests",
    label: "an unknown option",
    call: () => lrRangeTests({ configs: { a: task() }, seeds: [0], worker: 2 } as never),
    error: TypeError,
    includes: ["worker", "workers"],
  },
  {
    export: "lrRangeTests",
    label: "no configuration",
    call: () => lrRangeTests({ configs: {}, seeds: [0] }),
    error: TypeError,
    includes: ["configs", "configs={}"],
  },
  {
    export: "lrRangeTests",
    label: "seeds empty",
    call: () => lrRangeTests({ configs: { a: task() }, seeds: [] }),
    error: RangeError,
    includes: ["seeds", "seeds=[]"],
  },
  {
    export: "lrRangeTests",
    label: "workers 0",
    call: () => lrRangeTests({ configs: { a: task() }, seeds: [0], workers: 0 }),
    error: RangeError,
    includes: ["workers", "workers=0"],
  },
  {
    export: "lrRangeTests",
    label: "a function configuration with workers",
    call: () => lrRangeTests({ configs: { a: () => irisRangeTestRun(0) }, seeds: [0], workers: 2 }),
    error: TypeError,
    includes: ['configs["a"]', "task"],
  },
  {
    export: "lrRangeTests",
    label: "task args that are not JSON",
    call: () => lrRangeTests({ configs: { a: { ...task(), args: { steps: NaN } } }, seeds: [0] }),
    error: TypeError,
    includes: ['configs["a"].args', "NaN"],
  },
  {
    export: "lrRangeTests",
    label: "onProgress not a function",
    call: () => lrRangeTests({ configs: { a: task() }, seeds: [0], onProgress: 1 as never }),
    error: TypeError,
    includes: ["onProgress", "1"],
  },
  {
    export: "lrRangeTests",
    label: "signal not an AbortSignal",
    call: () => lrRangeTests({ configs: { a: task() }, seeds: [0], signal: {} as never }),
    error: TypeError,
    includes: ["signal", "signal={}"],
  },
  {
    export: "lrRangeTests",
    label: "a test's bad option, named with its configuration and seed",
    call: () =>
      lrRangeTests({
        configs: { a: { ...task(), args: { steps: 1 } } },
        seeds: [3],
        workers: 2,
      }),
    error: RangeError,
    includes: ['configs["a"] with seed 3', "steps=1"],
  },
  {
    export: "irisRangeTestTask",
    label: "a seed (each test gets its own)",
    call: () => irisRangeTestTask({ seed: 1 } as never),
    error: TypeError,
    includes: ["seed"],
  },
  {
    export: "irisRangeTestTask",
    label: "endLr below startLr",
    call: () => irisRangeTestTask({ startLr: 1, endLr: 0.5 }),
    error: RangeError,
    includes: ["endLr", "endLr=0.5"],
  },
  {
    export: "irisRangeTestTask",
    label: "validation a string",
    call: () => irisRangeTestTask({ validation: "yes" as never }),
    error: TypeError,
    includes: ["validation", '"yes"'],
  },
  {
    export: "irisRangeTestRun",
    label: "hidden of three widths",
    call: () => irisRangeTestRun(0, { hidden: [4, 4, 4] as never }),
    error: TypeError,
    includes: ["hidden", "hidden=[4,4,4]"],
  },
  {
    export: "irisRangeTestRun",
    label: "mode misspelt",
    call: () => irisRangeTestRun(0, { mode: "exp" as never }),
    error: RangeError,
    includes: ["mode", '"exp"'],
  },
];
