/**
 * `smallMultiples`: several charts in a grid, one panel each, on shared axes ranges, so that many
 * curves can be compared without drawing them on top of each other.
 *
 * @module
 */

import * as check from "../_check.ts";
import { Figure, type FigureJson, jupyterDisplay, type MimeBundle } from "./figure.ts";
import { escapeXml } from "./_text.ts";
import { toSvg } from "./svg.ts";
import { toBase64, toPng } from "../notebook/png.ts";

/**
 * Options of {@linkcode smallMultiples}.
 *
 * @example
 * ```ts
 * import { type SmallMultiplesOptions } from "./mod.ts";
 * const options: SmallMultiplesOptions = { columns: 3, title: "Loss per schedule", sharedY: true };
 * if (options.columns !== 3) throw new Error();
 * ```
 */
export interface SmallMultiplesOptions {
  /** Panels per row (default 3). */
  columns?: number;
  /** Title above the grid. */
  title?: string;
  /** Give every panel the y range spanning all panels' data (default true), so heights compare. */
  sharedY?: boolean;
  /** Width of one panel in the static SVG, pixels (default 320). */
  panelWidth?: number;
  /** Height of one panel in the static SVG, pixels (default 230). */
  panelHeight?: number;
}

/**
 * The grid as plotly JSON: every trace names its axes (`xaxis: "x2"`, `yaxis: "y2"`, ...) and the
 * layout has a `grid` and one `xaxisN`/`yaxisN` per panel.
 *
 * @example
 * ```ts
 * import { scheduleChart, smallMultiples, type SmallMultiplesJson } from "./mod.ts";
 * const json: SmallMultiplesJson = smallMultiples([scheduleChart({ lr: [1, 0.5] })]).toJSON();
 * if (json.data[0]?.xaxis !== "x") throw new Error();
 * ```
 */
export interface SmallMultiplesJson {
  /** Plotly traces, each with its `xaxis` and `yaxis`. */
  data: Record<string, unknown>[];
  /** Plotly layout with a `grid`. */
  layout: Record<string, unknown>;
}

const OPTION_KEYS = ["columns", "title", "sharedY", "panelWidth", "panelHeight"];

/** The y values of a figure's scatter traces that are finite (and positive on a log axis). */
function yValues(figure: FigureJson): number[] {
  const log = figure.layout.yaxis?.type === "log";
  return figure.data.flatMap((t) => t.type === "scatter" ? t.y : t.y)
    .filter((v) => Number.isFinite(v) && (!log || v > 0));
}

/**
 * A grid of panels, each a {@linkcode Figure} whose title names it. It displays itself like a
 * figure: plotly JSON with one pair of axes per panel (`grid` layout; interactive in JupyterLab and
 * VS Code), a static SVG with each panel drawn by {@linkcode toSvg}, and a one-line summary.
 */
export class SmallMultiples {
  /** The panels, in reading order. */
  readonly panels: readonly Figure[];
  /** The options, with defaults filled in. */
  readonly options: Required<Omit<SmallMultiplesOptions, "title">> & { title?: string };

  /** Checks the panels and options; panels keep their own traces and titles. */
  constructor(panels: Figure[], options: SmallMultiplesOptions = {}) {
    check.options("smallMultiples", options, OPTION_KEYS);
    if (!Array.isArray(panels) || panels.length === 0) {
      throw new TypeError(
        `panels must be a non-empty array of figures, got panels=${check.show(panels)}`,
      );
    }
    panels.forEach((p, i) => {
      if (
        typeof p !== "object" || p === null || !Array.isArray(p.data) ||
        typeof p.layout !== "object"
      ) {
        throw new TypeError(`panels[${i}] must be a figure, got panels[${i}]=${check.show(p)}`);
      }
    });
    const columns = check.positiveInteger("columns", options.columns ?? 3);
    const sharedY = check.boolean("sharedY", options.sharedY ?? true);
    const panelWidth = check.positive("panelWidth", options.panelWidth ?? 320);
    const panelHeight = check.positive("panelHeight", options.panelHeight ?? 230);
    this.panels = sharedY ? withSharedY(panels) : panels;
    this.options = { columns, sharedY, panelWidth, panelHeight };
    if (options.title !== undefined) this.options.title = options.title;
  }

  /** Rows in the grid. */
  get rows(): number {
    return Math.ceil(this.panels.length / this.options.columns);
  }

  /** The grid as one plotly figure: panel k's traces on axes `x{k+1}`/`y{k+1}`. */
  toJSON(): SmallMultiplesJson {
    const { columns } = this.options;
    const data: Record<string, unknown>[] = [];
    const layout: Record<string, unknown> = {
      grid: { rows: this.rows, columns, pattern: "independent", xgap: 0.12, ygap: 0.3 },
      // A fixed size: a grid squeezed to a phone's width is unreadable, so narrow pages scroll.
      width: 80 + 280 * columns,
      height: 100 + 260 * this.rows,
      legend: { orientation: "h", x: 0, y: -0.08, yanchor: "top" },
      margin: { l: 60, r: 20, t: 70, b: 60 },
      annotations: [] as unknown[],
    };
    if (this.options.title !== undefined) layout.title = { text: this.options.title };
    const seen = new Set<string>();
    this.panels.forEach((panel, k) => {
      const suffix = k === 0 ? "" : String(k + 1);
      for (const trace of panel.data) {
        // One legend entry per name across the grid.
        const first = trace.name !== undefined && !seen.has(trace.name);
        if (trace.name !== undefined) seen.add(trace.name);
        data.push({
          ...trace,
          xaxis: `x${suffix}`,
          yaxis: `y${suffix}`,
          showlegend: trace.showlegend === false ? false : first,
          legendgroup: trace.name,
        });
      }
      // Axis titles once per column (x, bottom panel) and once per row (y, left panel).
      const column = k % columns;
      const below = k + columns < this.panels.length;
      const xaxis: Record<string, unknown> = { ...panel.layout.xaxis };
      const yaxis: Record<string, unknown> = { ...panel.layout.yaxis };
      if (below) delete xaxis.title;
      if (column > 0) delete yaxis.title;
      layout[`xaxis${suffix}`] = xaxis;
      layout[`yaxis${suffix}`] = yaxis;
      if (panel.layout.title !== undefined) {
        (layout.annotations as unknown[]).push({
          text: `<b>${panel.layout.title.text}</b>`,
          xref: `x${suffix} domain`,
          yref: `y${suffix} domain`,
          x: 0.5,
          y: 1.02,
          yanchor: "bottom",
          showarrow: false,
          font: { size: 12 },
        });
      }
    });
    return { data, layout };
  }

  /** The static picture: each panel's own SVG placed in the grid. */
  toSvg(): string {
    const { columns, panelWidth, panelHeight } = this.options;
    const top = this.options.title === undefined ? 0 : 36;
    const width = columns * panelWidth;
    const height = top + this.rows * panelHeight;
    const parts = [
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
      `<rect width="${width}" height="${height}" fill="white"/>`,
    ];
    if (this.options.title !== undefined) {
      parts.push(
        `<text x="${
          width / 2
        }" y="24" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="17" fill="#444">${
          escapeXml(this.options.title)
        }</text>`,
      );
    }
    this.panels.forEach((panel, k) => {
      const x = (k % columns) * panelWidth;
      const y = top + Math.floor(k / columns) * panelHeight;
      const inner = toSvg(
        { ...panel.toJSON(), layout: { ...panel.layout, showlegend: false } },
        { width: panelWidth, height: panelHeight },
      ).replace("<svg ", `<svg x="${x}" y="${y}" `);
      parts.push(inner);
    });
    parts.push("</svg>");
    return parts.join("");
  }

  /** One line: `SmallMultiples: 9 panels, "Loss per schedule"`. */
  summary(): string {
    const title = this.options.title;
    return `SmallMultiples: ${this.panels.length} panel${this.panels.length === 1 ? "" : "s"}${
      title === undefined ? "" : `, ${JSON.stringify(title)}`
    }`;
  }

  /** The MIME bundle Jupyter shows: plotly JSON, SVG and text. */
  display(): MimeBundle {
    return {
      "application/vnd.plotly.v1+json": JSON.parse(JSON.stringify(this.toJSON())),
      "image/svg+xml": this.toSvg(),
      "text/plain": this.summary(),
    };
  }

  /**
   * What Deno's Jupyter kernel calls to show the grid: {@linkcode SmallMultiples.display} plus
   * the SVG rasterised to PNG, so untrusted notebooks (which may not render SVG) show a picture.
   */
  async [jupyterDisplay](): Promise<MimeBundle> {
    const bundle = this.display();
    return { ...bundle, "image/png": toBase64(await toPng(bundle["image/svg+xml"] as string)) };
  }
}

/** Copies of the panels whose y axes all span the data of every panel. */
function withSharedY(panels: Figure[]): Figure[] {
  const values = panels.flatMap((p) => yValues(p));
  if (values.length === 0) return panels;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return panels.map((panel) => {
    const log = panel.layout.yaxis?.type === "log";
    const pad = log ? 0.05 * (Math.log10(hi) - Math.log10(lo) || 1) : 0.05 * (hi - lo || 1);
    const range: [number, number] = log
      ? [Math.log10(lo) - pad, Math.log10(hi) + pad]
      : [lo - pad, hi + pad];
    return new Figure({
      ...panel.toJSON(),
      layout: { ...panel.layout, yaxis: { ...panel.layout.yaxis, range } },
    });
  });
}

/**
 * Panels in a grid, `columns` per row, on a shared y range unless `sharedY` is false.
 *
 * @example Three schedules, one panel each
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleChart, smallMultiples } from "./mod.ts";
 *
 * const grid = smallMultiples(
 *   [[1, 0.5, 0.25], [1, 1, 0.1], [1, 0.9, 0.8]].map((lrs, i) =>
 *     scheduleChart({ lr: lrs }, { title: `schedule ${i}` })
 *   ),
 *   { columns: 2 },
 * );
 * assert.equal(grid.rows, 2);
 * assert.deepEqual(grid.panels[2]?.layout.yaxis?.range, grid.panels[0]?.layout.yaxis?.range);
 * assert.equal(grid.toJSON().data[1]?.xaxis, "x2");
 * assert.ok(grid.toSvg().startsWith("<svg"));
 * ```
 */
export function smallMultiples(
  panels: Figure[],
  options: SmallMultiplesOptions = {},
): SmallMultiples {
  return new SmallMultiples(panels, options);
}
