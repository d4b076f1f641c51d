/**
 * `train`: the full-batch training loop. Each iteration runs forward, loss, backward,
 * `optimizer.step()` and `scheduler.step()`; every `evalEvery` iterations it records the mean
 * loss, both accuracies and the lr in a {@linkcode History}. `trainAsync` runs the same loop and
 * awaits what `onProgress` returns, so that a notebook's live display can update while it trains.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Random } from "../random.ts";
import { capture as captureStep, noGrad } from "../tensor/_graph.ts";
import {
  accuracyOf,
  checkLrs,
  prepareData,
  type PreparedData,
  type TrainData,
} from "./_prepare.ts";
import { type Checkpoint, emptyHistory, loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
import { DivergenceError } from "./divergence_error.ts";
import type { History } from "./history.ts";
import { isThenable, type PausableLoop, runAwaiting, runToEnd } from "./_pausable.ts";
import type {
  JsonObject,
  LossFunction,
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
  /** The optimizer over `model.parameters()`. */
  optimizer: TrainableOptimizer;
  /**
   * A scheduler stepped once per iteration, after `optimizer.step()` (optional). A
   * `ReduceLROnPlateau` needs a metric: leave it out here and step it from `onProgress`.
   */
  scheduler?: SteppedScheduler;
  /** The full batch to train on, and the test set. */
  data: TrainData;
  /** The most iterations to run in total (a resumed run counts those before the checkpoint). */
  iterations: number;
  /** Evaluate and record history every this many iterations. Default 500. */
  evalEvery?: number;
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
  /** A random stream whose state checkpoints save and restore (e.g. the one that initialised the model). */
  rng?: Random;
  /** Replay one captured step per iteration, allocating nothing (default true); false runs eagerly. */
  capture?: boolean;
}

/** What {@linkcode train} returns; the trained weights are in the model. */
export interface TrainResult {
  /** One entry per evaluation point. */
  history: History;
  /** How many iterations have run in total. */
  iteration: number;
  /** True if `stopWhen` ended the run before `iterations`. */
  stopped: boolean;
  /** The loss of the last iteration. */
  loss: number;
  /** Train accuracy at the last evaluation point. */
  trainAccuracy: number;
  /** Test accuracy at the last evaluation point. */
  testAccuracy: number;
}

/**
 * Trains `model` on the full batch `data.xTrain` for at most `iterations` iterations:
 *
 * ```
 * for t = 1 … iterations:
 *   L_t = loss(model(xTrain), yTrain);  backward;  optimizer.step();  scheduler.step()
 *   every evalEvery: history += (t, mean of L since the last point, train acc, test acc, lr_t)
 *                    stop if stopWhen(history)
 * ```
 *
 * Accuracies are measured after the step, on the model as it then is; `lr` is the lr of param
 * group 0 that iteration t used. One training step is captured and replayed, so the loop
 * allocates no tensors (scheduler bookkeeping aside). Everything is checked before the first
 * step; a bad argument leaves model, optimizer and scheduler unchanged. If the loss becomes NaN
 * or ±Infinity, the model, optimizer and scheduler are restored to the last evaluation point
 * with finite weights and a {@linkcode DivergenceError} is thrown.
 *
 * Checkpoints (`checkpointEvery`, `onCheckpoint`, `resume`) hold everything, so a resumed run
 * ends with weights bit-identical to an uninterrupted one.
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
  const iterations = check.integer("iterations", options.iterations);
  if (iterations < 0) throw new RangeError(`iterations must be ≥ 0, got iterations=${iterations}`);
  const evalEvery = check.positiveInteger("evalEvery", options.evalEvery ?? 500);
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
  if (options.resume !== undefined) {
    loadCheckpoint(options.resume, { model, optimizer, scheduler, rng });
  }
  checkLrs(optimizer);
  const start = options.resume
    ? {
      iteration: options.resume.iteration,
      history: structuredClone(options.resume.history),
      lossSum: options.resume.lossSum,
      lossCount: options.resume.lossCount,
    }
    : { iteration: 0, history: emptyHistory(), lossSum: 0, lossCount: 0 };
  return yield* loop(options, data, { iterations, evalEvery, checkpointEvery }, start, pause);
}

interface Snapshot {
  iteration: number;
  params: Float64Array[];
  optimizer: ReturnType<TrainableOptimizer["stateDict"]>;
  scheduler: JsonObject | null;
}

function* loop(
  options: TrainOptions,
  data: PreparedData,
  limits: { iterations: number; evalEvery: number; checkpointEvery: number },
  start: { iteration: number; history: History; lossSum: number; lossCount: number },
  pause: boolean,
): PausableLoop<TrainResult> {
  const { model, loss, optimizer, scheduler, onProgress, stopWhen, onCheckpoint, rng } = options;
  const { xTrain, yTrain, xTest, yTest } = data;
  const params = model.parameters();
  const groups = optimizer.paramGroups;
  const wrap = options.capture === false ? <T>(fn: () => T) => fn : captureStep;
  const step = wrap(() => {
    optimizer.zeroGrad();
    const value = loss.forward(model.forward(xTrain), yTrain);
    value.backward();
    optimizer.step();
    return value;
  });
  const scoreTrain = wrap(() => noGrad(() => model.forward(xTrain)));
  const scoreTest = wrap(() => noGrad(() => model.forward(xTest)));

  const snapshot: Snapshot = {
    iteration: start.iteration,
    params: params.map((p) => Float64Array.from(p.data)),
    optimizer: structuredClone(optimizer.stateDict()),
    scheduler: scheduler ? structuredClone(scheduler.stateDict()) : null,
  };
  const restore = () => {
    params.forEach((p, i) => p.data.set(snapshot.params[i]!));
    optimizer.loadStateDict(structuredClone(snapshot.optimizer));
    if (scheduler && snapshot.scheduler) {
      scheduler.loadStateDict(structuredClone(snapshot.scheduler));
    }
  };
  const finiteParams = () => params.every((p) => p.data.every(Number.isFinite));

  const history = start.history;
  let { iteration, lossCount } = start;
  // Doubles the loop updates live in a typed array, so that no number is ever boxed:
  // [0] the loss sum since the last evaluation point, [1] the last loss, [2] the last lr.
  const acc = Float64Array.of(start.lossSum, NaN, groups[0]!.lr);
  let stopped = false;
  // Records one evaluation point. The loop's counters stay out of closures: V8 boxes a double
  // that a closure captures, which would allocate on every iteration.
  const evaluate = (at: number, meanLoss: number, lr: number) => {
    const trainAccuracy = accuracyOf(scoreTrain(), yTrain);
    const testAccuracy = accuracyOf(scoreTest(), yTest);
    history.iteration.push(at);
    history.loss.push(meanLoss);
    history.trainAccuracy.push(trainAccuracy);
    history.testAccuracy.push(testAccuracy);
    history.lr.push(lr);
  };

  while (iteration < limits.iterations) {
    const lr = acc[2] = groups[0]!.lr;
    const value = step().data[0]!;
    iteration++;
    if (!Number.isFinite(value)) {
      restore();
      throw new DivergenceError({ iteration, loss: value, lr, restoredTo: snapshot.iteration });
    }
    acc[1] = value;
    acc[0] = acc[0]! + value;
    lossCount++;
    const pending = onProgress?.(iteration, value, lr);
    scheduler?.step();
    const last = iteration === limits.iterations;
    if (iteration % limits.evalEvery === 0 || last) {
      if (!finiteParams()) {
        restore();
        throw new DivergenceError({ iteration, loss: NaN, lr, restoredTo: snapshot.iteration });
      }
      snapshot.iteration = iteration;
      params.forEach((p, i) => snapshot.params[i]!.set(p.data));
      snapshot.optimizer = structuredClone(optimizer.stateDict());
      if (scheduler) snapshot.scheduler = structuredClone(scheduler.stateDict());
    }
    if (iteration % limits.evalEvery === 0) {
      evaluate(iteration, acc[0]! / lossCount, lr);
      acc[0] = 0;
      lossCount = 0;
      stopped = !last && (stopWhen?.(history) ?? false);
    }
    if (limits.checkpointEvery > 0 && iteration % limits.checkpointEvery === 0) {
      onCheckpoint!(saveCheckpoint(
        { model, optimizer, scheduler, rng },
        { iteration, history, lossSum: acc[0]!, lossCount },
      ));
    }
    if (pause && isThenable(pending)) yield pending;
    if (stopped) break;
  }
  // A run that ends between evaluation points gets a last point (after any checkpoint, which
  // must not contain it: a resumed run evaluates on the regular grid).
  if (lossCount > 0 && iteration === limits.iterations) {
    evaluate(iteration, acc[0]! / lossCount, acc[2]!);
  }
  const n = history.iteration.length;
  return {
    history,
    iteration,
    stopped,
    loss: acc[1]!,
    trainAccuracy: n > 0 ? history.trainAccuracy[n - 1]! : NaN,
    testAccuracy: n > 0 ? history.testAccuracy[n - 1]! : NaN,
  };
}
