/**
 * Small pieces the chart builders share: axis layout, milestone lines, argument checks on arrays.
 *
 * @module
 */

import type { Annotation, Axis, Dash, Layout, LineShape } from "./figure.ts";
import { show } from "../_check.ts";
import { logPlan } from "./_axis.ts";

/**
 * A vertical line at `x`, with an optional label at the top of the plot.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleChart } from "./mod.ts";
 *
 * const figure = scheduleChart([1, 1, 0.1], { milestones: [{ x: 2, label: "drop" }] });
 * assert.equal(figure.layout.annotations?.[0]?.text, "drop");
 * ```
 */
export interface Milestone {
  /** The x position (step) of the vertical line. */
  x: number;
  /** Text written by the line. */
  label?: string;
}

/**
 * An axis with an optional title and a log scale when `log` is true. A log axis writes powers of
 * ten as 10⁻³ (plotly's `exponentformat: "power"`, no SI prefixes) and leaves the ticks between
 * decades unlabelled. Given the data `values`, it also places the labels by the rule the SVG uses
 * ({@linkcode logPlan}): every `dtick` decades when the data spans two decades or more, else at
 * 1-2-5 values written as plain numbers.
 */
export function axis(title: string | undefined, log = false, values?: readonly number[]): Axis {
  const out: Axis = {};
  if (title !== undefined) out.title = { text: title };
  if (!log) return out;
  out.type = "log";
  out.exponentformat = "power";
  out.minorloglabels = "none";
  const positive = (values ?? []).filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return out;
  const lo = positive.reduce((a, b) => Math.min(a, b));
  const hi = positive.reduce((a, b) => Math.max(a, b));
  const plan = logPlan(lo === hi ? lo / 2 : lo, lo === hi ? hi * 2 : hi, PLOTLY_LOG_TICKS);
  if (plan.decadeStep > 0) {
    out.dtick = plan.decadeStep;
    if (plan.plain) out.exponentformat = "none";
    if (plan.decadeStep === 1) out.minor = { showgrid: true, gridcolor: "#f3f3f3" };
  } else {
    out.tickmode = "array";
    out.tickvals = plan.ticks.map((t) => t.value);
    out.ticktext = plan.ticks.map((t) =>
      t.power === undefined
        ? t.text
        : `${t.power.mantissa === 1 ? "" : `${t.power.mantissa}×`}10<sup>${
          String(t.power.exponent).replace("-", "\u2212")
        }</sup>`
    );
  }
  return out;
}

/** About how many labelled ticks a plotly log axis gets (plotly draws 450 px tall by default). */
const PLOTLY_LOG_TICKS = 8;

/**
 * Plotly legend placement: a horizontal row under the plot, so that on a phone-width page the
 * legend takes no width from the plot.
 */
export function legendBelow(layout: Layout): Layout {
  layout.legend = {
    ...layout.legend,
    orientation: "h",
    x: 0,
    xanchor: "left",
    y: -0.22,
    yanchor: "top",
  };
  return layout;
}

/**
 * Plotly margins that leave a phone-width page most of its width for the plot: room on the left
 * for tick labels and the axis title, little on the right (plotly's default is 80 px each side).
 */
export function narrowMargins(layout: Layout): Layout {
  layout.margin = { l: 70, r: 24, t: layout.title === undefined ? 30 : 60, b: 60 };
  return layout;
}

/** Dashed vertical lines spanning the plot height (`yref: "paper"`), plus their labels. */
export function milestoneMarks(
  milestones: readonly (number | Milestone)[],
): { shapes: LineShape[]; annotations: Annotation[] } {
  const shapes: LineShape[] = [];
  const annotations: Annotation[] = [];
  milestones.forEach((m, i) => {
    const { x, label } = typeof m === "number" ? { x: m, label: undefined } : m;
    if (!Number.isFinite(x)) {
      throw new RangeError(`milestones[${i}] must be finite, got milestones[${i}]=${show(x)}`);
    }
    shapes.push({
      type: "line",
      xref: "x",
      yref: "paper",
      x0: x,
      x1: x,
      y0: 0,
      y1: 1,
      line: { color: "#888", width: 1, dash: "dot" },
    });
    if (label !== undefined) {
      annotations.push({
        text: label,
        x,
        y: 1,
        xref: "x",
        yref: "paper",
        showarrow: false,
        xanchor: "left",
        yanchor: "top",
        font: { size: 11, color: "#666" },
      });
    }
  });
  return { shapes, annotations };
}

/**
 * Adds a title and milestone marks to `layout`, as the line charts do: nothing for an absent
 * title or an empty list of milestones.
 */
export function addTitleAndMilestones(
  layout: Layout,
  title: string | undefined,
  milestones: readonly (number | Milestone)[] | undefined,
): Layout {
  if (title !== undefined) layout.title = { text: title };
  if (milestones !== undefined && milestones.length > 0) {
    const { shapes, annotations } = milestoneMarks(milestones);
    layout.shapes = shapes;
    if (annotations.length > 0) layout.annotations = annotations;
  }
  return layout;
}

/** Throws unless `value` is an array of numbers (NaN allowed: it leaves a gap). */
export function numbers(name: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number")) {
    throw new TypeError(`${name} must be an array of numbers, got ${name}=${show(value)}`);
  }
  return value as number[];
}

/** Throws unless `value` is a non-empty array of numbers. */
export function nonEmptyNumbers(name: string, value: unknown): number[] {
  const arr = numbers(name, value);
  if (arr.length === 0) throw new RangeError(`${name} must not be empty, got ${name}=[]`);
  return arr;
}

/** Throws unless arrays `a` and `b` have the same length. */
export function sameLength(aName: string, a: unknown[], bName: string, b: unknown[]): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${bName} must have the same length as ${aName}, got ${aName}.length=${a.length}, ${bName}.length=${b.length}`,
    );
  }
}

/** Dash patterns in the order charts use them to tell metrics apart. */
export const dashes: readonly Dash[] = ["solid", "dash", "dot", "dashdot"];

/** `0, 1, ..., n - 1`. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
