/**
 * Run with --v8-flags=--expose-gc. Prints the heap growth over 40,000 captured replays of the
 * Iris-sized training step (and over 1,000 eager steps, to show the probe can see allocation),
 * measured without collecting garbage in between. An optional argument, "float32", runs the
 * float32 network instead of the float64 one.
 */

import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";
import { capture, tensor } from "../../lib/tensor/mod.ts";

const gc = (globalThis as { gc?: () => void }).gc!;
const dtype = Deno.args[0] === "float32" ? "float32" : "float64";
const rng = new Random(0);
const x = tensor(Array.from({ length: 480 }, () => rng.normal(0, 1)), [120, 4], { dtype });
const y = Int32Array.from({ length: 120 }, (_, i) => i % 3);
const model = new Sequential(
  new Linear(4, 20, { rng, dtype }),
  new ReLU(),
  new Linear(20, 20, { rng, dtype }),
  new ReLU(),
  new Linear(20, 3, { rng, dtype }),
);
const lossFn = new CrossEntropyLoss();
const opt = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
const body = () => {
  opt.zeroGrad();
  const loss = lossFn.forward(model.forward(x), y);
  loss.backward();
  opt.step();
  return loss;
};
const step = capture(body);
function growth(f: () => unknown, n: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) f(); // let the JIT settle (tier-up allocates code and feedback)
  gc();
  const before = Deno.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) f();
  return Deno.memoryUsage().heapUsed - before;
}
const capturedGrowth = growth(step, 40_000, 10_000);
const eagerGrowth = growth(body, 1_000, 1_000);
console.log(JSON.stringify({ capturedGrowth, eagerGrowth }));
