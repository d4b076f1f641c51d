/**
 * `designer(spec)`: a schedule designer that lives in the page. Sliders, menus and lists for
 * every option of the spec (from the registry's option tables), the lr curve of each param
 * group drawn by plotly, the values at chosen epochs, and the spec, PyTorch, optax and Keras
 * code with copy buttons; every number is computed in the browser by anneal's own bundle.
 *
 * @module
 */

import * as check from "../_check.ts";
import { SPEC_VERSION } from "../spec/spec.ts";
import type { Spec } from "../spec/spec.ts";
import { specValues } from "../spec/spec_values.ts";
import { toKeras, toOptax } from "../spec/to_optax.ts";
import { toPyTorch } from "../spec/to_pytorch.ts";
import { DESIGNER_SCRIPT, DESIGNER_STYLE } from "./_client.ts";
import { STARTERS } from "./_starters.ts";
import { toBase64, toPng } from "../notebook/png.ts";
import { jupyterDisplay, type MimeBundle } from "../plot/figure.ts";
import { scheduleChart } from "../plot/schedule_chart.ts";
import { toSvg } from "../plot/svg.ts";

/** Options of {@linkcode designer}. */
export interface DesignerOptions {
  /** Each param group's starting lr (one curve per group); default `[0.1]`. */
  lrs?: number[];
  /** How many epochs to draw; default 100. */
  steps?: number;
  /** Also draw the groups' momentum (what `CyclicLR` and `OneCycleLR` cycle); default false. */
  momentum?: boolean;
  /** The epochs whose values the table lists; default `0`, a quarter, half, and the last. */
  at?: number[];
  /** Other schedules drawn dashed for comparison, by name. */
  compare?: Record<string, Spec>;
  /** A log scale on the lr axis at start; default false. */
  logY?: boolean;
  /** A heading above the widget. */
  title?: string;
  /** Keep the spec in the page's URL hash (the standalone page's shareable links); default false. */
  hash?: boolean;
  /**
   * Where the displayed widget (`display()`, a notebook cell) gets plotly.js and anneal's bundle:
   * `"inline"` (default) carries them (about 5 MB); `"page"` relies on another designer output
   * of the same notebook carrying them, which keeps a notebook with several designers small.
   */
  libraries?: "inline" | "page";
}

/**
 * Where the page script finds its two libraries. `"shared"`: the page loads them itself
 * (`window.Plotly` from plotly.js, `window.__annealSource` holding anneal's browser bundle as
 * text), as the exported site does. Otherwise their sources, inlined into the widget.
 */
export type DesignerAssets = "shared" | { anneal: string; plotly?: string };

const OPTION_KEYS = [
  "lrs",
  "steps",
  "momentum",
  "at",
  "compare",
  "logY",
  "title",
  "hash",
  "libraries",
];

let counter = 0;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** JSON safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function tryExport(fn: (spec: Spec) => string, spec: Spec): string | undefined {
  try {
    return fn(spec);
  } catch {
    return undefined;
  }
}

/**
 * A designer widget for one spec. As the last expression of a notebook cell it displays
 * itself (`text/html` with the live widget, `image/svg+xml` and `text/plain` fallbacks);
 * {@linkcode Designer.toHtml} gives the widget for a page of your own.
 *
 * @example
 * ```ts
 * import { designer } from "../mod.ts";
 * const d = designer({ type: "StepLR", stepSize: 30 }, { lrs: [0.1, 0.01] });
 * const html = d.toHtml("shared");
 * if (!html.includes("data-anneal-designer") || !html.includes('data-export="pytorch"')) {
 *   throw new Error();
 * }
 * if (d.values()[1]![30] !== 0.001) throw new Error(String(d.values()[1]![30]));
 * ```
 */
export class Designer {
  /** The spec the widget starts from. */
  readonly spec: Spec;
  /** The options, defaults filled in. */
  readonly options: Required<Omit<DesignerOptions, "title">> & { title?: string };
  /** The root element's id, unique within one process. */
  readonly id: string;

  /** Validates the spec (by running it) and the options; see {@linkcode designer}. */
  constructor(spec: Spec, options: DesignerOptions = {}) {
    check.options("designer", options, OPTION_KEYS);
    const steps = options.steps ?? 100;
    check.positiveInteger("steps", steps);
    const lrs = options.lrs ?? [0.1];
    const at = options.at ?? [0, Math.floor(steps / 4), Math.floor(steps / 2), steps - 1];
    if (!Array.isArray(at)) {
      throw new TypeError(`at must be an array of epochs, got at=${check.show(at)}`);
    }
    at.forEach((epoch, i) => {
      check.integer(`at[${i}]`, epoch);
      if (epoch < 0 || epoch >= steps) {
        throw new RangeError(
          `at[${i}] must be an epoch in [0, ${steps - 1}], got at[${i}]=${epoch}`,
        );
      }
    });
    const compare = options.compare ?? {};
    check.options("designer", compare, Object.keys(compare), { argument: "compare" });
    specValues(spec, { lrs, steps: 1 });
    for (const other of Object.values(compare)) specValues(other, { lrs, steps: 1 });
    this.spec = JSON.parse(JSON.stringify(spec));
    this.options = {
      lrs: [...lrs],
      steps,
      momentum: check.boolean("momentum", options.momentum ?? false),
      at: [...at],
      compare: JSON.parse(JSON.stringify(compare)),
      logY: check.boolean("logY", options.logY ?? false),
      hash: check.boolean("hash", options.hash ?? false),
      libraries: check.oneOf("libraries", options.libraries ?? "inline", ["inline", "page"]),
      ...(options.title === undefined ? {} : { title: String(options.title) }),
    };
    this.id = `anneal-designer-${++counter}`;
  }

  /** The lr of each param group at epochs `0 … steps − 1`, as the widget starts. */
  values(): number[][] {
    return specValues(this.spec, { lrs: this.options.lrs, steps: this.options.steps }).lr;
  }

  /** The static chart: what viewers that run no scripts show. */
  toSvg(): string {
    const lr = this.values();
    const series: Record<string, number[][]> = {};
    for (const [name, other] of Object.entries(this.options.compare)) {
      series[name] = transpose(
        specValues(other, { lrs: this.options.lrs, steps: this.options.steps }).lr,
      );
    }
    series[String(this.spec.type)] = transpose(lr);
    return toSvg(
      scheduleChart(series, {
        title: this.options.title ?? String(this.spec.type),
        xTitle: "epoch",
        logY: this.options.logY,
      }),
    );
  }

  /**
   * The widget as an HTML fragment: a root element with `data-anneal-designer`, its controls,
   * plot, values table and code blocks (`data-export="spec" | "pytorch" | "optax" | "keras"`),
   * the static SVG and code (shown until the script runs), and the script.
   */
  toHtml(assets: DesignerAssets): string {
    return this.#html(assets, this.toSvg());
  }

  /** The widget, with `fallback` (an SVG, or an `<img>`) shown until the script runs. */
  #html(assets: DesignerAssets, fallback: string): string {
    const spec = { anneal: SPEC_VERSION, ...this.spec };
    const config = {
      spec: this.spec,
      lrs: this.options.lrs,
      steps: this.options.steps,
      momentum: this.options.momentum,
      at: this.options.at,
      compare: Object.entries(this.options.compare).map(([name, s]) => ({ name, spec: s })),
      logY: this.options.logY,
      hash: this.options.hash,
      starters: STARTERS,
    };
    const block = (name: string, label: string, text: string | undefined) =>
      `<details data-export-block="${name}"${name === "spec" || name === "pytorch" ? " open" : ""}${
        text === undefined ? " hidden" : ""
      }><summary>${label} <button type="button" data-copy="${name}" class="ad-live-only">copy</button></summary>` +
      `<pre data-export="${name}">${escapeHtml(text ?? "")}</pre></details>`;
    const inline = assets === "shared" ? "" : [
      `<script type="text/plain" data-anneal-asset="anneal">${scriptJson(assets.anneal)}</script>`,
      assets.plotly === undefined
        ? ""
        : `<script type="text/plain" data-anneal-asset="plotly">${
          scriptJson(assets.plotly)
        }</script>`,
    ].join("");
    return `<div data-anneal-designer id="${this.id}">
<style>${DESIGNER_STYLE}</style>
${this.options.title === undefined ? "" : `<h3>${escapeHtml(this.options.title)}</h3>`}
<div class="ad-fallback">${fallback}<p class="ad-hint">A static picture: the live designer needs scripts (trust the notebook, or open it in JupyterLab, VS Code or the exported site).</p></div>
<div class="ad-live-only ad-row">
<label>epochs <input type="number" data-role="steps" min="1" step="1" value="${this.options.steps}"></label>
<label>group lrs <input type="text" data-role="lrs" value="${this.options.lrs.join(", ")}"></label>
<label><input type="checkbox" data-role="log"${
      this.options.logY ? " checked" : ""
    }> log scale</label>
<label><input type="checkbox" data-role="momentum"${
      this.options.momentum ? " checked" : ""
    }> momentum</label>
<button type="button" data-role="pin">pin for comparison</button>
<button type="button" data-role="unpin">clear pinned</button>
</div>
<div class="ad-live-only" data-role="editor"></div>
<div class="ad-error" data-role="error" role="alert"></div>
<div class="ad-live-only ad-plot" data-role="plot"></div>
<div class="ad-live-only ad-row"><label>values at epochs <input type="text" data-role="at" value="${
      this.options.at.join(", ")
    }"></label></div>
<table class="ad-live-only" data-role="values"></table>
${block("spec", "spec (JSON)", JSON.stringify(spec, null, 2))}
${block("pytorch", "PyTorch", tryExport(toPyTorch, this.spec))}
${block("optax", "optax", tryExport(toOptax, this.spec))}
${block("keras", "Keras", tryExport(toKeras, this.spec))}
<script type="application/json" data-anneal-config>${scriptJson(config)}</script>
${inline}
<script>${DESIGNER_SCRIPT.replace("__ANNEAL_ID__", JSON.stringify(this.id))}</script>
</div>`;
  }

  /** `Designer: StepLR, 1 group, 100 epochs`. */
  toString(): string {
    const n = this.options.lrs.length;
    return `Designer: ${this.spec.type}, ${n} group${
      n === 1 ? "" : "s"
    }, ${this.options.steps} epochs`;
  }

  /**
   * The MIME bundle (`text/html`, `image/svg+xml`, `image/png`, `text/plain`) with the widget's
   * libraries inlined (anneal bundled from this copy of
   * `lib/` with `deno bundle`, plotly.js from the npm cache), so it works offline; needs the
   * permissions a notebook kernel has (read, run).
   */
  async display(): Promise<MimeBundle> {
    const svg = this.toSvg();
    // a PNG, not the SVG, inside the HTML: sanitised HTML (untrusted notebooks, GitHub) keeps
    // an <img> with a data: URL where it drops inline SVG
    const png = toBase64(await toPng(svg));
    const picture = `<img alt="${escapeHtml(this.toString())}" src="data:image/png;base64,${png}">`;
    return {
      "text/html": this.#html(
        this.options.libraries === "inline" ? await inlineAssets() : "shared",
        picture,
      ),
      "image/svg+xml": svg,
      "image/png": png,
      "text/plain": this.toString(),
    };
  }

  /** What Deno's Jupyter kernel calls to show the widget: {@linkcode Designer.display}. */
  [jupyterDisplay](): Promise<MimeBundle> {
    return this.display();
  }
}

function transpose(perGroup: number[][]): number[][] {
  return (perGroup[0] ?? []).map((_v, t) => perGroup.map((g) => g[t]!));
}

let assetsOnce: Promise<{ anneal: string; plotly?: string }> | undefined;

const PLOTLY = "plotly.js-dist-min@3.7.0";

/**
 * plotly.js's source: through this repository's import map and lock, else from Deno's npm
 * cache, else `undefined` (the widget then lists values and code without the chart).
 */
async function plotlySource(): Promise<string | undefined> {
  try {
    // a computed specifier: bundlers leave it alone, and Deno resolves it at run time
    const specifier = [`npm:${PLOTLY}`, "plotly.min.js"].join("/");
    return (await import(specifier, { with: { type: "text" } })).default as string;
  } catch {
    const home = Deno.env.get("HOME") ?? "";
    const denoDir = Deno.env.get("DENO_DIR") ?? `${home}/.cache/deno`;
    const [name, version] = PLOTLY.split("@");
    try {
      return await Deno.readTextFile(
        `${denoDir}/npm/registry.npmjs.org/${name}/${version}/plotly.min.js`,
      );
    } catch {
      return undefined;
    }
  }
}

/** anneal's browser bundle (built from this `lib/`) and plotly.js, once per process. */
function inlineAssets(): Promise<{ anneal: string; plotly?: string }> {
  assetsOnce ??= (async () => {
    const entry = new URL("../mod.ts", import.meta.url);
    if (entry.protocol !== "file:") {
      throw new TypeError(
        `designer needs anneal's browser bundle: give it with toHtml({ anneal, plotly }) ` +
          `(lib is at ${entry.href}, not a local folder)`,
      );
    }
    const out = await Deno.makeTempFile({ suffix: ".js" });
    const bundled = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", "--platform", "browser", "--minify", entry.pathname, "-o", out],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!bundled.success) {
      throw new Error(`deno bundle failed:\n${new TextDecoder().decode(bundled.stderr)}`);
    }
    const anneal = await Deno.readTextFile(out);
    await Deno.remove(out);
    return { anneal, plotly: await plotlySource() };
  })();
  return assetsOnce;
}

/**
 * A designer for `spec`: validated now (the spec is built and run once), drawn in the page.
 * Controls carry their option's `name`; after every change the root element holds the current
 * values as `root.annealValues` (one array per param group), the spec as `root.annealSpec`,
 * and any error as `root.annealError`.
 *
 * @example Warmup then cosine, two groups, compared with a plain cosine
 * ```ts
 * import { designer } from "../mod.ts";
 * const d = designer({
 *   type: "SequentialLR",
 *   schedulers: [
 *     { type: "LinearLR", startFactor: 0.1, totalIters: 10 },
 *     { type: "CosineAnnealingLR", tMax: 90 },
 *   ],
 *   milestones: [10],
 * }, { lrs: [0.1, 0.01], compare: { cosine: { type: "CosineAnnealingLR", tMax: 100 } } });
 * if (String(d) !== "Designer: SequentialLR, 2 groups, 100 epochs") throw new Error(String(d));
 * if (!d.toSvg().startsWith("<svg")) throw new Error();
 * ```
 */
export function designer(spec: Spec, options: DesignerOptions = {}): Designer {
  return new Designer(spec, options);
}
