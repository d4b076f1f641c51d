/**
 * `table`: rows of numbers and labels that display in Jupyter as a styled HTML table, with an
 * aligned plain-text version for terminals, tests and diffs.
 *
 * @module
 */

import { jupyterDisplay } from "./figure.ts";
import { escapeXml } from "./_text.ts";
import * as check from "../_check.ts";

/**
 * One cell's value. `null` and `undefined` show as an empty cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table, type TableValue } from "./mod.ts";
 *
 * const values: TableValue[] = [1e-3, "step decay", true, null];
 * assert.equal(table([{ a: values[0], b: values[3] }]).text(), "    a  b\n-----  -\n0.001");
 * ```
 */
export type TableValue = number | string | boolean | null | undefined;

/**
 * A row: column name to value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table, type TableRow } from "./mod.ts";
 *
 * const row: TableRow = { t: 10, lr: 5e-4 };
 * assert.equal(table([row]).text(), " t      lr\n--  ------\n10  0.0005");
 * ```
 */
export type TableRow = Record<string, TableValue>;

/**
 * Formats one value of a column; gets the whole row as well.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table, type TableFormatter } from "./mod.ts";
 *
 * const percent: TableFormatter = (v) => `${(Number(v) * 100).toFixed(1)}%`;
 * assert.equal(table([{ share: 0.125 }], { format: { share: percent } }).text(), "share\n-----\n12.5%");
 * ```
 */
export type TableFormatter = (value: TableValue, row: TableRow) => string;

/**
 * Options of {@linkcode table}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table, type TableOptions } from "./mod.ts";
 *
 * const options: TableOptions = { columns: ["lr"], headers: { lr: "learning rate" }, digits: 2 };
 * assert.equal(table([{ t: 0, lr: 1 / 3 }], options).text(), "learning rate\n-------------\n         0.33");
 * ```
 */
export interface TableOptions {
  /** The columns, in order; default every key of the rows, in order of first appearance. */
  columns?: string[];
  /** Header text per column; default the column name. */
  headers?: Record<string, string>;
  /**
   * Significant digits for numbers, trailing zeros kept so that columns line up: `toPrecision`
   * for magnitudes in [1e-3, 1e6) (`0.00100`), exponent form outside (`5.00e-4`, `1.39e-14`);
   * integers stay as they are (`10`). One count for every column, or a count per column.
   * Default: JavaScript's shortest exact form (`String(value)`).
   */
  digits?: number | Record<string, number>;
  /** A formatter per column; it wins over `digits`. */
  format?: Record<string, TableFormatter>;
  /** A caption shown above the table. */
  caption?: string;
}

/** The MIME bundle a {@linkcode Table} displays as. */
export interface TableBundle {
  /** The table as HTML. */
  "text/html": string;
  /** The table as aligned plain text. */
  "text/plain": string;
  /** No other MIME types. */
  [mime: string]: unknown;
}

/** Cell text and alignment, computed once. */
interface Cells {
  headers: string[];
  body: string[][];
  /** Right-align a column when every non-empty value in it is a number. */
  right: boolean[];
}

/**
 * A table ready to display: {@linkcode Table.text} gives aligned plain text, {@linkcode Table.html}
 * an HTML `<table>`; as the last expression of a notebook cell it shows the HTML (and the text
 * where HTML is not rendered). Build it with {@linkcode table}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jupyterDisplay } from "./figure.ts";
 * import { table } from "./table.ts";
 *
 * const t = table([{ name: "a<b", value: 2 }]);
 * assert.equal(t.text(), "name  value\n----  -----\na<b       2");
 * assert.ok(t.html().includes('<td style="text-align:left;padding:3px 10px">a&lt;b</td>'));
 * assert.deepEqual(Object.keys(t[jupyterDisplay]()), ["text/html", "text/plain"]);
 * ```
 */
export class Table {
  readonly #cells: Cells;
  readonly #caption: string | undefined;

  /** Use {@linkcode table}, which validates its arguments. */
  constructor(cells: Cells, caption?: string) {
    this.#cells = cells;
    this.#caption = caption;
  }

  /** The column headers, in order. */
  get headers(): string[] {
    return [...this.#cells.headers];
  }

  /** The formatted cell text, `rows[i][j]` for row `i`, column `j`. */
  get rows(): string[][] {
    return this.#cells.body.map((row) => [...row]);
  }

  /**
   * Plain text: the caption (if any), a header line, a line of dashes, then one line per row;
   * columns are two spaces apart, numbers right-aligned, text left-aligned, no trailing newline.
   */
  text(): string {
    const { headers, body, right } = this.#cells;
    if (headers.length === 0) return this.#caption ?? "";
    const widths = headers.map((h, j) =>
      Math.max(h.length, ...body.map((row) => (row[j] as string).length))
    );
    const line = (cells: string[]) =>
      cells.map((c, j) => right[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)).join("  ");
    const lines = [line(headers), widths.map((w) => "-".repeat(w)).join("  ")];
    for (const row of body) lines.push(line(row));
    if (this.#caption !== undefined) lines.unshift(this.#caption);
    return lines.map((l) => l.trimEnd()).join("\n");
  }

  /**
   * An HTML `<table>` with inline styles (so it looks the same wherever it is pasted, whatever
   * the page's CSS): each header and cell aligned as its column (numbers right, text left).
   */
  html(): string {
    const { headers, body, right } = this.#cells;
    const align = (j: number) => right[j] ? "right" : "left";
    const th = headers.map((h, j) =>
      `<th style="text-align:${align(j)};padding:4px 10px;border-bottom:2px solid #999">${
        escapeXml(h)
      }</th>`
    ).join("");
    const trs = body.map((row, i) => {
      // Every cell says its alignment: notebook CSS right-aligns unstyled cells.
      const tds = row.map((c, j) =>
        `<td style="text-align:${align(j)};padding:3px 10px">${escapeXml(c)}</td>`
      ).join("");
      const shade = i % 2 === 1 ? ' style="background:#f6f6f6"' : "";
      return `<tr${shade}>${tds}</tr>`;
    }).join("\n");
    const caption = this.#caption === undefined
      ? ""
      : `<caption style="caption-side:top;text-align:left;padding:4px 0;color:#444">${
        escapeXml(this.#caption)
      }</caption>\n`;
    return `<table style="border-collapse:collapse;font-variant-numeric:tabular-nums;` +
      `font-family:Helvetica,Arial,sans-serif;font-size:13px">\n${caption}` +
      `<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
  }

  /** The MIME bundle: `text/html` and `text/plain`. */
  display(): TableBundle {
    return { "text/html": this.html(), "text/plain": this.text() };
  }

  /** What Deno's Jupyter kernel calls to show the table: {@linkcode Table.display}. */
  [jupyterDisplay](): TableBundle {
    return this.display();
  }

  /** The plain text, for `console.log` and string contexts. */
  toString(): string {
    return this.text();
  }
}

/** Formats one value with the column's formatter or digits. */
function formatValue(
  value: TableValue,
  row: TableRow,
  formatter: TableFormatter | undefined,
  digits: number | undefined,
): string {
  if (formatter !== undefined) return String(formatter(value, row));
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && digits !== undefined && !Number.isInteger(value)) {
    const a = Math.abs(value);
    if (!Number.isFinite(a)) return String(value);
    return a >= 1e-3 && a < 1e6
      ? value.toPrecision(digits)
      : value.toExponential(digits - 1).replace("e+", "e");
  }
  return String(value);
}

/**
 * Builds a {@linkcode Table} from rows of values. Numbers show in JavaScript's shortest exact
 * form unless `digits` (significant digits) or a per-column `format` function says otherwise;
 * columns whose values are all numbers are right-aligned. The same rows and options always give
 * the same text and HTML, so a notebook's output is reproducible.
 *
 * @throws {TypeError} `rows must be an array of objects, got rows=3`; `format.lr must be a
 * function, got format.lr=2`.
 * @throws {RangeError} `digits must be in [1, 21], got digits=0` (and `digits must be an
 * integer, got digits=2.5`); also for a column in
 * `columns` that no row has.
 *
 * @example The seed's three decays at a few steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { table } from "./table.ts";
 *
 * const rows = [0, 10, 50].map((t) => ({
 *   t,
 *   step: 1e-3 * 0.5 ** Math.floor(t / 10),
 *   exponential: 1e-3 * Math.exp(-0.5 * t),
 *   "1/t": 1e-3 / (1 + 0.5 * t),
 * }));
 * const t = table(rows, { digits: 3 });
 * assert.equal(
 *   t.text(),
 *   [
 *     " t     step  exponential      1/t",
 *     "--  -------  -----------  -------",
 *     " 0  0.00100      0.00100  0.00100",
 *     "10  5.00e-4      6.74e-6  1.67e-4",
 *     "50  3.13e-5     1.39e-14  3.85e-5",
 *   ].join("\n"),
 * );
 * ```
 */
export function table(rows: TableRow[], options: TableOptions = {}): Table {
  if (!Array.isArray(rows) || rows.some((r) => typeof r !== "object" || r === null)) {
    throw new TypeError(`rows must be an array of objects, got rows=${check.show(rows)}`);
  }
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  const columns = options.columns ?? [...seen];
  for (const c of columns) {
    if (typeof c !== "string") {
      throw new TypeError(`columns must be strings, got columns=${check.show(columns)}`);
    }
    if (!seen.has(c) && rows.length > 0) {
      throw new RangeError(`columns must name keys of the rows, got column ${JSON.stringify(c)}`);
    }
  }
  const digitsOf = (c: string): number | undefined => {
    const d = typeof options.digits === "object" ? options.digits[c] : options.digits;
    const name = typeof options.digits === "object" ? `digits.${c}` : "digits";
    if (d !== undefined) check.inRange(name, check.integer(name, d), 1, 21);
    return d;
  };
  const formatters = columns.map((c) => {
    const f = options.format?.[c];
    return f === undefined ? undefined : check.callable<TableFormatter>(`format.${c}`, f);
  });
  const digits = columns.map(digitsOf);
  const body = rows.map((row) =>
    columns.map((c, j) => formatValue(row[c], row, formatters[j], digits[j]))
  );
  const right = columns.map((c) => {
    const values = rows.map((row) => row[c]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === "number");
  });
  const headers = columns.map((c) => options.headers?.[c] ?? c);
  return new Table({ headers, body, right }, options.caption);
}
