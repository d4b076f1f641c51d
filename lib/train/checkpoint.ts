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
  /**
   * The layout version: 2 (which adds `order` and `smoothing`). Version 1 checkpoints still
   * load: they resume with no saved batch order and a fresh divergence watch.
   */
  version: 1 | 2;
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
  /**
   * The current epoch's order of the training rows when `train()` shuffles (a permutation of
   * 0…n−1), so that a run resumed mid-epoch takes the same batches; null otherwise.
   */
  order?: number[] | null;
  /** The divergence watch's running state (see {@linkcode Smoothing}); null before any step. */
  smoothing?: Smoothing | null;
}

/**
 * The state of `train()`'s divergence watch: the exponential moving average of the loss
 * (β = 0.98, before bias correction), the best and the first bias-corrected value.
 */
export interface Smoothing {
  /** Only the fields below; the signature makes it plain JSON. */
  [key: string]: number;
  /** The running average `a ← β·a + (1 − β)·loss`, not yet divided by `1 − β^t`. */
  average: number;
  /** The lowest bias-corrected average so far. */
  best: number;
  /** The bias-corrected average after the first iteration: the first loss. */
  first: number;
  /** How many losses the average has seen. */
  count: number;
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
  /** The current epoch's row order when shuffling, else null. Default null. */
  order?: number[] | null;
  /** The divergence watch's state. Default null. */
  smoothing?: Smoothing | null;
}

/**
 * A History with no entries.
 *
 * @example
 * ```ts
 * import { emptyHistory } from "./checkpoint.ts";
 * console.assert(emptyHistory().iteration.length === 0 && emptyHistory().epoch!.length === 0);
 * ```
 */
export function emptyHistory(): History {
  return { iteration: [], loss: [], trainAccuracy: [], testAccuracy: [], lr: [], epoch: [] };
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
  if (typeof parts?.model?.stateDict !== "function") {
    throw new TypeError(
      `parts.model must be a model with stateDict(), got parts=${check.show(parts)}`,
    );
  }
  if (typeof parts.optimizer?.stateDict !== "function") {
    throw new TypeError(
      `parts.optimizer must be an optimizer with stateDict(), got parts.optimizer=${
        check.show(parts.optimizer)
      }`,
    );
  }
  if (parts.scheduler !== undefined && typeof parts.scheduler?.stateDict !== "function") {
    throw new TypeError(
      `parts.scheduler must have stateDict(), got parts.scheduler=${check.show(parts.scheduler)}`,
    );
  }
  if (parts.rng !== undefined && typeof parts.rng?.state !== "function") {
    throw new TypeError(`parts.rng must be a Random, got parts.rng=${check.show(parts.rng)}`);
  }
  if (typeof position !== "object" || position === null) {
    throw new TypeError(
      `position must be { iteration, history }, got position=${check.show(position)}`,
    );
  }
  check.integer("iteration", position.iteration);
  if (position.iteration < 0) {
    throw new RangeError(`iteration must be ≥ 0, got iteration=${position.iteration}`);
  }
  checkHistory(position.history, "history");
  check.finite("lossSum", position.lossSum ?? 0);
  const lossCount = check.integer("lossCount", position.lossCount ?? 0);
  if (lossCount < 0) throw new RangeError(`lossCount must be ≥ 0, got lossCount=${lossCount}`);
  return {
    format: CHECKPOINT_FORMAT,
    version: 2,
    iteration: position.iteration,
    model: parts.model.stateDict(),
    optimizer: structuredClone(parts.optimizer.stateDict()),
    scheduler: parts.scheduler ? structuredClone(parts.scheduler.stateDict()) : null,
    random: parts.rng ? parts.rng.state() : null,
    history: structuredClone(position.history),
    lossSum: position.lossSum ?? 0,
    lossCount: position.lossCount ?? 0,
    order: position.order ? [...position.order] : null,
    smoothing: position.smoothing ? { ...position.smoothing } : null,
  };
}

function checkHistory(history: unknown, name = "checkpoint.history"): History {
  const keys = ["iteration", "loss", "trainAccuracy", "testAccuracy", "lr"] as const;
  const optional = ["epoch", "valLoss", "valAccuracy"] as const;
  const h = history as History;
  const n = Array.isArray(h?.iteration) ? h.iteration.length : -1;
  const bad = () =>
    new TypeError(
      `${name} must hold arrays ${keys.join(", ")} (and optionally ${
        optional.join(", ")
      }) of one length, got ${name}=${check.show(history)}`,
    );
  for (const key of keys) if (!Array.isArray(h?.[key]) || h[key].length !== n) throw bad();
  for (const key of optional) {
    if (h[key] !== undefined && (!Array.isArray(h[key]) || h[key].length !== n)) throw bad();
  }
  for (const key of [...keys, ...optional]) {
    h[key]?.forEach((v, i) => check.finite(`${name}.${key}[${i}]`, v));
  }
  return h;
}

/** Throws unless every number in `value` (nested arrays, objects, typed arrays) is finite. */
function checkFinite(name: string, value: unknown): void {
  if (typeof value === "number") {
    check.finite(name, value);
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) check.finite(`${name}[${i}]`, a[i]);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkFinite(`${name}[${i}]`, v));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) checkFinite(`${name}.${k}`, v);
  }
}

/** Checks the fields every checkpoint has, before anything is loaded. */
function checkFields(checkpoint: Checkpoint): void {
  if (typeof checkpoint !== "object" || checkpoint === null || Array.isArray(checkpoint)) {
    throw new TypeError(
      `checkpoint must be an ${CHECKPOINT_FORMAT} object, got checkpoint=${check.show(checkpoint)}`,
    );
  }
  if (
    checkpoint?.format !== CHECKPOINT_FORMAT ||
    (checkpoint.version !== 1 && checkpoint.version !== 2)
  ) {
    throw new TypeError(
      `checkpoint must be an ${CHECKPOINT_FORMAT} object of version 1 or 2, got format=${
        check.show(checkpoint?.format)
      } version=${check.show(checkpoint?.version)}`,
    );
  }
  check.integer("checkpoint.iteration", checkpoint.iteration);
  if (checkpoint.iteration < 0) {
    throw new RangeError(
      `checkpoint.iteration must be ≥ 0, got checkpoint.iteration=${checkpoint.iteration}`,
    );
  }
  check.finite("checkpoint.lossSum", checkpoint.lossSum);
  check.integer("checkpoint.lossCount", checkpoint.lossCount);
  if (checkpoint.lossCount < 0 || checkpoint.lossCount > checkpoint.iteration) {
    throw new RangeError(
      `checkpoint.lossCount must be in [0, checkpoint.iteration=${checkpoint.iteration}], got ` +
        `checkpoint.lossCount=${checkpoint.lossCount}`,
    );
  }
  if (checkpoint.lossCount === 0 && checkpoint.lossSum !== 0) {
    throw new RangeError(
      `checkpoint.lossSum must be 0 when checkpoint.lossCount is 0, got checkpoint.lossSum=${checkpoint.lossSum}`,
    );
  }
  const history = checkHistory(checkpoint.history);
  const last = history.iteration[history.iteration.length - 1];
  if (last !== undefined && last > checkpoint.iteration) {
    throw new RangeError(
      `checkpoint.history ends at iteration ${last}, after checkpoint.iteration=${checkpoint.iteration}`,
    );
  }
  if (typeof checkpoint.model !== "object" || checkpoint.model === null) {
    throw new TypeError(
      `checkpoint.model must be a model state, got ${check.show(checkpoint.model)}`,
    );
  }
  if (typeof checkpoint.optimizer !== "object" || checkpoint.optimizer === null) {
    throw new TypeError(
      `checkpoint.optimizer must be an optimizer state, got ${check.show(checkpoint.optimizer)}`,
    );
  }
  checkFinite("checkpoint.model", checkpoint.model);
  checkFinite("checkpoint.optimizer", checkpoint.optimizer);
  const groups = (checkpoint.optimizer as { paramGroups?: unknown }).paramGroups;
  if (Array.isArray(groups)) {
    groups.forEach((g, i) => {
      const lr = (g as { lr?: unknown } | null)?.lr;
      if (lr !== undefined) check.nonNegative(`checkpoint.optimizer.paramGroups[${i}].lr`, lr);
    });
  }
  const order = checkpoint.order ?? null;
  if (order !== null) {
    if (!Array.isArray(order)) {
      throw new TypeError(`checkpoint.order must be an array or null, got ${check.show(order)}`);
    }
    const seen = new Uint8Array(order.length);
    order.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0 || v >= order.length || seen[v]) {
        throw new RangeError(
          `checkpoint.order must be a permutation of 0…${order.length - 1}, got ` +
            `checkpoint.order[${i}]=${check.show(v)}`,
        );
      }
      seen[v] = 1;
    });
  }
  const smoothing = checkpoint.smoothing ?? null;
  if (smoothing !== null) {
    for (const key of ["average", "best", "first", "count"]) {
      check.finite(`checkpoint.smoothing.${key}`, (smoothing as Record<string, unknown>)?.[key]);
    }
  }
}

/**
 * Loads a checkpoint into freshly built objects of the same shapes (the same model layers,
 * optimizer and scheduler classes with the same options) and returns where the run stood.
 * Everything is checked first: the format and version, `iteration` and `lossCount` integers
 * ≥ 0 (`lossCount` at most `iteration`), finite numbers everywhere in the model and optimizer
 * states, the history and `lossSum` (a checkpoint that never went through JSON may hold NaN),
 * lrs ≥ 0, a history that does not run past `iteration`, `order` a permutation, a scheduler
 * state exactly when a scheduler is given, and a random state whenever an `rng` is given. Then either
 * everything loads or nothing changes: if a part rejects its state, the parts are put back as
 * they were and the error is rethrown.
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
  checkFields(checkpoint);
  if (typeof parts?.model?.loadStateDict !== "function") {
    throw new TypeError(
      `parts.model must be a model with loadStateDict(), got parts=${check.show(parts)}`,
    );
  }
  if (typeof parts.optimizer?.loadStateDict !== "function") {
    throw new TypeError(
      `parts.optimizer must be an optimizer with loadStateDict(), got parts.optimizer=${
        check.show(parts.optimizer)
      }`,
    );
  }
  if (parts.rng !== undefined && typeof parts.rng?.setState !== "function") {
    throw new TypeError(`parts.rng must be a Random, got parts.rng=${check.show(parts.rng)}`);
  }
  if ((checkpoint.scheduler === null) !== (parts.scheduler === undefined)) {
    throw new TypeError(
      checkpoint.scheduler === null
        ? "checkpoint has no scheduler state, but a scheduler was given"
        : "checkpoint has a scheduler state, but no scheduler was given to load it into",
    );
  }
  if (checkpoint.random === null && parts.rng !== undefined) {
    throw new TypeError(
      "checkpoint has no random state (checkpoint.random=null), but an rng was given: its " +
        "stream could not resume where the run left it",
    );
  }
  if (checkpoint.random !== null && typeof checkpoint.random !== "object") {
    throw new TypeError(
      `checkpoint.random must be a random state or null, got ${check.show(checkpoint.random)}`,
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
    history: structuredClone(checkpoint.history),
    lossSum: checkpoint.lossSum,
    lossCount: checkpoint.lossCount,
    order: checkpoint.order ? [...checkpoint.order] : null,
    smoothing: checkpoint.smoothing ? { ...checkpoint.smoothing } : null,
  };
}
