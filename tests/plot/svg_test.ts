import assert from "node:assert/strict";
import { type FigureJson, scheduleChart, sweepChart, toSvg } from "../../lib/mod.ts";
import { findAll, parseXml, textOf, type XmlElement } from "./_xml.ts";

const steps = Array.from({ length: 50 }, (_, i) => i);
const decay = (base: number) => steps.map((i) => 0.1 * base ** i);

function lineFigure(): FigureJson {
  return {
    data: [
      { type: "scatter", mode: "lines", name: "a", x: steps, y: decay(0.9) },
      { type: "scatter", mode: "lines", name: "b", x: steps, y: decay(0.95) },
      { type: "scatter", mode: "lines+markers", name: "c", x: [0, 10, 20], y: [0.1, 0.01, 0.001] },
    ],
    layout: {
      title: { text: "Three <decays> & more" },
      xaxis: { title: { text: "step" } },
      yaxis: { title: { text: "learning rate" }, type: "log" },
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: 25, x1: 25, y0: 0, y1: 1 }],
    },
  };
}

const byClass = (root: XmlElement, cls: string) => findAll(root, (e) => e.attrs.class === cls);

Deno.test("the test's XML checker rejects malformed documents", () => {
  assert.throws(() => parseXml("<svg><g></svg>"), SyntaxError);
  assert.throws(() => parseXml("<svg><g></g>"), SyntaxError);
  assert.throws(() => parseXml('<svg a="1" a="2"/>'), SyntaxError);
  assert.throws(() => parseXml("<svg>a & b</svg>"), SyntaxError);
  assert.throws(() => parseXml("<svg/><svg/>"), SyntaxError);
  assert.equal(parseXml('<svg a="&lt;"><t>x &amp; y</t></svg>').children[0]?.text, "x & y");
});

Deno.test("toSvg()", async (t) => {
  await t.step("writes one well-formed svg element with the requested size", () => {
    const svg = toSvg(lineFigure(), { width: 640, height: 400 });
    const root = parseXml(svg);
    assert.equal(root.name, "svg");
    assert.equal(root.attrs.xmlns, "http://www.w3.org/2000/svg");
    assert.equal(root.attrs.width, "640");
    assert.equal(root.attrs.height, "400");
    assert.equal(root.attrs.viewBox, "0 0 640 400");
  });

  await t.step("defaults to the layout's size, else 720×420", () => {
    assert.equal(parseXml(toSvg(lineFigure())).attrs.width, "720");
    const sized = { ...lineFigure(), layout: { ...lineFigure().layout, width: 500, height: 300 } };
    assert.equal(parseXml(toSvg(sized)).attrs.height, "300");
  });

  await t.step("draws one path per line trace and one marker per point", () => {
    const root = parseXml(toSvg(lineFigure()));
    assert.equal(byClass(root, "line").length, 3);
    assert.ok(byClass(root, "line").every((p) => p.name === "path" && p.attrs.d?.startsWith("M")));
    const markers = byClass(root, "markers");
    assert.equal(markers.length, 1);
    assert.equal(markers[0]?.children.length, 3);
  });

  await t.step("puts labelled log ticks at every decade in view", () => {
    const root = parseXml(toSvg(lineFigure()));
    const labels = byClass(root, "ytick")[0]?.children.map(textOf) ?? [];
    // The data span 0.1 × 0.9^49 ≈ 5.7e-4 to 0.1: decades 10^-3, 10^-2, 10^-1.
    assert.deepEqual(labels, ["0.001", "0.01", "0.1"]);
  });

  await t.step("writes decades outside [1e-3, 1e3] as 10 with a superscript exponent", () => {
    const figure: FigureJson = {
      data: [{ type: "scatter", mode: "lines", x: [0, 1], y: [1e-6, 1e-2] }],
      layout: { yaxis: { type: "log" } },
    };
    const root = parseXml(toSvg(figure));
    const ticks = byClass(root, "ytick")[0]?.children ?? [];
    assert.deepEqual(ticks.map(textOf), ["10−6", "10−5", "10−4", "10−3", "10−2"]);
    assert.ok(ticks.every((tick) => tick.children[0]?.name === "tspan"));
    // Decades are evenly spaced on a log axis (2-decimal rounding: tolerance 0.02 px).
    const ys = ticks.map((tick) => Number(tick.attrs.y));
    const gaps = ys.slice(1).map((y, i) => y - (ys[i] as number));
    for (const gap of gaps) assert.ok(Math.abs(gap - (gaps[0] as number)) <= 0.02);
  });

  await t.step(
    "never writes NaN, Infinity or undefined, even for gaps and non-positive values",
    () => {
      const figure: FigureJson = {
        data: [
          {
            type: "scatter",
            mode: "lines+markers",
            name: "gappy",
            x: [0, 1, 2, 3],
            y: [1, NaN, 0, -1],
          },
          { type: "scatter", mode: "lines", name: "empty", x: [], y: [] },
        ],
        layout: { yaxis: { type: "log" }, xaxis: { type: "log" } },
      };
      const svg = toSvg(figure);
      parseXml(svg);
      for (const bad of ["NaN", "Infinity", "undefined", "null"]) {
        assert.ok(
          !svg.includes(bad),
          bad,
        );
      }
    },
  );

  await t.step("is deterministic: the same figure gives the same bytes", () => {
    const a = toSvg(lineFigure());
    const b = toSvg(JSON.parse(JSON.stringify(lineFigure())));
    assert.equal(a, b);
    const fig = scheduleChart({ x: decay(0.9) }, { milestones: [10] });
    assert.equal(toSvg(fig), toSvg(fig));
  });

  await t.step("gives different figures different clip-path ids", () => {
    const clipId = (svg: string) =>
      findAll(parseXml(svg), (e) => e.name === "clipPath")[0]?.attrs.id;
    const a = clipId(toSvg(lineFigure()));
    const b = clipId(toSvg(scheduleChart([1, 2, 3])));
    assert.match(a ?? "", /^anneal-clip-[0-9a-f]{8}$/);
    assert.notEqual(a, b);
  });

  await t.step("escapes text and shows the title, axis titles and legend", () => {
    const svg = toSvg(lineFigure());
    assert.ok(svg.includes("Three &lt;decays&gt; &amp; more"));
    const root = parseXml(svg);
    assert.equal(textOf(byClass(root, "title")[0] as XmlElement), "Three <decays> & more");
    assert.equal(textOf(byClass(root, "xtitle")[0] as XmlElement), "step");
    assert.equal(textOf(byClass(root, "ytitle")[0] as XmlElement), "learning rate");
    const legend = byClass(root, "legend")[0] as XmlElement;
    assert.deepEqual(legend.children.filter((e) => e.name === "text").map(textOf), ["a", "b", "c"]);
  });

  await t.step("draws shapes as lines spanning the plot height", () => {
    const root = parseXml(toSvg(lineFigure()));
    const [shape] = byClass(root, "shape");
    assert.ok(shape !== undefined);
    assert.equal(shape.attrs.x1, shape.attrs.x2);
    const yAxis = findAll(byClass(root, "axes")[0] as XmlElement, (e) => e.name === "line")[1];
    assert.equal(shape.attrs.y1, yAxis?.attrs.y2);
    assert.equal(shape.attrs.y2, yAxis?.attrs.y1);
  });

  await t.step("hides the legend for a single named trace", () => {
    const root = parseXml(toSvg(scheduleChart([0.1, 0.05])));
    assert.equal(byClass(root, "legend").length, 0);
  });

  await t.step("fills bands as closed paths with opacity", () => {
    const figure = sweepChart([{ name: "s", x: [1, 2, 3], runs: [[1, 2, 3], [2, 3, 4]] }]);
    const root = parseXml(toSvg(figure));
    const [band] = byClass(root, "band");
    assert.ok(band?.attrs.d?.endsWith("Z"));
    assert.equal(band?.attrs.fill, "rgb(31,119,180)");
    assert.equal(band?.attrs["fill-opacity"], "0.2");
    assert.equal(byClass(root, "line").length, 1);
  });

  await t.step("rejects a non-positive size", () => {
    assert.throws(() => toSvg(lineFigure(), { width: 0 }), {
      name: "RangeError",
      message: "width must be positive, got width=0",
    });
  });
});
