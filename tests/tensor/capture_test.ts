/**
 * `capture` replays a recorded training step on the same buffers: the values equal eager
 * execution bit for bit, and steady-state replays allocate nothing (checked in a subprocess
 * with V8's --expose-gc: heap growth over 40,000 replays after a warm-up, without collecting in between).
 */

import assert from "node:assert/strict";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { Adam, SGD } from "../../lib/optim/mod.ts";
import { Random } from "../../lib/random.ts";
import { capture, noGrad, tensor } from "../../lib/tensor/mod.ts";

function setup(optimizer: "sgd" | "adam") {
  const rng = new Random(3);
  const x = tensor(Array.from({ length: 30 * 4 }, () => rng.normal(0, 1)), [30, 4]);
  const y = Int32Array.from({ length: 30 }, () => rng.int(3));
  const model = new Sequential(
    new Linear(4, 8, { rng }),
    new ReLU(),
    new Linear(8, 3, { rng }),
  );
  const opt = optimizer === "sgd"
    ? new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 })
    : new Adam(model.parameters(), { lr: 0.01 });
  const lossFn = new CrossEntropyLoss();
  const step = () => {
    opt.zeroGrad();
    const loss = lossFn.forward(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss;
  };
  return { x, y, model, opt, step };
}

Deno.test("capture: replayed steps equal eager steps bit for bit", async (t) => {
  for (const optimizer of ["sgd", "adam"] as const) {
    await t.step(optimizer, () => {
      const eager = setup(optimizer);
      const replay = setup(optimizer);
      const captured = capture(replay.step);
      for (let i = 0; i < 25; i++) {
        const a = eager.step().item();
        const b = captured().item();
        assert.equal(b, a, `loss at step ${i + 1}`);
      }
      const pe = eager.model.parameters(), pr = replay.model.parameters();
      pe.forEach((p, k) => assert.deepEqual(pr[k]!.toArray(), p.toArray(), `parameter ${k}`));
      assert.equal(replay.opt.stepCount, 25);
    });
  }
});

Deno.test("capture: replays see new input values written in place and new learning rates", () => {
  const eager = setup("sgd");
  const replay = setup("sgd");
  const captured = capture(replay.step);
  captured();
  eager.step();
  const rng = new Random(11);
  for (let i = 0; i < 5; i++) {
    const fresh = Array.from({ length: 120 }, () => rng.normal(0, 1));
    const labels = Array.from({ length: 30 }, () => rng.int(3));
    eager.x.data.set(fresh);
    replay.x.data.set(fresh);
    eager.y.set(labels);
    replay.y.set(labels);
    eager.opt.paramGroups[0]!.lr = replay.opt.paramGroups[0]!.lr = 0.1 / (i + 2);
    assert.equal(captured().item(), eager.step().item());
  }
});

Deno.test("capture: the first call runs eagerly and returns the same object on replays", () => {
  const x = tensor([1, 2, 3]);
  const f = capture(() => x.mul(x).sum());
  const first = f();
  assert.equal(first.item(), 14);
  x.data.set([3, 0, 0]);
  assert.equal(f(), first);
  assert.equal(first.item(), 9);
});

Deno.test("capture: nested captures throw", () => {
  const inner = capture(() => tensor([1]).mul(2));
  const outer = capture(() => inner());
  assert.throws(() => outer(), { name: "Error", message: "capture: captures cannot be nested" });
});

Deno.test("noGrad builds no graph and restores tracking after an exception", () => {
  const w = tensor([1, 2], [2], { requiresGrad: true });
  assert.equal(noGrad(() => w.mul(2)).requiresGrad, false);
  assert.throws(() =>
    noGrad(() => {
      throw new Error("boom");
    })
  );
  assert.equal(w.mul(2).requiresGrad, true);
});

Deno.test("capture: steady-state replays of the Iris-sized step allocate nothing", async () => {
  const script = new URL("./_allocation_probe.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--v8-flags=--expose-gc", script.pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const { capturedGrowth, eagerGrowth } = JSON.parse(text);
  // The smallest heap object is 16 bytes, so one allocation per replay would grow the heap by
  // ≥ 640 kB over 40,000 replays; we allow < 1 byte per replay (what remains of the JIT's own
  // code and feedback objects after a 10,000-step warm-up: about 14 kB). Eager steps, for contrast, allocate kilobytes
  // each (not asserted: a scavenge may run while they do).
  assert.ok(
    capturedGrowth < 40_000,
    `captured replays grew the heap by ${capturedGrowth} bytes (eager: ${eagerGrowth})`,
  );
});
