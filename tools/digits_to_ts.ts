/**
 * Writes lib/data/digits.ts from scikit-learn's copy of the UCI optical handwritten digits
 * (`sklearn/datasets/data/digits.csv.gz`, 1,797 rows of 64 pixels 0–16 and a label). On Debian:
 * `apt-get install -y python3-sklearn`, then
 *
 *   deno run --allow-read --allow-write=lib/data/digits.ts tools/digits_to_ts.ts \
 *     /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
 *
 * Encoding: one line per image, 64 characters (pixel value v as the v-th character of
 * "0123456789abcdefg") followed by the label digit. The SHA-256 of the uncompressed CSV is
 * written into the file, and tests/data/digits_test.ts checks that decoding gives it back.
 */

const ALPHABET = "0123456789abcdefg";
const source = Deno.args[0];
if (source === undefined) {
  console.error("usage: tools/digits_to_ts.ts <path to digits.csv.gz>");
  Deno.exit(2);
}
const gz = await Deno.readFile(source);
const csv = await new Response(
  new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")),
).text();
const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(csv)));
const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
const lines = csv.split("\n").filter((line) => line !== "");
const rows = lines.map((line, i) => {
  const values = line.split(",").map(Number);
  if (values.length !== 65) throw new Error(`row ${i} has ${values.length} columns, expected 65`);
  const pixels = values.slice(0, 64);
  const label = values[64]!;
  if (!pixels.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)) {
    throw new Error(`row ${i} has a pixel outside 0..16`);
  }
  if (!(Number.isInteger(label) && label >= 0 && label <= 9)) {
    throw new Error(`row ${i} has label ${label}`);
  }
  return pixels.map((v) => ALPHABET[v]).join("") + String(label);
});
if (rows.length !== 1797) throw new Error(`expected 1797 rows, got ${rows.length}`);
const out = template().replace("@SHA256@", sha256).replace("@ROWS@", rows.join("\n"));
await Deno.writeTextFile(new URL("../lib/data/digits.ts", import.meta.url), out);
console.log(`wrote lib/data/digits.ts: ${rows.length} rows, CSV sha256 ${sha256}`);

/** The module written, with `@SHA256@` and `@ROWS@` filled in. */
function template(): string {
  return `/**
 * The UCI optical recognition of handwritten digits data set, embedded: 1,797 images of 8 × 8
 * pixels, each pixel the count of ink pixels in a 4 × 4 block of a 32 × 32 bitmap (an integer
 * 0–16), and the digit drawn (0–9), in scikit-learn's \`load_digits()\` order.
 *
 * Source: E. Alpaydin and C. Kaynak (1998), "Optical Recognition of Handwritten Digits", UCI
 * Machine Learning Repository, https://doi.org/10.24432/C50P49, licensed under the Creative
 * Commons Attribution 4.0 International licence (CC BY 4.0). These rows are UCI's test set
 * (\`optdigits.tes\`) as scikit-learn ships it (\`sklearn/datasets/data/digits.csv.gz\`, Debian's
 * python3-sklearn 1.2.1); tools/digits_to_ts.ts wrote this file from that copy. The uncompressed
 * CSV's SHA-256 is {@linkcode DIGITS_CSV_SHA256}.
 *
 * Encoding: one line per image, 64 characters (pixel value v is the v-th character of
 * \`0123456789abcdefg\`, row by row of the 8 × 8 image) followed by the label.
 *
 * @module
 */

import type { Dataset } from "./iris.ts";

/**
 * SHA-256 of the CSV this file was made from (one image per line, 64 pixels then the label,
 * comma-separated, each line ending in a newline).
 *
 * @example
 * \`\`\`ts
 * import { DIGITS_CSV_SHA256 } from "./digits.ts";
 * console.assert(DIGITS_CSV_SHA256.length === 64);
 * \`\`\`
 */
export const DIGITS_CSV_SHA256 = "@SHA256@";

const ALPHABET = "0123456789abcdefg";

const ROWS = \`
@ROWS@
\`;

/**
 * The UCI optical handwritten digits, 1,797 examples × 64 features (the pixels of an 8 × 8
 * image, row by row, integers 0–16, named \`pixel_<row>_<column>\` as scikit-learn names them),
 * labels 0–9 (scikit-learn's \`load_digits()\`). Each call decodes a fresh copy. Scale the pixels
 * (e.g. divide by 16) before training.
 *
 * @example 1,797 images of 8 × 8 pixels
 * \`\`\`ts
 * import { loadDigits } from "./digits.ts";
 * const digits = loadDigits();
 * if (digits.x.length !== 1797 || digits.x[0]?.length !== 64) throw new Error("expected 1797×64");
 * if (digits.y[0] !== 0 || digits.classNames[9] !== "9") throw new Error("expected 0 first");
 * \`\`\`
 */
export function loadDigits(): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (const line of ROWS.split("\\n")) {
    if (line === "") continue;
    const row = new Array<number>(64);
    for (let j = 0; j < 64; j++) row[j] = ALPHABET.indexOf(line[j]!);
    x.push(row);
    y.push(line.charCodeAt(64) - 48);
  }
  return {
    x,
    y,
    featureNames: Array.from({ length: 64 }, (_, k) => \`pixel_\${k >> 3}_\${k & 7}\`),
    classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  };
}
`;
}
