/**
 * The README's picture of the schedule designer: exports `designer.html` (tools/_site.ts) into a
 * temporary folder, opens it in headless Chromium with the network off, and saves a screenshot.
 *
 * ```sh
 * deno run -A tools/designer_screenshot.ts docs/img/designer.png [/usr/bin/chromium]
 * ```
 *
 * @module
 */

import { chromium } from "playwright-core";
import { writeSite } from "./_site.ts";

const [target = "docs/img/designer.png", executablePath = "/usr/bin/chromium"] = Deno.args;
const out = await Deno.makeTempDir({ prefix: "anneal-designer-shot-" });
await writeSite([], out);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const context = await browser.newContext({
    offline: true,
    viewport: { width: 1000, height: 800 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const spec = {
    type: "SequentialLR",
    schedulers: [
      { type: "LinearLR", startFactor: 0.01, totalIters: 10 },
      { type: "CosineAnnealingLR", tMax: 90, etaMin: 0.001 },
    ],
    milestones: [10],
  };
  await page.goto(`file://${out}/designer.html#${encodeURIComponent(JSON.stringify(spec))}`);
  await page.waitForSelector("[data-anneal-designer] .main-svg");
  await page.locator("[data-anneal-designer] [data-role=pin]").click();
  await page.locator('[data-anneal-designer] [name="tMax"]').fill("60");
  // the controls, the chart and the values table (the code blocks follow below them)
  const box = (await page.locator("[data-anneal-designer]").boundingBox())!;
  const table = (await page.locator('[data-anneal-designer] [data-role="values"]').boundingBox())!;
  await page.screenshot({
    path: target,
    fullPage: true,
    clip: { x: box.x, y: box.y, width: box.width, height: table.y + table.height + 8 - box.y },
  });
  console.log(`wrote ${target}`);
} finally {
  await browser.close();
  await Deno.remove(out, { recursive: true });
}
