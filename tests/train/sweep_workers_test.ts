import assert from "node:assert/strict";
import {
  irisRun,
  irisSetup,
  irisTask,
  sweep,
  sweepAsync,
  type SweepPosition,
  type SweepTask,
} from "../../lib/train/mod.ts";
import { schedulerFromSpec } from "../../lib/spec/mod.ts";

const cosine = { type: "CosineAnnealingLR", tMax: 600 };
const tasks = {
  "step decay": irisTask({ iterations: 600, stepSize: 200, evalEvery: 200, stopAt: null }),
  "cosine": irisTask({ iterations: 600, evalEvery: 200, scheduler: cosine }),
  "diverging": irisTask({ lr: 1e300, iterations: 400 }),
};
// The same runs written as functions, built independently of irisTask/irisRun.
const functions = {
  "step decay": (seed: number) =>
    irisSetup({ seed, iterations: 600, stepSize: 200, evalEvery: 200, stopAt: null }),
  "cosine": (seed: number) => {
    const setup = irisSetup({ seed, iterations: 600, evalEvery: 200, stepSize: null });
    return { ...setup, scheduler: schedulerFromSpec(setup.optimizer, cosine) };
  },
  "diverging": (seed: number) => irisSetup({ seed, lr: 1e300, iterations: 400 }),
};

Deno.test("sweepAsync({ workers }) runs tasks in workers", async (t) => {
  const single = sweep({ configs: functions, seeds: [0, 1] });

  await t.step(
    "gives sweep()'s runs bit for bit, in sweep order, diverged runs included (tolerance: none)",
    async () => {
      const two = await sweepAsync({ configs: tasks, seeds: [0, 1], workers: 2 });
      assert.deepEqual(two, single);
      assert.deepEqual(two.map((r) => `${r.name}/${r.seed}`), [
        "step decay/0",
        "step decay/1",
        "cosine/0",
        "cosine/1",
        "diverging/0",
        "diverging/1",
      ]);
      assert.equal(two.filter((r) => r.diverged !== null).length, 2);
      assert.deepEqual(two[0]!.history.lr, [1e-3, 5e-4, 2.5e-4]);
    },
  );

  await t.step("with one worker (the default), tasks run on this thread, the same", async () => {
    assert.deepEqual(await sweepAsync({ configs: tasks, seeds: [0, 1] }), single);
  });

  await t.step('more workers than runs, and workers: "auto", give the same', async () => {
    const configs = { cosine: tasks.cosine };
    const want = single.filter((r) => r.name === "cosine" && r.seed === 1);
    assert.deepEqual(await sweepAsync({ configs, seeds: [1], workers: 3 }), want);
    assert.deepEqual(await sweepAsync({ configs, seeds: [1], workers: "auto" }), want);
  });

  await t.step(
    "streams every iteration of every run to onProgress, in order per run, with its position",
    async () => {
      const seen = new Map<number, [number, number, number][]>();
      const positions = new Map<number, SweepPosition>();
      const finished: string[] = [];
      await sweepAsync({
        configs: tasks,
        seeds: [0, 1],
        workers: 2,
        onProgress: async (i, loss, lr, at) => {
          if (!seen.has(at.run)) seen.set(at.run, []);
          seen.get(at.run)!.push([i, loss, lr]);
          positions.set(at.run, at);
          await Promise.resolve();
        },
        onRun: (r) => finished.push(`${r.name}/${r.seed}`),
      });
      assert.equal(finished.length, 6);
      assert.deepEqual(new Set(finished).size, 6);
      assert.deepEqual(positions.get(3), {
        name: "cosine",
        seed: 0,
        run: 3,
        runs: 6,
        iterations: 600,
      });
      // Each run's calls equal the single-threaded sweep's calls for that run (tolerance: none).
      const own = new Map<number, [number, number, number][]>();
      sweep({
        configs: functions,
        seeds: [0, 1],
        onProgress: (i, loss, lr, at) => {
          if (!own.has(at.run)) own.set(at.run, []);
          own.get(at.run)!.push([i, loss, lr]);
        },
      });
      assert.deepEqual([...seen.keys()].sort(), [...own.keys()].sort());
      for (const [run, calls] of own) assert.deepEqual(seen.get(run), calls);
      assert.equal(seen.get(1)!.length, 600);
      assert.equal(seen.get(1)![599]![0], 600);
    },
  );

  await t.step("a callback's error rejects the sweep", async () => {
    await assert.rejects(
      sweepAsync({
        configs: { cosine: tasks.cosine },
        seeds: [0, 1],
        workers: 2,
        onRun: () => {
          throw new Error("stop here");
        },
      }),
      { message: "stop here" },
    );
  });
});

Deno.test("sweepAsync({ workers }) rejects what a worker cannot run", async (t) => {
  await t.step("a function configuration, which cannot be sent to a worker", async () => {
    await assert.rejects(
      sweepAsync({ configs: { f: functions.cosine }, seeds: [0], workers: 2 }),
      { name: "TypeError", message: /^with workers, every configuration must be a task/ },
    );
  });

  await t.step("bad workers", async () => {
    await assert.rejects(sweepAsync({ configs: tasks, seeds: [0], workers: 0 }), {
      name: "RangeError",
      message: "workers must be a positive integer, got workers=0",
    });
    await assert.rejects(sweepAsync({ configs: tasks, seeds: [0], workers: 1.5 }), RangeError);
    await assert.rejects(
      sweepAsync({ configs: tasks, seeds: [0], workers: "all" as never }),
      TypeError,
    );
  });

  await t.step("an export that is not a function, with the worker's message", async () => {
    const task: SweepTask = { module: tasks.cosine.module, export: "nothing" };
    const message = /^the task's export "nothing" of .*iris_task\.ts must be a function/;
    await assert.rejects(sweepAsync({ configs: { x: task }, seeds: [0], workers: 2 }), {
      name: "TypeError",
      message,
    });
    await assert.rejects(sweepAsync({ configs: { x: task }, seeds: [0] }), {
      name: "TypeError",
      message,
    });
  });

  await t.step("a builder's error keeps its class and message across the worker", async () => {
    const task: SweepTask = { module: tasks.cosine.module, export: "irisRun", args: { lr: -1 } };
    let local: unknown;
    try {
      irisRun(0, { lr: -1 });
    } catch (e) {
      local = e;
    }
    assert.ok(local instanceof RangeError);
    await assert.rejects(sweepAsync({ configs: { x: task }, seeds: [0], workers: 2 }), {
      name: "RangeError",
      message: local.message,
    });
  });

  await t.step("tasks that are not { module, export, args } of plain JSON", async () => {
    await assert.rejects(sweepAsync({ configs: { x: { module: 1 } as never }, seeds: [0] }), {
      name: "TypeError",
      message: /^configs\["x"\] must be a function \(seed\) => train options or a task/,
    });
    await assert.rejects(
      sweepAsync({ configs: { x: { ...tasks.cosine, extra: 1 } as never }, seeds: [0] }),
      TypeError,
    );
    await assert.rejects(
      sweepAsync({ configs: { x: { ...tasks.cosine, args: { f: () => 1 } } }, seeds: [0] }),
      { name: "TypeError", message: /^configs\["x"\]\.args must be plain JSON/ },
    );
  });
});

Deno.test("sweep() stays on the calling thread", async (t) => {
  await t.step("workers above 1 throw, pointing to sweepAsync", () => {
    assert.throws(() => sweep({ configs: functions, seeds: [0], workers: 2 }), {
      name: "RangeError",
      message: "sweep runs on the calling thread; use sweepAsync for workers, got workers=2",
    });
  });
  await t.step("a task throws: its module is imported asynchronously", () => {
    assert.throws(() => sweep({ configs: tasks, seeds: [0] }), {
      name: "TypeError",
      message: /^sweep needs functions as configurations/,
    });
  });
});

Deno.test("irisTask() and irisRun()", async (t) => {
  await t.step("a task is plain JSON that names irisRun in iris_task.ts", () => {
    const task = irisTask({ iterations: 10, scheduler: cosine });
    assert.equal(task.export, "irisRun");
    assert.match(task.module, /\/lib\/train\/iris_task\.ts$/);
    assert.deepEqual(JSON.parse(JSON.stringify(task)), task);
  });
  await t.step("irisRun builds the spec's scheduler on the run's optimizer", () => {
    const setup = irisRun(0, { iterations: 10, scheduler: { type: "StepLR", stepSize: 1 } });
    assert.equal(setup.scheduler?.constructor.name, "StepLR");
    assert.equal(setup.optimizer.paramGroups[0]!.lr, 1e-3);
  });
  await t.step("bad options throw when the task is made, not in a worker", () => {
    assert.throws(() => irisTask({ seed: 1 } as never), { name: "TypeError", message: /seed/ });
    assert.throws(() => irisTask({ lr: -1 }), RangeError);
    assert.throws(() => irisTask({ stepSize: 5, scheduler: cosine }), {
      name: "RangeError",
      message: /^stepSize configures the default StepLR, which scheduler replaces/,
    });
    assert.throws(() => irisTask({ scheduler: { type: "NoSuchLR" } }));
  });
});
