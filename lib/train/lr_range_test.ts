/**
 * `lrRangeTest`: Leslie Smith's learning-rate range test ("Cyclical Learning Rates for Training
 * Neural Networks", 2017), as fastai's `lr_find` runs it: train with an lr growing
 * exponentially from `startLr` to `endLr`, watch the smoothed loss, stop when it explodes.
 *
 * @module
 */

import * as check from "../_check.ts";
import { capture, noGrad } from "../tensor/_graph.ts";
import { toLabels, toMatrix } from "./_prepare.ts";
import type { Features, LossFunction, TrainableModel, TrainableOptimizer } from "./_types.ts";

/** Options of {@linkcode lrRangeTest}. */
export interface LrRangeTestOptions {
  /** The model; restored to its initial weights afterwards. */
  model: TrainableModel;
  /** The loss; must return one number. */
  loss: LossFunction;
  /** The optimizer; its state and lrs are restored afterwards. */
  optimizer: TrainableOptimizer;
  /** The batch every step trains on (a `trainTestSplit` result fits). */
  data: { xTrain: Features; yTrain: ArrayLike<number> };
  /** The first lr. Default 1e-7. */
  startLr?: number;
  /** The last lr. Default 10. */
  endLr?: number;
  /** How many steps, at least 2. Default 100. */
  steps?: number;
  /** β of the loss's exponential moving average, in [0, 1). Default 0.98 (fastai's). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this many times its minimum. Default 4 (fastai's). */
  divergeFactor?: number;
}

/** What {@linkcode lrRangeTest} returns: one entry per step taken. */
export interface LrRangeTestResult {
  /** The lr of each step. */
  lr: number[];
  /** The loss of each step (computed before that step's update). */
  loss: number[];
  /** The bias-corrected exponential moving average of the loss. */
  smoothedLoss: number[];
  /** The suggestion: `steepestLr`. */
  suggestedLr: number;
  /** The lr where the smoothed loss falls fastest per unit of log lr. */
  steepestLr: number;
  /** The lr of the lowest smoothed loss; `minLossLr / 10` is fastai's other rule of thumb. */
  minLossLr: number;
  /** True if the test stopped before `steps` because the loss exploded or became NaN. */
  stoppedEarly: boolean;
}

/** Central differences inside, one-sided at the ends (numpy's `gradient` with unit spacing). */
function gradient(y: readonly number[]): number[] {
  const n = y.length;
  if (n < 2) return y.map(() => 0);
  return y.map((_, i) =>
    i === 0 ? y[1]! - y[0]! : i === n - 1 ? y[n - 1]! - y[n - 2]! : (y[i + 1]! - y[i - 1]!) / 2
  );
}

/**
 * Steps `i = 0 … steps − 1` train on the batch with
 *
 * ```
 * lr_i = startLr · (endLr / startLr)^(i / (steps − 1))            (geometric)
 * avg_i = β · avg_{i−1} + (1 − β) · loss_i,  avg_{−1} = 0
 * smoothed_i = avg_i / (1 − β^(i+1))                               (bias correction)
 * stop after step i if smoothed_i > divergeFactor · min_{j≤i} smoothed_j or loss_i is not finite
 * ```
 *
 * `loss_i` is the loss the step computes before its own update, so it shows the effect of the
 * lrs before it (as in fastai). Suggestion: the steepest descent of the smoothed loss against
 * log lr (numpy-style `gradient` over the steps, its minimum), skipping the first 10 and last 5
 * steps when more than 20 remain (fastai v1's `suggestion`), never past the lowest loss. A
 * non-finite loss is not recorded. Model weights and optimizer state (lrs included) are
 * restored at the end, so the test can run before the real training.
 *
 * @example
 * ```ts
 * import { lrRangeTest } from "./lr_range_test.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const { model, loss, optimizer, split } = irisSetup({ seed: 0, reduction: "mean" });
 * const r = lrRangeTest({ model, loss, optimizer, data: split, startLr: 1e-4, endLr: 10, steps: 50 });
 * console.assert(r.lr[0] === 1e-4 && r.suggestedLr >= 1e-4 && r.suggestedLr <= 10);
 * console.assert(optimizer.paramGroups[0]!.lr === 0.12); // restored
 * ```
 */
export function lrRangeTest(options: LrRangeTestOptions): LrRangeTestResult {
  const { model, loss, optimizer } = options;
  if (typeof model?.forward !== "function" || typeof loss?.forward !== "function") {
    throw new TypeError("lrRangeTest needs a model and a loss with forward()");
  }
  if (typeof optimizer?.step !== "function" || !Array.isArray(optimizer.paramGroups)) {
    throw new TypeError(`optimizer must be an Optimizer, got optimizer=${check.show(optimizer)}`);
  }
  const startLr = check.positive("startLr", options.startLr ?? 1e-7);
  const endLr = check.positive("endLr", options.endLr ?? 10);
  if (!(endLr > startLr)) {
    throw new RangeError(
      `endLr must be greater than startLr, got startLr=${startLr}, endLr=${endLr}`,
    );
  }
  const steps = check.integer("steps", options.steps ?? 100);
  if (steps < 2) throw new RangeError(`steps must be at least 2, got steps=${steps}`);
  const beta = check.finite("smoothing", options.smoothing ?? 0.98);
  if (!(beta >= 0 && beta < 1)) {
    throw new RangeError(`smoothing must be in [0, 1), got smoothing=${beta}`);
  }
  const divergeFactor = check.finite("divergeFactor", options.divergeFactor ?? 4);
  if (!(divergeFactor > 1)) {
    throw new RangeError(
      `divergeFactor must be greater than 1, got divergeFactor=${divergeFactor}`,
    );
  }
  const x = toMatrix("data.xTrain", options.data?.xTrain);
  const y = toLabels("data.yTrain", options.data?.yTrain, x.shape[0]!, "data.xTrain");
  noGrad(() => {
    const value = loss.forward(model.forward(x), y);
    if (value.size !== 1) throw new RangeError("loss must reduce to one number");
  });

  const savedModel = model.stateDict();
  const savedOptimizer = structuredClone(optimizer.stateDict());
  const step = capture(() => {
    optimizer.zeroGrad();
    const value = loss.forward(model.forward(x), y);
    value.backward();
    optimizer.step();
    return value;
  });
  const lrs: number[] = [], losses: number[] = [], smoothed: number[] = [];
  let avg = 0, best = Infinity, stoppedEarly = false;
  try {
    for (let i = 0; i < steps; i++) {
      const lr = startLr * (endLr / startLr) ** (i / (steps - 1));
      for (const group of optimizer.paramGroups) group.lr = lr;
      const value = step().data[0]!;
      if (!Number.isFinite(value)) {
        stoppedEarly = true;
        break;
      }
      avg = beta * avg + (1 - beta) * value;
      const s = avg / (1 - beta ** (i + 1));
      lrs.push(lr);
      losses.push(value);
      smoothed.push(s);
      best = Math.min(best, s);
      if (s > divergeFactor * best && i < steps - 1) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    model.loadStateDict(savedModel);
    optimizer.loadStateDict(savedOptimizer);
  }
  if (lrs.length === 0) {
    throw new RangeError(
      `the loss was not finite at the first step (lr=${startLr}): lower startLr`,
    );
  }
  let minAt = 0;
  smoothed.forEach((s, i) => {
    if (s < smoothed[minAt]!) minAt = i;
  });
  const lo = minAt + 1 > 20 ? 10 : 0;
  const hi = minAt + 1 > 20
    ? Math.max(lo + 1, Math.min(minAt + 1, smoothed.length - 5))
    : minAt + 1;
  const g = gradient(smoothed.slice(lo, hi));
  let steepAt = 0;
  g.forEach((v, i) => {
    if (v < g[steepAt]!) steepAt = i;
  });
  const steepestLr = lrs[lo + steepAt]!;
  return {
    lr: lrs,
    loss: losses,
    smoothedLoss: smoothed,
    suggestedLr: steepestLr,
    steepestLr,
    minLossLr: lrs[minAt]!,
    stoppedEarly,
  };
}
