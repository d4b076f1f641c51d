/**
 * The designer in real Jupyter Notebook (Debian's `jupyter-notebook`, 6.x) in Chromium: a
 * notebook holding two designer outputs, the first with the libraries inlined and the second
 * `libraries: "page"`, as the Deno kernel saves them (`designer(...).display()`). Trusted, both
 * widgets run and compute the library's numbers; untrusted, Notebook shows their PNG. Skipped
 * with a message when Notebook or Chromium is absent, except under CI (`CI` set).
 */

import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { collectLrs, designer, schedulerFromSpec, type Spec } from "../lib/mod.ts";

const firstFile = (paths: string[]) =>
  paths.find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
const notebookServer = firstFile(["/usr/bin/jupyter-notebook", "/usr/local/bin/jupyter-notebook"]);
const executablePath = firstFile(["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
const python = firstFile(["/usr/bin/python3"]);
const inCi = (Deno.env.get("CI") ?? "") !== "";
const missing = notebookServer === undefined || executablePath === undefined || !python;
if (missing && !inCi) {
  console.log("designer_notebook_test: SKIPPED, needs jupyter-notebook, chromium and python3");
}

const FIRST: Spec = { type: "StepLR", stepSize: 10, gamma: 0.5 };
const SECOND: Spec = { type: "CosineAnnealingLR", tMax: 40, etaMin: 0.001 };

function lrs(spec: Spec): number[][] {
  const rows = collectLrs(schedulerFromSpec({ paramGroups: [{ lr: 0.1 }] }, spec), 100);
  return [rows.map((row) => row[0]!)];
}

async function openNotebook(dir: string, db: string) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const token = crypto.randomUUID().replaceAll("-", "");
  const server = new Deno.Command(notebookServer!, {
    args: [
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${dir}`,
      `--NotebookNotary.db_file=${db}`,
      "--allow-root",
    ],
    env: { JUPYTER_RUNTIME_DIR: `${dir}/.runtime` },
    stdout: "null",
    stderr: "null",
  }).spawn();
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`)
      .then(async (r) => (await r.body?.cancel(), r.ok)).catch(() => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url: `http://127.0.0.1:${port}/notebooks/designers.ipynb?token=${token}`,
    stop: async () => {
      server.kill();
      await server.status;
    },
  };
}

Deno.test({
  name: "designer outputs in Jupyter Notebook: live when trusted, their PNG when not",
  ignore: missing && !inCi,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    assert.ok(!missing, "jupyter-notebook, chromium and python3 are required under CI");
    const dir = await Deno.makeTempDir({ prefix: "anneal-designer-nb-" });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      cells: [{
        cell_type: "code",
        id: "designers",
        metadata: {},
        execution_count: 1,
        source: "await show(anneal.designer(...));",
        outputs: [
          { output_type: "display_data", metadata: {}, data: await designer(FIRST).display() },
          {
            output_type: "display_data",
            metadata: {},
            data: await designer(SECOND, { libraries: "page" }).display(),
          },
        ],
      }],
    };
    await Deno.writeTextFile(`${dir}/designers.ipynb`, JSON.stringify(notebook));
    const trusted = `${dir}/trusted.db`;
    const signed = await new Deno.Command(python!, {
      args: [
        "-c",
        "import sys, nbformat\nfrom nbformat.sign import NotebookNotary\n" +
        "nb = nbformat.read(sys.argv[1], 4)\nNotebookNotary(db_file=sys.argv[2]).sign(nb)",
        `${dir}/designers.ipynb`,
        trusted,
      ],
    }).output();
    assert.ok(signed.success, new TextDecoder().decode(signed.stderr));
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
    try {
      for (const mode of ["trusted", "untrusted"] as const) {
        await t.step(mode, async () => {
          const server = await openNotebook(dir, mode === "trusted" ? trusted : ":memory:");
          try {
            const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
            const pageErrors: string[] = [];
            page.on("pageerror", (e) => pageErrors.push(e.message));
            await page.goto(server.url);
            await page.waitForSelector(".output_area", { timeout: 60_000 });
            if (mode === "trusted") {
              await page.waitForFunction(
                `(() => {
                  const roots = [...document.querySelectorAll("[data-anneal-designer]")];
                  return roots.length === 2 &&
                    roots.every((r) => r.annealValues && r.querySelector(".main-svg"));
                })()`,
                undefined,
                { timeout: 90_000 },
              );
              const values = JSON.parse(
                await page.evaluate<string>(
                  `JSON.stringify([...document.querySelectorAll("[data-anneal-designer]")].map((r) => r.annealValues))`,
                ),
              );
              assert.deepEqual(values, [lrs(FIRST), lrs(SECOND)]);
              await page.locator('[data-anneal-designer] [name="stepSize"]').fill("7");
              const moved = JSON.parse(
                await page.evaluate<string>(
                  `JSON.stringify(document.querySelector("[data-anneal-designer]").annealValues)`,
                ),
              );
              assert.deepEqual(moved, lrs({ type: "StepLR", stepSize: 7, gamma: 0.5 }));
            } else {
              await page.waitForTimeout(3000);
              assert.equal(await page.locator("[data-anneal-designer]").count(), 0);
              const pngs = await page.locator('.output_area img[src^="data:image/png"]').count();
              assert.equal(pngs, 2, "each designer shows its PNG");
            }
            assert.deepEqual(pageErrors, []);
            await page.close();
          } finally {
            await server.stop();
          }
        });
      }
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
