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

import { createRequire } from "node:module";
import * as check from "../_check.ts";

type Resvg = typeof import("npm:@resvg/resvg-wasm@2.6.2");

let loading: Promise<{ resvg: Resvg; fonts: Uint8Array[] }> | undefined;

/** Loads resvg's wasm and the fonts once, from the npm packages' files. */
function load(): Promise<{ resvg: Resvg; fonts: Uint8Array[] }> {
  loading ??= (async () => {
    const resvg = await import("npm:@resvg/resvg-wasm@2.6.2");
    // Brings the font package into the npm cache (it has no code to import).
    await import("npm:@expo-google-fonts/arimo@0.4.3/package.json", { with: { type: "json" } });
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
  /** Pixel width of the PNG; default the SVG's own width (its height scales with it). */
  width?: number;
}

/**
 * The PNG bytes of an SVG document, drawn on white, text in Arimo (the SVG asks for Helvetica
 * or Arial; Arimo has Arial's metrics).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Figure, toPng, toSvg } from "./mod.ts";
 *
 * const figure = new Figure({ data: [{ type: "scatter", x: [0, 1], y: [1, 0] }], layout: {} });
 * const png = await toPng(toSvg(figure), { width: 360 });
 * assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71]); // "PNG"
 * assert.equal(new DataView(png.buffer, png.byteOffset).getUint32(16), 360); // IHDR width
 * ```
 */
export async function toPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  check.options("toPng", options, ["width"]);
  if (typeof svg !== "string") throw new TypeError(`svg must be a string, got svg=${svg}`);
  const width = options.width === undefined
    ? undefined
    : check.positiveInteger("width", options.width);
  const { resvg, fonts } = await load();
  const renderer = new resvg.Resvg(svg, {
    background: "white",
    fitTo: width === undefined ? { mode: "original" } : { mode: "width", value: width },
    font: {
      fontBuffers: fonts,
      loadSystemFonts: false,
      defaultFontFamily: "Arimo",
      sansSerifFamily: "Arimo",
    },
  });
  try {
    const image = renderer.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
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
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
