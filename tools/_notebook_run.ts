/**
 * Executes notebooks on the real Deno Jupyter kernel through Jupyter's own executor (nbclient,
 * run by the system Python), exactly as `jupyter nbconvert --execute` would.
 *
 * @module
 */

import { clearOutputs, normalizeNotebook, type Notebook } from "./_notebook_format.ts";
import { HOW_TO_INSTALL, installJupyter } from "./_jupyter_install.ts";

/** The command that installs what this module needs on Debian or Ubuntu. */
export const JUPYTER_INSTALL = "apt-get install -y jupyter-nbconvert python3-nbclient";

/** How to install Jupyter (apt, pip, Homebrew), for people and CI logs. */
export const JUPYTER_MISSING_MESSAGE = HOW_TO_INSTALL;

/** The environment every kernel runs in: no colour codes, UTC dates, `en-US` number formats. */
export const KERNEL_ENV: Record<string, string> = {
  NO_COLOR: "1",
  TZ: "UTC",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
};

/** A Python that can run notebooks, and the Deno kernelspec it sees. */
export interface Jupyter {
  python: string;
  nbclient: string;
  /** argv[0] of the installed `deno` kernelspec, or null when it is not installed. */
  denoKernel: string | null;
}

const PROBE = `
import json, nbclient, nbformat
from jupyter_client.kernelspec import KernelSpecManager
try:
    argv0 = KernelSpecManager().get_kernel_spec("deno").argv[0]
except Exception:
    argv0 = None
print(json.dumps({"nbclient": nbclient.__version__, "denoKernel": argv0}))
`;

/**
 * Finds a Python with nbclient, or returns null: `$ANNEAL_PYTHON` when set, else the Debian system
 * Python, else `python3` or `python` on the PATH.
 */
export async function findJupyter(): Promise<Jupyter | null> {
  const chosen = Deno.env.get("ANNEAL_PYTHON");
  for (const python of chosen ? [chosen] : ["/usr/bin/python3", "python3", "python"]) {
    try {
      const { success, stdout } = await new Deno.Command(python, {
        args: ["-c", PROBE],
        stdout: "piped",
        stderr: "null",
      }).output();
      if (!success) continue;
      const found = JSON.parse(new TextDecoder().decode(stdout));
      return { python, ...found };
    } catch {
      // not installed: try the next one
    }
  }
  return null;
}

/**
 * Finds Jupyter (installing it with apt-get when it is missing and this process is root on
 * Debian: `tools/_jupyter_install.ts`) and makes sure the Deno kernelspec is installed
 * (`deno jupyter --install`). Returns null when Jupyter itself is missing.
 */
export async function prepareJupyter(): Promise<Jupyter | null> {
  let jupyter = await findJupyter();
  if (jupyter === null && await installJupyter()) jupyter = await findJupyter();
  if (jupyter === null) return null;
  if (jupyter.denoKernel !== null && await exists(jupyter.denoKernel)) return jupyter;
  const install = await new Deno.Command(Deno.execPath(), {
    args: ["jupyter", "--install", "--force"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!install.success) {
    throw new Error(`deno jupyter --install failed:\n${new TextDecoder().decode(install.stderr)}`);
  }
  const again = await findJupyter();
  if (again?.denoKernel == null) throw new Error("deno jupyter --install left no deno kernelspec");
  return again;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Deno kernel (2.x) may publish a cell's "idle" status before the cell's last outputs, and
 * nbclient stops listening at "idle", so outputs went missing now and then. The kernel also
 * publishes a cell's result (\`execute_result\`) from a JavaScript promise it does not await, so
 * under load it can arrive after later outputs. After each cell this client therefore runs a
 * marker snippet that prints, displays, and ends with a unique text (the kernel's three output
 * paths, each in order, the last the very path the cell's result takes), and keeps collecting the
 * cell's outputs until all three markers have arrived. Marker outputs (known by their unique
 * text) are dropped; anything else is the cell's own late output, even when it carries the
 * marker's header: Deno stamps each output with the request running when it is sent.
 */
const EXECUTE = `
import json, sys, uuid, nbclient, nbformat
from jupyter_core.utils import ensure_async
from nbclient.exceptions import CellExecutionComplete, CellExecutionError

MARKER = "anneal-flush-" + uuid.uuid4().hex
MARKER_CODE = (
    'console.log("%s"); await Deno.jupyter.broadcast("display_data", '
    '{ data: { "text/plain": "%s" }, metadata: {}, transient: {} }); '
    '({ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "%s" }) })' % (MARKER, MARKER, MARKER)
)
MARKER_PATHS = {"stream", "display_data", "execute_result"}
OUTPUTS = {"stream", "display_data", "execute_result", "error", "update_display_data", "clear_output"}

class DenoClient(nbclient.NotebookClient):
    current = None

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        self.current = cell
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        marker_id = self.kc.execute(MARKER_CODE, store_history=False, allow_stdin=False)
        seen = set()
        while seen != MARKER_PATHS:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            parent, kind = msg["parent_header"].get("msg_id"), msg["msg_type"]
            if parent not in (parent_msg_id, marker_id) or kind not in OUTPUTS:
                continue
            content = msg["content"]
            if kind == "stream" and MARKER in content.get("text", ""):
                seen.add("stream")
                content["text"] = content["text"].replace(MARKER + "\\n", "").replace(MARKER, "")
                if content["text"] == "":
                    continue
            elif kind in ("display_data", "execute_result") and content.get("data", {}).get("text/plain") == MARKER:
                seen.add(kind)
                continue
            # Anything else is the cell's, even under the marker's header: the kernel stamps a
            # late output with the request running when it is sent, which may be the marker.
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass

source, target, cwd, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(source, encoding="utf-8") as f:
    nb = nbformat.from_dict(json.load(f))
client = DenoClient(
    nb, kernel_name="deno", timeout=timeout, startup_timeout=120, record_timing=False,
    iopub_timeout=120, raise_on_iopub_timeout=True, resources={"metadata": {"path": cwd}},
)
try:
    client.execute()
except CellExecutionError as error:
    # The kernel reports some errors (syntax errors) only in its reply: record them as an output.
    cell = client.current
    if cell is not None and not any(o.get("output_type") == "error" for o in cell.outputs):
        cell.outputs.append(nbformat.v4.new_output(
            "error", ename=error.ename or "Error",
            evalue=(error.evalue or "failed") + " (the kernel gave no details: a syntax error?)",
            traceback=[],
        ))
with open(target, "w", encoding="utf-8") as f:
    json.dump(nb, f, ensure_ascii=False)
`;

/** Options of {@linkcode executeNotebook}. */
export interface ExecuteOptions {
  /** The kernel's working directory: relative imports such as `../lib/mod.ts` resolve from it. */
  cwd: string;
  /** Seconds one cell may run before it is interrupted. */
  cellTimeout?: number;
}

/** The outcome of one run. */
export interface Execution {
  /** The executed, normalised notebook; execution stops at the first failing cell. */
  notebook: Notebook;
  seconds: number;
}

/**
 * Runs a notebook top to bottom on a fresh Deno kernel and returns the normalised result. The
 * input is not modified and no file next to it is written: the run goes through a temp copy.
 */
export async function executeNotebook(
  jupyter: Jupyter,
  notebook: Notebook,
  options: ExecuteOptions,
): Promise<Execution> {
  const dir = await Deno.makeTempDir({ prefix: "anneal-notebook-" });
  try {
    const source = `${dir}/in.ipynb`;
    const target = `${dir}/out.ipynb`;
    await Deno.writeTextFile(source, JSON.stringify(clearOutputs(notebook)));
    const started = performance.now();
    const run = await new Deno.Command(jupyter.python, {
      args: ["-c", EXECUTE, source, target, options.cwd, String(options.cellTimeout ?? 600)],
      env: KERNEL_ENV,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const seconds = (performance.now() - started) / 1000;
    if (!run.success) {
      const log = new TextDecoder().decode(run.stderr) + new TextDecoder().decode(run.stdout);
      throw new Error(`Jupyter failed to run the notebook:\n${log.trim()}`);
    }
    const executed = JSON.parse(await Deno.readTextFile(target)) as Notebook;
    return { notebook: normalizeNotebook(executed), seconds };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs `task` over `items` with at most `jobs` at a time, keeping the order of results. */
export async function pool<T, R>(
  items: readonly T[],
  jobs: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
