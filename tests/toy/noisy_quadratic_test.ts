import assert from "node:assert/strict";
import { NoisyQuadratic } from "../../lib/toy/mod.ts";
import { Random } from "../../lib/random.ts";

Deno.test("NoisyQuadratic", async (t) => {
  const bowl = new NoisyQuadratic({ curvatures: [1, 10], noiseStd: 2 });

  await t.step("loss is ½ Σ λᵢ wᵢ²", () => {
    assert.equal(bowl.loss([3, -1]), 0.5 * (1 * 9 + 10 * 1));
  });

  await t.step("run takes w ← w − η (λ w + σ ξ) with the seeded noise, step for step", () => {
    const run = bowl.run((s) => 0.1 / (1 + s), { start: [1, 2], steps: 5, seed: 9 });
    const rng = new Random(9);
    let w = [1, 2];
    for (let s = 0; s < 5; s++) {
      const eta = 0.1 / (1 + s);
      w = w.map((wi, i) => wi - eta * ([1, 10][i]! * wi + 2 * rng.normal()));
      assert.deepEqual(run.w[s + 1], w);
      assert.equal(run.lr[s], eta);
    }
    assert.equal(run.w.length, 6);
    assert.deepEqual(run.loss, run.w.map((p) => bowl.loss(p)));
  });

  await t.step("without noise, a fixed lr converges to the minimum geometrically", () => {
    const quiet = new NoisyQuadratic({ curvatures: [1, 10], noiseStd: 0 });
    const run = quiet.run(0.1, { start: [1, 1], steps: 50 });
    // Each coordinate is multiplied by (1 − ηλ): 0.9 and 0 here.
    assert.ok(Math.abs(run.w[50]![0]! - 0.9 ** 50) < 1e-15);
    assert.equal(run.w[50]![1], 0);
  });

  await t.step("the empirical stationary variance matches η σ² / (λ (2 − η λ)) within 6%", () => {
    // 400k steps after a burn-in of 2k; with autocorrelation 1 − ηλ = 0.95 the effective sample
    // is about 10k, a relative standard error of about 1.4% for the variance: 6% is 4 of them,
    // and the wrong formula without (2 − ηλ) is 33% off in the second direction.
    const eta = 0.05;
    const run = bowl.run(eta, { start: [0, 0], steps: 402_000, seed: 3 });
    const tail = run.w.slice(2_000);
    const expected = bowl.stationaryVariance(eta);
    for (const i of [0, 1]) {
      const variance = tail.reduce((s, p) => s + p[i]! ** 2, 0) / tail.length;
      const rel = Math.abs(variance / expected[i]! - 1);
      assert.ok(rel < 0.06, `direction ${i}: ${variance} vs ${expected[i]} (${rel})`);
    }
    assert.ok(
      Math.abs(bowl.stationaryLoss(eta) - (eta * 4 / (2 * 1.95) + eta * 4 / (2 * 1.5))) < 1e-15,
    );
  });

  await t.step("levelCurve lies on f(w) = value and closes", () => {
    const curve = bowl.levelCurve(2, 40);
    assert.equal(curve.length, 41);
    assert.deepEqual(curve[0], curve[40]);
    for (const p of curve) assert.ok(Math.abs(bowl.loss(p) - 2) < 1e-12);
    assert.throws(
      () => new NoisyQuadratic({ curvatures: [1], noiseStd: 0 }).levelCurve(1),
      /2 curvatures/,
    );
  });

  await t.step("bad input names the argument and its value", () => {
    assert.throws(
      () => new NoisyQuadratic({ curvatures: [1, 0], noiseStd: 1 }),
      new RangeError("curvatures[1] must be positive, got curvatures[1]=0"),
    );
    assert.throws(
      () => new NoisyQuadratic({ curvatures: [1], noise_std: 1 } as never),
      /unknown option noise_std \(did you mean noiseStd\?\)/,
    );
    assert.throws(() => bowl.run(0.1, { start: [1], steps: 3 }), TypeError);
    assert.throws(() => bowl.run(-1, { start: [1, 1], steps: 3 }), /lr must be non-negative/);
    assert.throws(() => bowl.run(0.1, { start: [1, 1], steps: 2.5 }), /steps must be an integer/);
    assert.throws(
      () => bowl.stationaryVariance(0.2),
      /lr must be below 2 \/ curvatures\[1\] = 0.2/,
    );
    assert.throws(
      () => bowl.run(() => NaN, { start: [1, 1], steps: 1 }),
      /lr\(0\) must be finite and non-negative, got lr\(0\)=NaN/,
    );
  });
});
