/**
 * Generates tests/fixtures/gemm_bits.json: the exact results of `gemm` (float64, the size rule's
 * path, as every op calls it) and `gemm32` (float32) on a grid of shapes, as SHA-256 digests of
 * the result bytes, so that a faster kernel can be checked to compute the very same sums bit for
 * bit (tests/tensor/gemm_bits_test.ts).
 *
 * The fixture is written by a *reference* copy of the library, named by its lib/ folder, e.g. a
 * checkout of the commit before a kernel change:
 *
 *   git worktree add /tmp/anneal-ref <commit>   # or any checkout of the reference
 *   deno run --allow-read --allow-write tools/fixtures_gemm_bits.ts /tmp/anneal-ref/lib
 *
 * Operands come from a seeded generator written here (mulberry32, uniform in [−1, 1)), not from
 * the library, so the reference and the checked code see the same inputs.
 *
 * @module
 */

/** One checked product: sizes, A stored transposed or not, and where the sums start. */
export interface GemmCase {
  /** float64 (`gemm`) or float32 (`gemm32`, the same operands rounded to float32). */
  dtype: "float64" | "float32";
  m: number;
  n: number;
  k: number;
  transposed: boolean;
  mode: "set" | "bias" | "accumulate";
}

/** The grid: every small remainder, the Iris and MLP step shapes, odd n on both sides of 64³. */
export function gemmCases(): GemmCase[] {
  const shapes: [number, number, number][] = [];
  for (const m of [1, 2, 3, 5, 6, 7, 13, 120]) {
    for (const n of [1, 2, 3, 4, 5, 7, 10, 20]) {
      for (const k of [0, 1, 3, 4, 20, 120]) shapes.push([m, n, k]);
    }
  }
  shapes.push(
    [64, 6, 257],
    [67, 13, 300],
    [130, 7, 513],
    [97, 33, 100],
    [200, 3, 500],
    [3, 3, 30000],
    [256, 128, 64],
    [256, 10, 128],
    [10, 128, 256],
    [128, 64, 256],
    [1, 128, 256],
    [1, 10, 1024],
    [1, 256, 1024],
    [1, 301, 1024],
    [1024, 10, 256],
    [256, 128, 10],
    [70, 70, 70],
    [63, 65, 64],
  );
  const cases: GemmCase[] = [];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [m, n, k] of shapes) {
      for (const transposed of [false, true]) {
        for (const mode of ["set", "bias", "accumulate"] as const) {
          cases.push({ dtype, m, n, k, transposed, mode });
        }
      }
    }
  }
  return cases;
}

/** A seeded uniform generator in [−1, 1) (mulberry32), independent of the library. */
export function uniforms(seed: number): (length: number) => Float64Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (length) => Float64Array.from({ length }, () => 2 * next() - 1);
}

/** The gemm signature of lib/tensor/_gemm.ts. */
export type Gemm = typeof import("../lib/tensor/_gemm.ts").gemm;

/** The gemm32 signature of lib/tensor/_gemm.ts. */
export type Gemm32 = typeof import("../lib/tensor/_gemm.ts").gemm32;

/**
 * Runs one case through `gemm` or `gemm32` (operands drawn from a generator seeded by the case's
 * index; float32 cases round them to float32).
 */
export function runCase(
  kernels: { gemm: Gemm; gemm32: Gemm32 },
  c: GemmCase,
  index: number,
): Float64Array | Float32Array {
  const draw = uniforms(1000 + index);
  const { m, n, k } = c;
  const a = draw(m * k), b = draw(k * n), out = draw(m * n);
  const bias = c.mode === "bias" ? draw(n) : null;
  const [as0, as1] = c.transposed ? [1, m] : [k, 1];
  const accumulate = c.mode === "accumulate";
  if (c.dtype === "float64") {
    kernels.gemm(m, n, k, a, as0, as1, b, out, accumulate, bias);
    return out;
  }
  const out32 = Float32Array.from(out);
  kernels.gemm32(
    m,
    n,
    k,
    Float32Array.from(a),
    as0,
    as1,
    Float32Array.from(b),
    out32,
    accumulate,
    bias && Float32Array.from(bias),
  );
  return out32;
}

/** SHA-256 of the result's bytes, in hex. */
export async function digest(values: Float64Array | Float32Array): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new Uint8Array(values.buffer).slice());
  return Array.from(new Uint8Array(hash), (x) => x.toString(16).padStart(2, "0")).join("");
}

if (import.meta.main) {
  const lib = Deno.args[0];
  if (lib === undefined) {
    console.error("usage: tools/fixtures_gemm_bits.ts <reference lib/ folder>");
    Deno.exit(2);
  }
  const root = new URL(lib.endsWith("/") ? lib : `${lib}/`, `file://${Deno.cwd()}/`);
  const kernels = await import(new URL("tensor/_gemm.ts", root).href) as {
    gemm: Gemm;
    gemm32: Gemm32;
  };
  const cases = gemmCases();
  const lines: string[] = [];
  for (const [index, c] of cases.entries()) {
    const sha256 = await digest(runCase(kernels, c, index));
    lines.push(`    ${JSON.stringify({ ...c, sha256 })}`);
  }
  const text = `{
  "generatedBy": "deno run --allow-read --allow-write tools/fixtures_gemm_bits.ts <reference lib/>",
  "reference": ${JSON.stringify(Deno.args[1] ?? "the library at the path given")},
  "deno": ${JSON.stringify(Deno.version.deno)},
  "cases": [
${lines.join(",\n")}
  ]
}
`;
  const out = new URL("../tests/fixtures/gemm_bits.json", import.meta.url);
  await Deno.writeTextFile(out, text);
  console.log(`wrote ${out.pathname}: ${cases.length} cases`);
}
