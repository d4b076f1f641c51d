/**
 * Checkpoints: everything a training run needs to continue bit for bit (model, optimizer,
 * scheduler, iteration, random state, history and the running loss sum) as ONE plain JSON
 * object, so that `JSON.stringify` writes it and `JSON.parse` reads it back exactly (JSON
 * prints every float64 with enough digits to round-trip).
 *
 * @module
 */

import * as check from "../_check.ts";
import type { ModuleState } from "../nn/module.ts";
import type { OptimizerState } from "../optim/optimizer.ts";
import type { Random, RandomState } from "../random.ts";
import type { History } from "./history.ts";
import type { JsonObject, SteppedScheduler, TrainableModel, TrainableOptimizer } from "./_types.ts";

/**
 * The format tag every checkpoint carries.
 *
 * @example
 * ```ts
 * import { CHECKPOINT_FORMAT } from "./checkpoint.ts";
 * console.assert(CHECKPOINT_FORMAT === "anneal-checkpoint");
 * ```
 */
export const CHECKPOINT_FORMAT = "anneal-checkpoint";

/** A training run's complete state, plain JSON. */
export interface Checkpoint {
  /** Always {@linkcode CHECKPOINT_FORMAT}. */
  format: typeof CHECKPOINT_FORMAT;
  /** The layout version, 1. */
  version: 1;
  /** How many iterations had run when it was saved. */
  iteration: number;
  /** `model.stateDict()`. */
  model: ModuleState;
  /** `optimizer.stateDict()`. */
  optimizer: OptimizerState;
  /** `scheduler.stateDict()`, or null for a run without a scheduler. */
  scheduler: JsonObject | null;
  /** `rng.state()`, or null when the run had no stream to save. */
  random: RandomState | null;
  /** The history up to the last evaluation point. */
  history: History;
  /** The sum of the training losses since the last evaluation point. */
  lossSum: number;
  /** How many losses `lossSum` adds up. */
  lossCount: number;
}

/** The live objects a checkpoint is saved from and loaded into. */
export interface CheckpointParts {
  /** The model whose weights are saved or overwritten. */
  model: TrainableModel;
  /** The optimizer whose hyperparameters and buffers are saved or restored. */
  optimizer: TrainableOptimizer;
  /**
   * The scheduler, if the run has one. A checkpoint saved with a scheduler loads only into parts
   * with one, and one saved without only into parts without.
   */
  scheduler?: SteppedScheduler;
  /** The random stream to save and restore, e.g. the one that draws dropout masks or batches. */
  rng?: Random;
}

/** Where the run stood, besides the objects' own state. */
export interface RunPosition {
  /** How many iterations have run (an integer ≥ 0). */
  iteration: number;
  /** The history recorded so far; copied into the checkpoint. */
  history: History;
  /** The sum of the losses since the last evaluation point. Default 0. */
  lossSum?: number;
  /** How many losses `lossSum` adds up. Default 0. */
  lossCount?: number;
}

/**
 * A History with no entries.
 *
 * @example
 * ```ts
 * import { emptyHistory } from "./checkpoint.ts";
 * console.assert(emptyHistory().iteration.length === 0 && emptyHistory().lr.length === 0);
 * ```
 */
export function emptyHistory(): History {
  return { iteration: [], loss: [], trainAccuracy: [], testAccuracy: [], lr: [] };
}

/**
 * Saves a run's state as one JSON object (deep copies: later training does not change it).
 *
 * @example
 * ```ts
 * import { emptyHistory, loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
 * import { Linear } from "../nn/mod.ts";
 * import { SGD } from "../optim/mod.ts";
 * import { Random } from "../random.ts";
 * const model = new Linear(2, 1, { rng: new Random(0) });
 * const optimizer = new SGD(model.parameters(), { lr: 0.1 });
 * const saved = JSON.stringify(
 *   saveCheckpoint({ model, optimizer }, { iteration: 0, history: emptyHistory() }),
 * );
 * const copy = new Linear(2, 1, { rng: new Random(1) });
 * loadCheckpoint(JSON.parse(saved), { model: copy, optimizer: new SGD(copy.parameters()) });
 * console.assert(copy.weight.toArray().join() === model.weight.toArray().join());
 * ```
 */
export function saveCheckpoint(parts: CheckpointParts, position: RunPosition): Checkpoint {
  check.integer("iteration", position.iteration);
  return {
    format: CHECKPOINT_FORMAT,
    version: 1,
    iteration: position.iteration,
    model: parts.model.stateDict(),
    optimizer: structuredClone(parts.optimizer.stateDict()),
    scheduler: parts.scheduler ? structuredClone(parts.scheduler.stateDict()) : null,
    random: parts.rng ? parts.rng.state() : null,
    history: structuredClone(position.history),
    lossSum: position.lossSum ?? 0,
    lossCount: position.lossCount ?? 0,
  };
}

function checkHistory(history: unknown): History {
  const keys = ["iteration", "loss", "trainAccuracy", "testAccuracy", "lr"] as const;
  const h = history as History;
  const n = Array.isArray(h?.iteration) ? h.iteration.length : -1;
  for (const key of keys) {
    if (!Array.isArray(h?.[key]) || h[key].length !== n) {
      throw new TypeError(
        `checkpoint.history must hold arrays ${keys.join(", ")} of one length, got ` +
          `checkpoint.history=${check.show(history)}`,
      );
    }
  }
  return h;
}

/**
 * Loads a checkpoint into freshly built objects of the same shapes (the same model layers,
 * optimizer and scheduler classes with the same options) and returns where the run stood.
 * Either everything loads or nothing changes: on any error the parts are put back as they
 * were and the error is rethrown.
 *
 * @example
 * ```ts
 * import { emptyHistory, loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
 * import { Linear } from "../nn/mod.ts";
 * import { SGD } from "../optim/mod.ts";
 * const model = new Linear(2, 1);
 * const optimizer = new SGD(model.parameters(), { lr: 0.1 });
 * const cp = saveCheckpoint({ model, optimizer }, { iteration: 7, history: emptyHistory() });
 * console.assert(loadCheckpoint(cp, { model, optimizer }).iteration === 7);
 * ```
 */
export function loadCheckpoint(checkpoint: Checkpoint, parts: CheckpointParts): RunPosition {
  if (checkpoint?.format !== CHECKPOINT_FORMAT || checkpoint.version !== 1) {
    throw new TypeError(
      `checkpoint must be an ${CHECKPOINT_FORMAT} object of version 1, got format=${
        check.show(checkpoint?.format)
      } version=${check.show(checkpoint?.version)}`,
    );
  }
  check.integer("checkpoint.iteration", checkpoint.iteration);
  if (checkpoint.iteration < 0) {
    throw new RangeError(`checkpoint.iteration must be ≥ 0, got ${checkpoint.iteration}`);
  }
  check.finite("checkpoint.lossSum", checkpoint.lossSum);
  check.integer("checkpoint.lossCount", checkpoint.lossCount);
  const history = checkHistory(checkpoint.history);
  if ((checkpoint.scheduler === null) !== (parts.scheduler === undefined)) {
    throw new TypeError(
      checkpoint.scheduler === null
        ? "checkpoint has no scheduler state, but a scheduler was given"
        : "checkpoint has a scheduler state, but no scheduler was given to load it into",
    );
  }
  const before = {
    model: parts.model.stateDict(),
    optimizer: structuredClone(parts.optimizer.stateDict()),
    scheduler: parts.scheduler ? structuredClone(parts.scheduler.stateDict()) : null,
    random: parts.rng?.state() ?? null,
  };
  try {
    parts.model.loadStateDict(checkpoint.model);
    parts.optimizer.loadStateDict(structuredClone(checkpoint.optimizer));
    if (parts.scheduler && checkpoint.scheduler) {
      parts.scheduler.loadStateDict(structuredClone(checkpoint.scheduler));
    }
    if (parts.rng && checkpoint.random) parts.rng.setState(checkpoint.random);
  } catch (error) {
    parts.model.loadStateDict(before.model);
    parts.optimizer.loadStateDict(before.optimizer);
    if (parts.scheduler && before.scheduler) parts.scheduler.loadStateDict(before.scheduler);
    if (parts.rng && before.random) parts.rng.setState(before.random);
    throw error;
  }
  return {
    iteration: checkpoint.iteration,
    history: structuredClone(history),
    lossSum: checkpoint.lossSum,
    lossCount: checkpoint.lossCount,
  };
}
