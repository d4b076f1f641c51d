/**
 * `rangeTestChart`: the learning-rate range test (loss while the learning rate grows
 * exponentially), raw and smoothed, on a log learning-rate axis, with the suggested learning rate
 * marked.
 *
 * @module
 */

import { chartOptions } from "./_options.ts";
import { Figure, type Layout, type ScatterTrace } from "./figure.ts";
import { axis, milestoneMarks, nonEmptyNumbers, sameLength } from "./_layout.ts";
import { colorAt } from "./palette.ts";
import { shortNumber } from "./_text.ts";
import * as check from "../_check.ts";

/**
 * What a range test produced: the learning rates tried and the loss at each.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rangeTestChart, type RangeTestData } from "./mod.ts";
 *
 * const data: RangeTestData = { lrs: [1e-3, 1e-2, 1e-1], losses: [1, 0.5, 3], suggestedLr: 1e-2 };
 * assert.equal(rangeTestChart(data).data.length, 2);
 * ```
 */
export interface RangeTestData {
  /** The learning rate at each iteration (increasing). */
  lrs: number[];
  /** The raw loss at each iteration. */
  losses: number[];
  /** The smoothed loss at each iteration (say an exponential moving average), if any. */
  smoothedLosses?: number[];
  /** The learning rate the test suggests, if any. */
  suggestedLr?: number;
  /**
   * Named suggestions to mark, each at its point of the curve (fastai's `plot_lr_find`
   * markers): `lrRangeTest(...).suggestions` fits; `null` entries are skipped.
   */
  suggestions?: Readonly<
    Record<string, { lr: number; pointLr: number; pointLoss: number } | null | undefined>
  >;
}

/**
 * Options of {@linkcode rangeTestChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rangeTestChart, type RangeTestChartOptions } from "./mod.ts";
 *
 * const options: RangeTestChartOptions = { clipLoss: Infinity, logY: true };
 * const figure = rangeTestChart({ lrs: [1e-3, 1e-1], losses: [1, 100] }, options);
 * assert.equal(figure.layout.yaxis?.range, undefined);
 * ```
 */
export interface RangeTestChartOptions {
  /** Chart title. */
  title?: string;
  /** Log scale on the loss axis. */
  logY?: boolean;
  /**
   * Cut the loss axis at this multiple of the first (smoothed) loss, so that the divergence at
   * the end does not flatten the curve; default 4, `Infinity` shows everything.
   */
  clipLoss?: number;
}

/**
 * Loss against learning rate (log x): raw loss in grey, smoothed loss in blue, the suggested
 * learning rate as a red diamond on the curve plus a dotted vertical line, and each of
 * `suggestions` as a circle at its point (for `minimum`, the lowest point, ten times its lr).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rangeTestChart } from "./range_test_chart.ts";
 *
 * const lrs = [1e-4, 1e-3, 1e-2, 1e-1, 1];
 * const figure = rangeTestChart({
 *   lrs,
 *   losses: [1.1, 1.0, 0.6, 0.9, 5],
 *   smoothedLosses: [1.1, 1.05, 0.8, 0.85, 2],
 *   suggestedLr: 1e-2,
 * });
 * assert.equal(figure.layout.xaxis?.type, "log");
 * assert.deepEqual(figure.data.map((t) => t.name), ["loss", "smoothed", "suggested lr 0.01"]);
 * assert.deepEqual(figure.data[2]?.y, [0.8]);
 *
 * const marked = rangeTestChart({
 *   lrs,
 *   losses: [1.1, 1.0, 0.6, 0.9, 5],
 *   suggestions: { valley: { lr: 1e-3, pointLr: 1e-3, pointLoss: 1.0 }, slide: null },
 * });
 * assert.deepEqual(marked.data.map((t) => t.name), ["loss", "valley 0.001"]);
 * ```
 */
export function rangeTestChart(result: RangeTestData, options: RangeTestChartOptions = {}): Figure {
  chartOptions("rangeTestChart", options, { title: "string", logY: "boolean", clipLoss: "any" });
  if (typeof result !== "object" || result === null) {
    throw new TypeError(
      `rangeTestChart: result must have lrs and losses, got result=${check.show(result)}`,
    );
  }
  check.options("rangeTestChart result", result, [
    "lrs",
    "losses",
    "smoothedLosses",
    "suggestedLr",
    "suggestions",
  ], { argument: "result" });
  const lrs = nonEmptyNumbers("result.lrs", result.lrs);
  lrs.forEach((v, i) => check.positive(`result.lrs[${i}]`, v));
  const losses = nonEmptyNumbers("result.losses", result.losses);
  sameLength("result.lrs", lrs, "result.losses", losses);
  const smoothed = result.smoothedLosses === undefined
    ? undefined
    : nonEmptyNumbers("result.smoothedLosses", result.smoothedLosses);
  if (smoothed !== undefined) sameLength("result.lrs", lrs, "result.smoothedLosses", smoothed);
  const clip = options.clipLoss ?? 4;
  if (clip !== Infinity) check.positive("clipLoss", clip);

  const data: ScatterTrace[] = [{
    type: "scatter",
    mode: "lines",
    name: "loss",
    x: [...lrs],
    y: [...losses],
    line: { color: smoothed === undefined ? colorAt(0) : "#b0b0b0", width: 1 },
  }];
  if (smoothed !== undefined) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "smoothed",
      x: [...lrs],
      y: [...smoothed],
      line: { color: colorAt(0), width: 2 },
    });
  }
  const layout: Layout = {
    title: { text: options.title ?? "Learning-rate range test" },
    xaxis: axis("learning rate", true),
    yaxis: axis("loss", options.logY ?? false),
  };
  const curve = smoothed ?? losses;
  if (result.suggestedLr !== undefined) {
    const lr = check.positive("result.suggestedLr", result.suggestedLr);
    // The point of the curve nearest the suggestion, in log distance.
    let best = 0;
    lrs.forEach((v, i) => {
      if (Math.abs(Math.log(v / lr)) < Math.abs(Math.log((lrs[best] as number) / lr))) best = i;
    });
    data.push({
      type: "scatter",
      mode: "markers",
      name: `suggested lr ${shortNumber(lr)}`,
      x: [lr],
      y: [curve[best] as number],
      marker: { color: colorAt(3), size: 12, symbol: "diamond" },
    });
    layout.shapes = milestoneMarks([lr]).shapes;
  }
  Object.entries(result.suggestions ?? {}).forEach(([name, s], i) => {
    if (s === null || s === undefined) return;
    check.positive(`result.suggestions.${name}.lr`, s.lr);
    check.positive(`result.suggestions.${name}.pointLr`, s.pointLr);
    check.number(`result.suggestions.${name}.pointLoss`, s.pointLoss);
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${name} ${shortNumber(s.lr)}`,
      x: [s.pointLr],
      y: [s.pointLoss],
      marker: { color: colorAt(4 + i), size: 10, symbol: "circle" },
    });
  });
  const first = curve.find((v) => Number.isFinite(v));
  const finite = [...losses, ...curve].filter((v) =>
    Number.isFinite(v) && (!options.logY || v > 0)
  );
  if (first !== undefined && first > 0 && clip !== Infinity && finite.length > 0) {
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const cap = first * clip;
    if (hi > cap && lo < cap && layout.yaxis !== undefined) {
      layout.yaxis.range = options.logY
        ? [Math.log10(lo) - 0.05 * Math.log10(cap / lo), Math.log10(cap)]
        : [lo - 0.05 * (cap - lo), cap];
    }
  }
  return new Figure({ data, layout });
}
