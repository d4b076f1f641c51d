/**
 * State round trips: stateDict() → JSON.stringify → JSON.parse → a new scheduler on a restored
 * copy of the optimizer → loadStateDict() → carry on. The values must be bit-identical to the
 * uninterrupted run (same operations on the same numbers), for every fixture configuration.
 */

import assert from "node:assert/strict";
import type { ParamGroup } from "../../lib/schedulers/mod.ts";
import { build, CLASSES, fixture, optimizerOf, runSteps } from "./_decay_helpers.ts";

const STEPS = 60;

for (const name of CLASSES) {
  for (const midpoint of [0, 1, 25]) {
    Deno.test(`${name}: a state saved after ${midpoint} step${midpoint === 1 ? "" : "s"} resumes bit for bit`, () => {
      for (const c of fixture.cases.filter((c) => c.scheduler === name)) {
        const expected = runSteps(build(name, optimizerOf(c.lrs), c.options), STEPS);

        const first = optimizerOf(c.lrs);
        const original = build(name, first, c.options);
        for (let i = 0; i < midpoint; i++) original.step();
        const state = original.stateDict();
        const json = JSON.stringify(state);
        assert.deepEqual(JSON.parse(json), state, "stateDict() is plain JSON");
        const savedGroups: ParamGroup[] = JSON.parse(JSON.stringify(first.paramGroups));

        // Rebuild as a training script would: optimizer, scheduler, then both states.
        const second = optimizerOf(c.lrs);
        const restored = build(name, second, c.options);
        second.paramGroups.forEach((g, i) => Object.assign(g, savedGroups[i]));
        restored.loadStateDict(JSON.parse(json));
        assert.deepEqual(restored.stateDict(), state);

        const rows = [restored.getLastLr()];
        for (let i = midpoint; i < STEPS; i++) {
          restored.step();
          rows.push(restored.getLastLr());
        }
        rows.forEach((row, k) =>
          row.forEach((lr, g) => {
            const want = expected[midpoint + k]?.[g];
            assert.ok(Object.is(lr, want), `${c.name}, step ${midpoint + k}: ${lr} vs ${want}`);
          })
        );
      }
    });
  }
}

Deno.test("LambdaLR and MultiplicativeLR save one null per group instead of their functions", () => {
  const lambda = build("LambdaLR", optimizerOf([0.1, 0.2, 0.3]), { lrLambda: "seedStepUp" });
  assert.deepEqual(lambda.stateDict().lrLambdas, [null, null, null]);
  const multiplicative = build("MultiplicativeLR", optimizerOf([0.1, 0.2]), {
    lrLambda: ["const095", "every10x09"],
  });
  assert.deepEqual(multiplicative.stateDict().lrLambdas, [null, null]);
});

Deno.test("stateDict() holds the options, so loading it restores them", () => {
  const a = build("MultiStepLR", optimizerOf([0.1, 0.2]), { milestones: [2, 2, 9], gamma: 0.5 });
  assert.deepEqual(a.stateDict(), {
    type: "MultiStepLR",
    field: "lr",
    milestones: [2, 2, 9],
    gamma: 0.5,
    lastEpoch: 0,
    stepCount: 1,
    baseLrs: [0.1, 0.2],
    lastLr: [0.1, 0.2],
  });
  const b = build("MultiStepLR", optimizerOf([0.1, 0.2]), { milestones: [4], gamma: 0.1 });
  b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
  b.step();
  b.step();
  // epoch 2 is a milestone given twice: gamma ** 2
  assert.deepEqual(b.getLastLr(), [0.1 * 0.5 ** 2, 0.2 * 0.5 ** 2]);
});
