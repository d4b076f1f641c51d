/**
 * The schedule designer in Chromium with the network off: controls moved by name, the values the
 * page computes (`root.annealValues`) compared with the library run here in Deno, the PyTorch code
 * it shows run through real torch (`/usr/bin/python3`), and every page of the exported site loaded
 * with no errors and no request. Chromium is required under CI (`CI` set); elsewhere its absence
 * skips the browser tests with a message.
 */

import assert from "node:assert/strict";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import {
  collectLrs,
  designer,
  schedulerFromSpec,
  type Spec,
  specTypes,
  specValues,
  StepLR,
  toPyTorch,
} from "../lib/mod.ts";
import { type Notebook, readNotebook } from "../tools/_notebook_format.ts";
import { countFigures } from "../tools/_notebook_html.ts";
import { bundleAnneal, writeSite } from "../tools/_site.ts";
import { listNotebooks, NOTEBOOKS_DIR } from "../tools/notebooks.ts";
import { runTorch, torchOrSkip } from "./spec/_torch.ts";

const CANDIDATES = Deno.env.get("CHROMIUM_PATH")
  ? [Deno.env.get("CHROMIUM_PATH")!]
  : ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const executablePath = CANDIDATES.find((path) => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
});
const inCi = (Deno.env.get("CI") ?? "") !== "";
if (executablePath === undefined && !inCi) {
  console.log(
    `designer_test: browser tests SKIPPED, Chromium not found (${CANDIDATES.join(", ")})`,
  );
}

/** Relative tolerance for torch against the page (Python's math may round cos/exp differently). */
const TORCH_TOLERANCE = 1e-12;

/** The library run in Deno: each group's lr over `steps` epochs, from a scheduler spec. */
function deno(spec: Spec, lrs: number[], steps: number): number[][] {
  const optimizer = { paramGroups: lrs.map((lr) => ({ lr, momentum: 0.9 })) };
  const rows = collectLrs(schedulerFromSpec(optimizer, spec), steps);
  return lrs.map((_lr, g) => rows.map((row) => row[g]!));
}

Deno.test("designer(spec) validates its spec and options before anything is drawn", () => {
  assert.throws(
    () => designer({ type: "StepLR", stepSize: 5 }, { step: 10 } as never),
    (e: Error) =>
      e instanceof TypeError && /unknown option step \(did you mean steps\?\)/.test(e.message),
  );
  assert.throws(
    () => designer({ type: "StepLR", stepSize: 0 }),
    (e: Error) => e instanceof RangeError && e.message.includes("stepSize"),
  );
  assert.throws(() => designer({ type: "NoSuchLR" }), /unknown spec type NoSuchLR/);
  assert.throws(() => designer({ type: "StepLR", stepSize: 5 }, { steps: 0 }), RangeError);
});

Deno.test("designer's HTML carries the contract: root, named controls' data, code blocks", async () => {
  const spec: Spec = { type: "CosineAnnealingLR", tMax: 50, etaMin: 0.001 };
  const d = designer(spec, { lrs: [0.1, 0.02], steps: 60 });
  const shared = d.toHtml("shared");
  assert.match(shared, /<div data-anneal-designer id="anneal-designer-\d+">/);
  assert.ok(
    !shared.includes('<script type="text/plain" data-anneal-asset'),
    "shared: the page brings the libraries",
  );
  const pytorch = /<pre data-export="pytorch">([\s\S]*?)<\/pre>/.exec(shared)?.[1];
  const unescape = (s: string) =>
    s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  assert.equal(unescape(pytorch!), toPyTorch(spec), "the PyTorch block is toPyTorch(spec)");
  assert.match(shared, /<pre data-export="spec">/);
  // CosineAnnealingLR is a scheduler class: no optax/Keras export, their blocks are hidden
  assert.match(shared, /<details data-export-block="optax" hidden>/);
  const inline = d.toHtml({ anneal: "export const x = '</script>';", plotly: "var p = 1;" });
  assert.ok(!inline.includes("'</script>'"), "inlined sources cannot close their script element");
  assert.equal(inline.match(/data-anneal-asset="(anneal|plotly)"/g)?.length, 2);
  assert.deepEqual(d.values(), deno(spec, [0.1, 0.02], 60));
  const bundle = await d.display();
  assert.deepEqual(Object.keys(bundle).sort(), [
    "image/png",
    "image/svg+xml",
    "text/html",
    "text/plain",
  ]);
  assert.match(
    bundle["text/html"] as string,
    /<img alt="Designer: [^"]*" src="data:image\/png;base64,iVBORw0KGgo/,
  );
  assert.equal(bundle["text/plain"], "Designer: CosineAnnealingLR, 2 groups, 60 epochs");
  assert.match(bundle["image/svg+xml"] as string, /^<svg/);
  assert.match(bundle["text/html"] as string, /data-anneal-asset="anneal"/);
});

const LEAN_FIRST: Spec = { type: "StepLR", stepSize: 10, gamma: 0.5 };
const LEAN_SECOND: Spec = { type: "PolynomialLR", totalIters: 50, power: 2 };

/** Launches Chromium offline; every request that is not file:, data: or blob: fails and is kept. */
async function offlineBrowser(): Promise<
  { context: BrowserContext; requests: string[]; close: () => Promise<void> }
> {
  const profile = await Deno.makeTempDir({ prefix: "anneal-designer-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    offline: true,
    viewport: { width: 1100, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const requests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    requests.push(url);
    return route.abort();
  });
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}

/** Opens a page, collecting console errors and page errors. */
async function open(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

const ROOT = "document.querySelector('[data-anneal-designer]')";

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(`${ROOT} && ${ROOT}.annealValues !== undefined`, undefined, {
    timeout: 60_000,
  });
}

async function state(page: Page): Promise<{ values: number[][]; spec: Spec; error?: string }> {
  return JSON.parse(
    await page.evaluate<string>(
      `JSON.stringify({ values: ${ROOT}.annealValues, spec: ${ROOT}.annealSpec, error: ${ROOT}.annealError })`,
    ),
  );
}

/** The first control named `name` inside the designer (top level first, then nested). */
function control(page: Page, name: string, nth = 0) {
  return page.locator(`[data-anneal-designer] [name="${name}"]`).nth(nth);
}

Deno.test({
  name: "the designer in Chromium, offline: controls move, the page's numbers are the library's",
  ignore: executablePath === undefined && !inCi,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    assert.ok(executablePath, `Chromium is required under CI; looked at ${CANDIDATES.join(", ")}`);
    const out = await Deno.makeTempDir({ prefix: "anneal-designer-site-" });
    const bundle = await bundleAnneal();
    const names = await listNotebooks();
    const notebooks = await Promise.all(
      names.map(async (name) => ({ name, notebook: await readNotebook(NOTEBOOKS_DIR + name) })),
    );
    // a notebook with designer outputs as the kernel saves them (the notebooks have none yet)
    const withDesigners: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: "markdown", metadata: {}, source: "# 99 · Designers\n\n## Two of them" },
        {
          cell_type: "code",
          metadata: {},
          execution_count: 1,
          source: "await show(anneal.designer(...))",
          outputs: [
            {
              output_type: "display_data",
              metadata: {},
              data: await designer(LEAN_FIRST).display(),
            },
            {
              output_type: "display_data",
              metadata: {},
              data: await designer(LEAN_SECOND, { libraries: "page" }).display(),
            },
          ],
        },
      ],
    };
    notebooks.push({ name: "99_designers.ipynb", notebook: withDesigners });
    const pages = await writeSite(notebooks, out, { annealBundle: bundle });
    const browser = await offlineBrowser();
    /** PyTorch code shown by the page, with what the page drew, for the torch step. */
    const shown: {
      name: string;
      code: string;
      lrs: number[];
      epochs: number;
      values: number[][];
    }[] = [];
    async function record(page: Page, name: string, lrs: number[], epochs: number) {
      const code = await page.locator('[data-anneal-designer] [data-export="pytorch"]')
        .textContent();
      shown.push({ name, code: code!, lrs, epochs, values: (await state(page)).values });
    }
    try {
      const { page, problems } = await open(browser.context, `file://${out}/designer.html`);
      await ready(page);

      await t.step("StepLR: typing stepSize and gamma redraws with StepLR's numbers", async () => {
        await control(page, "type").selectOption("StepLR");
        await control(page, "stepSize").fill("7");
        await control(page, "gamma").fill("0.5");
        const { values, spec } = await state(page);
        assert.deepEqual(spec, { type: "StepLR", stepSize: 7, gamma: 0.5 });
        const scheduler = new StepLR({ paramGroups: [{ lr: 0.1 }] }, { stepSize: 7, gamma: 0.5 });
        assert.deepEqual(values, [collectLrs(scheduler, 100).map((row) => row[0]!)]);
        // closed form, exact here: halving is exact in binary floating point
        assert.deepEqual(
          values[0],
          Array.from({ length: 100 }, (_v, e) => 0.1 * 0.5 ** Math.floor(e / 7)),
        );
        await record(page, "StepLR", [0.1], 100);
      });

      await t.step("a log-scale slider sets gamma to 10^position; values follow", async () => {
        await page.evaluate(`(() => {
          const slider = ${ROOT}.querySelector('input[type=range][data-for="gamma"]');
          slider.value = String(Math.log10(0.2));
          slider.dispatchEvent(new Event("input", { bubbles: true }));
        })()`);
        const { values, spec } = await state(page);
        assert.equal(spec.gamma, 0.2);
        assert.equal(await control(page, "gamma").inputValue(), "0.2");
        assert.deepEqual(values, deno({ type: "StepLR", stepSize: 7, gamma: 0.2 }, [0.1], 100));
      });

      await t.step("two param groups and 40 epochs: one array per group", async () => {
        await page.locator('[data-anneal-designer] [data-role="lrs"]').fill("0.1, 0.03");
        await page.locator('[data-anneal-designer] [data-role="lrs"]').dispatchEvent("change");
        await page.locator('[data-anneal-designer] [data-role="steps"]').fill("40");
        await page.locator('[data-anneal-designer] [data-role="steps"]').dispatchEvent("change");
        const { values } = await state(page);
        assert.equal(values.length, 2);
        assert.equal(values[0]!.length, 40);
        assert.deepEqual(
          values,
          deno({ type: "StepLR", stepSize: 7, gamma: 0.2 }, [0.1, 0.03], 40),
        );
        await record(page, "StepLR two groups", [0.1, 0.03], 40);
      });

      await t.step("MultiStepLR: milestones typed, added and removed", async () => {
        await control(page, "type").selectOption("MultiStepLR");
        await control(page, "milestones").fill("5, 12");
        let { spec } = await state(page);
        assert.deepEqual(spec.milestones, [5, 12]);
        await page.locator('[data-anneal-designer] [data-add="milestones"]').click();
        ({ spec } = await state(page));
        assert.deepEqual(spec.milestones, [5, 12, 16]);
        await page.locator('[data-anneal-designer] [data-remove="milestones"]').click();
        await control(page, "gamma").fill("0.3");
        const { values } = await state(page);
        const expected: Spec = { type: "MultiStepLR", milestones: [5, 12], gamma: 0.3 };
        assert.deepEqual((await state(page)).spec, expected);
        assert.deepEqual(values, deno(expected, [0.1, 0.03], 40));
        await record(page, "MultiStepLR", [0.1, 0.03], 40);
      });

      await t.step("OneCycleLR: enum select, checkbox, per-group list", async () => {
        await control(page, "type").selectOption("OneCycleLR");
        await control(page, "totalSteps").fill("40");
        await control(page, "annealStrategy").selectOption("linear");
        await control(page, "threePhase").check();
        await control(page, "maxLr").fill("0.2, 0.05");
        const expected: Spec = {
          type: "OneCycleLR",
          maxLr: [0.2, 0.05],
          totalSteps: 40,
          annealStrategy: "linear",
          threePhase: true,
        };
        const { values, spec } = await state(page);
        assert.deepEqual(spec, expected);
        assert.deepEqual(values, deno(expected, [0.1, 0.03], 40));
        await record(page, "OneCycleLR", [0.1, 0.03], 40);
      });

      await t.step("an invalid value shows PyTorch's error and keeps the last values", async () => {
        const before = (await state(page)).values;
        await control(page, "pctStart").fill("1.5");
        const { values, error } = await state(page);
        assert.match(error!, /pct_start|pctStart/);
        assert.deepEqual(values, before);
        await control(page, "pctStart").fill("0.3");
        assert.equal((await state(page)).error, undefined);
      });

      await t.step("SequentialLR: nested schedulers edited by their own controls", async () => {
        await control(page, "type").selectOption("SequentialLR");
        // nested: the second child's tMax (CosineAnnealingLR), the milestone, a first-child factor
        await control(page, "tMax").fill("25");
        await control(page, "startFactor").fill("0.2");
        await control(page, "milestones").fill("15");
        const expected: Spec = {
          type: "SequentialLR",
          schedulers: [
            { type: "LinearLR", startFactor: 0.2, totalIters: 10 },
            { type: "CosineAnnealingLR", tMax: 25 },
          ],
          milestones: [15],
        };
        const { values, spec } = await state(page);
        assert.deepEqual(spec, expected);
        assert.deepEqual(values, deno(expected, [0.1, 0.03], 40));
        await record(page, "SequentialLR", [0.1, 0.03], 40);
      });

      await t.step("the URL hash holds the spec, and a hash opens that spec", async () => {
        const hash = await page.evaluate<string>("location.hash");
        assert.deepEqual(JSON.parse(decodeURIComponent(hash.slice(1))), (await state(page)).spec);
        const spec: Spec = { type: "CosineAnnealingWarmRestarts", t0: 7, tMult: 2, etaMin: 0.001 };
        const other = await open(
          browser.context,
          `file://${out}/designer.html#${encodeURIComponent(JSON.stringify(spec))}`,
        );
        await ready(other.page);
        const opened = await state(other.page);
        assert.deepEqual(opened.spec, spec);
        assert.deepEqual(opened.values, deno(spec, [0.1], 100));
        assert.equal(await control(other.page, "t0").inputValue(), "7");
        assert.deepEqual(other.problems, []);
        await other.page.close();
      });

      await t.step("a pure schedule: values are the schedule's, optax code is shown", async () => {
        await control(page, "type").selectOption("warmupCosineDecaySchedule");
        await control(page, "decaySteps").fill("40");
        const expected: Spec = {
          type: "warmupCosineDecaySchedule",
          initValue: 0,
          peakValue: 0.1,
          warmupSteps: 10,
          decaySteps: 40,
        };
        const { values, spec } = await state(page);
        assert.deepEqual(spec, expected);
        assert.deepEqual(values, specValues(expected, { steps: 40 }).lr);
        assert.deepEqual(values[0], deno({ type: "ScheduleLR", schedule: expected }, [1], 40)[0]);
        const optax = page.locator('[data-anneal-designer] [data-export="optax"]');
        assert.match((await optax.textContent())!, /optax\.warmup_cosine_decay_schedule\(/);
        await record(page, "warmupCosineDecaySchedule", [0.1, 0.03], 40);
      });

      await t.step("every registered type is in the menu and starts with no error", async () => {
        const types = [...specTypes().schedulers, ...specTypes().schedules].map((e) => e.type);
        const menu = await page.locator('[data-anneal-designer] [name="type"]').first()
          .evaluate((select) =>
            [...(select as unknown as { options: { value: string }[] }).options]
              .map((o) => o.value)
          );
        assert.deepEqual(menu, types);
        // one group: ParamwiseScheduler's starting spec holds one scheduler (one per group)
        const lrs = page.locator('[data-anneal-designer] [data-role="lrs"]');
        await lrs.fill("0.1");
        await lrs.dispatchEvent("change");
        for (const type of types) {
          await control(page, "type").selectOption(type);
          const { values, spec, error } = await state(page);
          assert.equal(error, undefined, `${type}: ${error}`);
          assert.equal(spec.type, type);
          assert.deepEqual(values, specValues(spec, { lrs: [0.1], steps: 40 }).lr, type);
        }
        await lrs.fill("0.1, 0.03");
        await lrs.dispatchEvent("change");
        await control(page, "type").selectOption("warmupCosineDecaySchedule");
        await control(page, "decaySteps").fill("40");
      });

      await t.step("pinned curves are overlaid for comparison", async () => {
        await page.locator('[data-anneal-designer] [data-role="pin"]').click();
        await control(page, "peakValue").fill("0.05");
        const names = await page.evaluate<string[]>(
          `${ROOT}.querySelector('[data-role="plot"]').data.map((trace) => trace.name)`,
        );
        assert.deepEqual(names.filter((n) => !n.startsWith("momentum")), [
          "pinned 1: warmupCosineDecaySchedule",
          "lr",
        ]);
        assert.deepEqual(problems, [], "no console or page errors");
      });
      await page.close();

      await t.step(
        "the widget as Jupyter shows it: libraries inlined, no shared files",
        async () => {
          // a later output that relies on the first one's libraries, placed before it in the page
          const lean = (await designer({ type: "StepLR", stepSize: 3 }, { libraries: "page" })
            .display())["text/html"] as string;
          assert.ok(!lean.includes('<script type="text/plain" data-anneal-asset'));
          assert.ok(lean.length < 200_000, `a "page" output is small (${lean.length} chars)`);
          const html =
            (await designer({ type: "ExponentialLR", gamma: 0.9 }).display())["text/html"];
          const file = `${out}/jupyter_output.html`;
          await Deno.writeTextFile(
            file,
            `<!DOCTYPE html><meta charset="utf-8"><body><div id="lean">${lean}</div>${html}</body>`,
          );
          const { page, problems } = await open(browser.context, `file://${file}`);
          const roots = ["#lean > [data-anneal-designer]", "body > [data-anneal-designer]"];
          for (const root of roots) {
            await page.waitForFunction(
              `document.querySelector(${JSON.stringify(root)}).annealValues !== undefined`,
              undefined,
              { timeout: 60_000 },
            );
          }
          const valuesOf = async (root: string) =>
            JSON.parse(
              await page.evaluate<string>(
                `JSON.stringify(document.querySelector(${JSON.stringify(root)}).annealValues)`,
              ),
            );
          assert.deepEqual(
            await valuesOf(roots[0]!),
            deno({ type: "StepLR", stepSize: 3 }, [0.1], 100),
          );
          await page.locator(`${roots[1]} [name="gamma"]`).fill("0.8");
          assert.deepEqual(
            await valuesOf(roots[1]!),
            deno({ type: "ExponentialLR", gamma: 0.8 }, [0.1], 100),
          );
          await page.waitForSelector(`${roots[0]} .main-svg`);
          await page.waitForSelector(`${roots[1]} .main-svg`);
          assert.deepEqual(problems, []);
          await page.close();
        },
      );

      await t.step("every site page loads offline with no errors", async () => {
        const files = [`${out}/index.html`, `${out}/designer.html`, ...pages];
        for (const [i, file] of files.entries()) {
          const { page, problems } = await open(browser.context, `file://${file}`);
          if (i >= 2) {
            const figures = countFigures(notebooks[i - 2]!.notebook);
            await page.waitForFunction(
              `document.querySelectorAll(".plotly-figure.drawn").length >= ${figures}`,
              undefined,
              { timeout: 60_000 },
            );
            assert.equal(await page.locator(".site-nav").count(), 2, `${file}: navigation`);
          }
          if (i === 1) await ready(page);
          if (file.endsWith("99_designers.html")) {
            await page.waitForFunction(
              `[...document.querySelectorAll("[data-anneal-designer]")]
                .every((root) => root.annealValues !== undefined && root.querySelector(".main-svg"))`,
              undefined,
              { timeout: 60_000 },
            );
            const drawn = JSON.parse(
              await page.evaluate<string>(
                `JSON.stringify([...document.querySelectorAll("[data-anneal-designer]")].map((r) => r.annealValues))`,
              ),
            );
            assert.deepEqual(drawn, [deno(LEAN_FIRST, [0.1], 100), deno(LEAN_SECOND, [0.1], 100)]);
            const html = await Deno.readTextFile(file);
            assert.ok(
              !html.includes('<script type="text/plain" data-anneal-asset'),
              "shared assets",
            );
            assert.ok(html.length < 300_000, `${file}: ${html.length} bytes`);
          }
          assert.deepEqual(problems, [], `${file}: no console or page errors`);
          await page.close();
        }
        const index = await Deno.readTextFile(`${out}/index.html`);
        for (const { name } of notebooks) {
          assert.ok(index.includes(name.replace(".ipynb", ".html")));
        }
        assert.ok(index.includes('href="designer.html"'));
      });
      assert.deepEqual(browser.requests, [], "nothing was requested from the network");
    } finally {
      await browser.close();
    }

    if (await torchOrSkip("designer_test: the shown PyTorch code under torch")) {
      await t.step(
        "the PyTorch code the page shows gives the page's numbers under torch",
        async () => {
          const { torch, results } = await runTorch(shown);
          let exact = 0;
          let total = 0;
          for (const [i, result] of results.entries()) {
            const c = shown[i]!;
            assert.ok("lrs" in result, `${c.name}: ${"error" in result ? result.error : ""}`);
            const got = result.lrs;
            c.values.forEach((series, g) =>
              series.forEach((value, epoch) => {
                const theirs = got[epoch]![g]!;
                total++;
                if (theirs === value) exact++;
                assert.ok(
                  Math.abs(theirs - value) <= TORCH_TOLERANCE * Math.abs(value),
                  `${c.name} group ${g} epoch ${epoch}: torch ${theirs}, page ${value}`,
                );
              })
            );
          }
          console.log(
            `designer_test: torch ${torch}, ${shown.length} shown programs, ${exact} of ${total} lrs bit for bit, ` +
              `all within ${TORCH_TOLERANCE} relative`,
          );
        },
      );
    }
    await Deno.remove(out, { recursive: true });
  },
});
