/**
 * Mini-batch training against real PyTorch (float64), tools/fixtures_minibatch.py: a
 * 64-16-10 ReLU network on 300 digits, trained from the same initial weights with the same batch
 * order (the rows in order, or in a given permutation; `shuffle: false`), SGD with momentum and a
 * scheduler stepped per batch or per epoch (StepLR, OneCycleLR, MultiStepLR, and
 * ReduceLROnPlateau on the validation loss), for 3 to 5 epochs. Each epoch's lr must equal
 * PyTorch's, its mean batch loss and validation loss must match to 1e-12 relative, and every
 * final weight to 1e-10 (|ours − torch| ≤ 1e-10 · max(1, |torch|)); captured and eager runs must
 * agree bit for bit.
 */

import assert from "node:assert/strict";
import { loadDigits } from "../../lib/data/mod.ts";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { SGD } from "../../lib/optim/mod.ts";
import { MultiStepLR, OneCycleLR, ReduceLROnPlateau, StepLR } from "../../lib/schedulers/mod.ts";
import { train } from "../../lib/train/mod.ts";

interface Case {
  name: string;
  order: "in order" | "permutation";
  batchSize: number;
  dropLast: boolean;
  epochs: number;
  reduction: "mean" | "sum";
  sgd: {
    lr: number;
    momentum?: number;
    dampening?: number;
    nesterov?: boolean;
    weightDecay?: number;
  };
  scheduler: Record<string, unknown> & { type: string };
  interval: "step" | "epoch";
  stepsPerEpoch: number;
  epochLog: { iteration: number; lr: number; loss: number; valLoss: number; lrAfter: number }[];
  final: number[][];
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/minibatch.json", import.meta.url)),
) as { torch: string; init: number[][]; permutation: number[]; cases: Case[] };

const WEIGHT_TOL = 1e-10;
const LOSS_TOL = 1e-12;

const digits = loadDigits();
const scaled = digits.x.map((row) => row.map((v) => v / 16));

function maxError(actual: ArrayLike<number>, expected: readonly number[]): number {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.max(1, Math.abs(e)));
  }
  return worst;
}

function runCase(c: Case, capture: boolean) {
  const model = new Sequential(new Linear(64, 16), new ReLU(), new Linear(16, 10));
  model.parameters().forEach((p, i) => p.data.set(fixture.init[i]!));
  const optimizer = new SGD(model.parameters(), c.sgd);
  const s = c.scheduler;
  const scheduler = s.type === "StepLR"
    ? new StepLR(optimizer, { stepSize: s.stepSize as number, gamma: s.gamma as number })
    : s.type === "OneCycleLR"
    ? new OneCycleLR(optimizer, { maxLr: s.maxLr as number, totalSteps: s.totalSteps as number })
    : s.type === "MultiStepLR"
    ? new MultiStepLR(optimizer, { milestones: s.milestones as number[], gamma: s.gamma as number })
    : new ReduceLROnPlateau(optimizer, {
      factor: s.factor as number,
      patience: s.patience as number,
    });
  const rows = c.order === "in order"
    ? Array.from({ length: 300 }, (_, i) => i)
    : fixture.permutation;
  const xVal = scaled.slice(300, 400), yVal = digits.y.slice(300, 400);
  const result = train({
    model,
    loss: new CrossEntropyLoss({ reduction: c.reduction }),
    optimizer,
    scheduler,
    schedulerInterval: c.interval,
    data: {
      xTrain: rows.map((i) => scaled[i]!),
      yTrain: rows.map((i) => digits.y[i]!),
      xTest: xVal,
      yTest: yVal,
      xVal,
      yVal,
    },
    epochs: c.epochs,
    batchSize: c.batchSize,
    dropLast: c.dropLast,
    shuffle: false,
    evalEvery: "epoch",
    capture,
  });
  return { model, optimizer, result };
}

Deno.test(`mini-batch train() matches PyTorch ${fixture.torch} (float64)`, async (t) => {
  for (const c of fixture.cases) {
    await t.step(
      `${c.name}: batch ${c.batchSize}${c.dropLast ? ", dropLast" : ""}, ${c.scheduler.type} per ${
        c.interval === "step" && c.scheduler.type !== "ReduceLROnPlateau" ? "batch" : "epoch"
      }, ${c.epochs} epochs`,
      () => {
        const { model, optimizer, result } = runCase(c, true);
        const h = result.history;
        assert.equal(result.stepsPerEpoch, c.stepsPerEpoch);
        assert.deepEqual(h.iteration, c.epochLog.map((e) => e.iteration));
        assert.deepEqual(h.epoch, c.epochLog.map((_, i) => i + 1));
        // The lr each epoch's last batch used, and the lr after the last epoch: exactly PyTorch's.
        assert.deepEqual(h.lr, c.epochLog.map((e) => e.lr));
        assert.equal(optimizer.paramGroups[0]!.lr, c.epochLog.at(-1)!.lrAfter);
        assert.ok(maxError(h.loss, c.epochLog.map((e) => e.loss)) <= LOSS_TOL, "epoch losses");
        assert.ok(maxError(h.valLoss!, c.epochLog.map((e) => e.valLoss)) <= LOSS_TOL, "val losses");
        model.parameters().forEach((p, i) => {
          const err = maxError(p.data, c.final[i]!);
          assert.ok(err <= WEIGHT_TOL, `parameter ${i}: error ${err} > ${WEIGHT_TOL}`);
        });
      },
    );
  }

  await t.step("the captured and the eager loop give bit-identical weights", () => {
    for (const c of fixture.cases) {
      const a = runCase(c, true), b = runCase(c, false);
      assert.deepEqual(b.result, a.result, c.name);
      a.model.parameters().forEach((p, i) => {
        assert.deepEqual(b.model.parameters()[i]!.data, p.data, `${c.name} parameter ${i}`);
      });
    }
  });
});
