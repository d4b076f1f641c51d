/**
 * The range-test benchmark (issue 8): one Iris range test repeated over `--seeds` seeds (the
 * spread fastai and Lightning users look at), run by `lrRangeTests()` on the calling thread and
 * by `lrRangeTests({ workers })` on worker threads, interleaved over `--rounds` rounds (shuffled
 * order each round). Prints the median wall time and the spread over rounds, the process CPU
 * time (every thread) over wall time, the speed-up over the calling thread, and checks that every
 * round's results equal `lrRangeTest()`'s, run test by test on this thread, bit for bit
 * (`assert.deepStrictEqual`: NaN equals NaN, -0 differs from 0). Last, what starting the pool
 * costs: two tests of 2 steps on 2 workers against this thread.
 *
 * Run: `deno task bench:ranges` (options: `--rounds N`, `--steps N` per test (comma-separated
 * for several sizes), `--seeds N`, `--workers N`, comma-separated for several worker counts).
 *
 * @module
 */

import assert from "node:assert/strict";
import process from "node:process";
import { parseArgs } from "node:util";
import {
  irisRangeTestRun,
  irisRangeTestTask,
  type IrisRangeTestTaskOptions,
  lrRangeTest,
  type LrRangeTestRun,
  lrRangeTests,
} from "../lib/train/mod.ts";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "5" },
    steps: { type: "string", default: "100,3000" },
    seeds: { type: "string", default: "6" },
    workers: { type: "string", default: "2" },
  },
});
const rounds = Number(values.rounds);
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const workerCounts = values.workers.split(",").map(Number);

console.log(`# Range tests on every core: 1 Iris range test × ${seeds.length} seeds`);
console.log(`${machine()}; Deno ${Deno.version.deno}; load average before: ${loadAverage()}`);

for (const steps of values.steps.split(",").map(Number)) {
  // The full curve every time (no early stop), so that every test does `steps` steps.
  const options: IrisRangeTestTaskOptions = {
    reduction: "mean",
    startLr: 1e-4,
    endLr: 1,
    steps,
    divergeFactor: null,
  };
  const configs = { "iris, mean": irisRangeTestTask(options) };
  const reference: LrRangeTestRun[] = seeds.map((seed) => ({
    name: "iris, mean",
    seed,
    result: lrRangeTest(irisRangeTestRun(seed, options)),
  }));
  const recorded = reference.reduce((s, r) => s + r.result.lr.length, 0);
  const cpu: Record<string, number[]> = {};
  const timed = async (name: string, workers: number) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const runs = await lrRangeTests({ configs, seeds, workers });
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    (cpu[name] ??= []).push((used.user + used.system) / 1000 / ms);
    assert.deepStrictEqual(runs, reference, `${name}: results differ from lrRangeTest()'s`);
    return ms;
  };
  const base = "lrRangeTests() (1 thread)";
  const contenders: Record<string, () => Promise<number>> = { [base]: () => timed(base, 1) };
  for (const n of workerCounts) {
    const name = `lrRangeTests({ workers: ${n} })`;
    contenders[name] = () => timed(name, n);
  }
  const results = await interleave(
    contenders,
    rounds,
    (r) => console.error(`steps ${steps}: round ${r + 1}/${rounds} done, load ${loadAverage()}`),
  );
  console.log(
    `\n## ${steps} steps per test: ${reference.length} tests, ${recorded} steps in all; ` +
      `${rounds} interleaved rounds; every round's results equal lrRangeTest()'s bit for bit`,
  );
  console.log("\n| contender | wall ms, median (spread) | CPU / wall | speed-up over 1 thread |");
  console.log("|---|--:|--:|--:|");
  const one = summarize(results.get(base)!).median;
  for (const [name, times] of results) {
    const s = summarize(times);
    const c = summarize(cpu[name]!);
    console.log(
      `| ${name} | ${s.median.toFixed(0)} (${spread(s)}) | ${(c.median * 100).toFixed(0)}% | ` +
        `${(one / s.median).toFixed(2)}× |`,
    );
  }
}
// What starting the pool costs: two tests of 2 steps, on 2 workers and on this thread.
{
  const configs = { "iris, mean": irisRangeTestTask({ reduction: "mean", steps: 2 }) };
  const startup = await interleave({
    "2 workers": async () => {
      const t0 = performance.now();
      await lrRangeTests({ configs, seeds: [0, 1], workers: 2 });
      return performance.now() - t0;
    },
    "1 thread": async () => {
      const t0 = performance.now();
      await lrRangeTests({ configs, seeds: [0, 1] });
      return performance.now() - t0;
    },
  }, rounds);
  const w = summarize(startup.get("2 workers")!);
  const one = summarize(startup.get("1 thread")!);
  console.log(
    `\nstarting the pool: two tests of 2 steps take ${w.median.toFixed(0)} ms (${spread(w)}) on ` +
      `2 workers, ${one.median.toFixed(0)} ms (${spread(one)}) on this thread`,
  );
}
console.log(`\nload average after: ${loadAverage()}`);
