/**
 * `historyChart`, `lossChart`, `accuracyChart`: what a training run recorded, against iteration,
 * for one run or several to compare (say with and without learning-rate decay).
 *
 * @module
 */

import { chartOptions } from "./_options.ts";
import type { History } from "../train/history.ts";
import { Figure, type Layout, type ScatterTrace } from "./figure.ts";
import {
  addTitleAndMilestones,
  axis,
  dashes,
  type Milestone,
  numbers,
  sameLength,
} from "./_layout.ts";
import { colorAt } from "./palette.ts";
import { show } from "../_check.ts";

/**
 * A recorded quantity of a {@linkcode History}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { historyChart, type HistoryMetric } from "./mod.ts";
 *
 * const metrics: HistoryMetric[] = ["trainAccuracy", "testAccuracy"];
 * const run = { iteration: [1], loss: [1], trainAccuracy: [0.5], testAccuracy: [0.4], lr: [0.1] };
 * assert.deepEqual(historyChart(run, { metrics }).data.map((t) => t.name), ["train", "test"]);
 * ```
 */
export type HistoryMetric = "loss" | "trainAccuracy" | "testAccuracy" | "lr";

const METRICS: readonly HistoryMetric[] = ["loss", "trainAccuracy", "testAccuracy", "lr"];
const LABELS: Record<HistoryMetric, string> = {
  loss: "loss",
  trainAccuracy: "train",
  testAccuracy: "test",
  lr: "lr",
};

/**
 * Options of {@linkcode historyChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { historyChart, type HistoryChartOptions } from "./mod.ts";
 *
 * const options: HistoryChartOptions = { metrics: ["lr"], logY: true, milestones: [2] };
 * const run = { iteration: [1, 2, 3], loss: [1, 1, 1], trainAccuracy: [0, 0, 0], testAccuracy: [0, 0, 0], lr: [0.1, 0.01, 0.01] };
 * assert.equal(historyChart(run, options).layout.shapes?.length, 1);
 * ```
 */
export interface HistoryChartOptions {
  /**
   * What to draw; default `["loss"]`. Accuracies (`trainAccuracy`, `testAccuracy`) get an axis of
   * their own: they cannot share a chart with `loss` or `lr`, whose scale means something else.
   */
  metrics?: HistoryMetric[];
  /** Chart title. */
  title?: string;
  /** x axis title; default `"iteration"`. */
  xTitle?: string;
  /** y axis title; default the metric's name when there is one metric. */
  yTitle?: string;
  /** Log scale on the y axis. */
  logY?: boolean;
  /** Vertical dotted lines at these iterations. */
  milestones?: (number | Milestone)[];
}

function isHistory(value: unknown): value is History {
  return typeof value === "object" && value !== null &&
    Array.isArray((value as { iteration?: unknown }).iteration);
}

/**
 * Metrics of one or more runs against iteration, on one y axis: either accuracies or loss and lr,
 * never both. One run: one line per metric, coloured by metric. Several runs (a record of named histories): coloured by run, dashed by metric, named
 * `run · metric` (or just `run` when there is one metric).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { historyChart } from "./history_chart.ts";
 *
 * const run = {
 *   iteration: [500, 1000, 1500],
 *   loss: [0.9, 0.4, 0.2],
 *   trainAccuracy: [0.6, 0.9, 0.95],
 *   testAccuracy: [0.55, 0.85, 0.93],
 *   lr: [1e-3, 5e-4, 2.5e-4],
 * };
 * const figure = historyChart({ decay: run, constant: run }, { metrics: ["loss", "lr"] });
 * assert.deepEqual(figure.data.map((t) => t.name), [
 *   "decay · loss",
 *   "decay · lr",
 *   "constant · loss",
 *   "constant · lr",
 * ]);
 * ```
 */
export function historyChart(
  histories: History | Record<string, History>,
  options: HistoryChartOptions = {},
): Figure {
  chartOptions("historyChart", options, { ...METRIC_OPTIONS, metrics: "any" });
  const metrics = options.metrics ?? ["loss"];
  if (!Array.isArray(metrics) || metrics.length === 0) {
    throw new RangeError(`metrics must be a non-empty array, got metrics=${show(metrics)}`);
  }
  metrics.forEach((m, i) => {
    if (!METRICS.includes(m)) {
      throw new RangeError(
        `metrics[${i}] must be one of ${
          METRICS.map((c) => `"${c}"`).join(", ")
        }, got metrics[${i}]=${show(m)}`,
      );
    }
  });
  if (typeof histories !== "object" || histories === null || Array.isArray(histories)) {
    throw new TypeError(
      `histories must be a History or an object of named Histories, got histories=${
        show(histories)
      }`,
    );
  }
  const accuracies = metrics.filter((m) => m === "trainAccuracy" || m === "testAccuracy");
  if (accuracies.length > 0 && accuracies.length < metrics.length) {
    throw new RangeError(
      "metrics must not mix accuracy with loss or lr on one axis (draw accuracyChart and " +
        `lossChart side by side), got metrics=${show(metrics)}`,
    );
  }
  const single = isHistory(histories);
  const runs: [string, History][] = single ? [["", histories]] : Object.entries(histories);
  if (runs.length === 0) {
    throw new RangeError(`histories must name at least one run, got histories={}`);
  }
  const data: ScatterTrace[] = [];
  runs.forEach(([run, history], r) => {
    const where = single ? "history" : `histories[${JSON.stringify(run)}]`;
    if (!isHistory(history)) {
      throw new TypeError(`${where} must be a History, got ${where}=${show(history)}`);
    }
    const x = numbers(`${where}.iteration`, history.iteration);
    metrics.forEach((metric, m) => {
      const y = numbers(`${where}.${metric}`, history[metric]);
      sameLength(`${where}.iteration`, x, `${where}.${metric}`, y);
      const name = single
        ? LABELS[metric]
        : metrics.length === 1
        ? run
        : `${run} · ${LABELS[metric]}`;
      data.push({
        type: "scatter",
        mode: x.length < 20 ? "lines+markers" : "lines",
        name,
        x: [...x],
        y: [...y],
        line: {
          color: colorAt(single ? m : r),
          width: 2,
          dash: single ? "solid" : dashes[m % dashes.length] ?? "solid",
        },
      });
    });
  });
  const onlyMetric = metrics.length === 1 ? metrics[0] : undefined;
  const layout: Layout = {
    xaxis: axis(options.xTitle ?? "iteration"),
    yaxis: axis(
      options.yTitle ?? (onlyMetric === undefined ? undefined : LABELS[onlyMetric]),
      options.logY ?? false,
    ),
  };
  addTitleAndMilestones(layout, options.title, options.milestones);
  return new Figure({ data, layout });
}

/**
 * Options of {@linkcode lossChart} and {@linkcode accuracyChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lossChart, type MetricChartOptions } from "./mod.ts";
 *
 * const options: MetricChartOptions = { title: "Loss, log scale", logY: true };
 * const run = { iteration: [1], loss: [1], trainAccuracy: [0], testAccuracy: [0], lr: [0.1] };
 * assert.equal(lossChart(run, options).layout.title?.text, "Loss, log scale");
 * ```
 */
export type MetricChartOptions = Omit<HistoryChartOptions, "metrics">;

/** The keys of {@linkcode MetricChartOptions} and what they hold. */
const METRIC_OPTIONS = {
  title: "string",
  xTitle: "string",
  yTitle: "string",
  logY: "boolean",
  milestones: "array",
} as const;

/**
 * Training loss against iteration: `historyChart(histories, { metrics: ["loss"] })`, titled
 * "Training loss" unless `title` says otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lossChart } from "./history_chart.ts";
 *
 * const run = {
 *   iteration: [1, 2],
 *   loss: [1, 0.5],
 *   trainAccuracy: [0.5, 0.7],
 *   testAccuracy: [0.5, 0.6],
 *   lr: [0.1, 0.1],
 * };
 * const figure = lossChart(run, { logY: true });
 * assert.equal(figure.layout.yaxis?.type, "log");
 * assert.equal(figure.layout.title?.text, "Training loss");
 * ```
 */
export function lossChart(
  histories: History | Record<string, History>,
  options: MetricChartOptions = {},
): Figure {
  chartOptions("lossChart", options, METRIC_OPTIONS);
  return historyChart(histories, { title: "Training loss", ...options, metrics: ["loss"] });
}

/**
 * Train and test accuracy against iteration: `historyChart(histories, { metrics:
 * ["trainAccuracy", "testAccuracy"] })`, with the y axis titled "accuracy".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { accuracyChart } from "./history_chart.ts";
 *
 * const run = {
 *   iteration: [1, 2],
 *   loss: [1, 0.5],
 *   trainAccuracy: [0.5, 0.7],
 *   testAccuracy: [0.5, 0.6],
 *   lr: [0.1, 0.1],
 * };
 * assert.deepEqual(accuracyChart(run).data.map((t) => t.name), ["train", "test"]);
 * ```
 */
export function accuracyChart(
  histories: History | Record<string, History>,
  options: MetricChartOptions = {},
): Figure {
  chartOptions("accuracyChart", options, METRIC_OPTIONS);
  return historyChart(histories, {
    title: "Accuracy",
    yTitle: "accuracy",
    ...options,
    metrics: ["trainAccuracy", "testAccuracy"],
  });
}
