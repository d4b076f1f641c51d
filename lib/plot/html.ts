/**
 * `toHtml`: a standalone HTML page showing figures, interactive when given plotly.js's source
 * text (inlined, so the page works offline), static SVG otherwise.
 *
 * @module
 */

import { chartOptions, checkFigure } from "./_options.ts";
import type { FigureJson } from "./figure.ts";
import { toSvg } from "./svg.ts";
import { escapeXml } from "./_text.ts";

/**
 * Options of {@linkcode toHtml}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toHtml, scheduleChart, type HtmlOptions } from "./mod.ts";
 *
 * const options: HtmlOptions = { title: "Schedules", width: 480, height: 300 };
 * assert.ok(toHtml(scheduleChart([1, 0.5]), options).includes('width="480"'));
 * ```
 */
export interface HtmlOptions {
  /** Page title, also shown as a heading. */
  title?: string;
  /**
   * The source text of plotly.js (say `plotly.min.js` from the pinned `plotly.js-dist-min`),
   * inlined into the page; without it the page shows each figure's static SVG.
   */
  plotlyJs?: string;
  /** SVG size when there is no plotly.js; default each layout's, else 720×420. */
  width?: number;
  /** SVG height when there is no plotly.js; default each layout's, else 420. */
  height?: number;
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * An HTML page (a string starting with `<!doctype html>`) holding one figure or several, in
 * order. The same figures and options give the same bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toHtml } from "./html.ts";
 * import { scheduleChart } from "./schedule_chart.ts";
 *
 * const figure = scheduleChart([0.1, 0.1, 0.01], { title: "Drop at step 2" });
 * const staticPage = toHtml(figure, { title: "Schedules" });
 * assert.ok(staticPage.startsWith("<!doctype html>"));
 * assert.ok(staticPage.includes("<svg"));
 * const livePage = toHtml([figure], { plotlyJs: "window.Plotly = { newPlot() {} };" });
 * assert.ok(livePage.includes('Plotly.newPlot("figure-0"'));
 * ```
 */
export function toHtml(figures: FigureJson | FigureJson[], options: HtmlOptions = {}): string {
  chartOptions("toHtml", options, {
    title: "string",
    plotlyJs: "string",
    width: "positive",
    height: "positive",
  });
  const list = Array.isArray(figures) ? figures : [figures];
  if (list.length === 0) throw new RangeError("toHtml: figures must not be empty, got figures=[]");
  list.forEach((f, i) =>
    checkFigure("toHtml", Array.isArray(figures) ? `figures[${i}]` : "figures", f)
  );
  const title = options.title;
  const head = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title ?? "anneal figures")}</title>`,
    "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1000px;" +
    "padding:0 1rem;background:#fff;color:#222}.figure{margin:1.5rem 0}</style>",
  ];
  if (options.plotlyJs !== undefined) {
    head.push(`<script>${options.plotlyJs.replace(/<\/script/gi, "<\\/script")}</script>`);
  }
  head.push("</head>", "<body>");
  if (title !== undefined) head.push(`<h1>${escapeXml(title)}</h1>`);
  const body = list.map((figure, i) => {
    const id = `figure-${i}`;
    if (options.plotlyJs === undefined) {
      const size: { width?: number; height?: number } = {};
      if (options.width !== undefined) size.width = options.width;
      if (options.height !== undefined) size.height = options.height;
      return `<div class="figure" id="${id}">\n${toSvg(figure, size)}\n</div>`;
    }
    const json = JSON.parse(JSON.stringify(figure)) as FigureJson;
    return `<div class="figure" id="${id}"></div>\n<script>Plotly.newPlot("${id}", ${
      scriptJson(json.data)
    }, ${scriptJson(json.layout)}, ${scriptJson(json.config ?? { responsive: true })});</script>`;
  });
  return [...head, ...body, "</body>", "</html>", ""].join("\n");
}
