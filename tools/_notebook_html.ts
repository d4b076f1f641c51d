/**
 * Exports a notebook to one self-contained HTML page that works offline: markdown through
 * `marked`, TeX through KaTeX (MathML output, so no fonts or CSS are needed), and plotly figures
 * drawn by plotly.js inlined into the page. A figure's static SVG shows until plotly has drawn it,
 * and stays when scripts are off.
 *
 * @module
 */

import katex from "katex";
import { Marked, type TokenizerAndRendererExtension } from "marked";
import plotlySource from "plotly.js-dist-min/plotly.min.js" with { type: "text" };
import { joinText, type MultilineString, type Notebook, type Output } from "./_notebook_format.ts";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function tex(source: string, displayMode: boolean): string {
  return katex.renderToString(source, { displayMode, output: "mathml", throwOnError: false });
}

const blockMath: TokenizerAndRendererExtension = {
  name: "blockMath",
  level: "block",
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const match = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (match) return { type: "blockMath", raw: match[0], text: match[1]!.trim() };
    return undefined;
  },
  renderer: (token) => `<div class="math">${tex(token.text as string, true)}</div>\n`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: "inlineMath",
  level: "inline",
  start: (src) => src.indexOf("$") < 0 ? undefined : src.indexOf("$"),
  tokenizer(src) {
    const display = /^\$\$([\s\S]+?)\$\$/.exec(src);
    if (display) {
      return { type: "inlineMath", raw: display[0], text: display[1]!.trim(), display: true };
    }
    // $...$ with no space inside the dollars and no digit right after: "$5 and $6" stays text.
    const inline = /^\$(?![\s$])((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (inline) return { type: "inlineMath", raw: inline[0], text: inline[1]!, display: false };
    return undefined;
  },
  renderer: (token) => tex(token.text as string, token.display as boolean),
};

const markdown = new Marked({ gfm: true, extensions: [blockMath, inlineMath] });

/** Renders notebook markdown, with `$...$` and `$$...$$` as math, to HTML. */
export function markdownToHtml(source: string): string {
  return markdown.parse(source, { async: false });
}

/** Options of {@linkcode notebookToHtml}. */
export interface ExportOptions {
  /** The page title; defaults to the first heading. */
  title?: string;
  /** Load plotly.js from this URL (a file shared by the site's pages) instead of inlining it. */
  plotlySrc?: string;
}

/** The number of plotly figures a notebook displays, that is the charts its page will draw. */
export function countFigures(notebook: Notebook): number {
  return notebook.cells.flatMap((cell) => cell.outputs ?? [])
    .filter((output) => output.data?.[PLOTLY_MIME] !== undefined).length;
}

/** Renders a notebook, with its outputs, as one self-contained HTML page. */
export function notebookToHtml(notebook: Notebook, options: ExportOptions = {}): string {
  const body: string[] = [];
  for (const cell of notebook.cells) {
    const source = joinText(cell.source);
    if (cell.cell_type === "markdown") {
      body.push(`<section class="cell markdown">${markdownToHtml(source)}</section>`);
    } else if (cell.cell_type === "code") {
      const prompt = cell.execution_count == null ? " " : String(cell.execution_count);
      body.push(
        `<section class="cell code"><div class="input"><span class="prompt">[${prompt}]</span>` +
          `<pre><code class="language-typescript">${escapeHtml(source)}</code></pre></div>` +
          (cell.outputs ?? []).map(renderOutput).join("") + `</section>`,
      );
    } else {
      body.push(`<section class="cell raw"><pre>${escapeHtml(source)}</pre></section>`);
    }
  }
  const heading = /^#\s+(.+)$/m.exec(
    joinText(notebook.cells.find((cell) => cell.cell_type === "markdown")?.source ?? ""),
  );
  const title = options.title ?? heading?.[1] ?? "notebook";
  const figures = countFigures(notebook) > 0;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="anneal tools/notebooks.ts">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
${
    figures && options.plotlySrc === undefined
      ? `<script>${inlineScript(plotlySource)}</script>`
      : ""
  }
</head>
<body>
<main>
${body.join("\n")}
</main>
${figures ? `<script>${inlineScript(DRAW_FIGURES)}</script>` : ""}
</body>
</html>
`;
}

function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

function renderOutput(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return `<pre class="output stream ${escapeHtml(output.name ?? "stdout")}">${
        escapeHtml(joinText(output.text))
      }</pre>`;
    case "error":
      return `<pre class="output error">${
        escapeHtml(
          (output.traceback ?? []).length > 0
            ? (output.traceback ?? []).map((line) => joinText(line)).join("\n")
            : `${output.ename}: ${output.evalue}`,
        )
      }</pre>`;
    default:
      return renderData(output.data ?? {});
  }
}

function renderData(data: Record<string, unknown>): string {
  const text = (mime: string) => joinText(data[mime] as MultilineString);
  const svg = data["image/svg+xml"] === undefined
    ? ""
    : `<img class="svg" alt="figure" src="data:image/svg+xml;base64,${
      base64(text("image/svg+xml"))
    }">`;
  if (data[PLOTLY_MIME] !== undefined) {
    const json = JSON.stringify(data[PLOTLY_MIME]).replace(/</g, "\\u003c");
    return `<div class="output plotly-figure"><div class="plotly-target"></div>` +
      `<div class="fallback">${svg}</div>` +
      `<script type="application/json" class="figure-json">${json}</script></div>`;
  }
  if (svg !== "") return `<div class="output">${svg}</div>`;
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (data[mime] !== undefined) {
      return `<div class="output"><img alt="figure" src="data:${mime};base64,${
        text(mime).replace(/\s/g, "")
      }"></div>`;
    }
  }
  if (data["text/html"] !== undefined) {
    return `<div class="output html">${text("text/html")}</div>`;
  }
  if (data["text/markdown"] !== undefined) {
    return `<div class="output markdown">${markdownToHtml(text("text/markdown"))}</div>`;
  }
  if (data["text/latex"] !== undefined) {
    return `<div class="output math">${
      tex(text("text/latex").replace(/^\$+|\$+$/g, ""), true)
    }</div>`;
  }
  if (data["text/plain"] !== undefined) {
    return `<pre class="output result">${escapeHtml(text("text/plain"))}</pre>`;
  }
  return "";
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Runs in the page: draws every figure, then hides its static fallback. Plotly does not wrap
 * titles, so on a narrow page a title too long for its chart is broken into lines at spaces
 * (and its font made smaller), again whenever the window is resized.
 */
const DRAW_FIGURES = `
const fitTitle = (target, title) => {
  if (typeof title !== "string" || title === "") return;
  const width = target.clientWidth;
  const size = width < 560 ? 14 : 17;
  const perLine = Math.max(12, Math.floor((width - 24) / (0.56 * size)));
  const lines = [];
  for (const word of title.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= perLine) lines[last] += " " + word;
    else lines.push(word);
  }
  Plotly.relayout(target, {
    "title.text": lines.join("<br>"),
    "title.font.size": size,
    "margin.t": Math.max(60, 30 + lines.length * (size + 6)),
  });
};
for (const figure of document.querySelectorAll(".plotly-figure")) {
  const spec = JSON.parse(figure.querySelector(".figure-json").textContent);
  const config = Object.assign({ responsive: true, displaylogo: false }, spec.config);
  const target = figure.querySelector(".plotly-target");
  const title = spec.layout?.title?.text;
  Plotly.newPlot(target, spec.data ?? [], spec.layout ?? {}, config)
    .then(() => spec.frames ? Plotly.addFrames(target, spec.frames) : undefined)
    .then(() => fitTitle(target, title))
    .then(() => figure.classList.add("drawn"))
    .catch((error) => console.error("plotly could not draw a figure", error));
  let pending;
  addEventListener("resize", () => {
    clearTimeout(pending);
    pending = setTimeout(() => fitTitle(target, title), 150);
  });
}
`;

const STYLE = `
:root { color-scheme: light; --muted: #6b7280; --line: #e5e7eb; --code: #f6f8fa; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; }
main { max-width: 56rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
.cell { margin: 1rem 0; }
.input { display: flex; gap: .5rem; align-items: flex-start; }
.prompt { color: var(--muted); font: 12px/2 ui-monospace, monospace; min-width: 2.5rem; text-align: right; }
pre { margin: 0; overflow-x: auto; font: 13px/1.5 ui-monospace, "SFMono-Regular", Menlo, monospace; }
.input pre { flex: 1; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.output { margin: .4rem 0 0 3rem; }
pre.output { padding: .2rem .8rem; }
pre.stderr { background: #fff7ed; }
pre.error { background: #fef2f2; color: #991b1b; }
.plotly-figure.drawn .fallback { display: none; }
.plotly-target { overflow-x: auto; }
.output img { max-width: 100%; height: auto; }
.math { overflow-x: auto; }
math { font-size: 1.1em; font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; }
code { font: 0.9em ui-monospace, monospace; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .6rem; }
`;
