/**
 * `barChart`: one bar per named value (say test accuracy per schedule).
 *
 * @module
 */

import { chartOptions } from "./_options.ts";
import { Figure, type Layout } from "./figure.ts";
import { axis } from "./_layout.ts";
import { colorAt } from "./palette.ts";
import * as check from "../_check.ts";

/**
 * Options of {@linkcode barChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { barChart, type BarChartOptions } from "./mod.ts";
 *
 * const options: BarChartOptions = { yTitle: "accuracy", color: "#2ca02c" };
 * const figure = barChart({ a: 1 }, options);
 * assert.equal(figure.data[0]?.type === "bar" && figure.data[0].marker?.color, "#2ca02c");
 * ```
 */
export interface BarChartOptions {
  /** Chart title. */
  title?: string;
  /** X axis title. */
  xTitle?: string;
  /** Y axis title. */
  yTitle?: string;
  /** Bar colour; default the first palette colour. */
  color?: string;
}

/**
 * Bars from a record `label → value`, in the record's order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { barChart } from "./bar_chart.ts";
 *
 * const figure = barChart({ constant: 0.9, step: 0.967 }, { yTitle: "test accuracy" });
 * assert.deepEqual(figure.data[0]?.x, ["constant", "step"]);
 * assert.deepEqual(figure.data[0]?.y, [0.9, 0.967]);
 * ```
 */
export function barChart(values: Record<string, number>, options: BarChartOptions = {}): Figure {
  chartOptions("barChart", options, {
    title: "string",
    xTitle: "string",
    yTitle: "string",
    color: "string",
  });
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw new TypeError(
      `barChart: values must be an object of named numbers, got values=${check.show(values)}`,
    );
  }
  const entries = Object.entries(values);
  if (entries.length === 0) throw new RangeError(`values must not be empty, got values={}`);
  entries.forEach(([k, v]) => check.finite(`values[${JSON.stringify(k)}]`, v));
  const layout: Layout = {
    xaxis: { ...axis(options.xTitle), type: "category" },
    yaxis: axis(options.yTitle),
  };
  if (options.title !== undefined) layout.title = { text: options.title };
  return new Figure({
    data: [{
      type: "bar",
      x: entries.map(([k]) => k),
      y: entries.map(([, v]) => v),
      marker: { color: options.color ?? colorAt(0) },
    }],
    layout,
  });
}
