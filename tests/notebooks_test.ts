/**
 * Runs every numbered notebook on the real Deno Jupyter kernel (from a temp copy, so the files are
 * not touched) and checks that it raises nothing and prints exactly what its committed outputs
 * say, so committed outputs cannot silently rot. Skipped (with a message) when Jupyter is absent,
 * except under CI (`CI` set), where that fails.
 */

import assert from "node:assert/strict";
import {
  errorOutputs,
  normalizeNotebook,
  type Notebook,
  readNotebook,
  serializeNotebook,
  textOutputs,
} from "../tools/_notebook_format.ts";
import {
  executeNotebook,
  type Execution,
  JUPYTER_MISSING_MESSAGE,
  pool,
  prepareJupyter,
} from "../tools/_notebook_run.ts";
import { listNotebooks, NOTEBOOKS_DIR } from "../tools/notebooks.ts";

const jupyter = await prepareJupyter();
const inCi = (Deno.env.get("CI") ?? "") !== "";
if (jupyter === null && !inCi) {
  console.log(`notebooks_test: SKIPPED\n${JUPYTER_MISSING_MESSAGE}`);
}

/** The kinds of output each cell shows: output type and MIME types, not their content. */
function outputKinds(notebook: Notebook): string[][] {
  return notebook.cells.map((cell) =>
    (cell.outputs ?? []).map((output) =>
      [output.output_type, ...Object.keys(output.data ?? {}).sort()].join(" ")
    )
  );
}

Deno.test({
  name: "every notebook runs on the Deno kernel without errors and reproduces its committed text",
  ignore: jupyter === null && !inCi,
  async fn(t) {
    assert.ok(jupyter, JUPYTER_MISSING_MESSAGE);
    const names = await listNotebooks();
    assert.ok(names.length > 0, "notebooks/ holds numbered notebooks");
    const started = performance.now();
    // Two kernels at a time: each is mostly single-threaded, and CI machines have two cores.
    const runs = pool(names, 2, async (name) => {
      const committed = await readNotebook(NOTEBOOKS_DIR + name);
      const run: Execution = await executeNotebook(jupyter, committed, { cwd: NOTEBOOKS_DIR });
      return { committed, run };
    });
    // Steps run one after another; keep the rejection handled until the steps look at it.
    runs.catch(() => {});
    for (const [index, name] of names.entries()) {
      await t.step(name, async (t) => {
        const { committed, run } = (await runs)[index]!;
        console.log(`${name}: ${committed.cells.length} cells in ${run.seconds.toFixed(1)} s`);
        await t.step("raises no error", () => {
          const errors = errorOutputs(run.notebook).map((error) =>
            `cell ${error.cell}: ${error.ename}: ${error.evalue}\n${error.traceback}`
          );
          assert.deepEqual(errors, []);
        });
        await t.step("prints the committed text outputs (run `deno task notebooks`)", () => {
          assert.deepEqual(textOutputs(run.notebook), textOutputs(committed));
        });
        await t.step("shows the committed kinds of output in each cell", () => {
          assert.deepEqual(outputKinds(run.notebook), outputKinds(committed));
        });
        await t.step("is saved in normalised form (run `deno task notebooks`)", async () => {
          const text = await Deno.readTextFile(NOTEBOOKS_DIR + name);
          assert.equal(text, serializeNotebook(normalizeNotebook(committed)));
        });
      });
    }
    console.log(
      `notebooks_test: ${names.length} notebook(s) in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
  },
});

Deno.test("normalizeNotebook() makes an executed notebook deterministic", () => {
  const executed = {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: { kernelspec: { display_name: "Deno", language: "typescript", name: "deno" } },
    cells: [
      { cell_type: "markdown" as const, metadata: {}, source: ["# Title\r\n", "text"] },
      {
        cell_type: "code" as const,
        id: "a",
        execution_count: 7,
        metadata: { execution: { "iopub.status.busy": "2026-01-01T00:00:00Z" }, tags: ["x"] },
        source: "console.log(1)",
        outputs: [
          { output_type: "stream" as const, name: "stdout", text: ["one\r\n"] },
          { output_type: "stream" as const, name: "stdout", text: "\x1b[33mtwo\x1b[39m\n" },
          {
            output_type: "execute_result" as const,
            execution_count: 7,
            metadata: {},
            data: { "text/plain": ["1\n", "2"], "application/json": { a: [1] } },
          },
        ],
      },
      {
        cell_type: "code" as const,
        id: "a",
        execution_count: null,
        metadata: {},
        source: "",
        outputs: [],
      },
    ],
  };
  assert.deepEqual(normalizeNotebook(executed), {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "Deno", language: "typescript", name: "deno" } },
    cells: [
      { cell_type: "markdown", id: "cell-0", metadata: {}, source: "# Title\ntext" },
      {
        cell_type: "code",
        id: "a",
        execution_count: 1,
        metadata: { tags: ["x"] },
        source: "console.log(1)",
        outputs: [
          { output_type: "stream", name: "stdout", text: "one\ntwo\n" },
          {
            output_type: "execute_result",
            execution_count: 1,
            metadata: {},
            data: { "text/plain": "1\n2", "application/json": { a: [1] } },
          },
        ],
      },
      {
        cell_type: "code",
        id: "a-2",
        execution_count: null,
        metadata: {},
        source: "",
        outputs: [],
      },
    ],
  });
});

Deno.test("textOutputs() compares printed text and leaves out cells tagged nondeterministic", () => {
  const cell = (tags: string[], text: string) => ({
    cell_type: "code" as const,
    id: `c${tags.length}`,
    execution_count: 1,
    metadata: { tags },
    source: "",
    outputs: [{ output_type: "stream" as const, name: "stdout", text }],
  });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [cell([], "kept  \n"), cell(["nondeterministic"], "took 12 ms\n")],
  };
  assert.deepEqual(textOutputs(notebook), [{ cell: "cell 0 (c0)", text: ["stdout: kept\n"] }]);
});

Deno.test({
  name: "serializeNotebook() writes the same bytes as nbformat's own writer",
  ignore: jupyter === null,
  async fn() {
    const notebook = normalizeNotebook({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: "markdown", metadata: {}, source: "η = 0.1 · γ\n\nline\n" },
        {
          cell_type: "code",
          execution_count: 1,
          metadata: { tags: ["b", "a"] },
          source: "x\n\ny",
          outputs: [
            { output_type: "stream", name: "stderr", text: "a\n\nb" },
            {
              output_type: "display_data",
              metadata: {},
              data: {
                "application/vnd.plotly.v1+json": {
                  data: [{ y: [0.1, 1e-7, 0.00001, 1e-4, -2.5e-300, 2.5e21, 1e21, 2 ** 60, 0.5] }],
                  layout: { "": null, b: true, "é": "\u0007\t", z: [[], {}] },
                },
                "image/svg+xml": "<svg>\n</svg>\n",
                "text/plain": "",
              },
            },
          ],
        },
      ],
    });
    const ours = serializeNotebook(notebook);
    const python = await new Deno.Command(jupyter!.python, {
      args: [
        "-c",
        "import nbformat, sys\nnb = nbformat.reads(sys.stdin.read(), as_version=4)\n" +
        "sys.stdout.write(nbformat.writes(nb) + '\\n')",
      ],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const writer = python.stdin.getWriter();
    await writer.write(new TextEncoder().encode(ours));
    await writer.close();
    const theirs = new TextDecoder().decode((await python.output()).stdout);
    assert.equal(ours, theirs);
  },
});
