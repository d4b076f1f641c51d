import assert from "node:assert/strict";
import { scheduleChart, toHtml } from "../../lib/mod.ts";

const a = scheduleChart([0.1, 0.05, 0.025], { title: "Halving </script> <b>" });
const b = scheduleChart({ x: [1, 2], y: [2, 1] });

Deno.test("toHtml()", async (t) => {
  await t.step("shows each figure's static SVG when no plotly.js is given", () => {
    const page = toHtml([a, b], { title: "Schedules & more" });
    assert.ok(page.startsWith("<!doctype html>\n"));
    assert.ok(page.includes("<title>Schedules &amp; more</title>"));
    assert.equal(page.match(/<svg /g)?.length, 2);
    assert.ok(page.includes('id="figure-0"') && page.includes('id="figure-1"'));
    assert.ok(!page.includes("<script"));
  });

  await t.step("inlines plotly.js and one newPlot call per figure when given its source", () => {
    const plotlyJs = "window.Plotly = { newPlot() {} }; // '</script>' in a comment";
    const page = toHtml([a, b], { plotlyJs });
    assert.equal(page.match(/Plotly\.newPlot\(/g)?.length, 2);
    assert.ok(page.includes("<\\/script>' in a comment"));
    assert.ok(!page.includes("<svg"));
    // The figure JSON may hold "</script>": it must not end the script element early.
    assert.equal(page.match(/<\/script>/gi)?.length, 3);
    const json = /Plotly\.newPlot\("figure-0", (.*), (\{.*\}), (\{.*\})\);<\/script>/.exec(page);
    assert.ok(json !== null);
    assert.deepEqual(JSON.parse(json[1] as string), JSON.parse(JSON.stringify(a.data)));
    assert.deepEqual(JSON.parse(json[2] as string), JSON.parse(JSON.stringify(a.layout)));
    assert.deepEqual(JSON.parse(json[3] as string), { responsive: true });
  });

  await t.step("accepts one figure and is deterministic", () => {
    assert.equal(toHtml(a), toHtml(a));
    assert.equal(toHtml(a), toHtml([a]));
  });
});
