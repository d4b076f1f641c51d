/**
 * Text helpers for the SVG renderer: XML escaping, stable number formatting, a width estimate.
 *
 * @module
 */

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      c === "&"
        ? "&amp;"
        : c === "<"
        ? "&lt;"
        : c === ">"
        ? "&gt;"
        : c === '"'
        ? "&quot;"
        : "&#39;",
  );
}

/** A coordinate with at most two decimals, never `-0`, `NaN` or `Infinity` (those become 0). */
export function coord(v: number): string {
  if (!Number.isFinite(v)) return "0";
  const r = Math.round(v * 100) / 100;
  return r === 0 ? "0" : String(r);
}

/** Replaces ASCII hyphen-minus signs with the typographic minus sign U+2212. */
export function typographicMinus(text: string): string {
  return text.replace(/-/g, "\u2212");
}

/**
 * A short, stable label for a number: up to four significant digits, plain between 1e-3 and 1e5,
 * exponent form (`5e-4`) outside; minus signs typographic.
 */
export function shortNumber(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? "0" : typographicMinus(String(v));
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return typographicMinus(String(Number(v.toPrecision(4))));
  const [mantissa, exponent] = v.toExponential(3).split("e") as [string, string];
  const m = String(Number(mantissa));
  return typographicMinus(`${m}e${exponent.replace("+", "")}`);
}

/** Estimated width in pixels of `text` set in a sans-serif font of `fontSize` pixels. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    if ("il.,:;|!'".includes(ch)) units += 0.3;
    else if ("mwMW".includes(ch)) units += 0.85;
    else if (ch >= "A" && ch <= "Z") units += 0.68;
    else if (ch === " ") units += 0.3;
    else units += 0.56;
  }
  return units * fontSize;
}
