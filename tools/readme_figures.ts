/**
 * `deno task readme:figures`: draws the README's pictures with the library and writes them as static
 * SVG into `docs/img/`. Each entry of {@linkcode README_FIGURES} is a file name and a function that
 * builds the figure the same way its notebook does; append an entry to add a picture.
 *
 * ```sh
 * deno task readme:figures            # writes docs/img/*.svg and prints each path
 * ```
 *
 * @module
 */

import {
  collectLrs,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  exponentialDecay,
  ExponentialLR,
  type Figure,
  hf,
  inverseTimeDecay,
  irisSetup,
  keras,
  LambdaLR,
  lossChart,
  type LRScheduler,
  MultiStepLR,
  OneCycleLR,
  optax,
  type OptimizerLike,
  scheduleChart,
  ScheduleLR,
  stepDecay,
  StepLR,
  timm,
  toSvg,
  train,
  warmupCosineDecaySchedule,
  warmupStableDecaySchedule,
} from "../lib/mod.ts";

/** One README picture: its file name under `docs/img/` and how to build it. */
export interface ReadmeFigure {
  /** File name under `docs/img/`, e.g. `"comparison.svg"`. */
  file: string;
  /** Builds the figure (plain plotly JSON); drawn with `toSvg` at its layout's size or 720×420. */
  build: () => Figure;
}

/** The steps 0, 1, ..., n - 1. */
function steps(n: number): number[] {
  return Array.from({ length: n }, (_, t) => t);
}

/** The seed's comparison (notebook 02): lr0 = 1e-3, k = β = 0.5, halving every 10, 100 iterations. */
function seedComparison(logY: boolean): Figure {
  const lr0 = 1e-3;
  const ts = steps(100);
  return scheduleChart({
    "step decay": ts.map(stepDecay({ lr0, beta: 0.5, period: 10 })),
    "exponential decay": ts.map(exponentialDecay({ lr0, k: 0.5 })),
    "1/t decay": ts.map(inverseTimeDecay({ lr0, k: 0.5 })),
  }, {
    title: logY ? "The same decays, log scale" : "Three decays, lr0 = 1e-3, k = 0.5",
    xTitle: "iteration",
    logY,
    steps: true,
  });
}

/** Notebook 01's three schedules on one chart: lr0 = 0.1, steps 0..20. */
function threeDecays(): Figure {
  const ts = steps(21);
  return scheduleChart({
    "step decay (β = 0.5, T = 4)": ts.map(stepDecay({ lr0: 0.1, beta: 0.5, period: 4 })),
    "exponential decay (k = 0.2)": ts.map(exponentialDecay({ lr0: 0.1, k: 0.2 })),
    "1/t decay (k = 0.5)": ts.map(inverseTimeDecay({ lr0: 0.1, k: 0.5 })),
  }, { title: "Three decays from lr0 = 0.1", steps: true });
}

/**
 * Notebook 05's sweep schedules: seven ways to spend 20,000 iterations at peak lr 0.12, each
 * scheduler driven on a bare optimizer and sampled every 100 iterations.
 */
function beyondSchedules(): Figure {
  const peak = 0.12, total = 20_000, warmup = 1_000;
  const schedulers: Record<string, (opt: OptimizerLike) => LRScheduler | undefined> = {
    "constant": () => undefined,
    "step decay": (opt) => new StepLR(opt, { stepSize: 5_000, gamma: 0.5 }),
    "exponential": (opt) => new ExponentialLR(opt, { gamma: 0.5 ** (1 / 5_000) }),
    "cosine": (opt) => new CosineAnnealingLR(opt, { tMax: total }),
    "warmup + cosine": (opt) =>
      new ScheduleLR(opt, {
        schedule: warmupCosineDecaySchedule({
          initValue: 0,
          peakValue: peak,
          warmupSteps: warmup,
          decaySteps: total,
        }),
      }),
    "one-cycle": (opt) =>
      new OneCycleLR(opt, { maxLr: peak, totalSteps: total, cycleMomentum: false }),
    "WSD (1-sqrt)": (opt) =>
      new ScheduleLR(opt, {
        schedule: warmupStableDecaySchedule({
          peakValue: peak,
          warmupSteps: warmup,
          stableSteps: 15_000,
          decaySteps: 4_000,
          decayType: "1-sqrt",
        }),
      }),
  };
  const x = steps(total / 100 + 1).map((i) => i * 100);
  const curves = Object.fromEntries(
    Object.entries(schedulers).map(([name, make]) => {
      const scheduler = make({ paramGroups: [{ lr: peak }] });
      const lr = scheduler
        ? collectLrs(scheduler, total + 1).map(([value]) => value!)
        : steps(total + 1).map(() => peak);
      return [name, x.map((t) => lr[t]!)];
    }),
  );
  return scheduleChart(curves, {
    x,
    xTitle: "iteration",
    title: "The seven schedules of the sweep (peak 0.12)",
  });
}

/**
 * Notebook 03's main run: `irisSetup({ seed: 3 })` (the seed's recipe, lr 1e-3 on the summed loss
 * halved every 10,000 iterations) trained to 100% / 100%; loss per flower on a log axis, the
 * halvings marked (accuracy has its own chart in the notebook: it never shares the loss axis).
 */
function irisMainRun(): Figure {
  const result = train(irisSetup({ seed: 3 }));
  const n = 120;
  return lossChart({ ...result.history, loss: result.history.loss.map((l) => l / n) }, {
    title: "Seed 3: loss per flower, lr 1e-3 halved every 10,000 iterations",
    yTitle: "loss per flower",
    logY: true,
    milestones: [{ x: 10000, label: "lr ÷ 2" }, { x: 20000, label: "lr ÷ 2" }],
  });
}

/**
 * Notebook 04's PyTorch schedulers from lr 0.1 over 60 epochs, each on a bare optimizer,
 * recorded with `getLastLr()` in the modern loop (read, then step).
 */
function pytorchSchedulers(): Figure {
  const epochs = 60;
  const make: Record<string, (opt: OptimizerLike) => LRScheduler> = {
    "LambdaLR (0.95^t)": (opt) => new LambdaLR(opt, { lrLambda: (t) => 0.95 ** t }),
    "StepLR (5, 0.5)": (opt) => new StepLR(opt, { stepSize: 5, gamma: 0.5 }),
    "MultiStepLR ([3, 5, 10])": (opt) =>
      new MultiStepLR(opt, { milestones: [3, 5, 10], gamma: 0.5 }),
    "CosineAnnealingWarmRestarts": (opt) =>
      new CosineAnnealingWarmRestarts(opt, { t0: 10, tMult: 2 }),
    "CyclicLR (triangular2)": (opt) =>
      new CyclicLR(opt, {
        baseLr: 0.01,
        maxLr: 0.1,
        stepSizeUp: 5,
        mode: "triangular2",
        cycleMomentum: false,
      }),
    "OneCycleLR": (opt) =>
      new OneCycleLR(opt, { maxLr: 0.1, totalSteps: epochs, cycleMomentum: false }),
  };
  const curves = Object.fromEntries(
    Object.entries(make).map(([name, build]) => {
      const scheduler = build({ paramGroups: [{ lr: 0.1 }] });
      return [name, collectLrs(scheduler, epochs).map(([lr]) => lr!)];
    }),
  );
  return scheduleChart(curves, {
    title: "PyTorch's schedulers in TypeScript, from lr 0.1",
    xTitle: "epoch",
  });
}

/** Notebook 07: one schedule from each library, over 100 steps of a base lr of 0.1. */
function everyLibrary(): Figure {
  const x = steps(100);
  const opt = () => ({ paramGroups: [{ lr: 0.1 }] });
  const timmOptimizer = opt();
  const cosine = new timm.CosineLRScheduler(timmOptimizer, {
    tInitial: 20,
    warmupT: 5,
    cycleMul: 1.5,
    cycleLimit: 3,
    cycleDecay: 0.6,
  });
  const timmLrs = x.map((t) => {
    if (t > 0) cosine.step(t);
    return timmOptimizer.paramGroups[0]!.lr;
  });
  const restarts = keras.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 15 });
  const oneCycle = optax.cosineOnecycleSchedule({ transitionSteps: 100, peakValue: 0.1 });
  return scheduleChart({
    "hf getCosineScheduleWithWarmup": collectLrs(
      hf.getCosineScheduleWithWarmup(opt(), { numWarmupSteps: 10, numTrainingSteps: 100 }),
      100,
    ).map(([lr]) => lr!),
    "timm CosineLRScheduler": timmLrs,
    "keras.CosineDecayRestarts": x.map(restarts),
    "optax.cosineOnecycleSchedule": x.map(oneCycle),
  }, { x, xTitle: "step", title: "One schedule from each library" });
}

/** Every README picture, in order. */
export const README_FIGURES: ReadmeFigure[] = [
  { file: "comparison.svg", build: () => seedComparison(false) },
  { file: "01_three_decays.svg", build: threeDecays },
  { file: "02_comparing_decays.svg", build: () => seedComparison(true) },
  { file: "03_iris.svg", build: irisMainRun },
  { file: "04_pytorch_schedulers.svg", build: pytorchSchedulers },
  { file: "05_beyond.svg", build: beyondSchedules },
  { file: "07_every_library.svg", build: everyLibrary },
];

/** The folder the pictures go to: `docs/img/` of this repository. */
export const README_IMG_DIR = new URL("../docs/img/", import.meta.url);

/** Writes every figure of `figures` into `dir`; returns the paths written, as `docs/img/<file>`. */
export async function writeReadmeFigures(
  figures: readonly ReadmeFigure[] = README_FIGURES,
  dir: URL = README_IMG_DIR,
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const { file, build } of figures) {
    const url = new URL(file, dir);
    await Deno.writeTextFile(url, toSvg(build()) + "\n");
    written.push(`docs/img/${file}`);
  }
  return written;
}

if (import.meta.main) {
  for (const path of await writeReadmeFigures()) console.log(path);
}
