/**
 * `irisSetup`: the seed post's Iris experiment as ready-made `train()` options, so notebooks,
 * tests, the study and the benchmark all run the same thing.
 *
 * @module
 */

import * as check from "../_check.ts";
import { loadIris } from "../data/iris.ts";
import { type TrainTestSplit, trainTestSplit } from "../data/train_test_split.ts";
import { CrossEntropyLoss } from "../nn/loss.ts";
import { Linear } from "../nn/linear.ts";
import { pynetInit_ } from "../nn/init.ts";
import { ReLU } from "../nn/relu.ts";
import { Sequential } from "../nn/sequential.ts";
import { SGD } from "../optim/sgd.ts";
import { Random } from "../random.ts";
import { StepLR } from "../schedulers/mod.ts";
import type { Reduction } from "../tensor/cross_entropy.ts";
import { accuracyAtLeast } from "./stop_when.ts";
import type { TrainOptions } from "./train.ts";

/** Options of {@linkcode irisSetup}; the defaults are the seed post's. */
export interface IrisSetupOptions {
  /** Seeds the split and then the weights (one stream). Default 0. */
  seed?: number;
  /** Seeds the split alone, so that the weights vary while the split stays put (or vice versa). */
  splitSeed?: number;
  /**
   * "sum" (default) is PyNet's backward, the gradient of the summed loss; "mean" is PyTorch's
   * default. lr on the sum equals lr · 120 on the mean.
   */
  reduction?: Exclude<Reduction, "none">;
  /**
   * The initial lr. Default 1e-3 on the sum (the seed's training run; its parameter block says
   * 5e-2), and the same step on the mean: 0.12 = 1e-3 · 120.
   */
  lr?: number;
  /** Multiply the lr by `gamma` every `stepSize` iterations (StepLR); null for a constant lr. Default 10000. */
  stepSize?: number | null;
  /** The decay factor. Default 0.5. */
  gamma?: number;
  /** At most this many iterations. Default 50000. */
  iterations?: number;
  /** Evaluate every this many iterations. Default 500. */
  evalEvery?: number;
  /** Stop once train and test accuracy are both ≥ this; null never stops early. Default 0.9999. */
  stopAt?: number | null;
  /** Hidden layer widths. Default [20, 20]. */
  hidden?: [number, number];
}

const IRIS_SETUP_KEYS = [
  "seed",
  "splitSeed",
  "reduction",
  "lr",
  "stepSize",
  "gamma",
  "iterations",
  "evalEvery",
  "stopAt",
  "hidden",
] as const;

/** `train()` options plus the split and the stream, for inspection. */
export interface IrisSetup extends TrainOptions {
  /** 4 → h1 → ReLU → h2 → ReLU → 3, with PyNet's initial weights. */
  model: Sequential;
  /** Softmax cross-entropy with the chosen reduction. */
  loss: CrossEntropyLoss;
  /** Plain SGD (no momentum, no weight decay) at the initial lr. */
  optimizer: SGD;
  /** The most iterations (always set: the seed's runs count iterations, not epochs). */
  iterations: number;
  /** The StepLR decay, absent when `stepSize` is null. */
  scheduler?: StepLR;
  /**
   * The 120/30 split; also passed as `data`. Not enumerable, so that spreading the setup into
   * `train()`'s options (`train({ ...setup, iterations })`) passes only `train()`'s keys.
   */
  split: TrainTestSplit;
  /** The stream that drew the weights (after the split, unless `splitSeed` was given). */
  rng: Random;
}

/**
 * The seed's experiment: Iris split 120/30 by a seeded shuffle (features not normalised), the
 * network 4 → 20 → ReLU → 20 → ReLU → 3 with PyNet's weights 0.01 · N(0, 1) and zero biases,
 * softmax cross-entropy, plain SGD on the full batch, lr halved every 10,000 iterations
 * (`StepLR`), evaluation every 500 iterations, stop once train and test accuracy are both
 * ≥ 0.9999, at most 50,000 iterations.
 *
 * Random draws, in order: the split's shuffle (from `Random(splitSeed)` if given, else from
 * `Random(seed)`), then the weights of layers 1, 2, 3, each row by row of W `[out, in]` (from the
 * same stream as the split when `splitSeed` is absent, else from a fresh `Random(seed)`).
 *
 * @example A short run
 * ```ts
 * import { irisSetup } from "./iris_setup.ts";
 * import { train } from "./train.ts";
 * const result = train({ ...irisSetup({ seed: 0 }), iterations: 1000 });
 * console.assert(result.history.iteration.join() === "500,1000");
 * ```
 */
export function irisSetup(options: IrisSetupOptions = {}): IrisSetup {
  check.options("irisSetup", options, IRIS_SETUP_KEYS, { nullable: ["stepSize", "stopAt"] });
  const seed = check.finite("seed", options.seed ?? 0);
  const reduction = check.oneOf("reduction", options.reduction ?? "sum", ["sum", "mean"]);
  const lr = check.nonNegative("lr", options.lr ?? (reduction === "sum" ? 1e-3 : 0.12));
  const stepSize = options.stepSize === null
    ? null
    : check.positiveInteger("stepSize", options.stepSize ?? 10_000);
  const gamma = check.positive("gamma", options.gamma ?? 0.5);
  const iterations = check.positiveInteger("iterations", options.iterations ?? 50_000);
  const evalEvery = check.positiveInteger("evalEvery", options.evalEvery ?? 500);
  const stopAt = options.stopAt === null
    ? null
    : check.inRange("stopAt", options.stopAt ?? 0.9999, 0, 1);
  const hidden = options.hidden ?? [20, 20];
  if (!Array.isArray(hidden) || hidden.length !== 2) {
    throw new TypeError(
      `hidden must be two layer widths [h1, h2], got hidden=${check.show(hidden)}`,
    );
  }
  const [h1, h2] = hidden;
  check.positiveInteger("hidden[0]", h1);
  check.positiveInteger("hidden[1]", h2);

  const rng = new Random(seed);
  const split = options.splitSeed === undefined
    ? trainTestSplit(loadIris(), { testFraction: 0.2, rng })
    : trainTestSplit(loadIris(), {
      testFraction: 0.2,
      seed: check.finite("splitSeed", options.splitSeed),
    });
  // Linear's own PyTorch-style init draws from a throwaway stream (leaving the global one
  // alone); PyNet's init then overwrites it from `rng`, row by row of W [out, in].
  const layer = (inputs: number, outputs: number) =>
    pynetInit_(new Linear(inputs, outputs, { rng: new Random(0) }), { rng });
  const model = new Sequential(layer(4, h1), new ReLU(), layer(h1, h2), new ReLU(), layer(h2, 3));
  const optimizer = new SGD(model.parameters(), { lr });
  const setup: Omit<IrisSetup, "split"> = {
    model,
    loss: new CrossEntropyLoss({ reduction }),
    optimizer,
    scheduler: stepSize === null ? undefined : new StepLR(optimizer, { stepSize, gamma }),
    data: split,
    iterations,
    evalEvery,
    stopWhen: stopAt === null ? undefined : accuracyAtLeast(stopAt),
    rng,
  };
  // `split` is not one of train()'s options: not enumerable, so `train({ ...setup })` passes
  // only train()'s keys and its unknown-key check stays strict.
  Object.defineProperty(setup, "split", { value: split, enumerable: false });
  return setup as IrisSetup;
}
