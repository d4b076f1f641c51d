/**
 * Reading, normalising and writing Jupyter notebooks (nbformat 4.5) so that executed notebooks are
 * deterministic: committed outputs change only when what a cell prints or displays changes.
 *
 * @module
 */

/** A notebook as stored on disk (nbformat 4). */
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** One cell; `outputs` and `execution_count` exist on code cells only. */
export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Record<string, Record<string, unknown>>;
}

/** One output of a code cell. */
export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error" | "update_display_data";
  name?: string;
  text?: MultilineString;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** nbformat stores long strings either whole or as a list of lines that keep their `\n`. */
export type MultilineString = string | string[];

/** Cells tagged with this tag are executed but their text is not compared by the tests. */
export const NONDETERMINISTIC_TAG = "nondeterministic";

/** Cell metadata keys that only record when or how long a cell ran. */
const TIMING_METADATA = ["execution", "ExecuteTime", "collapsed", "scrolled"];

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;

/** Joins a multiline string and normalises line ends and terminal colour codes. */
export function joinText(text: MultilineString | undefined): string {
  const joined = Array.isArray(text) ? text.join("") : text ?? "";
  return joined.replace(/\r\n/g, "\n").replace(ANSI, "");
}

/** Reads a notebook file. */
export async function readNotebook(path: string | URL): Promise<Notebook> {
  const notebook = JSON.parse(await Deno.readTextFile(path)) as Notebook;
  if (!Array.isArray(notebook.cells) || notebook.nbformat !== 4) {
    throw new TypeError(`${path} is not an nbformat 4 notebook`);
  }
  return notebook;
}

/** The code cells of a notebook. */
export function codeCells(notebook: Notebook): Cell[] {
  return notebook.cells.filter((cell) => cell.cell_type === "code");
}

/** A copy with every output and execution count removed, ready to run. */
export function clearOutputs(notebook: Notebook): Notebook {
  const copy = structuredClone(notebook);
  for (const cell of codeCells(copy)) {
    cell.outputs = [];
    cell.execution_count = null;
  }
  return normalizeNotebook(copy);
}

/**
 * A deterministic copy of an (executed) notebook:
 * - cell ids are kept, or `cell-<index>` when missing or duplicated (nbformat 4.5 needs them);
 * - timing metadata (`execution`, `ExecuteTime`) is dropped;
 * - executed code cells are renumbered 1, 2, 3, ... in order, and so are their results;
 * - text is joined, `\r\n` becomes `\n`, terminal colour codes are removed, and consecutive
 *   stream outputs of the same stream are merged.
 */
export function normalizeNotebook(notebook: Notebook): Notebook {
  const seen = new Set<string>();
  let count = 0;
  const cells = notebook.cells.map((original, index): Cell => {
    const cell = structuredClone(original);
    let id = typeof cell.id === "string" && /^[a-zA-Z0-9_-]{1,64}$/.test(cell.id)
      ? cell.id
      : `cell-${index}`;
    while (seen.has(id)) id = `${id}-${index}`;
    seen.add(id);
    cell.id = id;
    cell.source = joinText(cell.source);
    cell.metadata ??= {};
    for (const key of TIMING_METADATA) delete cell.metadata[key];
    if (cell.cell_type !== "code") {
      delete cell.outputs;
      delete cell.execution_count;
      return cell;
    }
    const executed = cell.execution_count !== null && cell.execution_count !== undefined;
    cell.execution_count = executed ? ++count : null;
    cell.outputs = normalizeOutputs(cell.outputs ?? [], cell.execution_count);
    return cell;
  });
  const metadata = structuredClone(notebook.metadata ?? {});
  metadata.kernelspec ??= { display_name: "Deno", language: "typescript", name: "deno" };
  return { cells, metadata, nbformat: 4, nbformat_minor: Math.max(5, notebook.nbformat_minor) };
}

function normalizeOutputs(outputs: Output[], executionCount: number | null): Output[] {
  const result: Output[] = [];
  for (const original of outputs) {
    const output = structuredClone(original);
    if (output.output_type === "stream") {
      output.text = joinText(output.text);
      const last = result.at(-1);
      if (last?.output_type === "stream" && last.name === output.name) {
        last.text = (last.text as string) + output.text;
        continue;
      }
    } else if (output.output_type === "error") {
      output.traceback = (output.traceback ?? []).map((line) => joinText(line));
    } else {
      output.metadata ??= {};
      const data = output.data ?? {};
      for (const [mime, value] of Object.entries(data)) {
        if (!isJsonMime(mime)) data[mime] = joinText(value as MultilineString);
      }
      output.data = data;
      if (output.output_type === "execute_result") output.execution_count = executionCount;
    }
    result.push(output);
  }
  return result;
}

/** JSON MIME types hold objects; every other MIME type holds text. */
export function isJsonMime(mime: string): boolean {
  return mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
}

/**
 * The notebook as Jupyter writes it (`nbformat.write`): keys sorted, one-space indent, text split
 * into lines that keep their `\n`, floats as Python prints them, and a final newline. The same
 * notebook always gives the same bytes, and saving it from JupyterLab changes none of them.
 */
export function serializeNotebook(notebook: Notebook): string {
  const split = (text: MultilineString | undefined) => {
    const joined = joinText(text);
    return joined === "" ? [] : joined.split(/(?<=\n)/);
  };
  const copy = structuredClone(notebook);
  for (const cell of copy.cells) {
    cell.source = split(cell.source);
    for (const output of cell.outputs ?? []) {
      if (output.output_type === "stream") output.text = split(output.text);
      for (const [mime, value] of Object.entries(output.data ?? {})) {
        if (!isJsonMime(mime)) output.data![mime] = split(value as MultilineString);
      }
    }
  }
  return toJson(copy, "") + "\n";
}

/** `json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False)`, as Python writes it. */
function toJson(value: unknown, indent: string): string {
  if (typeof value === "number") return pythonNumber(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = indent + " ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${inner}${value.map((item) => toJson(item, inner)).join(`,\n${inner}`)}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return "{}";
  const fields = entries.map(([key, item]) => `${JSON.stringify(key)}: ${toJson(item, inner)}`);
  return `{\n${inner}${fields.join(`,\n${inner}`)}\n${indent}}`;
}

/** Python's `repr(float)`: the same shortest digits as JavaScript, but `1e-05`, not `0.00001`. */
function pythonNumber(value: number): string {
  const text = JSON.stringify(value); // "null" for NaN and infinities, as JSON requires
  if (!/[.e]/.test(text)) return text; // an integer literal: Python reads and writes an int
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  const power = Number(exponent);
  if (power >= -4 && power < 16) return text;
  return `${mantissa}e${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
}

/** An error output, located by code cell. */
export interface CellError {
  /** Index of the cell among all cells (0-based). */
  cell: number;
  ename: string;
  evalue: string;
  traceback: string;
}

/** Every error output in the notebook. */
export function errorOutputs(notebook: Notebook): CellError[] {
  const errors: CellError[] = [];
  notebook.cells.forEach((cell, index) => {
    for (const output of cell.outputs ?? []) {
      if (output.output_type !== "error") continue;
      errors.push({
        cell: index,
        ename: output.ename ?? "Error",
        evalue: output.evalue ?? "",
        traceback: (output.traceback ?? []).map((line) => joinText(line)).join("\n"),
      });
    }
  });
  return errors;
}

/**
 * The text a reader sees, per cell, for comparing runs: stream text and `text/plain` results,
 * with trailing spaces removed from each line. Cells tagged `nondeterministic` are left out.
 */
export function textOutputs(notebook: Notebook): { cell: string; text: string[] }[] {
  return notebook.cells.flatMap((cell, index) => {
    if (cell.cell_type !== "code") return [];
    const tags = (cell.metadata?.tags ?? []) as string[];
    if (tags.includes(NONDETERMINISTIC_TAG)) return [];
    const text = (cell.outputs ?? []).flatMap((output) => {
      const raw = output.output_type === "stream"
        ? `${output.name}: ${joinText(output.text)}`
        : output.output_type === "error"
        ? `${output.ename}: ${output.evalue}`
        : output.data?.["text/plain"] !== undefined
        ? joinText(output.data["text/plain"] as MultilineString)
        : undefined;
      return raw === undefined ? [] : [raw.split("\n").map((line) => line.trimEnd()).join("\n")];
    });
    return [{ cell: `cell ${index} (${cell.id ?? "no id"})`, text }];
  });
}
