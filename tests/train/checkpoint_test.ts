import assert from "node:assert/strict";
import {
  type Checkpoint,
  emptyHistory,
  irisSetup,
  loadCheckpoint,
  saveCheckpoint,
  train,
} from "../../lib/train/mod.ts";

const weights = (o: { model: { parameters(): { data: Float64Array | Float32Array }[] } }) =>
  o.model.parameters().map((p) => Array.from(p.data));

const ITERATIONS = 3000;
const setup = () => irisSetup({ seed: 4, stepSize: 1000, stopAt: null, iterations: ITERATIONS });

Deno.test("train() resumed from a checkpoint ends bit-identical to the uninterrupted run", async (t) => {
  const whole = setup();
  const expected = train(whole);
  const expectedWeights = weights(whole);
  const expectedRandom = whole.rng.state();

  // Checkpoints at several kinds of iteration: the first, between evaluation points, on an
  // evaluation point, on an lr decay, and just before the end.
  for (const at of [1, 499, 500, 1000, 1234, 2999]) {
    await t.step(`from iteration ${at}, through JSON`, () => {
      const first = setup();
      let saved = "";
      train({
        ...first,
        iterations: at,
        checkpointEvery: at,
        onCheckpoint: (cp) => {
          saved = JSON.stringify(cp);
        },
      });
      first.rng.normal(); // the stream moves on after the checkpoint ...
      const resumed = setup();
      resumed.rng.uniform();
      const result = train({ ...resumed, resume: JSON.parse(saved) as Checkpoint });
      assert.deepEqual(weights(resumed), expectedWeights);
      assert.deepEqual(result.history, expected.history);
      assert.equal(result.loss, expected.loss);
      assert.deepEqual(resumed.optimizer.stateDict(), whole.optimizer.stateDict());
      assert.deepEqual(resumed.scheduler!.stateDict(), whole.scheduler!.stateDict());
      assert.deepEqual(resumed.rng.state(), expectedRandom); // ... and is restored
    });
  }

  await t.step("checkpoints come every checkpointEvery iterations and hold it all", () => {
    const s = setup();
    const seen: Checkpoint[] = [];
    train({ ...s, iterations: 1200, checkpointEvery: 400, onCheckpoint: (cp) => seen.push(cp) });
    assert.deepEqual(seen.map((c) => c.iteration), [400, 800, 1200]);
    const last = seen[2]!;
    assert.equal(last.format, "anneal-checkpoint");
    assert.deepEqual(Object.keys(last).sort(), [
      "format",
      "history",
      "iteration",
      "lossCount",
      "lossSum",
      "model",
      "optimizer",
      "order",
      "random",
      "scheduler",
      "smoothing",
      "version",
    ]);
    assert.equal(last.version, 2);
    assert.equal(last.order, null); // not shuffled
    assert.equal(last.smoothing!.count, 1200);
    assert.deepEqual(seen[1]!.history.iteration, [500]);
    assert.equal(seen[1]!.lossCount, 300);
    assert.deepEqual(JSON.parse(JSON.stringify(last)), last);
  });
});

Deno.test("loadCheckpoint()", async (t) => {
  await t.step("a bad checkpoint throws and changes nothing", () => {
    const s = setup();
    const cp = saveCheckpoint(s, { iteration: 0, history: emptyHistory() });
    train({ ...s, iterations: 10 });
    const before = weights(s);
    const optimizerBefore = s.optimizer.stateDict();
    const broken = structuredClone(cp);
    broken.optimizer.paramGroups = []; // the model part loads first, then this fails
    assert.throws(() => loadCheckpoint(broken, s), RangeError);
    assert.deepEqual(weights(s), before);
    assert.deepEqual(s.optimizer.stateDict(), optimizerBefore);
  });

  await t.step("rejects other formats, and a scheduler mismatch", () => {
    const s = setup();
    const cp = saveCheckpoint(s, { iteration: 3, history: emptyHistory() });
    assert.throws(() => loadCheckpoint({ ...cp, format: "other" } as never, s), {
      name: "TypeError",
      message:
        'checkpoint must be an anneal-checkpoint object of version 1 or 2, got format="other" version=2',
    });
    assert.throws(() => loadCheckpoint({ ...cp, iteration: -1 }, s), RangeError);
    assert.throws(() => loadCheckpoint(cp, { ...s, scheduler: undefined }), {
      name: "TypeError",
      message: "checkpoint has a scheduler state, but no scheduler was given to load it into",
    });
    assert.throws(
      () => loadCheckpoint({ ...cp, history: { iteration: [1] } as never }, s),
      TypeError,
    );
  });

  await t.step("a model of another shape is refused", () => {
    const s = setup();
    const other = irisSetup({ seed: 4, hidden: [10, 20] });
    const cp = saveCheckpoint(s, { iteration: 0, history: emptyHistory() });
    assert.throws(() => loadCheckpoint(cp, other), /shape mismatch for "0.weight"/);
  });
});
