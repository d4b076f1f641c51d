/**
 * The peer benchmark: the seed's Iris training (25,500 iterations, full batch of 120, summed
 * cross-entropy, SGD lr 1e-3 halved every 10,000 iterations, evaluation every 500) in our library,
 * in numpy, and in PyTorch eager (float64 and float32), from the same split and the same initial
 * weights (exported to the peers as JSON). Every run is a fresh process, timed from its first
 * training iteration to its last (no warm-up for anyone); the contenders run interleaved, in a
 * shuffled order each round, over several rounds. Prints one table: median µs per iteration and
 * its spread over the rounds, the peer's median over ours, the loss of iteration 100 (equal to
 * ~10 digits everywhere: the same work) and the final loss (which drifts apart: this training is
 * chaotic, rounding differences grow once the loss breaks out of its plateau near iteration 250).
 *
 * Before timing anything it asks numpy and torch which BLAS they run (bench/_blas.ts): a peer on
 * the reference BLAS fails loudly with the install command (`apt-get install
 * libopenblas0-pthread`) instead of being timed, and where OpenBLAS does not recognise the CPU
 * and falls back to its generic kernels, the peers run with the best kernel the CPU supports
 * (named in the output; `--openblas-core=detected` keeps the fallback, `--openblas-core=NAME`
 * forces one). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peers' environment;
 * the peers run on 1 thread, as ours.
 *
 * Mini-batch rows (issue 8): the digits (1797 × 64, features / 16, split 80/20 by `seed`), the MLP
 * 64 → 32 → ReLU → 10 with PyTorch's default init (`Linear` on `Random(seed)`), mean
 * cross-entropy, SGD lr 0.1, `--epochs` epochs on the rows in order (`shuffle: false`: the same
 * batch order everywhere), accuracy of both sets after every epoch, at each batch size of
 * `--batch-sizes` (default 32,128), in ours (captured), numpy (bench/peers_minibatch_numpy.py) and
 * PyTorch float64 and float32 (bench/peers_minibatch_torch.py), interleaved with the Iris rows;
 * one table per batch size. The loss of step 100 agrees across the float64 runs (the same work).
 *
 * Run: `deno task bench:peers` (options: `--rounds N`, `--seed N`, `--iterations N`,
 * `--ours-only`, `--openblas-core=auto|detected|NAME`, `--batch-sizes 32,128` or `none`,
 * `--epochs N`). The Python peers run with
 * /usr/bin/python3 (numpy, torch); a missing one is skipped with a message. Wall times depend on
 * what else the machine runs: the header gives the load average before and after.
 *
 * @module
 */

import process from "node:process";
import { irisSetup, train, type TrainOptions } from "../lib/train/mod.ts";
import { loadDigits, type TrainTestSplit, trainTestSplit } from "../lib/data/mod.ts";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../lib/nn/mod.ts";
import { SGD } from "../lib/optim/mod.ts";
import { Random } from "../lib/random.ts";
import { parseArgs } from "node:util";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";
import {
  blasProblem,
  type BlasReport,
  coreOverride,
  describeBlas,
  peerEnv,
  probeBlas,
} from "./_blas.ts";

/** One row of the table: one run of one contender. */
export interface PeerResult {
  name: string;
  seconds: number;
  /** CPU time of the whole process over the same span (user + system, every thread). */
  cpuSeconds: number;
  iterations: number;
  loss: number;
  loss100: number;
  trainAccuracy: number;
  testAccuracy: number;
  peakRssMb?: number;
  blas?: BlasReport;
}

const PYTHON = "/usr/bin/python3";

/** The setup the peers read: split, initial weights in PyTorch's layout, and the schedule. */
function exportSetup(seed: number, iterations: number) {
  const setup = irisSetup({ seed, stopAt: null, iterations });
  const state = setup.model.stateDict();
  const layers = ["0", "2", "4"].map((i) => {
    const w = state[`${i}.weight`]!, b = state[`${i}.bias`]!;
    const [out, inp] = w.shape as [number, number];
    return {
      weight: Array.from({ length: out }, (_, r) => w.data.slice(r * inp, (r + 1) * inp)),
      bias: b.data,
    };
  });
  const { xTrain, yTrain, xTest, yTest } = setup.split;
  return {
    seed,
    iterations,
    evalEvery: 500,
    reduction: "sum",
    lr: 1e-3,
    stepSize: 10_000,
    gamma: 0.5,
    xTrain,
    yTrain,
    xTest,
    yTest,
    layers,
  };
}

/** The mini-batch rows' training: digits / 16, 64 → 32 → ReLU → 10, mean CE, SGD lr 0.1. */
export function digitsSetup(
  seed: number,
  batchSize: number,
  epochs: number,
): TrainOptions & { model: Sequential; data: TrainTestSplit } {
  const digits = loadDigits();
  const scaled = { ...digits, x: digits.x.map((row) => row.map((v) => v / 16)) };
  const data = trainTestSplit(scaled, { testFraction: 0.2, seed });
  const rng = new Random(seed);
  const model = new Sequential(
    new Linear(64, 32, { rng }),
    new ReLU(),
    new Linear(32, 10, { rng }),
  );
  const optimizer = new SGD(model.parameters(), { lr: 0.1 });
  return {
    model,
    loss: new CrossEntropyLoss(),
    optimizer,
    data,
    epochs,
    batchSize,
    shuffle: false,
    evalEvery: "epoch",
  };
}

/** The mini-batch setup the peers read: split, initial weights (PyTorch layout), batches. */
export function exportDigits(seed: number, batchSize: number, epochs: number) {
  const setup = digitsSetup(seed, batchSize, epochs);
  const state = setup.model.stateDict();
  const layers = ["0", "2"].map((i) => {
    const w = state[`${i}.weight`]!, b = state[`${i}.bias`]!;
    const [out, inp] = w.shape as [number, number];
    return {
      weight: Array.from(
        { length: out },
        (_, r) => Array.from(w.data.slice(r * inp, (r + 1) * inp)),
      ),
      bias: Array.from(b.data),
    };
  });
  const { xTrain, yTrain, xTest, yTest } = setup.data;
  return { seed, lr: 0.1, batchSize, epochs, xTrain, yTrain, xTest, yTest, layers };
}

/** Runs the mini-batch training in this process (the child mode) and returns its row. */
export function runDigits(seed: number, batchSize: number, epochs: number): PeerResult {
  const setup = digitsSetup(seed, batchSize, epochs);
  let loss100 = NaN;
  const t0 = performance.now(), c0 = process.cpuUsage();
  const result = train({
    ...setup,
    onProgress: (i, loss) => {
      if (i === 100) loss100 = loss;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return {
    name: "anneal (captured step)",
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    iterations: result.iteration,
    loss: result.loss,
    loss100,
    trainAccuracy: result.trainAccuracy,
    testAccuracy: result.testAccuracy,
    peakRssMb: peakRssMb(),
  };
}

/** Peak resident memory of this process (Linux VmHWM), in MB, or NaN elsewhere. */
function peakRssMb(): number {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Runs our training in this process (the child mode) and returns its row. */
function runOurs(seed: number, iterations: number, capture: boolean): PeerResult {
  const setup = irisSetup({ seed, stopAt: null, iterations });
  let loss100 = NaN;
  const t0 = performance.now(), c0 = process.cpuUsage();
  const result = train({
    ...setup,
    capture,
    onProgress: (i, loss) => {
      if (i === 100) loss100 = loss;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return {
    name: `anneal (${capture ? "captured step" : "eager"})`,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    iterations: result.iteration,
    loss: result.loss,
    loss100,
    trainAccuracy: result.trainAccuracy,
    testAccuracy: result.testAccuracy,
    peakRssMb: peakRssMb(),
  };
}

/**
 * Heap bytes our training allocates per iteration, with and without the StepLR scheduler: the
 * heap growth of a long run minus that of a short one (run with a young generation large enough
 * that no garbage collection happens in between).
 */
function allocationPerIteration(seed: number): { withScheduler: number; withoutScheduler: number } {
  const measure = (iterations: number, scheduled: boolean) => {
    const setup = irisSetup({ seed, stopAt: null, stepSize: scheduled ? 10_000 : null });
    train({ ...setup, iterations: 2000 }); // compile first
    const before = Deno.memoryUsage().heapUsed;
    train({ ...setup, iterations, evalEvery: 1e9 });
    return Deno.memoryUsage().heapUsed - before;
  };
  const perIteration = (scheduled: boolean) => {
    measure(5000, scheduled);
    return (measure(25_000, scheduled) - measure(5000, scheduled)) / 20_000;
  };
  const withoutScheduler = perIteration(false);
  return { withScheduler: perIteration(true), withoutScheduler };
}

async function runChild(
  command: string,
  args: string[],
  env?: Record<string, string>,
): Promise<PeerResult | string> {
  try {
    await Deno.stat(command);
  } catch {
    return `skipped: ${command} not found`;
  }
  const out = await new Deno.Command(command, {
    args,
    stdout: "piped",
    stderr: "piped",
    ...(env ? { env, clearEnv: true } : {}),
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "";
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").at(-1);
    return `skipped: ${args.find((a) => a.endsWith(".py")) ?? command} failed (${err})`;
  }
  return JSON.parse(text) as PeerResult;
}

/** One contender: its label, the BLAS it runs (or a blank), and its runs over the rounds. */
interface Row {
  name: string;
  blas: string;
  runs: PeerResult[];
  failure?: string;
}

function printTable(rows: Row[], ours: Row): void {
  const header = [
    "implementation",
    "BLAS",
    "µs/iter (median)",
    "spread",
    "time vs anneal",
    "CPU µs/iter",
    "spread ",
    "CPU time vs anneal",
    "loss @100",
    "final loss",
  ];
  const perIteration = (r: Row) => summarize(r.runs.map((x) => x.seconds / x.iterations * 1e6));
  const cpuPerIteration = (r: Row) =>
    summarize(r.runs.map((x) => x.cpuSeconds / x.iterations * 1e6));
  const oursMedian = perIteration(ours).median, oursCpu = cpuPerIteration(ours).median;
  const table = rows.map((r) => {
    if (r.failure !== undefined || r.runs.length === 0) {
      return [r.name, r.blas, r.failure ?? "no runs", "", "", "", "", "", "", ""];
    }
    const s = perIteration(r), c = cpuPerIteration(r);
    const last = r.runs.at(-1)!;
    return [
      r.name,
      r.blas,
      s.median.toFixed(1),
      spread(s),
      (s.median / oursMedian).toFixed(2),
      c.median.toFixed(1),
      spread(c),
      (c.median / oursCpu).toFixed(2),
      (last.loss100 ?? NaN).toPrecision(12),
      last.loss.toPrecision(6),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    "| " + row.map((c, i) => i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)).join(" | ") +
    " |";
  console.log(line(header));
  console.log(
    "|" + widths.map((w, i) => "-".repeat(w + 1) + (i < 2 ? "-" : ":")).join("|") + "|",
  );
  for (const row of table) console.log(line(row));
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      seed: { type: "string", default: "3" },
      iterations: { type: "string", default: "25500" },
      rounds: { type: "string", default: "5" },
      "ours-only": { type: "boolean", default: false },
      "openblas-core": { type: "string", default: "auto" },
      "batch-sizes": { type: "string", default: "32,128" },
      epochs: { type: "string", default: "50" },
      child: { type: "string" },
    },
  });
  const seed = Number(values.seed), iterations = Number(values.iterations);
  const epochs = Number(values.epochs);
  const batchSizes = values["batch-sizes"] === "none"
    ? []
    : values["batch-sizes"]!.split(",").map(Number);
  if (values.child?.startsWith("digits-")) {
    console.log(JSON.stringify(runDigits(seed, Number(values.child.slice(7)), epochs)));
  } else if (values.child === "allocation") {
    console.log(JSON.stringify(allocationPerIteration(seed)));
  } else if (values.child !== undefined) {
    console.log(JSON.stringify(runOurs(seed, iterations, values.child === "captured")));
  } else {
    const rounds = Number(values.rounds);
    const self = new URL(import.meta.url).pathname;
    const here = new URL(".", import.meta.url).pathname;
    const loadBefore = loadAverage();
    const setupPath = await Deno.makeTempFile({ prefix: "anneal_peers_", suffix: ".json" });
    await Deno.writeTextFile(setupPath, JSON.stringify(exportSetup(seed, iterations)));
    const deno = Deno.execPath();
    const ourArgs = (mode: string) => [
      "run",
      "--allow-all", // reading /proc/self/status (peak memory) needs it
      self,
      `--seed=${seed}`,
      `--iterations=${iterations}`,
      `--child=${mode}`,
    ];
    const captured: Row = { name: "anneal (captured step)", blas: "none (WebAssembly)", runs: [] };
    const eager: Row = { name: "anneal (eager autograd)", blas: "none (WebAssembly)", runs: [] };
    const rows: Row[] = [captured, eager];
    const contenders: Record<string, () => Promise<number>> = {
      captured: async () => {
        const r = await runChild(deno, ourArgs("captured"));
        if (typeof r === "string") throw new Error(`our run failed: ${r}`);
        captured.runs.push(r);
        return r.seconds;
      },
      eager: async () => {
        const r = await runChild(deno, ourArgs("eager"));
        if (typeof r === "string") throw new Error(`our run failed: ${r}`);
        eager.runs.push(r);
        return r.seconds;
      },
    };
    // The mini-batch rows: one setup file, one table and one anneal contender per batch size.
    const minibatch = await Promise.all(batchSizes.map(async (batchSize) => {
      const path = await Deno.makeTempFile({ prefix: "anneal_peers_mb_", suffix: ".json" });
      await Deno.writeTextFile(path, JSON.stringify(exportDigits(seed, batchSize, epochs)));
      const ours: Row = { name: "anneal (captured step)", blas: "none (WebAssembly)", runs: [] };
      return { batchSize, path, ours, rows: [ours] };
    }));
    for (const mb of minibatch) {
      contenders[`anneal-mb${mb.batchSize}`] = async () => {
        const r = await runChild(deno, [
          ...ourArgs(`digits-${mb.batchSize}`),
          `--epochs=${epochs}`,
        ]);
        if (typeof r === "string") throw new Error(`our run failed: ${r}`);
        mb.ours.runs.push(r);
        return r.seconds;
      };
    }
    const notes: string[] = [];
    if (!values["ours-only"]) {
      const cpuinfo = Deno.readTextFileSync("/proc/cpuinfo");
      const peers = [
        { key: "numpy", framework: "numpy" as const, script: "peers_numpy.py", extra: [] },
        {
          key: "torch64",
          framework: "torch" as const,
          script: "peers_torch.py",
          extra: ["float64"],
        },
        {
          key: "torch32",
          framework: "torch" as const,
          script: "peers_torch.py",
          extra: ["float32"],
        },
      ];
      for (const peer of peers) {
        const detected = await probeBlas(PYTHON, peer.framework, peerEnv(1, null));
        const label = peer.framework === "numpy"
          ? "numpy, float64"
          : `PyTorch eager, ${peer.extra[0]}, 1 thread`;
        if (typeof detected === "string") {
          rows.push({ name: label, blas: "", runs: [], failure: `skipped: ${detected}` });
          for (const mb of minibatch) mb.rows.push(rows.at(-1)!);
          continue;
        }
        const problem = blasProblem(peer.framework, detected);
        if (problem !== null) {
          rows.push({ name: label, blas: describeBlas(detected), runs: [], failure: problem });
          for (const mb of minibatch) mb.rows.push(rows.at(-1)!);
          console.error(problem);
          continue;
        }
        const choice = values["openblas-core"]!;
        const core = choice === "auto"
          ? coreOverride(detected.core, cpuinfo)
          : choice === "detected"
          ? null
          : choice;
        if (core !== null && peer.key !== "torch32") {
          notes.push(
            `${peer.framework}: OpenBLAS detects kernel ${detected.core} on this CPU; ` +
              `run with OPENBLAS_CORETYPE=${core}, the fastest kernel the CPU supports`,
          );
        }
        const env = peerEnv(1, core);
        const used = await probeBlas(PYTHON, peer.framework, env);
        const row: Row = {
          name: `${label} (${detected.version})`,
          blas: typeof used === "string" ? used : describeBlas(used),
          runs: [],
        };
        rows.push(row);
        contenders[peer.key] = async () => {
          const r = await runChild(
            PYTHON,
            [`${here}${peer.script}`, setupPath, ...peer.extra],
            env,
          );
          if (typeof r === "string") {
            row.failure = r;
            return NaN;
          }
          row.runs.push(r);
          return r.seconds;
        };
        const mbScript = peer.script.replace("peers_", "peers_minibatch_");
        for (const mb of minibatch) {
          const mbRow: Row = { name: row.name, blas: row.blas, runs: [] };
          mb.rows.push(mbRow);
          contenders[`${peer.key}-mb${mb.batchSize}`] = async () => {
            const r = await runChild(PYTHON, [`${here}${mbScript}`, mb.path, ...peer.extra], env);
            if (typeof r === "string") {
              mbRow.failure = r;
              return NaN;
            }
            mbRow.runs.push(r);
            return r.seconds;
          };
        }
      }
    }
    await interleave(contenders, rounds, (round) => console.error(`round ${round + 1}/${rounds}`));
    const allocation = await new Deno.Command(deno, {
      args: [
        "run",
        "--allow-all",
        "--v8-flags=--min-semi-space-size=128,--max-semi-space-size=128",
        self,
        "--child=allocation",
      ],
      stdout: "piped",
    }).output();
    const bytes = JSON.parse(new TextDecoder().decode(allocation.stdout)) as {
      withScheduler: number;
      withoutScheduler: number;
    };
    await Deno.remove(setupPath);
    for (const mb of minibatch) await Deno.remove(mb.path);
    console.log(
      `Iris, seed ${seed}, ${iterations} iterations: full batch 120, summed cross-entropy, ` +
        `SGD lr 1e-3 halved every 10,000, evaluation every 500; one fresh process per run, ` +
        `${rounds} rounds, contenders interleaved in shuffled order.`,
    );
    console.log(
      `Machine: ${machine()}; Deno ${Deno.version.deno}; load average ${loadBefore} before, ` +
        `${loadAverage()} after.`,
    );
    for (const note of notes) console.log(`Note: ${note}.`);
    console.log();
    printTable(rows, captured);
    for (const mb of minibatch) {
      const steps = mb.ours.runs[0]?.iterations ?? NaN;
      console.log(
        `\nMini-batch: digits / 16 (1437 train rows), 64-32-10, mean cross-entropy, SGD lr 0.1, ` +
          `batch ${mb.batchSize} in order (the same batches everywhere), ${epochs} epochs = ` +
          `${steps} steps, accuracy of both sets after every epoch.\n`,
      );
      printTable(mb.rows, mb.ours);
    }
    const peak = (r: Row) => Math.max(...r.runs.map((x) => x.peakRssMb ?? NaN)).toFixed(1);
    console.log(
      `\nours, peak RSS of the whole Deno process (VmHWM): captured ${peak(captured)} MB, ` +
        `eager ${peak(eager)} MB`,
    );
    console.log(
      `ours, heap allocated per training iteration (captured step, no evaluation): ${
        bytes.withoutScheduler.toFixed(1)
      } B without a scheduler, ${bytes.withScheduler.toFixed(1)} B with StepLR`,
    );
    if (rows.some((r) => r.failure?.startsWith("FAILED"))) Deno.exit(1);
  }
}
