/**
 * Times one full-batch Iris training step (4→20→ReLU→20→ReLU→3, batch 120, summed softmax
 * cross-entropy, SGD lr 1e-3, PyNet's 0.01·N(0, 1) init: the seed's setup), eagerly and through
 * `capture`, and reports the heap growth over 10,000 captured steps.
 *
 * Run: `deno run --v8-flags=--expose-gc bench/iris_step_timing.ts [iterations]`
 * CPU µs (process user + system time) are robust when other processes share the cores.
 *
 * With `--baseline DIR` (the root of another checkout, which has this file too) it instead
 * compares the two libraries' captured steps in one process: 15 rounds, each timing 2,000 steps
 * of both in alternating order, then the median CPU µs per step of each and the median of the
 * per-round ratios (the pairing cancels most of the load from other processes).
 *
 * @module
 */

import process from "node:process";
import { loadIris } from "../lib/data/iris.ts";
import { CrossEntropyLoss, Linear, pynetInit_, ReLU, Sequential } from "../lib/nn/mod.ts";
import { SGD } from "../lib/optim/mod.ts";
import { Random } from "../lib/random.ts";
import { capture, tensor } from "../lib/tensor/mod.ts";

/** A fresh model, optimizer and step function on 120 shuffled Iris rows. */
export function irisStep(): () => { item(): number } {
  const rng = new Random(0);
  const iris = loadIris();
  const rows = rng.shuffle(iris.x.map((_, i) => i)).slice(0, 120);
  const x = tensor(rows.map((i) => iris.x[i]!), [120, 4]);
  const y = Int32Array.from(rows, (i) => iris.y[i]!);
  const layers = [new Linear(4, 20), new Linear(20, 20), new Linear(20, 3)];
  for (const layer of layers) pynetInit_(layer, { rng });
  const model = new Sequential(layers[0]!, new ReLU(), layers[1]!, new ReLU(), layers[2]!);
  const lossFn = new CrossEntropyLoss({ reduction: "sum" });
  const opt = new SGD(model.parameters(), { lr: 1e-3 });
  return () => {
    opt.zeroGrad();
    const loss = lossFn.forward(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss;
  };
}

function time(label: string, step: () => unknown, iterations: number): void {
  for (let i = 0; i < 2000; i++) step();
  const t0 = performance.now(), c0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) step();
  const wall = (performance.now() - t0) * 1000 / iterations;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / iterations;
  console.log(
    `${label}: ${wall.toFixed(1)} µs/iteration wall, ${
      cpu.toFixed(1)
    } µs CPU (${iterations} iterations)`,
  );
}

/** CPU µs per call of `step` over `iterations` calls. */
function cpuMicros(step: () => unknown, iterations: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) step();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / iterations;
}

/** Captured steps of this library and of the checkout at `dir`, interleaved over 15 rounds. */
async function compare(dir: string): Promise<void> {
  const root = new URL(dir.replace(/\/?$/, "/"), `file://${Deno.cwd()}/`);
  const other = await import(new URL("bench/iris_step_timing.ts", root).href) as {
    irisStep: typeof irisStep;
  };
  const otherTensor = await import(new URL("lib/tensor/mod.ts", root).href) as {
    capture: typeof capture;
  };
  const ours = capture(irisStep()), theirs = otherTensor.capture(other.irisStep());
  for (let i = 0; i < 2000; i++) ours(), theirs();
  const a: number[] = [], b: number[] = [], ratio: number[] = [];
  for (let round = 0; round < 15; round++) {
    let x: number, y: number;
    if (round % 2 === 0) {
      x = cpuMicros(ours, 2000);
      y = cpuMicros(theirs, 2000);
    } else {
      y = cpuMicros(theirs, 2000);
      x = cpuMicros(ours, 2000);
    }
    a.push(x);
    b.push(y);
    ratio.push(y / x);
  }
  const median = (list: number[]) => list.toSorted((p, q) => p - q)[list.length >> 1]!;
  const range = (list: number[]) =>
    `${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)}`;
  console.log(
    `captured Iris step, CPU µs (median of 15 rounds of 2,000 steps): this ${
      median(a).toFixed(1)
    }, baseline ${median(b).toFixed(1)}; baseline / this ${median(ratio).toFixed(2)} (rounds ${
      range(ratio)
    })`,
  );
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--baseline");
  if (at >= 0) {
    await compare(Deno.args[at + 1]!);
    Deno.exit(0);
  }
  const iterations = Number(Deno.args[0] ?? 20000);
  time("eager   ", irisStep(), Math.ceil(iterations / 4));
  const captured = capture(irisStep());
  time("captured", captured, iterations);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = Deno.memoryUsage().heapUsed;
  for (let i = 0; i < 10000; i++) captured();
  const growth = Deno.memoryUsage().heapUsed - before;
  console.log(
    `heap growth over 10,000 captured steps: ${growth} bytes${
      gc ? "" : " (run with --v8-flags=--expose-gc to collect first)"
    }`,
  );
}
