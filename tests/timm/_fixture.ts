/**
 * Shared by the timm tests: tests/fixtures/timm.json (written by tools/fixtures_timm.py from
 * timm's own scheduler code under torch 1.13), a factory from class name to scheduler, and a
 * replay of the fixture's calls. `TIMM_FIXTURE=path` reads another file of the same format
 * instead, such as random configurations from `tools/fixtures_timm.py --random N`.
 */

import {
  CosineLRScheduler,
  MultiStepLRScheduler,
  PlateauLRScheduler,
  PolyLRScheduler,
  type Scheduler,
  StepLRScheduler,
  TanhLRScheduler,
  type TimmOptimizerLike,
} from "../../lib/timm/mod.ts";

/** One call of the fixture: `["step", epoch, metric]` or `["stepUpdate", numUpdates, metric]`. */
export type Call = ["step" | "stepUpdate", number, number | null];

/** One scheduler configuration and the lrs timm wrote. */
export interface FixtureCase {
  scheduler: string;
  name: string;
  options: Record<string, unknown>;
  lrs0: number[];
  lrScales: (number | null)[];
  calls: Call[];
  /** Absent when timm raised (then `error` holds Python's repr of the exception). */
  lrs: number[][];
  error?: string;
}

/** timm's noise for one type, bound and seed, at many `t`. */
export interface NoiseRow {
  noiseType: "normal" | "uniform";
  noisePct: number;
  noiseSeed: number;
  t: number[];
  noise: number[];
}

/** One `create_scheduler` run. */
export interface FactoryCase {
  config: Record<string, unknown>;
  updatesPerEpoch: number;
  scheduler: string;
  numEpochs: number;
  lrs0: number[];
  calls: Call[];
  lrs: number[][];
  error?: string;
}

/** The fixture file. */
export interface Fixture {
  timmCommit: string;
  torch: string;
  cases: FixtureCase[];
  noise: NoiseRow[];
  factory: FactoryCase[];
}

/** Where the fixture was read from: `TIMM_FIXTURE` when set, else tests/fixtures/timm.json. */
export const fixturePath: string | URL = Deno.env.get("TIMM_FIXTURE") ??
  new URL("../fixtures/timm.json", import.meta.url);

/** The parsed fixture. */
export const fixture: Fixture = JSON.parse(await Deno.readTextFile(fixturePath));

/** Two param groups at the fixture's lrs, with its `lrScale`s. */
export function optimizerOf(lrs0: number[], lrScales: (number | null)[] = []): TimmOptimizerLike {
  return {
    paramGroups: lrs0.map((lr, i) => {
      const scale = lrScales[i];
      return scale === null || scale === undefined ? { lr } : { lr, lrScale: scale };
    }),
  };
}

/** Builds a timm scheduler from its class name and camelCase options. */
export function build(
  name: string,
  optimizer: TimmOptimizerLike,
  options: Record<string, unknown>,
): Scheduler {
  // deno-lint-ignore no-explicit-any
  const o = options as any;
  switch (name) {
    case "CosineLRScheduler":
      return new CosineLRScheduler(optimizer, o);
    case "TanhLRScheduler":
      return new TanhLRScheduler(optimizer, o);
    case "StepLRScheduler":
      return new StepLRScheduler(optimizer, o);
    case "MultiStepLRScheduler":
      return new MultiStepLRScheduler(optimizer, o);
    case "PolyLRScheduler":
      return new PolyLRScheduler(optimizer, o);
    case "PlateauLRScheduler":
      return new PlateauLRScheduler(optimizer, o);
  }
  throw new Error(`unknown scheduler ${name}`);
}

/** Replays `calls`; returns every group's lr after construction and after each call. */
export function replay(
  scheduler: Scheduler,
  optimizer: TimmOptimizerLike,
  calls: readonly Call[],
): number[][] {
  const lrs = [optimizer.paramGroups.map((g) => g.lr)];
  for (const [kind, t, metric] of calls) {
    if (kind === "step") scheduler.step(t, metric);
    else scheduler.stepUpdate(t, metric);
    lrs.push(optimizer.paramGroups.map((g) => g.lr));
  }
  return lrs;
}

/** Counts of a comparison. */
export interface Tally {
  values: number;
  exact: number;
  maxRelative: number;
}

/**
 * Asserts every value within `tolerance` relative to timm's (`|got - timm| <= tolerance · |timm|`,
 * so a timm zero must be matched exactly) and counts the bit-exact ones.
 */
export function compareRows(
  label: string,
  actual: number[][],
  expected: number[][],
  tolerance: number,
  tally: Tally,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: ${actual.length} rows, timm has ${expected.length}`);
  }
  expected.forEach((row, r) => {
    row.forEach((want, g) => {
      const got = actual[r]?.[g] as number;
      const error = Math.abs(got - want);
      const relative = want === 0 ? error : error / Math.abs(want);
      tally.values += 1;
      if (Object.is(got, want)) tally.exact += 1;
      tally.maxRelative = Math.max(tally.maxRelative, relative);
      if (!(relative <= tolerance)) {
        throw new Error(`${label}, row ${r}, group ${g}: got ${got}, timm ${want}`);
      }
    });
  });
}
