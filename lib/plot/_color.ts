/**
 * Colour helpers for the chart builders and the SVG renderer.
 *
 * @module
 */

/**
 * A `#rrggbb` colour with opacity `alpha` in [0, 1], as CSS `rgba(r,g,b,alpha)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withAlpha } from "./_color.ts";
 *
 * assert.equal(withAlpha("#1f77b4", 0.2), "rgba(31,119,180,0.2)");
 * ```
 */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) throw new RangeError(`hex must be a #rrggbb colour, got hex=${hex}`);
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(`alpha must be in [0, 1], got alpha=${alpha}`);
  }
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16));
  return `rgba(${r},${g},${b},${alpha})`;
}
