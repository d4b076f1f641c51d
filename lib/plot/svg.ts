/**
 * `toSvg`: a static SVG picture of a plotly figure, drawn with d3-scale and d3-shape, for places
 * without JavaScript (GitHub's notebook viewer, the README). It draws scatter lines, markers,
 * filled bands, bars, linear, log and category axes, axis titles, vertical lines (shapes), text
 * annotations, the legend and the title, on a white background. The same figure gives the same
 * bytes: numbers are rounded to two decimals and the clip-path id is a hash of the figure.
 *
 * @module
 */

// @ts-types="npm:@types/d3-shape@3.2.0"
import { curveLinear, curveStepAfter, line } from "npm:d3-shape@3.2.1";
import type { Annotation, Dash, FigureJson, LineShape, ScatterTrace, Trace } from "./figure.ts";
import { type AxisModel, buildAxis } from "./_axis.ts";
import { coord, escapeXml, textWidth } from "./_text.ts";
import { colorAt } from "./palette.ts";
import { withAlpha } from "./_color.ts";
import * as check from "../_check.ts";

/**
 * Size of the SVG picture in pixels.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toSvg, type SvgOptions } from "./mod.ts";
 *
 * const options: SvgOptions = { width: 320, height: 200 };
 * const svg = toSvg({ data: [], layout: {} }, options);
 * assert.ok(svg.includes('viewBox="0 0 320 200"'));
 * ```
 */
export interface SvgOptions {
  /** Width in pixels; default the layout's width, else 720. */
  width?: number;
  /** Height in pixels; default the layout's height, else 420. */
  height?: number;
}

const FONT_FAMILY = "Helvetica, Arial, sans-serif";
const GRID = "#e5e5e5";
const MINOR_GRID = "#f3f3f3";
const AXIS = "#9a9a9a";
const TEXT = "#444";
const DASHES: Record<Dash, string | undefined> = {
  solid: undefined,
  dash: "6 4",
  dot: "2 3",
  dashdot: "6 3 2 3",
};

/** FNV-1a, 32 bits, as 8 hex digits: a stable id for the figure's clip path. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** `fill="…"` (and `fill-opacity`) for a CSS colour, splitting `rgba()` for older SVG readers. */
function paint(attr: "fill" | "stroke", color: string): string {
  const m = /^rgba\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*([\d.]+)\s*\)$/.exec(color);
  if (m === null) return `${attr}="${escapeXml(color)}"`;
  return `${attr}="rgb(${m[1]},${m[2]},${m[3]})" ${attr}-opacity="${m[4]}"`;
}

function dashAttr(dash: Dash | undefined, width: number): string {
  const pattern = DASHES[dash ?? "solid"];
  if (pattern === undefined) return "";
  const scaled = pattern.split(" ").map((n) => coord(Number(n) * Math.max(1, width / 2)));
  return ` stroke-dasharray="${scaled.join(" ")}"`;
}

function traceColor(trace: Trace, i: number): string {
  if (trace.type === "bar") return trace.marker?.color ?? colorAt(i);
  return trace.line?.color ?? trace.marker?.color ?? colorAt(i);
}

function modeOf(trace: ScatterTrace): { lines: boolean; markers: boolean } {
  const mode = trace.mode ?? (trace.x.length < 20 ? "lines+markers" : "lines");
  return { lines: mode.includes("lines"), markers: mode.includes("markers") };
}

function marker(cx: number, cy: number, size: number, symbol: string | undefined): string {
  const r = size / 2;
  if (symbol === "diamond") {
    return `<path d="M${coord(cx)},${coord(cy - r * 1.3)}L${coord(cx + r * 1.3)},${coord(cy)}L${
      coord(cx)
    },${coord(cy + r * 1.3)}L${coord(cx - r * 1.3)},${coord(cy)}Z"/>`;
  }
  return `<circle cx="${coord(cx)}" cy="${coord(cy)}" r="${coord(r)}"/>`;
}

function truncate(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && textWidth(`${t}…`, fontSize) > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: AxisModel;
  y: AxisModel;
}

function frameX(frame: Frame, ref: "x" | "paper", v: number): number | undefined {
  return ref === "paper" ? frame.left + v * (frame.right - frame.left) : frame.x.position(v);
}

function frameY(frame: Frame, ref: "y" | "paper", v: number): number | undefined {
  return ref === "paper" ? frame.bottom - v * (frame.bottom - frame.top) : frame.y.position(v);
}

function points(trace: ScatterTrace, frame: Frame): [number, number][] {
  const n = Math.min(trace.x.length, trace.y.length);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    out.push([
      frame.x.position(trace.x[i] as number) ?? NaN,
      frame.y.position(trace.y[i] as number) ?? NaN,
    ]);
  }
  return out;
}

const defined = (p: [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]);

function drawScatter(trace: ScatterTrace, i: number, frame: Frame): string[] {
  const out: string[] = [];
  const color = traceColor(trace, i);
  const width = trace.line?.width ?? 2;
  const pts = points(trace, frame);
  if (trace.fill === "toself") {
    const ok = pts.filter(defined);
    const d = ok.length === 0 ? "" : `M${ok.map(([x, y]) => `${coord(x)},${coord(y)}`).join("L")}Z`;
    const stroke = width > 0 ? ` ${paint("stroke", color)} stroke-width="${coord(width)}"` : "";
    out.push(
      `<path class="band" d="${d}" ${paint("fill", trace.fillcolor ?? withAlpha("#7f7f7f", 0.3))}${
        stroke === "" ? ' stroke="none"' : stroke
      }/>`,
    );
    return out;
  }
  const { lines, markers } = modeOf(trace);
  if (lines) {
    const path = line<[number, number]>().defined(defined).digits(2)
      .curve(trace.line?.shape === "hv" ? curveStepAfter : curveLinear);
    out.push(
      `<path class="line" d="${path(pts) ?? ""}" fill="none" ${paint("stroke", color)}` +
        ` stroke-width="${coord(width)}"${
          dashAttr(trace.line?.dash, width)
        } stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  if (markers) {
    const size = trace.marker?.size ?? 6;
    const dots = pts.filter(defined).map(([x, y]) => marker(x, y, size, trace.marker?.symbol));
    out.push(
      `<g class="markers" ${paint("fill", trace.marker?.color ?? color)} stroke="#fff"` +
        ` stroke-width="0.5">${dots.join("")}</g>`,
    );
  }
  return out;
}

function drawBars(traces: Trace[], frame: Frame): string[] {
  const bars = traces.map((t, i) => [t, i] as const).filter(([t]) => t.type === "bar");
  const band = frame.x.bandwidth;
  const zero = frame.y.position(0) ?? frame.bottom;
  const out: string[] = [];
  bars.forEach(([trace, i], j) => {
    if (trace.type !== "bar") return;
    const w = band / bars.length;
    const rects: string[] = [];
    trace.x.forEach((category, k) => {
      const center = frame.x.position(category);
      const top = frame.y.position(trace.y[k] as number);
      if (center === undefined || top === undefined) return;
      const x = center - band / 2 + j * w;
      rects.push(
        `<rect x="${coord(x)}" y="${coord(Math.min(top, zero))}" width="${coord(w)}" height="${
          coord(Math.abs(zero - top))
        }"/>`,
      );
    });
    out.push(`<g class="bar" ${paint("fill", traceColor(trace, i))}>${rects.join("")}</g>`);
  });
  return out;
}

function drawShape(shape: LineShape, frame: Frame): string {
  const x0 = frameX(frame, shape.xref, shape.x0);
  const x1 = frameX(frame, shape.xref, shape.x1);
  const y0 = frameY(frame, shape.yref, shape.y0);
  const y1 = frameY(frame, shape.yref, shape.y1);
  if (x0 === undefined || x1 === undefined || y0 === undefined || y1 === undefined) return "";
  const width = shape.line?.width ?? 1;
  return `<line class="shape" x1="${coord(x0)}" y1="${coord(y0)}" x2="${coord(x1)}" y2="${
    coord(y1)
  }" ${paint("stroke", shape.line?.color ?? TEXT)} stroke-width="${coord(width)}"${
    dashAttr(shape.line?.dash, width)
  }/>`;
}

function drawAnnotation(a: Annotation, frame: Frame): string {
  const x = frameX(frame, a.xref, a.x);
  const y = frameY(frame, a.yref, a.y);
  if (x === undefined || y === undefined) return "";
  let anchor = a.xanchor === "left" ? "start" : a.xanchor === "right" ? "end" : "middle";
  // A label that would run past the plot's right edge (into the legend) turns to end at its x.
  if (anchor === "start" && x + textWidth(a.text, a.font?.size ?? 11) > frame.right) {
    anchor = "end";
  }
  const dy = a.yanchor === "top" ? "0.71em" : a.yanchor === "bottom" ? "0" : "0.32em";
  return `<text class="annotation" x="${coord(x)}" y="${
    coord(y)
  }" dy="${dy}" text-anchor="${anchor}"` +
    ` font-size="${a.font?.size ?? 11}" ${paint("fill", a.font?.color ?? TEXT)}>${
      escapeXml(a.text)
    }</text>`;
}

function legendSwatch(trace: Trace, i: number, x: number, y: number): string {
  const color = traceColor(trace, i);
  if (trace.type === "bar" || trace.fill === "toself") {
    const fill = trace.type === "bar" ? color : trace.fillcolor ?? color;
    return `<rect x="${coord(x)}" y="${coord(y - 5)}" width="22" height="10" ${
      paint("fill", fill)
    }/>`;
  }
  const { lines, markers } = modeOf(trace);
  const parts: string[] = [];
  const width = Math.min(trace.line?.width ?? 2, 4);
  if (lines) {
    parts.push(
      `<line x1="${coord(x)}" y1="${coord(y)}" x2="${coord(x + 22)}" y2="${coord(y)}" ${
        paint("stroke", color)
      } stroke-width="${coord(width)}"${dashAttr(trace.line?.dash, width)}/>`,
    );
  }
  if (markers) {
    parts.push(
      `<g ${paint("fill", trace.marker?.color ?? color)}>${
        marker(x + 11, y, trace.marker?.size ?? 6, trace.marker?.symbol)
      }</g>`,
    );
  }
  return parts.join("");
}

function collect(
  traces: Trace[],
  axis: "x" | "y",
  shapes: LineShape[],
  notes: Annotation[],
): number[] {
  const values: number[] = [];
  for (const t of traces) {
    if (t.type === "bar") {
      if (axis === "y") values.push(0, ...t.y);
    } else {
      values.push(...t[axis]);
    }
  }
  for (const s of shapes) {
    if (axis === "x" && s.xref === "x") values.push(s.x0, s.x1);
    if (axis === "y" && s.yref === "y") values.push(s.y0, s.y1);
  }
  for (const a of notes) {
    if (axis === "x" && a.xref === "x") values.push(a.x);
    if (axis === "y" && a.yref === "y") values.push(a.y);
  }
  return values;
}

/**
 * Draws a figure as a standalone SVG document (a string starting with `<svg`).
 *
 * Layout: title on top, legend to the right of the plot when two or more traces have names,
 * ticks at d3's nice values (log axes: at decades 10^k, minor gridlines at 2..9 × 10^k).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toSvg } from "./svg.ts";
 *
 * const svg = toSvg({
 *   data: [{ type: "scatter", mode: "lines", name: "lr", x: [0, 10, 20], y: [1, 0.1, 0.01] }],
 *   layout: { yaxis: { type: "log" } },
 * }, { width: 400, height: 300 });
 * assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"'));
 * assert.ok(!svg.includes("NaN"));
 * ```
 */
export function toSvg(figure: FigureJson, options: SvgOptions = {}): string {
  const width = check.positive("width", options.width ?? figure.layout.width ?? 720);
  const height = check.positive("height", options.height ?? figure.layout.height ?? 420);
  const { data, layout } = figure;
  const shapes = layout.shapes ?? [];
  const notes = layout.annotations ?? [];
  const title = layout.title?.text;
  const xTitle = layout.xaxis?.title?.text;
  const yTitle = layout.yaxis?.title?.text;

  const entries = data.map((t, i) => [t, i] as const)
    .filter(([t]) => t.showlegend !== false && t.name !== undefined && t.name !== "");
  const showLegend = layout.showlegend ?? entries.length >= 2;
  const legendTitle = layout.legend?.title?.text;
  // Narrow pictures (a phone) put the legend in rows under the plot, so it takes no width.
  const legendBelow = width < NARROW;
  const labels = entries.map(([t]) =>
    truncate(t.name ?? "", legendBelow ? width - 60 : width * 0.3, 12)
  );
  const legendWidth = showLegend && !legendBelow
    ? Math.max(
      ...labels.map((l) => textWidth(l, 12) + 30),
      legendTitle === undefined ? 0 : textWidth(legendTitle, 12),
    )
    : 0;
  const rows = showLegend && legendBelow ? legendRows(labels, legendTitle, width - 24) : [];

  const titleSize = width < NARROW ? 14 : 16;
  const titleLines = title === undefined ? [] : wrap(title, width - 16, titleSize);
  const top = title === undefined ? 18 : 18 + titleLines.length * titleSize * 1.25 + 10;
  const below = (xTitle === undefined ? 30 : 54) + rows.length * LEGEND_ROW;
  const bottom = height - below;
  const right = width - (showLegend && !legendBelow ? legendWidth + 36 : 24);
  const categories = [...new Set(data.flatMap((t) => t.type === "bar" ? t.x : []))];
  const hasBars = categories.length > 0;
  const y = buildAxis({
    axis: layout.yaxis,
    values: collect(data, "y", shapes, notes),
    categories: [],
    range: [bottom, top],
    pad: 0.05,
    tickCount: Math.max(2, Math.floor((bottom - top) / 45)),
    anchorZero: hasBars,
  });
  const left = 12 + (yTitle === undefined ? 0 : 22) + Math.max(0, ...y.ticks.map((t) => t.width)) +
    6;
  const withMarkers = data.some((t) => t.type === "scatter" && modeOf(t).markers);
  const x = buildAxis({
    axis: layout.xaxis,
    values: collect(data, "x", shapes, notes),
    categories,
    range: [left, right],
    pad: withMarkers ? 0.04 : 0,
    // Decade labels are short, so a log axis fits more of them.
    tickCount: Math.max(2, Math.floor((right - left) / (layout.xaxis?.type === "log" ? 55 : 90))),
  });
  const frame: Frame = { left, right, top, bottom, x, y };
  const clip = `anneal-clip-${hash(`${JSON.stringify(figure)}|${width}|${height}`)}`;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${coord(width)}" height="${coord(height)}"` +
      ` viewBox="0 0 ${coord(width)} ${coord(height)}" font-family="${FONT_FAMILY}">`,
  );
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(
    `<defs><clipPath id="${clip}"><rect x="${coord(left)}" y="${coord(top - 4)}" width="${
      coord(right - left + 4)
    }" height="${coord(bottom - top + 8)}"/></clipPath></defs>`,
  );
  // Grid: minor, then major; vertical lines at x pixels, horizontal ones at y pixels.
  const vertical = (px: number, stroke: string) => svgLine(px, top, px, bottom, stroke);
  const horizontal = (px: number, stroke: string) => svgLine(left, px, right, px, stroke);
  const grid: string[] = [
    ...x.minor.map((px) => vertical(px, MINOR_GRID)),
    ...y.minor.map((px) => horizontal(px, MINOR_GRID)),
    ...(x.type === "category" ? [] : x.ticks.map((t) => vertical(t.px, GRID))),
    ...y.ticks.map((t) => horizontal(t.px, GRID)),
  ];
  out.push(`<g class="grid">${grid.join("")}</g>`);
  // Axes: lines, tick marks, labels, titles.
  out.push(
    `<g class="axes" stroke="${AXIS}"><line x1="${coord(left)}" y1="${coord(bottom)}" x2="${
      coord(right)
    }" y2="${coord(bottom)}"/><line x1="${coord(left)}" y1="${coord(top)}" x2="${
      coord(left)
    }" y2="${coord(bottom)}"/>${
      x.ticks.map((t) =>
        `<line x1="${coord(t.px)}" y1="${coord(bottom)}" x2="${coord(t.px)}" y2="${
          coord(bottom + 4)
        }"/>`
      ).join("")
    }${
      y.ticks.map((t) =>
        `<line x1="${coord(left - 4)}" y1="${coord(t.px)}" x2="${coord(left)}" y2="${
          coord(t.px)
        }"/>`
      ).join("")
    }</g>`,
  );
  out.push(
    `<g class="xtick" font-size="11" fill="${TEXT}" text-anchor="middle">${
      x.ticks.map((t) =>
        `<text x="${coord(t.px)}" y="${coord(bottom + 8)}" dy="0.71em">${t.markup}</text>`
      )
        .join("")
    }</g>`,
  );
  out.push(
    `<g class="ytick" font-size="11" fill="${TEXT}" text-anchor="end">${
      y.ticks.map((t) =>
        `<text x="${coord(left - 7)}" y="${coord(t.px)}" dy="0.32em">${t.markup}</text>`
      )
        .join("")
    }</g>`,
  );
  if (xTitle !== undefined) {
    out.push(
      `<text class="xtitle" x="${coord((left + right) / 2)}" y="${
        coord(bottom + 40)
      }" font-size="13"` +
        ` fill="#333" text-anchor="middle">${escapeXml(xTitle)}</text>`,
    );
  }
  if (yTitle !== undefined) {
    const cy = (top + bottom) / 2;
    out.push(
      `<text class="ytitle" x="16" y="${coord(cy)}" transform="rotate(-90 16 ${coord(cy)})"` +
        ` font-size="13" fill="#333" text-anchor="middle" dy="0.32em">${escapeXml(yTitle)}</text>`,
    );
  }
  // Data, clipped to the plot area; shapes on top.
  const body: string[] = [];
  data.forEach((t, i) => {
    if (t.type === "scatter") body.push(...drawScatter(t, i, frame));
  });
  if (hasBars) body.push(...drawBars(data, frame));
  body.push(...shapes.map((s) => drawShape(s, frame)));
  out.push(`<g clip-path="url(#${clip})">${body.join("")}</g>`);
  out.push(...notes.map((a) => drawAnnotation(a, frame)));
  titleLines.forEach((text, i) => {
    out.push(
      `<text class="title" x="${coord(width / 2)}" y="${
        coord(28 + i * titleSize * 1.25)
      }" font-size="${titleSize}" font-weight="600"` +
        ` fill="#222" text-anchor="middle">${escapeXml(text)}</text>`,
    );
  });
  if (rows.length > 0) {
    const items: string[] = [];
    rows.forEach((row, r) => {
      const ly = bottom + (xTitle === undefined ? 30 : 54) + r * LEGEND_ROW + LEGEND_ROW / 2;
      for (const item of row) {
        if (item.entry === undefined) {
          items.push(
            `<text x="${coord(12 + item.x)}" y="${coord(ly)}" dy="0.32em" font-size="12"` +
              ` font-weight="600" fill="#333">${escapeXml(item.label)}</text>`,
          );
          continue;
        }
        const [t, i] = entries[item.entry] ?? [];
        if (t === undefined || i === undefined) continue;
        items.push(
          legendSwatch(t, i, 12 + item.x, ly) +
            `<text x="${coord(12 + item.x + 30)}" y="${
              coord(ly)
            }" dy="0.32em" font-size="12" fill="#333">${escapeXml(item.label)}</text>`,
        );
      }
    });
    out.push(`<g class="legend">${items.join("")}</g>`);
  } else if (showLegend) {
    const lx = right + 18;
    let ly = top + 8;
    const items: string[] = [];
    if (legendTitle !== undefined) {
      items.push(
        `<text x="${coord(lx)}" y="${coord(ly)}" dy="0.32em" font-size="12" font-weight="600"` +
          ` fill="#333">${escapeXml(legendTitle)}</text>`,
      );
      ly += 20;
    }
    entries.forEach(([t, i], k) => {
      items.push(
        legendSwatch(t, i, lx, ly) +
          `<text x="${coord(lx + 30)}" y="${coord(ly)}" dy="0.32em" font-size="12" fill="#333">${
            escapeXml(labels[k] ?? "")
          }</text>`,
      );
      ly += 20;
    });
    out.push(`<g class="legend">${items.join("")}</g>`);
  }
  out.push("</svg>");
  return out.join("\n");
}

/** Pictures narrower than this put the legend under the plot and use a smaller title. */
const NARROW = 560;
/** The height of one legend row under the plot. */
const LEGEND_ROW = 18;

/** Splits `text` at spaces into lines no wider than `maxWidth` (a long word keeps its line). */
function wrap(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    const next = current === "" ? word : `${current} ${word}`;
    if (current !== "" && textWidth(next, fontSize) > maxWidth) {
      lines.push(current);
      current = word;
    } else {
      current = next;
    }
  }
  if (current !== "") lines.push(current);
  return lines.map((line) => truncate(line, maxWidth, fontSize));
}

/** Legend entries flowed into rows of at most `maxWidth` pixels: each item's x offset and label. */
function legendRows(
  labels: string[],
  title: string | undefined,
  maxWidth: number,
): { x: number; label: string; entry?: number }[][] {
  const rows: { x: number; label: string; entry?: number }[][] = [];
  let row: { x: number; label: string; entry?: number }[] = [];
  let x = 0;
  const place = (label: string, w: number, entry?: number) => {
    if (row.length > 0 && x + w > maxWidth) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push(entry === undefined ? { x, label } : { x, label, entry });
    x += w + 16;
  };
  if (title !== undefined) place(title, textWidth(title, 12));
  labels.forEach((label, k) => place(label, 30 + textWidth(label, 12), k));
  if (row.length > 0) rows.push(row);
  return rows;
}

/** An SVG `<line>` from (x1, y1) to (x2, y2) in pixels, with a stroke colour. */
function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string): string {
  return `<line x1="${coord(x1)}" y1="${coord(y1)}" x2="${coord(x2)}" y2="${
    coord(y2)
  }" stroke="${stroke}"/>`;
}
