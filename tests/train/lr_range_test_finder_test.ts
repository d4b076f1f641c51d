/**
 * lrRangeTest's finder options: linear sweeps, no divergence stop, validation data, the
 * suggestion rules, and restoring the model and optimizer even when a step throws.
 */

import assert from "node:assert/strict";
import { irisSetup } from "../../lib/train/mod.ts";
import {
  fastaiCurve,
  lightningSuggestion,
  lrRangeTest,
  minimumSuggestion,
  slideSuggestion,
  steepSuggestion,
  valleySuggestion,
} from "../../lib/train/lr_range_test.ts";
import { noGrad } from "../../lib/tensor/_graph.ts";
import { tensor } from "../../lib/tensor/mod.ts";
import { CrossEntropyLoss, Linear } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";

const weights = (model: { parameters(): { data: Float64Array | Float32Array }[] }) =>
  model.parameters().map((p) => Array.from(p.data));

const setup = () => {
  const s = irisSetup({ seed: 3, reduction: "mean" });
  return { ...s, data: s.split, split: s.split };
};

Deno.test("lrRangeTest({ mode: 'linear' }) grows the lr by equal steps from startLr to endLr", () => {
  const r = lrRangeTest({ ...setup(), mode: "linear", startLr: 0.01, endLr: 2, steps: 50 });
  assert.equal(r.lr.length, 50);
  r.lr.forEach((lr, i) => assert.equal(lr, 0.01 + (i / 49) * (2 - 0.01)));
  assert.equal(r.lr.at(-1), 2);
});

Deno.test("lrRangeTest({ divergeFactor: null }) goes on past 4x the lowest loss", () => {
  const sweep = () => {
    const model = new Linear(4, 3, { rng: new Random(0) });
    const { split } = irisSetup({ seed: 0 });
    const optimizer = new SGD(model.parameters());
    return { model, loss: new CrossEntropyLoss(), optimizer, data: split, startLr: 1e-3 };
  };
  const stopping = lrRangeTest({ ...sweep(), endLr: 1e4, steps: 200 });
  const running = lrRangeTest({ ...sweep(), endLr: 1e4, steps: 200, divergeFactor: null });
  assert.equal(stopping.stoppedEarly, true, "the default factor 4 stops this sweep");
  assert.ok(running.lr.length > stopping.lr.length);
  assert.deepEqual(running.lr.slice(0, stopping.lr.length), stopping.lr);
  const last = running.smoothedLoss.at(-1)!;
  assert.ok(last > 4 * Math.min(...running.smoothedLoss));
});

Deno.test("lrRangeTest with validationData records the held-out loss after each update", () => {
  const base = lrRangeTest({ ...setup(), startLr: 1e-3, endLr: 5, steps: 40 });
  const s = setup();
  const r = lrRangeTest({ ...s, validationData: s.split, startLr: 1e-3, endLr: 5, steps: 40 });
  assert.deepEqual(r.trainLoss, base.loss, "the training itself is unchanged");
  assert.deepEqual(base.trainLoss, base.loss);
  // replay the first step by hand: one SGD step at startLr, then the loss on the test rows
  const { model, loss, optimizer, split } = setup();
  optimizer.paramGroups[0]!.lr = 1e-3;
  optimizer.zeroGrad();
  loss.forward(model.forward(tensor(split.xTrain)), split.yTrain).backward();
  optimizer.step();
  const expected = noGrad(() => loss.forward(model.forward(tensor(split.xTest)), split.yTest));
  assert.equal(r.loss[0], expected.data[0]);
  assert.notEqual(r.loss[0], r.trainLoss[0]);
});

Deno.test("lrRangeTest's suggestions are fastai's and Lightning's functions on its curve", () => {
  const r = lrRangeTest({ ...setup(), startLr: 1e-4, endLr: 10, steps: 120, skipBegin: 5 });
  const cut = fastaiCurve(r.lr, r.smoothedLoss, 120);
  assert.deepEqual(r.suggestions.minimum, minimumSuggestion(cut.lrs, cut.losses));
  assert.deepEqual(r.suggestions.steep, steepSuggestion(cut.lrs, cut.losses));
  assert.deepEqual(r.suggestions.valley, valleySuggestion(cut.lrs, cut.losses));
  assert.deepEqual(r.suggestions.slide, slideSuggestion(cut.lrs, cut.losses));
  assert.deepEqual(
    r.suggestions.lightning,
    lightningSuggestion(r.lr, r.smoothedLoss, { skipBegin: 5, skipEnd: 1 }),
  );
  for (const s of Object.values(r.suggestions)) {
    assert.ok(s !== null && s.lr >= 1e-5 && s.lr <= 10, JSON.stringify(s));
  }
});

Deno.test("lrRangeTest({ suggestion }) picks the rule behind suggestedLr", () => {
  for (const rule of ["minimum", "steep", "valley", "slide", "lightning"] as const) {
    const r = lrRangeTest({ ...setup(), startLr: 1e-4, endLr: 10, steps: 80, suggestion: rule });
    assert.equal(r.suggestedLr, r.suggestions[rule]!.lr, rule);
  }
  const short = lrRangeTest({ ...setup(), steps: 10, suggestion: "slide" });
  assert.equal(short.suggestions.slide, null, "fewer than 16 points after fastai's cut");
  assert.equal(short.suggestedLr, short.steepestLr);
  assert.throws(() => lrRangeTest({ ...setup(), suggestion: "Valley" as never }), {
    name: "RangeError",
    message:
      'suggestion must be one of "steepest", "minimum", "steep", "valley", "slide", "lightning", ' +
      'got suggestion="Valley"',
  });
  assert.throws(() => lrRangeTest({ ...setup(), mode: "exp" as never }), {
    name: "RangeError",
    message: 'mode must be one of "exponential", "linear", got mode="exp"',
  });
});

Deno.test("lrRangeTest restores the model and the optimizer even when a step throws", () => {
  const s = setup();
  const before = weights(s.model);
  const state = structuredClone(s.optimizer.stateDict());
  let calls = 0;
  const failing = {
    forward: (...args: Parameters<typeof s.loss.forward>) => {
      calls += 1;
      if (calls === 8) throw new Error("boom at the 8th loss"); // a validation loss
      return s.loss.forward(...args);
    },
  };
  assert.throws(
    () => lrRangeTest({ ...s, loss: failing, validationData: s.split, steps: 30 }),
    /boom/,
  );
  assert.deepEqual(weights(s.model), before);
  assert.deepEqual(s.optimizer.stateDict(), state);
});
