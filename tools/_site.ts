/**
 * The exported site: an index with every notebook and its first picture, one page per notebook
 * (previous/next links and a table of contents), and `designer.html`, the schedule designer with
 * every scheduler and schedule and the spec in the URL hash. plotly.js and anneal's browser
 * bundle are shared files under `assets/`, loaded by classic `<script src>` so that pages work
 * from `file://` with no network (math is MathML, rendered by KaTeX at export: no fonts or CSS).
 *
 * @module
 */

import plotlySource from "plotly.js-dist-min/plotly.min.js" with { type: "text" };
import { designer, type Spec } from "../lib/mod.ts";
import { joinText, type Notebook } from "./_notebook_format.ts";
import { escapeHtml, notebookToHtml } from "./_notebook_html.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** The shared files, relative to the site's root. */
export const ASSETS = {
  plotly: "assets/plotly.min.js",
  anneal: "assets/anneal.js",
} as const;

/** anneal's browser bundle (ESM, minified), built from this repository's `lib/`. */
export async function bundleAnneal(): Promise<string> {
  const out = await Deno.makeTempFile({ suffix: ".js" });
  try {
    const { success, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", "--platform", "browser", "--minify", "lib/mod.ts", "-o", out],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!success) throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);
    return await Deno.readTextFile(out);
  } finally {
    await Deno.remove(out).catch(() => {});
  }
}

/**
 * `assets/anneal.js`: a classic script holding the ESM bundle as text (`window.__annealSource`),
 * which the designer imports from a `blob:` URL: a module script would not load from `file://`.
 */
function annealAsset(bundle: string): string {
  return `// anneal's browser bundle, as text: the designer imports it from a blob: URL.\n` +
    `window.__annealSource = ${JSON.stringify(bundle).replace(/</g, "\\u003c")};\n`;
}

/** The page title: the notebook's first heading, else its file name. */
export function notebookTitle(name: string, notebook: Notebook): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#\s+(.+)$/m.exec(joinText(cell.source));
    if (heading) return heading[1]!.trim();
  }
  return name.replace(/\.ipynb$/, "");
}

/** The first SVG a notebook displays, if any: its picture on the index. */
function firstSvg(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      const svg = output.data?.["image/svg+xml"];
      if (svg !== undefined) return joinText(svg as string | string[]);
    }
  }
  return undefined;
}

/** Inline asset copies inside exported designer widgets: the site shares them instead. */
const INLINE_ASSET = /<script type="text\/plain" data-anneal-asset="[a-z]+">[\s\S]*?<\/script>/g;

/**
 * The notebook with each designer output reduced to its HTML (the page shows the live widget,
 * not its static picture) without the inlined libraries (the page loads the shared ones).
 */
function liveDesigners(notebook: Notebook): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => ({
      ...cell,
      ...(cell.outputs === undefined ? {} : {
        outputs: cell.outputs.map((output) => {
          const html = output.data?.["text/html"];
          if (html === undefined) return output;
          const text = joinText(html as string | string[]);
          if (!text.includes("data-anneal-designer")) return output;
          return {
            ...output,
            data: {
              "text/html": text.replace(INLINE_ASSET, ""),
              "text/plain": output.data!["text/plain"],
            },
          };
        }),
      }),
    })),
  };
}

function slug(text: string, used: Set<string>): string {
  const base = text.toLowerCase().replace(/<[^>]+>/g, "").replace(/&[a-z]+;/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "section";
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

/** Gives the page's headings ids and returns the page with a table of contents of h1–h3. */
function withContents(page: string): { page: string; contents: string } {
  const used = new Set<string>();
  const items: string[] = [];
  const out = page.replace(/<h([1-3])>([\s\S]*?)<\/h\1>/g, (_m, level: string, inner: string) => {
    const id = slug(inner, used);
    items.push(
      `<li class="toc-h${level}"><a href="#${id}">${inner.replace(/<[^>]+>/g, "")}</a></li>`,
    );
    return `<h${level} id="${id}">${inner}</h${level}>`;
  });
  const contents = items.length === 0
    ? ""
    : `<nav class="toc" aria-label="contents"><details open><summary>Contents</summary><ul>${
      items.join("")
    }</ul></details></nav>`;
  return { page: out, contents };
}

const SITE_STYLE = `
.site-nav { display: flex; gap: 1rem; flex-wrap: wrap; justify-content: space-between; font-size: 14px; border-bottom: 1px solid var(--line, #e5e7eb); padding: .5rem 0; margin-bottom: 1rem; }
.site-nav.bottom { border-top: 1px solid var(--line, #e5e7eb); border-bottom: 0; margin-top: 2rem; }
.toc { font-size: 14px; background: #f9fafb; border: 1px solid var(--line, #e5e7eb); border-radius: 6px; padding: .3rem .8rem; }
.toc ul { list-style: none; padding-left: 0; margin: .3rem 0; } .toc-h2 { padding-left: 1rem; } .toc-h3 { padding-left: 2rem; }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
.cards li { border: 1px solid var(--line, #e5e7eb); border-radius: 8px; padding: .6rem; }
.cards img { width: 100%; height: auto; }
`;

function nav(
  pages: { file: string; title: string }[],
  index: number,
  where: "top" | "bottom",
): string {
  const prev = pages[index - 1];
  const next = pages[index + 1];
  return `<nav class="site-nav${where === "bottom" ? " bottom" : ""}">` +
    (prev ? `<a rel="prev" href="${prev.file}">← ${escapeHtml(prev.title)}</a>` : "<span></span>") +
    `<a href="index.html">all notebooks</a><a href="designer.html">schedule designer</a>` +
    (next ? `<a rel="next" href="${next.file}">${escapeHtml(next.title)} →</a>` : "<span></span>") +
    `</nav>`;
}

function shell(title: string, body: string, scripts: string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="anneal tools/notebooks.ts">
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
${SITE_STYLE}
</style>
${scripts.map((src) => `<script src="${src}"></script>`).join("\n")}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Example links for the designer page: each spec in the URL hash. */
const EXAMPLES: Record<string, Spec> = {
  "warmup + cosine": {
    type: "SequentialLR",
    schedulers: [
      { type: "LinearLR", startFactor: 0.01, totalIters: 10 },
      { type: "CosineAnnealingLR", tMax: 90 },
    ],
    milestones: [10],
  },
  "one-cycle": { type: "OneCycleLR", maxLr: 0.1, totalSteps: 100 },
  "warmup-stable-decay": {
    type: "warmupStableDecaySchedule",
    peakValue: 0.1,
    warmupSteps: 10,
    stableSteps: 60,
    decaySteps: 30,
  },
  "cyclic (triangular2)": {
    type: "CyclicLR",
    baseLr: 0.001,
    maxLr: 0.1,
    stepSizeUp: 10,
    mode: "triangular2",
  },
  "SGDR": { type: "CosineAnnealingWarmRestarts", t0: 10, tMult: 2 },
};

/** `designer.html`: every type selectable, the spec in the hash, example links. */
export function designerPage(): string {
  const widget = designer(EXAMPLES["warmup + cosine"]!, {
    hash: true,
    lrs: [0.1],
    title: "Schedule designer",
  }).toHtml("shared");
  const links = Object.entries(EXAMPLES).map(([name, spec]) =>
    `<a href="#${escapeHtml(encodeURIComponent(JSON.stringify(spec)))}">${escapeHtml(name)}</a>`
  ).join(" · ");
  const body = `<nav class="site-nav"><a href="index.html">all notebooks</a></nav>
<p>Pick any PyTorch scheduler or pure schedule in the menu, move the sliders, pin curves to compare;
the numbers are computed here by anneal itself, and the code below runs in PyTorch (and optax or
Keras where they have the formula). The address bar holds the spec: copy it to share this schedule.
Examples: ${links}</p>
${widget}`;
  return shell("anneal: schedule designer", body, [ASSETS.plotly, ASSETS.anneal]);
}

/**
 * Writes the site into `out`: `index.html`, `designer.html`, one page per notebook, and the
 * shared `assets/`. Returns the notebook pages' paths, in the order given.
 */
export async function writeSite(
  notebooks: { name: string; notebook: Notebook }[],
  out: string,
  options: { annealBundle?: string } = {},
): Promise<string[]> {
  await Deno.mkdir(`${out}/assets`, { recursive: true });
  await Deno.mkdir(`${out}/img`, { recursive: true });
  await Deno.writeTextFile(`${out}/${ASSETS.plotly}`, plotlySource);
  await Deno.writeTextFile(
    `${out}/${ASSETS.anneal}`,
    annealAsset(options.annealBundle ?? await bundleAnneal()),
  );
  const pages = notebooks.map(({ name, notebook }) => ({
    file: name.replace(/\.ipynb$/, ".html"),
    title: notebookTitle(name, notebook),
  }));
  const written: string[] = [];
  for (const [i, { notebook }] of notebooks.entries()) {
    let page = notebookToHtml(liveDesigners(notebook), { plotlySrc: ASSETS.plotly });
    const { page: withIds, contents } = withContents(page);
    page = withIds
      .replace(
        "</head>",
        `<style>${SITE_STYLE}</style>\n` +
          `<script src="${ASSETS.plotly}"></script>\n<script src="${ASSETS.anneal}"></script>\n</head>`,
      )
      .replace("<main>", `<main>\n${nav(pages, i, "top")}\n${contents}`)
      .replace("</main>", `${nav(pages, i, "bottom")}\n</main>`);
    const path = `${out}/${pages[i]!.file}`;
    await Deno.writeTextFile(path, page);
    written.push(path);
  }
  const cards: string[] = [];
  for (const [i, { notebook }] of notebooks.entries()) {
    const svg = firstSvg(notebook);
    const picture = `img/${pages[i]!.file.replace(/\.html$/, ".svg")}`;
    if (svg !== undefined) await Deno.writeTextFile(`${out}/${picture}`, svg);
    cards.push(
      `<li><a href="${pages[i]!.file}">${
        svg === undefined ? "" : `<img src="${picture}" alt="">`
      }<br>${escapeHtml(pages[i]!.title)}</a></li>`,
    );
  }
  await Deno.writeTextFile(
    `${out}/index.html`,
    shell(
      "anneal notebooks",
      `<h1>anneal notebooks</h1>
<p><a href="designer.html"><strong>Schedule designer</strong></a>: every PyTorch scheduler and
pure schedule, live, with the code to take away.</p>
<ul class="cards">
${cards.join("\n")}
</ul>`,
      [],
    ),
  );
  await Deno.writeTextFile(`${out}/designer.html`, designerPage());
  return written;
}
