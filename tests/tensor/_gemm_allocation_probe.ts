/**
 * Run with --v8-flags=--expose-gc,--min-semi-space-size=64,--max-semi-space-size=64 (no
 * scavenge inside the windows). Prints the heap growth over 8,000 and over 32,000 captured
 * replays of a linear layer's forward and backward (64 × 64 × 64 multiply-adds per product) with
 * every product forced onto the packed gemm path, each measured from a collected heap
 * without collecting in between. The difference is what 24,000 replays allocate, without the
 * ~20 kB the JIT adds in any window after a collection (measured the same on the direct path).
 */

import { gemmPath } from "../../lib/tensor/_gemm.ts";
import { Random } from "../../lib/random.ts";
import { capture, linear, tensor } from "../../lib/tensor/mod.ts";

const gc = (globalThis as { gc?: () => void }).gc!;
const n = 64;
gemmPath("packed"); // 64³ is below the size rule's threshold: force the packed path
const rng = new Random(0);
const random = (shape: number[]) =>
  tensor(Array.from({ length: shape[0]! * shape[1]! }, () => rng.normal(0, 1)), shape, {
    requiresGrad: true,
  });
const x = random([n, n]), w = random([n, n]);
const step = capture(() => {
  const y = linear(x, w).sum();
  y.backward();
  return y;
});
function growth(replays: number): number {
  gc();
  const before = Deno.memoryUsage().heapUsed;
  for (let i = 0; i < replays; i++) step();
  return Deno.memoryUsage().heapUsed - before;
}
// let the JIT settle (tier-up allocates code and feedback); the step's loops see both ordinary
// arrays and arrays in shared WebAssembly memory, and take about 20,000 replays to settle
for (let i = 0; i < 20_000; i++) step();
const short = growth(8000), long = growth(32_000);
console.log(JSON.stringify({ short, long, extraReplays: 24_000 }));
