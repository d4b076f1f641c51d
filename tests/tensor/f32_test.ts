/**
 * The float32 dtype of lib/tensor: storage and dtype of every op's result, conversions
 * (`to`, `float`, `double`), PyTorch's promotion of mixed operands, its errors, and every op's
 * float32 gradient against central finite differences computed in float64 on the same values
 * (h = 1e-6; |analytic − numeric| ≤ 2e-5 + 2e-4 · |numeric|: float32 carries 24 bits, ~6e-8
 * relative per rounding, and the sums here run over at most a few dozen terms).
 */

import assert from "node:assert/strict";
import {
  add,
  argmax,
  capture,
  crossEntropy,
  div,
  exp,
  full,
  linear,
  log,
  logSoftmax,
  matmul,
  max,
  mean,
  mul,
  neg,
  noGrad,
  ones,
  rand,
  randn,
  relu,
  reshape,
  sigmoid,
  softmax,
  sub,
  sum,
  tanh,
  Tensor,
  tensor,
  transpose,
  zeros,
} from "../../lib/tensor/mod.ts";
import { Random } from "../../lib/random.ts";
import { useWasm } from "../../lib/tensor/_wasm.ts";

const f32 = Math.fround;
const rng = new Random(32);

/** A float32 leaf with values in [lo, hi). */
function random32(shape: number[], lo = -2, hi = 2): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Array.from({ length: n }, () => rng.uniform(lo, hi)), shape, {
    requiresGrad: true,
    dtype: "float32",
  });
}

const H = 1e-6, RTOL = 2e-4, ATOL = 2e-5;

/**
 * Checks the float32 backward() gradients of Σ R ⊙ f(inputs) against central differences of
 * the same function evaluated in float64 on the inputs' (float32) values.
 */
function checkGradients32(f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], label: string) {
  const out = f(...inputs);
  assert.equal(out.dtype, "float32", `${label}: output dtype`);
  assert.ok(out.data instanceof Float32Array, `${label}: output storage`);
  const r = Array.from({ length: out.size }, () => rng.uniform(-1, 1));
  for (const x of inputs) x.grad = null;
  out.backward(r);
  const wide = inputs.map((x) => new Tensor(Float64Array.from(x.data), x.shape));
  const objective = () =>
    noGrad(() => {
      const y = f(...wide).data;
      let s = 0;
      for (let i = 0; i < y.length; i++) s += r[i]! * y[i]!;
      return s;
    });
  inputs.forEach((x, k) => {
    if (!x.requiresGrad) return;
    assert.ok(x.grad instanceof Float32Array, `${label}: input ${k} grad is a Float32Array`);
    const w = wide[k]!;
    for (let i = 0; i < x.size; i++) {
      const saved = w.data[i]!;
      w.data[i] = saved + H;
      const up = objective();
      w.data[i] = saved - H;
      const down = objective();
      w.data[i] = saved;
      const numeric = (up - down) / (2 * H);
      const analytic: number = x.grad![i]!;
      if (!(Math.abs(analytic - numeric) <= ATOL + RTOL * Math.abs(numeric))) {
        assert.fail(`${label}: ∂/∂input${k}[${i}] float32 ${analytic} vs float64 FD ${numeric}`);
      }
    }
  });
}

Deno.test("tensor(values, shape, { dtype }) stores float32 values rounded to nearest", () => {
  const t = tensor([0.1, 1 / 3, 1e-50, 3e38, 2 ** 24 + 1], undefined, { dtype: "float32" });
  assert.equal(t.dtype, "float32");
  assert.ok(t.data instanceof Float32Array);
  assert.deepEqual(t.toArray(), [f32(0.1), f32(1 / 3), 0, f32(3e38), 2 ** 24]);
  assert.equal(tensor([0.1]).dtype, "float64");
  assert.equal(tensor([0.1]).item(), 0.1);
  assert.equal(tensor(Float32Array.of(0.5)).dtype, "float32", "a Float32Array keeps float32");
  assert.equal(tensor(Float32Array.of(0.5), undefined, { dtype: "float64" }).dtype, "float64");
});

Deno.test("new Tensor(data, shape) infers the dtype from the typed array", () => {
  assert.equal(new Tensor(new Float32Array(2), [2]).dtype, "float32");
  assert.equal(new Tensor(new Float64Array(2), [2]).dtype, "float64");
  assert.equal(new Tensor(new Float32Array(2), [2], { dtype: "float32" }).dtype, "float32");
  assert.throws(
    () => new Tensor(new Float32Array(2), [2], { dtype: "float64" }),
    (e: Error) => e instanceof RangeError && e.message.includes('dtype="float64"'),
  );
});

Deno.test("the factories take dtype and default to float64", () => {
  for (const make of [zeros, ones, (s: number[], o = {}) => full(s, 0.1, o)]) {
    assert.equal(make([2]).dtype, "float64");
    const t = make([2, 3], { dtype: "float32" });
    assert.ok(t.data instanceof Float32Array && t.dtype === "float32" && t.size === 6);
  }
  assert.equal(full([1], 0.1, { dtype: "float32" }).item(), f32(0.1));
  const a = rand([5], { rng: new Random(3), dtype: "float32" });
  const b = rand([5], { rng: new Random(3) });
  assert.deepEqual(a.toArray(), b.toArray().map(f32), "the same draws, rounded");
  const c = randn([5], { rng: new Random(4), dtype: "float32" });
  const d = randn([5], { rng: new Random(4) });
  assert.deepEqual(c.toArray(), d.toArray().map(f32));
});

Deno.test("to, float and double convert like PyTorch: same tensor when the dtype matches", () => {
  const x = tensor([0.1, -2.5, 1 / 3], [3], { requiresGrad: true });
  assert.equal(x.to("float64"), x);
  assert.equal(x.double(), x);
  const y = x.float();
  assert.notEqual(y, x);
  assert.equal(y.dtype, "float32");
  assert.deepEqual(y.toArray(), [f32(0.1), -2.5, f32(1 / 3)]);
  assert.equal(y.float(), y);
  const z = y.to("float64");
  assert.equal(z.dtype, "float64");
  assert.deepEqual(z.toArray(), [f32(0.1), -2.5, f32(1 / 3)], "widening is exact");
  z.mul(tensor([1, 2, 3])).sum().backward();
  assert.ok(x.grad instanceof Float64Array, "the gradient comes back in x's dtype");
  assert.deepEqual(Array.from(x.grad!), [1, 2, 3]);
  assert.ok(y.grad instanceof Float32Array);
});

Deno.test("a bad dtype is a RangeError naming dtype and the value", () => {
  const bad = (v: unknown) => v as "float32";
  for (
    const call of [
      () => tensor([1]).to(bad("float16")),
      () => tensor([1], undefined, { dtype: bad("float16") }),
      () => zeros([1], { dtype: bad("float16") }),
    ]
  ) {
    assert.throws(call, (e: Error) =>
      e instanceof RangeError && e.message.includes("dtype") &&
      e.message.includes('"float16"'));
  }
  assert.throws(() => tensor([1]).to(bad(32)), TypeError);
});

Deno.test("every op keeps float32, and reductions' sums are rounded to float32", () => {
  const a = random32([3, 4]), b = random32([3, 4], 0.5, 2), v = random32([4]);
  const results: [string, Tensor][] = [
    ["add", add(a, b)],
    ["sub", sub(a, 1.5)],
    ["mul", mul(a, v)],
    ["div", div(a, b)],
    ["neg", neg(a)],
    ["exp", exp(a)],
    ["log", log(b)],
    ["relu", relu(a)],
    ["tanh", tanh(a)],
    ["sigmoid", sigmoid(a)],
    ["sum", sum(a)],
    ["mean", mean(a, 0)],
    ["max", max(a, 1)],
    ["matmul", matmul(a, transpose(b))],
    ["linear", linear(a, b, random32([3]))],
    ["transpose", transpose(a)],
    ["reshape", reshape(a, [12])],
    ["softmax", softmax(a)],
    ["logSoftmax", logSoftmax(a)],
    ["crossEntropy", crossEntropy(a, [0, 3, 1])],
  ];
  for (const [name, t] of results) {
    assert.equal(t.dtype, "float32", name);
    assert.ok(t.data instanceof Float32Array, name);
  }
  assert.equal(argmax(a).dtype, "float64", "argmax returns indices as float64, as before");
  let s = 0;
  for (const x of a.data) s += x;
  assert.equal(sum(a).item(), f32(s), "the float64 sum, rounded once");
});

Deno.test("elementwise float32 ops round each exact result once, as torch's float32 kernels", () => {
  const a = random32([50]), b = random32([50], 0.5, 2);
  const ops = [
    [add, (x: number, y: number) => x + y],
    [sub, (x: number, y: number) => x - y],
    [mul, (x: number, y: number) => x * y],
    [div, (x: number, y: number) => x / y],
  ] as const;
  for (const [op, exact] of ops) {
    const got = op(a, b).toArray();
    got.forEach((g, i) => assert.equal(g, f32(exact(a.data[i]!, b.data[i]!))));
  }
  // a number operand is rounded to float32 first, as torch casts a Python scalar
  const scaled = mul(a, 0.1).toArray();
  scaled.forEach((g, i) => assert.equal(g, f32(a.data[i]! * f32(0.1))));
});

Deno.test("mixed float32 and float64 elementwise ops promote to float64 (torch's rule)", () => {
  const a = random32([2, 3]);
  const b = tensor([[0.1, 0.2, 0.3]], undefined, { requiresGrad: true });
  for (const [op, name] of [[add, "add"], [sub, "sub"], [mul, "mul"], [div, "div"]] as const) {
    const ab = op(a, b), ba = op(b, a);
    assert.equal(ab.dtype, "float64", name);
    assert.equal(ba.dtype, "float64", name);
  }
  const y = mul(a, b);
  y.toArray().forEach((v, i) => assert.equal(v, a.data[i]! * b.data[i % 3]!), "in float64");
  y.sum().backward();
  assert.ok(a.grad instanceof Float32Array, "each input's grad keeps its dtype");
  assert.ok(b.grad instanceof Float64Array);
  assert.deepEqual(Array.from(a.grad!), [0.1, 0.2, 0.3, 0.1, 0.2, 0.3].map(f32));
});

Deno.test("matmul and linear refuse mixed dtypes with PyTorch's message", () => {
  const a = random32([2, 3]), d = tensor([[1, 2, 3], [4, 5, 6]]);
  const expect = (call: () => unknown, parts: string[]) =>
    assert.throws(call, (e: Error) => {
      assert.ok(e instanceof TypeError, e.message);
      for (const p of parts) assert.ok(e.message.includes(p), `${e.message} lacks ${p}`);
      return true;
    });
  expect(() => matmul(a, transpose(d)), [
    "matmul",
    "expected mat1 and mat2 to have the same dtype, but got: float != double",
  ]);
  expect(() => matmul(d, transpose(a)), ["but got: double != float"]);
  expect(() => linear(a, d), ["linear", "float != double", "weight is float64"]);
  expect(() => linear(a, a, tensor([1, 2])), ["bias is float64"]);
});

Deno.test("float32 gradients of every op match float64 finite differences", async (t) => {
  const cases: [string, (...x: Tensor[]) => Tensor, number[][], [number, number]?][] = [
    ["add (broadcast)", add, [[3, 4], [4]]],
    ["sub (broadcast)", sub, [[3, 1], [1, 4]]],
    ["mul (broadcast)", mul, [[2, 3], [3]]],
    ["div", div, [[2, 3], [2, 3]], [0.5, 2]],
    ["neg", neg, [[5]]],
    ["exp", exp, [[5]]],
    ["log", log, [[5]], [0.5, 2]],
    ["relu", relu, [[3, 4]]],
    ["tanh", tanh, [[5]]],
    ["sigmoid", sigmoid, [[5]]],
    ["sum over an axis", (x) => sum(x, 1), [[3, 4]]],
    ["mean", (x) => mean(x), [[3, 4]]],
    ["max over an axis", (x) => max(x, 0), [[3, 4]]],
    ["matmul", matmul, [[3, 4], [4, 5]]],
    ["linear with bias", linear, [[3, 4], [5, 4], [5]]],
    ["transpose", (x) => transpose(x), [[3, 4]]],
    ["reshape", (x) => reshape(x, [4, 3]), [[3, 4]]],
    ["softmax", (x) => softmax(x), [[3, 4]]],
    ["logSoftmax", (x) => logSoftmax(x, 0), [[3, 4]]],
    ["crossEntropy", (x) => crossEntropy(x, [1, 0, 3]), [[3, 4]]],
    ["crossEntropy none", (x) => crossEntropy(x, [2, 2], { reduction: "none" }), [[2, 4]]],
  ];
  for (const wasm of [true, false]) {
    const was = useWasm(wasm);
    try {
      for (const [name, f, shapes, range] of cases) {
        await t.step(`${name} (${wasm ? "WebAssembly" : "JavaScript"} kernels)`, () => {
          const inputs = shapes.map((s) => random32(s, ...(range ?? [-2, 2])));
          checkGradients32(f, inputs, name);
        });
      }
    } finally {
      useWasm(was);
    }
  }
});

Deno.test("a float32 matmul is float32 arithmetic: within its rounding bound of the float64 product", () => {
  // |fl32(Σ aᵢbᵢ) − Σ aᵢbᵢ| ≤ k · 2⁻²⁴ · Σ|aᵢbᵢ| (+ one final rounding) for fused sums of k terms
  const m = 70, k = 90, n = 50;
  const a = random32([m, k]), b = random32([k, n]);
  const c32 = matmul(a, b), c64 = matmul(a.double(), b.double());
  let worst = 0, differing = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let bound = 0;
      for (let p = 0; p < k; p++) bound += Math.abs(a.data[i * k + p]! * b.data[p * n + j]!);
      const err = Math.abs(c32.data[i * n + j]! - c64.data[i * n + j]!);
      worst = Math.max(worst, err / ((k + 1) * 2 ** -24 * bound));
      if (err > 0) differing++;
    }
  }
  assert.ok(worst <= 1, `worst error ${worst} of the bound`);
  assert.ok(differing > 0, "a float32 product differs from the float64 one somewhere");
});

Deno.test("capture replays a float32 step on the same buffers", () => {
  const x = tensor([[1, 2], [3, 4]], undefined, { dtype: "float32" });
  const w = tensor([[0.5, -0.25]], undefined, { dtype: "float32", requiresGrad: true });
  const step = capture(() => {
    const loss = linear(x, w).relu().sum();
    loss.backward();
    return loss;
  });
  const first = step().item();
  const eager = linear(x, w).relu().sum().item();
  assert.equal(first, eager);
  x.data.set([2, 2, 2, 2]);
  assert.equal(step().item(), f32(f32(2 * 0.5) + f32(2 * -0.25)) * 2);
  assert.ok(w.grad instanceof Float32Array);
  // leaf gradients accumulate: [3, 4] from the first call (row 0's output is 0), then [4, 4]
  assert.deepEqual(Array.from(w.grad!), [7, 8]);
});

Deno.test("capture: steady-state replays of a float32 Iris-sized step allocate nothing", async () => {
  const script = new URL("./_allocation_probe.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--v8-flags=--expose-gc", script.pathname, "float32"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const { capturedGrowth, eagerGrowth } = JSON.parse(new TextDecoder().decode(out.stdout));
  // as the float64 probe in capture_test.ts: < 1 byte per replay over 40,000 replays (one
  // allocation per replay would be ≥ 640 kB); eager steps allocate kilobytes each
  assert.ok(
    capturedGrowth < 40_000,
    `captured float32 replays grew the heap by ${capturedGrowth} bytes (eager: ${eagerGrowth})`,
  );
});
