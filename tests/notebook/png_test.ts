import assert from "node:assert/strict";
import { Figure, toPng, toSvg } from "../../lib/mod.ts";

/** Decodes an 8-bit palette PNG with filter 0 rows (what toPng writes) to RGB triples. */
async function decodeIndexed(png: Uint8Array): Promise<{ w: number; h: number; rgb: Uint8Array }> {
  const view = new DataView(png.buffer, png.byteOffset);
  let at = 8;
  let w = 0, h = 0;
  let plte: Uint8Array = new Uint8Array(0);
  const idat: Uint8Array<ArrayBuffer>[] = [];
  while (at < png.length) {
    const len = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === "IHDR") {
      [w, h] = [view.getUint32(at + 8), view.getUint32(at + 12)];
      assert.deepEqual([...data.subarray(8)], [8, 3, 0, 0, 0], "8-bit palette, no interlace");
    }
    if (type === "PLTE") plte = data;
    if (type === "IDAT") idat.push(data.slice());
    at += 12 + len;
  }
  const rows = new Uint8Array(
    await new Response(new Blob(idat).stream().pipeThrough(new DecompressionStream("deflate")))
      .arrayBuffer(),
  );
  assert.equal(rows.length, (w + 1) * h);
  const rgb = new Uint8Array(3 * w * h);
  for (let y = 0; y < h; y++) {
    assert.equal(rows[y * (w + 1)], 0, "filter type 0");
    for (let x = 0; x < w; x++) {
      const i = rows[y * (w + 1) + 1 + x]!;
      rgb.set(plte.subarray(3 * i, 3 * i + 3), 3 * (y * w + x));
    }
  }
  return { w, h, rgb };
}

Deno.test("toPng()", async (t) => {
  await t.step("draws resvg's pixels: palette PNG decodes within 3 levels on average", async () => {
    // A gradient has far more than 256 colours, so some pixels take the nearest palette entry.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#1f77b4"/>
      <stop offset="1" stop-color="#ff7f0e"/></linearGradient></defs>
      <rect width="200" height="100" fill="white"/><rect x="10" y="10" width="180" height="30" fill="url(#g)"/>
      <path d="M0 90 L200 50" stroke="#2ca02c" stroke-width="3"/></svg>`;
    const png = await toPng(svg);
    const { Resvg } = await import("npm:@resvg/resvg-wasm@2.6.2"); // initialised by toPng
    const reference = new Resvg(svg, { background: "white" }).render().pixels;
    const { w, h, rgb } = await decodeIndexed(png);
    assert.deepEqual([w, h], [200, 100]);
    let sum = 0, exact = 0;
    for (let p = 0; p < w * h; p++) {
      const d = [0, 1, 2].map((c) => Math.abs(rgb[3 * p + c]! - reference[4 * p + c]!));
      sum += d[0]! + d[1]! + d[2]!;
      if (d.every((v) => v === 0)) exact++;
    }
    assert.ok(sum / (3 * w * h) < 3, `mean error ${sum / (3 * w * h)} levels`);
    assert.ok(exact / (w * h) > 0.8, `${exact} of ${w * h} pixels exact`);
    // The white background and the line's flat colour are exact.
    assert.deepEqual([...rgb.subarray(0, 3)], [255, 255, 255]);
  });

  await t.step(
    "a chart: Figure's SVG at 720 x 420 or a given width, well under 20 kB",
    async () => {
      const figure = new Figure({
        data: [{ type: "scatter", name: "lr", x: [0, 10, 20], y: [1, 0.5, 0.25] }],
        layout: { title: { text: "Halving" } },
      });
      const full = await decodeIndexed(await toPng(toSvg(figure)));
      assert.deepEqual([full.w, full.h], [720, 420]);
      const half = await toPng(toSvg(figure), { width: 360 });
      assert.deepEqual([(await decodeIndexed(half)).w, (await decodeIndexed(half)).h], [360, 210]);
      assert.ok((await toPng(toSvg(figure))).length < 20_000);
    },
  );

  await t.step("rejects a non-string, a bad width and unknown options", async () => {
    await assert.rejects(toPng(3 as never), {
      name: "TypeError",
      message: "svg must be a string, got svg=3",
    });
    await assert.rejects(toPng("<svg/>", { width: 0 }), RangeError);
    await assert.rejects(toPng("<svg/>", { height: 2 } as never), TypeError);
  });
});
