/**
 * Axis models for the SVG renderer: a d3 scale from data to pixels plus its ticks and labels.
 * Linear axes use d3's nice ticks; log axes follow {@linkcode logPlan} (labelled decades 10^k or
 * 1-2-5 values, unlabelled minor ticks); category axes use a band scale.
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
    : maxAbs < 1e-3
    ? scale.tickFormat(input.tickCount, "~e")
    : scale.tickFormat(input.tickCount, "~f");
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

/**
 * One labelled tick of a log axis: its value, the label as plain text (`0.02`, `10⁻⁵`,
 * `2×10⁻⁵`), and the exponent parts for markup (`mantissa` 1 writes only the power of ten).
 */
export interface LogTick {
  value: number;
  text: string;
  /** Present when the label is written with a power of ten. */
  power?: { mantissa: number; exponent: number };
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** The plan of a log axis over `[lo, hi]` (both > 0): which ticks carry labels, and how. */
export interface LogPlan {
  /** Labelled ticks, ascending. */
  ticks: LogTick[];
  /** Decades between labelled decade ticks (0 when the labels are 1-2-5 values, not decades). */
  decadeStep: number;
  /** Whether every label is a plain number (no power of ten). */
  plain: boolean;
  /** Unlabelled minor tick values (2..9 × 10^k) when they are drawn. */
  minor: number[];
}

/**
 * Labelled ticks of a log axis, one rule for the SVG and for plotly: decades 10^k when the
 * range holds two or more of them (every `decadeStep`-th when they are many), else 1-2-5 values;
 * labels are plain numbers when every label lies in [0.001, 10000], otherwise powers of ten
 * (`10⁻⁵`, `2×10⁻⁵`), never both on one axis and never SI prefixes. Minor ticks are unlabelled.
 */
export function logPlan(lo: number, hi: number, tickCount: number): LogPlan {
  const [a, b] = [Math.min(lo, hi), Math.max(lo, hi)];
  const kLo = Math.ceil(Math.log10(a) - 1e-9);
  const kHi = Math.floor(Math.log10(b) + 1e-9);
  let values: number[];
  let decadeStep = 0;
  const minor: number[] = [];
  if (kHi - kLo >= 2) {
    decadeStep = Math.max(1, Math.ceil((kHi - kLo + 1) / Math.max(2, tickCount)));
    values = [];
    for (let k = kLo; k <= kHi; k++) {
      if (k % decadeStep === 0 || decadeStep === 1) values.push(decade(k));
    }
    if (decadeStep === 1 && kHi - kLo <= 6) {
      for (let k = kLo - 1; k <= kHi; k++) {
        for (let m = 2; m <= 9; m++) {
          const v = m * decade(k);
          if (v >= a && v <= b) minor.push(v);
        }
      }
    }
  } else {
    // Less than two decades: 1..9 × 10^k when they fit, else 1-2-5, 1-5 or decades only.
    const all: number[] = [];
    for (let k = Math.floor(Math.log10(a)) - 1; k <= Math.ceil(Math.log10(b)); k++) {
      for (let m = 1; m <= 9; m++) {
        const v = m * decade(k);
        if (v >= a * (1 - 1e-12) && v <= b * (1 + 1e-12)) all.push(v);
      }
    }
    const mantissa = (v: number) => Math.round(v / decade(Math.floor(Math.log10(v) + 1e-9)));
    const sets = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1, 5], [1]];
    values = all;
    for (const keep of sets) {
      values = all.filter((v) => keep.includes(mantissa(v)));
      if (values.length <= Math.max(2, tickCount)) break;
    }
    if (values.length < 2) values = [a, b].map((v) => Number(v.toPrecision(2)));
    for (const v of all) if (!values.includes(v)) minor.push(v);
  }
  const plain = values.every((v) => v >= 1e-3 && v <= 1e4);
  const ticks = values.map((value): LogTick => {
    if (plain) return { value, text: shortNumber(value) };
    const exponent = Math.floor(Math.log10(value) + 1e-9);
    const mantissa = Number((value / decade(exponent)).toPrecision(3));
    const sup = [...String(exponent)].map((c) => SUPERSCRIPT[c] ?? c).join("");
    return {
      value,
      text: mantissa === 1 ? `10${sup}` : `${mantissa}×10${sup}`,
      power: { mantissa, exponent },
    };
  });
  return { ticks, decadeStep, plain, minor };
}

/** SVG markup of a log tick label: the exponent as a raised, smaller `<tspan>`. */
function logMarkup(t: LogTick): string {
  if (t.power === undefined) return escapeXml(t.text);
  const exponent = typographicMinus(String(t.power.exponent));
  const base = t.power.mantissa === 1 ? "10" : `${t.power.mantissa}×10`;
  return `${base}<tspan dy="-0.45em" font-size="0.75em">${exponent}</tspan>`;
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
  const plan = logPlan(domain[0], domain[1], input.tickCount);
  return {
    type: "log",
    position: (v) => typeof v === "number" && Number.isFinite(v) && v > 0 ? scale(v) : undefined,
    // The width is measured on the label as drawn: a superscript counts three quarters.
    ticks: plan.ticks.map((t) => tick(t.value, scale(t.value), logMarkup(t), t.text)),
    minor: plan.minor.map((v) => scale(v)),
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
