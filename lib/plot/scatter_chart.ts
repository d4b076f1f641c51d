/**
 * `scatterChart`: points coloured by group (say two Iris features coloured by species).
 *
 * @module
 */

import * as check from "../_check.ts";
import { show } from "../_check.ts";
import { chartOptions } from "./_options.ts";
import { Figure, type Layout, type ScatterTrace } from "./figure.ts";
import { axis, nonEmptyNumbers, sameLength } from "./_layout.ts";
import { colorAt } from "./palette.ts";

/**
 * Points `(x[i], y[i])`, each in group `groups[i]` (all in one group when absent).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterChart, type ScatterData } from "./mod.ts";
 *
 * const points: ScatterData = { x: [1, 2, 3], y: [3, 1, 2], groups: ["a", "b", "a"] };
 * assert.deepEqual(scatterChart(points).data.map((t) => t.name), ["a", "b"]);
 * ```
 */
export interface ScatterData {
  /** Horizontal coordinates. */
  x: number[];
  /** Vertical coordinates, one per `x`. */
  y: number[];
  /** Group of each point (one colour and legend entry a group). */
  groups?: (string | number)[];
}

/**
 * Options of {@linkcode scatterChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterChart, type ScatterChartOptions } from "./mod.ts";
 *
 * const options: ScatterChartOptions = { groupNames: ["setosa", "versicolor"], size: 9 };
 * const figure = scatterChart({ x: [1, 2], y: [1, 2], groups: [0, 1] }, options);
 * assert.deepEqual(figure.data.map((t) => t.name), ["setosa", "versicolor"]);
 * ```
 */
export interface ScatterChartOptions {
  /** Chart title. */
  title?: string;
  /** X axis title. */
  xTitle?: string;
  /** Y axis title. */
  yTitle?: string;
  /** Names for numeric group ids: group `k` is called `groupNames[k]`. */
  groupNames?: string[];
  /** Marker diameter in pixels; default 7. */
  size?: number;
}

/**
 * One marker trace per group, in order of first appearance, coloured from the palette.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterChart } from "./scatter_chart.ts";
 *
 * const figure = scatterChart(
 *   { x: [5.1, 7.0, 6.3, 4.9], y: [1.4, 4.7, 6.0, 1.4], groups: [0, 1, 2, 0] },
 *   { groupNames: ["setosa", "versicolor", "virginica"], xTitle: "sepal length (cm)" },
 * );
 * assert.deepEqual(figure.data.map((t) => t.name), ["setosa", "versicolor", "virginica"]);
 * assert.deepEqual(figure.data[0]?.x, [5.1, 4.9]);
 * ```
 */
export function scatterChart(points: ScatterData, options: ScatterChartOptions = {}): Figure {
  chartOptions("scatterChart", options, {
    title: "string",
    xTitle: "string",
    yTitle: "string",
    groupNames: "strings",
    size: "positive",
  });
  if (typeof points !== "object" || points === null) {
    throw new TypeError(`scatterChart: points must have x and y, got points=${show(points)}`);
  }
  check.options("scatterChart points", points, ["x", "y", "groups"], { argument: "points" });
  const x = nonEmptyNumbers("points.x", points.x);
  const y = nonEmptyNumbers("points.y", points.y);
  sameLength("points.x", x, "points.y", y);
  const groups = points.groups ?? x.map(() => "");
  sameLength("points.x", x, "points.groups", groups);
  const order: (string | number)[] = [];
  const members = new Map<string | number, number[]>();
  groups.forEach((g, i) => {
    if (!members.has(g)) {
      members.set(g, []);
      order.push(g);
    }
    members.get(g)?.push(i);
  });
  const data: ScatterTrace[] = order.map((g, k) => {
    const idx = members.get(g) ?? [];
    const name = typeof g === "number" ? options.groupNames?.[g] ?? String(g) : g;
    const trace: ScatterTrace = {
      type: "scatter",
      mode: "markers",
      x: idx.map((i) => x[i] as number),
      y: idx.map((i) => y[i] as number),
      marker: { color: colorAt(k), size: options.size ?? 7 },
    };
    if (name !== "") trace.name = name;
    return trace;
  });
  const layout: Layout = { xaxis: axis(options.xTitle), yaxis: axis(options.yTitle) };
  if (options.title !== undefined) layout.title = { text: options.title };
  return new Figure({ data, layout });
}
