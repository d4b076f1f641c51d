/**
 * `lrRangeTest`: Leslie Smith's learning-rate range test ("Cyclical Learning Rates for Training
 * Neural Networks", 2017), with what fastai's `lr_find`, Lightning's `Tuner.lr_find` and
 * torch-lr-finder offer together: an lr growing exponentially or linearly from `startLr` to
 * `endLr`, a smoothed loss, a divergence stop, optional validation data, fastai's four
 * suggestions and Lightning's, and the model and optimizer restored afterwards.
 *
 * @module
 */

import * as check from "../_check.ts";
import { capture, noGrad } from "../tensor/_graph.ts";
import { isThenable, type PausableLoop, runToEnd } from "./_pausable.ts";
import { modelDtype, toLabels, toMatrix } from "./_prepare.ts";
import type { Features, LossFunction, TrainableModel, TrainableOptimizer } from "./_types.ts";
import {
  fastaiCurve,
  lightningSuggestion,
  type LrSuggestion,
  minimumSuggestion,
  slideSuggestion,
  steepSuggestion,
  valleySuggestion,
} from "./_lr_suggestions.ts";

export {
  fastaiCurve,
  lightningSuggestion,
  type LightningSuggestionOptions,
  type LrSuggestion,
  minimumSuggestion,
  type SlideOptions,
  slideSuggestion,
  steepSuggestion,
  valleySuggestion,
} from "./_lr_suggestions.ts";

/** Which rule sets {@linkcode LrRangeTestResult.suggestedLr}. */
export type LrSuggestionRule = "steepest" | "minimum" | "steep" | "valley" | "slide" | "lightning";

const RULES = ["steepest", "minimum", "steep", "valley", "slide", "lightning"] as const;

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
  /**
   * Held-out data (torch-lr-finder's `val_loader`; a `trainTestSplit` result fits): when
   * given, the curve is the loss on it after each step's update, not the training loss.
   */
  validationData?: { xTest: Features; yTest: ArrayLike<number> };
  /** The first lr. Default 1e-7. */
  startLr?: number;
  /** The last lr. Default 10. */
  endLr?: number;
  /** How many steps, at least 2. Default 100. */
  steps?: number;
  /** `"exponential"` (default; fastai's, Lightning's) or `"linear"` growth of the lr. */
  mode?: "exponential" | "linear";
  /** β of the loss's exponential moving average, in [0, 1). Default 0.98 (fastai's). */
  smoothing?: number;
  /**
   * Stop once the smoothed loss exceeds this many times its minimum; default 4 (fastai's and
   * Lightning's `early_stop_threshold`), `null` never stops early (Lightning's `None`).
   */
  divergeFactor?: number | null;
  /** The rule behind `suggestedLr` (default `"steepest"`; fastai's own default is `"valley"`). */
  suggestion?: LrSuggestionRule;
  /** Lightning's `skip_begin` for `suggestions.lightning` (default 10). */
  skipBegin?: number;
  /** Lightning's `skip_end` for `suggestions.lightning` (default 1). */
  skipEnd?: number;
}

/**
 * The suggestions of fastai and Lightning on one range test's curve (lrs and smoothed loss);
 * `null` where the curve is too short for that rule.
 */
export type LrSuggestions = {
  /** fastai's `minimum`: a tenth of the lr with the lowest loss. */
  minimum: LrSuggestion | null;
  /** fastai's `steep`: the steepest fall per unit of log lr. */
  steep: LrSuggestion | null;
  /** fastai's `valley`: a third plus a sixth into the longest falling stretch. */
  valley: LrSuggestion | null;
  /** fastai's `slide` with its defaults (needs 16 points after fastai's cut). */
  slide: LrSuggestion | null;
  /** Lightning's `_LRFinder.suggestion(skipBegin, skipEnd)`, with its index in the curve. */
  lightning: (LrSuggestion & { index: number }) | null;
};

/** What {@linkcode lrRangeTest} returns: one entry per step taken. */
export interface LrRangeTestResult {
  /** The lr of each step. */
  lr: number[];
  /**
   * The loss the curve is made of: the training loss each step computes before its update,
   * or with `validationData` the validation loss after it.
   */
  loss: number[];
  /** The training loss of each step (computed before that step's update). */
  trainLoss: number[];
  /** The bias-corrected exponential moving average of the loss. */
  smoothedLoss: number[];
  /** The suggestion of the `suggestion` rule (default `steepestLr`). */
  suggestedLr: number;
  /** fastai's four suggestions and Lightning's, on `lr` and `smoothedLoss`. */
  suggestions: LrSuggestions;
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

/** Each rule's suggestion, or `null` where fastai's function would fail on so short a curve. */
function allSuggestions(
  lrs: number[],
  smoothed: number[],
  steps: number,
  skip: { skipBegin: number; skipEnd: number },
): LrSuggestions {
  const cut = fastaiCurve(lrs, smoothed, steps);
  const n = cut.lrs.length;
  return {
    minimum: n >= 1 ? minimumSuggestion(cut.lrs, cut.losses) : null,
    steep: n >= 2 ? steepSuggestion(cut.lrs, cut.losses) : null,
    valley: n >= 1 ? valleySuggestion(cut.lrs, cut.losses) : null,
    slide: n >= 16 ? slideSuggestion(cut.lrs, cut.losses) : null,
    lightning: lightningSuggestion(lrs, smoothed, skip),
  };
}

/** Throws unless every tensor `optimizer` updates is one of `model.parameters()` (as train does). */
function checkOwnership(model: TrainableModel, optimizer: TrainableOptimizer): void {
  if (typeof model.parameters !== "function") return;
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

/** The scalar settings of a range test, checked, with their defaults. */
export interface RangeSettings {
  startLr: number;
  endLr: number;
  steps: number;
  mode: "exponential" | "linear";
  smoothing: number;
  divergeFactor: number | null;
  suggestion: LrSuggestionRule;
  skipBegin: number;
  skipEnd: number;
}

/**
 * Checks the scalar options of {@linkcode lrRangeTest} (all but model, loss, optimizer and
 * data) and returns them with their defaults; a task builder checks its range options with it.
 *
 * @example
 * ```ts
 * import { checkRangeSettings } from "./lr_range_test.ts";
 * console.assert(checkRangeSettings({ steps: 50 }).endLr === 10);
 * ```
 */
export function checkRangeSettings(options: Partial<LrRangeTestOptions>): RangeSettings {
  const startLr = check.positive("startLr", options.startLr ?? 1e-7);
  const endLr = check.positive("endLr", options.endLr ?? 10);
  if (!(endLr > startLr)) {
    throw new RangeError(
      `endLr must be greater than startLr, got startLr=${startLr}, endLr=${endLr}`,
    );
  }
  const steps = check.integer("steps", options.steps ?? 100);
  if (steps < 2) throw new RangeError(`steps must be at least 2, got steps=${steps}`);
  const mode = check.oneOf("mode", options.mode ?? "exponential", ["exponential", "linear"]);
  const smoothing = check.finite("smoothing", options.smoothing ?? 0.98);
  if (!(smoothing >= 0 && smoothing < 1)) {
    throw new RangeError(`smoothing must be in [0, 1), got smoothing=${smoothing}`);
  }
  const divergeFactor = options.divergeFactor === null
    ? null
    : check.finite("divergeFactor", options.divergeFactor ?? 4);
  if (divergeFactor !== null && !(divergeFactor > 1)) {
    throw new RangeError(
      `divergeFactor must be greater than 1, got divergeFactor=${divergeFactor}`,
    );
  }
  const suggestion = check.oneOf("suggestion", options.suggestion ?? "steepest", RULES);
  const skipBegin = check.nonNegative(
    "skipBegin",
    check.integer("skipBegin", options.skipBegin ?? 10),
  );
  const skipEnd = check.nonNegative("skipEnd", check.integer("skipEnd", options.skipEnd ?? 1));
  return {
    startLr,
    endLr,
    steps,
    mode,
    smoothing,
    divergeFactor,
    suggestion,
    skipBegin,
    skipEnd,
  };
}

const OPTION_KEYS = [
  "model",
  "loss",
  "optimizer",
  "data",
  "validationData",
  "startLr",
  "endLr",
  "steps",
  "mode",
  "smoothing",
  "divergeFactor",
  "suggestion",
  "skipBegin",
  "skipEnd",
];

/** The other keys of an `irisSetup()` result (and its `split`), accepted and ignored. */
const SETUP_KEYS = ["scheduler", "iterations", "evalEvery", "stopWhen", "rng", "split"];

/**
 * Steps `i = 0 … steps − 1` train on the batch with
 *
 * ```
 * lr_i = startLr · (endLr / startLr)^(i / (steps − 1))            (mode "exponential")
 * lr_i = startLr + (i / (steps − 1)) · (endLr − startLr)           (mode "linear")
 * avg_i = β · avg_{i−1} + (1 − β) · loss_i,  avg_{−1} = 0
 * smoothed_i = avg_i / (1 − β^(i+1))                               (bias correction)
 * stop after step i if smoothed_i > divergeFactor · min_{j≤i} smoothed_j or loss_i is not finite
 * ```
 *
 * (torch-lr-finder's `ExponentialLR` and `LinearLR`, which end at `endLr`; fastai's and
 * Lightning's smoothing and divergence rule.) `loss_i` is the loss the step computes before its
 * own update, so it shows the effect of the lrs before it (as in fastai); with `validationData`
 * it is the loss on that data after the update (torch-lr-finder's `val_loader`). A non-finite
 * loss is not recorded. Model weights and optimizer state (lrs included) are restored at the
 * end, even when a step throws, so the test can run before the real training.
 *
 * Suggestions, all on the lrs and the smoothed loss (what fastai's recorder and Lightning's
 * callback record):
 * - `steepestLr`: the steepest descent of the smoothed loss per step (numpy-style `gradient`),
 *   skipping the first 10 and last 5 steps when more than 20 remain (fastai v1's
 *   `suggestion`), never past the lowest loss;
 * - `suggestions.minimum`, `.steep`, `.valley`, `.slide`: fastai's functions, on the curve cut
 *   as fastai's `lr_find` cuts it (`[steps//10:-5]`, up to the first NaN);
 * - `suggestions.lightning`: Lightning's steepest point against the lr, with `skipBegin`,
 *   `skipEnd`.
 *
 * `suggestedLr` is the one named by `suggestion` (default `"steepest"`); when that rule has no
 * answer on a short curve, `steepestLr`.
 *
 * An unknown option key throws; the other keys of an `irisSetup()` result (`scheduler`,
 * `iterations`, `evalEvery`, `stopWhen`, `rng`, `split`) are accepted and ignored, so a setup
 * can be spread into the options.
 *
 * @throws {TypeError} for a model or loss without `forward`, or data of the wrong shape.
 * @throws {RangeError} `endLr must be greater than startLr, got startLr=1, endLr=0.1`,
 * `mode must be one of "exponential", "linear", got mode="exp"`, and for the other bad values.
 *
 * @example
 * ```ts
 * import { lrRangeTest } from "./lr_range_test.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const { model, loss, optimizer, split } = irisSetup({ seed: 0, reduction: "mean" });
 * const r = lrRangeTest({ model, loss, optimizer, data: split, startLr: 1e-4, endLr: 10, steps: 50 });
 * console.assert(r.lr[0] === 1e-4 && r.suggestedLr >= 1e-4 && r.suggestedLr <= 10);
 * console.assert(r.suggestions.valley !== null && r.suggestions.lightning !== null);
 * console.assert(optimizer.paramGroups[0]!.lr === 0.12); // restored
 * ```
 */
export function lrRangeTest(options: LrRangeTestOptions): LrRangeTestResult {
  return runToEnd(lrRangeTestLoop(options, undefined, false), "lrRangeTest");
}

/**
 * The most steps a range test's options ask for: `steps`, default 100 (checked by the test).
 *
 * @example
 * ```ts
 * import { plannedSteps } from "./lr_range_test.ts";
 * console.assert(plannedSteps({ steps: 30 } as never) === 30);
 * ```
 */
export function plannedSteps(options: LrRangeTestOptions): number {
  const steps = (options as Partial<LrRangeTestOptions> | undefined)?.steps;
  return typeof steps === "number" ? steps : 100;
}

/** Called after each recorded step of a range test: its 1-based number, loss (the curve's) and lr. */
export type LrRangeTestStep = (step: number, loss: number, lr: number) => unknown;

/**
 * {@linkcode lrRangeTest}'s loop, shared with `lrRangeTests` and its workers: the same checks,
 * steps and result, with `onStep` called after each recorded step. With `pause`, it yields the
 * promises `onStep` returns (model and optimizer are restored however the loop ends).
 *
 * @example
 * ```ts
 * import { lrRangeTest, lrRangeTestLoop } from "./lr_range_test.ts";
 * import { runToEnd } from "./_pausable.ts";
 * import { irisSetup } from "./iris_setup.ts";
 * const options = () => {
 *   const { model, loss, optimizer, split } = irisSetup({ seed: 0 });
 *   return { model, loss, optimizer, data: split, steps: 20 };
 * };
 * const seen: number[] = [];
 * const r = runToEnd(lrRangeTestLoop(options(), (step) => seen.push(step), false), "x");
 * console.assert(JSON.stringify(r) === JSON.stringify(lrRangeTest(options())));
 * console.assert(seen.length === r.lr.length && seen[0] === 1);
 * ```
 */
export function* lrRangeTestLoop(
  options: LrRangeTestOptions,
  onStep: LrRangeTestStep | undefined,
  pause: boolean,
): PausableLoop<LrRangeTestResult> {
  // Callers spread a setup into the options (`{ ...irisSetup(), data }`): its other keys pass.
  check.options("lrRangeTest", options, [...OPTION_KEYS, ...SETUP_KEYS], {
    nullable: ["divergeFactor"],
  });
  const { model, loss, optimizer } = options;
  if (typeof model?.forward !== "function" || typeof loss?.forward !== "function") {
    throw new TypeError("lrRangeTest needs a model and a loss with forward()");
  }
  if (typeof optimizer?.step !== "function" || !Array.isArray(optimizer.paramGroups)) {
    throw new TypeError(`optimizer must be an Optimizer, got optimizer=${check.show(optimizer)}`);
  }
  checkOwnership(model, optimizer);
  const settings = checkRangeSettings(options);
  const { startLr, endLr, steps, mode, divergeFactor, skipBegin, skipEnd } = settings;
  const { smoothing: beta, suggestion: rule } = settings;
  for (
    const [name, data, key] of [
      ["data", options.data, "xTrain"],
      ["validationData", options.validationData, "xTest"],
    ] as const
  ) {
    if (data === undefined && name === "validationData") continue;
    if (typeof data !== "object" || data === null) {
      throw new TypeError(`${name} must be an object of arrays, got ${name}=${check.show(data)}`);
    }
    const x: unknown = (data as Record<string, unknown>)[key];
    if (!Array.isArray(x) && typeof (x as { rank?: unknown })?.rank !== "number") {
      throw new TypeError(
        `${name}.${key} must be an array of rows or a Tensor, got ${name}.${key}=${check.show(x)}`,
      );
    }
  }
  const x = toMatrix("data.xTrain", options.data?.xTrain, modelDtype(options.model));
  const y = toLabels("data.yTrain", options.data?.yTrain, x.shape[0]!, "data.xTrain");
  const validation = options.validationData === undefined ? undefined : (() => {
    const xv = toMatrix(
      "validationData.xTest",
      options.validationData.xTest,
      modelDtype(options.model),
    );
    const yv = toLabels(
      "validationData.yTest",
      options.validationData.yTest,
      xv.shape[0]!,
      "validationData.xTest",
    );
    return { x: xv, y: yv };
  })();
  noGrad(() => {
    for (
      const [xs, ys] of validation
        ? [[x, y], [validation.x, validation.y]] as const
        : [[x, y]] as const
    ) {
      const value = loss.forward(model.forward(xs), ys);
      if (value.size !== 1) throw new RangeError("loss must reduce to one number");
    }
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
  const validate = () =>
    validation === undefined
      ? undefined
      : noGrad(() => loss.forward(model.forward(validation.x), validation.y).data[0]!);
  const lrs: number[] = [], losses: number[] = [], trainLosses: number[] = [];
  const smoothed: number[] = [];
  let avg = 0, best = Infinity, stoppedEarly = false;
  try {
    for (let i = 0; i < steps; i++) {
      const r = i / (steps - 1);
      const lr = mode === "exponential"
        ? startLr * (endLr / startLr) ** r
        : startLr + r * (endLr - startLr);
      for (const group of optimizer.paramGroups) group.lr = lr;
      const trainValue = step().data[0]!;
      const value = validate() ?? trainValue;
      if (!Number.isFinite(value) || !Number.isFinite(trainValue)) {
        stoppedEarly = true;
        break;
      }
      avg = beta * avg + (1 - beta) * value;
      const s = avg / (1 - beta ** (i + 1));
      lrs.push(lr);
      losses.push(value);
      trainLosses.push(trainValue);
      smoothed.push(s);
      best = Math.min(best, s);
      const pending = onStep?.(i + 1, value, lr);
      if (pause && isThenable(pending)) yield pending;
      if (divergeFactor !== null && s > divergeFactor * best && i < steps - 1) {
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
  const suggestions = allSuggestions(lrs, smoothed, steps, { skipBegin, skipEnd });
  const chosen = rule === "steepest" ? null : suggestions[rule];
  return {
    lr: lrs,
    loss: losses,
    trainLoss: trainLosses,
    smoothedLoss: smoothed,
    suggestedLr: chosen?.lr ?? steepestLr,
    suggestions,
    steepestLr,
    minLossLr: lrs[minAt]!,
    stoppedEarly,
  };
}
