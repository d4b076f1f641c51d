/**
 * Tensors living in WebAssembly memory (lib/tensor/_storage.ts, lib/tensor/_wasm.ts): where
 * `arena`, `capture`, `nn.Linear` and lib/train place storage; that kernels then copy nothing
 * (the memory's byte counter of copies); that placement changes no value (bit for bit against
 * the same computation on ordinary arrays); the block allocator (first fit, coalescing, reuse
 * after collection); views that survive the memory's growth; and the private-memory fallback.
 */

import assert from "node:assert/strict";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";
import { gemm } from "../../lib/tensor/_gemm.ts";
import { KERNELS_WASM_BASE64 } from "../../lib/tensor/_kernels_wasm.ts";
import { allocData, inWasmMemory, useArena } from "../../lib/tensor/_storage.ts";
import { loadedWasm, Wasm } from "../../lib/tensor/_wasm.ts";
import { arena, capture, tensor, zeros } from "../../lib/tensor/mod.ts";
import { batchBuffers } from "../../lib/train/_batches.ts";

const w = loadedWasm()!;

Deno.test("this runtime gives the kernels a shared memory, so tensors can live in it", () => {
  assert.ok(w.shared);
});

Deno.test("arena places what fn creates in WebAssembly memory, and only that", () => {
  const inside = arena(() => [tensor([1, 2, 3]), zeros([2, 2]), tensor(new Float32Array([1]))]);
  for (const t of inside) assert.ok(inWasmMemory(t.data));
  assert.deepEqual(inside[0]!.toArray(), [1, 2, 3]);
  assert.ok(!inWasmMemory(tensor([1, 2, 3]).data));
  assert.throws(() =>
    arena(() => {
      throw new Error("boom");
    }), /boom/);
  assert.ok(!inWasmMemory(zeros([3]).data), "a throwing fn leaves the arena");
  assert.equal(arena(() => arena(() => 7)), 7);
  assert.ok(!inWasmMemory(zeros([3]).data), "nested arenas unwind");
});

Deno.test("arena refuses a non-function, naming the argument", () => {
  assert.throws(() => arena(3 as unknown as () => void), {
    name: "TypeError",
    message: "arena: fn must be a function, got fn=3",
  });
});

Deno.test("arena storage starts zeroed even where a freed block held values", () => {
  const start = w.alloc(64 * 8);
  new Float64Array(w.heap.buffer, start, 64).fill(7);
  w.free(start, 64 * 8);
  const fresh = arena(() => allocData("float64", 64));
  assert.equal(fresh.byteOffset, start, "first fit hands the same block out again");
  assert.ok(fresh.every((v) => v === 0));
});

/** The seed's Iris-sized network, a step function, and its input and labels. */
function irisStep(seed: number, inArena: boolean) {
  const rng = new Random(seed);
  const make = () => tensor(Array.from({ length: 120 * 4 }, () => rng.normal(0, 1)), [120, 4]);
  const x = inArena ? arena(make) : make();
  const y = Int32Array.from({ length: 120 }, (_, i) => i % 3);
  const model = new Sequential(
    new Linear(4, 20, { rng }),
    new ReLU(),
    new Linear(20, 20, { rng }),
    new ReLU(),
    new Linear(20, 3, { rng }),
  );
  const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const lossFn = new CrossEntropyLoss();
  const step = () => {
    opt.zeroGrad();
    const loss = lossFn.forward(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss;
  };
  return { x, model, step };
}

Deno.test("a captured training step keeps its parameters, gradients, state and activations in WebAssembly memory", () => {
  const { model, step } = irisStep(1, true);
  const replay = capture(step);
  const loss = replay();
  assert.ok(inWasmMemory(loss.data));
  for (const p of model.parameters()) {
    assert.ok(inWasmMemory(p.data) && inWasmMemory(p.grad!), "parameters and gradients");
  }
});

Deno.test("replays of a captured step with its input in an arena copy nothing in or out", () => {
  const { step } = irisStep(2, true);
  const replay = capture(step);
  replay();
  const before = w.copiedBytes;
  for (let i = 0; i < 20; i++) replay();
  assert.equal(w.copiedBytes - before, 0);
});

Deno.test("an input outside the arena is the only thing a replay copies", () => {
  const { x, step } = irisStep(3, false);
  const replay = capture(step);
  replay();
  const before = w.copiedBytes;
  replay();
  // x is read by two products: the first layer's forward (x Wᵀ) and its weight gradient (Gᵀ x)
  assert.equal(w.copiedBytes - before, 2 * x.data.byteLength);
});

Deno.test("storage in WebAssembly memory changes no value: 30 captured steps bit for bit", () => {
  const run = (on: boolean) => {
    useArena(on);
    try {
      const { model, step } = irisStep(4, true);
      const replay = capture(step);
      const losses = Array.from({ length: 30 }, () => replay().item());
      const placed = model.parameters().every((p) => inWasmMemory(p.data));
      return { losses, params: model.parameters().map((p) => p.toArray()), placed };
    } finally {
      useArena(true);
    }
  };
  const inMemory = run(true), ordinary = run(false);
  assert.ok(inMemory.placed && !ordinary.placed, "the switch moves the storage");
  assert.deepEqual(inMemory.losses, ordinary.losses);
  assert.deepEqual(inMemory.params, ordinary.params);
});

Deno.test("gemm gives the same bits for every mix of placed and ordinary operands", () => {
  const rng = new Random(9);
  const shapes: [number, number, number][] = [[7, 5, 3], [70, 66, 65], [1, 13, 120]];
  for (const [m, n, k] of shapes) {
    const a = Array.from({ length: m * k }, () => rng.normal(0, 1));
    const b = Array.from({ length: k * n }, () => rng.normal(0, 1));
    const bias = Array.from({ length: n }, () => rng.normal(0, 1));
    const results: number[][] = [];
    for (let mask = 0; mask < 16; mask++) {
      const place = (bit: number, values: number[]) => {
        const out = mask & bit
          ? arena(() => allocData("float64", values.length))
          : new Float64Array(values.length);
        out.set(values);
        return out;
      };
      const c = place(4, new Array(m * n).fill(0));
      gemm(m, n, k, place(1, a), k, 1, place(2, b), c, false, place(8, bias));
      gemm(m, n, k, place(1, a), k, 1, place(2, b), c, true, null);
      results.push(Array.from(c));
    }
    for (const r of results) assert.deepEqual(r, results[0]);
  }
});

Deno.test("a packed product with a bias in the arena writes nothing outside its output", () => {
  // 16 biases fill two whole cache lines; the packed kernel wants them padded to 18
  const rng = new Random(10);
  const fill = (t: { data: Float64Array | Float32Array }) =>
    t.data.forEach((_, i) => t.data[i] = rng.normal(0, 1));
  const [a, b, bias, next] = arena(
    () => [zeros([300, 64]), zeros([64, 16]), zeros([16]), zeros([16])],
  );
  for (const t of [a!, b!, bias!, next!]) fill(t);
  const snapshot = [a!, b!, bias!, next!].map((t) => t.toArray());
  const c = arena(() => allocData("float64", 300 * 16));
  const data = (t: { data: Float64Array | Float32Array }) => t.data as Float64Array;
  gemm(300, 16, 64, data(a!), 64, 1, data(b!), c, false, data(bias!));
  assert.deepEqual([a!, b!, bias!, next!].map((t) => t.toArray()), snapshot);
  const expected = new Float64Array(300 * 16);
  gemm(
    300,
    16,
    64,
    Float64Array.from(a!.data),
    64,
    1,
    Float64Array.from(b!.data),
    expected,
    false,
    Float64Array.from(bias!.data),
  );
  assert.deepEqual(Array.from(c), Array.from(expected));
});

Deno.test("float32 tensors live in the arena too, and their products give the same bits there", () => {
  const rng = new Random(11);
  const values = (n: number) => Array.from({ length: n }, () => rng.normal(0, 1));
  const [a, b] = [values(37 * 29), values(29 * 23)];
  const run = (placed: boolean) => {
    const make = () => [
      tensor(a, [37, 29], { dtype: "float32" }),
      tensor(b, [29, 23], { dtype: "float32" }),
    ];
    const [x, y] = placed ? arena(make) : make();
    assert.equal(inWasmMemory(x!.data), placed);
    assert.ok(x!.data instanceof Float32Array);
    return x!.matmul(y!).toArray();
  };
  assert.deepEqual(run(true), run(false));
});

Deno.test("arrays in the memory stay valid when it grows", () => {
  const small = arena(() => tensor([1, 2, 3, 4], [2, 2]));
  const before = w.heap.buffer.byteLength;
  const big = arena(() => zeros([before / 8 + 1024])); // more than the whole memory holds now
  assert.ok(w.heap.buffer.byteLength > before);
  assert.equal(big.size, before / 8 + 1024);
  assert.deepEqual(small.toArray(), [1, 2, 3, 4]);
  assert.deepEqual(small.matmul(small).toArray(), [7, 10, 15, 22]);
});

Deno.test("batch buffers of lib/train live in WebAssembly memory", () => {
  assert.ok(inWasmMemory(batchBuffers(8, 4).x.data));
});

/** A fresh instance of the kernels with a private memory (an allocator nothing else uses). */
function privateWasm(): Wasm {
  return new Wasm(Uint8Array.from(atob(KERNELS_WASM_BASE64), (ch) => ch.charCodeAt(0)), null);
}

Deno.test("the allocator fits first, coalesces neighbours and gives the top back", () => {
  const w = privateWasm();
  const a = w.alloc(100), b = w.alloc(64), c = w.alloc(200);
  assert.equal(b - a, 128, "blocks are whole cache lines");
  assert.equal(c - b, 64);
  w.free(a, 100);
  assert.equal(w.alloc(64), a, "first fit reuses the freed block");
  w.free(a, 64);
  w.free(b, 64);
  assert.equal(w.alloc(192), a, "a and b coalesced into one block of 192 bytes");
  w.free(a, 192);
  w.free(c, 200);
  assert.equal(w.alloc(64), a, "everything freed went back to the top");
  w.free(a, 64);
});

Deno.test("blocks of collected arrays are reused: 200 rounds of 8 MB stay within a few rounds' memory", async () => {
  const script = `
    import { arena, zeros } from ${
    JSON.stringify(new URL("../../lib/tensor/mod.ts", import.meta.url).href)
  };
    import { loadedWasm } from ${
    JSON.stringify(new URL("../../lib/tensor/_wasm.ts", import.meta.url).href)
  };
    let sum = 0;
    for (let i = 0; i < 200; i++) {
      sum += arena(() => zeros([1 << 20])).size;
      if (i % 10 === 9) { globalThis.gc(); await new Promise((r) => setTimeout(r, 0)); }
    }
    console.log(JSON.stringify({ sum, bytes: loadedWasm().heap.buffer.byteLength }));`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const { sum, bytes } = JSON.parse(new TextDecoder().decode(out.stdout));
  assert.equal(sum, 200 * (1 << 20));
  assert.ok(bytes <= 12 * 8 * (1 << 20) + (1 << 22), `memory grew to ${bytes} bytes`);
});

Deno.test("with a private memory nothing lives in it and operands are copied", () => {
  const own = privateWasm();
  assert.ok(!own.shared);
  assert.ok(!own.owns(arena(() => zeros([4])).data), "another instance's memory is not its own");
  const a = Float64Array.of(1, 2, 3, 4), out = new Float64Array(4);
  const base = own.scratch(64);
  own.kernels.relu(4, own.place(Float64Array.of(-1, 2, -3, 4), base), base);
  own.copyOut(base, out);
  assert.deepEqual(Array.from(out), [0, 2, 0, 4]);
  assert.equal(own.copiedBytes, 2 * a.byteLength);
});
