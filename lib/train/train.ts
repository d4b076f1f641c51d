/**
 * `train`: the training loop, full-batch or on mini-batches. Each iteration runs forward, loss,
 * backward, `optimizer.step()` on one batch and steps the scheduler (per iteration or per
 * epoch); every `evalEvery` iterations it records the mean loss, the accuracies (and the
 * validation loss) and the lr in a {@linkcode History}. `trainAsync` runs the same loop and
 * awaits what `onProgress` returns, so that a notebook's live display can update while it trains.
 *
 * @module
 */

import * as check from "../_check.ts";
import { Random } from "../random.ts";
import { ReduceLROnPlateau } from "../schedulers/reduce_lr_on_plateau.ts";
import { capture as captureStep, noGrad } from "../tensor/_graph.ts";
import type { Tensor } from "../tensor/tensor.ts";
import {
  accuracyOf,
  checkLrs,
  prepareData,
  type PreparedData,
  type TrainData,
} from "./_prepare.ts";
import {
  type BatchBuffers,
  batchBuffers,
  type BatchPlan,
  fillBatch,
  planBatches,
  reshuffle,
} from "./_batches.ts";
import {
  type Checkpoint,
  emptyHistory,
  loadCheckpoint,
  type RunPosition,
  saveCheckpoint,
} from "./checkpoint.ts";
import { DivergenceError, suggestLowerLr } from "./divergence_error.ts";
import type { History } from "./history.ts";
import { isThenable, type PausableLoop, runAwaiting, runToEnd } from "./_pausable.ts";
import type {
  JsonObject,
  LossFunction,
  MetricScheduler,
  SteppedScheduler,
  TrainableModel,
  TrainableOptimizer,
} from "./_types.ts";

export type { TrainData };

/** Options of {@linkcode train}. */
export interface TrainOptions {
  /** The model; trained in place. */
  model: TrainableModel;
  /** The loss, e.g. `new CrossEntropyLoss({ reduction: "sum" })`; must return one number. */
  loss: LossFunction;
  /**
   * The optimizer over `model.parameters()` (or some of them: every tensor it updates must be
   * a parameter of `model`).
   */
  optimizer: TrainableOptimizer;
  /**
   * A scheduler attached to `optimizer` (optional), stepped after `optimizer.step()` as
   * `schedulerInterval` says. A `ReduceLROnPlateau` is stepped at every evaluation point
   * instead, with the validation loss (the mean training loss since the previous point when
   * `data` has no validation set).
   */
  scheduler?: SteppedScheduler | MetricScheduler;
  /**
   * `"step"` (default): step the scheduler after every iteration (every batch);
   * `"epoch"`: after the last batch of each epoch. PyTorch's documentation steps `StepLR`,
   * `MultiStepLR`, `ExponentialLR`, `CosineAnnealingLR`, `PolynomialLR`, `LinearLR`,
   * `ConstantLR`, `LambdaLR`, `MultiplicativeLR`, `SequentialLR`, `ChainedScheduler` and
   * `CosineAnnealingWarmRestarts` once per epoch (their `stepSize`, `tMax`, `totalIters`, `t0`
   * count epochs), and `OneCycleLR` and `CyclicLR` once per batch (their `totalSteps`,
   * `stepSizeUp` count batches; `OneCycleLR`'s `epochs` × `stepsPerEpoch` says so). With
   * full-batch training an epoch is one iteration, so both give the same lrs.
   */
  schedulerInterval?: "step" | "epoch";
  /** The training set, the test set and optionally a validation set (`xVal`, `yVal`). */
  data: TrainData;
  /**
   * The most iterations (optimizer steps) to run in total (a resumed run counts those before
   * the checkpoint). Give `iterations` or `epochs`.
   */
  iterations?: number;
  /** The most epochs to run: `epochs · stepsPerEpoch` iterations. Give `iterations` or `epochs`. */
  epochs?: number;
  /**
   * Rows per batch. Default: all training rows (full-batch training, the seed's). The last
   * batch of an epoch has the rows left over unless `dropLast`.
   */
  batchSize?: number;
  /**
   * Reshuffle the training rows at the start of every epoch (PyTorch's `shuffle=True`), drawing
   * from `rng`, which is then required; false (default) takes the rows in order, batch after
   * batch. A run is reproducible bit for bit, and a checkpoint saves the epoch's order.
   */
  shuffle?: boolean;
  /** Drop the last batch of each epoch when it is smaller than `batchSize`. Default false. */
  dropLast?: boolean;
  /**
   * Evaluate and record history every this many iterations, or `"epoch"` for at the end of
   * every epoch. Default 500.
   */
  evalEvery?: number | "epoch";
  /** Checked after each evaluation; training stops when it returns true. */
  stopWhen?: (history: History) => boolean;
  /**
   * Called after every iteration with its 1-based number, its loss and the lr it used.
   * {@linkcode trainAsync} awaits a returned promise before the next iteration; `train` ignores it.
   */
  onProgress?: (iteration: number, loss: number, lr: number) => void | PromiseLike<unknown>;
  /** Save a checkpoint every this many iterations (after that iteration's evaluation, if any). */
  checkpointEvery?: number;
  /** Receives each checkpoint (plain JSON: `JSON.stringify` it to keep it). */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
  /** Continue from this checkpoint: model, optimizer, scheduler and `rng` are loaded first. */
  resume?: Checkpoint;
  /**
   * A random stream whose state checkpoints save and restore (e.g. the one that initialised the
   * model); `shuffle` draws each epoch's order from it.
   */
  rng?: Random;
  /**
   * Replay one captured step per batch shape, allocating nothing (default true); false runs
   * eagerly. A partial last batch gets its own captured step (its shape is the same in every
   * epoch), so the captured path covers every batch.
   */
  capture?: boolean;
  /**
   * Divergence watch: the run counts as diverged when the smoothed loss (an exponential moving
   * average with β = 0.98, bias-corrected as in the LR range test) exceeds `divergeFactor` times
   * the best smoothed loss seen and is above the first iteration's loss. Default 100;
   * `Infinity` turns the watch off (NaN and infinite losses still stop the run).
   */
  divergeFactor?: number;
}

/** What {@linkcode train} returns; the trained weights are in the model. */
export interface TrainResult {
  /** One entry per evaluation point. */
  history: History;
  /** How many iterations have run in total. */
  iteration: number;
  /** How many epochs have run: `iteration / stepsPerEpoch` (a fraction mid-epoch). */
  epoch: number;
  /** Iterations per epoch: batches of `batchSize` rows (1 for full-batch training). */
  stepsPerEpoch: number;
  /** True if `stopWhen` ended the run before `iterations`. */
  stopped: boolean;
  /** The loss of the last iteration (on its batch). */
  loss: number;
  /** Train accuracy at the last evaluation point. */
  trainAccuracy: number;
  /** Test accuracy at the last evaluation point. */
  testAccuracy: number;
  /** Validation accuracy at the last evaluation point (NaN without a validation set). */
  valAccuracy: number;
}

/** The keys {@linkcode train} accepts, for `check.options`. */
const TRAIN_KEYS = [
  "model",
  "loss",
  "optimizer",
  "scheduler",
  "schedulerInterval",
  "data",
  "iterations",
  "epochs",
  "batchSize",
  "shuffle",
  "dropLast",
  "evalEvery",
  "stopWhen",
  "onProgress",
  "checkpointEvery",
  "onCheckpoint",
  "resume",
  "rng",
  "capture",
  "divergeFactor",
] as const;

/** How much the divergence watch's moving average keeps of its past (fastai's 0.98). */
const BETA = 0.98;

/**
 * Trains `model` on `data.xTrain` for at most `iterations` iterations (or `epochs` epochs):
 *
 * ```
 * each epoch: order = 0…n−1, or a fresh shuffle drawn from rng when shuffle
 *   each batch B of batchSize rows in that order (the last one smaller, or dropped if dropLast):
 *     t += 1;  L_t = loss(model(x_B), y_B);  backward;  optimizer.step()
 *     scheduler.step() if schedulerInterval is "step", or at the epoch's last batch if "epoch"
 *     every evalEvery: history += (t, t / stepsPerEpoch, mean of L since the last point,
 *                                  train acc, test acc, [val loss, val acc], lr_t)
 *                      ReduceLROnPlateau.step(val loss);  stop if stopWhen(history)
 * ```
 *
 * Without `batchSize`, every iteration takes the full batch in its given order (the seed's
 * training, bit for bit as before). Accuracies are measured after the step, on the model as it
 * then is and on the whole sets; `lr` is the lr of param group 0 that iteration t used. One
 * step per batch shape is captured and replayed, so the loop allocates no tensors (scheduler
 * bookkeeping and evaluation points aside).
 *
 * Everything is checked before the first step, and a bad argument leaves model, optimizer,
 * scheduler and rng unchanged: unknown option keys (with a "did you mean"), an optimizer that
 * updates tensors that are not the model's, a scheduler attached to another optimizer, a
 * checkpoint that does not fit this run. If the loss becomes NaN or ±Infinity, or its smoothed
 * value grows above `divergeFactor` times the best (see {@linkcode TrainOptions.divergeFactor}),
 * the model, optimizer, scheduler and rng are restored to the last evaluation point with finite
 * weights and a {@linkcode DivergenceError} is thrown, suggesting a lower lr.
 *
 * Checkpoints (`checkpointEvery`, `onCheckpoint`, `resume`) hold everything, the epoch's batch
 * order included, so a resumed run ends with weights bit-identical to an uninterrupted one,
 * even when it was saved in the middle of an epoch.
 *
 * @example Ten iterations of a tiny classifier
 * ```ts
 * import { train } from "./train.ts";
 * import { CrossEntropyLoss, Linear } from "../nn/mod.ts";
 * import { SGD } from "../optim/mod.ts";
 * import { StepLR } from "../schedulers/mod.ts";
 * import { Random } from "../random.ts";
 * const model = new Linear(2, 2, { rng: new Random(0) });
 * const optimizer = new SGD(model.parameters(), { lr: 0.5 });
 * const result = train({
 *   model,
 *   loss: new CrossEntropyLoss(),
 *   optimizer,
 *   scheduler: new StepLR(optimizer, { stepSize: 5, gamma: 0.5 }),
 *   data: { xTrain: [[1, 0], [0, 1]], yTrain: [0, 1], xTest: [[2, 0]], yTest: [0] },
 *   iterations: 10,
 *   evalEvery: 5,
 * });
 * console.assert(result.history.iteration.join() === "5,10");
 * console.assert(result.history.lr.join() === "0.5,0.25" && result.trainAccuracy === 1);
 * ```
 *
 * @example Mini-batches of 32 digits, reshuffled every epoch, StepLR per epoch, a validation split
 * ```ts
 * import { train } from "./train.ts";
 * import { loadDigits, trainValTestSplit } from "../data/mod.ts";
 * import { CrossEntropyLoss, Linear } from "../nn/mod.ts";
 * import { SGD } from "../optim/mod.ts";
 * import { StepLR } from "../schedulers/mod.ts";
 * import { Random } from "../random.ts";
 * const digits = loadDigits();
 * const data = trainValTestSplit(
 *   { x: digits.x.map((row) => row.map((v) => v / 16)), y: digits.y },
 *   { stratify: true, seed: 0 },
 * );
 * const rng = new Random(0);
 * const model = new Linear(64, 10, { rng });
 * const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * const result = train({
 *   model,
 *   loss: new CrossEntropyLoss(),
 *   optimizer,
 *   scheduler: new StepLR(optimizer, { stepSize: 2, gamma: 0.5 }),
 *   schedulerInterval: "epoch",
 *   data,
 *   epochs: 3,
 *   batchSize: 32,
 *   shuffle: true,
 *   rng,
 *   evalEvery: "epoch",
 * });
 * console.assert(result.stepsPerEpoch === 34 && result.iteration === 102);
 * console.assert(result.history.epoch!.join() === "1,2,3");
 * console.assert(result.history.lr.join() === "0.1,0.1,0.05");
 * console.assert(result.valAccuracy > 0.9, `validation accuracy ${result.valAccuracy}`);
 * ```
 */
export function train(options: TrainOptions): TrainResult {
  return runToEnd(trainLoop(options, false), "train");
}

/**
 * {@linkcode train}, asynchronously: the same loop (same checks, same numbers, bit for bit), except
 * that when `onProgress` returns a promise, the loop waits for it before the next iteration. While
 * it waits, the event loop runs, so a live display such as `progress()` fed from `onProgress`
 * reaches the notebook during training (a synchronous `train` sends it only at the end of the
 * cell). A bad argument rejects the promise and changes nothing.
 *
 * @example The same run as train(), with an asynchronous callback
 * ```ts
 * import { train, trainAsync } from "./train.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const seen: number[] = [];
 * const a = await trainAsync({
 *   ...irisSetup({ seed: 0, iterations: 1000 }),
 *   onProgress: async (i) => {
 *     if (i % 250 === 0) seen.push(i);
 *     await Promise.resolve();
 *   },
 * });
 * const b = train(irisSetup({ seed: 0, iterations: 1000 }));
 * console.assert(seen.join() === "250,500,750,1000");
 * console.assert(JSON.stringify(a) === JSON.stringify(b));
 * ```
 */
export function trainAsync(options: TrainOptions): Promise<TrainResult> {
  return runAwaiting(trainLoop(options, true));
}

/** Everything `trainLoop` checked and derived before the first step. */
interface Run {
  data: PreparedData;
  plan: BatchPlan;
  iterations: number;
  evalEvery: number;
  checkpointEvery: number;
  interval: "step" | "epoch";
  shuffle: boolean;
  plateau: ReduceLROnPlateau | null;
  divergeFactor: number | null;
}

/** Throws unless every tensor `optimizer` updates is one of `model.parameters()`. */
function checkOptimizerOwnsModel(model: TrainableModel, optimizer: TrainableOptimizer): void {
  const own = new Set<unknown>(model.parameters());
  optimizer.paramGroups.forEach((group, g) => {
    const params = (group as { params?: unknown }).params;
    if (!Array.isArray(params)) return;
    params.forEach((p, i) => {
      if (!own.has(p)) {
        throw new RangeError(
          `optimizer.paramGroups[${g}].params[${i}] is not a parameter of model: the optimizer ` +
            "was built on another model (build it on model.parameters())",
        );
      }
    });
  });
}

/** The run-specific checks of a checkpoint to resume, before anything is loaded. */
function checkResume(resume: Checkpoint, run: Run, hasRng: boolean): void {
  const { iterations, plan, shuffle, data } = run;
  if (typeof resume !== "object" || resume === null) return; // loadCheckpoint says why
  if (typeof resume.iteration === "number" && resume.iteration >= iterations) {
    throw new RangeError(
      `checkpoint.iteration=${resume.iteration} leaves nothing to run: the run has ` +
        `iterations=${iterations} in total`,
    );
  }
  const order = resume.order ?? null;
  if (order !== null && !shuffle) {
    throw new RangeError(
      "checkpoint has a shuffled batch order (checkpoint.order), but shuffle is false",
    );
  }
  if (Array.isArray(order) && order.length !== plan.rows) {
    throw new RangeError(
      `checkpoint.order has ${order.length} rows but data.xTrain has ${plan.rows}`,
    );
  }
  const midEpoch = typeof resume.iteration === "number" &&
    resume.iteration % plan.stepsPerEpoch !== 0;
  if (shuffle && midEpoch && order === null) {
    throw new RangeError(
      `checkpoint.order is missing: a shuffled run saved in the middle of an epoch ` +
        `(iteration ${resume.iteration}) cannot take the same batches without it`,
    );
  }
  if (shuffle && !hasRng) throw new TypeError("shuffle needs rng, the stream it draws from");
  const history = resume.history as History | undefined;
  const points = Array.isArray(history?.iteration) ? history.iteration.length : 0;
  const hasVal = data.xVal !== null;
  if (points > 0 && hasVal !== Array.isArray(history?.valLoss)) {
    throw new RangeError(
      hasVal
        ? "checkpoint.history has no valLoss, but data has a validation set"
        : "checkpoint.history has valLoss, but data has no validation set",
    );
  }
}

/**
 * The loop behind {@linkcode train} and {@linkcode trainAsync} (and `sweep`, which runs it once
 * per run; not exported from the library). Checks everything, then runs the loop. With `pause`,
 * the loop yields each promise `onProgress` returns (after the rest of that iteration) and
 * resumes when its driver calls `next()` again.
 *
 * @example Driven by hand: `pause` false never yields
 * ```ts
 * import { trainLoop } from "./train.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const done = trainLoop(irisSetup({ seed: 0, iterations: 10, evalEvery: 5 }), false).next();
 * console.assert(done.done === true && done.value.iteration === 10);
 * ```
 */
export function* trainLoop(options: TrainOptions, pause: boolean): PausableLoop<TrainResult> {
  check.options("train", options, TRAIN_KEYS);
  const { model, loss, optimizer, scheduler, rng } = options;
  if (typeof model?.forward !== "function" || typeof model.parameters !== "function") {
    throw new TypeError(`model must be a Module with forward(), got model=${check.show(model)}`);
  }
  if (typeof loss?.forward !== "function") {
    throw new TypeError(`loss must have forward(scores, labels), got loss=${check.show(loss)}`);
  }
  if (typeof optimizer?.step !== "function" || !Array.isArray(optimizer.paramGroups)) {
    throw new TypeError(`optimizer must be an Optimizer, got optimizer=${check.show(optimizer)}`);
  }
  if (scheduler !== undefined && typeof scheduler?.step !== "function") {
    throw new TypeError(`scheduler must have step(), got scheduler=${check.show(scheduler)}`);
  }
  checkOptimizerOwnsModel(model, optimizer);
  const attached = (scheduler as { optimizer?: unknown } | undefined)?.optimizer;
  if (attached !== undefined && attached !== optimizer) {
    throw new RangeError(
      "scheduler is attached to another optimizer: build it on the optimizer given to train()",
    );
  }
  const interval = check.oneOf("schedulerInterval", options.schedulerInterval ?? "step", [
    "step",
    "epoch",
  ]);
  if (options.iterations !== undefined && options.epochs !== undefined) {
    throw new TypeError("train takes iterations or epochs, not both");
  }
  if (options.iterations === undefined && options.epochs === undefined) {
    throw new TypeError("train needs iterations or epochs, got neither");
  }
  if (options.iterations !== undefined) {
    const iterations = check.integer("iterations", options.iterations);
    if (iterations < 0) {
      throw new RangeError(`iterations must be ≥ 0, got iterations=${iterations}`);
    }
  }
  if (options.epochs !== undefined) check.positiveInteger("epochs", options.epochs);
  const batchSize = options.batchSize === undefined
    ? undefined
    : check.positiveInteger("batchSize", options.batchSize);
  const shuffle = check.boolean("shuffle", options.shuffle ?? false);
  const dropLast = check.boolean("dropLast", options.dropLast ?? false);
  check.boolean("capture", options.capture ?? true);
  if (rng !== undefined && !(rng instanceof Random)) {
    throw new TypeError(`rng must be a Random, got rng=${check.show(rng)}`);
  }
  if (shuffle && rng === undefined) {
    throw new TypeError("shuffle needs rng, the stream it draws each epoch's order from");
  }
  const factor = check.number("divergeFactor", options.divergeFactor ?? 100);
  if (!(factor > 1)) {
    throw new RangeError(`divergeFactor must be greater than 1, got divergeFactor=${factor}`);
  }
  const divergeFactor = factor === Infinity ? null : factor;
  const evalOption = options.evalEvery ?? 500;
  if (evalOption !== "epoch") check.positiveInteger("evalEvery", evalOption);
  const checkpointEvery = options.checkpointEvery === undefined
    ? 0
    : check.positiveInteger("checkpointEvery", options.checkpointEvery);
  if (options.stopWhen !== undefined) check.callable("stopWhen", options.stopWhen);
  if (options.onProgress !== undefined) check.callable("onProgress", options.onProgress);
  if (options.onCheckpoint !== undefined) check.callable("onCheckpoint", options.onCheckpoint);
  if (checkpointEvery > 0 && options.onCheckpoint === undefined) {
    throw new TypeError("checkpointEvery needs onCheckpoint to receive the checkpoints");
  }
  const data = prepareData(options.data, model, loss);
  const rows = data.xTrain.shape[0]!;
  const plan = planBatches(rows, batchSize ?? rows, dropLast, shuffle);
  const run: Run = {
    data,
    plan,
    iterations: options.iterations ?? options.epochs! * plan.stepsPerEpoch,
    evalEvery: evalOption === "epoch" ? plan.stepsPerEpoch : evalOption,
    checkpointEvery,
    interval,
    shuffle,
    plateau: scheduler instanceof ReduceLROnPlateau ? scheduler : null,
    divergeFactor,
  };
  checkLrs(optimizer);
  let start: RunPosition = { iteration: 0, history: emptyHistory(), lossSum: 0, lossCount: 0 };
  if (options.resume !== undefined) {
    checkResume(options.resume, run, rng !== undefined);
    start = loadCheckpoint(options.resume, {
      model,
      optimizer,
      scheduler: scheduler as SteppedScheduler | undefined,
      rng,
    });
  }
  return yield* loop(options, run, start, pause);
}

interface Snapshot {
  iteration: number;
  params: Float64Array[];
  optimizer: ReturnType<TrainableOptimizer["stateDict"]>;
  scheduler: JsonObject | null;
  random: ReturnType<Random["state"]> | null;
}

/** A step over one batch shape: captured (replayed) or eager. */
type Step = () => Tensor;

function* loop(
  options: TrainOptions,
  run: Run,
  start: RunPosition,
  pause: boolean,
): PausableLoop<TrainResult> {
  const { model, loss, optimizer, onProgress, stopWhen, onCheckpoint, rng } = options;
  const scheduler = options.scheduler as SteppedScheduler | undefined;
  const { plan, plateau, divergeFactor } = run;
  const { xTrain, yTrain, xTest, yTest, xVal, yVal } = run.data;
  const spe = plan.stepsPerEpoch;
  const params = model.parameters();
  const groups = optimizer.paramGroups;
  const wrap = options.capture === false ? <T>(fn: () => T) => fn : captureStep;
  const stepOn = (x: Tensor, y: Int32Array): Step =>
    wrap(() => {
      optimizer.zeroGrad();
      const value = loss.forward(model.forward(x), y);
      value.backward();
      optimizer.step();
      return value;
    });
  // The full batches and the partial last one each get their own buffers and step.
  const fullBatch: BatchBuffers = plan.direct
    ? { x: xTrain, y: yTrain }
    : batchBuffers(plan.batchSize, xTrain.shape[1]!, xTrain.dtype);
  const restBatch: BatchBuffers | null = plan.rest > 0
    ? batchBuffers(plan.rest, xTrain.shape[1]!, xTrain.dtype)
    : null;
  const stepFull = stepOn(fullBatch.x, fullBatch.y);
  const stepRest = restBatch === null ? null : stepOn(restBatch.x, restBatch.y);
  const order = Int32Array.from({ length: plan.rows }, (_, i) => i);
  if (start.order) order.set(start.order);

  const scoreTrain = wrap(() => noGrad(() => model.forward(xTrain)));
  const scoreTest = wrap(() => noGrad(() => model.forward(xTest)));
  const scoreVal = xVal === null || yVal === null ? null : wrap(() =>
    noGrad(() => {
      const scores = model.forward(xVal);
      return { scores, value: loss.forward(scores, yVal) };
    })
  );

  const snapshot: Snapshot = {
    iteration: start.iteration,
    params: params.map((p) => Float64Array.from(p.data)),
    optimizer: structuredClone(optimizer.stateDict()),
    scheduler: scheduler ? structuredClone(scheduler.stateDict()) : null,
    random: rng ? rng.state() : null,
  };
  const takeSnapshot = (at: number) => {
    snapshot.iteration = at;
    params.forEach((p, i) => snapshot.params[i]!.set(p.data));
    snapshot.optimizer = structuredClone(optimizer.stateDict());
    if (scheduler) snapshot.scheduler = structuredClone(scheduler.stateDict());
    if (rng) snapshot.random = rng.state();
  };
  const restore = () => {
    params.forEach((p, i) => p.data.set(snapshot.params[i]!));
    optimizer.loadStateDict(structuredClone(snapshot.optimizer));
    if (scheduler && snapshot.scheduler) {
      scheduler.loadStateDict(structuredClone(snapshot.scheduler));
    }
    if (rng && snapshot.random) rng.setState(snapshot.random);
  };
  const finiteParams = () => params.every((p) => p.data.every(Number.isFinite));

  const history = start.history;
  history.epoch ??= history.iteration.map((i) => i / spe);
  if (scoreVal !== null) {
    history.valLoss ??= [];
    history.valAccuracy ??= [];
  }
  let iteration = start.iteration;
  let lossCount = start.lossCount ?? 0;
  // Doubles the loop updates live in a typed array, so that no number is ever boxed:
  // [0] the loss sum since the last evaluation point, [1] the last loss, [2] the last lr,
  // [3] the divergence watch's moving average, [4] its best and [5] its first bias-corrected
  // value, [6] how many losses it has seen, [7] the last validation loss, [8] β^[6] (the bias
  // correction is 1 − β^t), [9] the current bias-corrected value, [10] divergeFactor.
  const smoothing = start.smoothing ?? null;
  const acc = Float64Array.of(
    start.lossSum ?? 0,
    NaN,
    groups[0]!.lr,
    smoothing?.average ?? 0,
    smoothing?.best ?? Infinity,
    smoothing?.first ?? NaN,
    smoothing?.count ?? 0,
    NaN,
    Math.pow(BETA, smoothing?.count ?? 0),
    NaN,
    divergeFactor ?? Infinity,
  );
  const watch = divergeFactor !== null;
  let stopped = false;
  // Records one evaluation point. The loop's counters stay out of closures: V8 boxes a double
  // that a closure captures, which would allocate on every iteration.
  const evaluate = (at: number, meanLoss: number, lr: number) => {
    const trainAccuracy = accuracyOf(scoreTrain(), yTrain);
    const testAccuracy = accuracyOf(scoreTest(), yTest);
    history.iteration.push(at);
    history.epoch!.push(at / spe);
    history.loss.push(meanLoss);
    history.trainAccuracy.push(trainAccuracy);
    history.testAccuracy.push(testAccuracy);
    history.lr.push(lr);
    if (scoreVal !== null) {
      const { scores, value } = scoreVal();
      acc[7] = value.data[0]!;
      history.valLoss!.push(acc[7]!);
      history.valAccuracy!.push(accuracyOf(scores, yVal!));
    }
  };
  const diverged = (at: number, value: number, lr: number, reason?: string) => {
    restore();
    return new DivergenceError({
      iteration: at,
      loss: value,
      lr,
      restoredTo: snapshot.iteration,
      reason,
      suggestedLr: suggestLowerLr(lr),
    });
  };

  while (iteration < run.iterations) {
    const position = iteration % spe;
    let step = stepFull;
    if (!plan.direct) {
      if (position === 0 && run.shuffle) reshuffle(order, rng!);
      if (position < plan.full) {
        fillBatch(xTrain, yTrain, order, position * plan.batchSize, fullBatch);
      } else {
        fillBatch(xTrain, yTrain, order, plan.full * plan.batchSize, restBatch!);
        step = stepRest!;
      }
    }
    const lr = acc[2] = groups[0]!.lr;
    const value = step().data[0]!;
    iteration++;
    if (!Number.isFinite(value)) throw diverged(iteration, value, lr);
    acc[1] = value;
    acc[0] = acc[0]! + value;
    lossCount++;
    if (watch) {
      // Everything in acc, no double locals: this runs every iteration and must not allocate.
      acc[6] = acc[6]! + 1;
      acc[8] = acc[8]! * BETA;
      acc[3] = BETA * acc[3]! + (1 - BETA) * value;
      acc[9] = acc[3]! / (1 - acc[8]!);
      if (acc[6] === 1) acc[5] = acc[9]!;
      if (acc[9]! < acc[4]!) acc[4] = acc[9]!;
      if (acc[9]! > acc[10]! * acc[4]! && acc[9]! > acc[5]!) {
        throw diverged(
          iteration,
          value,
          lr,
          `its smoothed value ${
            acc[9]!.toPrecision(3)
          } is more than divergeFactor=${divergeFactor} ` +
            `times the best, ${acc[4]!.toPrecision(3)}`,
        );
      }
    }
    const pending = onProgress?.(iteration, value, lr);
    const epochEnd = iteration % spe === 0;
    if (scheduler !== undefined && plateau === null && (run.interval === "step" || epochEnd)) {
      scheduler.step();
    }
    const last = iteration === run.iterations;
    const evalPoint = iteration % run.evalEvery === 0;
    if (evalPoint || last) {
      if (!finiteParams()) throw diverged(iteration, NaN, lr);
    }
    if (evalPoint) {
      const meanLoss = acc[0]! / lossCount;
      evaluate(iteration, meanLoss, lr);
      plateau?.step(scoreVal === null ? meanLoss : acc[7]!);
      acc[0] = 0;
      lossCount = 0;
      stopped = !last && (stopWhen?.(history) ?? false);
    }
    if (evalPoint || last) takeSnapshot(iteration);
    if (run.checkpointEvery > 0 && iteration % run.checkpointEvery === 0) {
      onCheckpoint!(saveCheckpoint(
        { model, optimizer, scheduler, rng },
        {
          iteration,
          history,
          lossSum: acc[0]!,
          lossCount,
          order: run.shuffle ? Array.from(order) : null,
          smoothing: divergeFactor === null || acc[6] === 0
            ? null
            : { average: acc[3]!, best: acc[4]!, first: acc[5]!, count: acc[6]! },
        },
      ));
    }
    if (pause && isThenable(pending)) yield pending;
    if (stopped) break;
  }
  // A run that ends between evaluation points gets a last point (after any checkpoint, which
  // must not contain it: a resumed run evaluates on the regular grid).
  if (lossCount > 0 && iteration === run.iterations) {
    evaluate(iteration, acc[0]! / lossCount, acc[2]!);
  }
  const n = history.iteration.length;
  const lastOf = (values: number[] | undefined) =>
    n > 0 && values !== undefined ? values[n - 1]! : NaN;
  return {
    history,
    iteration,
    epoch: iteration / spe,
    stepsPerEpoch: spe,
    stopped,
    loss: acc[1]!,
    trainAccuracy: lastOf(history.trainAccuracy),
    testAccuracy: lastOf(history.testAccuracy),
    valAccuracy: lastOf(history.valAccuracy),
  };
}

/**
 * The iterations a run of `options` is planned for: `iterations`, or `epochs` times the steps
 * per epoch its data and batch size give; NaN when the options are too broken to tell (the run
 * itself then says why). For `sweep`'s progress reports; not exported from the library.
 *
 * @example
 * ```ts
 * import { plannedIterations } from "./train.ts";
 * const data = { xTrain: [[0], [1], [2]], yTrain: [0, 1, 0], xTest: [[0]], yTest: [0] };
 * console.assert(plannedIterations({ data, epochs: 4, batchSize: 2 } as never) === 8);
 * ```
 */
export function plannedIterations(options: TrainOptions): number {
  if (typeof options?.iterations === "number") return options.iterations;
  const x = options?.data?.xTrain as { length?: number; shape?: number[] } | undefined;
  const rows = Array.isArray(x) ? x.length : x?.shape?.[0];
  if (typeof rows !== "number" || typeof options.epochs !== "number" || rows === 0) return NaN;
  try {
    const plan = planBatches(
      rows,
      options.batchSize ?? rows,
      options.dropLast ?? false,
      options.shuffle ?? false,
    );
    return options.epochs * plan.stepsPerEpoch;
  } catch {
    return NaN;
  }
}
