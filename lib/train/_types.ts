/**
 * The shapes of what the training helpers drive, written structurally so that any model,
 * optimizer and scheduler of this library (or a hand-made one) fits.
 *
 * @module
 */

import type { Json, JsonObject, OptimizerLike } from "../schedulers/lr_scheduler.ts";
import type { Labels } from "../tensor/cross_entropy.ts";
import type { Tensor } from "../tensor/tensor.ts";
import type { ModuleState } from "../nn/module.ts";
import type { OptimizerState } from "../optim/optimizer.ts";

/** A model: a module mapping features `[batch, in]` to scores `[batch, classes]`. */
export interface TrainableModel {
  /** Scores `[batch, classes]` for the features `x` `[batch, in]`, recording the graph. */
  forward(x: Tensor): Tensor;
  /** The trainable tensors, in a fixed order (the optimizer's and the checkpoint's). */
  parameters(): Tensor[];
  /** The weights as plain JSON, for checkpoints. */
  stateDict(): ModuleState;
  /** Overwrites the weights in place from a `stateDict()`. */
  loadStateDict(state: ModuleState): void;
}

/** A loss: scores and labels in, a one-element tensor out (`CrossEntropyLoss`). */
export interface LossFunction {
  /** The loss of `scores` `[batch, classes]` against class indices `labels`, as one number. */
  forward(scores: Tensor, labels: Labels): Tensor;
}

/** An optimizer (`SGD`, `Adam`, ...). */
export interface TrainableOptimizer extends OptimizerLike {
  /** Sets the gradient of every parameter to zero before a backward pass. */
  zeroGrad(): void;
  /** Updates the parameters from their gradients, with each group's current lr. */
  step(): void;
  /** The hyperparameters and per-parameter buffers (momentum, moments) as plain JSON. */
  stateDict(): OptimizerState;
  /** Restores a `stateDict()`, so that the next `step()` continues bit for bit. */
  loadStateDict(state: OptimizerState): void;
}

/** A scheduler stepped once per iteration, with a JSON state (every `LRScheduler`). */
export interface SteppedScheduler {
  /** Advances one iteration and writes the new lr into the optimizer's param groups. */
  step(): void;
  /** The scheduler's bookkeeping (`lastEpoch`, base lrs, ...) as plain JSON, for checkpoints. */
  stateDict(): JsonObject;
  /** Restores a `stateDict()`. */
  loadStateDict(state: JsonObject): void;
}

/**
 * A scheduler stepped with a metric, `step(metric)`: `ReduceLROnPlateau`. `train()` steps it at
 * each evaluation point with the validation loss (or, without a validation set, the mean
 * training loss since the previous point).
 */
export interface MetricScheduler {
  /** Advances one evaluation with the metric (lower is better in mode "min"). */
  step(metric: number): void;
  /** The scheduler's bookkeeping as plain JSON, for checkpoints. */
  stateDict(): JsonObject;
  /** Restores a `stateDict()`. */
  loadStateDict(state: JsonObject): void;
}

/** Features as nested arrays `[n][features]` or a 2-D tensor. */
export type Features = readonly (readonly number[])[] | Tensor;

/** Re-exported for the files of this folder. */
export type { Json, JsonObject };
