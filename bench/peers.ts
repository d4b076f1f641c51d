/**
 * The peer benchmark: the seed's Iris training (25,500 iterations, full batch of 120, summed
 * cross-entropy, SGD lr 1e-3 halved every 10,000 iterations, evaluation every 500) in our library,
 * in numpy, and in PyTorch eager (float64 and float32), from the same split and the same initial
 * weights (exported to the peers as JSON). Every implementation runs in a fresh process, timed
 * from its first training iteration to its last (no warm-up for anyone). Prints one table: wall
 * time, µs per iteration, the peer's time over ours, the loss of iteration 100 (equal to ~10
 * digits everywhere: the same work) and the final loss (which drifts apart: this training is
 * chaotic, rounding differences grow once the loss breaks out of its plateau near iteration 250).
 *
 * Run: `deno task bench:peers` (options: `--seed N`, `--iterations N`, `--ours-only`).
 * The Python peers run with /usr/bin/python3 (numpy, torch); a missing one is skipped with a
 * message. Wall times depend on what else the machine runs: run it on a quiet machine.
 *
 * @module
 */

import { irisSetup, train } from "../lib/train/mod.ts";
import { parseArgs } from "node:util";

/** One row of the table. */
interface PeerResult {
  name: string;
  seconds: number;
  iterations: number;
  loss: number;
  loss100: number;
  trainAccuracy: number;
  testAccuracy: number;
  peakRssMb?: number;
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
  const t0 = performance.now();
  const result = train({
    ...setup,
    capture,
    onProgress: (i, loss) => {
      if (i === 100) loss100 = loss;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    name: `anneal, Deno ${Deno.version.deno} (${capture ? "captured step" : "eager"})`,
    seconds,
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

async function runChild(command: string, args: string[]): Promise<PeerResult | string> {
  try {
    await Deno.stat(command);
  } catch {
    return `skipped: ${command} not found`;
  }
  const out = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "";
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").at(-1);
    return `skipped: ${args.find((a) => a.endsWith(".py")) ?? command} failed (${err})`;
  }
  return JSON.parse(text) as PeerResult;
}

function printTable(rows: (PeerResult | string)[], ours: PeerResult): void {
  const header = ["implementation", "wall s", "µs/iter", "× ours", "loss @100", "final loss"];
  const table = rows.map((r) =>
    typeof r === "string" ? [r, "", "", "", "", ""] : [
      r.name,
      r.seconds.toFixed(2),
      (r.seconds / r.iterations * 1e6).toFixed(1),
      (r.seconds / ours.seconds).toFixed(2),
      r.loss100.toPrecision(12),
      r.loss.toPrecision(6),
    ]
  );
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    "| " + row.map((c, i) => i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)).join(" | ") +
    " |";
  console.log(line(header));
  console.log(
    "|" + widths.map((w, i) => "-".repeat(w + 1) + (i === 0 ? "-" : ":")).join("|") + "|",
  );
  for (const row of table) console.log(line(row));
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      seed: { type: "string", default: "3" },
      iterations: { type: "string", default: "25500" },
      "ours-only": { type: "boolean", default: false },
      child: { type: "string" },
    },
  });
  const seed = Number(values.seed), iterations = Number(values.iterations);
  if (values.child === "allocation") {
    console.log(JSON.stringify(allocationPerIteration(seed)));
  } else if (values.child !== undefined) {
    console.log(JSON.stringify(runOurs(seed, iterations, values.child === "captured")));
  } else {
    const self = new URL(import.meta.url).pathname;
    const here = new URL(".", import.meta.url).pathname;
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
    const captured = await runChild(deno, ourArgs("captured"));
    if (typeof captured === "string") throw new Error(`our run failed: ${captured}`);
    const rows: (PeerResult | string)[] = [captured, await runChild(deno, ourArgs("eager"))];
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
    if (!values["ours-only"]) {
      rows.push(await runChild(PYTHON, [`${here}peers_numpy.py`, setupPath]));
      rows.push(await runChild(PYTHON, [`${here}peers_torch.py`, setupPath, "float64"]));
      rows.push(await runChild(PYTHON, [`${here}peers_torch.py`, setupPath, "float32"]));
    }
    await Deno.remove(setupPath);
    console.log(
      `Iris, seed ${seed}, ${iterations} iterations: full batch 120, summed cross-entropy, ` +
        `SGD lr 1e-3 halved every 10,000, evaluation every 500; one process each.\n`,
    );
    printTable(rows, captured);
    const eager = rows[1];
    console.log(
      `\nours, peak RSS of the whole Deno process (VmHWM): captured ${
        captured.peakRssMb!.toFixed(1)
      } MB, eager ${typeof eager === "object" ? eager.peakRssMb!.toFixed(1) : "-"} MB`,
    );
    console.log(
      `ours, heap allocated per training iteration (captured step, no evaluation): ${
        bytes.withoutScheduler.toFixed(1)
      } B without a scheduler, ${bytes.withScheduler.toFixed(1)} B with StepLR`,
    );
  }
}
