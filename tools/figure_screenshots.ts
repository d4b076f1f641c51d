/**
 * Screenshots every figure of the exported notebook pages at a desktop width (1280 px) and a
 * phone width (375 px), so a person can review each chart as a reader sees it. The pages are
 * exported from the committed notebooks into a temporary folder and opened in headless Chromium
 * (through playwright-core, network off). Each figure is shot twice per width: drawn by plotly,
 * and as its static SVG fallback (what GitHub and pages without JavaScript show).
 *
 * ```sh
 * deno run -A tools/figure_screenshots.ts            # every notebook
 * deno run -A tools/figure_screenshots.ts 01 02      # notebooks whose name contains 01 or 02
 * deno run -A tools/figure_screenshots.ts --out dir  # default dist/screenshots
 * ```
 *
 * Files are named `<notebook>_fig<NN>_<width>_<plotly|svg>.png`; the script prints the folder.
 * Chromium is looked up at `$CHROMIUM_PATH`, `/usr/bin/chromium`, `/usr/bin/chromium-browser`,
 * `/usr/bin/google-chrome`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { readNotebook } from "./_notebook_format.ts";
import { exportNotebooks, listNotebooks, NOTEBOOKS_DIR } from "./notebooks.ts";

/** The page widths every figure is reviewed at, in CSS pixels. */
export const WIDTHS = [1280, 375] as const;

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

/** Shoots every figure of the notebooks matching `filters` into `out`; returns the files. */
export async function screenshotFigures(filters: string[], out: string): Promise<string[]> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error(`Chromium not found; looked at ${CANDIDATES.join(", ")}`);
  }
  const names = await listNotebooks(filters);
  const notebooks = await Promise.all(
    names.map(async (name) => ({ name, notebook: await readNotebook(NOTEBOOKS_DIR + name) })),
  );
  const tmp = await Deno.makeTempDir({ prefix: "anneal-figures-" });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const files: string[] = [];
  try {
    const pages = await exportNotebooks(notebooks, tmp);
    await Deno.mkdir(out, { recursive: true });
    for (const [index, { name }] of notebooks.entries()) {
      const stem = name.replace(/\.ipynb$/, "");
      for (const width of WIDTHS) {
        for (const mode of ["plotly", "svg"] as const) {
          const context = await browser.newContext({
            viewport: { width, height: 900 },
            offline: true,
            javaScriptEnabled: mode === "plotly",
          });
          const page = await context.newPage();
          await page.goto(`file://${pages[index]}`, { waitUntil: "load" });
          const selector = mode === "plotly" ? ".plotly-figure" : ".plotly-figure .fallback img";
          const total = await page.locator(selector).count();
          if (mode === "plotly" && total > 0) {
            await page.waitForFunction(
              `document.querySelectorAll(".plotly-figure.drawn").length >= ${total}`,
              undefined,
              { timeout: 120_000 },
            );
          }
          for (let i = 0; i < total; i++) {
            const file = `${out}/${stem}_fig${String(i + 1).padStart(2, "0")}_${width}_${mode}.png`;
            await page.locator(selector).nth(i).screenshot({ path: file });
            files.push(file);
          }
          await context.close();
        }
      }
      console.log(`${name}: figures shot at ${WIDTHS.join(" and ")} px`);
    }
  } finally {
    await browser.close();
    await Deno.remove(tmp, { recursive: true });
  }
  return files;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: { out: { type: "string", default: "dist/screenshots" } },
  });
  const files = await screenshotFigures(positionals, values.out);
  console.log(`${files.length} screenshot(s) in ${values.out}/`);
}
