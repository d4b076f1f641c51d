/**
 * The seed post's PyTorch listings (a 2019 PyTorch, in which `scheduler.step()` came first in
 * each epoch and `get_lr()` was printed) reproduced the modern way: print `getLastLr()` for
 * the current epoch, then `optimizer.step()` and `scheduler.step()`. The expected text is
 * copied from the seed's printed output; the comparison is on exact strings.
 */

import assert from "node:assert/strict";
import {
  LambdaLR,
  type LRScheduler,
  MultiStepLR,
  type OptimizerLike,
  pyRepr,
  StepLR,
} from "../../lib/schedulers/mod.ts";

const LAMBDA_LR_LISTING = `[0.1]
[0.1]
[0.1]
[0.1]
[0.1]
[0.2]
[0.2]
[0.2]
[0.2]
[0.2]
[0.30000000000000004]
[0.30000000000000004]
[0.30000000000000004]
[0.30000000000000004]
[0.30000000000000004]
[0.4]
[0.4]
[0.4]
[0.4]
[0.4]`;

const STEP_LR_LISTING = `[0.1]
[0.1]
[0.1]
[0.1]
[0.1]
[0.05]
[0.05]
[0.05]
[0.05]
[0.05]
[0.025]
[0.025]
[0.025]
[0.025]
[0.025]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]`;

const MULTI_STEP_LR_LISTING = `[0.1]
[0.1]
[0.1]
[0.05]
[0.05]
[0.025]
[0.025]
[0.025]
[0.025]
[0.025]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]
[0.0125]`;

/** An SGD stand-in with lr 0.1 that counts its steps. */
function sgd(): OptimizerLike & { step(): void } {
  return {
    paramGroups: [{ lr: 0.1 }],
    stepCount: 0,
    step() {
      (this as { stepCount: number }).stepCount += 1;
    },
  };
}

/** The modern loop: print the lr of this epoch, then optimizer.step(), scheduler.step(). */
function listing(optimizer: { step(): void }, scheduler: LRScheduler): string {
  const lines: string[] = [];
  for (let epoch = 0; epoch < 20; epoch++) {
    lines.push(pyRepr(scheduler.getLastLr()));
    optimizer.step();
    scheduler.step();
  }
  return lines.join("\n");
}

Deno.test("LambdaLR with epoch // 5 + 1 prints the seed's 20 lines", () => {
  const optimizer = sgd();
  const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => Math.floor(epoch / 5) + 1 });
  assert.equal(listing(optimizer, scheduler), LAMBDA_LR_LISTING);
});

Deno.test("StepLR with stepSize 5 and gamma 0.5 prints the seed's 20 lines", () => {
  const optimizer = sgd();
  const scheduler = new StepLR(optimizer, { stepSize: 5, gamma: 0.5 });
  assert.equal(listing(optimizer, scheduler), STEP_LR_LISTING);
});

Deno.test("MultiStepLR with milestones 3, 5, 10 and gamma 0.5 prints the seed's 20 lines", () => {
  const optimizer = sgd();
  const scheduler = new MultiStepLR(optimizer, { milestones: [3, 5, 10], gamma: 0.5 });
  assert.equal(listing(optimizer, scheduler), MULTI_STEP_LR_LISTING);
});
