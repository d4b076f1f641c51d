/**
 * WarmupLR against real PyTorch (tests/fixtures/schedulers_warmup.json, written by
 * tools/fixtures_warmup.py: SequentialLR([LinearLR | ConstantLR | LambdaLR, X]) and, for a
 * plateau, a hand loop), against its closed forms written out here, and against the wrapped
 * scheduler run alone (bit for bit, shifted by warmupSteps).
 */

import assert from "node:assert/strict";
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  MultiStepLR,
  OneCycleLR,
  type OptimizerLike,
  PolynomialLR,
  ReduceLROnPlateau,
  ScheduleLR,
  type SchedulerState,
  SequentialLR,
  StepLR,
  WarmupLR,
  type WarmupType,
} from "../../lib/schedulers/mod.ts";

interface WarmupCase {
  warmupType: WarmupType;
  warmupSteps: number;
  startFactor: number;
  scheduler: string;
  options: Record<string, unknown>;
  lrs: number[];
  lastLr: number[][];
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/schedulers_warmup.json", import.meta.url)),
) as {
  torch: string;
  steps: number;
  plateauMetrics: number[];
  cases: WarmupCase[];
  plateau: WarmupCase[];
};

// deno-lint-ignore no-explicit-any
const loose = (o: unknown): any => o;

const CLASSES: Record<string, new (o: OptimizerLike, options: never) => LRScheduler> = {
  StepLR,
  ExponentialLR,
  CosineAnnealingLR,
  MultiStepLR,
  PolynomialLR,
  CosineAnnealingWarmRestarts,
  LinearLR,
  ReduceLROnPlateau,
};

function sgd(lrs: number[]): OptimizerLike {
  return { paramGroups: lrs.map((lr) => ({ lr, momentum: 0.9 })) };
}

function warmupOf(c: WarmupCase, optimizer: OptimizerLike): WarmupLR {
  const Class = CLASSES[c.scheduler]!;
  return new WarmupLR(optimizer, {
    scheduler: (o) => new Class(o, c.options as never),
    warmupSteps: c.warmupSteps,
    warmupType: c.warmupType,
    startFactor: c.startFactor,
  });
}

const TOLERANCE = 1e-12; // relative to the group's initial lr

Deno.test(`WarmupLR matches PyTorch's SequentialLR and a plateau hand loop (torch ${fixture.torch}, rel tol 1e-12)`, async (t) => {
  let values = 0;
  let exact = 0;
  let maxRelative = 0;
  const all = [...fixture.cases, ...fixture.plateau];
  for (const c of all) {
    const name = `${c.warmupType} ${c.warmupSteps} from ${c.startFactor} before ${c.scheduler} ${
      JSON.stringify(c.options)
    }, ${c.lrs.length} groups`;
    await t.step(name, () => {
      const o = sgd(c.lrs);
      const s = warmupOf(c, o);
      const rows = [s.getLastLr()];
      for (let k = 1; k <= fixture.steps; k++) {
        if (c.scheduler === "ReduceLROnPlateau") s.step(fixture.plateauMetrics[k - 1]);
        else s.step();
        rows.push(s.getLastLr());
        assert.deepEqual(rows[k], o.paramGroups.map((g) => g.lr));
      }
      c.lastLr.forEach((row, k) =>
        row.forEach((want, g) => {
          const got = rows[k]![g]!;
          const relative = Math.abs(got - want) / c.lrs[g]!;
          maxRelative = Math.max(maxRelative, relative);
          values += 1;
          if (Object.is(got, want)) exact += 1;
          assert.ok(relative <= TOLERANCE, `step ${k}, group ${g}: got ${got}, PyTorch ${want}`);
        })
      );
    });
  }
  console.log(
    `WarmupLR vs torch ${fixture.torch}: ${exact}/${values} values bit exact, ` +
      `max relative difference ${maxRelative.toExponential(2)} (${all.length} cases)`,
  );
  assert.ok(all.length >= 16);
});

Deno.test("WarmupLR follows its closed forms, written out here (rel tol 1e-15)", () => {
  const W = 5;
  const target = [0.4, 0.1];
  const forms: [string, Record<string, unknown>, (e: number, t: number, g: number) => number][] = [
    ["linear from a factor", { startFactor: 0.2 }, (e, t) => t * 0.2 + t * 0.8 * e / W],
    ["linear from startLr", { startLr: [0.01, 0.05] }, (e, t, g) => {
      const s = [0.01, 0.05][g]!;
      return s + (t - s) * (e / W);
    }],
    [
      "exponential from a factor",
      { warmupType: "exponential", startFactor: 0.01 },
      (e, t) => t * Math.exp(Math.log(0.01) * (1 - e / W)),
    ],
    [
      "exponential from startLr",
      { warmupType: "exponential", startLr: 1e-3 },
      (e, t) => Math.exp(Math.log(1e-3) + (Math.log(t) - Math.log(1e-3)) * e / W),
    ],
    ["constant from a factor", { warmupType: "constant", startFactor: 0.1 }, (_e, t) => t / 10],
    ["constant from startLr", { warmupType: "constant", startLr: 0.003 }, () => 0.003],
  ];
  for (const [label, options, form] of forms) {
    const o = sgd(target);
    const s = new WarmupLR(o, {
      scheduler: (o) => new ExponentialLR(o, { gamma: 0.5 }),
      warmupSteps: W,
      ...options,
    });
    for (let e = 0; e <= W + 2; e++) {
      s.getLastLr().forEach((got, g) => {
        const t = target[g]!;
        const want = e < W ? form(e, t, g) : t * 0.5 ** (e - W);
        assert.ok(
          Math.abs(got - want) <= 1e-15 * t,
          `${label}, e=${e}, group ${g}: ${got} vs ${want}`,
        );
      });
      s.step();
    }
  }
});

Deno.test("after the warmup the wrapped scheduler runs exactly as it would alone, shifted by warmupSteps", async (t) => {
  const W = 4;
  const builds: [string, (o: OptimizerLike) => LRScheduler, boolean][] = [
    ["StepLR", (o) => new StepLR(o, { stepSize: 2, gamma: 0.5 }), false],
    ["LambdaLR", (o) => new LambdaLR(o, { lrLambda: (e) => 1 / (e + 1) }), false],
    ["CosineAnnealingWarmRestarts", (o) => new CosineAnnealingWarmRestarts(o, { t0: 3 }), false],
    ["CyclicLR", (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3 }), false],
    ["OneCycleLR", (o) => new OneCycleLR(o, { maxLr: 0.5, totalSteps: 30 }), false],
    ["ReduceLROnPlateau", (o) => new ReduceLROnPlateau(o, { patience: 1, factor: 0.5 }), true],
    ["ScheduleLR", (o) => new ScheduleLR(o, { schedule: (e) => 0.1 / (1 + e) }), false],
    ["SequentialLR", (o) =>
      new SequentialLR(o, {
        schedulers: [
          new ConstantLR(o, { factor: 0.5, totalIters: 3 }),
          new ExponentialLR(o, { gamma: 0.9 }),
        ],
        milestones: [3],
      }), false],
    [
      "ChainedScheduler",
      (o) =>
        new ChainedScheduler([
          new ExponentialLR(o, { gamma: 0.9 }),
          new StepLR(o, { stepSize: 3 }),
        ]),
      false,
    ],
    [
      "WarmupLR",
      (o) =>
        new WarmupLR(o, { scheduler: (p) => new ExponentialLR(p, { gamma: 0.8 }), warmupSteps: 2 }),
      false,
    ],
  ];
  const metrics = [1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.85, 0.7];
  for (const [name, build, plateau] of builds) {
    await t.step(name, () => {
      const alone = sgd([0.1, 0.2]);
      const x = build(alone);
      const wrapped = sgd([0.1, 0.2]);
      const s = new WarmupLR(wrapped, { scheduler: build, warmupSteps: W, startFactor: 0.1 });
      for (let k = 0; k < W; k++) s.step(...(plateau ? [5] : []));
      for (let k = 0; k < 20; k++) {
        assert.deepEqual(s.getLastLr(), x.getLastLr(), `step ${k} after the warmup`);
        const fields = (o: OptimizerLike) => o.paramGroups.map((g) => [g.lr, g.momentum, g.betas]);
        assert.deepEqual(fields(wrapped), fields(alone), `groups, step ${k}`);
        const metric = metrics[k % metrics.length]!;
        if (plateau) {
          s.step(metric);
          (x as ReduceLROnPlateau).step(metric);
        } else {
          s.step();
          x.step();
        }
      }
    });
  }
});

Deno.test("WarmupLR state round trip: a rebuilt warmup continues exactly, during and after the warmup", () => {
  for (const stop of [2, 6, 11]) {
    const build = (o: OptimizerLike) => new ReduceLROnPlateau(o, { patience: 0, factor: 0.5 });
    const metrics = [3, 2, 2, 2, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4];
    const a = new WarmupLR(sgd([0.1]), {
      scheduler: build,
      warmupSteps: 4,
      warmupType: "exponential",
      startFactor: 0.01,
    });
    for (let k = 0; k < stop; k++) a.step(metrics[k]);
    const saved = JSON.parse(JSON.stringify(a.stateDict())) as SchedulerState;
    assert.equal(saved.type, "WarmupLR");
    assert.equal((saved.scheduler as SchedulerState).type, "ReduceLROnPlateau");
    const o = sgd([0.1]);
    const b = new WarmupLR(o, {
      scheduler: build,
      warmupSteps: 4,
      warmupType: "exponential",
      startFactor: 0.01,
    });
    b.loadStateDict(saved);
    o.paramGroups[0]!.lr = a.getLastLr()[0]!; // the optimizer's state is restored with the optimizer
    for (let k = stop; k < metrics.length; k++) {
      a.step(metrics[k]);
      b.step(metrics[k]);
      assert.ok(Object.is(b.getLastLr()[0], a.getLastLr()[0]), `stop ${stop}, step ${k}`);
    }
    assert.deepEqual(b.stateDict(), a.stateDict());
  }
});

Deno.test("WarmupLR rejects bad arguments and changes nothing", async (t) => {
  const cases: [
    string,
    Record<string, unknown>,
    typeof TypeError | typeof RangeError,
    string | RegExp,
  ][] = [
    [
      "warmupSteps 0",
      { warmupSteps: 0 },
      RangeError,
      "warmupSteps must be a positive integer, got warmupSteps=0",
    ],
    [
      "startFactor 1.5",
      { startFactor: 1.5 },
      RangeError,
      "startFactor must be in [0, 1] for a linear warmup, got startFactor=1.5",
    ],
    [
      "exponential from 0",
      { warmupType: "exponential", startFactor: 0 },
      RangeError,
      "startFactor must be in (0, 1] for a exponential warmup, got startFactor=0",
    ],
    [
      "both starts",
      { startFactor: 0.1, startLr: 0.01 },
      TypeError,
      /^WarmupLR takes startFactor or startLr, not both/,
    ],
    [
      "a negative startLr",
      { startLr: -1 },
      RangeError,
      "startLr must be non-negative, got startLr=-1",
    ],
    [
      "warmupType cosine",
      { warmupType: "cosine" },
      RangeError,
      /^warmupType must be one of "linear"/,
    ],
    [
      "a scheduler that is not one",
      { scheduler: 3 },
      TypeError,
      /^scheduler must be a scheduler or a function/,
    ],
    [
      "a snake_case key",
      { warmup_steps: 3 },
      TypeError,
      /^WarmupLR got an unknown option warmup_steps \(did you mean warmupSteps\?\)/,
    ],
    [
      "a factory whose scheduler is out of range",
      {
        scheduler: (o: OptimizerLike) => new OneCycleLR(o, { maxLr: 1, totalSteps: 10 }),
        field: "momentum",
      },
      RangeError,
      'field must be the wrapped scheduler\'s, got field="momentum" for a scheduler driving field="lr"',
    ],
    [
      "a factory returning something else",
      { scheduler: () => ({}) },
      TypeError,
      "scheduler() must return a scheduler, got {}",
    ],
  ];
  for (const [label, options, ErrorClass, message] of cases) {
    await t.step(label, () => {
      const o = sgd([0.1, 0.2]);
      const before = JSON.stringify(o.paramGroups);
      assert.throws(
        () =>
          new WarmupLR(
            o,
            loose({
              scheduler: (p: OptimizerLike) => new StepLR(p, { stepSize: 2 }),
              warmupSteps: 3,
              ...options,
            }),
          ),
        (e: unknown) => {
          assert.equal((e as Error).constructor, ErrorClass, String(e));
          if (typeof message === "string") assert.equal((e as Error).message, message);
          else assert.match((e as Error).message, message);
          return true;
        },
      );
      assert.equal(JSON.stringify(o.paramGroups), before);
    });
  }
  await t.step("a scheduler already stepped, or on another optimizer", () => {
    const o = sgd([0.1]);
    const stepped = new StepLR(o, { stepSize: 2 });
    stepped.step();
    assert.throws(
      () => new WarmupLR(o, { scheduler: stepped, warmupSteps: 2 }),
      /must be freshly built/,
    );
    const other = new StepLR(sgd([0.1]), { stepSize: 2 });
    assert.throws(() => new WarmupLR(o, { scheduler: other, warmupSteps: 2 }), /same optimizer/);
  });
  await t.step("step(3) without a plateau, step('x') with one", () => {
    const o = sgd([0.1]);
    const s = new WarmupLR(o, { scheduler: (p) => new StepLR(p, { stepSize: 2 }), warmupSteps: 2 });
    const before = JSON.stringify([o.paramGroups, s.stateDict()]);
    assert.throws(() => s.step(loose(3)), TypeError);
    assert.equal(JSON.stringify([o.paramGroups, s.stateDict()]), before);
    const p = new WarmupLR(o, { scheduler: (q) => new ReduceLROnPlateau(q), warmupSteps: 2 });
    assert.throws(() => p.step(loose("x")), /^TypeError: metric must be a number/);
  });
  await t.step("a state with other warmup options, or of another class", () => {
    const o = sgd([0.1]);
    const s = new WarmupLR(o, { scheduler: (p) => new StepLR(p, { stepSize: 2 }), warmupSteps: 2 });
    const state = s.stateDict();
    const before = JSON.stringify([o.paramGroups, s.stateDict()]);
    assert.throws(
      () => s.loadStateDict({ ...state, warmupSteps: 3 }),
      /^RangeError: state.warmupSteps must match/,
    );
    assert.throws(
      () =>
        s.loadStateDict({
          ...state,
          scheduler: new ExponentialLR(sgd([0.1]), { gamma: 0.5 }).stateDict(),
        }),
      /state.type must be "StepLR"/,
    );
    assert.throws(
      () => s.loadStateDict(new StepLR(sgd([0.1]), { stepSize: 2 }).stateDict()),
      /state.type must be "WarmupLR"/,
    );
    assert.equal(JSON.stringify([o.paramGroups, s.stateDict()]), before);
  });
});
