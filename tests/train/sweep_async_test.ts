import assert from "node:assert/strict";
import {
  irisSetup,
  sweep,
  sweepAsync,
  type SweepPosition,
  type TrainOptions,
} from "../../lib/train/mod.ts";

/** A promise settled by a macrotask: only an event loop that runs can settle it. */
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const configs = {
  "step decay": (seed: number) =>
    irisSetup({ seed, iterations: 600, stepSize: 200, evalEvery: 200, stopAt: null }),
  "constant": (seed: number) => irisSetup({ seed, iterations: 400, stepSize: null }),
  "diverging": (seed: number) => irisSetup({ seed, lr: 1e300, iterations: 400 }),
};

Deno.test("sweepAsync() runs sweep()'s runs, waiting for its callbacks' promises", async (t) => {
  await t.step(
    "gives bit-identical runs to sweep(), diverged runs included (tolerance: none)",
    async () => {
      const a = sweep({ configs, seeds: [0, 1] });
      const b = await sweepAsync({
        configs,
        seeds: [0, 1],
        onProgress: (i) => i % 100 === 0 ? macrotask() : undefined,
        onRun: () => macrotask(),
      });
      assert.deepEqual(b, a);
      assert.equal(b.length, 6);
      assert.equal(b.filter((r) => r.diverged !== null).length, 2);
      assert.deepEqual(b[0]!.history.lr, [1e-3, 5e-4, 2.5e-4]);
    },
  );

  await t.step(
    "tells onProgress which run of how many, with train()'s iteration, loss and lr",
    async () => {
      const calls: [number, number, number, SweepPosition][] = [];
      const one = { a: configs["step decay"], b: configs.constant };
      await sweepAsync({
        configs: one,
        seeds: [5, 6],
        onProgress: (i, loss, lr, at) => {
          calls.push([i, loss, lr, at]);
          return Promise.resolve();
        },
      });
      const starts = calls.filter(([i]) => i === 1).map(([, , , at]) => at);
      assert.deepEqual(starts, [
        { name: "a", seed: 5, run: 1, runs: 4, iterations: 600 },
        { name: "a", seed: 6, run: 2, runs: 4, iterations: 600 },
        { name: "b", seed: 5, run: 3, runs: 4, iterations: 400 },
        { name: "b", seed: 6, run: 4, runs: 4, iterations: 400 },
      ]);
      assert.equal(calls.length, 600 + 600 + 400 + 400);
      // The same values train() reports for that run on its own (tolerance: none).
      const own: [number, number, number][] = [];
      await sweepAsync({
        configs: { a: one.a },
        seeds: [6],
        onProgress: (i, loss, lr) => void own.push([i, loss, lr]),
      });
      const second = calls.filter(([, , , at]) => at.run === 2).map(([i, l, lr]) => [i, l, lr]);
      assert.deepEqual(second, own);
      assert.deepEqual([...new Set(second.map(([, , lr]) => lr))], [1e-3, 5e-4, 2.5e-4]);
    },
  );

  await t.step("waits for every promise, in order: each iteration's, then the run's", async () => {
    const settled: string[] = [];
    const runs = await sweepAsync({
      configs: { c: (seed) => irisSetup({ seed, iterations: 3, evalEvery: 3 }) },
      seeds: [0, 1],
      onProgress: async (i, _loss, _lr, at) => {
        await macrotask();
        settled.push(`${at.run}:${i}`);
      },
      onRun: async (run) => {
        await macrotask();
        settled.push(`run ${run.seed}`);
      },
    });
    assert.deepEqual(settled, ["1:1", "1:2", "1:3", "run 0", "2:1", "2:2", "2:3", "run 1"]);
    assert.equal(runs.length, 2);
  });

  await t.step("lets other tasks run while it waits: a timer fires during the sweep", async () => {
    let firedAt = "";
    let current = "";
    setTimeout(() => firedAt = current, 0);
    await sweepAsync({
      configs: { c: configs.constant },
      seeds: [0, 1],
      onProgress: (i, _loss, _lr, at) => {
        current = `${at.run}:${i}`;
        return at.run === 2 && i === 50 ? macrotask() : undefined;
      },
    });
    // The timer was due before the sweep started; it runs at the first wait.
    assert.equal(firedAt, "2:50");
  });

  await t.step("a configuration's own onProgress still runs, before the sweep's", async () => {
    const order: string[] = [];
    const withOwn = (seed: number): TrainOptions => ({
      ...irisSetup({ seed, iterations: 2, evalEvery: 2 }),
      onProgress: async (i) => {
        order.push(`own ${i}`);
        await macrotask();
        order.push(`own ${i} settled`);
      },
    });
    await sweepAsync({
      configs: { o: withOwn },
      seeds: [0],
      onProgress: (i) => void order.push(`sweep ${i}`),
    });
    // Both are called, the configuration's first, and the sweep waits for its promise.
    assert.deepEqual(order, [
      "own 1",
      "sweep 1",
      "own 1 settled",
      "own 2",
      "sweep 2",
      "own 2 settled",
    ]);
  });

  await t.step("sweep() calls onProgress too, but never waits", () => {
    let calls = 0;
    const never = new Promise<void>(() => {});
    const runs = sweep({
      configs: { c: configs.constant },
      seeds: [0],
      onProgress: () => {
        calls++;
        return never;
      },
      onRun: () => never,
    });
    assert.equal(calls, 400);
    assert.equal(runs[0]!.iterations, 400);
  });

  await t.step("bad options reject, naming the option", async () => {
    await assert.rejects(sweepAsync({ configs: {}, seeds: [0] }), TypeError);
    await assert.rejects(sweepAsync({ configs, seeds: [] }), {
      name: "RangeError",
      message: "seeds must be a non-empty array, got seeds=[]",
    });
    await assert.rejects(
      sweepAsync({ configs, seeds: [0], onProgress: 3 as never }),
      (e: Error) => e instanceof TypeError && e.message.startsWith("onProgress must be"),
    );
    await assert.rejects(
      sweepAsync({ configs, seeds: [0], onRun: "x" as never }),
      (e: Error) => e instanceof TypeError && e.message.startsWith("onRun must be"),
    );
  });

  await t.step("a rejected promise rejects the sweep", async () => {
    const boom = new Error("display failed");
    await assert.rejects(
      sweepAsync({
        configs: { c: configs.constant },
        seeds: [0, 1],
        onProgress: (i, _loss, _lr, at) =>
          at.run === 2 && i === 7 ? Promise.reject(boom) : undefined,
      }),
      (e) => e === boom,
    );
    await assert.rejects(
      sweepAsync({
        configs: { c: configs.constant },
        seeds: [0],
        onRun: () => Promise.reject(boom),
      }),
      (e) => e === boom,
    );
  });
});
