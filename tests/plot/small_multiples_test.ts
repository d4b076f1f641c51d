import assert from "node:assert/strict";
import { jupyterDisplay, scheduleChart, smallMultiples } from "../../lib/plot/mod.ts";

const panels = () => [
  scheduleChart({ lr: [1, 0.5, 0.25] }, { title: "a", yTitle: "lr", xTitle: "step" }),
  scheduleChart({ lr: [4, 2, 1] }, { title: "b", yTitle: "lr", xTitle: "step" }),
  scheduleChart({ lr: [0.1, 0.1, 0.1] }, { title: "c", yTitle: "lr", xTitle: "step" }),
];

Deno.test("smallMultiples", async (t) => {
  await t.step(
    "panels share the y range spanning every panel's data, unless sharedY is false",
    () => {
      const grid = smallMultiples(panels(), { columns: 2 });
      const ranges = grid.panels.map((p) => p.layout.yaxis?.range);
      assert.deepEqual(ranges[0], ranges[1]);
      assert.deepEqual(ranges[1], ranges[2]);
      const [lo, hi] = ranges[0]!;
      assert.ok(lo <= 0.1 && hi >= 4, `${lo}..${hi}`);
      const free = smallMultiples(panels(), { sharedY: false });
      assert.equal(free.panels[0]!.layout.yaxis?.range, undefined);
    },
  );

  await t.step("plotly JSON: one axis pair per panel, titles once per row and column", () => {
    const json = smallMultiples(panels(), { columns: 2, title: "grid" }).toJSON();
    assert.deepEqual(json.data.map((d) => [d.xaxis, d.yaxis]), [["x", "y"], ["x2", "y2"], [
      "x3",
      "y3",
    ]]);
    assert.deepEqual(json.layout.grid, {
      rows: 2,
      columns: 2,
      pattern: "independent",
      xgap: 0.12,
      ygap: 0.3,
    });
    const title = (axis: string) => (json.layout[axis] as { title?: unknown }).title;
    assert.equal(title("yaxis2"), undefined, "no y title right of the first column");
    assert.equal(title("xaxis"), undefined, "no x title above another panel");
    assert.notEqual(title("xaxis2"), undefined, "the last panel of its column keeps its x title");
    assert.notEqual(title("yaxis3"), undefined, "the first column keeps its y title");
    assert.deepEqual(
      json.data.map((d) => d.showlegend),
      [true, false, false],
      "one legend entry per name",
    );
  });

  await t.step(
    "the static SVG places each panel's SVG in the grid; Jupyter also gets a PNG",
    async () => {
      const grid = smallMultiples(panels(), { columns: 3, panelWidth: 200, panelHeight: 150 });
      const svg = grid.toSvg();
      assert.ok(svg.includes('viewBox="0 0 600 150"'));
      assert.equal(svg.match(/<svg x="400" y="0"/g)?.length, 1);
      const bundle = await grid[jupyterDisplay]();
      assert.ok((bundle["image/png"] as string).startsWith("iVBORw0KGgo"));
      assert.equal(bundle["text/plain"], "SmallMultiples: 3 panels");
    },
  );

  await t.step("bad input names the argument", () => {
    assert.throws(() => smallMultiples([]), /panels must be a non-empty array of figures/);
    assert.throws(() => smallMultiples([{} as never]), /panels\[0\] must be a figure/);
    assert.throws(
      () => smallMultiples(panels(), { columns: 0 }),
      /columns must be a positive integer/,
    );
    assert.throws(() => smallMultiples(panels(), { column: 2 } as never), /did you mean columns\?/);
  });
});
