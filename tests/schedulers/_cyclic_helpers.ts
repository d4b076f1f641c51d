/**
 * Shared by the tests of CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts, ReduceLROnPlateau,
 * SequentialLR and ChainedScheduler: the PyTorch fixture, optimizer-like objects built from it,
 * comparison with a stated tolerance, state round trips and error checks.
 */

import assert from "node:assert/strict";
import fixture from "../fixtures/schedulers_cyclic.json" with { type: "json" };
import {
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  type LRScheduler,
  type OptimizerLike,
  type ParamGroup,
  StepLR,
} from "../../lib/schedulers/mod.ts";

/** One recorded PyTorch run (see tools/fixtures_cyclic_schedulers.py). */
export interface FixtureCase {
  name: string;
  optimizer: "SGD" | "Adam";
  groups: ParamGroup[];
  options?: Record<string, unknown>;
  children?: ChildSpec[];
  milestones?: number[];
  epochs?: (number | null)[];
  metrics?: (number | string)[];
  lrs: number[][];
  momenta: number[][];
  raisesAfterLast?: boolean;
}

/** A child scheduler of a composite, by PyTorch class name and camelCase options. */
export interface ChildSpec {
  type: string;
  options: Record<string, unknown>;
}

/** The cases recorded for one class. */
export function cases(cls: string): FixtureCase[] {
  return (fixture as unknown as Record<string, FixtureCase[]>)[cls] as FixtureCase[];
}

/** The torch version that recorded the fixture. */
export const torchVersion: string = fixture.torch;

/** A fresh optimizer-like object holding deep copies of `groups`. */
export function makeOptimizer(groups: readonly ParamGroup[]): OptimizerLike {
  return { paramGroups: structuredClone(groups) as ParamGroup[] };
}

/** Every group's momentum (`betas[0]` for Adam-like groups). */
export function momenta(opt: OptimizerLike): number[] {
  return opt.paramGroups.map((g) => (g.betas ? g.betas[0] : g.momentum) as number);
}

/** Every group's lr. */
export function lrs(opt: OptimizerLike): number[] {
  return opt.paramGroups.map((g) => g.lr);
}

/** Builds a child scheduler from its spec with the real classes. */
export function buildChild(opt: OptimizerLike, spec: ChildSpec): LRScheduler {
  const o = spec.options as never;
  switch (spec.type) {
    case "LinearLR":
      return new LinearLR(opt, o);
    case "ExponentialLR":
      return new ExponentialLR(opt, o);
    case "ConstantLR":
      return new ConstantLR(opt, o);
    case "CosineAnnealingLR":
      return new CosineAnnealingLR(opt, o);
    case "StepLR":
      return new StepLR(opt, o);
  }
  throw new Error(`unknown child ${spec.type}`);
}

/** Tallies of a fixture comparison. */
export interface Tally {
  values: number;
  exactValues: number;
  cases: number;
  exactCases: number;
  maxRelErr: number;
}

export function newTally(): Tally {
  return { values: 0, exactValues: 0, cases: 0, exactCases: 0, maxRelErr: 0 };
}

/** Two SGD-like groups (lr 0.1 and 0.05, momentum 0.9), where most tests start. */
export function sgd(): OptimizerLike {
  return makeOptimizer([{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }]);
}

/**
 * The groups' lrs after construction and after each of `count` calls of `advance(i)` (by
 * default `s.step()`), asserting on the way that `getLastLr()` reports what the groups hold.
 */
export function recordLrs(
  s: LRScheduler,
  opt: OptimizerLike,
  count: number,
  advance: (i: number) => void = () => s.step(),
): number[][] {
  const got = [lrs(opt)];
  for (let i = 0; i < count; i++) {
    advance(i);
    got.push(lrs(opt));
    assert.deepEqual(s.getLastLr(), lrs(opt));
  }
  return got;
}

/** Counts one fixture case, bit-exact when every comparison of it was. */
export function countCase(tally: Tally, ...exact: boolean[]): void {
  tally.cases += 1;
  if (exact.every(Boolean)) tally.exactCases += 1;
}

/**
 * Asserts `actual` matches `expected` within `relTol * scale` per value and tallies how many
 * values are bit-identical. Returns whether the whole record was bit-exact.
 */
export function compareSeries(
  label: string,
  actual: readonly number[][],
  expected: readonly number[][],
  scale: number,
  relTol: number,
  tally: Tally,
): boolean {
  assert.equal(actual.length, expected.length, `${label}: record count`);
  let exact = true;
  expected.forEach((row, k) => {
    row.forEach((want, g) => {
      const got = actual[k]![g]!;
      const err = Math.abs(got - want) / scale;
      tally.values += 1;
      if (Object.is(got, want)) tally.exactValues += 1;
      else exact = false;
      tally.maxRelErr = Math.max(tally.maxRelErr, err);
      assert.ok(
        err <= relTol,
        `${label}: record ${k}, group ${g}: got ${got}, PyTorch ${want} (rel err ${err})`,
      );
    });
  });
  return exact;
}

/** Prints a one-line summary of a fixture comparison. */
export function report(cls: string, tally: Tally): void {
  console.log(
    `${cls}: ${tally.exactCases}/${tally.cases} cases bit-exact, ` +
      `${tally.exactValues}/${tally.values} values bit-exact, max rel err ${tally.maxRelErr}`,
  );
}

/** Deep copy of the groups, to check that a failed call changed nothing. */
export function snapshot(opt: OptimizerLike): ParamGroup[] {
  return structuredClone(opt.paramGroups);
}

/**
 * Asserts `fn` throws exactly `ErrorClass` with exactly `message`, and that the optimizer's
 * groups are unchanged by the attempt.
 */
export function assertThrowsUnchanged(
  fn: () => unknown,
  ErrorClass: ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor,
  message: string,
  opt?: OptimizerLike,
): void {
  const before = opt ? snapshot(opt) : undefined;
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ErrorClass, `expected ${ErrorClass.name}, got ${String(e)}`);
    assert.equal(e.constructor, ErrorClass);
    assert.equal((e as Error).message, message);
    return true;
  });
  if (opt) assert.deepEqual(opt.paramGroups, before);
}

/** Everything observable about a run: lrs, momenta and getLastLr after each step. */
export function trace(
  opt: OptimizerLike,
  sched: LRScheduler,
  steps: number,
  step: (i: number) => void,
): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    step(i);
    out.push([...lrs(opt), ...momenta(opt), ...sched.getLastLr(), sched.lastEpoch]);
  }
  return out;
}

/**
 * State round trip: run `build` on a fresh optimizer for `k` steps, save its state through
 * JSON.stringify/parse and copy the groups (an optimizer checkpoint), build a second scheduler
 * on a fresh optimizer, restore the groups then the state, and assert both continue
 * identically (bit for bit) for `n` more steps.
 */
export function assertRoundTrip(
  groups: readonly ParamGroup[],
  build: (opt: OptimizerLike) => LRScheduler,
  k: number,
  n: number,
  stepWith: (s: LRScheduler, i: number) => void = (s) => s.step(),
): void {
  const optA = makeOptimizer(groups);
  const a = build(optA);
  for (let i = 0; i < k; i++) stepWith(a, i);
  const json = JSON.stringify(a.stateDict());
  const savedGroups = structuredClone(optA.paramGroups);
  const optB = makeOptimizer(groups);
  const b = build(optB);
  optB.paramGroups.forEach((g, i) => Object.assign(g, structuredClone(savedGroups[i])));
  b.loadStateDict(JSON.parse(json));
  assert.deepEqual(b.stateDict(), JSON.parse(json), "loaded state reads back the same");
  assert.deepEqual(b.getLastLr(), a.getLastLr());
  const ta = trace(optA, a, n, (i) => stepWith(a, k + i));
  const tb = trace(optB, b, n, (i) => stepWith(b, k + i));
  assert.deepEqual(tb, ta);
}
