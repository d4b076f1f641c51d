/**
 * Interleaved timing for the benchmarks: every contender runs once per round, in a freshly
 * shuffled order each round, so a burst of load from elsewhere on the machine spreads over all
 * of them instead of landing on whichever ran last. Summaries are the median over rounds and the
 * spread (lowest and highest round).
 *
 * @module
 */

/** The median and the range of a list of measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  rounds: number;
}

/** Median, minimum and maximum of `values` (which must not be empty). */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, rounds: sorted.length };
}

/** Spread as text: "±x%" (half the range over the median). */
export function spread(s: Summary): string {
  return `±${((s.max - s.min) / 2 / s.median * 100).toFixed(0)}%`;
}

/** A Fisher–Yates shuffle driven by a small seeded generator (mulberry32), so runs repeat. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Runs `rounds` rounds; each round calls every contender once, in shuffled order, and records
 * the number it returns (a time, say). Returns the measurements per contender name.
 */
export async function interleave(
  contenders: Record<string, () => number | Promise<number>>,
  rounds: number,
  onRound?: (round: number) => void,
): Promise<Map<string, number[]>> {
  const names = Object.keys(contenders);
  const results = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const name of shuffled(names, round + 1)) {
      results.get(name)!.push(await contenders[name]!());
    }
    onRound?.(round);
  }
  return results;
}

/** The machine, for benchmark headers: CPU model and logical core count (Linux /proc/cpuinfo). */
export function machine(): string {
  try {
    const info = Deno.readTextFileSync("/proc/cpuinfo");
    const model = /model name\s*:\s*(.*)/.exec(info)?.[1]?.trim() ?? "unknown CPU";
    const cores = info.match(/^processor\s*:/gm)?.length ?? navigator.hardwareConcurrency;
    return `${model}, ${cores} logical cores`;
  } catch {
    return `${navigator.hardwareConcurrency} logical cores`;
  }
}

/** The 1-, 5- and 15-minute load averages (Linux), to say how busy the machine was. */
export function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}
