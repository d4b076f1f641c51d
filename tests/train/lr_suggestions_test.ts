/**
 * fastai's and Lightning's learning-rate suggestions against tests/fixtures/lr_finder.json,
 * written by tools/fixtures_lr_finder.py, which runs fastai's `minimum`, `steep`, `valley`,
 * `slide` and Lightning's `_LRFinder.suggestion`, copied unchanged from their sources, under
 * torch 1.13 on twelve range-test curves (float64 tensors).
 */

import assert from "node:assert/strict";
import {
  fastaiCurve,
  lightningSuggestion,
  type LrSuggestion,
  minimumSuggestion,
  slideSuggestion,
  steepSuggestion,
  valleySuggestion,
} from "../../lib/train/lr_range_test.ts";

type Json = number | string;
interface Expected {
  lr: Json;
  pointLr: Json;
  pointLoss: Json;
}
interface Suggestions {
  minimum: Expected;
  steep: Expected;
  valley: Expected;
  slide: Expected;
  slideWide: Expected & { lrDiff: number; thresh: number; adjustValue: number };
  lightning: { skipBegin: number; skipEnd: number; lr: number | null; index: number | null }[];
}
const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/lr_finder.json", import.meta.url)),
) as {
  torch: string;
  sources: Record<string, { commit: string | null }>;
  cases: {
    name: string;
    numIt: number;
    lrs: number[];
    losses: Json[];
    float64: Suggestions;
    float32: Suggestions;
  }[];
};

const num = (v: Json) => typeof v === "number" ? v : Number(v);

/** lr and pointLr to the bit; the marked loss within 1e-12 relative (slide interpolates in log10). */
function assertSuggestion(actual: LrSuggestion, expected: Expected, what: string) {
  assert.equal(actual.lr, num(expected.lr), `${what} lr`);
  assert.equal(actual.pointLr, num(expected.pointLr), `${what} pointLr`);
  const e = num(expected.pointLoss);
  if (!Number.isFinite(e)) assert.equal(actual.pointLoss, e, `${what} pointLoss`);
  else {
    assert.ok(
      Math.abs(actual.pointLoss - e) <= 1e-12 * Math.abs(e),
      `${what} pointLoss ${actual.pointLoss} vs ${e}`,
    );
  }
}

Deno.test("the LR finder fixture was made by torch from fastai's and Lightning's code", () => {
  assert.match(fixture.torch, /^\d+\.\d+/);
  assert.match(fixture.sources.fastai?.commit ?? "", /^[0-9a-f]{40}$/);
  assert.match(fixture.sources.lightning?.commit ?? "", /^[0-9a-f]{40}$/);
  assert.ok(fixture.cases.length >= 10);
});

let float32Agree = 0;
let float32Total = 0;
for (const c of fixture.cases) {
  const lrs = c.lrs;
  const losses = c.losses.map(num);
  Deno.test(`fastai's four suggestions on the ${c.name}, lrs to the bit`, () => {
    const cut = fastaiCurve(lrs, losses, c.numIt);
    const e = c.float64;
    assertSuggestion(minimumSuggestion(cut.lrs, cut.losses), e.minimum, "minimum");
    assertSuggestion(steepSuggestion(cut.lrs, cut.losses), e.steep, "steep");
    assertSuggestion(valleySuggestion(cut.lrs, cut.losses), e.valley, "valley");
    assertSuggestion(slideSuggestion(cut.lrs, cut.losses), e.slide, "slide");
    const { lrDiff, thresh, adjustValue } = e.slideWide;
    assertSuggestion(
      slideSuggestion(cut.lrs, cut.losses, { lrDiff, thresh, adjustValue }),
      e.slideWide,
      "slide with options",
    );
    // fastai's own float32 tensors: the same point where float32 rounding keeps the order
    for (const name of ["minimum", "steep", "valley", "slide"] as const) {
      float32Total += 1;
      if (Math.fround(num(e[name].lr)) === num(c.float32[name].lr)) float32Agree += 1;
    }
  });
  Deno.test(`Lightning's steepest point on the ${c.name}, with four skipBegin/skipEnd pairs`, () => {
    for (const e of c.float64.lightning) {
      const s = lightningSuggestion(lrs, losses, { skipBegin: e.skipBegin, skipEnd: e.skipEnd });
      assert.equal(s?.index ?? null, e.index, `skip ${e.skipBegin}/${e.skipEnd}`);
      assert.equal(s?.lr ?? null, e.lr);
    }
    for (const [i, e] of c.float32.lightning.entries()) {
      float32Total += 1;
      if (e.index === c.float64.lightning[i]!.index) float32Agree += 1;
    }
  });
}

Deno.test("the float64 suggestions pick the same points as fastai's and Lightning's float32", () => {
  console.log(`${float32Agree}/${float32Total} suggestions pick the float32 run's point`);
  assert.ok(float32Agree >= 0.8 * float32Total);
});

Deno.test("Lightning's skipEnd = 0 skips everything (Python's [a:-0]) and gives null", () => {
  assert.equal(lightningSuggestion([1, 2, 3], [3, 2, 1], { skipBegin: 0, skipEnd: 0 }), null);
  assert.equal(lightningSuggestion([1, 2, 3], [3, NaN, 1], { skipBegin: 0, skipEnd: 1 }), null);
});

Deno.test("slideSuggestion needs lrDiff + 1 points, as fastai's indexing does", () => {
  const lrs = Array.from({ length: 15 }, (_, i) => 10 ** (i - 10));
  assert.throws(
    () => slideSuggestion(lrs, lrs.map(() => 1)),
    new RangeError("slideSuggestion needs at least 16 points, got 15"),
  );
});
