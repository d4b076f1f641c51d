/**
 * Hot-op benchmarks: the pieces of the Iris training step, each captured (replayed on the same
 * buffers), and the whole step eager and captured.
 *
 * Run: `deno bench bench/tensor_bench.ts`
 *
 * @module
 */

import { CrossEntropyLoss } from "../lib/nn/mod.ts";
import { SGD } from "../lib/optim/mod.ts";
import { Random } from "../lib/random.ts";
import { capture, crossEntropy, linear, relu, type Tensor, tensor } from "../lib/tensor/mod.ts";
import { irisStep } from "./iris_step_timing.ts";

const rng = new Random(1);
const random = (shape: number[], requiresGrad = false): Tensor =>
  tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)),
    shape,
    { requiresGrad },
  );

const h = random([120, 20], true);
const w = random([20, 20], true), b = random([20], true);
const w3 = random([3, 20], true), b3 = random([3], true);
const labels = Int32Array.from({ length: 120 }, (_, i) => i % 3);

const linearForward = capture(() => linear(h, w, b));
Deno.bench("linear 120×20 → 20, forward", { group: "ops" }, () => {
  linearForward();
});

const linearBoth = capture(() => {
  const y = linear(h, w, b).sum();
  y.backward();
  return y;
});
Deno.bench("linear 120×20 → 20, forward + backward", { group: "ops" }, () => {
  linearBoth();
});

const reluBoth = capture(() => {
  const y = relu(h).sum();
  y.backward();
  return y;
});
Deno.bench("relu 120×20, forward + backward", { group: "ops" }, () => {
  reluBoth();
});

const lossBoth = capture(() => {
  const loss = crossEntropy(linear(h, w3, b3), labels, { reduction: "sum" });
  loss.backward();
  return loss;
});
Deno.bench("linear 20 → 3 + crossEntropy, forward + backward", { group: "ops" }, () => {
  lossBoth();
});

const opt = new SGD([w, b, w3, b3], { lr: 1e-9, momentum: 0.9 });
Deno.bench("SGD momentum step over 483 parameters", { group: "ops" }, () => {
  opt.step();
});

const eager = irisStep();
const captured = capture(irisStep());
Deno.bench("Iris training step, eager", { group: "step" }, () => {
  eager();
});
Deno.bench("Iris training step, captured", { group: "step", baseline: true }, () => {
  captured();
});

// keep the loss class referenced for readers looking for the module API
void CrossEntropyLoss;
