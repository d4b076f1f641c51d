/**
 * `sweepChart`: the mean over repeated runs as a line, with a mean ± std band, for one or more
 * series (say final accuracy against initial learning rate, five seeds each).
 *
 * @module
 */

// @ts-types="npm:@types/d3-array@3.2.2"
import { deviation, mean } from "npm:d3-array@3.2.5";
import { chartOptions } from "./_options.ts";
import { Figure, type Layout, type ScatterTrace } from "./figure.ts";
import { axis, nonEmptyNumbers, numbers } from "./_layout.ts";
import { colorAt } from "./palette.ts";
import { withAlpha } from "./_color.ts";
import * as check from "../_check.ts";
import { show } from "../_check.ts";

/**
 * One swept series: `runs[r][i]` is run `r`'s value at `x[i]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanStd, type SweepSeries } from "./mod.ts";
 *
 * // Two runs (seeds) at each of three learning rates.
 * const series: SweepSeries = { name: "SGD", x: [1e-3, 1e-2, 1e-1], runs: [[0.5, 0.9, 0.7], [0.7, 0.9, 0.5]] };
 * assert.deepEqual(meanStd(series.runs).mean, [0.6, 0.9, 0.6]);
 * ```
 */
export interface SweepSeries {
  /** Legend entry of the series. */
  name: string;
  /** Shared x values (say iterations). */
  x: number[];
  /** One y array per run (seed), each as long as `x`. */
  runs: number[][];
}

/**
 * Options of {@linkcode sweepChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepChart, type SweepChartOptions } from "./mod.ts";
 *
 * const options: SweepChartOptions = { logX: true, xTitle: "lr", yTitle: "accuracy" };
 * const figure = sweepChart([{ name: "s", x: [0.1, 1], runs: [[1, 2]] }], options);
 * assert.equal(figure.layout.xaxis?.type, "log");
 * ```
 */
export interface SweepChartOptions {
  /** Chart title. */
  title?: string;
  /** X axis title. */
  xTitle?: string;
  /** Y axis title. */
  yTitle?: string;
  /** Log scale on x (a learning-rate sweep). */
  logX?: boolean;
  /** Log scale on y; the band's lower edge is then kept above zero. */
  logY?: boolean;
  /**
   * The metric's range `[min, max]`: the mean ± std band is clipped to it, so that an accuracy band
   * never shows values above 1 (`clip: [0, 1]`). Default: no clipping.
   */
  clip?: [number, number];
}

/**
 * Mean and sample standard deviation (n − 1 in the denominator) across runs at each index,
 * computed with d3-array: NaN values (diverged runs) are left out; the std of a single value is 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanStd } from "./sweep_chart.ts";
 *
 * const { mean, std } = meanStd([[1, 10], [3, 10]]);
 * assert.deepEqual(mean, [2, 10]);
 * assert.deepEqual(std, [Math.SQRT2, 0]);
 * ```
 */
export function meanStd(runs: number[][]): { mean: number[]; std: number[] } {
  if (!Array.isArray(runs) || runs.length === 0) {
    throw new RangeError(`meanStd: runs must be a non-empty array of runs, got runs=${show(runs)}`);
  }
  runs.forEach((run, i) => {
    if (!Array.isArray(run) || run.some((v) => typeof v !== "number")) {
      throw new TypeError(
        `meanStd: runs[${i}] must be an array of numbers, got runs[${i}]=${show(run)}`,
      );
    }
    if (run.length !== runs[0]!.length) {
      throw new RangeError(
        `meanStd: every run must have ${
          runs[0]!.length
        } values (as runs[0]), got runs[${i}] with ${run.length}`,
      );
    }
  });
  const n = runs[0]?.length ?? 0;
  const m: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    const column = runs.map((run) => run[i] as number);
    m.push(mean(column) ?? NaN);
    s.push(deviation(column) ?? 0);
  }
  return { mean: m, std: s };
}

/**
 * Mean ± std over runs: for each series a filled band from `mean − std` to `mean + std`
 * (`fill: "toself"`, hidden from the legend) and the mean as a line. Bands come first so that
 * every line is drawn over every band.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepChart } from "./sweep_chart.ts";
 *
 * const figure = sweepChart([
 *   { name: "SGD", x: [1e-3, 1e-2, 1e-1], runs: [[0.5, 0.75, 1], [0.25, 0.75, 0.5]] },
 * ], { logX: true, xTitle: "initial lr", yTitle: "test accuracy" });
 * const [band, line] = figure.data;
 * assert.equal(band?.type === "scatter" && band.fill, "toself");
 * assert.deepEqual(line?.y, [0.375, 0.75, 0.75]);
 * ```
 */
export function sweepChart(series: SweepSeries[], options: SweepChartOptions = {}): Figure {
  chartOptions("sweepChart", options, {
    title: "string",
    xTitle: "string",
    yTitle: "string",
    logX: "boolean",
    logY: "boolean",
    clip: "numbers",
  });
  if (!Array.isArray(series) || series.length === 0) {
    throw new RangeError(`series must be a non-empty array, got series=${show(series)}`);
  }
  series.forEach((s, i) => {
    if (typeof s !== "object" || s === null || Array.isArray(s)) {
      throw new TypeError(`series[${i}] must be { name, x, runs }, got series[${i}]=${show(s)}`);
    }
    check.options(`sweepChart series[${i}]`, s, ["name", "x", "runs"]);
    if (typeof s.name !== "string") {
      throw new TypeError(
        `series[${i}].name must be a string, got series[${i}].name=${show(s.name)}`,
      );
    }
  });
  const clip = options.clip;
  if (
    clip !== undefined &&
    (!Array.isArray(clip) || clip.length !== 2 || !clip.every((v) => typeof v === "number") ||
      !(clip[0] < clip[1]))
  ) {
    throw new RangeError(`clip must be [min, max] with min < max, got clip=${show(clip)}`);
  }
  const bands: ScatterTrace[] = [];
  const lines: ScatterTrace[] = [];
  series.forEach((s, k) => {
    const x = nonEmptyNumbers(`series[${k}].x`, s.x);
    if (!Array.isArray(s.runs) || s.runs.length === 0) {
      throw new RangeError(
        `series[${k}].runs must be a non-empty array, got series[${k}].runs=${show(s.runs)}`,
      );
    }
    s.runs.forEach((run, r) => {
      numbers(`series[${k}].runs[${r}]`, run);
      if (run.length !== x.length) {
        throw new RangeError(
          `series[${k}].runs[${r}] must have one value per x (${x.length}), got length ${run.length}`,
        );
      }
    });
    const { mean: m, std } = meanStd(s.runs);
    const within = (v: number) => clip === undefined ? v : Math.min(clip[1], Math.max(clip[0], v));
    const upper = m.map((v, i) => within(v + (std[i] as number)));
    let lower = m.map((v, i) => within(v - (std[i] as number)));
    if (options.logY) {
      // Keep the lower edge drawable on a log axis: no lower than the smallest positive run value.
      lower = lower.map((v, i) => {
        const positives = s.runs.map((run) => run[i] as number).filter((u) => u > 0);
        return v > 0 || positives.length === 0 ? v : Math.min(...positives);
      });
    }
    const color = colorAt(k);
    bands.push({
      type: "scatter",
      mode: "lines",
      name: `${s.name} ± std`,
      x: [...x, ...[...x].reverse()],
      y: [...upper, ...[...lower].reverse()],
      fill: "toself",
      fillcolor: withAlpha(color, 0.2),
      line: { color, width: 0 },
      showlegend: false,
      legendgroup: s.name,
    });
    lines.push({
      type: "scatter",
      mode: x.length <= 30 ? "lines+markers" : "lines",
      name: s.name,
      x: [...x],
      y: m,
      line: { color, width: 2 },
      marker: { color, size: 6 },
      legendgroup: s.name,
    });
  });
  const layout: Layout = {
    xaxis: axis(options.xTitle, options.logX ?? false),
    yaxis: axis(options.yTitle, options.logY ?? false),
  };
  if (options.title !== undefined) layout.title = { text: options.title };
  return new Figure({ data: [...bands, ...lines], layout });
}
