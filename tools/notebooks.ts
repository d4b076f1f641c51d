/**
 * `deno task notebooks`: runs every `notebooks/NN_*.ipynb` top to bottom on the Deno Jupyter kernel,
 * saves the outputs into the notebooks (normalised, so reruns give identical files), and exports
 * each one to a self-contained HTML page that draws its charts offline.
 *
 * ```sh
 * deno task notebooks                 # run, save and export every notebook
 * deno task notebooks 03              # only notebooks whose file name contains "03"
 * deno task notebooks --export-only   # export the committed outputs without running anything
 * deno task notebooks --check         # run, and fail if any text output differs from the file
 * ```
 *
 * Options: `--out <dir>` (default `dist/notebooks`), `--jobs <n>` (default 2), `--no-export`,
 * `--timeout <s>` (seconds one cell may run, default 600).
 *
 * Writing notebooks whose outputs are reproducible (`tests/notebooks_test.ts` reruns them and
 * compares every `text/plain` and stream output with the committed one):
 * - Saved files are normalised: no timing metadata, executed cells numbered 1, 2, 3, ..., cell ids
 *   kept (or `cell-N`), `\r\n` and colour codes removed, bytes exactly as `nbformat.write` gives.
 * - Kernels run with `NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8`, from `notebooks/` (so
 *   `import ... from "../lib/mod.ts"`), with all permissions, one fresh kernel per notebook.
 * - Never print wall-clock time, dates, `Math.random()` or random ids, object identities or
 *   absolute paths; seed every random choice. Tag a cell `nondeterministic` (cell metadata
 *   `"tags": ["nondeterministic"]`) to keep its output but leave it out of the comparison.
 * - Displays updated in place (`display_id`) are saved in their final state only.
 * - Notebook code is not type-checked (`deno check` skips notebooks); keep logic in `lib/`.
 *
 * Writing notebooks that behave in real frontends (`tests/frontend_test.ts` runs them in Jupyter
 * Notebook with Restart & Run All; why: `docs/deno_kernel_outputs.md`):
 * - The first code cell imports anneal with `await import("../lib/mod.ts").catch(...)`: when
 *   anneal is not there (a copied notebook) it displays one message, where the notebook expects
 *   to live and how to import anneal instead, and ends the kernel with `Deno.exit(1)` so that no
 *   later cell runs (the Deno kernel ignores `stop_on_error`). It then makes
 *   `const show = await anneal.kernelShow(Deno.jupyter);`. Copy it from notebook 06.
 * - Every cell that shows something ends with `await show(value)`, never with `value` as its
 *   last expression: the kernel may send a last-expression result after the cell has finished,
 *   stamped with the next cell. Cells that only print (`console.log`, `claim`) end with
 *   `await show();`, which waits until what they printed has gone out.
 * - Progress bars take `display: show` (or the cell ends with `await show()` after `done()`).
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  errorOutputs,
  type Notebook,
  readNotebook,
  serializeNotebook,
  textOutputs,
} from "./_notebook_format.ts";
import { escapeHtml, notebookToHtml } from "./_notebook_html.ts";
import {
  executeNotebook,
  type Jupyter,
  JUPYTER_MISSING_MESSAGE,
  pool,
  prepareJupyter,
} from "./_notebook_run.ts";

/** The notebooks folder of this repository. */
export const NOTEBOOKS_DIR = new URL("../notebooks/", import.meta.url).pathname;

/** File names of the numbered notebooks (`NN_name.ipynb`), sorted, optionally filtered. */
export async function listNotebooks(
  filters: string[] = [],
  dir = NOTEBOOKS_DIR,
): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && /^\d\d_.+\.ipynb$/.test(entry.name)) names.push(entry.name);
  }
  return names.filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
}

/** Writes `<out>/<name>.html` for each notebook, and an index page; returns the pages written. */
export async function exportNotebooks(
  notebooks: { name: string; notebook: Notebook }[],
  out: string,
): Promise<string[]> {
  await Deno.mkdir(out, { recursive: true });
  const pages: string[] = [];
  for (const { name, notebook } of notebooks) {
    const page = `${out}/${name.replace(/\.ipynb$/, ".html")}`;
    await Deno.writeTextFile(page, notebookToHtml(notebook));
    pages.push(page);
  }
  const links = pages.map((page) => page.slice(out.length + 1))
    .map((file) => `<li><a href="${escapeHtml(file)}">${escapeHtml(file)}</a></li>`).join("\n");
  await Deno.writeTextFile(
    `${out}/index.html`,
    `<!DOCTYPE html>\n<meta charset="utf-8">\n<title>anneal notebooks</title>\n` +
      `<h1>anneal notebooks</h1>\n<ul>\n${links}\n</ul>\n`,
  );
  return pages;
}

interface Row {
  name: string;
  notebook: Notebook;
  ok: boolean;
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "dist/notebooks" },
      jobs: { type: "string", default: "2" },
      timeout: { type: "string", default: "600" },
      "export-only": { type: "boolean", default: false },
      "no-export": { type: "boolean", default: false },
      check: { type: "boolean", default: false },
    },
  });
  const names = await listNotebooks(positionals);
  if (names.length === 0) {
    console.error(`no notebooks/NN_*.ipynb matched ${positionals.join(" ") || "anything"}`);
    return 1;
  }
  let rows: Row[];
  if (values["export-only"]) {
    rows = await Promise.all(names.map(async (name) => ({
      name,
      notebook: await readNotebook(NOTEBOOKS_DIR + name),
      ok: true,
    })));
  } else {
    const jupyter = await prepareJupyter();
    if (jupyter === null) {
      console.error(JUPYTER_MISSING_MESSAGE);
      return 1;
    }
    const started = performance.now();
    const cellTimeout = Number(values.timeout);
    rows = await pool(
      names,
      Number(values.jobs),
      (name) => run(jupyter, name, values.check, cellTimeout),
    );
    const seconds = (performance.now() - started) / 1000;
    const failed = rows.filter((row) => !row.ok).length;
    console.log(
      `${rows.length} notebook(s) in ${seconds.toFixed(1)} s: ${rows.length - failed} ok` +
        (failed > 0 ? `, ${failed} failed` : ""),
    );
  }
  if (!values["no-export"] && !values.check) {
    const pages = await exportNotebooks(rows.filter((row) => row.ok), values.out);
    console.log(
      `exported ${pages.length} page(s) to ${values.out}/ (open ${values.out}/index.html)`,
    );
  }
  return rows.every((row) => row.ok) ? 0 : 1;
}

async function run(
  jupyter: Jupyter,
  name: string,
  check: boolean,
  cellTimeout: number,
): Promise<Row> {
  const path = NOTEBOOKS_DIR + name;
  const committed = await readNotebook(path);
  const cells = committed.cells.length;
  let result: Notebook;
  let seconds: number;
  try {
    ({ notebook: result, seconds } = await executeNotebook(jupyter, committed, {
      cwd: NOTEBOOKS_DIR,
      cellTimeout,
    }));
  } catch (error) {
    console.log(`${name}  ${cells} cells  failed\n${(error as Error).message}`);
    return { name, notebook: committed, ok: false };
  }
  const line = `${name}  ${cells} cells  ${seconds.toFixed(1)} s`;
  const errors = errorOutputs(result);
  if (errors.length > 0) {
    console.log(`${line}  failed (the file is left as it was)`);
    for (const error of errors) {
      console.log(`  cell ${error.cell}: ${error.ename}: ${error.evalue}\n${error.traceback}`);
    }
    return { name, notebook: result, ok: false };
  }
  const same = JSON.stringify(textOutputs(result)) === JSON.stringify(textOutputs(committed));
  if (check) {
    console.log(`${line}  ${same ? "ok" : "failed: text outputs differ from the file"}`);
    return { name, notebook: result, ok: same };
  }
  const text = serializeNotebook(result);
  const changed = text !== await Deno.readTextFile(path);
  if (changed) await Deno.writeTextFile(path, text);
  console.log(`${line}  ok${changed ? ` (saved, text outputs ${same ? "same" : "changed"})` : ""}`);
  return { name, notebook: result, ok: true };
}

if (import.meta.main) Deno.exit(await main(Deno.args));
