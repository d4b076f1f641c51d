import assert from "node:assert/strict";
import {
  collectLrs,
  CosineAnnealingLR,
  type OptimizerLike,
  StepLR,
} from "../../lib/schedulers/mod.ts";

Deno.test("collectLrs()", async (t) => {
  await t.step("gives StepLR's closed form lr0 · gamma^⌊t/s⌋ per group, exactly", () => {
    const lr0 = [0.1, 0.3];
    const scheduler = new StepLR({ paramGroups: lr0.map((lr) => ({ lr })) }, {
      stepSize: 3,
      gamma: 0.5,
    });
    const expected = Array.from(
      { length: 12 },
      (_, t) => lr0.map((lr) => lr * 0.5 ** Math.floor(t / 3)),
    );
    assert.deepEqual(collectLrs(scheduler, 12), expected);
  });

  await t.step("steps between reads, never after the last: lastEpoch ends at epochs − 1", () => {
    const optimizer: OptimizerLike = { paramGroups: [{ lr: 1 }] };
    const scheduler = new CosineAnnealingLR(optimizer, { tMax: 10 });
    const lrs = collectLrs(scheduler, 7);
    assert.equal(lrs.length, 7);
    assert.equal(scheduler.lastEpoch, 6);
    assert.deepEqual(lrs.at(-1), [optimizer.paramGroups[0]!.lr]);
  });

  await t.step("zero epochs reads nothing and leaves the scheduler where it was", () => {
    const scheduler = new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 1 });
    assert.deepEqual(collectLrs(scheduler, 0), []);
    assert.equal(scheduler.lastEpoch, 0);
  });

  await t.step("bad arguments name themselves and step nothing", () => {
    const scheduler = new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 1 });
    for (const epochs of [-1, 2.5, NaN]) {
      assert.throws(() => collectLrs(scheduler, epochs), {
        name: "RangeError",
        message: `epochs must be a non-negative integer, got epochs=${epochs}`,
      });
    }
    assert.equal(scheduler.lastEpoch, 0);
    assert.throws(() => collectLrs({} as never, 3), {
      name: "TypeError",
      message: "scheduler must have getLastLr() and step(), got scheduler={}",
    });
  });
});
