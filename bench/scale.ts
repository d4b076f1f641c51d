/**
 * The scaling benchmark: milliseconds per training step of an MLP (Linear → ReLU → Linear →
 * ReLU → Linear, mean softmax cross-entropy, plain SGD) at four sizes, from the Iris network to
 * 784-512-512-10 on batches of 4096, in anneal (float64 and float32, captured step) and in numpy
 * and PyTorch eager (float64 and float32, 1 and 2 BLAS threads). anneal's float32 run starts from
 * the same data and weights rounded to float32. Every implementation starts from the same
 * deterministic data and weights (closed forms of sin and cos), so the first step's loss agrees
 * across the float64 runs (printed as a check that all do the same work).
 *
 * Each contender is a fresh process that runs every size (one untimed step, then steps for at
 * least `--seconds`, at least 3); contenders run interleaved, in a shuffled order each round, over
 * `--rounds` rounds; the tables give the median ms per step and the spread over rounds, GFLOP/s
 * (matrix-product flops only: 6·B·Σ in·out − 2·B·in₁·out₁ per step) and each contender's time
 * over anneal's. The BLAS is checked and named as in bench/peers.ts (bench/_blas.ts).
 *
 * Run: `deno task bench:scale` (options: `--rounds N`, `--seconds S`, `--sizes` as JSON,
 * `--openblas-core=auto|detected|NAME`).
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../lib/nn/mod.ts";
import { SGD } from "../lib/optim/mod.ts";
import { arena, capture, type DType, tensor } from "../lib/tensor/mod.ts";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";
import { blasProblem, coreOverride, describeBlas, peerEnv, probeBlas } from "./_blas.ts";

const PYTHON = "/usr/bin/python3";

/** [in, hidden, hidden, out, batch]. */
type Size = [number, number, number, number, number];

/** The four sizes. */
export const SIZES: Size[] = [
  [4, 20, 20, 3, 120],
  [64, 128, 128, 10, 256],
  [784, 256, 256, 10, 1024],
  [784, 512, 512, 10, 4096],
];

/** One contender's result at one size. */
interface SizeResult {
  size: Size;
  msPerStep: number;
  /** CPU time of the whole process per step (every thread). */
  cpuMsPerStep: number;
  steps: number;
  loss1: number;
}

/** Matrix-product flops of one training step (forward, ∂W of every layer, ∂x of layers 2, 3). */
export function stepFlops([nIn, h1, h2, nOut, batch]: Size): number {
  const macs = nIn * h1 + h1 * h2 + h2 * nOut;
  return 2 * batch * (3 * macs - nIn * h1);
}

const label = (s: Size) => `${s[0]}-${s[1]}-${s[2]}-${s[3]}, batch ${s[4]}`;

/** anneal's step at one size in `dtype`, captured, timed like bench/scale_peers.py's `timed`. */
export function annealSteps(size: Size, seconds: number, dtype: DType = "float64"): SizeResult {
  const [nIn, h1, h2, nOut, batch] = size;
  // the input in an arena (WebAssembly memory), as lib/train places its batches
  const x = arena(() =>
    tensor(
      Array.from({ length: batch * nIn }, (_, t) => Math.sin(0.5 + t)),
      [batch, nIn],
      { dtype },
    )
  );
  const y = Int32Array.from({ length: batch }, (_, r) => r % nOut);
  const layers = [[nIn, h1], [h1, h2], [h2, nOut]].map(([i, o], li) => {
    const layer = new Linear(i!, o!, { dtype });
    const scale = 1 / Math.sqrt(i!);
    layer.weight.data.set(Array.from({ length: i! * o! }, (_, t) => scale * Math.cos(1 + li + t)));
    layer.bias!.data.set(Array.from({ length: o! }, (_, r) => 0.1 * Math.sin(li + r)));
    return layer;
  });
  const model = new Sequential(layers[0]!, new ReLU(), layers[1]!, new ReLU(), layers[2]!);
  const lossFn = new CrossEntropyLoss();
  const opt = new SGD(model.parameters(), { lr: 0.01 });
  const step = capture(() => {
    opt.zeroGrad();
    const loss = lossFn.forward(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss;
  });
  const loss1 = step().item();
  let steps = 0;
  const t0 = performance.now(), c0 = process.cpuUsage();
  while (steps < 3 || performance.now() - t0 < seconds * 1000) {
    step();
    steps++;
  }
  const cpu = process.cpuUsage(c0);
  return {
    size,
    msPerStep: (performance.now() - t0) / steps,
    cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
    steps,
    loss1,
  };
}

async function run(command: string, args: string[], env?: Record<string, string>) {
  const out = await new Deno.Command(command, {
    args,
    stdout: "piped",
    stderr: "piped",
    ...(env ? { env, clearEnv: true } : {}),
  }).output();
  if (!out.success) {
    throw new Error(
      `${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr).trim().split("\n").at(-1)}`,
    );
  }
  const text = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!;
  return JSON.parse(text) as { results: SizeResult[] };
}

/** A markdown table with the first column left-aligned and the others right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    "| " + r.map((c, i) => i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)).join(" | ") +
    " |";
  const rule = "|" + widths.map((w, i) => "-".repeat(w + 1) + (i === 0 ? "-" : ":")).join("|") +
    "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      rounds: { type: "string", default: "3" },
      seconds: { type: "string", default: "1" },
      sizes: { type: "string", default: JSON.stringify(SIZES) },
      "openblas-core": { type: "string", default: "auto" },
      child: { type: "boolean", default: false },
      dtype: { type: "string", default: "float64" },
    },
  });
  const sizes = JSON.parse(values.sizes!) as Size[];
  const seconds = Number(values.seconds);
  if (values.child) {
    const dtype = values.dtype as DType;
    console.log(JSON.stringify({ results: sizes.map((s) => annealSteps(s, seconds, dtype)) }));
  } else {
    const rounds = Number(values.rounds);
    const loadBefore = loadAverage();
    const cpuinfo = Deno.readTextFileSync("/proc/cpuinfo");
    const here = new URL(".", import.meta.url).pathname;
    const runs = new Map<string, SizeResult[][]>();
    const names: string[] = [];
    const notes: string[] = [];
    const failures: string[] = [];
    const contenders: Record<string, () => Promise<number>> = {};
    const add = (name: string, go: () => Promise<{ results: SizeResult[] }>) => {
      names.push(name);
      runs.set(name, []);
      contenders[name] = async () => {
        runs.get(name)!.push((await go()).results);
        return 0;
      };
    };
    for (const dtype of ["float64", "float32"]) {
      add(`anneal ${dtype} (captured step)`, () =>
        run(Deno.execPath(), [
          "run",
          "--allow-all",
          new URL(import.meta.url).pathname,
          "--child",
          `--sizes=${JSON.stringify(sizes)}`,
          `--seconds=${seconds}`,
          `--dtype=${dtype}`,
        ]));
    }
    const blasLines = new Set<string>();
    for (const framework of ["numpy", "torch"] as const) {
      const detected = await probeBlas(PYTHON, framework, peerEnv(1, null));
      if (typeof detected === "string") {
        failures.push(`${framework}: skipped, ${detected}`);
        continue;
      }
      const problem = blasProblem(framework, detected);
      if (problem !== null) {
        failures.push(problem);
        continue;
      }
      const choice = values["openblas-core"]!;
      const core = choice === "auto"
        ? coreOverride(detected.core, cpuinfo)
        : choice === "detected"
        ? null
        : choice;
      if (core !== null) {
        notes.push(
          `${framework}: OpenBLAS detects kernel ${detected.core} on this CPU; ` +
            `run with OPENBLAS_CORETYPE=${core}, the fastest kernel the CPU supports`,
        );
      }
      for (const threads of [1, 2]) {
        const used = await probeBlas(PYTHON, framework, peerEnv(threads, core));
        blasLines.add(
          `${framework} ${detected.version}: ${
            typeof used === "string" ? used : describeBlas(used)
          }`,
        );
        for (const dtype of ["float64", "float32"]) {
          add(
            `${framework === "numpy" ? "numpy" : "torch"} ${dtype}, ${threads} thread${
              threads === 1 ? "" : "s"
            }`,
            () =>
              run(PYTHON, [
                `${here}scale_peers.py`,
                framework,
                dtype,
                String(threads),
                JSON.stringify(sizes),
                String(seconds),
              ], peerEnv(threads, core)),
          );
        }
      }
    }
    await interleave(contenders, rounds, (r) => console.error(`round ${r + 1}/${rounds}`));

    const cell = (name: string, i: number) =>
      summarize(runs.get(name)!.map((r) => r[i]!.msPerStep));
    const cpuCell = (name: string, i: number) =>
      summarize(runs.get(name)!.map((r) => r[i]!.cpuMsPerStep));
    console.log(
      `MLP training step (Linear-ReLU-Linear-ReLU-Linear, mean cross-entropy, SGD), ms per ` +
        `step: median over ${rounds} rounds (spread), contenders interleaved in shuffled order, ` +
        `each a fresh process timing ≥ ${seconds} s per size.`,
    );
    console.log(
      `Machine: ${machine()}; Deno ${Deno.version.deno}; load average ${loadBefore} before, ` +
        `${loadAverage()} after.`,
    );
    for (const line of blasLines) console.log(`BLAS: ${line}`);
    for (const note of notes) console.log(`Note: ${note}.`);
    for (const failure of failures) console.log(failure);
    console.log("");
    const header = ["contender", ...sizes.map(label)];
    console.log(table(
      header,
      names.map((name) => [
        name,
        ...sizes.map((s, i) => {
          const c = cell(name, i);
          return `${c.median.toPrecision(3)} ms (${spread(c)}), ${
            (stepFlops(s) / c.median / 1e6).toFixed(1)
          } GFLOP/s`;
        }),
      ]),
    ));
    console.log(
      "\nCPU time per step (whole process, every thread: for 2 threads a cost, not a speed):\n",
    );
    console.log(table(
      header,
      names.map((name) => [
        name,
        ...sizes.map((_, i) => {
          const c = cpuCell(name, i);
          return `${c.median.toPrecision(3)} ms (${spread(c)})`;
        }),
      ]),
    ));
    console.log(
      "\nTime per step over anneal's, wall-clock (CPU time in parentheses); below 1: faster " +
        "than anneal:\n",
    );
    const ours = names[0]!;
    console.log(table(
      header,
      names.slice(1).map((name) => [
        name,
        ...sizes.map((_, i) =>
          `${(cell(name, i).median / cell(ours, i).median).toFixed(2)} (${
            (cpuCell(name, i).median / cpuCell(ours, i).median).toFixed(2)
          })`
        ),
      ]),
    ));
    console.log(
      "\nFirst step's loss (float64 runs agree: the same work; float32 runs to about 6 digits):\n",
    );
    console.log(table(
      header,
      names.map((name) => [
        name,
        ...sizes.map((_, i) => runs.get(name)!.at(-1)![i]!.loss1.toPrecision(12)),
      ]),
    ));
    if (failures.some((f) => f.startsWith("FAILED"))) Deno.exit(1);
  }
}
