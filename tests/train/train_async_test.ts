import assert from "node:assert/strict";
import {
  DivergenceError,
  irisSetup,
  train,
  trainAsync,
  type TrainOptions,
} from "../../lib/train/mod.ts";

const weights = (o: { model: { parameters(): { data: Float64Array | Float32Array }[] } }) =>
  o.model.parameters().map((p) => Array.from(p.data));

/** A promise settled by a macrotask: only an event loop that runs can settle it. */
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

Deno.test("trainAsync() runs train()'s loop, waiting for onProgress's promises", async (t) => {
  await t.step("gives bit-identical results and weights to train() (tolerance: none)", async () => {
    const options = { seed: 2, stepSize: 300, stopAt: null, iterations: 1200, evalEvery: 250 };
    const a = irisSetup(options);
    const b = irisSetup(options);
    const ra = train(a);
    const rb = await trainAsync({
      ...b,
      onProgress: (i) => i % 100 === 0 ? macrotask() : undefined,
    });
    assert.deepEqual(rb, ra);
    assert.deepEqual(weights(b), weights(a));
    assert.deepEqual(ra.history.iteration, [250, 500, 750, 1000, 1200]);
  });

  await t.step("stops on stopWhen at the same evaluation point as train()", async () => {
    const stopWhen: TrainOptions["stopWhen"] = (h) => h.iteration.length === 3;
    const ra = train({ ...irisSetup({ seed: 0, iterations: 5000 }), stopWhen });
    const rb = await trainAsync({ ...irisSetup({ seed: 0, iterations: 5000 }), stopWhen });
    assert.equal(rb.stopped, true);
    assert.equal(rb.iteration, 1500);
    assert.deepEqual(rb, ra);
  });

  await t.step("lets other tasks run while it waits: a timer fires during training", async () => {
    let firedAt = -1;
    let current = 0;
    setTimeout(() => firedAt = current, 0);
    await trainAsync({
      ...irisSetup({ seed: 1, iterations: 200, evalEvery: 100 }),
      onProgress: (i) => {
        current = i;
        return i === 50 ? macrotask() : undefined;
      },
    });
    // The timer was due before training started; it runs at the first wait, after iteration 50.
    assert.equal(firedAt, 50);
  });

  await t.step("train() does not wait: a timer due before it fires only after it", () => {
    let firedAt = -1;
    let current = 0;
    setTimeout(() => firedAt = current, 0);
    const never = new Promise<void>(() => {});
    const r = train({
      ...irisSetup({ seed: 1, iterations: 200, evalEvery: 100 }),
      onProgress: (i) => {
        current = i;
        return never;
      },
    });
    assert.equal(r.iteration, 200);
    assert.equal(firedAt, -1);
  });

  await t.step("waits for every promise onProgress returns, in order", async () => {
    const settled: number[] = [];
    await trainAsync({
      ...irisSetup({ seed: 1, iterations: 30, evalEvery: 10 }),
      onProgress: async (i) => {
        await macrotask();
        settled.push(i);
      },
    });
    assert.deepEqual(settled, Array.from({ length: 30 }, (_, k) => k + 1));
  });

  await t.step("a bad argument rejects and leaves the model unchanged", async () => {
    const s = irisSetup({ seed: 0 });
    const before = weights(s);
    await assert.rejects(
      trainAsync({ ...s, iterations: -1 }),
      (e: Error) =>
        e instanceof RangeError && e.message === "iterations must be ≥ 0, got iterations=-1",
    );
    assert.deepEqual(weights(s), before);
  });

  await t.step(
    "a diverging run rejects with DivergenceError and restores the weights",
    async () => {
      const s = irisSetup({ seed: 0, lr: 1e300, stepSize: null });
      const before = weights(s);
      let caught: unknown;
      try {
        await trainAsync({ ...s, onProgress: () => Promise.resolve() });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof DivergenceError, String(caught));
      assert.equal(caught.iteration, 2);
      // Restored to the initial weights, as train() does.
      assert.deepEqual(weights(s), before);
    },
  );

  await t.step("a rejected onProgress promise rejects the run", async () => {
    const boom = new Error("display failed");
    await assert.rejects(
      trainAsync({
        ...irisSetup({ seed: 0, iterations: 100 }),
        onProgress: (i) => i === 7 ? Promise.reject(boom) : undefined,
      }),
      (e) => e === boom,
    );
  });
});
