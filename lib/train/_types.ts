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
  forward(x: Tensor): Tensor;
  parameters(): Tensor[];
  stateDict(): ModuleState;
  loadStateDict(state: ModuleState): void;
}

/** A loss: scores and labels in, a one-element tensor out (`CrossEntropyLoss`). */
export interface LossFunction {
  forward(scores: Tensor, labels: Labels): Tensor;
}

/** An optimizer (`SGD`, `Adam`, ...). */
export interface TrainableOptimizer extends OptimizerLike {
  zeroGrad(): void;
  step(): void;
  stateDict(): OptimizerState;
  loadStateDict(state: OptimizerState): void;
}

/** A scheduler stepped once per iteration, with a JSON state (every `LRScheduler`). */
export interface SteppedScheduler {
  step(): void;
  stateDict(): JsonObject;
  loadStateDict(state: JsonObject): void;
}

/** Features as nested arrays `[n][features]` or a 2-D tensor. */
export type Features = readonly (readonly number[])[] | Tensor;

/** Re-exported for the files of this folder. */
export type { Json, JsonObject };
