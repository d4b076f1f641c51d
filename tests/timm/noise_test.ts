/**
 * timm's noise: `timmNoise(t, ...)` against timm's own `Scheduler._calculate_noise(t)` run
 * under torch 1.13 (tests/fixtures/timm.json "noise": normal and uniform, four bounds and seeds,
 * 154 times each, seeds beyond 2^31 and 2^32 included), compared bit for bit: the claim is that
 * this is torch's CPU `torch.Generator` stream, not a look-alike.
 */

import assert from "node:assert/strict";
import { CosineLRScheduler, timmNoise } from "../../lib/timm/mod.ts";
import { TorchCpuGenerator } from "../../lib/timm/_torch_generator.ts";
import { fixture } from "./_fixture.ts";

Deno.test("timmNoise(t) equals timm's _calculate_noise(t) under torch 1.13, bit for bit", () => {
  let values = 0;
  let redrawn = 0;
  for (const row of fixture.noise) {
    row.t.forEach((t, i) => {
      const got = timmNoise(t, row);
      const want = row.noise[i] as number;
      assert.ok(
        Object.is(got, want),
        `${row.noiseType} pct=${row.noisePct} seed=${row.noiseSeed} t=${t}: got ${got}, timm ${want}`,
      );
      values += 1;
      if (row.noiseType === "normal") {
        const first = new TorchCpuGenerator(row.noiseSeed + t).randn();
        if (Math.abs(first) >= row.noisePct) redrawn += 1;
      }
    });
  }
  console.log(`timm noise: ${values}/${values} draws bit-exact, ${redrawn} of them redrawn`);
  assert.equal(values, 8 * 154);
  assert.ok(redrawn > 50, "the rejection loop (|noise| >= noisePct) is exercised");
});

Deno.test("TorchCpuGenerator: manual_seed(42) gives torch's first randn and rand values", () => {
  // torch.manual_seed(42); torch.randn(4) -> 0.3367, 0.1288, 0.2345, 0.2303 (float32)
  const g = new TorchCpuGenerator(42);
  assert.deepEqual(
    [g.randn(), g.randn(), g.randn(), g.randn()],
    [0.33669036626815796, 0.12880940735340118, 0.23446236550807953, 0.23033303022384644],
  );
  // torch.Generator().manual_seed(42); torch.rand(1) -> 0.8823
  assert.equal(new TorchCpuGenerator(42).rand(), 0.8822692632675171);
  // negative seeds wrap as unsigned 64-bit: -1 seeds like 2**32 - 1 (torch 1.13: 1.2197630405...)
  assert.equal(new TorchCpuGenerator(-1).randn(), 1.2197630405426025);
  assert.equal(new TorchCpuGenerator(2 ** 32 - 1).randn(), 1.2197630405426025);
});

Deno.test("noise is reproducible: the same seed gives the same lrs, another seed other lrs", () => {
  const run = (noiseSeed: number) => {
    const optimizer = { paramGroups: [{ lr: 0.1 }] };
    const s = new CosineLRScheduler(optimizer, { tInitial: 30, noiseRangeT: 0, noiseSeed });
    return Array.from({ length: 30 }, (_v, e) => {
      s.step(e);
      return optimizer.paramGroups[0]!.lr;
    });
  };
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
  const optimizer = { paramGroups: [{ lr: 0.1 }] };
  const quiet = new CosineLRScheduler(optimizer, { tInitial: 30 });
  quiet.step(3);
  const noisy = run(7)[3]!;
  const noise = timmNoise(3, { noiseType: "normal", noisePct: 0.67, noiseSeed: 7 });
  assert.equal(noisy, optimizer.paramGroups[0]!.lr + optimizer.paramGroups[0]!.lr * noise);
});
