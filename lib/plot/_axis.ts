/**
 * Axis models for the SVG renderer: a d3 scale from data to pixels plus its ticks and labels.
 * Linear axes use d3's nice ticks; log axes put labelled ticks at decades (10^k) with unlabelled
 * minor ticks at 2..9 × 10^k; category axes use a band scale.
 *
 * @module
 */

// @ts-types="npm:@types/d3-scale@4.0.9"
import { scaleBand, scaleLinear, scaleLog } from "npm:d3-scale@4.0.3";
import type { Axis } from "./figure.ts";
import { escapeXml, shortNumber, textWidth, typographicMinus } from "./_text.ts";

/** A tick: its value, pixel position, label markup (XML-safe) and estimated label width. */
export interface Tick {
  value: number;
  px: number;
  markup: string;
  width: number;
}

/** What the renderer needs to draw one axis and place data on it. */
export interface AxisModel {
  type: "linear" | "log" | "category";
  /** The pixel position of a value, or undefined where the axis cannot show it (≤ 0 on log). */
  position(value: number | string): number | undefined;
  ticks: Tick[];
  /** Pixel positions of unlabelled minor ticks (log axes). */
  minor: number[];
  /** The width of one category band (category axes; 0 otherwise). */
  bandwidth: number;
}

/** What to build an axis from. */
export interface AxisInput {
  axis: Axis | undefined;
  /** Every data value the axis must show. */
  values: number[];
  /** Category names in order (category axes). */
  categories: string[];
  /** Pixel range: [start, end] (for y, [bottom, top]). */
  range: [number, number];
  /** Fraction of the data span to add at each end (log axes: of the span in decades). */
  pad: number;
  /** About how many labelled ticks fit. */
  tickCount: number;
  /** Keep a data minimum of exactly 0 at the axis start, unpadded (bar charts). */
  anchorZero?: boolean;
}

const FONT = 11;

function fromValues(values: number[], keep: (v: number) => boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v) && keep(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function tick(value: number, px: number, markup: string, text: string): Tick {
  return { value, px, markup, width: textWidth(text, FONT) };
}

function linearAxis(input: AxisInput): AxisModel {
  let domain = input.axis?.range ?? fromValues(input.values, () => true) ?? [0, 1];
  let [d0, d1] = domain;
  if (input.axis?.range === undefined) {
    if (d0 === d1) {
      const half = d0 === 0 ? 1 : Math.abs(d0) * 0.1;
      [d0, d1] = [d0 - half, d1 + half];
    } else {
      const pad = (d1 - d0) * input.pad;
      [d0, d1] = [input.anchorZero && d0 === 0 ? 0 : d0 - pad, d1 + pad];
    }
    domain = [d0, d1];
  }
  const scale = scaleLinear().domain(domain).range(input.range);
  const values = scale.ticks(input.tickCount);
  const maxAbs = Math.max(Math.abs(d0), Math.abs(d1));
  const format = maxAbs >= 1e4
    ? scale.tickFormat(input.tickCount, "~s")
    : maxAbs < 1e-2
    ? scale.tickFormat(input.tickCount, "~e")
    : scale.tickFormat(input.tickCount);
  return {
    type: "linear",
    position: (v) => typeof v === "number" && Number.isFinite(v) ? scale(v) : undefined,
    ticks: values.map((v) => {
      const text = v === 0 ? "0" : typographicMinus(format(v));
      return tick(v, scale(v), escapeXml(text), text);
    }),
    minor: [],
    bandwidth: 0,
  };
}

function decade(k: number): number {
  return Number(`1e${k}`);
}

function logAxis(input: AxisInput): AxisModel {
  const range = input.axis?.range;
  let domain: [number, number];
  if (range !== undefined) {
    domain = [10 ** range[0], 10 ** range[1]];
  } else {
    const [lo, hi] = fromValues(input.values, (v) => v > 0) ?? [1, 10];
    let [l0, l1] = [Math.log10(lo), Math.log10(hi)];
    const pad = l0 === l1 ? 0.5 : (l1 - l0) * input.pad;
    [l0, l1] = [l0 - pad, l1 + pad];
    domain = [10 ** l0, 10 ** l1];
  }
  const scale = scaleLog().domain(domain).range(input.range);
  const [a, b] = [Math.min(...domain), Math.max(...domain)];
  const kLo = Math.ceil(Math.log10(a) - 1e-9);
  const kHi = Math.floor(Math.log10(b) + 1e-9);
  const ticks: Tick[] = [];
  const minor: number[] = [];
  if (kHi - kLo >= 1) {
    const step = Math.max(1, Math.ceil((kHi - kLo + 1) / Math.max(2, input.tickCount)));
    const plain = kLo >= -3 && kHi <= 3;
    for (let k = kLo; k <= kHi; k++) {
      if ((k - kLo) % step !== 0) continue;
      const v = decade(k);
      if (plain) {
        const text = shortNumber(v);
        ticks.push(tick(v, scale(v), text, text));
      } else {
        const exponent = typographicMinus(String(k));
        ticks.push(
          tick(
            v,
            scale(v),
            `10<tspan dy="-0.45em" font-size="0.75em">${exponent}</tspan>`,
            `10${exponent}`,
          ),
        );
      }
    }
    if (kHi - kLo <= 6 && step === 1) {
      // Minor ticks at 2..9 × 10^k; labelled at 2 and 5 when only two decades are in view.
      for (let k = kLo - 1; k <= kHi; k++) {
        for (let m = 2; m <= 9; m++) {
          const v = m * decade(k);
          if (v < a || v > b) continue;
          minor.push(scale(v));
          if (kHi - kLo === 1 && (m === 2 || m === 5)) {
            const text = shortNumber(v);
            ticks.push(tick(v, scale(v), text, text));
          }
        }
      }
      ticks.sort((p, q) => p.value - q.value);
    }
  } else {
    let values = scale.ticks();
    if (values.length > input.tickCount) {
      values = values.filter((v) => [1, 2, 5].includes(Number(v.toExponential(0).split("e")[0])));
    }
    for (const v of values) {
      const text = shortNumber(v);
      ticks.push(tick(v, scale(v), text, text));
    }
  }
  return {
    type: "log",
    position: (v) => typeof v === "number" && Number.isFinite(v) && v > 0 ? scale(v) : undefined,
    ticks,
    minor,
    bandwidth: 0,
  };
}

function categoryAxis(input: AxisInput): AxisModel {
  const scale = scaleBand<string>().domain(input.categories).range(input.range)
    .paddingInner(0.2).paddingOuter(0.1);
  const half = scale.bandwidth() / 2;
  return {
    type: "category",
    position: (v) => {
      const start = scale(String(v));
      return start === undefined ? undefined : start + half;
    },
    ticks: input.categories.map((c, i) => tick(i, (scale(c) ?? 0) + half, escapeXml(c), c)),
    minor: [],
    bandwidth: scale.bandwidth(),
  };
}

/** Builds the axis model for the axis's type (linear unless `type` says log or category). */
export function buildAxis(input: AxisInput): AxisModel {
  const type = input.axis?.type ?? (input.categories.length > 0 ? "category" : "linear");
  if (type === "log") return logAxis(input);
  if (type === "category") return categoryAxis(input);
  return linearAxis(input);
}
