/**
 * The colours charts use: plotly.js's default colorway (d3's category10), so that the interactive
 * chart and the static SVG agree.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * Plotly's default trace colours, in order; trace `i` takes `palette[i % palette.length]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { palette } from "./palette.ts";
 *
 * assert.equal(palette[0], "#1f77b4");
 * assert.equal(palette.length, 10);
 * ```
 */
export const palette: readonly string[] = Object.freeze([
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
]);

/**
 * The `i`-th palette colour, cycling: `palette[i mod 10]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { colorAt } from "./palette.ts";
 *
 * assert.equal(colorAt(1), "#ff7f0e");
 * assert.equal(colorAt(11), "#ff7f0e");
 * ```
 */
export function colorAt(i: number): string {
  check.integer("i", i);
  const n = palette.length;
  return palette[((i % n) + n) % n] as string;
}
