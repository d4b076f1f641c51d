/**
 * SGD's and Adam's updates run in WebAssembly (`sgdStep`, `adamStep`) when the parameters,
 * gradients and state live in WebAssembly memory, and in lib/optim's JavaScript loops otherwise.
 * Both must give the same bits: every option combination, odd and even sizes, over several steps,
 * with parameters in an arena against the same run on ordinary arrays (`useArena(false)`).
 */

import assert from "node:assert/strict";
import { Adam, AdamW, SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";
import { inWasmMemory, useArena } from "../../lib/tensor/_storage.ts";
import { loadedWasm } from "../../lib/tensor/_wasm.ts";
import { arena, type Tensor, tensor } from "../../lib/tensor/mod.ts";

type Make = (params: Tensor[]) => { step(): void; zeroGrad(): void };

/** Six steps of `make`'s optimizer on two parameters (sizes 7 and 10), gradients from a seed. */
function run(make: Make, placed: boolean): { values: number[][]; placed: boolean } {
  useArena(placed);
  try {
    const rng = new Random(3);
    const params = arena(() => [
      tensor(Array.from({ length: 7 }, () => rng.normal(0, 1)), [7], { requiresGrad: true }),
      tensor(Array.from({ length: 10 }, () => rng.normal(0, 1)), [10], { requiresGrad: true }),
    ]);
    const optimizer = arena(() => make(params));
    for (let s = 0; s < 6; s++) {
      arena(() => {
        for (const p of params) {
          const g = p.grad ?? tensor(new Array(p.size).fill(0)).data;
          p.grad = g;
          for (let i = 0; i < g.length; i++) g[i] = rng.normal(0, 1) * (s + 1);
        }
        optimizer.step();
      });
    }
    return { values: params.map((p) => p.toArray()), placed: inWasmMemory(params[0]!.data) };
  } finally {
    useArena(true);
  }
}

function same(name: string, make: Make): void {
  const inMemory = run(make, true), ordinary = run(make, false);
  assert.ok(inMemory.placed && !ordinary.placed, `${name}: the switch moves the storage`);
  assert.deepEqual(inMemory.values, ordinary.values, name);
}

Deno.test("the WebAssembly kernels are the ones these tests exercise", () => {
  assert.ok(loadedWasm()?.shared);
});

Deno.test("SGD in WebAssembly gives JavaScript's bits for every option combination", () => {
  let cases = 0;
  for (const momentum of [0, 0.9]) {
    for (const dampening of [0, 0.3]) {
      for (const nesterov of momentum > 0 && dampening === 0 ? [false, true] : [false]) {
        for (const weightDecay of [0, 0.01]) {
          for (const maximize of [false, true]) {
            const options = { lr: 0.05, momentum, dampening, nesterov, weightDecay, maximize };
            same(`SGD ${JSON.stringify(options)}`, (p) => new SGD(p, options));
            cases++;
          }
        }
      }
    }
  }
  assert.equal(cases, 20);
});

Deno.test("Adam and AdamW in WebAssembly give JavaScript's bits for every option combination", () => {
  let cases = 0;
  for (const Ctor of [Adam, AdamW]) {
    for (const betas of [[0.9, 0.999], [0.3, 0.9]] as [number, number][]) { // w < 0.5 and w ≥ 0.5
      for (const weightDecay of [0, 0.01]) {
        for (const amsgrad of [false, true]) {
          for (const maximize of [false, true]) {
            const options = { lr: 0.01, betas, weightDecay, amsgrad, maximize };
            same(`${Ctor.name} ${JSON.stringify(options)}`, (p) => new Ctor(p, options));
            cases++;
          }
        }
      }
    }
  }
  assert.equal(cases, 32);
});
