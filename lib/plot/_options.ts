/**
 * The check of the chart builders' options objects: known keys only (with a "did you mean"),
 * no explicit null, and each present value of the kind its key documents.
 *
 * @module
 */

import * as check from "../_check.ts";

/** What a key holds. */
export type OptionKind =
  | "string"
  | "boolean"
  | "finite"
  | "positive"
  | "numbers"
  | "strings"
  | "array"
  | "function"
  | "object"
  | "any";

/**
 * Checks `options` of `owner` against `spec` (key → kind) and returns it typed: a TypeError for
 * a non-object, an unknown key, a null or a value of the wrong type, a RangeError for a
 * non-finite or non-positive number.
 */
export function chartOptions<T extends object>(
  owner: string,
  options: unknown,
  spec: Readonly<Record<string, OptionKind>>,
): T {
  const o = check.options<Record<string, unknown>>(owner, options, Object.keys(spec));
  for (const [key, kind] of Object.entries(spec)) {
    const v = o[key];
    if (v === undefined || kind === "any") continue;
    const wrong = (what: string) =>
      new TypeError(`${owner}: ${key} must be ${what}, got ${key}=${check.show(v)}`);
    if (kind === "string" && typeof v !== "string") throw wrong("a string");
    if (kind === "boolean") check.boolean(key, v);
    if (kind === "finite") check.finite(key, v);
    if (kind === "positive") check.positive(key, v);
    if (kind === "function") check.callable(key, v);
    if (kind === "array" && !Array.isArray(v)) throw wrong("an array");
    if (kind === "numbers" && (!Array.isArray(v) || v.some((x) => typeof x !== "number"))) {
      throw wrong("an array of numbers");
    }
    if (kind === "strings" && (!Array.isArray(v) || v.some((x) => typeof x !== "string"))) {
      throw wrong("an array of strings");
    }
    if (kind === "object" && (typeof v !== "object" || v === null || Array.isArray(v))) {
      throw wrong("an object");
    }
  }
  return o as T;
}

/** Throws a TypeError unless `figure` looks like plotly JSON: `{ data: [...], layout: {...} }`. */
export function checkFigure(owner: string, name: string, figure: unknown): void {
  const f = figure as { data?: unknown; layout?: unknown } | null;
  if (
    typeof f !== "object" || f === null || !Array.isArray(f.data) ||
    typeof f.layout !== "object" || f.layout === null || Array.isArray(f.layout)
  ) {
    throw new TypeError(
      `${owner}: ${name} must be plotly JSON { data: [...], layout: {...} }, got ${name}=${
        check.show(figure)
      }`,
    );
  }
  (f.data as unknown[]).forEach((trace, i) => {
    const type = (trace as { type?: unknown } | null)?.type;
    if (typeof trace !== "object" || trace === null || (type !== "scatter" && type !== "bar")) {
      throw new TypeError(
        `${owner}: ${name}.data[${i}] must be a scatter or bar trace, got ${name}.data[${i}]=${
          check.show(trace)
        }`,
      );
    }
  });
}
