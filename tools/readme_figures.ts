/**
 * `deno task readme:figures`: draws the README's pictures with the library and writes them as static
 * SVG into `docs/img/`. Each entry of {@linkcode README_FIGURES} is a file name and a function that
 * builds the figure the same way its notebook does; append an entry to add a picture.
 *
 * ```sh
 * deno task readme:figures            # writes docs/img/*.svg and prints each path
 * ```
 *
 * @module
 */

import {
  exponentialDecay,
  type Figure,
  inverseTimeDecay,
  scheduleChart,
  stepDecay,
  toSvg,
} from "../lib/mod.ts";

/** One README picture: its file name under `docs/img/` and how to build it. */
export interface ReadmeFigure {
  /** File name under `docs/img/`, e.g. `"comparison.svg"`. */
  file: string;
  /** Builds the figure (plain plotly JSON); drawn with `toSvg` at its layout's size or 720×420. */
  build: () => Figure;
}

/** The steps 0, 1, ..., n - 1. */
function steps(n: number): number[] {
  return Array.from({ length: n }, (_, t) => t);
}

/** The seed's comparison (notebook 02): lr0 = 1e-3, k = β = 0.5, halving every 10, 100 iterations. */
function seedComparison(logY: boolean): Figure {
  const lr0 = 1e-3;
  const ts = steps(100);
  return scheduleChart({
    "step decay": ts.map(stepDecay({ lr0, beta: 0.5, period: 10 })),
    "exponential decay": ts.map(exponentialDecay({ lr0, k: 0.5 })),
    "1/t decay": ts.map(inverseTimeDecay({ lr0, k: 0.5 })),
  }, {
    title: logY
      ? "The same three decays on a log scale"
      : "Step vs exponential vs 1/t decay (lr0 = 1e-3, k = 0.5)",
    xTitle: "iteration",
    logY,
  });
}

/** Notebook 01's three schedules on one chart: lr0 = 0.1, steps 0..20. */
function threeDecays(): Figure {
  const ts = steps(21);
  return scheduleChart({
    "step decay (β = 0.5, T = 4)": ts.map(stepDecay({ lr0: 0.1, beta: 0.5, period: 4 })),
    "exponential decay (k = 0.2)": ts.map(exponentialDecay({ lr0: 0.1, k: 0.2 })),
    "1/t decay (k = 0.5)": ts.map(inverseTimeDecay({ lr0: 0.1, k: 0.5 })),
  }, { title: "The three classic decays from lr0 = 0.1" });
}

/** Every README picture, in order. */
export const README_FIGURES: ReadmeFigure[] = [
  { file: "comparison.svg", build: () => seedComparison(false) },
  { file: "01_three_decays.svg", build: threeDecays },
  { file: "02_comparing_decays.svg", build: () => seedComparison(true) },
];

/** The folder the pictures go to: `docs/img/` of this repository. */
export const README_IMG_DIR = new URL("../docs/img/", import.meta.url);

/** Writes every figure of `figures` into `dir`; returns the paths written, as `docs/img/<file>`. */
export async function writeReadmeFigures(
  figures: readonly ReadmeFigure[] = README_FIGURES,
  dir: URL = README_IMG_DIR,
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const { file, build } of figures) {
    const url = new URL(file, dir);
    await Deno.writeTextFile(url, toSvg(build()) + "\n");
    written.push(`docs/img/${file}`);
  }
  return written;
}

if (import.meta.main) {
  for (const path of await writeReadmeFigures()) console.log(path);
}
