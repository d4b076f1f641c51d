/**
 * Child of `step_allocation_test.ts` (run it with `deno run --v8-flags=--expose-gc,...`): for
 * each scheduler, the heap bytes one `step()` allocates in the steady state, as JSON
 * `{ name: bytesPerStep }` (see {@linkcode bytesPerStep}). The young generation must be large
 * enough that no collection is needed during a window (`--min-semi-space-size=128`,
 * `--max-semi-space-size=128`: 128 MiB, over 1 KiB per step for 100,000 steps).
 *
 * @module
 */

import { irisSetup, train } from "../../lib/train/mod.ts";
import {
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  MultiplicativeLR,
  MultiStepLR,
  OneCycleLR,
  type OptimizerLike,
  PolynomialLR,
  ReduceLROnPlateau,
  ScheduleLR,
  SequentialLR,
  StepLR,
  SWALR,
  WarmupLR,
} from "../../lib/schedulers/mod.ts";
import { cosineDecaySchedule } from "../../lib/schedules/mod.ts";

const gc = (globalThis as { gc?: () => void }).gc;

/** Two groups (so that per-group loops are exercised), with momentum for the cyclic ones. */
const optimizer = (): OptimizerLike => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }],
});
const BIG = 10_000_000;

/** Each scheduler, built fresh, and how one training iteration steps it. */
export const SCHEDULERS: Record<string, () => { scheduler: LRScheduler; step: () => void }> = {
  StepLR: () => plain(new StepLR(optimizer(), { stepSize: 1000, gamma: 0.5 })),
  MultiStepLR: () =>
    plain(new MultiStepLR(optimizer(), { milestones: [1000, 5000, 20_000], gamma: 0.5 })),
  ExponentialLR: () => plain(new ExponentialLR(optimizer(), { gamma: 0.999999 })),
  CosineAnnealingLR: () => plain(new CosineAnnealingLR(optimizer(), { tMax: 1000 })),
  CosineAnnealingWarmRestarts: () =>
    plain(new CosineAnnealingWarmRestarts(optimizer(), { t0: 1000 })),
  OneCycleLR: () => plain(new OneCycleLR(optimizer(), { maxLr: 1, totalSteps: BIG })),
  LinearLR: () => plain(new LinearLR(optimizer(), { totalIters: 50_000 })),
  PolynomialLR: () => plain(new PolynomialLR(optimizer(), { totalIters: 50_000, power: 2 })),
  LambdaLR: () => plain(new LambdaLR(optimizer(), { lrLambda: (e) => 1 / (1 + e) })),
  SequentialLR: () => {
    const o = optimizer();
    return plain(
      new SequentialLR(o, {
        schedulers: [
          new LinearLR(o, { totalIters: 1000 }),
          new CosineAnnealingLR(o, { tMax: 500 }),
        ],
        milestones: [1000],
      }),
    );
  },
  CyclicLR: () => plain(new CyclicLR(optimizer(), { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 500 })),
  ReduceLROnPlateau: () => {
    const s = new ReduceLROnPlateau(optimizer(), { patience: 10, minLr: 1e-6 });
    // A loss that falls, then stalls, in turns, so that the lr is cut now and then. The losses
    // are made beforehand and kept as the numbers a training loop would hand over (an array of
    // any values holds them boxed), so that the measurement counts the scheduler, not the
    // making of the metric.
    const metrics: unknown[] = ["a generic array"];
    for (let i = 0; i < 1000; i++) metrics.push(1 / (1 + (i < 500 ? i : 500)));
    let i = 0;
    return {
      scheduler: s,
      step: () => {
        i = i === 1000 ? 1 : i + 1;
        s.step(metrics[i] as number);
      },
    };
  },
  ConstantLR: () => plain(new ConstantLR(optimizer(), { factor: 0.5, totalIters: 10 })),
  MultiplicativeLR: () => plain(new MultiplicativeLR(optimizer(), { lrLambda: () => 0.9999999 })),
  SWALR: () => plain(new SWALR(optimizer(), { swaLr: 0.05, annealEpochs: 10 })),
  ScheduleLR: () =>
    plain(
      new ScheduleLR(optimizer(), {
        schedule: cosineDecaySchedule({ initValue: 0.1, decaySteps: BIG }),
      }),
    ),
  WarmupLR: () =>
    plain(
      new WarmupLR(optimizer(), {
        scheduler: (o) => new CosineAnnealingLR(o, { tMax: 1000 }),
        warmupSteps: 100,
      }),
    ),
};

function plain(scheduler: LRScheduler) {
  return { scheduler, step: () => scheduler.step() };
}

/**
 * Heap bytes per step: the heap growth over `steps` steps (after a full collection), divided by
 * `steps`; the median of five such windows, so that a one-off cost (a branch taken for the first
 * time, which V8 compiles anew) or a collection the runtime starts on its own in one window
 * does not decide the figure.
 */
export function bytesPerStep(make: () => { step: () => void }, steps: number): number {
  const { step } = make();
  for (let i = 0; i < 20_000; i++) step(); // optimise first
  const perStep: number[] = [];
  for (let round = 0; round < 5; round++) {
    gc!();
    const before = Deno.memoryUsage().heapUsed;
    for (let i = 0; i < steps; i++) step();
    perStep.push((Deno.memoryUsage().heapUsed - before) / steps);
  }
  return perStep.sort((a, b) => a - b)[2]!;
}

/**
 * Heap bytes per iteration of the Iris training loop (`train()`, full batch, captured step),
 * with StepLR stepped every iteration or without a scheduler: the heap growth between two
 * evaluation points 20,000 iterations apart (measured in `stopWhen`, which runs at each), over
 * 20,000; the least of the windows after the first. An evaluation's own allocations (history,
 * accuracies) count, spread over the window.
 */
export function bytesPerIteration(scheduled: boolean): number {
  const setup = irisSetup({ seed: 0, stopAt: null, stepSize: scheduled ? 10_000 : null });
  const marks: number[] = [];
  const stopWhen = () => {
    marks.push(Deno.memoryUsage().heapUsed);
    return false;
  };
  train({ ...setup, iterations: 100_000, evalEvery: 20_000, stopWhen });
  const windows = marks.slice(1).map((m, i) => (m - marks[i]!) / 20_000);
  return Math.min(...windows);
}

/** A step that keeps one new array per step alive for a while: the harness must see it. */
const CONTROL = "control: an array per step";
function control() {
  const kept: number[][] = new Array(64);
  let i = 0;
  return { step: () => void (kept[i++ & 63] = [i, i + 0.5]) };
}

if (import.meta.main) {
  if (gc === undefined) throw new Error("run with --v8-flags=--expose-gc");
  const names = Deno.args.length > 0 ? Deno.args : Object.keys(SCHEDULERS);
  const out: Record<string, number> = {};
  for (const name of names) {
    if (name === "train: StepLR" || name === "train: no scheduler") {
      out[name] = bytesPerIteration(name === "train: StepLR");
      continue;
    }
    const make = name === CONTROL ? control : SCHEDULERS[name];
    if (make === undefined) throw new Error(`no scheduler named ${name}`);
    out[name] = bytesPerStep(make, 100_000);
  }
  console.log(JSON.stringify(out));
}
