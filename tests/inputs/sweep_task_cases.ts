/**
 * Bad-input cases of the sweep's serialisable configurations (issue 8): `irisTask`, `irisRun`,
 * and `sweepAsync`'s `workers` option and task configurations.
 *
 * @module
 */

import type { Case } from "./_harness.ts";
import { irisRun, irisTask, sweep, sweepAsync } from "../../lib/mod.ts";

const cosine = { type: "CosineAnnealingLR", tMax: 10 };
const task = () => irisTask({ iterations: 10 });

export const cases: Case[] = [
  {
    export: "irisTask",
    label: "a seed (each run gets its own)",
    call: () => irisTask({ seed: 1 } as never),
    error: TypeError,
    includes: ["seed"],
  },
  {
    export: "irisTask",
    label: "lr negative",
    call: () => irisTask({ lr: -1 }),
    error: RangeError,
    includes: ["lr", "-1"],
  },
  {
    export: "irisTask",
    label: "stepSize beside a scheduler spec",
    call: () => irisTask({ stepSize: 5, scheduler: cosine }),
    error: RangeError,
    includes: ["stepSize=5", "scheduler"],
  },
  {
    export: "irisRun",
    label: "gamma beside a scheduler spec",
    call: () => irisRun(0, { gamma: 0.1, scheduler: cosine }),
    error: RangeError,
    includes: ["gamma=0.1", "scheduler"],
  },
  {
    export: "irisRun",
    label: "iterations 0",
    call: () => irisRun(0, { iterations: 0 }),
    error: RangeError,
    includes: ["iterations", "0"],
  },
  {
    export: "sweepAsync",
    label: "workers 0",
    call: () => sweepAsync({ configs: { a: task() }, seeds: [0], workers: 0 }),
    error: RangeError,
    includes: ["workers", "workers=0"],
  },
  {
    export: "sweepAsync",
    label: "a function configuration with workers",
    call: () => sweepAsync({ configs: { a: () => irisRun(0) }, seeds: [0], workers: 2 }),
    error: TypeError,
    includes: ['configs["a"]', "task"],
  },
  {
    export: "sweepAsync",
    label: "task args that are not JSON",
    call: () =>
      sweepAsync({ configs: { a: { ...task(), args: { lr: NaN } } }, seeds: [0], workers: 2 }),
    error: TypeError,
    includes: ['configs["a"].args', "NaN"],
  },
  {
    export: "sweep",
    label: "workers 2 (sweep runs on the calling thread)",
    call: () => sweep({ configs: { a: () => irisRun(0) }, seeds: [0], workers: 2 }),
    error: RangeError,
    includes: ["sweepAsync", "workers=2"],
  },
  {
    export: "sweep",
    label: "a task configuration (its module loads asynchronously)",
    call: () => sweep({ configs: { a: task() }, seeds: [0] }),
    error: TypeError,
    includes: ["sweepAsync", 'configs["a"]'],
  },
];
