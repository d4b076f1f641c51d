import assert from "node:assert/strict";
import {
  irisRangeTestRun,
  irisRangeTestTask,
  irisSetup,
  lrRangeTest,
  type LrRangeTestOptions,
  type LrRangeTestPosition,
  type LrRangeTestRun,
  lrRangeTests,
  type SweepTask,
} from "../../lib/train/mod.ts";

// Three settings: a mean-loss test, a summed-loss test that explodes and stops early, and a
// linear sweep of the lr whose curve is the loss on the 30 test rows.
const tasks = {
  "mean": irisRangeTestTask({ reduction: "mean", startLr: 1e-4, steps: 120 }),
  "sum, explodes": irisRangeTestTask({ startLr: 1e-5, endLr: 10, steps: 150 }),
  "linear, validation": irisRangeTestTask({
    reduction: "mean",
    mode: "linear",
    startLr: 1e-3,
    endLr: 3,
    steps: 80,
    validation: true,
    suggestion: "valley",
  }),
};
// The same tests written out with irisSetup, independently of irisRangeTestTask/irisRangeTestRun.
const functions: Record<string, (seed: number) => LrRangeTestOptions> = {
  "mean": (seed) => {
    const { model, loss, optimizer, split } = irisSetup({ seed, reduction: "mean" });
    return { model, loss, optimizer, data: split, startLr: 1e-4, steps: 120 };
  },
  "sum, explodes": (seed) => {
    const { model, loss, optimizer, split } = irisSetup({ seed });
    return { model, loss, optimizer, data: split, startLr: 1e-5, endLr: 10, steps: 150 };
  },
  "linear, validation": (seed) => {
    const { model, loss, optimizer, split } = irisSetup({ seed, reduction: "mean" });
    return {
      model,
      loss,
      optimizer,
      data: split,
      validationData: split,
      mode: "linear",
      startLr: 1e-3,
      endLr: 3,
      steps: 80,
      suggestion: "valley",
    };
  },
};
const seeds = [0, 1, 2];

/** lrRangeTest() on this thread, configuration after configuration, seed after seed. */
function singleThreaded(onStep?: (test: number, step: number, loss: number, lr: number) => void) {
  const runs: LrRangeTestRun[] = [];
  for (const [name, build] of Object.entries(functions)) {
    for (const seed of seeds) {
      const options = build(seed);
      runs.push({ name, seed, result: lrRangeTest(options) });
    }
  }
  if (onStep !== undefined) {
    // The steps each test records, as onProgress must report them: (i + 1, loss[i], lr[i]).
    runs.forEach((run, t) =>
      run.result.lr.forEach((lr, i) => onStep(t + 1, i + 1, run.result.loss[i]!, lr))
    );
  }
  return runs;
}

const weights = (options: LrRangeTestOptions) =>
  (options.model as unknown as { parameters(): { data: Float64Array }[] }).parameters()
    .map((p) => Array.from(p.data));

Deno.test("lrRangeTests() runs independent range tests", async (t) => {
  const want = singleThreaded();

  await t.step("the fixture covers an early stop and a full curve", () => {
    assert.ok(want.some((r) => r.result.stoppedEarly));
    assert.ok(want.some((r) => !r.result.stoppedEarly && r.result.lr.length === 120));
    assert.ok(want.every((r) => r.result.suggestions.valley !== null));
  });

  await t.step(
    "on 2 workers, gives lrRangeTest()'s results bit for bit, in order (tolerance: none)",
    async () => {
      const two = await lrRangeTests({ configs: tasks, seeds, workers: 2 });
      // node's strict deepEqual: every number by Object.is (NaN equals NaN, -0 differs from 0)
      assert.deepEqual(two, want);
      assert.deepEqual(two.map((r) => `${r.name}/${r.seed}`), [
        "mean/0",
        "mean/1",
        "mean/2",
        "sum, explodes/0",
        "sum, explodes/1",
        "sum, explodes/2",
        "linear, validation/0",
        "linear, validation/1",
        "linear, validation/2",
      ]);
    },
  );

  await t.step("on the calling thread, tasks and functions give the same", async () => {
    assert.deepEqual(await lrRangeTests({ configs: tasks, seeds }), want);
    assert.deepEqual(await lrRangeTests({ configs: functions, seeds }), want);
  });

  await t.step('more workers than tests, and workers: "auto", give the same', async () => {
    const configs = { "mean": tasks.mean };
    const one = want.filter((r) => r.name === "mean" && r.seed === 2);
    assert.deepEqual(await lrRangeTests({ configs, seeds: [2], workers: 3 }), one);
    assert.deepEqual(await lrRangeTests({ configs, seeds: [2], workers: "auto" }), one);
  });

  await t.step("seeds change the curve (the spread the repetition is for)", () => {
    const mean = want.filter((r) => r.name === "mean");
    assert.notDeepEqual(mean[0]!.result.loss, mean[1]!.result.loss);
    assert.deepEqual(mean[0]!.result.lr, mean[1]!.result.lr);
  });
});

Deno.test("lrRangeTests() streams progress", async (t) => {
  const expected = new Map<number, [number, number, number][]>();
  singleThreaded((test, step, loss, lr) => {
    if (!expected.has(test)) expected.set(test, []);
    expected.get(test)!.push([step, loss, lr]);
  });

  for (const workers of [1, 2]) {
    await t.step(
      `with ${workers} worker(s): every recorded step of every test, in order per test, each call awaited`,
      async () => {
        const seen = new Map<number, [number, number, number][]>();
        const positions = new Map<number, LrRangeTestPosition>();
        const finished: string[] = [];
        let busy = false;
        await lrRangeTests({
          configs: tasks,
          seeds,
          workers,
          onProgress: async (step, loss, lr, at) => {
            assert.ok(!busy, "a call began before the previous one's promise settled");
            busy = true;
            if (!seen.has(at.test)) seen.set(at.test, []);
            seen.get(at.test)!.push([step, loss, lr]);
            positions.set(at.test, at);
            await new Promise((resolve) => setTimeout(resolve, 0));
            busy = false;
          },
          onRun: (run) => {
            // a test's outcome comes after all its progress
            const test = 1 + Object.keys(tasks).indexOf(run.name) * 3 + seeds.indexOf(run.seed);
            assert.equal(seen.get(test)?.length, run.result.lr.length);
            finished.push(`${run.name}/${run.seed}`);
          },
        });
        assert.equal(finished.length, 9);
        assert.equal(new Set(finished).size, 9);
        assert.deepEqual([...seen.keys()].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        for (const [test, calls] of expected) assert.deepEqual(seen.get(test), calls);
        assert.deepEqual(positions.get(8), {
          name: "linear, validation",
          seed: 1,
          test: 8,
          tests: 9,
          steps: 80,
        });
        assert.equal(seen.get(1)!.length, 120);
      },
    );
  }
});

Deno.test("lrRangeTests() reports a failing test by name and stops", async (t) => {
  const bad: SweepTask = {
    module: tasks.mean.module,
    export: "irisRangeTestRun",
    args: { startLr: 1, endLr: 0.1 },
  };
  const message =
    'configs["bad"] with seed 1: endLr must be greater than startLr, got startLr=1, endLr=0.1';

  for (const workers of [1, 2]) {
    await t.step(
      `with ${workers} worker(s): the test's error class, its message prefixed with the test`,
      async () => {
        const configs = { good: tasks.mean, bad };
        // "bad" fails at once; with 2 workers "good" may still be running: it is stopped
        await assert.rejects(
          lrRangeTests({ configs, seeds: [1], workers }),
          (error: Error) => {
            assert.ok(error instanceof RangeError, String(error));
            assert.equal(error.message, message);
            return true;
          },
        );
      },
    );
  }

  await t.step(
    "an export that is not a function names the task and what it must build",
    async () => {
      const task = { module: tasks.mean.module, export: "nothing" };
      for (const workers of [1, 2]) {
        await assert.rejects(lrRangeTests({ configs: { x: task }, seeds: [0], workers }), {
          name: "TypeError",
          message:
            /^configs\["x"\] with seed 0: the task's export "nothing" of .*iris_range_task\.ts must be a function \(seed, args\) => range test options/,
        });
      }
    },
  );

  await t.step(
    "a callback's error rejects as it is, on the calling thread and with workers",
    async () => {
      for (const workers of [1, 2]) {
        for (const fails of ["throws", "rejects"]) {
          await assert.rejects(
            lrRangeTests({
              configs: tasks,
              seeds,
              workers,
              onProgress: (step) => {
                if (step < 5) return;
                if (fails === "throws") throw new RangeError("progress stops here");
                return Promise.reject(new RangeError("progress stops here"));
              },
            }),
            { name: "RangeError", message: "progress stops here" },
          );
        }
        await assert.rejects(
          lrRangeTests({
            configs: tasks,
            seeds,
            workers,
            onRun: () => {
              throw new Error("stop here");
            },
          }),
          { message: "stop here" },
        );
      }
    },
  );

  await t.step(
    "a function configuration with workers is refused before anything runs",
    async () => {
      let built = 0;
      const f = (seed: number) => (built++, functions.mean!(seed));
      await assert.rejects(lrRangeTests({ configs: { f }, seeds: [0], workers: 2 }), {
        name: "TypeError",
        message: /^with workers, every configuration must be a task/,
      });
      assert.equal(built, 0);
    },
  );
});

Deno.test("lrRangeTests() stops on abort", async (t) => {
  await t.step("with workers: rejects with the reason; no progress comes after", async () => {
    const controller = new AbortController();
    let calls = 0;
    let callsAtAbort = -1;
    await assert.rejects(
      lrRangeTests({
        configs: tasks,
        seeds,
        workers: 2,
        signal: controller.signal,
        onProgress: () => {
          calls++;
          if (calls === 10) {
            controller.abort(new Error("enough"));
            callsAtAbort = calls;
          }
        },
      }),
      { message: "enough" },
    );
    // No callback runs after the abort (those queued are dropped, the workers are gone).
    assert.equal(calls, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(calls, 10);
    assert.equal(callsAtAbort, 10);
  });

  await t.step("on the calling thread: stops mid-test and restores that test's model", async () => {
    const controller = new AbortController();
    const options = functions.mean!(0);
    const before = weights(options);
    let steps = 0;
    await assert.rejects(
      lrRangeTests({
        configs: { mean: () => options },
        seeds: [0],
        signal: controller.signal,
        onProgress: async (step) => {
          steps = step;
          if (step === 50) controller.abort(new Error("enough"));
          await Promise.resolve();
        },
      }),
      { message: "enough" },
    );
    assert.equal(steps, 50);
    assert.deepEqual(weights(options), before);
    assert.equal(options.optimizer.paramGroups[0]!.lr, 0.12);
  });

  await t.step("an already aborted signal runs nothing", async () => {
    let built = 0;
    const f = (seed: number) => (built++, functions.mean!(seed));
    await assert.rejects(
      lrRangeTests({ configs: { f }, seeds: [0], signal: AbortSignal.abort(new Error("no")) }),
      { message: "no" },
    );
    await assert.rejects(
      lrRangeTests({
        configs: tasks,
        seeds: [0],
        workers: 2,
        signal: AbortSignal.abort(new Error("no")),
      }),
      { message: "no" },
    );
    assert.equal(built, 0);
  });
});

Deno.test("irisRangeTestTask() and irisRangeTestRun()", async (t) => {
  await t.step("a task is plain JSON that names irisRangeTestRun in iris_range_task.ts", () => {
    const task = irisRangeTestTask({ steps: 10, validation: true });
    assert.equal(task.export, "irisRangeTestRun");
    assert.match(task.module, /\/lib\/train\/iris_range_task\.ts$/);
    assert.deepEqual(JSON.parse(JSON.stringify(task)), task);
  });
  await t.step("irisRangeTestRun builds irisSetup's network without a scheduler", () => {
    const options = irisRangeTestRun(4, { reduction: "mean", steps: 10 }) as LrRangeTestOptions & {
      scheduler?: unknown;
    };
    const setup = irisSetup({ seed: 4, reduction: "mean" });
    assert.deepEqual(weights(options), weights({ ...setup, data: setup.split }));
    assert.equal(options.scheduler, undefined);
    assert.equal(options.validationData, undefined);
    assert.equal(options.steps, 10);
  });
  await t.step("bad options throw when the task is made, not in a worker", () => {
    assert.throws(() => irisRangeTestTask({ seed: 1 } as never), {
      name: "TypeError",
      message: /seed/,
    });
    assert.throws(() => irisRangeTestTask({ startLr: 1, endLr: 0.5 }), {
      name: "RangeError",
      message: "endLr must be greater than startLr, got startLr=1, endLr=0.5",
    });
    assert.throws(() => irisRangeTestTask({ steps: 1 }), RangeError);
    assert.throws(() => irisRangeTestTask({ validation: "yes" as never }), TypeError);
  });
});
