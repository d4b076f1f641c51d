/**
 * The learning-rate suggestions of fastai (`minimum`, `steep`, `valley`, `slide`, in
 * fastai/callback/schedule.py) and Lightning (`_LRFinder.suggestion`, in
 * src/lightning/pytorch/tuner/lr_finder.py), each computed on a range test's curve as those
 * functions compute it, in float64.
 *
 * @module
 */

import * as check from "../_check.ts";

/** A suggestion and the point of the curve to mark for it (fastai's `(lr, (x, y))`). */
export interface LrSuggestion {
  /** The suggested learning rate. */
  lr: number;
  /** The x of the marked point (for `minimum`, the lr of the lowest loss, ten times `lr`). */
  pointLr: number;
  /** The loss at the marked point. */
  pointLoss: number;
}

/** Options of {@linkcode slideSuggestion}: fastai's `slide` keyword arguments. */
export interface SlideOptions {
  /** How far apart, in points, the two compared gradients are (default 15). */
  lrDiff?: number;
  /** The gradient difference below which the slide stops (default 0.005). */
  thresh?: number;
  /** The factor applied to the found lr (default 1). */
  adjustValue?: number;
}

/** Options of {@linkcode lightningSuggestion}: `_LRFinder.suggestion`'s keyword arguments. */
export interface LightningSuggestionOptions {
  /** Points skipped at the start (default 10). */
  skipBegin?: number;
  /** Points skipped at the end (default 1; 0 skips everything, as Python's `[a:-0]` does). */
  skipEnd?: number;
}

/** The first index of the smallest value, NaN counting as smallest (torch's and numpy's argmin). */
function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return i;
    if (v < (values[best] as number)) best = i;
  }
  return best;
}

/** `min(range(len(lrs)), key=lambda i: abs(lrs[i] - lr))`: the first index nearest `lr`. */
function nearest(lrs: readonly number[], lr: number): number {
  let best = 0;
  lrs.forEach((v, i) => {
    if (Math.abs(v - lr) < Math.abs((lrs[best] as number) - lr)) best = i;
  });
  return best;
}

/** Python's `xs[i]` for a negative or non-negative `i`. */
function at(xs: readonly number[], i: number): number {
  return xs[i < 0 ? xs.length + i : i] as number;
}

function checkCurve(owner: string, lrs: readonly number[], losses: readonly number[], min: number) {
  if (!Array.isArray(lrs)) {
    throw new TypeError(`${owner} needs an array of lrs, got lrs=${check.show(lrs)}`);
  }
  if (!Array.isArray(losses)) {
    throw new TypeError(`${owner} needs an array of losses, got losses=${check.show(losses)}`);
  }
  if (lrs.length !== losses.length) {
    throw new RangeError(
      `${owner} needs as many losses as lrs, got lrs.length=${lrs.length}, losses.length=${losses.length}`,
    );
  }
  if (lrs.length < min) {
    throw new RangeError(
      `${owner} needs at least ${min} points, got ${lrs.length}`,
    );
  }
  lrs.forEach((v, i) => check.positive(`lrs[${i}]`, v));
  lrs.forEach((v, i) => {
    const previous = lrs[i - 1];
    if (previous !== undefined && v < previous) {
      throw new RangeError(
        `${owner} needs increasing lrs, got lrs[${i}]=${v} after lrs[${i - 1}]=${previous}`,
      );
    }
  });
  losses.forEach((v, i) => check.number(`losses[${i}]`, v));
}

/** fastai's rules take a curve already cut at its first NaN (see {@linkcode fastaiCurve}). */
function checkNoNaN(losses: readonly number[]): void {
  const i = losses.findIndex((v) => Number.isNaN(v));
  if (i >= 0) {
    throw new RangeError(
      `losses[${i}] must not be NaN, got losses[${i}]=NaN (fastaiCurve cuts a curve at its first NaN)`,
    );
  }
}

/**
 * The curve fastai's `Learner.lr_find` hands to its suggestion functions: the recorded points
 * from `floor(numIt / 10)` to five before the end (`[num_it//10:-5]`), cut at the first NaN.
 *
 * @example
 * ```ts
 * import { fastaiCurve } from "./_lr_suggestions.ts";
 * const lrs = Array.from({ length: 20 }, (_, i) => 10 ** (i - 10));
 * const { lrs: cut } = fastaiCurve(lrs, lrs.map(() => 1), 20);
 * if (cut.length !== 13 || cut[0] !== lrs[2]) throw new Error("points 2 to 14");
 * ```
 */
export function fastaiCurve(
  lrs: readonly number[],
  losses: readonly number[],
  numIt: number,
): { lrs: number[]; losses: number[] } {
  check.positiveInteger("numIt", numIt);
  checkCurve("fastaiCurve", lrs, losses, 0);
  const from = Math.floor(numIt / 10);
  let cutLrs = lrs.slice(from, -5);
  let cutLosses = losses.slice(from, -5);
  const nan = cutLosses.findIndex((v) => Number.isNaN(v));
  if (nan >= 0) [cutLrs, cutLosses] = [cutLrs.slice(0, nan), cutLosses.slice(0, nan)];
  return { lrs: cutLrs, losses: cutLosses };
}

/**
 * fastai's `minimum`: a tenth of the lr with the lowest loss (`lrs[argmin(losses)] / 10`),
 * marking the lowest point itself.
 *
 * @throws {RangeError} for an empty curve. @throws {TypeError} for mismatched arrays.
 *
 * @example
 * ```ts
 * import { minimumSuggestion } from "./_lr_suggestions.ts";
 * const s = minimumSuggestion([1e-3, 1e-2, 1e-1], [2, 1, 5]);
 * if (s.lr !== 1e-2 / 10 || s.pointLr !== 1e-2 || s.pointLoss !== 1) throw new Error("?");
 * ```
 */
export function minimumSuggestion(lrs: readonly number[], losses: readonly number[]): LrSuggestion {
  checkCurve("minimumSuggestion", lrs, losses, 1);
  checkNoNaN(losses);
  const lrMin = lrs[argmin(losses)] as number;
  return { lr: lrMin / 10, pointLr: lrMin, pointLoss: losses[nearest(lrs, lrMin)] as number };
}

/**
 * fastai's `steep`: the lr where the loss falls fastest per unit of log lr, from the
 * one-sided slopes `(loss[i+1] - loss[i]) / (log lr[i+1] - log lr[i])`, taking `lrs[i]` of
 * the steepest.
 *
 * @throws {RangeError} for fewer than 2 points. @throws {TypeError} for mismatched arrays.
 *
 * @example
 * ```ts
 * import { steepSuggestion } from "./_lr_suggestions.ts";
 * const s = steepSuggestion([1e-3, 1e-2, 1e-1, 1], [2, 1.9, 1, 3]);
 * if (s.lr !== 1e-2 || s.pointLoss !== 1.9) throw new Error("the drop from 1e-2 to 1e-1");
 * ```
 */
export function steepSuggestion(lrs: readonly number[], losses: readonly number[]): LrSuggestion {
  checkCurve("steepSuggestion", lrs, losses, 2);
  checkNoNaN(losses);
  const grads = losses.slice(1).map((v, i) =>
    (v - (losses[i] as number)) / (Math.log(lrs[i + 1] as number) - Math.log(lrs[i] as number))
  );
  const lrSteep = lrs[argmin(grads)] as number;
  return { lr: lrSteep, pointLr: lrSteep, pointLoss: losses[nearest(lrs, lrSteep)] as number };
}

/**
 * fastai's `valley`: the longest stretch over which the loss keeps falling (a longest
 * decreasing subsequence, fastai's O(n²) search as written), and the point a third plus a
 * sixth of the way along it (`start + int(len / 3) + int(len / 6)`).
 *
 * @throws {RangeError} for an empty curve. @throws {TypeError} for mismatched arrays.
 *
 * @example
 * ```ts
 * import { valleySuggestion } from "./_lr_suggestions.ts";
 * const lrs = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
 * const s = valleySuggestion(lrs, [3, 2.9, 2.5, 2, 1.2, 1, 4]);
 * // lds reaches 6 at index 5, so the valley "starts" at 5 - 6 = -1 (fastai's arithmetic)
 * if (s.lr !== 1e-3) throw new Error(String(s.lr));
 * ```
 */
export function valleySuggestion(lrs: readonly number[], losses: readonly number[]): LrSuggestion {
  checkCurve("valleySuggestion", lrs, losses, 1);
  checkNoNaN(losses);
  const n = losses.length;
  let maxStart = 0;
  let maxEnd = 0;
  const lds = new Array<number>(n).fill(1);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if ((losses[i] as number) < (losses[j] as number) && lds[i]! < lds[j]! + 1) {
        lds[i] = lds[j]! + 1;
      }
      if (lds[maxEnd]! < lds[i]!) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd]!;
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const idx = maxStart + Math.trunc(sections) + Math.trunc(sections / 2); // -1 is Python's last
  const lr = at(lrs, idx);
  return { lr, pointLr: lr, pointLoss: at(losses, idx) };
}

/** numpy's `gradient` with unit spacing: central differences inside, one-sided at the ends. */
function unitGradient(f: readonly number[]): number[] {
  const n = f.length;
  return f.map((_, i) =>
    i === 0
      ? (f[1]! - f[0]!) / 1
      : i === n - 1
      ? (f[n - 1]! - f[n - 2]!) / 1
      : (f[i + 1]! - f[i - 1]!) / 2.0
  );
}

/** numpy's `interp(x, xp, fp)` for increasing `xp`, with its NaN fallbacks. */
function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  const last = xp.length - 1;
  if (x > xp[last]!) return fp[last]!;
  if (x < xp[0]!) return fp[0]!;
  let j = 0;
  while (j < last && xp[j + 1]! <= x) j++;
  if (j === last || xp[j] === x) return fp[j]!;
  const slope = (fp[j + 1]! - fp[j]!) / (xp[j + 1]! - xp[j]!);
  let value = slope * (x - xp[j]!) + fp[j]!;
  if (Number.isNaN(value)) {
    value = slope * (x - xp[j + 1]!) + fp[j + 1]!;
    if (Number.isNaN(value) && fp[j] === fp[j + 1]) value = fp[j]!;
  }
  return value;
}

/**
 * fastai's `slide`: walking left from the end, compare the loss gradient (numpy's `gradient`)
 * at two points `lrDiff` apart; stop where they differ by at most `thresh`, and suggest the
 * left point's lr times `adjustValue`, marked on the curve by interpolating the loss in
 * `log10(lr)`.
 *
 * @throws {RangeError} for fewer than `lrDiff + 1` points (fastai raises an IndexError).
 * @throws {TypeError} for mismatched arrays.
 *
 * @example A straight line: the gradients agree at once, so the left point of the first pair
 * ```ts
 * import { slideSuggestion } from "./_lr_suggestions.ts";
 * const lrs = Array.from({ length: 40 }, (_, i) => 1e-6 * 10 ** (i / 6));
 * const losses = lrs.map((_, i) => 2 - i / 100);
 * const s = slideSuggestion(lrs, losses);
 * if (s.lr !== lrs[40 - 16]) throw new Error("lrs[-16]");
 * ```
 */
export function slideSuggestion(
  lrs: readonly number[],
  losses: readonly number[],
  options: SlideOptions = {},
): LrSuggestion {
  check.options("slideSuggestion", options, ["lrDiff", "thresh", "adjustValue"]);
  const { lrDiff = 15, thresh = 0.005, adjustValue = 1 } = options;
  check.positiveInteger("lrDiff", lrDiff);
  check.finite("thresh", thresh);
  check.positive("adjustValue", adjustValue);
  checkCurve("slideSuggestion", lrs, losses, lrDiff + 1);
  checkNoNaN(losses);
  const lossGrad = unitGradient(losses);
  let rIdx = -1;
  let lIdx = rIdx - lrDiff;
  let localMinLr = at(lrs, lIdx);
  while (lIdx >= -losses.length && Math.abs(at(lossGrad, rIdx) - at(lossGrad, lIdx)) > thresh) {
    localMinLr = at(lrs, lIdx);
    rIdx -= 1;
    lIdx -= 1;
  }
  const suggestion = localMinLr * adjustValue;
  const pointLoss = interp(Math.log10(suggestion), lrs.map(Math.log10), losses);
  return { lr: suggestion, pointLr: suggestion, pointLoss };
}

/** torch's `gradient(f, spacing=[x])` (edge order 1): second-order inside, one-sided at the ends. */
function coordinateGradient(f: readonly number[], x: readonly number[]): number[] {
  const n = f.length;
  return f.map((_, i) => {
    if (i === 0) return (f[1]! - f[0]!) / (x[1]! - x[0]!);
    if (i === n - 1) return (f[n - 1]! - f[n - 2]!) / (x[n - 1]! - x[n - 2]!);
    const dx1 = x[i]! - x[i - 1]!;
    const dx2 = x[i + 1]! - x[i]!;
    const a = -dx2 / (dx1 * (dx1 + dx2));
    const b = (dx2 - dx1) / (dx1 * dx2);
    const c = dx1 / (dx2 * (dx1 + dx2));
    return a * f[i - 1]! + b * f[i]! + c * f[i + 1]!;
  });
}

/**
 * Lightning's `_LRFinder.suggestion`: the steepest point of the loss against the lr itself
 * (not its log): drop `skipBegin` points at the start and `skipEnd` at the end
 * (`[skip_begin:-skip_end]`, so `skipEnd = 0` drops everything, as in Lightning), then the
 * non-finite losses, take torch's `gradient` with the lrs as coordinates, and return the lr
 * of its minimum with its index in the whole curve; `null` when fewer than 2 points remain
 * (Lightning logs an error and returns `None`).
 *
 * @throws {RangeError} for a negative or fractional skip. @throws {TypeError} for mismatched arrays.
 *
 * @example
 * ```ts
 * import { lightningSuggestion } from "./_lr_suggestions.ts";
 * const lrs = [0.1, 0.2, 0.3, 0.4, 0.5];
 * const s = lightningSuggestion(lrs, [3, 2.9, 2, 1.9, 1.85], { skipBegin: 0, skipEnd: 1 });
 * if (s?.index !== 1 || s.lr !== 0.2) throw new Error(JSON.stringify(s));
 * ```
 */
export function lightningSuggestion(
  lrs: readonly number[],
  losses: readonly number[],
  options: LightningSuggestionOptions = {},
): (LrSuggestion & { index: number }) | null {
  check.options("lightningSuggestion", options, ["skipBegin", "skipEnd"]);
  const { skipBegin = 10, skipEnd = 1 } = options;
  check.nonNegative("skipBegin", check.integer("skipBegin", skipBegin));
  check.nonNegative("skipEnd", check.integer("skipEnd", skipEnd));
  checkCurve("lightningSuggestion", lrs, losses, 0);
  const kept: number[] = [];
  for (let i = skipBegin; i < lrs.length - skipEnd && skipEnd > 0; i++) {
    if (Number.isFinite(losses[i])) kept.push(i);
  }
  if (kept.length < 2) return null;
  const gradients = coordinateGradient(kept.map((i) => losses[i]!), kept.map((i) => lrs[i]!));
  const index = kept[argmin(gradients)]!;
  return { lr: lrs[index]!, pointLr: lrs[index]!, pointLoss: losses[index]!, index };
}
