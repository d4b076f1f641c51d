/**
 * Every chart builder's static SVG, drawn at a desktop width (1280 px) and a phone width
 * (375 px): no text element overlaps another, and none leaves the picture. Text boxes are
 * estimated with the renderer's own `textWidth` (lib/plot/_text.ts) and a line height of one
 * font size (ascent 0.75 em above the baseline, descent 0.25 em below); boxes may touch, and
 * overlaps up to 0.5 px (rounding) are allowed.
 */

import assert from "node:assert/strict";
import {
  barChart,
  type FigureJson,
  historyChart,
  rangeTestChart,
  scatterChart,
  scheduleChart,
  sweepChart,
  toSvg,
  trajectoryChart,
} from "../../lib/mod.ts";
import { textWidth } from "../../lib/plot/_text.ts";
import { parseXml, textOf, type XmlElement } from "./_xml.ts";

/** The two page widths and the picture heights drawn for them. */
const SIZES = [{ width: 1280, height: 560 }, { width: 375, height: 380 }] as const;
const TOLERANCE = 0.5;

interface Box {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The inherited value of an attribute (the element's own, else its nearest ancestor's). */
function inherited(path: XmlElement[], name: string): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const v = path[i]?.attrs[name];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The estimated box of every `<text>` element, in picture pixels. */
function textBoxes(svg: string): Box[] {
  const boxes: Box[] = [];
  const walk = (el: XmlElement, path: XmlElement[]) => {
    const here = [...path, el];
    if (el.name === "text") {
      const text = textOf(el);
      const size = Number(inherited(here, "font-size") ?? 16);
      const anchor = inherited(here, "text-anchor") ?? "start";
      const x = Number(el.attrs.x ?? 0);
      const dy = el.attrs.dy ?? "0";
      const y = Number(el.attrs.y ?? 0) +
        (dy.endsWith("em") ? Number(dy.slice(0, -2)) * size : Number(dy));
      const w = textWidth(text, size);
      const start = anchor === "middle" ? -w / 2 : anchor === "end" ? -w : 0;
      const rotated = /rotate\(\s*-90/.test(el.attrs.transform ?? "");
      if (rotated) {
        // rotate(-90 x y) about the anchor point: the text runs upwards from (x, y).
        boxes.push({
          text,
          x0: x - 0.75 * size,
          x1: x + 0.25 * size,
          y0: y - start - w,
          y1: y - start,
        });
      } else {
        boxes.push({
          text,
          x0: x + start,
          x1: x + start + w,
          y0: y - 0.75 * size,
          y1: y + 0.25 * size,
        });
      }
      return;
    }
    for (const child of el.children) walk(child, here);
  };
  walk(parseXml(svg), []);
  return boxes;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return Math.min(w, h);
}

/** Every problem of the picture's text layout, as readable lines (empty when none). */
function layoutProblems(svg: string, width: number, height: number): string[] {
  const boxes = textBoxes(svg);
  const problems: string[] = [];
  for (const b of boxes) {
    if (
      b.x0 < -TOLERANCE || b.y0 < -TOLERANCE || b.x1 > width + TOLERANCE ||
      b.y1 > height + TOLERANCE
    ) {
      problems.push(
        `"${b.text}" leaves the ${width}×${height} picture: x ${b.x0.toFixed(1)}..${
          b.x1.toFixed(1)
        }, y ${b.y0.toFixed(1)}..${b.y1.toFixed(1)}`,
      );
    }
  }
  boxes.forEach((a, i) => {
    boxes.slice(i + 1).forEach((b) => {
      if (overlap(a, b) > TOLERANCE) problems.push(`"${a.text}" overlaps "${b.text}"`);
    });
  });
  return problems;
}

const n = 200;
const ts = Array.from({ length: n }, (_, t) => t);
const history = (scale: number) => ({
  iteration: ts.map((t) => (t + 1) * 500),
  loss: ts.map((t) => scale * (0.05 + 0.7 / (1 + t / 5))),
  trainAccuracy: ts.map((t) => Math.min(1, 0.6 + t / 250)),
  testAccuracy: ts.map((t) => Math.min(1, 0.55 + t / 240)),
  lr: ts.map((t) => 1e-3 * 0.5 ** Math.floor(t / 20)),
});

/** One figure per chart builder, with titles and names as long as the notebooks use. */
const FIGURES: Record<string, FigureJson> = {
  "scheduleChart, three named schedules, log axis over 22 decades": scheduleChart({
    "step decay": ts.map((t) => 1e-3 * 0.5 ** Math.floor(t / 10)),
    "exponential decay": ts.map((t) => 1e-3 * Math.exp(-0.25 * t)),
    "1/t decay": ts.map((t) => 1e-3 / (1 + 0.5 * t)),
  }, {
    title: "Step vs exponential vs 1/t decay (lr0 = 1e-3, k = 0.5)",
    xTitle: "iteration",
    logY: true,
    steps: true,
  }),
  "scheduleChart, one series, linear axis, labelled milestones": scheduleChart(
    ts.map((t) => 0.1 * 0.5 ** Math.floor(t / 40)),
    {
      title: "Step decay: lr0 = 0.1, β = 0.5, T = 40",
      milestones: [{ x: 40, label: "first drop" }, { x: 80, label: "second" }, 120, {
        x: 199,
        label: "lr ÷ 2 at the end",
      }],
      steps: true,
    },
  ),
  "scheduleChart, log axis within one decade": scheduleChart({
    "cosine from 0.5": ts.map((t) => 0.05 + 0.45 * (1 + Math.cos(Math.PI * t / n)) / 2),
  }, { logY: true, title: "A gentle cosine" }),
  "historyChart, two runs, loss and accuracy": historyChart(
    { "constant lr = 5e-2 on the mean loss": history(1), "step decay from 1e-3": history(0.8) },
    { title: "Iris: training loss and accuracy, two schedules", metrics: ["loss"], logY: true },
  ),
  "sweepChart, seven schedules with bands": sweepChart(
    ["constant", "step", "exponential", "1/t", "cosine", "one-cycle", "warmup + cosine"].map(
      (name, i) => ({
        name,
        x: ts.slice(0, 50),
        runs: [0, 1, 2].map((s) =>
          ts.slice(0, 50).map((t) => 1 / (1 + t * (i + 1) / 10) + s / 100)
        ),
      }),
    ),
    { title: "Test loss over 3 seeds, mean ± std", xTitle: "epoch", yTitle: "test loss" },
  ),
  "rangeTestChart with a suggestion": rangeTestChart({
    lrs: ts.map((t) => 1e-7 * 10 ** (t / 25)),
    losses: ts.map((t) =>
      1.2 - 0.8 * Math.exp(-((t - 120) ** 2) / 2000) + (t > 170 ? (t - 170) / 5 : 0)
    ),
    suggestedLr: 1e-3,
  }, { title: "LR range test on Iris" }),
  "scatterChart with groups": scatterChart({
    x: ts.map((t) => Math.cos(t)),
    y: ts.map((t) => Math.sin(2 * t)),
    groups: ts.map((t) => t % 3),
  }, {
    title: "Iris petals",
    xTitle: "petal length (cm)",
    yTitle: "petal width (cm)",
    groupNames: ["setosa", "versicolor", "virginica"],
  }),
  "trajectoryChart, two runs": trajectoryChart({
    "fixed lr": ts.slice(0, 30).map((
      t,
    ) => [Math.cos(t) / (1 + t / 10), Math.sin(t) / (1 + t / 10)]),
    "annealed lr": ts.slice(0, 30).map((t) => [Math.cos(t) / (1 + t), Math.sin(t) / (1 + t)]),
  }, { title: "Weights on a bowl", xTitle: "w₁", yTitle: "w₂" }),
  "barChart": barChart(
    { "step decay": 0.02, "exponential decay": 0.0025, "1/t decay": 0.008 },
    { title: "Σ lr over 100 iterations", yTitle: "total learning rate" },
  ),
};

for (const { width, height } of SIZES) {
  Deno.test(`every chart builder's SVG at ${width} px: no text overlaps or leaves the picture`, async (t) => {
    for (const [name, figure] of Object.entries(FIGURES)) {
      await t.step(name, () => {
        const svg = toSvg(figure, { width, height });
        assert.deepEqual(layoutProblems(svg, width, height), []);
      });
    }
  });
}

Deno.test("textBoxes() and layoutProblems() catch overlaps and text outside the picture", () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">` +
    `<text x="10" y="20" font-size="11">overlapping</text>` +
    `<text x="20" y="22" font-size="11">words</text>` +
    `<text x="95" y="40" font-size="11" text-anchor="start">cut</text></svg>`;
  const boxes = textBoxes(svg);
  assert.equal(boxes.length, 3);
  assert.equal(boxes[0]?.x1! - boxes[0]?.x0!, textWidth("overlapping", 11));
  const problems = layoutProblems(svg, 100, 50);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /"cut" leaves the 100×50 picture/);
  assert.equal(problems[1], `"overlapping" overlaps "words"`);
  const rotated = textBoxes(
    `<svg><text x="16" y="100" transform="rotate(-90 16 100)" font-size="10" text-anchor="middle">ab</text></svg>`,
  )[0]!;
  assert.deepEqual([rotated.x0, rotated.x1], [8.5, 18.5]);
  assert.ok(Math.abs(rotated.y1 - rotated.y0 - textWidth("ab", 10)) < 1e-9);
});
