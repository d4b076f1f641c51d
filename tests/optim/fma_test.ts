/**
 * The private `fma` (a · b + c rounded once) that the lerp-based EMA needs for torch's last bit:
 * cases whose exact value is worked out by hand, where the unfused a * b + c differs.
 */

import assert from "node:assert/strict";
import { fma } from "../../lib/optim/_fma.ts";

Deno.test("fma rounds a · b + c once: 0.1 · 10 − 1 is 2^-54, not 0", () => {
  // 0.1 is 3602879701896397 · 2^-55; times 10 minus 2^55 · 2^-55 leaves 2 · 2^-55
  assert.equal(0.1 * 10 - 1, 0);
  assert.equal(fma(0.1, 10, -1), 2 ** -54);
});

Deno.test("fma keeps the product's low bits: (1 + 2^-52)² − (1 + 2^-51) is 2^-104", () => {
  const x = 1 + 2 ** -52;
  assert.equal(x * x - (1 + 2 ** -51), 0);
  assert.equal(fma(x, x, -(1 + 2 ** -51)), 2 ** -104);
});

Deno.test("fma does not overflow in the middle: 1e308 · 2 − 1e308 is 1e308", () => {
  assert.equal(1e308 * 2 - 1e308, Infinity);
  assert.equal(fma(1e308, 2, -1e308), 1e308);
  assert.equal(fma(1e308, 10, -1e308), Infinity); // 9e308 is beyond the largest double
});

Deno.test("fma rounds subnormal results to even and handles zeros and infinities", () => {
  assert.equal(fma(2 ** -1074, 0.5, 0), 0); // half of the smallest subnormal: ties to 0
  assert.equal(fma(3 * 2 ** -1074, 0.5, 0), 2 * 2 ** -1074); // 1.5 → 2
  assert.equal(fma(2 ** -600, 2 ** -500, 2 ** -1074), 2 ** -1074); // tiny product, no effect
  assert.equal(fma(3, 0, 7), 7);
  assert.equal(fma(Infinity, 2, 1), Infinity);
  assert.ok(Number.isNaN(fma(Infinity, 0, 1)));
  assert.equal(fma(2, 3, 4), 10);
  assert.equal(fma(-2, 3, 4), -2);
});
