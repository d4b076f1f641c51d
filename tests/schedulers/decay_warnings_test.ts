/**
 * PyTorch's UserWarnings, captured with setWarningHandler: the step-order warning (scheduler
 * stepped before the optimizer), getLr() outside step(), and the step(epoch) deprecation. Each
 * is shown once per message, like Python's default filter at one call site.
 */

import assert from "node:assert/strict";
import {
  EPOCH_DEPRECATION_WARNING,
  GET_LR_WARNING,
  type OptimizerLike,
  setWarningHandler,
  STEP_ORDER_WARNING,
} from "../../lib/schedulers/mod.ts";
import { build, CLASSES, firstCaseOf } from "./_decay_helpers.ts";

/** Runs `body` with warnings captured; returns them. */
function capture(body: () => void): string[] {
  const seen: string[] = [];
  const previous = setWarningHandler((m) => seen.push(m));
  try {
    body();
  } finally {
    setWarningHandler(previous);
  }
  return seen;
}

/** An optimizer that counts its steps, as SGD and Adam do. */
function countingOptimizer(lrs: number[]): OptimizerLike & { step(): void } {
  return {
    paramGroups: lrs.map((lr) => ({ lr, momentum: 0.9 })),
    stepCount: 0,
    step() {
      (this as { stepCount: number }).stepCount += 1;
    },
  };
}

Deno.test("the step-order warning has PyTorch's text", () => {
  assert.ok(STEP_ORDER_WARNING.startsWith(
    "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and " +
      "later, you should call them in the opposite order: `optimizer.step()` before " +
      "`lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first " +
      "value of the learning rate schedule.",
  ));
});

for (const name of CLASSES) {
  const c = firstCaseOf(name);
  Deno.test(`${name}: step() before optimizer.step() warns once`, () => {
    const seen = capture(() => {
      const optimizer = countingOptimizer(c.lrs);
      const scheduler = build(name, optimizer, c.options);
      scheduler.step();
      scheduler.step();
      optimizer.step();
      scheduler.step();
    });
    assert.deepEqual(seen, [STEP_ORDER_WARNING]);
  });

  Deno.test(`${name}: optimizer.step() then step() does not warn`, () => {
    const seen = capture(() => {
      const optimizer = countingOptimizer(c.lrs);
      const scheduler = build(name, optimizer, c.options);
      for (let i = 0; i < 10; i++) {
        optimizer.step();
        scheduler.step();
      }
    });
    assert.deepEqual(seen, []);
  });

  Deno.test(`${name}: getLr() outside step() warns; getLastLr() does not`, () => {
    const seen = capture(() => {
      const scheduler = build(name, countingOptimizer(c.lrs), c.options);
      scheduler.getLastLr();
      assert.equal(scheduler.getLr().length, c.lrs.length);
      scheduler.getLr();
    });
    assert.deepEqual(seen, [GET_LR_WARNING]);
  });

  Deno.test(`${name}: step(epoch) warns that the epoch argument is deprecated`, () => {
    const seen = capture(() => {
      const optimizer = countingOptimizer(c.lrs);
      const scheduler = build(name, optimizer, c.options);
      optimizer.step();
      scheduler.step(3);
      optimizer.step();
      scheduler.step(4);
    });
    assert.deepEqual(seen, [EPOCH_DEPRECATION_WARNING]);
  });
}

Deno.test("an optimizer without stepCount never triggers the step-order warning", () => {
  const seen = capture(() => {
    const scheduler = build("StepLR", { paramGroups: [{ lr: 0.1 }] }, { stepSize: 2 });
    scheduler.step();
    scheduler.step();
  });
  assert.deepEqual(seen, []);
});
