/**
 * `toPng`: rasterises our own SVG to PNG with resvg (its WebAssembly build from npm,
 * `@resvg/resvg-wasm`, with the Arimo font from npm's `@expo-google-fonts/arimo`: Arimo has
 * Arial's metrics, which the SVG's label layout assumes). Both load on
 * the first call, from the npm cache (no network at run time once cached), so a program that
 * never asks for a PNG never loads them. Notebooks use it through a figure's display: the PNG is
 * what untrusted Jupyter Notebook shows, where it hides SVG.
 *
 * @module
 */

import * as check from "../_check.ts";

type Resvg = typeof import("npm:@resvg/resvg-wasm@2.6.2");

let loading: Promise<{ resvg: Resvg; fonts: Uint8Array[] }> | undefined;

/** Loads resvg's wasm and the fonts once, from the npm packages' files. */
function load(): Promise<{ resvg: Resvg; fonts: Uint8Array[] }> {
  loading ??= (async () => {
    const resvg = await import("npm:@resvg/resvg-wasm@2.6.2");
    // Brings the font package into the npm cache (it has no code to import).
    await import("npm:@expo-google-fonts/arimo@0.4.3/package.json", { with: { type: "json" } });
    // Imported here, not at the top, so that a browser bundle of anneal still loads.
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    const arimo = "@expo-google-fonts/arimo";
    const [wasm, ...fonts] = await Promise.all([
      Deno.readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")),
      Deno.readFile(require.resolve(`${arimo}/400Regular/Arimo_400Regular.ttf`)),
      Deno.readFile(require.resolve(`${arimo}/600SemiBold/Arimo_600SemiBold.ttf`)),
    ]);
    await resvg.initWasm(wasm!);
    return { resvg, fonts };
  })();
  return loading;
}

/** Options of {@linkcode toPng}. */
export interface PngOptions {
  /** Pixel width of the PNG, at most 16384; default the SVG's own width (its height scales). */
  width?: number;
}

/** The widest PNG {@linkcode toPng} draws, in pixels. */
const MAX_WIDTH = 16384;

/**
 * The PNG bytes of an SVG document, drawn on white, text in Arimo (the SVG asks for Helvetica
 * or Arial; Arimo has Arial's metrics).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, toSvg } from "../plot/mod.ts";
 * import { toPng } from "./mod.ts";
 *
 * const figure = new Figure({ data: [{ type: "scatter", x: [0, 1], y: [1, 0] }], layout: {} });
 * const png = await toPng(toSvg(figure), { width: 360 });
 * assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71]); // "PNG"
 * assert.equal(new DataView(png.buffer, png.byteOffset).getUint32(16), 360); // IHDR width
 * ```
 */
export async function toPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  check.options("toPng", options, ["width"]);
  if (typeof svg !== "string") {
    throw new TypeError(`svg must be a string, got svg=${check.show(svg)}`);
  }
  const width = options.width === undefined
    ? undefined
    : check.positiveInteger("width", options.width);
  if (width !== undefined && width > MAX_WIDTH) {
    throw new RangeError(`width must be at most ${MAX_WIDTH} pixels, got width=${width}`);
  }
  const { resvg, fonts } = await load();
  let renderer: InstanceType<typeof resvg.Resvg>;
  try {
    renderer = new resvg.Resvg(svg, {
      background: "white",
      fitTo: width === undefined ? { mode: "original" } : { mode: "width", value: width },
      font: {
        fontBuffers: fonts,
        loadSystemFonts: false,
        defaultFontFamily: "Arimo",
        sansSerifFamily: "Arimo",
      },
    });
  } catch (e) {
    throw new RangeError(
      `svg must be an SVG document (${(e as Error).message}), got svg=${check.show(svg)}`,
    );
  }
  try {
    const image = renderer.render();
    try {
      return await indexedPng(image.pixels, image.width, image.height);
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}

/**
 * Encodes opaque RGBA pixels as an 8-bit palette PNG: the 256 most frequent colours, every other
 * colour drawn as the nearest of them (charts are mostly flat colours; only anti-aliased edges
 * have more). About half the size of resvg's RGBA PNG.
 */
async function indexedPng(rgba: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const n = width * height;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = (rgba[4 * i]! << 16) | (rgba[4 * i + 1]! << 8) | rgba[4 * i + 2]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const palette = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 256).map(([c]) => c);
  const index = new Map(palette.map((c, i) => [c, i]));
  const nearest = (c: number): number => {
    let best = 0;
    let bestD = Infinity;
    palette.forEach((p, i) => {
      const dr = (p >> 16) - (c >> 16), dg = ((p >> 8) & 255) - ((c >> 8) & 255);
      const db = (p & 255) - (c & 255);
      const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (d < bestD) [best, bestD] = [i, d];
    });
    index.set(c, best);
    return best;
  };
  const rows = new Uint8Array((width + 1) * height); // filter byte 0, then indices
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const c = (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
      rows[y * (width + 1) + 1 + x] = index.get(c) ?? nearest(c);
    }
  }
  const zlib = new Uint8Array(
    await new Response(new Blob([rows]).stream().pipeThrough(new CompressionStream("deflate")))
      .arrayBuffer(),
  );
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits per index, palette colour, no interlace
  const plte = new Uint8Array(3 * palette.length);
  palette.forEach((c, i) => plte.set([c >> 16, (c >> 8) & 255, c & 255], 3 * i));
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("PLTE", plte),
    chunk("IDAT", zlib),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  let crc = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) crc = CRC_TABLE[(crc ^ out[i]!) & 255]! ^ (crc >>> 8);
  view.setUint32(8 + data.length, (crc ^ 0xffffffff) >>> 0);
  return out;
}

/**
 * Base64 of bytes (what a MIME bundle carries for `image/png`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toBase64 } from "./png.ts";
 *
 * assert.equal(toBase64(new TextEncoder().encode("anneal")), "YW5uZWFs");
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes must be a Uint8Array, got bytes=${check.show(bytes)}`);
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
