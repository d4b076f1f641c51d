/**
 * The seed post's Iris experiment across seeds: which settings reach 100% train and 100% test
 * accuracy, and at which iteration. Prints markdown tables (copied into tools/iris_findings.md)
 * and writes every run's summary to tools/iris_study_results.json.
 *
 * Run: `deno run --allow-write tools/iris_study.ts [--seeds 20] [--json tools/iris_study_results.json]`
 *
 * Part A: six settings (summed or mean loss; lr 1e-3 or 5e-2 on the sum, 0.12 on the mean; lr
 * halved every 10,000 iterations or constant) × seeds 0…n−1, each seed choosing both the split
 * and the initial weights. Part B: the seed's setting with the split held fixed (splitSeed) and
 * only the weights varying, and with the weights held fixed and only the split varying. Part C:
 * the LR range test (1e-5 → 10, 1000 and 3000 steps) on the same network, for seeds 0…4.
 * `--parts C` runs only part C (seconds instead of minutes). Part D: the seed's *first* run, a
 * constant lr 5e-2 on the mean loss for 10,000 iterations (the post reports its best train and
 * validation accuracy, 98.33% and 100.00%), without and with the post's L2 strength 1e-3 as SGD's
 * `weightDecay`, × seeds 0…n−1; each run keeps its best train and best test accuracy over the 20
 * evaluations. Writing part A or B rewrites partA and partB; writing part D keeps them.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { SGD } from "../lib/optim/mod.ts";
import {
  irisSetup,
  type IrisSetupOptions,
  lrRangeTest,
  summarizeSweep,
  sweep,
  type SweepRun,
} from "../lib/train/mod.ts";

const SETTINGS: Record<string, IrisSetupOptions> = {
  "sum, lr 1e-3, halved every 10k (the seed)": { reduction: "sum", lr: 1e-3 },
  "sum, lr 1e-3, constant": { reduction: "sum", lr: 1e-3, stepSize: null },
  "sum, lr 5e-2, halved every 10k": { reduction: "sum", lr: 5e-2 },
  "sum, lr 5e-2, constant": { reduction: "sum", lr: 5e-2, stepSize: null },
  "mean, lr 0.12, halved every 10k": { reduction: "mean", lr: 0.12 },
  "mean, lr 0.12, constant": { reduction: "mean", lr: 0.12, stepSize: null },
};

/** The seed's first run: constant lr 5e-2 on the mean loss, 10,000 iterations, evaluated every 500. */
const SEED_FIRST_RUN = "mean, lr 5e-2, constant, 10k iterations";
const FIRST_RUN: IrisSetupOptions = {
  reduction: "mean",
  lr: 5e-2,
  stepSize: null,
  iterations: 10000,
  stopAt: null,
};

function summaryTable(runs: SweepRun[]): string {
  const lines = [
    "| setting | 100%/100% | iteration reached: median (min–max) | diverged | mean final train / test |",
    "|---|---:|---|---:|---|",
  ];
  for (const s of summarizeSweep(runs)) {
    const when = s.medianReachedAt === null
      ? "–"
      : `${s.medianReachedAt} (${s.minReachedAt}–${s.maxReachedAt})`;
    lines.push(
      `| ${s.name} | ${s.reached}/${s.runs} | ${when} | ${s.diverged} | ${
        s.meanTrainAccuracy.toFixed(4)
      } / ${s.meanTestAccuracy.toFixed(4)} |`,
    );
  }
  return lines.join("\n");
}

function perSeedTable(runs: SweepRun[], seeds: number[]): string {
  const names = [...new Set(runs.map((r) => r.name))];
  const cell = (r: SweepRun | undefined) => {
    if (!r) return "";
    if (r.diverged !== null) return "diverged";
    const acc = `${(100 * r.trainAccuracy).toFixed(1)}/${(100 * r.testAccuracy).toFixed(1)}`;
    return r.reachedAt === null ? `– (${acc})` : `**${r.reachedAt}**`;
  };
  const lines = [
    `| seed | ${names.join(" | ")} |`,
    `|---:|${names.map(() => "---").join("|")}|`,
  ];
  for (const seed of seeds) {
    const row = names.map((n) => cell(runs.find((r) => r.name === n && r.seed === seed)));
    lines.push(`| ${seed} | ${row.join(" | ")} |`);
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      seeds: { type: "string", default: "20" },
      json: { type: "string", default: "tools/iris_study_results.json" },
      "fixed-split": { type: "string", default: "3" },
      "part-b-seeds": { type: "string", default: "10" },
      parts: { type: "string", default: "A,B,C" },
    },
  });
  const parts = values.parts.split(",");
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
  const t0 = performance.now();
  const progress = (r: SweepRun) =>
    console.error(
      `${((performance.now() - t0) / 1000).toFixed(0)} s  ${r.name}  seed ${r.seed}: ${
        r.reachedAt ?? "-"
      } (${r.trainAccuracy}/${r.testAccuracy})`,
    );
  const configs = Object.fromEntries(
    Object.entries(SETTINGS).map((
      [name, o],
    ) => [name, (seed: number) => irisSetup({ ...o, seed })]),
  );
  const partA = parts.includes("A") ? sweep({ configs, seeds, onRun: progress }) : [];

  const fixed = Number(values["fixed-split"]);
  const seedsB = Array.from({ length: Number(values["part-b-seeds"]) }, (_, i) => i);
  const partB = !parts.includes("B") ? [] : sweep({
    configs: {
      [`split of seed ${fixed} fixed, weights from seed s`]: (seed) =>
        irisSetup({ seed: 1000 + seed, splitSeed: fixed }),
      [`weights fixed, split from seed s`]: (seed) => irisSetup({ seed: 1000, splitSeed: seed }),
    },
    seeds: seedsB,
    onRun: progress,
  });

  if (parts.includes("A")) {
    console.log("### Part A: six settings × " + seeds.length + " seeds\n");
    console.log(summaryTable(partA) + "\n");
    console.log("Per seed: the iteration at which train and test both reached 100% (bold), or –");
    console.log("with the final train/test accuracy in % after 50,000 iterations.\n");
    console.log(perSeedTable(partA, seeds) + "\n");
  }
  if (parts.includes("B")) {
    console.log("### Part B: split or weights held fixed (the seed's setting)\n");
    console.log(summaryTable(partB) + "\n");
    console.log(perSeedTable(partB, seedsB) + "\n");
  }
  if (parts.includes("C")) {
    console.log("### Part C: LR range test, 1e-5 → 10 (the network and split of each seed)\n");
    console.log(
      "| reduction | steps | seed | steepest lr | lowest-loss lr | stopped early at lr |",
    );
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const reduction of ["sum", "mean"] as const) {
      for (const steps of [1000, 3000]) {
        for (const seed of [0, 1, 2, 3, 4]) {
          const s = irisSetup({ seed, reduction });
          const r = lrRangeTest({ ...s, data: s.split, startLr: 1e-5, endLr: 10, steps });
          const stop = r.stoppedEarly ? r.lr.at(-1)!.toPrecision(3) : "–";
          console.log(
            `| ${reduction} | ${steps} | ${seed} | ${r.steepestLr.toPrecision(3)} | ${
              r.minLossLr.toPrecision(3)
            } | ${stop} |`,
          );
        }
      }
    }
    console.log();
  }
  const partD = !parts.includes("D") ? [] : sweep({
    configs: {
      [SEED_FIRST_RUN]: (seed) => irisSetup({ ...FIRST_RUN, seed }),
      [`${SEED_FIRST_RUN}, L2 1e-3`]: (seed) => {
        const setup = irisSetup({ ...FIRST_RUN, seed });
        const optimizer = new SGD(setup.model.parameters(), { lr: 5e-2, weightDecay: 1e-3 });
        return { ...setup, optimizer };
      },
    },
    seeds,
    onRun: progress,
  });
  if (parts.includes("D")) {
    console.log(
      "### Part D: the seed's first run (constant 5e-2 on the mean, 10,000 iterations)\n",
    );
    console.log("| setting | seed | best train | best test | final train | final test |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const r of partD) {
      const best = (a: number[]) => (100 * Math.max(...a)).toFixed(2);
      console.log(
        `| ${r.name} | ${r.seed} | ${best(r.history.trainAccuracy)} | ${
          best(r.history.testAccuracy)
        } | ${(100 * r.trainAccuracy).toFixed(2)} | ${(100 * r.testAccuracy).toFixed(2)} |`,
      );
    }
    console.log();
  }
  const strip = (runs: SweepRun[]) => runs.map(({ history: _h, ...rest }) => rest);
  const writesAB = parts.includes("A") || parts.includes("B");
  const writes = writesAB || parts.includes("D");
  if (writes) {
    const old = await Deno.readTextFile(values.json).then(JSON.parse).catch(() => ({}));
    const json = {
      partA: writesAB ? strip(partA) : old.partA,
      partB: writesAB ? strip(partB) : old.partB,
      partD: !parts.includes("D") ? old.partD : partD.map(({ history, ...rest }) => ({
        ...rest,
        bestTrainAccuracy: Math.max(...history.trainAccuracy),
        bestTestAccuracy: Math.max(...history.testAccuracy),
      })),
    };
    await Deno.writeTextFile(values.json, JSON.stringify(json, null, 1) + "\n");
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  console.error(
    `done in ${seconds} s; ${writes ? `wrote ${values.json}` : "wrote nothing (part C only)"}`,
  );
}
