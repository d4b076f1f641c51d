/**
 * The float32 networks of tools/fixtures_f32.py: the same 32-bit integer hash regenerates the
 * inputs, labels and initial weights bit for bit (the fixture keeps their sums to check it), and
 * `trainRun` trains a copy in anneal the way the generator trains it in PyTorch.
 */

import { crossEntropy, type DType, type Tensor, tensor } from "../../lib/tensor/mod.ts";
import { capture } from "../../lib/tensor/mod.ts";
import { Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { Adam, AdamW, SGD } from "../../lib/optim/mod.ts";

/** One trained case of the fixture. */
export interface F32Case {
  name: string;
  optimizer: "SGD" | "Adam" | "AdamW";
  options: Record<string, number>;
  losses: number[];
  final: number[][];
}

/** One network of the fixture. */
export interface F32Network {
  sizes: [number, number][];
  batch: number;
  seed: number;
  sums: { x: number; y: number; init: number[] };
  initialLoss: number;
  initialGrads: number[][] | null;
  cases: F32Case[];
}

/** The fixture: torch's version, the step count and the networks by name. */
export const fixture: { torch: string; steps: number; networks: Record<string, F32Network> } = JSON
  .parse(await Deno.readTextFile(new URL("../fixtures/f32_mlp.json", import.meta.url)));

/** The generator's `uniform(seed, i)`: a 32-bit integer hash of (seed, i) scaled to [0, 1). */
export function uniform(seed: number, i: number): number {
  let h = (Math.imul(i, 0x9E3779B1) + Math.imul(seed, 0x7FEB352D)) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85EBCA6B) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xC2B2AE35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 2 ** 32;
}

/** The inputs (float32 values), labels and initial parameters (float32 values) of `net`. */
export function generate(
  net: F32Network,
): { x: Float32Array; y: Int32Array; init: Float32Array[] } {
  const { batch, sizes, seed } = net;
  const width = sizes[0]![0], classes = sizes[sizes.length - 1]![1];
  const x = Float32Array.from({ length: batch * width }, (_, i) => 4 * uniform(seed, i) - 2);
  const y = Int32Array.from(
    { length: batch },
    (_, i) => Math.floor(uniform(seed + 1, i) * classes),
  );
  const init: Float32Array[] = [];
  sizes.forEach(([fanIn, fanOut], layer) => {
    const bound = 1 / Math.sqrt(fanIn);
    [fanOut * fanIn, fanOut].forEach((n, k) => {
      const s = seed + 2 + 2 * layer + k;
      init.push(Float32Array.from({ length: n }, (_, i) => (2 * uniform(s, i) - 1) * bound));
    });
  });
  return { x, y, init };
}

/** The network as an anneal Sequential of `dtype`, holding the fixture's initial weights. */
export function build(net: F32Network, init: Float32Array[], dtype: DType): Sequential {
  const layers = net.sizes.flatMap(([i, o]) => [new Linear(i, o, { dtype }), new ReLU()]);
  const model = new Sequential(...layers.slice(0, -1));
  model.parameters().forEach((p, k) => p.data.set(init[k]!));
  return model;
}

/** Trains `net` as the generator does (`steps` full-batch steps); losses before each update. */
export function trainRun(
  net: F32Network,
  c: F32Case,
  dtype: DType,
  options: { captured?: boolean; steps?: number } = {},
): { losses: number[]; params: Tensor[] } {
  const { x, y, init } = generate(net);
  const model = build(net, init, dtype);
  const params = model.parameters();
  const o = c.options;
  const optimizer = c.optimizer === "SGD"
    ? new SGD(params, o)
    : c.optimizer === "Adam"
    ? new Adam(params, o)
    : new AdamW(params, o);
  const input = tensor(x, [net.batch, net.sizes[0]![0]], { dtype });
  const step = () => {
    optimizer.zeroGrad();
    const loss = crossEntropy(model.forward(input), y);
    loss.backward();
    optimizer.step();
    return loss;
  };
  const run = options.captured ? capture(step) : step;
  const losses: number[] = [];
  for (let s = 0; s < (options.steps ?? fixture.steps); s++) losses.push(run().item());
  return { losses, params };
}

/** max |a − e| / max(|e|, floor) over the entries: the relative error with an absolute floor. */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-3) {
  if (actual.length !== expected.length) throw new Error("length mismatch");
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.max(Math.abs(e), floor));
  }
  return worst;
}
