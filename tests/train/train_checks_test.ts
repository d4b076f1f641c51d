/**
 * train()'s checks: every bad option, mismatched object and bad checkpoint is rejected with a
 * clear error before anything changes (weights, optimizer state, scheduler state, rng), and runs
 * that blow up are stopped, restored and reported with a useful lr.
 */
import assert from "node:assert/strict";
import { CrossEntropyLoss, Linear } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { StepLR } from "../../lib/schedulers/mod.ts";
import { Random } from "../../lib/random.ts";
import {
  type Checkpoint,
  DivergenceError,
  irisSetup,
  loadCheckpoint,
  train,
  type TrainOptions,
} from "../../lib/train/mod.ts";

type Setup = ReturnType<typeof irisSetup>;
const base = () => irisSetup({ seed: 0, iterations: 20, evalEvery: 5, stopAt: null });

/** Everything a failed call must leave alone. */
function snapshot(s: Setup) {
  return {
    weights: s.model.parameters().map((p) => Array.from(p.data)),
    optimizer: JSON.stringify(s.optimizer.stateDict()),
    scheduler: JSON.stringify(s.scheduler?.stateDict() ?? null),
    random: s.rng.state(),
    stepCount: s.optimizer.stepCount,
  };
}

function rejects(
  patch: (s: Setup) => TrainOptions,
  expected: { name: string; message: string | RegExp },
  prepare?: (s: Setup) => void,
) {
  const s = base();
  prepare?.(s);
  const before = snapshot(s);
  assert.throws(
    () => train(patch(s)),
    (e: Error) => {
      const m = expected.message;
      const ok = e.name === expected.name &&
        (typeof m === "string" ? e.message === m : m.test(e.message));
      if (!ok) throw new Error(`got ${e.name}: ${e.message}`);
      return true;
    },
  );
  assert.deepEqual(snapshot(s), before);
}

Deno.test("train() rejects bad options before changing anything", async (t) => {
  const cases: [string, (s: Setup) => TrainOptions, { name: string; message: string | RegExp }][] =
    [
      ["a snake_case key, with a did-you-mean", (s) => ({ ...s, eval_every: 1 } as never), {
        name: "TypeError",
        message:
          /^train got an unknown option eval_every \(did you mean evalEvery\?\); expected one of /,
      }],
      ["a misspelt key", (s) => ({ ...s, batchsize: 8 } as never), {
        name: "TypeError",
        message: /unknown option batchsize \(did you mean batchSize\?\)/,
      }],
      ["options that are not an object", () => null as never, {
        name: "TypeError",
        message: "train options must be an object, got options=null",
      }],
      ["an explicit null", (s) => ({ ...s, batchSize: null } as never), {
        name: "TypeError",
        message: "train option batchSize must not be null, got batchSize=null",
      }],
      ["batchSize 0", (s) => ({ ...s, batchSize: 0 }), {
        name: "RangeError",
        message: "batchSize must be a positive integer, got batchSize=0",
      }],
      ["batchSize 2.5", (s) => ({ ...s, batchSize: 2.5 }), {
        name: "RangeError",
        message: "batchSize must be an integer, got batchSize=2.5",
      }],
      ["shuffle as a string", (s) => ({ ...s, shuffle: "false" } as never), {
        name: "TypeError",
        message: 'shuffle must be a boolean, got shuffle="false"',
      }],
      ["dropLast as a number", (s) => ({ ...s, batchSize: 8, dropLast: 1 } as never), {
        name: "TypeError",
        message: "dropLast must be a boolean, got dropLast=1",
      }],
      ["shuffle without rng", (s) => ({ ...s, rng: undefined, shuffle: true, batchSize: 8 }), {
        name: "TypeError",
        message: "shuffle needs rng, the stream it draws each epoch's order from",
      }],
      ["an rng that is not a Random", (s) => ({ ...s, rng: { state: () => 1 } } as never), {
        name: "TypeError",
        message: /^rng must be a Random/,
      }],
      [
        "dropLast with a batch larger than the data",
        (s) => ({ ...s, batchSize: 500, dropLast: true }),
        {
          name: "RangeError",
          message: "batchSize=500 with dropLast drops every row: there are only 120 training rows",
        },
      ],
      ["iterations and epochs both", (s) => ({ ...s, epochs: 2 }), {
        name: "TypeError",
        message: "train takes iterations or epochs, not both",
      }],
      ["neither iterations nor epochs", (s) => ({ ...s, iterations: undefined }), {
        name: "TypeError",
        message: "train needs iterations or epochs, got neither",
      }],
      ["epochs 0", (s) => ({ ...s, iterations: undefined, epochs: 0 }), {
        name: "RangeError",
        message: "epochs must be a positive integer, got epochs=0",
      }],
      ["an unknown schedulerInterval", (s) => ({ ...s, schedulerInterval: "batch" } as never), {
        name: "RangeError",
        message: 'schedulerInterval must be one of "step", "epoch", got schedulerInterval="batch"',
      }],
      ['evalEvery "epochs"', (s) => ({ ...s, evalEvery: "epochs" } as never), {
        name: "TypeError",
        message: 'evalEvery must be a number, got evalEvery="epochs"',
      }],
      ["divergeFactor 1", (s) => ({ ...s, divergeFactor: 1 }), {
        name: "RangeError",
        message: "divergeFactor must be greater than 1, got divergeFactor=1",
      }],
      ["divergeFactor NaN", (s) => ({ ...s, divergeFactor: NaN }), {
        name: "RangeError",
        message: "divergeFactor must be greater than 1, got divergeFactor=NaN",
      }],
      ["capture as a string", (s) => ({ ...s, capture: "no" } as never), {
        name: "TypeError",
        message: 'capture must be a boolean, got capture="no"',
      }],
      [
        "validation features without labels",
        (s) => ({ ...s, data: { ...s.data, xVal: s.split.xTest } }),
        {
          name: "TypeError",
          message: "data.xVal and data.yVal go together, got data.xVal alone",
        },
      ],
      ["validation rows of another width", (s) => ({
        ...s,
        data: { ...s.data, xVal: [[1, 2]], yVal: [0] },
      }), {
        name: "RangeError",
        message: "data.xVal has 2 features per row but data.xTrain has 4",
      }],
      ["a validation label out of range", (s) => ({
        ...s,
        data: { ...s.data, xVal: [[1, 2, 3, 4]], yVal: [7] },
      }), {
        name: "RangeError",
        message: "data.yVal must hold class indices in [0, 2], got data.yVal[0]=7",
      }],
    ];
  for (const [name, patch, expected] of cases) {
    await t.step(name, () => rejects(patch, expected));
  }
});

Deno.test("train() rejects mismatched objects before changing anything", async (t) => {
  await t.step("an optimizer built on another model", () => {
    rejects((s) => {
      const other = new Linear(4, 3, { rng: new Random(1) });
      return { ...s, optimizer: new SGD(other.parameters(), { lr: 0.1 }), scheduler: undefined };
    }, {
      name: "RangeError",
      message:
        /^optimizer\.paramGroups\[0\]\.params\[0\] is not a parameter of model: the optimizer was built on another model/,
    });
  });

  await t.step("a scheduler attached to another optimizer", () => {
    rejects((s) => {
      const other = new SGD(s.model.parameters(), { lr: 0.1 });
      return { ...s, scheduler: new StepLR(other, { stepSize: 2 }) };
    }, {
      name: "RangeError",
      message:
        "scheduler is attached to another optimizer: build it on the optimizer given to train()",
    });
  });

  await t.step("an optimizer over some of the model's parameters is fine (frozen layers)", () => {
    const model = new Linear(4, 3, { rng: new Random(0) });
    const s = base();
    const optimizer = new SGD([model.weight], { lr: 0.01 });
    const biasBefore = Array.from(model.bias!.data);
    train({ model, loss: new CrossEntropyLoss(), optimizer, data: s.data, iterations: 5 });
    assert.deepEqual(Array.from(model.bias!.data), biasBefore);
  });
});

Deno.test("train() checks a checkpoint against the run before loading it", async (t) => {
  const saved = () => {
    const s = base();
    let cp: Checkpoint | undefined;
    train({ ...s, iterations: 10, checkpointEvery: 10, onCheckpoint: (c) => cp = c });
    return cp!;
  };
  const cases: [
    string,
    (cp: Checkpoint) => Checkpoint,
    { name: string; message: string | RegExp },
  ][] = [
    ["iteration at the end of the run", (cp) => ({ ...cp, iteration: 20 }), {
      name: "RangeError",
      message: "checkpoint.iteration=20 leaves nothing to run: the run has iterations=20 in total",
    }],
    ["iteration past the end", (cp) => ({ ...cp, iteration: 500 }), {
      name: "RangeError",
      message: /^checkpoint\.iteration=500 leaves nothing to run/,
    }],
    ["lossCount -3", (cp) => ({ ...cp, lossCount: -3 }), {
      name: "RangeError",
      message:
        "checkpoint.lossCount must be in [0, checkpoint.iteration=10], got checkpoint.lossCount=-3",
    }],
    ["lossCount 2.5", (cp) => ({ ...cp, lossCount: 2.5 }), {
      name: "RangeError",
      message: "checkpoint.lossCount must be an integer, got checkpoint.lossCount=2.5",
    }],
    ["lossSum NaN", (cp) => ({ ...cp, lossSum: NaN }), {
      name: "RangeError",
      message: "checkpoint.lossSum must be finite, got checkpoint.lossSum=NaN",
    }],
    ["random null while an rng is given", (cp) => ({ ...cp, random: null }), {
      name: "TypeError",
      message: /^checkpoint has no random state \(checkpoint\.random=null\), but an rng was given/,
    }],
    ["a NaN weight (a checkpoint that never went through JSON)", (cp) => {
      const c = structuredClone(cp);
      (c.model["0.weight"] as { data: number[] }).data[3] = NaN;
      return c;
    }, {
      name: "RangeError",
      message:
        "checkpoint.model.0.weight.data[3] must be finite, got checkpoint.model.0.weight.data[3]=NaN",
    }],
    ["an infinite momentum buffer or lr", (cp) => {
      const c = structuredClone(cp);
      (c.optimizer.paramGroups[0] as { lr: number }).lr = Infinity;
      return c;
    }, {
      name: "RangeError",
      message: /^checkpoint\.optimizer\.paramGroups\[0\]\.lr must be finite/,
    }],
    ["a negative lr", (cp) => {
      const c = structuredClone(cp);
      (c.optimizer.paramGroups[0] as { lr: number }).lr = -1;
      return c;
    }, {
      name: "RangeError",
      message: /^checkpoint\.optimizer\.paramGroups\[0\]\.lr must be non-negative/,
    }],
    ["a history that runs past the checkpoint", (cp) => {
      const c = structuredClone(cp);
      c.history.iteration[1] = 15;
      return c;
    }, {
      name: "RangeError",
      message: "checkpoint.history ends at iteration 15, after checkpoint.iteration=10",
    }],
    ["a NaN in the history", (cp) => {
      const c = structuredClone(cp);
      c.history.loss[0] = NaN;
      return c;
    }, {
      name: "RangeError",
      message: /^checkpoint\.history\.loss\[0\] must be finite/,
    }],
    ["a batch order while shuffle is false", (cp) => ({ ...cp, order: [1, 0] }), {
      name: "RangeError",
      message: "checkpoint has a shuffled batch order (checkpoint.order), but shuffle is false",
    }],
    ["another format", (cp) => ({ ...cp, version: 3 } as never), {
      name: "TypeError",
      message: /^checkpoint must be an anneal-checkpoint object of version 1 or 2/,
    }],
  ];
  for (const [name, patch, expected] of cases) {
    await t.step(name, () => {
      const cp = saved();
      rejects((s) => ({ ...s, resume: patch(cp) }), expected);
    });
  }

  await t.step("a shuffled run saved mid-epoch needs its order", () => {
    const shuffled = (s: Setup): TrainOptions => ({ ...s, batchSize: 32, shuffle: true });
    const s = base();
    let cp: Checkpoint | undefined;
    train({ ...shuffled(s), iterations: 6, checkpointEvery: 6, onCheckpoint: (c) => cp = c });
    rejects((r) => ({ ...shuffled(r), resume: { ...cp!, order: null } }), {
      name: "RangeError",
      message:
        /^checkpoint\.order is missing: a shuffled run saved in the middle of an epoch \(iteration 6\)/,
    });
    rejects(
      (r) => ({ ...shuffled(r), resume: { ...cp!, order: [...cp!.order!.slice(1), 0, 0] } }),
      {
        name: "RangeError",
        message: "checkpoint.order has 121 rows but data.xTrain has 120",
      },
    );
    const dup = [...cp!.order!];
    dup[5] = dup[6]!;
    rejects((r) => ({ ...shuffled(r), resume: { ...cp!, order: dup } }), {
      name: "RangeError",
      message: /^checkpoint\.order must be a permutation of 0…119/,
    });
  });

  await t.step("loadCheckpoint() alone rejects the same and changes nothing", () => {
    const cp = saved();
    const s = base();
    const before = snapshot(s);
    assert.throws(() => loadCheckpoint({ ...cp, lossCount: -3 }, s), RangeError);
    assert.throws(() => loadCheckpoint({ ...cp, random: null }, s), TypeError);
    assert.deepEqual(snapshot(s), before);
  });
});

Deno.test("train() stops runs that blow up while staying finite", async (t) => {
  await t.step(
    "SGD at lr 1e3 throws DivergenceError, restores finite weights, suggests lr 0.1",
    () => {
      const s = irisSetup({
        seed: 0,
        reduction: "mean",
        lr: 1e3,
        stepSize: null,
        stopAt: null,
        iterations: 2000,
        evalEvery: 5,
      });
      const initial = snapshot(s);
      let caught: unknown;
      const seen: number[] = [];
      try {
        train({ ...s, onProgress: (_i, loss) => void seen.push(loss) });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof DivergenceError, `got ${caught}`);
      assert.equal(caught.suggestedLr, 0.1);
      assert.match(caught.message, /^loss is \S+ at iteration \d+ \(lr=1000\): training diverged/);
      assert.match(caught.message, /try a lower learning rate \(e\.g\. lr=0\.1\)/);
      assert.ok(seen.every(Number.isFinite));
      const w = snapshot(s).weights.flat();
      assert.ok(w.every(Number.isFinite) && Math.max(...w.map(Math.abs)) < 1e6, "weights restored");
      if (caught.restoredTo === 0) assert.deepEqual(snapshot(s).weights, initial.weights);
    },
  );

  await t.step(
    "the same run with divergeFactor Infinity returns normally with huge weights",
    () => {
      const s = irisSetup({
        seed: 0,
        reduction: "mean",
        lr: 1e3,
        stepSize: null,
        stopAt: null,
        iterations: 2000,
        evalEvery: 500,
      });
      const r = train({ ...s, divergeFactor: Infinity });
      assert.ok(Number.isFinite(r.loss));
      // The untrained loss is about ln 3 ≈ 1.1.
      assert.ok(r.loss > 100, `loss ${r.loss}`);
    },
  );

  await t.step("the notebook's too-large lr 5e-2 on the sum oscillates but is not stopped", () => {
    const r = train(
      irisSetup({ seed: 3, lr: 5e-2, iterations: 2000, evalEvery: 250, stopAt: null }),
    );
    assert.equal(r.iteration, 2000);
  });

  await t.step("a smaller divergeFactor stops earlier", () => {
    const at = (divergeFactor: number) => {
      try {
        train({
          ...irisSetup({
            seed: 0,
            reduction: "mean",
            lr: 30,
            stepSize: null,
            stopAt: null,
            iterations: 3000,
          }),
          divergeFactor,
        });
        return Infinity;
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        return error.iteration;
      }
    };
    const early = at(2), late = at(1e6);
    assert.ok(early < late, `factor 2 stopped at ${early}, factor 1e6 at ${late}`);
  });
});
