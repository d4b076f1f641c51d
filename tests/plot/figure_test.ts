import assert from "node:assert/strict";
import { Figure, type FigureJson, jupyterDisplay } from "../../lib/mod.ts";
import { parseXml } from "./_xml.ts";

function json(): FigureJson {
  return {
    data: [
      { type: "scatter", mode: "lines", name: "step", x: [0, 1, 2], y: [0.1, 0.1, 0.05] },
      { type: "scatter", mode: "lines", name: "exp", x: [0, 1, 2], y: [0.1, 0.09, 0.081] },
      { type: "scatter", mode: "lines", name: "1/t", x: [0, 1, 2], y: [0.1, 0.05, 0.033] },
    ],
    layout: { title: { text: "Step vs exponential vs 1/t decay" } },
  };
}

Deno.test("Figure", async (t) => {
  await t.step('displays through Symbol.for("Jupyter.display") with a PNG of the SVG', async () => {
    const figure = new Figure(json());
    assert.equal(jupyterDisplay, Symbol.for("Jupyter.display"));
    const method = (figure as unknown as Record<symbol, () => Promise<Record<string, unknown>>>)[
      Symbol.for("Jupyter.display")
    ];
    assert.equal(typeof method, "function");
    const bundle = (await method?.call(figure)) ?? {};
    assert.deepEqual(Object.keys(bundle).sort(), [
      "application/vnd.plotly.v1+json",
      "image/png",
      "image/svg+xml",
      "text/plain",
    ]);
    // The PNG: signature, then IHDR with the SVG's size (720 x 420 by default).
    const png = Uint8Array.from(atob(String(bundle["image/png"])), (c) => c.charCodeAt(0));
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer);
    assert.deepEqual([view.getUint32(16), view.getUint32(20)], [720, 420]);
    assert.deepEqual(figure.display()["image/svg+xml"], bundle["image/svg+xml"]);
  });

  await t.step("display() is synchronous and has no PNG (the rasteriser loads on demand)", () => {
    assert.deepEqual(Object.keys(new Figure(json()).display()).sort(), [
      "application/vnd.plotly.v1+json",
      "image/svg+xml",
      "text/plain",
    ]);
  });

  await t.step("bundles plotly JSON that survives a JSON round trip unchanged", () => {
    const figure = new Figure({ ...json(), config: { displaylogo: false } });
    const bundle = figure.display();
    const plotly = bundle["application/vnd.plotly.v1+json"];
    assert.deepEqual(JSON.parse(JSON.stringify(plotly)), plotly);
    assert.deepEqual(plotly, { ...json(), config: { displaylogo: false } });
    assert.equal(Object.getPrototypeOf(plotly), Object.prototype);
  });

  await t.step("bundles a well-formed SVG and a one-line summary", () => {
    const bundle = new Figure(json()).display();
    assert.equal(parseXml(bundle["image/svg+xml"]).name, "svg");
    assert.equal(bundle["text/plain"], 'Figure: 3 traces, "Step vs exponential vs 1/t decay"');
    assert.ok(!bundle["text/plain"].includes("\n"));
  });

  await t.step("summarises untitled and single-trace figures", () => {
    assert.equal(new Figure({ data: [], layout: {} }).summary(), "Figure: 0 traces");
    const one = new Figure({ data: [json().data[0]!], layout: { title: { text: 'a "b"' } } });
    assert.equal(one.summary(), 'Figure: 1 trace, "a \\"b\\""');
    assert.equal(String(one), one.summary());
  });

  await t.step("serialises to plain plotly JSON without the display symbol", () => {
    const figure = new Figure(json());
    assert.equal(JSON.stringify(figure), JSON.stringify(json()));
    assert.ok(!("config" in figure.toJSON()));
  });

  await t.step("displays the same bytes every time", () => {
    const a = new Figure(json()).display();
    const b = new Figure(json()).display();
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  });

  await t.step("bundles a copy: changing the bundle leaves the figure alone", () => {
    const figure = new Figure(json());
    const plotly = figure.display()["application/vnd.plotly.v1+json"];
    plotly.data.pop();
    assert.equal(figure.data.length, 3);
  });
});
