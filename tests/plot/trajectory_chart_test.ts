import assert from "node:assert/strict";
import { toSvg, trajectoryChart } from "../../lib/plot/mod.ts";

const a = Array.from({ length: 21 }, (_v, t) => [2 * 0.9 ** t, (-0.5) ** t]);
const b = Array.from({ length: 11 }, (_v, t) => [1 - t / 10, t / 10]);

Deno.test("trajectoryChart", async (t) => {
  const figure = trajectoryChart({ fixed: a, annealed: b }, {
    frames: 5,
    trail: 3,
    curves: [[[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]]],
    title: "paths",
  });

  await t.step(
    "data: the curves, then per run the faint whole path, its trail and its marker",
    () => {
      assert.equal(figure.data.length, 1 + 2 * 3);
      assert.deepEqual(figure.data[1]?.x, a.map((p) => Number(p[0]!.toPrecision(4))));
      assert.equal(figure.data[1]?.name, "fixed");
      assert.deepEqual(figure.data[3]?.x, [Number(a[20]![0]!.toPrecision(4))]);
      assert.deepEqual(figure.data[6]?.y, [1]); // the shorter run's marker stays at its end
    },
  );

  await t.step("frames: evenly spread steps, each a trail of the last `trail` points", () => {
    assert.deepEqual(figure.frames?.map((f) => f.name), ["0", "5", "10", "15", "20"]);
    assert.deepEqual(figure.frames?.[0]?.traces, [2, 3, 5, 6]);
    const mid = figure.frames![2]!;
    assert.deepEqual(mid.data[0]!.y, [0.003906, -0.001953, 0.0009766]); // steps 8..10, 4 digits
    assert.deepEqual(mid.data[2]!.x, [0.2, 0.1, 0]); // run b ends at step 10
    assert.deepEqual(figure.frames?.[4]?.data[3], { x: [0], y: [1] });
  });

  await t.step("a slider step per frame and a play button; the JSON keeps the frames", () => {
    const slider = figure.layout.sliders?.[0] as { steps: unknown[]; active: number };
    assert.equal(slider.steps.length, 5);
    assert.equal(slider.active, 4);
    assert.equal(JSON.parse(JSON.stringify(figure)).frames.length, 5);
    assert.ok(toSvg(figure).includes("paths"));
  });

  await t.step("bad input names the argument", () => {
    assert.throws(() => trajectoryChart({}), /runs must name at least one path/);
    assert.throws(
      () => trajectoryChart({ x: [[1, 2, 3]] }),
      /runs\["x"\]\[0\] must be an \[x, y\] pair/,
    );
    assert.throws(() => trajectoryChart({ x: [[1, NaN]] }), /runs\["x"\]\[0\]\[1\] must be finite/);
    assert.throws(() => trajectoryChart({ x: a }, { frames: 1 }), /frames must be at least 2/);
    assert.throws(() => trajectoryChart({ x: a }, { frame: 3 } as never), /did you mean frames\?/);
  });
});
