// Temporary screenshot helper (not committed).
import { chromium } from "playwright-core";
const [url, prefix, width = "1280"] = Deno.args;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url!);
await page.waitForTimeout(3000);
const figs = await page.$$(".plotly-figure");
for (let i = 0; i < figs.length; i++) await figs[i]!.screenshot({ path: `${prefix}_fig${i}.png` });
console.log(figs.length, "figures");
await browser.close();
