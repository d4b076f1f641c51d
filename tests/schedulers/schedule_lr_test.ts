import assert from "node:assert/strict";
import {
  EPOCH_DEPRECATION_WARNING,
  LambdaLR,
  ScheduleLR,
  setWarningHandler,
  StepLR,
} from "../../lib/schedulers/mod.ts";
import type { OptimizerLike, SchedulerState } from "../../lib/schedulers/mod.ts";
import {
  constantSchedule,
  cosineDecaySchedule,
  type Schedule,
  stepDecay,
  warmupCosineDecaySchedule,
} from "../../lib/schedules/mod.ts";

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/schedules.json", import.meta.url)),
) as { cases: { name: string; values: number[] }[] };

/** The lr of group 0 right after construction and after each of `n` steps. */
function drive(scheduler: ScheduleLR, optimizer: OptimizerLike, n: number): number[] {
  const lrs = [optimizer.paramGroups[0]?.lr as number];
  for (let i = 0; i < n; i++) {
    scheduler.step();
    lrs.push(optimizer.paramGroups[0]?.lr as number);
  }
  return lrs;
}

function assertThrowsExactly(fn: () => unknown, ErrorClass: typeof Error, message: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error}`);
    assert.equal((error as Error).message, message);
    return true;
  });
}

Deno.test("ScheduleLR", async (t) => {
  await t.step(
    "sets lr = schedule(lastEpoch): schedule(0) at construction, then one per step",
    () => {
      const schedule = warmupCosineDecaySchedule({
        initValue: 0,
        peakValue: 0.1,
        warmupSteps: 5,
        decaySteps: 30,
      });
      const optimizer = { paramGroups: [{ lr: 123 }] };
      const scheduler = new ScheduleLR(optimizer, { schedule });
      const lrs = drive(scheduler, optimizer, 40);
      lrs.forEach((lr, epoch) => assert.equal(lr, schedule(epoch), `epoch ${epoch}`));
      assert.equal(scheduler.lastEpoch, 40);
      assert.deepEqual(scheduler.getLastLr(), [schedule(40)]);
    },
  );

  await t.step("with the seed's stepDecay gives PyTorch StepLR's values to the bit", () => {
    const torch = fixture.cases.find((c) => c.name === "seed step decay")?.values ?? [];
    assert.equal(torch.length, 100);
    const optimizer = { paramGroups: [{ lr: 1e-3 }] };
    const scheduler = new ScheduleLR(optimizer, {
      schedule: stepDecay({ lr0: 1e-3, beta: 0.5, period: 10 }),
    });
    assert.deepEqual(drive(scheduler, optimizer, 99), torch);
    const twin = { paramGroups: [{ lr: 1e-3 }] };
    const stepLR = new StepLR(twin, { stepSize: 10, gamma: 0.5 });
    const ours = [twin.paramGroups[0]?.lr];
    for (let i = 0; i < 99; i++) {
      stepLR.step();
      ours.push(twin.paramGroups[0]?.lr);
    }
    assert.deepEqual(ours, torch, "and the StepLR class agrees");
  });

  await t.step("writes the absolute value, where LambdaLR multiplies the initial lr", () => {
    const a = { paramGroups: [{ lr: 5 }] };
    const b = { paramGroups: [{ lr: 5 }] };
    new ScheduleLR(a, { schedule: constantSchedule({ value: 0.1 }) });
    new LambdaLR(b, { lrLambda: () => 0.1 });
    assert.equal(a.paramGroups[0]?.lr, 0.1);
    assert.equal(b.paramGroups[0]?.lr, 0.5);
  });

  await t.step("drives two param groups, with one schedule each or one for all", () => {
    const first = cosineDecaySchedule({ initValue: 0.1, decaySteps: 10 });
    const second = stepDecay({ lr0: 0.01, period: 3 });
    const optimizer = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
    const scheduler = new ScheduleLR(optimizer, { schedule: [first, second] });
    for (let epoch = 1; epoch <= 12; epoch++) {
      scheduler.step();
      assert.deepEqual(scheduler.getLastLr(), [first(epoch), second(epoch)]);
    }
    const shared = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
    new ScheduleLR(shared, { schedule: second });
    assert.deepEqual(shared.paramGroups.map((g) => g.lr), [0.01, 0.01]);
  });

  await t.step("step(epoch) jumps to schedule(epoch), with PyTorch's deprecation warning", () => {
    const seen: string[] = [];
    const previous = setWarningHandler((m) => seen.push(m));
    try {
      const schedule = stepDecay({ lr0: 1, period: 2 });
      const optimizer = { paramGroups: [{ lr: 1 }] };
      const scheduler = new ScheduleLR(optimizer, { schedule });
      scheduler.step(7);
      assert.equal(optimizer.paramGroups[0]?.lr, schedule(7));
      assert.equal(scheduler.lastEpoch, 7);
      assert.deepEqual(seen, [EPOCH_DEPRECATION_WARNING]);
    } finally {
      setWarningHandler(previous);
    }
  });

  await t.step("resumes from lastEpoch: the first value is schedule(lastEpoch + 1)", () => {
    const schedule = cosineDecaySchedule({ initValue: 1, decaySteps: 20 });
    const optimizer = { paramGroups: [{ lr: 0.3, initialLr: 1 }] };
    const scheduler = new ScheduleLR(optimizer, { schedule, lastEpoch: 9 });
    assert.equal(scheduler.lastEpoch, 10);
    assert.equal(optimizer.paramGroups[0]?.lr, schedule(10));
  });

  await t.step("state round trip: a rebuilt scheduler continues exactly as the original", () => {
    const schedule = warmupCosineDecaySchedule({
      initValue: 0,
      peakValue: 1,
      warmupSteps: 3,
      decaySteps: 20,
    });
    const original = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
    const a = new ScheduleLR(original, { schedule });
    for (let i = 0; i < 6; i++) a.step();
    const state = JSON.parse(JSON.stringify(a.stateDict())) as SchedulerState;
    assert.deepEqual(Object.keys(state).sort(), [
      "baseLrs",
      "field",
      "lastEpoch",
      "lastLr",
      "stepCount",
      "type",
    ]);
    const copy = { paramGroups: [{ lr: 1 }, { lr: 2 }] };
    const b = new ScheduleLR(copy, { schedule });
    b.loadStateDict(state);
    assert.deepEqual(b.stateDict(), a.stateDict());
    for (let i = 0; i < 10; i++) {
      a.step();
      b.step();
      assert.deepEqual(b.getLastLr(), a.getLastLr());
      assert.deepEqual(copy.paramGroups, original.paramGroups);
    }
  });

  await t.step("rejects bad options, leaving the optimizer untouched", () => {
    const optimizer = { paramGroups: [{ lr: 0.5 }, { lr: 0.7 }] };
    const before = structuredClone(optimizer);
    assertThrowsExactly(
      () => new ScheduleLR(optimizer, { schedule: 0.1 as unknown as Schedule }),
      TypeError,
      "schedule must be a function, got schedule=0.1",
    );
    assertThrowsExactly(
      () => new ScheduleLR(optimizer, { schedule: [(s) => s] }),
      RangeError,
      "schedule must have one schedule per param group, got 1 schedules for 2 param groups",
    );
    assertThrowsExactly(
      () => new ScheduleLR(optimizer, { schedule: [(s) => s, "x" as unknown as Schedule] }),
      TypeError,
      'schedule[1] must be a function, got schedule[1]="x"',
    );
    assertThrowsExactly(
      () => new ScheduleLR(optimizer, { schedule: () => NaN }),
      RangeError,
      "schedule(0) for paramGroups[0] must be finite, got schedule(0) for paramGroups[0]=NaN",
    );
    assertThrowsExactly(
      () =>
        new ScheduleLR(optimizer, {
          schedule: (s: number) => s,
          last_epoch: 3,
        } as unknown as { schedule: Schedule }),
      TypeError,
      "ScheduleLR got an unknown option last_epoch (did you mean lastEpoch?); expected one of schedule, lastEpoch, field",
    );
    assert.deepEqual(optimizer, before);
  });

  await t.step("a schedule that throws on step leaves lastEpoch and the lr as they were", () => {
    const optimizer = { paramGroups: [{ lr: 1 }] };
    const scheduler = new ScheduleLR(optimizer, {
      schedule: (s) => {
        if (s > 2) throw new RangeError("too far");
        return 1 / (s + 1);
      },
    });
    scheduler.step();
    scheduler.step();
    assert.throws(() => scheduler.step(), RangeError);
    assert.equal(scheduler.lastEpoch, 2);
    assert.equal(optimizer.paramGroups[0]?.lr, 1 / 3);
  });
});
