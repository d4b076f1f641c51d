/**
 * Bad inputs fail early with RangeError/TypeError messages that name the shapes or values.
 */

import assert from "node:assert/strict";
import { linear, matmul, mean, ones, rand, Tensor, tensor, zeros } from "../../lib/tensor/mod.ts";

Deno.test("shape mismatches name both shapes", async (t) => {
  await t.step("matmul", () => {
    assert.throws(() => matmul(zeros([120, 4]), zeros([5, 20])), {
      name: "RangeError",
      message: "matmul: cannot multiply [120, 4] by [5, 20]",
    });
  });
  await t.step("broadcasting", () => {
    assert.throws(() => zeros([2, 3]).add(zeros([4])), {
      name: "RangeError",
      message: "add: cannot broadcast [2, 3] with [4]",
    });
  });
  await t.step("linear", () => {
    assert.throws(() => linear(zeros([2, 3]), zeros([4, 5])), {
      message: "linear: cannot multiply [2, 3] by the transpose of weight [4, 5]",
    });
    assert.throws(() => linear(zeros([2, 3]), zeros([4, 3]), zeros([3])), {
      message: "linear: bias must have shape [4], got [3]",
    });
  });
  await t.step("reshape", () => {
    assert.throws(() => zeros([2, 3]).reshape([4, -1]), {
      message: "reshape: cannot view shape [2, 3] as [4, -1]",
    });
  });
  await t.step("tensor data and shape", () => {
    assert.throws(() => tensor([1, 2, 3], [2, 2]), {
      message: "tensor: shape [2, 2] needs 4 values, got 3",
    });
    assert.throws(() => tensor([[1, 2], [3]]), {
      message: "tensor: nested arrays must be rectangular, got data[1] of length 1, expected 2",
    });
    assert.throws(() => new Tensor(new Float64Array(1), [1.5]), {
      message: "shape must hold non-negative integers, got shape=[1.5]",
    });
    for (const make of [() => zeros([2, -1]), () => ones([-1]), () => rand([NaN])]) {
      assert.throws(make, {
        name: "RangeError",
        message: /^shape must hold non-negative integers/,
      });
    }
  });
});

Deno.test("axes out of range are reported with the valid range", () => {
  assert.throws(() => zeros([2, 3]).sum(2), {
    name: "RangeError",
    message: "sum: axis must be an integer in [-2, 1], got axis=2",
  });
});

Deno.test("reductions over empty tensors throw instead of returning NaN", () => {
  assert.throws(() => mean(zeros([0, 3]), 0), {
    message: "mean: cannot reduce an empty axis of shape [0, 3]",
  });
  assert.throws(() => zeros([0]).max(), {
    message: "max: cannot reduce an empty axis of shape [0]",
  });
  assert.equal(zeros([0]).sum().item(), 0); // an empty sum is 0, as in PyTorch
});

Deno.test("backward needs a scalar (or a gradient) and a graph", () => {
  const w = tensor([1, 2], [2], { requiresGrad: true });
  assert.throws(() => w.mul(2).backward(), {
    name: "RangeError",
    message: "backward: grad can be implicitly created only for scalar outputs, got shape [2]",
  });
  assert.throws(() => tensor([1]).backward(), {
    message: "backward: tensor does not require grad and does not have a grad function",
  });
  assert.throws(() => tensor([1, 2]).item(), {
    message: "item: only one-element tensors can be converted, got shape [2]",
  });
});

Deno.test("leaf gradients accumulate across backward calls, as in PyTorch", () => {
  const w = tensor([3], [1], { requiresGrad: true });
  w.mul(w).sum().backward();
  w.mul(w).sum().backward();
  assert.deepEqual(Array.from(w.grad!), [12]);
});

Deno.test("argmax picks the first maximum and toNested follows the shape", () => {
  const x = tensor([[1, 3, 3], [2, 0, 2]]);
  assert.deepEqual(x.argmax(1).toArray(), [1, 0]);
  assert.deepEqual(x.argmax().toArray(), [1]);
  assert.deepEqual(x.toNested(), [[1, 3, 3], [2, 0, 2]]);
  assert.deepEqual(x.max(0, { keepdim: true }).shape, [1, 3]);
});
