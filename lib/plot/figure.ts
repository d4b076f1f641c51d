/**
 * `Figure`: a chart as plain plotly JSON (`{ data, layout, config? }`) that shows itself in
 * Jupyter. Its `[Symbol.for("Jupyter.display")]()` returns a MIME bundle with the plotly JSON
 * (interactive in JupyterLab and VS Code), a static SVG drawn by {@linkcode toSvg} (GitHub and
 * exported pages show it without JavaScript) and a one-line `text/plain` summary.
 *
 * @module
 */

import { toSvg } from "./svg.ts";

/**
 * A line's dash pattern, as plotly spells it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ScatterTrace } from "./mod.ts";
 *
 * const trace: ScatterTrace = { type: "scatter", x: [0, 1], y: [1, 0], line: { dash: "dash" } };
 * assert.equal(trace.line?.dash, "dash");
 * ```
 */
export type Dash = "solid" | "dash" | "dot" | "dashdot";

/**
 * A scatter trace: lines, markers or both; `fill: "toself"` closes it into a filled band.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toSvg, type ScatterTrace } from "./mod.ts";
 *
 * // A band from 0.5 to 1.5 over x = 0..2: upper edge forwards, lower edge backwards.
 * const band: ScatterTrace = {
 *   type: "scatter",
 *   x: [0, 1, 2, 2, 1, 0],
 *   y: [1.5, 1.5, 1.5, 0.5, 0.5, 0.5],
 *   fill: "toself",
 *   fillcolor: "rgba(31,119,180,0.2)",
 *   line: { width: 0 },
 *   showlegend: false,
 * };
 * assert.ok(toSvg({ data: [band], layout: {} }).includes('class="band"'));
 * ```
 */
export interface ScatterTrace {
  type: "scatter";
  /** Legend entry. */
  name?: string;
  x: number[];
  y: number[];
  mode?: "lines" | "markers" | "lines+markers";
  line?: { color?: string; width?: number; dash?: Dash; shape?: "linear" | "hv" };
  marker?: { color?: string; size?: number; symbol?: "circle" | "diamond" | "x" };
  /** `"toself"` fills the polygon the points trace out (a band: upper edge, then lower edge back). */
  fill?: "none" | "toself";
  fillcolor?: string;
  showlegend?: boolean;
  legendgroup?: string;
  /** Hover text per point. */
  text?: string[];
}

/**
 * A bar trace over categories.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, type BarTrace } from "./mod.ts";
 *
 * const bars: BarTrace = { type: "bar", x: ["a", "b"], y: [1, 2] };
 * assert.equal(new Figure({ data: [bars], layout: {} }).summary(), "Figure: 1 trace");
 * ```
 */
export interface BarTrace {
  type: "bar";
  name?: string;
  x: string[];
  y: number[];
  marker?: { color?: string };
  showlegend?: boolean;
}

/**
 * Any trace a {@linkcode Figure} holds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Trace } from "./mod.ts";
 *
 * const traces: Trace[] = [
 *   { type: "scatter", mode: "markers", x: [1], y: [2] },
 *   { type: "bar", x: ["a"], y: [3] },
 * ];
 * assert.deepEqual(traces.map((t) => t.type), ["scatter", "bar"]);
 * ```
 */
export type Trace = ScatterTrace | BarTrace;

/**
 * A title, as plotly's object form.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Layout } from "./mod.ts";
 *
 * const layout: Layout = { title: { text: "Learning rate" } };
 * assert.equal(layout.title?.text, "Learning rate");
 * ```
 */
export interface Title {
  text: string;
}

/**
 * An axis: its title and scale. A log axis's `range` is in log10 units, as in plotly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Axis } from "./mod.ts";
 *
 * const yaxis: Axis = { title: { text: "lr" }, type: "log", range: [-4, -1] }; // 1e-4 .. 1e-1
 * assert.equal(10 ** (yaxis.range?.[0] ?? 0), 1e-4);
 * ```
 */
export interface Axis {
  title?: Title;
  type?: "linear" | "log" | "category";
  range?: [number, number];
}

/**
 * A line drawn on the chart; `yref: "paper"` with `y0: 0, y1: 1` spans the plot height.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toSvg, type LineShape } from "./mod.ts";
 *
 * // A dotted vertical line at x = 30 over the whole plot height (a milestone).
 * const milestone: LineShape = {
 *   type: "line", xref: "x", yref: "paper", x0: 30, x1: 30, y0: 0, y1: 1, line: { dash: "dot" },
 * };
 * const svg = toSvg({ data: [{ type: "scatter", x: [0, 60], y: [1, 0] }], layout: { shapes: [milestone] } });
 * assert.ok(svg.includes('class="shape"'));
 * ```
 */
export interface LineShape {
  type: "line";
  xref: "x" | "paper";
  yref: "y" | "paper";
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  line?: { color?: string; width?: number; dash?: Dash };
}

/**
 * A text label at a point (no arrow).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toSvg, type Annotation } from "./mod.ts";
 *
 * const note: Annotation = {
 *   text: "drop", x: 30, y: 1, xref: "x", yref: "paper", showarrow: false, yanchor: "top",
 * };
 * const svg = toSvg({ data: [{ type: "scatter", x: [0, 60], y: [1, 0] }], layout: { annotations: [note] } });
 * assert.ok(svg.includes(">drop</text>"));
 * ```
 */
export interface Annotation {
  text: string;
  x: number;
  y: number;
  xref: "x" | "paper";
  yref: "y" | "paper";
  showarrow: false;
  xanchor?: "left" | "center" | "right";
  yanchor?: "top" | "middle" | "bottom";
  font?: { size?: number; color?: string };
}

/**
 * The layout part of a plotly figure: titles, axes, shapes, annotations, legend.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, type Layout } from "./mod.ts";
 *
 * const layout: Layout = {
 *   title: { text: "Loss" },
 *   xaxis: { title: { text: "iteration" } },
 *   yaxis: { title: { text: "loss" }, type: "log" },
 * };
 * assert.equal(new Figure({ data: [], layout }).summary(), 'Figure: 0 traces, "Loss"');
 * ```
 */
export interface Layout {
  title?: Title;
  xaxis?: Axis;
  yaxis?: Axis;
  shapes?: LineShape[];
  annotations?: Annotation[];
  showlegend?: boolean;
  legend?: { title?: Title };
  width?: number;
  height?: number;
}

/**
 * Plotly's config object (display options of the interactive chart).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure } from "./mod.ts";
 *
 * const figure = new Figure({ data: [], layout: {}, config: { displaylogo: false } });
 * assert.deepEqual(figure.toJSON().config, { displaylogo: false });
 * ```
 */
export interface PlotlyConfig {
  responsive?: boolean;
  displaylogo?: boolean;
}

/**
 * The plain JSON of a figure, exactly what plotly reads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, type FigureJson } from "./mod.ts";
 *
 * const json: FigureJson = {
 *   data: [{ type: "scatter", mode: "lines", x: [0, 1, 2], y: [0.1, 0.01, 0.001] }],
 *   layout: { yaxis: { type: "log" } },
 * };
 * assert.deepEqual(JSON.parse(JSON.stringify(new Figure(json))), json);
 * ```
 */
export interface FigureJson {
  data: Trace[];
  layout: Layout;
  config?: PlotlyConfig;
}

/**
 * A Jupyter MIME bundle: MIME type to content.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type MimeBundle } from "./mod.ts";
 *
 * const bundle: MimeBundle = { "text/plain": "hello", "text/html": "<b>hello</b>" };
 * assert.equal(bundle["text/plain"], "hello");
 * ```
 */
export type MimeBundle = Record<string, unknown>;

/**
 * The MIME bundle a {@linkcode Figure} displays as.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, type FigureBundle } from "./mod.ts";
 *
 * const bundle: FigureBundle = new Figure({ data: [], layout: {} }).display();
 * assert.equal(bundle["text/plain"], "Figure: 0 traces");
 * ```
 */
export interface FigureBundle extends MimeBundle {
  "application/vnd.plotly.v1+json": FigureJson;
  "image/svg+xml": string;
  "text/plain": string;
}

/**
 * The symbol Deno's Jupyter kernel looks for on a cell's result (`Deno.jupyter.$display`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, jupyterDisplay } from "./mod.ts";
 *
 * assert.equal(jupyterDisplay, Symbol.for("Jupyter.display"));
 * const figure = new Figure({ data: [], layout: {} });
 * assert.equal(figure[jupyterDisplay]()["text/plain"], "Figure: 0 traces");
 * ```
 */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display") as never;

/**
 * A chart: plotly's `{ data, layout, config }` plus display. `JSON.stringify(figure)` gives the
 * plotly JSON; as the last expression of a notebook cell it displays as a chart.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, jupyterDisplay } from "./figure.ts";
 *
 * const figure = new Figure({
 *   data: [{ type: "scatter", name: "lr", x: [0, 1, 2], y: [0.1, 0.05, 0.025] }],
 *   layout: { title: { text: "Halving" } },
 * });
 * assert.equal(figure.summary(), 'Figure: 1 trace, "Halving"');
 * assert.equal(jupyterDisplay, Symbol.for("Jupyter.display"));
 * const bundle = figure[jupyterDisplay]();
 * assert.deepEqual(Object.keys(bundle).sort(), [
 *   "application/vnd.plotly.v1+json",
 *   "image/svg+xml",
 *   "text/plain",
 * ]);
 * ```
 */
export class Figure implements FigureJson {
  /** The traces, drawn in order (later ones on top). */
  data: Trace[];
  /** Titles, axes, shapes, annotations and legend. */
  layout: Layout;
  /** Plotly's config, if any. */
  config?: PlotlyConfig;

  /** Wraps plotly JSON; the arrays and objects are kept, not copied. */
  constructor(json: FigureJson) {
    this.data = json.data;
    this.layout = json.layout;
    if (json.config !== undefined) this.config = json.config;
  }

  /** The plain plotly JSON (what `JSON.stringify` writes). */
  toJSON(): FigureJson {
    const json: FigureJson = { data: this.data, layout: this.layout };
    if (this.config !== undefined) json.config = this.config;
    return json;
  }

  /** One line: `Figure: 3 traces, "Step vs exponential vs 1/t decay"`. */
  summary(): string {
    const n = this.data.length;
    const title = this.layout.title?.text;
    return `Figure: ${n} trace${n === 1 ? "" : "s"}${
      title === undefined ? "" : `, ${JSON.stringify(title)}`
    }`;
  }

  /** The same one-line summary, for string contexts. */
  toString(): string {
    return this.summary();
  }

  /**
   * The MIME bundle: plotly JSON (a deep copy through JSON), SVG at the layout's size (or
   * 720×420), and the summary.
   */
  display(): FigureBundle {
    return {
      "application/vnd.plotly.v1+json": JSON.parse(JSON.stringify(this.toJSON())),
      "image/svg+xml": toSvg(this),
      "text/plain": this.summary(),
    };
  }

  /** What Deno's Jupyter kernel calls to show the figure: {@linkcode Figure.display}. */
  [jupyterDisplay](): FigureBundle {
    return this.display();
  }
}
