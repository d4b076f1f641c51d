import assert from "node:assert/strict";
import { accuracy, argmaxRow } from "../../lib/data/mod.ts";
import { tensor } from "../../lib/tensor/mod.ts";

Deno.test("accuracy()", async (t) => {
  await t.step("scores [n, classes]: the share of rows whose argmax is the label", () => {
    const logits = [[0.1, 2, -1], [3, 0, 0], [0, 0, 0.5], [1, 2, 3]];
    assert.equal(accuracy(tensor(logits), [1, 0, 2, 0]), 3 / 4);
    assert.equal(accuracy(logits, [1, 0, 2, 0]), 3 / 4);
    assert.equal(accuracy(logits, [1, 0, 2, 2]), 1);
    assert.equal(accuracy(logits, [0, 1, 0, 1]), 0);
  });

  await t.step("predicted classes [n]: compared directly", () => {
    assert.equal(accuracy([0, 1, 2, 1, 0], [0, 1, 2, 2, 2]), 3 / 5);
    assert.equal(accuracy(tensor([2, 2]), [2, 1]), 1 / 2);
    assert.equal(accuracy(new Int32Array([1, 1]), [1, 1]), 1);
  });

  await t.step("ties go to the first class, as PyTorch's and numpy's argmax", () => {
    assert.equal(accuracy([[1, 1, 0]], [0]), 1);
    assert.equal(accuracy([[1, 1, 0]], [1]), 0);
  });

  await t.step("NaN scores never win the argmax", () => {
    assert.equal(argmaxRow([NaN, 1, 0], 0, 3), 1);
    assert.equal(argmaxRow([0, 5, NaN, 1, 9, 2], 3, 3), 1);
  });

  await t.step("bad inputs throw errors that say what is wrong", () => {
    assert.throws(() => accuracy([[1, 0]], [0, 1]), {
      name: "RangeError",
      message: "accuracy: got 1 predictions for 2 labels",
    });
    assert.throws(() => accuracy([], []), {
      name: "RangeError",
      message: "accuracy: got no labels (the accuracy of nothing is undefined)",
    });
    assert.throws(() => accuracy(tensor([[[1]]]), [0]), RangeError);
    assert.throws(() => accuracy(null as never, [0]), TypeError);
    assert.throws(() => accuracy([0], null as never), TypeError);
  });
});
