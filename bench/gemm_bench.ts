/**
 * GFLOP/s of the matrix-product kernel on square products n × n × n: the direct WebAssembly
 * kernel (operands read where they lie, 4 × 4 blocks) against the packed, cache-blocked one
 * (4 × 6 tiles), each through `gemm` as the library calls it (copies into and out of WebAssembly
 * memory included), and the float32 packed product `gemm32` (4 × 12 tiles of four lanes). Contenders interleave in shuffled order over several rounds; the table
 * gives the median and spread of GFLOP/s by wall-clock time and by this process's CPU time (the
 * second is steadier on a shared machine: time spent descheduled does not count).
 *
 * Run: `deno run --allow-all bench/gemm_bench.ts [rounds]` (all: /proc/cpuinfo names the CPU)
 *
 * @module
 */

import process from "node:process";
import { gemm, gemm32, gemmPath } from "../lib/tensor/_gemm.ts";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";

const SIZES = [64, 128, 256, 504, 512, 768, 1024];

/** Wall and CPU seconds per product for one size and path, over about 2·10⁸ flops. */
function timer(
  n: number,
  path: "direct" | "packed" | "float32",
  cpu: Map<string, number[]>,
): () => number {
  const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const c = new Float64Array(n * n);
  const a32 = Float32Array.from(a), b32 = Float32Array.from(b), c32 = new Float32Array(n * n);
  const reps = Math.max(2, Math.round(1e8 / (n * n * n)));
  const key = `${n} ${path}`;
  cpu.set(key, []);
  return () => {
    gemmPath(path === "direct" ? "direct" : "packed");
    const t0 = performance.now(), c0 = process.cpuUsage();
    if (path === "float32") {
      for (let r = 0; r < reps; r++) gemm32(n, n, n, a32, n, 1, b32, c32, false, null);
    } else {
      for (let r = 0; r < reps; r++) gemm(n, n, n, a, n, 1, b, c, false, null);
    }
    const used = process.cpuUsage(c0);
    const seconds = (performance.now() - t0) / 1000 / reps;
    cpu.get(key)!.push((used.user + used.system) / 1e6 / reps);
    gemmPath("auto");
    return seconds;
  };
}

if (import.meta.main) {
  const rounds = Number(Deno.args[0] ?? 7);
  const contenders: Record<string, () => number> = {};
  const cpu = new Map<string, number[]>();
  for (const n of SIZES) {
    for (const path of ["direct", "packed", "float32"] as const) {
      contenders[`${n} ${path}`] = timer(n, path, cpu);
    }
  }
  for (const f of Object.values(contenders)) f(); // compile and grow the memory first
  for (const list of cpu.values()) list.length = 0;
  const times = await interleave(contenders, rounds);
  console.log(
    `gemm GFLOP/s (2·n³ flops per product), 1 thread; Deno ${Deno.version.deno}, ` +
      `${machine()}; load average ${loadAverage()}; ${rounds} interleaved rounds, median (spread)\n`,
  );
  const gflops = (list: number[], n: number) => summarize(list.map((s) => 2 * n ** 3 / s / 1e9));
  const show = (x: ReturnType<typeof summarize>) => `${x.median.toFixed(1)} (${spread(x)})`;
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
