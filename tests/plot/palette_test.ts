import assert from "node:assert/strict";
import { colorAt, palette } from "../../lib/mod.ts";
import { withAlpha } from "../../lib/plot/_color.ts";

Deno.test("palette is plotly.js's default colorway (d3 category10)", () => {
  assert.deepEqual([...palette], [
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
  assert.ok(Object.isFrozen(palette));
});

Deno.test("colorAt(i) cycles through the palette", () => {
  assert.equal(colorAt(0), palette[0]);
  assert.equal(colorAt(10), palette[0]);
  assert.equal(colorAt(-1), palette[9]);
});

Deno.test("withAlpha(hex, alpha) writes rgba() and rejects bad input", () => {
  assert.equal(withAlpha("#ff7f0e", 0.25), "rgba(255,127,14,0.25)");
  assert.throws(() => withAlpha("red", 0.5), { name: "RangeError", message: /hex must be/ });
  assert.throws(() => withAlpha("#ffffff", 2), {
    name: "RangeError",
    message: "alpha must be in [0, 1], got alpha=2",
  });
});
