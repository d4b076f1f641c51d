/**
 * `scheduleChart`: learning rate against step for one or many schedules, one line per param
 * group, with milestones drawn as dotted vertical lines.
 *
 * @module
 */

import { Figure, type Layout, type ScatterTrace } from "./figure.ts";
import {
  addTitleAndMilestones,
  axis,
  legendBelow,
  type Milestone,
  narrowMargins,
  nonEmptyNumbers,
  range,
  sameLength,
} from "./_layout.ts";
import { colorAt } from "./palette.ts";
import { show } from "../_check.ts";

/**
 * The learning rates of one schedule: `lr[step]` for one param group, or `lrs[step][group]` (what
 * collecting `scheduler.getLastLr()` at every step gives) for several.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleChart, type LrSeries } from "./mod.ts";
 *
 * const oneGroup: LrSeries = [0.1, 0.1, 0.01];
 * const twoGroups: LrSeries = [[0.1, 0.01], [0.05, 0.005]]; // lrs[step][group]
 * assert.equal(scheduleChart({ a: oneGroup, b: twoGroups }).data.length, 3);
 * ```
 */
export type LrSeries = number[] | number[][];

/**
 * Options of {@linkcode scheduleChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleChart, type ScheduleChartOptions } from "./mod.ts";
 *
 * const options: ScheduleChartOptions = { xTitle: "epoch", logY: true, steps: true };
 * assert.equal(scheduleChart([1, 0.1], options).layout.xaxis?.title?.text, "epoch");
 * ```
 */
export interface ScheduleChartOptions {
  /** Chart title. */
  title?: string;
  /** x axis title; default `"step"`. */
  xTitle?: string;
  /** y axis title; default `"learning rate"`. */
  yTitle?: string;
  /** Log scale on the learning-rate axis (decades labelled). */
  logY?: boolean;
  /** The x value of each step; default `0, 1, ..., n - 1`. */
  x?: number[];
  /** Vertical dotted lines at these x values (with an optional label each). */
  milestones?: (number | Milestone)[];
  /** Draw each value as held until the next step (`line.shape: "hv"`), as a scheduler does. */
  steps?: boolean;
  /** Names of the param groups; default `group 0`, `group 1`, ... */
  groupNames?: string[];
}

/** Splits a series into one `number[]` per param group. */
function groups(name: string, series: LrSeries): number[][] {
  if (!Array.isArray(series) || series.length === 0) {
    throw new RangeError(`${name} must be a non-empty array, got ${name}=${show(series)}`);
  }
  if (!Array.isArray(series[0])) return [nonEmptyNumbers(name, series)];
  const rows = series as number[][];
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    nonEmptyNumbers(`${name}[${i}]`, row);
    if (row.length !== width) {
      throw new RangeError(
        `${name}[${i}] must have one value per param group (${width}), got ${name}[${i}]=${
          show(row)
        }`,
      );
    }
  });
  return range(width).map((g) => rows.map((row) => row[g] as number));
}

/**
 * Learning rate against step. Accepts one series or a record of named series; a series is
 * `lr[step]` or `lrs[step][group]`, and each param group becomes its own line, named
 * `name · group g` when a series has several groups.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleChart } from "./schedule_chart.ts";
 *
 * // lr = 0.1 × 0.5^⌊step / 3⌋, milestones at 3 and 6.
 * const lr = Array.from({ length: 9 }, (_, t) => 0.1 * 0.5 ** Math.floor(t / 3));
 * const figure = scheduleChart({ "step decay": lr }, {
 *   title: "StepLR",
 *   milestones: [3, 6],
 *   logY: true,
 * });
 * assert.equal(figure.data.length, 1);
 * assert.equal(figure.data[0]?.name, "step decay");
 * assert.equal(figure.layout.yaxis?.type, "log");
 * assert.equal(figure.layout.shapes?.length, 2);
 * ```
 */
export function scheduleChart(
  series: LrSeries | Record<string, LrSeries>,
  options: ScheduleChartOptions = {},
): Figure {
  const named: [string, LrSeries][] = Array.isArray(series)
    ? [["lr", series]]
    : Object.entries(series);
  if (named.length === 0) {
    throw new RangeError(`series must name at least one schedule, got series={}`);
  }
  const data: ScatterTrace[] = [];
  for (const [name, s] of named) {
    const perGroup = groups(
      Array.isArray(series) ? "series" : `series[${JSON.stringify(name)}]`,
      s,
    );
    const n = perGroup[0]?.length ?? 0;
    const x = options.x === undefined ? range(n) : nonEmptyNumbers("x", options.x);
    perGroup.forEach((y, g) => {
      sameLength("x", x, `series ${JSON.stringify(name)}`, y);
      const groupName = options.groupNames?.[g] ?? `group ${g}`;
      const traceName = perGroup.length === 1
        ? name
        : Array.isArray(series)
        ? groupName
        : `${name} · ${groupName}`;
      data.push({
        type: "scatter",
        mode: "lines",
        name: traceName,
        x: [...x],
        y: [...y],
        line: {
          color: colorAt(data.length),
          width: 2,
          ...(options.steps ? { shape: "hv" as const } : {}),
        },
      });
    });
  }
  const layout: Layout = {
    xaxis: axis(options.xTitle ?? "step"),
    yaxis: axis(
      options.yTitle ?? "learning rate",
      options.logY ?? false,
      data.flatMap((trace) => trace.y),
    ),
  };
  addTitleAndMilestones(layout, options.title, options.milestones);
  if (data.length >= 2) legendBelow(layout);
  narrowMargins(layout);
  return new Figure({ data, layout });
}
