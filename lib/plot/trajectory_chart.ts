/**
 * `trajectoryChart`: two-dimensional optimisation paths over level curves, animated (plotly
 * frames with a play button and a slider that work with no kernel), with the whole paths in the
 * static SVG.
 *
 * @module
 */

import { chartOptions } from "./_options.ts";
import * as check from "../_check.ts";
import { Figure, type Frame, type Layout, type ScatterTrace } from "./figure.ts";
import { axis } from "./_layout.ts";
import { colorAt } from "./palette.ts";
import { withAlpha } from "./_color.ts";

/**
 * Options of {@linkcode trajectoryChart}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trajectoryChart, type TrajectoryChartOptions } from "./mod.ts";
 *
 * const options: TrajectoryChartOptions = { frames: 3, trail: 2, title: "paths" };
 * const figure = trajectoryChart({ a: [[0, 0], [1, 1], [2, 0], [3, 1]] }, options);
 * assert.equal(figure.frames?.length, 3);
 * ```
 */
export interface TrajectoryChartOptions {
  /** Chart title. */
  title?: string;
  /** X axis title (default `"w₁"`). */
  xTitle?: string;
  /** Y axis title (default `"w₂"`). */
  yTitle?: string;
  /** Closed curves drawn in grey beneath the paths (level sets), each a list of `[x, y]`. */
  curves?: number[][][];
  /** Number of animation frames, spread evenly over the steps (default 60; at least 2). */
  frames?: number;
  /** How many of the latest steps each frame draws as the moving trail (default 10). */
  trail?: number;
  /** Milliseconds a frame shows while playing (default 80). */
  frameDuration?: number;
}

/** Rounds to 4 significant digits: enough for a picture, and it keeps the frames small. */
function round(x: number): number {
  return Number(x.toPrecision(4));
}

function checkPath(name: string, path: unknown): number[][] {
  if (!Array.isArray(path) || path.length === 0) {
    throw new TypeError(
      `${name} must be a non-empty array of [x, y] points, got ${check.show(path)}`,
    );
  }
  path.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) {
      throw new TypeError(
        `${name}[${i}] must be an [x, y] pair, got ${name}[${i}]=${check.show(p)}`,
      );
    }
    check.finite(`${name}[${i}][0]`, p[0]);
    check.finite(`${name}[${i}][1]`, p[1]);
  });
  return path as number[][];
}

/**
 * One colour per run: the whole path as a faint line, and, in each animation frame, the last
 * `trail` steps as a bold line ending in a marker at the current point. `data` holds the final
 * frame, so the static SVG and the chart before pressing play show every path in full; the
 * slider scrubs through the steps and the play button runs them from the start.
 *
 * @example Two paths, animated in 4 frames
 * ```ts
 * import assert from "node:assert/strict";
 * import { trajectoryChart } from "./trajectory_chart.ts";
 *
 * const figure = trajectoryChart(
 *   { fixed: [[2, 1], [1, -1], [0.5, 0.8], [0.2, -0.6]], annealed: [[2, 1], [1, 0.5], [0.4, 0.2], [0.1, 0.1]] },
 *   { frames: 4, trail: 2 },
 * );
 * assert.equal(figure.data.length, 6); // per run: path, trail, marker
 * assert.deepEqual(figure.frames?.[1]?.data[0], { x: [2, 1], y: [1, -1] }); // trail, steps 0..1
 * assert.equal(figure.layout.sliders?.length, 1);
 * ```
 */
export function trajectoryChart(
  runs: Record<string, number[][]>,
  options: TrajectoryChartOptions = {},
): Figure {
  chartOptions("trajectoryChart", options, {
    title: "string",
    xTitle: "string",
    yTitle: "string",
    curves: "array",
    frames: "any",
    trail: "any",
    frameDuration: "any",
  });
  if (typeof runs !== "object" || runs === null || Array.isArray(runs)) {
    throw new TypeError(`runs must be an object of named paths, got runs=${check.show(runs)}`);
  }
  const names = Object.keys(runs);
  if (names.length === 0) throw new RangeError("runs must name at least one path, got runs={}");
  const paths = names.map((name) => checkPath(`runs[${JSON.stringify(name)}]`, runs[name]));
  const frameCount = check.integer("frames", options.frames ?? 60);
  if (frameCount < 2) throw new RangeError(`frames must be at least 2, got frames=${frameCount}`);
  const trail = check.positiveInteger("trail", options.trail ?? 10);
  const duration = check.nonNegative("frameDuration", options.frameDuration ?? 80);
  const curves = (options.curves ?? []).map((c, i) => checkPath(`curves[${i}]`, c));
  const steps = Math.max(...paths.map((p) => p.length)) - 1;

  const data: ScatterTrace[] = curves.map((c) => ({
    type: "scatter",
    mode: "lines",
    x: c.map((p) => round(p[0]!)),
    y: c.map((p) => round(p[1]!)),
    line: { color: "#c8c8c8", width: 1 },
    showlegend: false,
  }));
  const moving: number[] = [];
  const windowAt = (path: number[][], t: number) => {
    const end = Math.min(t, path.length - 1);
    const part = path.slice(Math.max(0, end - trail + 1), end + 1);
    return { x: part.map((p) => round(p[0]!)), y: part.map((p) => round(p[1]!)) };
  };
  paths.forEach((path, k) => {
    const color = colorAt(k);
    const name = names[k]!;
    data.push({
      type: "scatter",
      mode: "lines",
      name,
      legendgroup: name,
      x: path.map((p) => round(p[0]!)),
      y: path.map((p) => round(p[1]!)),
      line: { color: withAlpha(color, 0.35), width: 1 },
    });
    const last = windowAt(path, steps);
    moving.push(data.length);
    data.push({
      type: "scatter",
      mode: "lines",
      legendgroup: name,
      showlegend: false,
      ...last,
      line: { color, width: 2.5 },
    });
    moving.push(data.length);
    data.push({
      type: "scatter",
      mode: "markers",
      legendgroup: name,
      showlegend: false,
      x: last.x.slice(-1),
      y: last.y.slice(-1),
      marker: { color, size: 9 },
    });
  });

  const frameSteps = Array.from(
    { length: frameCount },
    (_v, i) => Math.round((i * steps) / (frameCount - 1)),
  );
  const frames: Frame[] = frameSteps.map((t) => ({
    name: String(t),
    traces: moving,
    data: paths.flatMap((path) => {
      const w = windowAt(path, t);
      return [w, { x: w.x.slice(-1), y: w.y.slice(-1) }];
    }),
  }));
  const still = { frame: { duration: 0, redraw: false }, transition: { duration: 0 } };
  const layout: Layout = {
    xaxis: axis(options.xTitle ?? "w₁"),
    yaxis: { ...axis(options.yTitle ?? "w₂"), scaleanchor: "x" },
    updatemenus: [{
      type: "buttons",
      direction: "left",
      showactive: false,
      x: 0,
      y: 0,
      xanchor: "left",
      yanchor: "top",
      pad: { t: 75 },
      buttons: [
        {
          label: "▶ play",
          method: "animate",
          args: [null, {
            frame: { duration, redraw: false },
            transition: { duration: 0 },
            fromcurrent: false,
            mode: "immediate",
          }],
        },
        { label: "❚❚ pause", method: "animate", args: [[null], { ...still, mode: "immediate" }] },
      ],
    }],
    sliders: [{
      active: frameCount - 1,
      x: 0.3,
      len: 0.7,
      y: 0,
      yanchor: "top",
      pad: { t: 50 },
      currentvalue: { prefix: "step " },
      steps: frameSteps.map((t) => ({
        label: String(t),
        method: "animate",
        args: [[String(t)], { ...still, mode: "immediate" }],
      })),
    }],
  };
  if (options.title !== undefined) layout.title = { text: options.title };
  return new Figure({ data, layout, frames });
}
