import assert from "node:assert/strict";
import { scheduleChart, toSvg } from "../../lib/mod.ts";
import { logPlan } from "../../lib/plot/_axis.ts";
import { findAll, parseXml, textOf } from "./_xml.ts";

/** The y tick labels of a figure's SVG, top to bottom reversed (ascending values). */
function yLabels(lrs: Record<string, number[]>, width = 720, height = 420): string[] {
  const root = parseXml(toSvg(scheduleChart(lrs, { logY: true }), { width, height }));
  const group = findAll(root, (el) => el.attrs.class === "ytick")[0];
  assert.ok(group, "the SVG has a ytick group");
  return findAll(group, (el) => el.name === "text").map(textOf);
}

const SI = /[µmunpfkMG]$/;

Deno.test("log axes label decades as powers of ten or plain numbers, never both", async (t) => {
  await t.step("22 decades (1e-3 down to 3e-25): every label is 10ⁿ, evenly spaced", () => {
    const labels = yLabels({
      lr: Array.from({ length: 100 }, (_, t) => 1e-3 * Math.exp(-0.5 * t)),
    });
    assert.ok(labels.length >= 4 && labels.length <= 9, `${labels.length} labels`);
    assert.ok(labels.every((l) => /^10[−\d]+$/.test(l)), labels.join(" "));
    const exponents = labels.map((l) => Number(l.slice(2).replace("−", "-")));
    const gaps = new Set(exponents.slice(1).map((e, i) => e - exponents[i]!));
    assert.equal(gaps.size, 1, `one spacing between decades: ${exponents.join(", ")}`);
  });

  await t.step("1e-3 to 1: plain decades 0.001, 0.01, 0.1, 1 with unlabelled minor ticks", () => {
    const plan = logPlan(1e-3, 1, 8);
    assert.deepEqual(plan.ticks.map((t) => t.text), ["0.001", "0.01", "0.1", "1"]);
    assert.equal(plan.decadeStep, 1);
    assert.equal(plan.plain, true);
    // 2..9 in each of the three decades: 8 × 3 minor ticks, none labelled.
    assert.equal(plan.minor.length, 24);
    assert.ok(plan.minor.every((v) => !plan.ticks.some((t) => t.value === v)));
  });

  await t.step("less than two decades around 0.1: full 1-2-5 numbers, nothing ambiguous", () => {
    const plan = logPlan(0.02, 0.6, 8);
    assert.deepEqual(plan.ticks.map((t) => t.text), ["0.02", "0.05", "0.1", "0.2", "0.5"]);
    assert.equal(plan.decadeStep, 0);
    // Every label reads as its own value: parse it back.
    assert.deepEqual(plan.ticks.map((t) => Number(t.text)), plan.ticks.map((t) => t.value));
  });

  await t.step("less than two decades far from 1: mantissa × 10ⁿ, the same form everywhere", () => {
    const plan = logPlan(2e-6, 8e-5, 8);
    assert.deepEqual(plan.ticks.map((t) => t.text), [
      "2×10⁻⁶",
      "5×10⁻⁶",
      "10⁻⁵",
      "2×10⁻⁵",
      "5×10⁻⁵",
    ]);
    assert.equal(plan.plain, false);
  });

  await t.step("many decades thin to every k-th decade, aligned to multiples of k", () => {
    const plan = logPlan(1e-30, 1, 6);
    assert.equal(plan.decadeStep, 6);
    assert.deepEqual(plan.ticks.map((t) => t.value), [1e-30, 1e-24, 1e-18, 1e-12, 1e-6, 1]);
    assert.deepEqual(plan.minor, []);
  });

  await t.step("no SI prefix in any SVG label, at desktop and phone widths", () => {
    for (const lrs of [[1e-3, 1e-9, 1e-16], [5e-4, 2e-4], [100, 0.01]]) {
      for (const [w, h] of [[1280, 560], [375, 380]] as const) {
        const labels = yLabels({ lr: lrs }, w, h);
        assert.ok(labels.length >= 2, `${labels.join(" ")} for ${lrs}`);
        assert.ok(labels.every((l) => !SI.test(l)), labels.join(" "));
      }
    }
  });
});

Deno.test("plotly log axes follow the same rule as the SVG", async (t) => {
  await t.step(
    "many decades: exponentformat power, dtick in decades, minor digits unlabelled",
    () => {
      const y = Array.from({ length: 100 }, (_, t) => 1e-3 * Math.exp(-0.5 * t));
      const axis = scheduleChart(y, { logY: true }).layout.yaxis;
      assert.equal(axis?.type, "log");
      assert.equal(axis?.exponentformat, "power");
      assert.equal(axis?.minorloglabels, "none");
      const plan = logPlan(Math.min(...y), Math.max(...y), 8);
      assert.equal(axis?.dtick, plan.decadeStep);
      assert.ok(plan.decadeStep >= 2);
    },
  );

  await t.step("a few decades within 0.001..10000: dtick 1, plain numbers, minor gridlines", () => {
    const axis = scheduleChart([0.1, 0.01, 0.001], { logY: true }).layout.yaxis;
    assert.equal(axis?.dtick, 1);
    assert.equal(axis?.exponentformat, "none");
    assert.equal(axis?.minor?.showgrid, true);
  });

  await t.step("under two decades: explicit ticks with the SVG's labels", () => {
    const axis = scheduleChart([2e-6, 8e-5], { logY: true }).layout.yaxis;
    assert.equal(axis?.tickmode, "array");
    assert.deepEqual(axis?.tickvals, logPlan(2e-6, 8e-5, 8).ticks.map((t) => t.value));
    assert.deepEqual(axis?.ticktext, [
      "2×10<sup>−6</sup>",
      "5×10<sup>−6</sup>",
      "10<sup>−5</sup>",
      "2×10<sup>−5</sup>",
      "5×10<sup>−5</sup>",
    ]);
  });

  await t.step("a linear axis gets none of these settings", () => {
    const axis = scheduleChart([0.1, 0.01]).layout.yaxis;
    assert.equal(axis?.exponentformat, undefined);
    assert.equal(axis?.dtick, undefined);
  });
});

Deno.test("scheduleChart() leaves phone-width pages room: legend row under the plot, small right margin", () => {
  const two = scheduleChart({ a: [1, 2], b: [2, 1] }).layout;
  assert.equal(two.legend?.orientation, "h");
  assert.ok((two.legend?.y ?? 0) < 0, "below the plot area");
  assert.equal(scheduleChart([1, 2]).layout.legend, undefined);
  // plotly's default margins are 80 px on each side; the right one holds nothing here.
  assert.ok((two.margin?.r ?? 80) <= 30);
});

Deno.test("linear axes below 0.01 write plain decimals down to 0.001 (as plotly does)", () => {
  const root = parseXml(toSvg(scheduleChart([0.001, 0.0005, 0.0001]), { width: 720, height: 420 }));
  const labels = findAll(
    findAll(root, (el) => el.attrs.class === "ytick")[0]!,
    (el) => el.name === "text",
  ).map(textOf);
  assert.ok(labels.includes("0.0008") || labels.includes("0.0005"), labels.join(" "));
  assert.ok(labels.every((l) => !l.includes("e")), labels.join(" "));
});
