/**
 * The sweep benchmark (issue 8): the Iris study's six settings (tools/iris_study.ts, part A)
 * × 5 seeds, run by `sweep()` on one thread and by `sweepAsync({ workers })` on worker threads,
 * interleaved over `--rounds` rounds (shuffled order each round). Prints the median wall time and
 * the spread over rounds, the process CPU time (every thread) over wall time, the speed-up over
 * the single-threaded sweep, and checks that every round's runs equal the single-threaded ones
 * bit for bit (`assert.deepStrictEqual`: NaN equals NaN, -0 differs from 0).
 *
 * Run: `deno task bench:sweep` (options: `--rounds N`, `--iterations N` per run at most,
 * `--seeds N`, `--workers N`, comma-separated for several worker counts).
 *
 * @module
 */

import assert from "node:assert/strict";
import process from "node:process";
import { parseArgs } from "node:util";
import {
  irisSetup,
  type IrisSetupOptions,
  irisTask,
  sweep,
  sweepAsync,
  type SweepRun,
} from "../lib/train/mod.ts";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";

/** The study's part A: reduction, lr and decay. */
const SETTINGS: Record<string, IrisSetupOptions> = {
  "sum, lr 1e-3, halved every 10k": { reduction: "sum", lr: 1e-3 },
  "sum, lr 1e-3, constant": { reduction: "sum", lr: 1e-3, stepSize: null },
  "sum, lr 5e-2, halved every 10k": { reduction: "sum", lr: 5e-2 },
  "sum, lr 5e-2, constant": { reduction: "sum", lr: 5e-2, stepSize: null },
  "mean, lr 0.12, halved every 10k": { reduction: "mean", lr: 0.12 },
  "mean, lr 0.12, constant": { reduction: "mean", lr: 0.12, stepSize: null },
};

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "3" },
    iterations: { type: "string", default: "50000" },
    seeds: { type: "string", default: "5" },
    workers: { type: "string", default: "2" },
  },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const workerCounts = values.workers.split(",").map(Number);

const entries = Object.entries(SETTINGS).map(([name, o]) => [name, { ...o, iterations }] as const);
const functions = Object.fromEntries(
  entries.map(([name, o]) => [name, (seed: number) => irisSetup({ ...o, seed })]),
);
const tasks = Object.fromEntries(entries.map(([name, o]) => [name, irisTask(o)]));

let reference: SweepRun[] | undefined;
let runIterations = 0;
const cpu: Record<string, number[]> = {};
/** Times one sweep: wall ms; records CPU/wall and checks the runs against the reference. */
async function timed(name: string, sweepIt: () => SweepRun[] | Promise<SweepRun[]>) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const runs = await sweepIt();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  (cpu[name] ??= []).push((used.user + used.system) / 1000 / ms);
  if (reference === undefined) {
    reference = sweep({ configs: functions, seeds });
    runIterations = reference.reduce((s, r) => s + r.iterations, 0);
  }
  assert.deepStrictEqual(runs, reference, `${name}: runs differ from sweep()'s`);
  return ms;
}

const contenders: Record<string, () => Promise<number>> = {
  "sweep() (1 thread)": () =>
    timed("sweep() (1 thread)", () => sweep({ configs: functions, seeds })),
};
for (const n of workerCounts) {
  const name = `sweepAsync({ workers: ${n} })`;
  contenders[name] = () => timed(name, () => sweepAsync({ configs: tasks, seeds, workers: n }));
}

console.log(`# Sweep on every core: ${entries.length} settings × ${seeds.length} seeds, Iris`);
console.log(`${machine()}; Deno ${Deno.version.deno}; load average before: ${loadAverage()}`);
const results = await interleave(
  contenders,
  rounds,
  (r) => console.error(`round ${r + 1}/${rounds} done, load ${loadAverage()}`),
);
console.log(
  `${
    reference!.length
  } runs, ${runIterations} iterations in all (at most ${iterations} per run); ` +
    `${rounds} interleaved rounds; every round's runs equal sweep()'s bit for bit`,
);
console.log("\n| contender | wall s, median (spread) | CPU / wall | speed-up over sweep() |");
console.log("|---|--:|--:|--:|");
const base = summarize(results.get("sweep() (1 thread)")!).median;
for (const [name, times] of results) {
  const s = summarize(times);
  const c = summarize(cpu[name]!);
  console.log(
    `| ${name} | ${(s.median / 1000).toFixed(2)} (${spread(s)}) | ${
      (c.median * 100).toFixed(0)
    }% | ` +
      `${(base / s.median).toFixed(2)}× |`,
  );
}
console.log(`\nload average after: ${loadAverage()}`);
