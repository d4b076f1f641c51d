/**
 * GFLOP/s of the matrix-product kernel on square products n × n × n: the direct WebAssembly
 * kernel (operands read where they lie, 4 × 4 blocks) against the packed, cache-blocked one
 * (4 × 6 tiles), each through `gemm` as the library calls it (copies into and out of WebAssembly
 * memory included). Contenders interleave in shuffled order over several rounds; the table
 * gives the median and spread.
 *
 * Run: `deno run --allow-read bench/gemm_bench.ts [rounds]`
 *
 * @module
 */

import { gemm, gemmPath } from "../lib/tensor/_gemm.ts";
import { interleave, loadAverage, machine, spread, summarize } from "./_rounds.ts";

const SIZES = [64, 128, 256, 504, 512, 768, 1024];

/** Seconds per product for one size and path: enough repetitions to fill about 50 ms. */
function timer(n: number, path: "direct" | "packed"): () => number {
  const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const c = new Float64Array(n * n);
  const reps = Math.max(1, Math.round(2.5e7 / (n * n * n)));
  return () => {
    gemmPath(path);
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) gemm(n, n, n, a, n, 1, b, c, false, null);
    const seconds = (performance.now() - t0) / 1000 / reps;
    gemmPath("auto");
    return seconds;
  };
}

if (import.meta.main) {
  const rounds = Number(Deno.args[0] ?? 7);
  const contenders: Record<string, () => number> = {};
  for (const n of SIZES) {
    for (const path of ["direct", "packed"] as const) contenders[`${n} ${path}`] = timer(n, path);
  }
  for (const f of Object.values(contenders)) f(); // compile and grow the memory first
  const times = await interleave(contenders, rounds);
  console.log(
    `gemm GFLOP/s (2·n³ flops per product), float64, 1 thread; Deno ${Deno.version.deno}, ` +
      `${machine()}; load average ${loadAverage()}; ${rounds} interleaved rounds, median (spread)\n`,
  );
  console.log("|    n | direct (4 × 4, unpacked) | packed (4 × 6, blocked) | packed / direct |");
  console.log("|-----:|-------------------------:|------------------------:|----------------:|");
  for (const n of SIZES) {
    const flops = 2 * n * n * n;
    const d = summarize(times.get(`${n} direct`)!.map((s) => flops / s / 1e9));
    const p = summarize(times.get(`${n} packed`)!.map((s) => flops / s / 1e9));
    console.log(
      `| ${String(n).padStart(4)} | ${`${d.median.toFixed(1)} (${spread(d)})`.padStart(24)} | ${
        `${p.median.toFixed(1)} (${spread(p)})`.padStart(23)
      } | ${(p.median / d.median).toFixed(2).padStart(15)} |`,
    );
  }
}
