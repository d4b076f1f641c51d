import assert from "node:assert/strict";
import { Random, type Spec, toPyTorch } from "../../lib/mod.ts";
import { annealLrs, runTorch, type TorchCase, torchOrSkip, torchRowsToCompare } from "./_torch.ts";

/**
 * Seeded random specs of every type, nested at random, exported and run under real torch: the
 * cases no one chose by hand. Same tolerance as the hand-picked cases.
 */
const SEED = 20261130;
const COUNT = 120;
const EPOCHS = 200;
const TOLERANCE = 1e-12;

const rng = new Random(SEED);
const pick = <T>(items: readonly T[]): T => items[rng.int(items.length)]!;
const int = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
/** A short decimal in [lo, hi], as a person would type it. */
const num = (lo: number, hi: number, digits = 3) =>
  Number((lo + (hi - lo) * rng.uniform()).toPrecision(digits));
const bool = () => rng.uniform() < 0.5;

function randomSchedule(depth = 0, around = 0.1): Spec {
  const v = () => num(around / 10, around * 2);
  const steps = () => int(1, 150);
  const kinds = [
    () => ({ type: "stepDecay", lr0: v(), beta: num(0.1, 0.99), period: int(1, 40) }),
    () => ({ type: "exponentialDecay", lr0: v(), k: num(0, 0.05) }),
    () => ({
      type: "exponentialDecay",
      lr0: v(),
      decayRate: num(0.3, 1.5),
      transitionSteps: steps(),
      transitionBegin: int(0, 30),
      staircase: bool(),
      ...(bool() ? { endValue: v() } : {}),
    }),
    () => ({
      type: "inverseTimeDecay",
      lr0: v(),
      k: num(0, 2),
      transitionSteps: steps(),
      staircase: bool(),
    }),
    () => ({ type: "constantSchedule", value: v() }),
    () => ({
      type: "linearSchedule",
      initValue: v(),
      endValue: v(),
      transitionSteps: steps(),
      transitionBegin: int(0, 20),
    }),
    () => ({
      type: "polynomialSchedule",
      initValue: v(),
      endValue: v(),
      power: num(0.2, 3),
      transitionSteps: steps(),
      transitionBegin: int(0, 20),
    }),
    () => ({
      type: "cosineDecaySchedule",
      initValue: v(),
      decaySteps: steps(),
      alpha: num(0, 0.5),
      exponent: num(0.5, 3),
    }),
    () => ({
      type: "inverseSqrtSchedule",
      peakValue: v(),
      warmupSteps: int(0, 30),
      ...(bool() ? { timescale: int(1, 100) } : {}),
    }),
    () => ({
      type: "piecewiseConstantSchedule",
      initValue: v(),
      boundariesAndScales: Object.fromEntries(
        Array.from({ length: int(0, 3) }, () => [int(0, 180), num(0.1, 2)]),
      ),
    }),
    () => {
      const warmupSteps = int(0, 40);
      return {
        type: "warmupCosineDecaySchedule",
        initValue: num(0, around),
        peakValue: v(),
        warmupSteps,
        decaySteps: warmupSteps + int(1, 200),
        endValue: num(0, around / 10),
        exponent: num(0.5, 2),
      };
    },
    () => ({
      type: "warmupStableDecaySchedule",
      peakValue: v(),
      warmupSteps: int(0, 40),
      stableSteps: int(0, 80),
      decaySteps: int(0, 100),
      endValue: num(0, around / 10),
      warmupType: pick(["linear", "cosine", "1-sqrt"]),
      decayType: pick(["linear", "cosine", "1-sqrt"]),
    }),
    () => ({
      type: "sgdrSchedule",
      peakValue: v(),
      cycleSteps: int(1, 60),
      cycleMult: int(1, 3),
      cycleDecay: num(0.3, 1),
      endValue: num(0, around / 10),
    }),
    () => ({
      type: "oneCycleSchedule",
      peakValue: v(),
      totalSteps: int(2, 250),
      pctStart: num(0.05, 0.5),
      annealStrategy: pick(["cos", "linear"]),
      divFactor: num(2, 50),
      finalDivFactor: num(2, 1e4),
      threePhase: bool(),
    }),
    () => {
      if (depth > 1) return { type: "constantSchedule", value: v() };
      const n = int(1, 3);
      const boundaries = Array.from({ length: n - 1 }, () => int(0, 150)).sort((a, b) => a - b);
      return {
        type: "joinSchedules",
        schedules: Array.from({ length: n }, () => randomSchedule(depth + 1, around)),
        boundaries,
      };
    },
  ];
  return pick(kinds)();
}

function randomScheduler(depth = 0): Spec {
  const lr = () => num(0.001, 0.5);
  const kinds: (() => Spec)[] = [
    () => ({ type: "StepLR", stepSize: int(1, 40), gamma: num(0.1, 0.99) }),
    () => ({
      type: "MultiStepLR",
      milestones: Array.from({ length: int(0, 4) }, () => int(0, 190)).sort((a, b) => a - b),
      gamma: num(0.1, 0.99),
    }),
    () => ({ type: "ConstantLR", factor: num(0.05, 1), totalIters: int(1, 60) }),
    () => ({
      type: "LinearLR",
      startFactor: num(0.01, 1),
      endFactor: num(0, 1),
      totalIters: int(1, 120),
    }),
    () => ({ type: "ExponentialLR", gamma: num(0.9, 1.01, 4) }),
    () => ({ type: "PolynomialLR", totalIters: int(1, 250), power: num(0, 3) }),
    () => ({ type: "CosineAnnealingLR", tMax: int(1, 120), etaMin: num(0, 0.01) }),
    () => ({
      type: "CosineAnnealingWarmRestarts",
      t0: int(1, 60),
      tMult: int(1, 3),
      etaMin: num(0, 0.01),
    }),
    () => ({
      type: "CyclicLR",
      baseLr: bool() ? lr() / 10 : [lr() / 10, lr() / 10],
      maxLr: lr(),
      stepSizeUp: bool() ? int(1, 50) : num(0.5, 50),
      stepSizeDown: int(0, 50),
      mode: pick(["triangular", "triangular2", "exp_range"]),
      gamma: num(0.95, 1, 4),
      cycleMomentum: bool(),
      baseMomentum: num(0.7, 0.85),
      maxMomentum: num(0.86, 0.99),
    }),
    () => ({
      type: "OneCycleLR",
      maxLr: bool() ? lr() : [lr(), lr()],
      totalSteps: int(EPOCHS, 400),
      pctStart: num(0.05, 0.6),
      annealStrategy: pick(["cos", "linear"]),
      cycleMomentum: bool(),
      divFactor: num(2, 100),
      finalDivFactor: num(2, 1e5),
      threePhase: bool(),
    }),
    () => ({
      type: "LambdaLR",
      lrLambda: bool() ? randomSchedule(0, 1) : [randomSchedule(0, 1), randomSchedule(0, 1)],
    }),
    () => ({
      type: "MultiplicativeLR",
      lrLambda: { type: "constantSchedule", value: num(0.95, 1.02, 4) },
    }),
    () => ({
      type: "ScheduleLR",
      schedule: bool() ? randomSchedule() : [randomSchedule(), randomSchedule()],
    }),
  ];
  if (depth < 2) {
    kinds.push(
      () => {
        const n = int(2, 3);
        return {
          type: "SequentialLR",
          schedulers: Array.from(
            { length: n },
            (_, i) => i === 0 ? randomScheduler(depth + 1) : randomLeaf(),
          ),
          milestones: Array.from({ length: n - 1 }, () => int(1, 180)).sort((a, b) => a - b),
        };
      },
      () => ({
        type: "ChainedScheduler",
        schedulers: Array.from({ length: int(2, 3) }, () => randomScheduler(depth + 1)),
      }),
    );
  }
  return pick(kinds)();
}

/** A scheduler that can be restarted at a milestone (no composite there: anneal and torch refuse). */
function randomLeaf(): Spec {
  let spec = randomScheduler(2);
  while (spec.type === "OneCycleLR") spec = randomScheduler(2);
  return spec;
}

function randomCase(i: number): TorchCase {
  const lrs = [num(0.01, 1), num(0.01, 1)];
  if (rng.uniform() < 0.08) {
    return {
      name: `#${i} ReduceLROnPlateau`,
      spec: {
        type: "ReduceLROnPlateau",
        mode: pick(["min", "max"]),
        factor: num(0.05, 0.9),
        patience: int(0, 8),
        threshold: num(1e-4, 0.05),
        thresholdMode: pick(["rel", "abs"]),
        cooldown: int(0, 4),
        minLr: bool() ? num(0, 1e-3) : [num(0, 1e-3), num(0, 1e-3)],
        eps: num(1e-9, 1e-6),
      },
      lrs,
      epochs: EPOCHS,
      metrics: Array.from({ length: EPOCHS }, () => num(0, 1)),
    };
  }
  const spec = rng.uniform() < 0.15 ? randomSchedule() : randomScheduler();
  return { name: `#${i} ${spec.type}`, spec, lrs, epochs: EPOCHS };
}

const CASES = Array.from({ length: COUNT }, (_, i) => randomCase(i));

Deno.test(`${COUNT} seeded random specs, exported with toPyTorch and run under torch, give anneal's lrs`, async (t) => {
  if (!(await torchOrSkip("random toPyTorch cases"))) return;
  const { torch, results } = await runTorch(CASES.map((c) => ({ ...c, code: toPyTorch(c.spec) })));
  let exact = 0;
  let total = 0;
  for (const [i, c] of CASES.entries()) {
    await t.step(c.name, () => {
      const result = results[i]!;
      assert.ok(
        !("error" in result),
        `torch raised ${"error" in result ? result.error : ""}\n${JSON.stringify(c.spec)}`,
      );
      const expected = annealLrs(c);
      torchRowsToCompare(result.lrs, expected).forEach((row, epoch) =>
        row.forEach((lr, g) => {
          const ours = expected[epoch]![g]!;
          total += 1;
          if (Object.is(lr, ours)) exact += 1;
          const relative = Math.abs(lr - ours) / Math.max(Math.abs(ours), Number.MIN_VALUE);
          assert.ok(
            relative <= TOLERANCE,
            `epoch ${epoch}, group ${g}: torch ${lr}, anneal ${ours}\n${JSON.stringify(c.spec)}`,
          );
        })
      );
    });
  }
  console.log(
    `torch ${torch}: ${COUNT} random specs (seed ${SEED}), ${exact} of ${total} lrs bit for bit`,
  );
});
