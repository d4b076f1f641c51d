/**
 * GFLOP/s of the matrix-product kernel, through `gemm` as the library calls it (copies into and
 * out of WebAssembly memory included), in two tables:
 *
 * - square products n × n × n: the direct WebAssembly kernel (operands read where they lie)
 *   against the packed, cache-blocked one, and the float32 product `gemm32`;
 * - the products of one training step of three MLPs, as `linear` runs them (forward x·Wᵀ with
 *   bias, backward G·W, Gᵀ·x with a transposed A, 1ᵀ·G), with the path the size rule picks, in
 *   float64 and float32: Iris 4-20-20-3 (batch 120), 64-128-128-10 (batch 256) and
 *   784-256-256-10 (batch 1024). Each MLP's line "all" sums the medians of its products.
 *
 * Contenders interleave in shuffled order over several rounds; the tables give the median and
 * spread of GFLOP/s by wall-clock time and by this process's CPU time (the second is steadier on
 * a shared machine: time spent descheduled does not count).
 *
 * Run: `deno run --allow-all bench/gemm_bench.ts [rounds] [--square | --steps] [--baseline DIR]`
 * (all: /proc/cpuinfo names the CPU; `--square` or `--steps` runs one table only;
 * `--baseline path/to/other/checkout/lib` times that copy's gemm and gemm32 in the same rounds,
 * interleaved with this one's, and adds its µs and the speedup to the step table)
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import { gemm, gemm32, gemmPath } from "../lib/tensor/_gemm.ts";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";

const SIZES = [64, 128, 256, 504, 512, 768, 1024];

/** One product of a training step: C[m, n] (+)= A B, A read with strides (as0, as1). */
export interface StepProduct {
  label: string;
  m: number;
  n: number;
  k: number;
  /** A is stored transposed (`[k, m]` row-major: as0 = 1, as1 = m), as in ∂W = Gᵀ x. */
  transposedA: boolean;
  bias: boolean;
}

/** The gemm calls of one training step of an MLP (`linear` layers), batch rows. */
export function stepProducts(sizes: readonly number[], batch: number): StepProduct[] {
  const out: StepProduct[] = [];
  const layers = sizes.slice(1).map((nOut, l) => ({ nIn: sizes[l]!, nOut, l: l + 1 }));
  for (const { nIn, nOut, l } of layers) {
    out.push({ label: `L${l} x·Wᵀ+b`, m: batch, n: nOut, k: nIn, transposedA: false, bias: true });
  }
  for (const { nIn, nOut, l } of layers.toReversed()) {
    if (l > 1) {
      out.push({ label: `L${l} G·W`, m: batch, n: nIn, k: nOut, transposedA: false, bias: false });
    }
    out.push({ label: `L${l} Gᵀ·x`, m: nOut, n: nIn, k: batch, transposedA: true, bias: false });
    out.push({ label: `L${l} 1ᵀ·G`, m: 1, n: nOut, k: batch, transposedA: false, bias: false });
  }
  return out;
}

/** The MLPs whose step products the second table times. */
export const STEP_MLPS: { name: string; sizes: number[]; batch: number }[] = [
  { name: "Iris 4-20-20-3, batch 120", sizes: [4, 20, 20, 3], batch: 120 },
  { name: "64-128-128-10, batch 256", sizes: [64, 128, 128, 10], batch: 256 },
  { name: "784-256-256-10, batch 1024", sizes: [784, 256, 256, 10], batch: 1024 },
];

/** Times `run` (wall seconds per call returned, CPU seconds per call pushed to `cpu`). */
function timed(reps: number, cpu: number[], run: () => void): () => number {
  return () => {
    const t0 = performance.now(), c0 = process.cpuUsage();
    for (let r = 0; r < reps; r++) run();
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1e6 / reps);
    return (performance.now() - t0) / 1000 / reps;
  };
}

/** Wall and CPU seconds per product for one square size and path, over about 10⁸ flops. */
function squareTimer(
  n: number,
  path: "direct" | "packed" | "float32",
  cpu: Map<string, number[]>,
): () => number {
  const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const c = new Float64Array(n * n);
  const a32 = Float32Array.from(a), b32 = Float32Array.from(b), c32 = new Float32Array(n * n);
  const reps = Math.max(2, Math.round(1e8 / (n * n * n)));
  const list: number[] = [];
  cpu.set(`${n} ${path}`, list);
  const run = path === "float32"
    ? () => gemm32(n, n, n, a32, n, 1, b32, c32, false, null)
    : () => gemm(n, n, n, a, n, 1, b, c, false, null);
  const time = timed(reps, list, run);
  return () => {
    gemmPath(path === "direct" ? "direct" : "packed");
    try {
      return time();
    } finally {
      gemmPath("auto");
    }
  };
}

/** The two entry points timed here (this library's, or a baseline copy's with --baseline). */
interface Gemms {
  gemm: typeof gemm;
  gemm32: typeof gemm32;
}

/** Wall and CPU seconds per call of one step product (size rule's path), about 10⁷ flops. */
function stepTimer(p: StepProduct, float32: boolean, cpu: number[], kernels: Gemms): () => number {
  const { m, n, k } = p;
  const a = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const bias = p.bias ? Float64Array.from({ length: n }, (_, i) => Math.sin(3 * i)) : null;
  const c = new Float64Array(m * n);
  const [as0, as1] = p.transposedA ? [1, m] : [k, 1];
  const reps = Math.max(2, Math.round(1e7 / (m * n * k)));
  if (float32) {
    const a32 = Float32Array.from(a), b32 = Float32Array.from(b), c32 = new Float32Array(m * n);
    const bias32 = bias && Float32Array.from(bias);
    return timed(
      reps,
      cpu,
      () => kernels.gemm32(m, n, k, a32, as0, as1, b32, c32, false, bias32),
    );
  }
  return timed(reps, cpu, () => kernels.gemm(m, n, k, a, as0, as1, b, c, false, bias));
}

const show = (x: ReturnType<typeof summarize>, digits = 1) =>
  `${x.median.toFixed(digits)} (${spread(x)})`;

async function squareTable(rounds: number): Promise<void> {
  const contenders: Record<string, () => number> = {};
  const cpu = new Map<string, number[]>();
  for (const n of SIZES) {
    for (const path of ["direct", "packed", "float32"] as const) {
      contenders[`${n} ${path}`] = squareTimer(n, path, cpu);
    }
  }
  for (const f of Object.values(contenders)) f(); // compile and grow the memory first
  for (const list of cpu.values()) list.length = 0;
  const times = await interleave(contenders, rounds);
  console.log("\nSquare products n × n × n, GFLOP/s (2·n³ flops per product)\n");
  const gflops = (list: number[], n: number) => summarize(list.map((s) => 2 * n ** 3 / s / 1e9));
  console.log(
    "|    n | float64 direct | float64 packed | packed / direct | float32 packed " +
      "| float64 direct, CPU time | float64 packed, CPU time | float32 packed, CPU time |",
  );
  console.log(
    "|-----:|---------------:|---------------:|----------------:|---------------:" +
      "|-------------------------:|-------------------------:|-------------------------:|",
  );
  for (const n of SIZES) {
    const [dw, pw, fw] = ["direct", "packed", "float32"].map((p) =>
      gflops(times.get(`${n} ${p}`)!, n)
    );
    const [dc, pc, fc] = ["direct", "packed", "float32"].map((p) =>
      gflops(cpu.get(`${n} ${p}`)!, n)
    );
    console.log(
      `| ${String(n).padStart(4)} | ${show(dw!).padStart(14)} | ${show(pw!).padStart(14)} | ${
        (pw!.median / dw!.median).toFixed(2).padStart(15)
      } | ${show(fw!).padStart(14)} | ${show(dc!).padStart(24)} | ${show(pc!).padStart(24)} | ${
        show(fc!).padStart(24)
      } |`,
    );
  }
}

async function stepsTable(rounds: number, baseline: Gemms | null): Promise<void> {
  const contenders: Record<string, () => number> = {};
  const cpu = new Map<string, number[]>();
  const versions: [string, Gemms][] = [["", { gemm, gemm32 }]];
  if (baseline !== null) versions.push([" baseline", baseline]);
  for (const mlp of STEP_MLPS) {
    for (const p of stepProducts(mlp.sizes, mlp.batch)) {
      for (const dtype of ["f64", "f32"]) {
        for (const [suffix, kernels] of versions) {
          const key = `${mlp.name} ${p.label} ${dtype}${suffix}`;
          cpu.set(key, []);
          contenders[key] = stepTimer(p, dtype === "f32", cpu.get(key)!, kernels);
        }
      }
    }
  }
  for (const f of Object.values(contenders)) f();
  for (const list of cpu.values()) list.length = 0;
  await interleave(contenders, rounds);
  console.log(
    "\nThe products of one training step (size rule's path), CPU time: µs per call and " +
      `GFLOP/s (2·m·n·k flops)${
        baseline === null ? "" : "; the baseline's µs and the speedup (median of per-round ratios)"
      }\n`,
  );
  const dtypes = ["float64", "float32"];
  const extra = (d: string) => baseline === null ? "" : ` ${d} baseline µs | ${d} speedup |`;
  console.log(
    `| MLP | product | m, n, k |${
      dtypes.map((d) => ` ${d} µs | ${d} GFLOP/s |${extra(d)}`).join("")
    }`,
  );
  console.log(`|---|---|---|${(baseline === null ? "--:|--:|" : "--:|--:|--:|--:|").repeat(2)}`);
  for (const mlp of STEP_MLPS) {
    const total = { f64: 0, f32: 0, f64b: 0, f32b: 0 };
    let flops = 0;
    for (const p of stepProducts(mlp.sizes, mlp.batch)) {
      const f = 2 * p.m * p.n * p.k;
      flops += f;
      const cells = (["f64", "f32"] as const).map((dtype) => {
        const seconds = cpu.get(`${mlp.name} ${p.label} ${dtype}`)!;
        const s = summarize(seconds);
        total[dtype] += s.median;
        const own = `${(s.median * 1e6).toFixed(2)} | ${
          show(summarize(seconds.map((t) => f / t / 1e9)))
        }`;
        if (baseline === null) return own;
        const before = cpu.get(`${mlp.name} ${p.label} ${dtype} baseline`)!;
        total[`${dtype}b`] += summarize(before).median;
        const ratios = summarize(before.map((t, round) => t / seconds[round]!));
        return `${own} | ${(summarize(before).median * 1e6).toFixed(2)} | ${
          ratios.median.toFixed(2)
        } (${ratios.min.toFixed(2)}–${ratios.max.toFixed(2)})`;
      });
      const shape = `${p.m}, ${p.n}, ${p.k}${p.transposedA ? " (Aᵀ)" : ""}`;
      console.log(`| ${mlp.name} | ${p.label} | ${shape} | ${cells.join(" | ")} |`);
    }
    const sums = (["f64", "f32"] as const).map((dtype) => {
      const own = `${(total[dtype] * 1e6).toFixed(1)} | ${(flops / total[dtype] / 1e9).toFixed(1)}`;
      if (baseline === null) return own;
      const before = total[`${dtype}b`];
      return `${own} | ${(before * 1e6).toFixed(1)} | ${(before / total[dtype]).toFixed(2)}`;
    });
    console.log(`| ${mlp.name} | all (sum of medians) | | ${sums.join(" | ")} |`);
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    options: {
      square: { type: "boolean", default: false },
      steps: { type: "boolean", default: false },
      baseline: { type: "string" },
    },
    allowPositionals: true,
  });
  const rounds = Number(positionals[0] ?? 7);
  const only = values.square ? "--square" : values.steps ? "--steps" : undefined;
  // --baseline <lib/ folder of another checkout>: its gemm and gemm32 run in the same rounds
  const baseline = values.baseline === undefined ? null : await import(
    new URL(
      "tensor/_gemm.ts",
      new URL(`${values.baseline.replace(/\/?$/, "/")}`, `file://${Deno.cwd()}/`),
    )
      .href
  ) as Gemms;
  console.log(
    `gemm, 1 thread; Deno ${Deno.version.deno}, ${machine()}; load average ${loadAverage()}; ` +
      `${rounds} interleaved rounds, median (spread)`,
  );
  if (only !== "--steps") await squareTable(rounds);
  if (only !== "--square") await stepsTable(rounds, baseline);
}
