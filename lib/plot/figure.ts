/**
 * `Figure`: a chart as plain plotly JSON (`{ data, layout, config? }`) that shows itself in
 * Jupyter. Its `[Symbol.for("Jupyter.display")]()` returns a MIME bundle with the plotly JSON
 * (interactive in JupyterLab and VS Code), a static SVG drawn by {@linkcode toSvg} (GitHub and
 * exported pages show it without JavaScript), the same SVG as PNG (what untrusted Jupyter
 * Notebook shows) and a one-line `text/plain` summary. `display()` gives the bundle without the
 * PNG, synchronously; the rasteriser loads only when the kernel asks for the PNG.
 *
 * @module
 */

import { toSvg } from "./svg.ts";
import { toBase64, toPng } from "../notebook/png.ts";

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
  /** Plotly's trace type. */
  type: "scatter";
  /** Legend entry. */
  name?: string;
  /** Horizontal coordinates. */
  x: number[];
  /** Vertical coordinates, one per `x`. */
  y: number[];
  /** Draw lines, markers or both; plotly's default depends on the point count. */
  mode?: "lines" | "markers" | "lines+markers";
  /** Line colour, width in pixels, dash, and `"hv"` for a step line. */
  line?: { color?: string; width?: number; dash?: Dash; shape?: "linear" | "hv" };
  /** Marker colour, size in pixels and symbol. */
  marker?: { color?: string; size?: number; symbol?: "circle" | "diamond" | "x" };
  /** `"toself"` fills the polygon the points trace out (a band: upper edge, then lower edge back). */
  fill?: "none" | "toself";
  /** Fill colour for `fill: "toself"`, say `rgba(31,119,180,0.2)`. */
  fillcolor?: string;
  /** Whether the trace has a legend entry. */
  showlegend?: boolean;
  /** Traces in one group toggle together in the legend. */
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
  /** Plotly's trace type. */
  type: "bar";
  /** Legend entry. */
  name?: string;
  /** Category labels. */
  x: string[];
  /** Bar heights, one per label. */
  y: number[];
  /** Bar colour. */
  marker?: { color?: string };
  /** Whether the trace has a legend entry. */
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
  /** The title text. */
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
  /** Axis title. */
  title?: Title;
  /** Scale: linear, log or category. */
  type?: "linear" | "log" | "category";
  /** Visible range (log10 units on a log axis). */
  range?: [number, number];
  /** Lock this axis' scale to another's (`"x"`): one unit is as long on both axes. */
  scaleanchor?: "x";
  /** How plotly writes exponents: `"power"` gives 10⁻³ (never SI prefixes such as 1m or 10n). */
  exponentformat?: "none" | "e" | "E" | "power" | "SI" | "B";
  /** Distance between labelled ticks (log axes: in decades, 1 labels every 10^k). */
  dtick?: number | string;
  /** Log axes: `"none"` leaves the ticks between decades unlabelled (no "2 3 4 … 9" digits). */
  minorloglabels?: "small digits" | "complete" | "none";
  /** `"array"`: ticks exactly at `tickvals`, labelled by `ticktext`. */
  tickmode?: "auto" | "linear" | "array";
  /** Tick positions (data units) when `tickmode` is `"array"`. */
  tickvals?: number[];
  /** Tick labels when `tickmode` is `"array"`. */
  ticktext?: string[];
  /** Minor ticks and gridlines, as plotly spells them. */
  minor?: { showgrid?: boolean; gridcolor?: string; ticks?: "" | "inside" | "outside" };
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
  /** Plotly's shape type. */
  type: "line";
  /** `"x"`: `x0`, `x1` in data units; `"paper"`: in [0, 1] of the plot area. */
  xref: "x" | "paper";
  /** `"y"`: `y0`, `y1` in data units; `"paper"`: in [0, 1] of the plot area. */
  yref: "y" | "paper";
  /** Start x. */
  x0: number;
  /** End x. */
  x1: number;
  /** Start y. */
  y0: number;
  /** End y. */
  y1: number;
  /** Line colour, width in pixels and dash. */
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
  /** The label. */
  text: string;
  /** Anchor x. */
  x: number;
  /** Anchor y. */
  y: number;
  /** Units of `x`: data or paper. */
  xref: "x" | "paper";
  /** Units of `y`: data or paper. */
  yref: "y" | "paper";
  /** Always a plain label, no arrow. */
  showarrow: false;
  /** Horizontal alignment to `x`. */
  xanchor?: "left" | "center" | "right";
  /** Vertical alignment to `y`. */
  yanchor?: "top" | "middle" | "bottom";
  /** Font size in pixels and colour. */
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
  /** Chart title. */
  title?: Title;
  /** The x axis. */
  xaxis?: Axis;
  /** The y axis. */
  yaxis?: Axis;
  /** Line shapes (milestones). */
  shapes?: LineShape[];
  /** Text labels. */
  annotations?: Annotation[];
  /** Whether to show the legend. */
  showlegend?: boolean;
  /** Legend title and placement (`orientation: "h"` with `y < 0`: a row below the plot). */
  legend?: {
    title?: Title;
    orientation?: "v" | "h";
    x?: number;
    y?: number;
    xanchor?: "auto" | "left" | "center" | "right";
    yanchor?: "auto" | "top" | "middle" | "bottom";
  };
  /** Space around the plot area in pixels, as plotly spells it. */
  margin?: { l?: number; r?: number; t?: number; b?: number };
  /** Width in pixels. */
  width?: number;
  /** Height in pixels. */
  height?: number;
  /** Plotly's button menus (the play and pause buttons of an animation), as plotly spells them. */
  updatemenus?: Record<string, unknown>[];
  /** Plotly's sliders (an animation's frame slider), as plotly spells them. */
  sliders?: Record<string, unknown>[];
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
  /** Resize with the page. */
  responsive?: boolean;
  /** Show plotly's logo in the mode bar. */
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
  /** The traces. */
  data: Trace[];
  /** Titles, axes, shapes and size. */
  layout: Layout;
  /** Plotly config. */
  config?: PlotlyConfig;
  /** Animation frames (plotly's `frames`), played by the layout's buttons and slider. */
  frames?: Frame[];
}

/**
 * One animation frame: new values for some traces (`traces[i]` is the index in `data` that
 * `data[i]` updates), under a name the slider's steps refer to.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Frame } from "./mod.ts";
 *
 * const frame: Frame = { name: "3", data: [{ x: [1], y: [2] }], traces: [1] };
 * assert.equal(frame.traces[0], 1);
 * ```
 */
export interface Frame {
  /** The frame's name. */
  name: string;
  /** Partial traces: the coordinates that change. */
  data: { x: number[]; y: number[] }[];
  /** Which trace of the figure each entry of `data` updates. */
  traces: number[];
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
 * The MIME bundle a {@linkcode Figure} displays as in Jupyter: {@linkcode FigureBundle} plus a
 * PNG rendition (base64) of the same SVG, which untrusted Jupyter Notebook shows where it hides
 * SVG.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, type JupyterFigureBundle, jupyterDisplay } from "./mod.ts";
 *
 * const bundle: JupyterFigureBundle = await new Figure({ data: [], layout: {} })[jupyterDisplay]();
 * assert.ok(bundle["image/png"].startsWith("iVBORw0KGgo")); // base64 of the PNG signature
 * ```
 */
export interface JupyterFigureBundle extends FigureBundle {
  /** The SVG rasterised with resvg at the SVG's size, base64. */
  "image/png": string;
}

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
  /** The figure as plotly JSON (interactive in Jupyter). */
  "application/vnd.plotly.v1+json": FigureJson;
  /** A static SVG rendering (shown on GitHub). */
  "image/svg+xml": string;
  /** A one-line text summary. */
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
 * assert.equal((await figure[jupyterDisplay]())["text/plain"], "Figure: 0 traces");
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
 * const bundle = await figure[jupyterDisplay]();
 * assert.deepEqual(Object.keys(bundle).sort(), [
 *   "application/vnd.plotly.v1+json",
 *   "image/png",
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
  /** Animation frames, if any (the static SVG shows `data` only). */
  frames?: Frame[];

  /** Wraps plotly JSON; the arrays and objects are kept, not copied. */
  constructor(json: FigureJson) {
    this.data = json.data;
    this.layout = json.layout;
    if (json.config !== undefined) this.config = json.config;
    if (json.frames !== undefined) this.frames = json.frames;
  }

  /** The plain plotly JSON (what `JSON.stringify` writes). */
  toJSON(): FigureJson {
    const json: FigureJson = { data: this.data, layout: this.layout };
    if (this.config !== undefined) json.config = this.config;
    if (this.frames !== undefined) json.frames = this.frames;
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

  /**
   * What Deno's Jupyter kernel calls to show the figure: {@linkcode Figure.display} plus the
   * SVG rasterised to PNG ({@linkcode toPng}, loaded on the first call), so untrusted
   * Jupyter Notebook, which hides SVG, shows the chart too.
   */
  async [jupyterDisplay](): Promise<JupyterFigureBundle> {
    const bundle = this.display();
    const png = toBase64(await toPng(bundle["image/svg+xml"]));
    return { ...bundle, "image/png": png };
  }
}
