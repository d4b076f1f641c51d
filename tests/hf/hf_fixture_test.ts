/**
 * The `hf` functions against transformers' own code (tests/fixtures/hf.json, written by
 * tools/fixtures_hf.py from transformers' optimization.py under torch): every lr within 1e-12
 * relative to its group's initial lr, and bit for bit wherever the lambda uses only + − × ÷,
 * `max` and `sqrt` (correctly rounded on both sides). Where `cos` or `**` is involved
 * (JavaScript's Math.cos and Math.pow against C's), agreement is counted and printed.
 */

import assert from "node:assert/strict";
import * as hf from "../../lib/hf/mod.ts";
import { setWarningHandler } from "../../lib/schedulers/mod.ts";
import type { LRScheduler, ReduceLROnPlateau } from "../../lib/schedulers/mod.ts";

interface HfCase {
  name: string;
  function: string;
  schedulerName?: hf.SchedulerType;
  options: Record<string, unknown>;
  defaultsLr: number;
  lrs: number[];
  lastLr: number[][];
  metrics?: number[];
}

const fixture: { torch: string; transformers: string; steps: number; cases: HfCase[] } = JSON
  .parse(await Deno.readTextFile(new URL("../fixtures/hf.json", import.meta.url)));

const RELATIVE_TOLERANCE = 1e-12;

type Build = (optimizer: hf.HfOptimizerLike, options: never) => LRScheduler;
const FUNCTIONS: Record<string, Build> = {
  getConstantSchedule: hf.getConstantSchedule,
  getConstantScheduleWithWarmup: hf.getConstantScheduleWithWarmup,
  getLinearScheduleWithWarmup: hf.getLinearScheduleWithWarmup,
  getCosineScheduleWithWarmup: hf.getCosineScheduleWithWarmup,
  getCosineWithHardRestartsScheduleWithWarmup: hf.getCosineWithHardRestartsScheduleWithWarmup,
  getPolynomialDecayScheduleWithWarmup: hf.getPolynomialDecayScheduleWithWarmup,
  getInverseSqrtSchedule: hf.getInverseSqrtSchedule,
  getCosineWithMinLrScheduleWithWarmup: hf.getCosineWithMinLrScheduleWithWarmup,
  getCosineWithMinLrScheduleWithWarmupLrRate: hf.getCosineWithMinLrScheduleWithWarmupLrRate,
  getWsdSchedule: hf.getWsdSchedule,
  getReduceOnPlateauSchedule: hf.getReduceOnPlateauSchedule,
};

/** Builds a case's scheduler on fresh groups; `withDefaults: false` leaves `defaults` out. */
function build(c: HfCase, withDefaults = true): LRScheduler {
  const optimizer: hf.HfOptimizerLike = {
    paramGroups: c.lrs.map((lr) => ({ lr })),
    ...(withDefaults ? { defaults: { lr: c.defaultsLr } } : {}),
  };
  if (c.function === "getScheduler") {
    return hf.getScheduler(c.schedulerName!, optimizer, c.options);
  }
  const fn = FUNCTIONS[c.function];
  assert.ok(fn, `unknown function ${c.function}`);
  return fn(optimizer, c.options as never);
}

/** getLastLr() after construction and after each step, as the fixture records them. */
function run(c: HfCase, withDefaults = true): number[][] {
  const previous = setWarningHandler(() => {});
  try {
    const s = build(c, withDefaults);
    const rows = [s.getLastLr()];
    for (let i = 0; i < fixture.steps; i++) {
      if (c.metrics) (s as ReduceLROnPlateau).step(c.metrics[i]!);
      else s.step();
      rows.push(s.getLastLr());
    }
    return rows;
  } finally {
    setWarningHandler(previous);
  }
}

/** Whether the case's lambda uses only correctly rounded operations (no cos, no `**`). */
function arithmeticOnly(c: HfCase): boolean {
  const o = { ...c.options, ...(c.options.schedulerSpecificKwargs as object ?? {}) } as Record<
    string,
    unknown
  >;
  switch (c.schedulerName ?? c.function) {
    case "getConstantSchedule":
    case "constant":
    case "getConstantScheduleWithWarmup":
    case "constant_with_warmup":
    case "getLinearScheduleWithWarmup":
    case "linear":
    case "getInverseSqrtSchedule":
    case "inverse_sqrt":
    case "getReduceOnPlateauSchedule":
    case "reduce_lr_on_plateau":
      return true;
    case "getPolynomialDecayScheduleWithWarmup":
    case "polynomial":
      return (o.power ?? 1) === 1;
    case "getWsdSchedule":
    case "warmup_stable_decay":
      return (o.warmupType ?? "linear") !== "cosine" && (o.decayType ?? "cosine") !== "cosine";
    default:
      return false;
  }
}

Deno.test("hf fixtures come from transformers' code under torch, 60+ steps, 4+ cases each", () => {
  assert.match(fixture.transformers, /^[0-9a-f]{40}$/);
  assert.ok(fixture.steps >= 60);
  const counts = new Map<string, number>();
  for (const c of fixture.cases) {
    const key = c.schedulerName ?? c.function;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    assert.equal(c.lrs.length, 2, `${c.name}: two param groups`);
    assert.notEqual(c.lrs[0], c.lrs[1], `${c.name}: the groups' lrs differ`);
  }
  for (const name of Object.keys(FUNCTIONS)) {
    assert.ok((counts.get(name) ?? 0) >= 4, `${name}: ${counts.get(name)} cases`);
  }
  for (const name of hf.SCHEDULER_TYPES) assert.ok(counts.has(name), `getScheduler("${name}")`);
});

Deno.test("hf schedules give transformers' lrs within 1e-12 relative, bit for bit without cos and **", () => {
  let values = 0;
  let exact = 0;
  let exactArithmetic = 0;
  let arithmeticValues = 0;
  let maxRelative = 0;
  for (const c of fixture.cases) {
    const actual = run(c);
    assert.equal(actual.length, c.lastLr.length, c.name);
    c.lastLr.forEach((row, step) => {
      row.forEach((expected, group) => {
        const got = actual[step]![group]!;
        const relative = Math.abs(got - expected) / c.lrs[group]!;
        maxRelative = Math.max(maxRelative, relative);
        assert.ok(
          relative <= RELATIVE_TOLERANCE,
          `${c.name} step ${step} group ${group}: got ${got}, transformers ${expected}`,
        );
        values += 1;
        if (Object.is(got, expected)) exact += 1;
        if (arithmeticOnly(c)) {
          arithmeticValues += 1;
          assert.ok(
            Object.is(got, expected),
            `${c.name} step ${step} group ${group}: got ${got}, transformers ${expected} (bit for bit)`,
          );
          exactArithmetic += 1;
        }
      });
    });
  }
  console.log(
    `hf: ${fixture.cases.length} cases, ${exact}/${values} lrs bit-exact ` +
      `(${exactArithmetic}/${arithmeticValues} of those without cos or **), ` +
      `max relative difference ${maxRelative.toExponential(2)}`,
  );
  assert.ok(values >= fixture.cases.length * 2 * 61);
});

Deno.test("hf functions read optimizer.defaults.lr, else the first group's lr", () => {
  const readsDefaults = (c: HfCase) =>
    c.function === "getPolynomialDecayScheduleWithWarmup" || "minLr" in c.options;
  const same = fixture.cases.filter((c) => c.defaultsLr === c.lrs[0] && readsDefaults(c));
  assert.ok(same.length >= 3);
  for (const c of same) assert.deepEqual(run(c, false), run(c, true), c.name);
  // where defaults.lr differs from the first group's lr, the defaults win (and matter)
  // (lrEnd 0 is left out: there the default lr cancels out of the factor)
  const differ = fixture.cases.filter((c) =>
    c.defaultsLr !== c.lrs[0] && readsDefaults(c) && c.options.lrEnd !== 0
  );
  assert.ok(differ.length >= 3);
  for (const c of differ) assert.notDeepEqual(run(c, false), c.lastLr, c.name);
});

Deno.test("hf schedules give the values transformers' own tests expect (within their 1e-2)", () => {
  // tests/optimization/test_optimization.py (ScheduleInitTest.test_schedulers): lr 10, the lr at
  // steps 0..9, with num_warmup_steps 2 and num_training_steps 10 unless stated
  const common = { numWarmupSteps: 2, numTrainingSteps: 10 };
  const expected: [string, (o: hf.HfOptimizerLike) => LRScheduler, number[]][] = [
    ["constant", (o) => hf.getConstantSchedule(o), Array(10).fill(10)],
    [
      "constant with warmup",
      (o) => hf.getConstantScheduleWithWarmup(o, { numWarmupSteps: 4 }),
      [0.0, 2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
    ],
    [
      "linear",
      (o) => hf.getLinearScheduleWithWarmup(o, common),
      [0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25],
    ],
    [
      "cosine",
      (o) => hf.getCosineScheduleWithWarmup(o, common),
      [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38],
    ],
    [
      "hard restarts",
      (o) => hf.getCosineWithHardRestartsScheduleWithWarmup(o, { ...common, numCycles: 2 }),
      [0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46],
    ],
    [
      "polynomial",
      (o) => hf.getPolynomialDecayScheduleWithWarmup(o, { ...common, power: 2.0, lrEnd: 1e-7 }),
      [0.0, 5.0, 10.0, 7.656, 5.625, 3.906, 2.5, 1.406, 0.625, 0.156],
    ],
    [
      "inverse sqrt",
      (o) => hf.getInverseSqrtSchedule(o, { numWarmupSteps: 2 }),
      [0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714],
    ],
  ];
  for (const [name, make, lrs] of expected) {
    const s = make({ paramGroups: [{ lr: 10 }], defaults: { lr: 10 } });
    lrs.forEach((lr, step) => {
      assert.ok(Math.abs(s.getLastLr()[0]! - lr) <= 1e-2, `${name} step ${step}: ${s.getLastLr()}`);
      s.step();
    });
  }
});
