/**
 * Faster kernels must compute the very same sums: `gemm` (float64) and `gemm32` (float32) on a
 * grid of shapes (every
 * small remainder, the Iris and MLP step shapes, odd widths on both sides of the packed
 * threshold, strided A, bias, accumulate) reproduces bit for bit the results of the reference
 * kernels recorded in tests/fixtures/gemm_bits.json by tools/fixtures_gemm_bits.ts (SHA-256 of
 * each result's bytes; tolerance: none).
 */

import assert from "node:assert/strict";
import { gemm, gemm32 } from "../../lib/tensor/_gemm.ts";
import { useWasm } from "../../lib/tensor/_wasm.ts";
import { digest, type GemmCase, runCase } from "../../tools/fixtures_gemm_bits.ts";

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/gemm_bits.json", import.meta.url)),
) as { reference: string; cases: (GemmCase & { sha256: string })[] };

Deno.test(`gemm, gemm32 reproduce the reference kernels bit for bit (${fixture.reference})`, async () => {
  assert.ok(useWasm(), "the WebAssembly kernels are available");
  assert.ok(fixture.cases.filter((c) => c.dtype === "float64").length > 2000);
  assert.ok(fixture.cases.filter((c) => c.dtype === "float32").length > 2000);
  const differ: string[] = [];
  for (const [index, c] of fixture.cases.entries()) {
    if (await digest(runCase({ gemm, gemm32 }, c, index)) !== c.sha256) {
      differ.push(`${c.dtype} m=${c.m} n=${c.n} k=${c.k} transposed=${c.transposed} ${c.mode}`);
    }
  }
  assert.deepEqual(differ, [], `${differ.length} of ${fixture.cases.length} results differ`);
});

Deno.test("the bit-for-bit check notices a one-ulp change", async () => {
  const c = fixture.cases.find((x) => x.m === 120 && x.n === 20 && x.k === 20)!;
  const index = fixture.cases.indexOf(c);
  const out = runCase({ gemm, gemm32 }, c, index);
  assert.equal(await digest(out), c.sha256);
  const bits = new Uint8Array(out.buffer);
  bits[56]! ^= 1;
  assert.notEqual(await digest(out), c.sha256);
});
