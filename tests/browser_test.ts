/**
 * Opens every exported notebook page in headless Chromium with the network off, and checks that
 * each plotly figure was drawn, math rendered, and nothing failed or tried to reach the network.
 * Skipped (with a message) when Chromium is absent, except under CI (`CI` set), where it fails.
 */

import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { readNotebook } from "../tools/_notebook_format.ts";
import { countFigures, markdownToHtml, notebookToHtml } from "../tools/_notebook_html.ts";
import { exportNotebooks, listNotebooks, NOTEBOOKS_DIR } from "../tools/notebooks.ts";

/** `$CHROMIUM_PATH` when set, else where Debian and Ubuntu put Chromium or Chrome. */
const CANDIDATES = Deno.env.get("CHROMIUM_PATH")
  ? [Deno.env.get("CHROMIUM_PATH")!]
  : ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function findChromium(): string | undefined {
  return CANDIDATES.find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
}

const executablePath = findChromium();
const inCi = (Deno.env.get("CI") ?? "") !== "";
if (executablePath === undefined && !inCi) {
  console.log(
    "browser_test: SKIPPED, Chromium not found (looked at " + CANDIDATES.join(", ") +
      "; install it with `apt-get install -y chromium`)",
  );
}

/** Counts code boxes whose right edge passes their cell's (run in the page). */
const OVERFLOWING_CODE = `[...document.querySelectorAll(".input pre")].filter((pre) =>
  pre.getBoundingClientRect().right > pre.closest("section").getBoundingClientRect().right + 0.5
).length`;

/** A notebook of one code cell. */
function codeNotebook(source: string) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{
      cell_type: "code" as const,
      id: "c",
      execution_count: 1,
      metadata: {},
      source,
      outputs: [],
    }],
  };
}

/** Where the screenshots go; `dist/` is not committed. */
const SCREENSHOTS = new URL("../dist/screenshots/", import.meta.url).pathname;

Deno.test({
  name: "exported notebook pages draw every figure offline, with no errors",
  ignore: executablePath === undefined && !inCi,
  // playwright keeps internal timers and pipes open until the browser is gone
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    assert.ok(executablePath, `Chromium is required under CI; looked at ${CANDIDATES.join(", ")}`);
    const names = await listNotebooks();
    assert.ok(names.length > 0, "there are notebooks to export");
    const notebooks = await Promise.all(
      names.map(async (name) => ({ name, notebook: await readNotebook(NOTEBOOKS_DIR + name) })),
    );
    const out = await Deno.makeTempDir({ prefix: "anneal-export-" });
    const profile = await Deno.makeTempDir({ prefix: "anneal-chromium-" });
    const started = performance.now();
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      offline: true,
      viewport: { width: 1000, height: 800 },
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const requests: string[] = [];
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const pages = await exportNotebooks(notebooks, out);
      await Deno.mkdir(SCREENSHOTS, { recursive: true });
      for (const [index, { name, notebook }] of notebooks.entries()) {
        await t.step(name, async () => {
          const page = await context.newPage();
          const problems: string[] = [];
          page.on("console", (message) => {
            if (message.type() === "error") problems.push(`console error: ${message.text()}`);
          });
          page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
          await page.goto(`file://${pages[index]}`, { waitUntil: "load" });
          const figures = countFigures(notebook);
          // (strings, not functions: they run in the page, and Deno has no DOM types)
          await page.waitForFunction(
            `document.querySelectorAll(".plotly-figure.drawn").length >= ${figures}`,
            undefined,
            { timeout: 60_000 },
          );
          const drawn = await page.evaluate<number>(
            `[...document.querySelectorAll(".plotly-figure .js-plotly-plot")]
              .filter((plot) => plot.querySelector(".main-svg") !== null).length`,
          );
          assert.equal(drawn, figures, "every plotly figure has a drawn .main-svg");
          assert.equal(await page.evaluate<number>(OVERFLOWING_CODE), 0, "code stays in its cell");
          const mathErrors = await page.locator(".katex-error, merror").count();
          assert.equal(mathErrors, 0, "all TeX in markdown parses");
          const screenshot = `${SCREENSHOTS}${name.replace(/\.ipynb$/, ".png")}`;
          await page.screenshot({ path: screenshot, fullPage: true });
          // Every figure at a desktop and a phone width: a screenshot each, and no figure
          // wider than the page (plotly redraws responsive charts when the window resizes).
          const folder = `${SCREENSHOTS}${name.replace(/\.ipynb$/, "")}/`;
          await Deno.mkdir(folder, { recursive: true });
          for (const width of [1280, 375]) {
            await page.setViewportSize({ width, height: 900 });
            await page.waitForTimeout(300);
            const elements = await page.$$(".plotly-figure");
            for (const [k, element] of elements.entries()) {
              await element.scrollIntoViewIfNeeded();
              await element.screenshot({ path: `${folder}w${width}_figure${k + 1}.png` });
              const box = await element.boundingBox();
              assert.ok(
                box !== null && box.x >= -1 && box.x + box.width <= width + 1,
                `figure ${k + 1} fits a ${width} px page: ${JSON.stringify(box)}`,
              );
            }
          }
          console.log(
            `${name}: ${figures} figure(s) drawn, screenshot ${screenshot}, ` +
              `each figure at 1280 and 375 px in ${folder}`,
          );
          assert.deepEqual(problems, [], "no console or page errors");
          await page.close();
        });
      }
      await t.step("a long code line wraps inside its cell: nothing is hidden or cut", async () => {
        const long = `const line = ${JSON.stringify("x".repeat(400))}; // ${"word ".repeat(60)}`;
        const path = `${out}/long_line.html`;
        await Deno.writeTextFile(path, notebookToHtml(codeNotebook(long)));
        const page = await context.newPage();
        await page.goto(`file://${path}`, { waitUntil: "load" });
        assert.equal(await page.evaluate<number>(OVERFLOWING_CODE), 0, "inside the cell");
        const [scroll, client, lineHeights] = await page.evaluate<[number, number, number]>(
          `(() => { const pre = document.querySelector(".input pre");
            const lh = parseFloat(getComputedStyle(pre).lineHeight);
            return [pre.scrollWidth, pre.clientWidth, pre.getBoundingClientRect().height / lh]; })()`,
        );
        assert.ok(scroll <= client, `no hidden overflow: scrollWidth ${scroll} <= ${client}`);
        assert.ok(lineHeights > 3, `the line wrapped onto several lines (${lineHeights})`);
        await page.close();
      });
      assert.deepEqual(requests, [], "pages request nothing from the network");
    } finally {
      await context.close();
      await Deno.remove(out, { recursive: true });
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
    console.log(
      `browser_test: ${notebooks.length} page(s) in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
  },
});

Deno.test("markdownToHtml() renders $...$ and $$...$$ as MathML and leaves prices alone", () => {
  const html = markdownToHtml("Rate $\\eta_t = \\gamma^t$ costs $5 or $6.\n\n$$\\frac{a_1}{b}$$\n");
  assert.equal(html.match(/<math/g)?.length, 2, "two formulas");
  assert.match(html, /<math[^>]*display="block"/, "display math is a block");
  assert.match(html, /costs \$5 or \$6\./, "dollar amounts stay text");
  assert.doesNotMatch(html, /<em>/, "underscores inside math are not emphasis");
});

Deno.test("notebookToHtml() escapes code and keeps figure JSON from closing its script", () => {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{
      cell_type: "code" as const,
      id: "c",
      execution_count: 1,
      metadata: {},
      source: "const tag = '</script><b>';",
      outputs: [{
        output_type: "display_data" as const,
        metadata: {},
        data: {
          "application/vnd.plotly.v1+json": { data: [], layout: { title: "</script>" } },
          "text/plain": "Figure",
        },
      }],
    }],
  };
  const html = notebookToHtml(notebook);
  assert.equal(countFigures(notebook), 1);
  assert.ok(html.includes("const tag = '&lt;/script&gt;&lt;b&gt;';"), "code is escaped");
  assert.equal(
    html.match(/<\/script>/g)?.length,
    3,
    "plotly.js, the figure JSON, the drawing code",
  );
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)="?https?:/, "nothing is fetched");
});
