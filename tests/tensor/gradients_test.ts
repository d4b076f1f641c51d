/**
 * Every op's backward kernel against central finite differences in float64 (h = 1e-6,
 * |analytic − numeric| ≤ 1e-7 + 1e-6 · |numeric|), on random shapes including broadcasting.
 */

import {
  add,
  crossEntropy,
  div,
  exp,
  linear,
  log,
  logSoftmax,
  matmul,
  max,
  mean,
  mul,
  neg,
  relu,
  reshape,
  sigmoid,
  softmax,
  sub,
  sum,
  tanh,
  type Tensor,
  transpose,
} from "../../lib/tensor/mod.ts";
import { Random } from "../../lib/random.ts";
import { checkGradients, randomTensor } from "./_finite_difference.ts";

const rng = new Random(7);
const dim = () => 1 + rng.int(4);

Deno.test("binary ops broadcast and their gradients match finite differences", async (t) => {
  const shapes: [number[], number[]][] = [
    [[3, 4], [3, 4]],
    [[3, 4], [4]],
    [[3, 4], [3, 1]],
    [[2, 1, 4], [3, 1]],
    [[5], []],
    [[], [2, 3]],
    [[dim(), dim(), 1], [1, dim()]],
  ];
  const ops = { add, sub, mul, div } as const;
  for (const [name, op] of Object.entries(ops)) {
    await t.step(name, () => {
      for (const [sa, sb] of shapes) {
        const a = randomTensor(rng, sa);
        // keep divisors away from zero
        const b = name === "div" ? randomTensor(rng, sb, 0.5, 2) : randomTensor(rng, sb);
        checkGradients(rng, op, [a, b], `${name} [${sa}] with [${sb}]`);
      }
    });
  }
  await t.step("a number as the second operand", () => {
    checkGradients(rng, (a) => mul(add(a, 2), -3), [randomTensor(rng, [3, 2])], "scalar");
  });
});

Deno.test("unary ops' gradients match finite differences", async (t) => {
  const cases: [string, (x: Tensor) => Tensor, number, number][] = [
    ["neg", neg, -2, 2],
    ["exp", exp, -2, 2],
    ["log", log, 0.2, 3],
    ["relu", relu, -2, 2],
    ["tanh", tanh, -2, 2],
    ["sigmoid", sigmoid, -3, 3],
  ];
  for (const [name, op, lo, hi] of cases) {
    await t.step(name, () => {
      for (let k = 0; k < 3; k++) {
        checkGradients(rng, op, [randomTensor(rng, [dim(), dim()], lo, hi)], name);
      }
    });
  }
});

Deno.test("reductions' gradients match finite differences over all elements and each axis", async (t) => {
  for (const [name, op] of Object.entries({ sum, mean, max })) {
    await t.step(name, () => {
      const x = randomTensor(rng, [3, 4, 2]);
      checkGradients(rng, (a) => op(a), [x], `${name}()`);
      for (const axis of [0, 1, 2, -1]) {
        for (const keepdim of [false, true]) {
          checkGradients(rng, (a) => op(a, axis, { keepdim }), [x], `${name}(${axis}, ${keepdim})`);
        }
      }
    });
  }
});

Deno.test("matrix products' gradients match finite differences", async (t) => {
  await t.step("matmul on random shapes", () => {
    for (let k = 0; k < 6; k++) {
      const m = dim() + 2, n = dim() + 3, p = dim();
      checkGradients(rng, matmul, [randomTensor(rng, [m, p]), randomTensor(rng, [p, n])], "matmul");
    }
  });
  await t.step("linear with and without bias, odd and even sizes", () => {
    for (const [batch, nIn, nOut] of [[1, 1, 1], [3, 5, 7], [4, 4, 8], [7, 2, 3]]) {
      const x = randomTensor(rng, [batch!, nIn!]);
      const w = randomTensor(rng, [nOut!, nIn!]);
      const b = randomTensor(rng, [nOut!]);
      checkGradients(rng, linear, [x, w, b], `linear ${batch}x${nIn}→${nOut}`);
      checkGradients(rng, (a, c) => linear(a, c), [x, w], `linear no bias`);
    }
  });
});

Deno.test("layout and softmax ops' gradients match finite differences", async (t) => {
  await t.step("transpose and reshape", () => {
    checkGradients(rng, (a) => transpose(a), [randomTensor(rng, [3, 5])], "transpose");
    checkGradients(rng, (a) => transpose(a, 0, 2), [randomTensor(rng, [2, 3, 4])], "transpose 0 2");
    checkGradients(rng, (a) => reshape(a, [4, -1]), [randomTensor(rng, [2, 6])], "reshape");
  });
  await t.step("softmax and logSoftmax along each axis", () => {
    const x = randomTensor(rng, [3, 4, 2]);
    for (const axis of [0, 1, -1]) {
      checkGradients(rng, (a) => softmax(a, axis), [x], `softmax ${axis}`);
      checkGradients(rng, (a) => logSoftmax(a, axis), [x], `logSoftmax ${axis}`);
    }
  });
  await t.step("crossEntropy with every reduction", () => {
    const z = randomTensor(rng, [6, 4], -3, 3);
    const y = [0, 3, 1, 1, 2, 3];
    for (const reduction of ["mean", "sum", "none"] as const) {
      checkGradients(
        rng,
        (a) => crossEntropy(a, y, { reduction }),
        [z],
        `crossEntropy ${reduction}`,
      );
    }
  });
  await t.step("a composite graph reusing a tensor", () => {
    const f = (a: Tensor, b: Tensor) => sum(mul(tanh(matmul(a, b)), a.matmul(b)), 1);
    checkGradients(rng, f, [randomTensor(rng, [3, 3]), randomTensor(rng, [3, 3])], "composite");
  });
});
