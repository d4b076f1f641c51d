/**
 * Bad-input cases of the `timm` namespace (timm's schedulers and factory): every member is
 * enumerated (see `_namespace.ts`). A failed call leaves the optimizer's groups (and the
 * scheduler) as they were; no scheduler writes a negative or non-finite lr.
 *
 * @module
 */

import { capture, type Case } from "./_harness.ts";
import { type MemberCase, namespaceCases, optionCases } from "./_namespace.ts";
import { StepLR, timm } from "../../lib/mod.ts";
import type { Scheduler as TimmScheduler } from "../../lib/timm/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
type Opt = { paramGroups: { lr: number }[] };
const optimizer = (): Opt => ({ paramGroups: [{ lr: 0.1 }, { lr: 0.05 }] });
const snapshot = (o: Opt) => capture(o);

type Built = { o: Opt; s: TimmScheduler };
const built = (make: (o: Opt) => TimmScheduler) => (): Built => {
  const o = optimizer();
  return { o, s: make(o) };
};
const both = ({ o, s }: Built) => capture(o, s);

/** The option cases of `new Class(optimizer, options)`, plus a bad optimizer and lr guards. */
function classCases(
  make: (o: Opt, options: never) => unknown,
  valid: Record<string, unknown>,
): MemberCase[] {
  return [
    ...optionCases<Opt>(valid, (options, o) => make(o, options as never), {
      setup: optimizer,
      snapshot,
    }),
    {
      label: "optimizer null",
      call: () => make(bad(null), valid as never),
      error: TypeError,
      includes: ["optimizer", "null"],
    },
    {
      label: "warmupLrInit -0.1 (a negative lr)",
      setup: optimizer,
      snapshot,
      call: (o) => make(o as Opt, { ...valid, warmupT: 2, warmupLrInit: -0.1 } as never),
      error: RangeError,
      includes: ["warmupLrInit", "-0.1"],
    },
    {
      label: "a group whose lrScale is NaN",
      setup: () => ({ paramGroups: [{ lr: 0.1, lrScale: NaN }] }),
      snapshot,
      call: (o) => make(o as Opt, valid as never),
      error: RangeError,
      includes: ["lrScale", "NaN"],
    },
  ];
}

/** Stepping cases every scheduler shares (timm's `Scheduler` methods), on one of them. */
const cosine = built((o) => new timm.CosineLRScheduler(o, { tInitial: 10 }));
const schedulerMethods: MemberCase[] = [
  {
    label: "step(epoch NaN)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.step(NaN),
    error: RangeError,
    includes: ["epoch", "NaN"],
  },
  {
    label: "step(epoch -1)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.step(-1),
    error: RangeError,
    includes: ["epoch", "-1"],
  },
  {
    label: 'step(epoch "3")',
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.step(bad("3")),
    error: TypeError,
    includes: ["epoch", '"3"'],
  },
  {
    label: 'step(1, metric "0.5")',
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.step(1, bad("0.5")),
    error: TypeError,
    includes: ["metric", '"0.5"'],
  },
  {
    label: "stepUpdate(numUpdates Infinity)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.stepUpdate(Infinity),
    error: RangeError,
    includes: ["numUpdates", "Infinity"],
  },
  {
    label: "updateGroups([-1, 0.1]) (a negative lr)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.updateGroups([-1, 0.1]),
    error: RangeError,
    includes: ["paramGroups[0].lr=-1"],
  },
  {
    label: "updateGroups(NaN)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.updateGroups(NaN),
    error: RangeError,
    includes: ["paramGroups[0].lr=NaN"],
  },
  {
    label: "loadStateDict(null)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.loadStateDict(bad(null)),
    error: TypeError,
    includes: ["state", "null"],
  },
  {
    label: "loadStateDict of a PyTorch StepLR's state",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.loadStateDict(new StepLR(optimizer(), { stepSize: 2 }).stateDict()),
    error: TypeError,
    includes: ["unknown option"],
  },
  {
    label: "loadStateDict with baseValues [-1, 0.05] (a negative lr)",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.loadStateDict({ ...s.stateDict(), baseValues: [-1, 0.05] }),
    error: RangeError,
    includes: ["state.baseValues[0]", "-1"],
  },
  {
    label: "loadStateDict with baseValues [NaN, 0.05]",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.loadStateDict({ ...s.stateDict(), baseValues: [NaN, 0.05] }),
    error: RangeError,
    includes: ["state.baseValues[0]", "NaN"],
  },
  {
    label: "loadStateDict with baseValues of the wrong length",
    setup: cosine,
    snapshot: both,
    call: ({ s }: Built) => s.loadStateDict({ ...s.stateDict(), baseValues: [0.1] }),
    error: RangeError,
    includes: ["state.baseValues", "[0.1]"],
  },
].map((c) => c as MemberCase);

export const cases: Case[] = namespaceCases("timm", timm, {
  TIMM_SCHEDULERS: "a frozen constant list of createSchedulerV2's names",
  Scheduler: schedulerMethods,
  WarmupScheduler: [
    {
      label: "loadStateDict of a CosineLRScheduler's state into a PolyLRScheduler (no power)",
      setup: built((o) => new timm.PolyLRScheduler(o, { tInitial: 10, power: 2 })),
      snapshot: both,
      call: ({ s }: Built) =>
        s.loadStateDict(new timm.CosineLRScheduler(optimizer(), { tInitial: 10 }).stateDict()),
      error: RangeError,
      includes: ["PolyLRScheduler", "power"],
    } as MemberCase,
    {
      label: "loadStateDict of a StepLRScheduler's state into a CosineLRScheduler",
      setup: cosine,
      snapshot: both,
      call: ({ s }: Built) =>
        s.loadStateDict(new timm.StepLRScheduler(optimizer(), { decayT: 3 }).stateDict()),
      error: TypeError,
      includes: ["decayT"],
    } as MemberCase,
  ],
  CosineLRScheduler: [
    ...classCases((o, x) => new timm.CosineLRScheduler(o, x), {
      tInitial: 10,
      lrMin: 0,
      cycleMul: 1,
      cycleDecay: 0.5,
      cycleLimit: 2,
      warmupT: 2,
      warmupLrInit: 0.01,
    }),
    {
      label: "cycleDecay -1 (a negative lr in the second cycle)",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.CosineLRScheduler(o as Opt, { tInitial: 2, cycleDecay: -1 }),
      error: RangeError,
      includes: ["cycleDecay", "-1"],
    },
    {
      label: "lrMin -0.01",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.CosineLRScheduler(o as Opt, { tInitial: 2, lrMin: -0.01 }),
      error: RangeError,
      includes: ["lrMin", "-0.01"],
    },
  ],
  TanhLRScheduler: [
    ...classCases((o, x) => new timm.TanhLRScheduler(o, x), { tInitial: 10, lb: -1, ub: 1 }),
    {
      label: "lb equal to ub",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.TanhLRScheduler(o as Opt, { tInitial: 10, lb: 0, ub: 0 }),
      error: RangeError,
      includes: ["lb=0", "ub=0"],
    },
  ],
  StepLRScheduler: [
    ...classCases((o, x) => new timm.StepLRScheduler(o, x), { decayT: 10, decayRate: 0.5 }),
    {
      label: "decayRate -1 (lrs of alternating sign)",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.StepLRScheduler(o as Opt, { decayT: 1, decayRate: -1 }),
      error: RangeError,
      includes: ["decayRate", "-1"],
    },
    {
      label: "decayRate 1e308: the step that would write Infinity throws and writes nothing",
      setup: built((o) => new timm.StepLRScheduler(o, { decayT: 1, decayRate: 1e308 })),
      snapshot: both,
      call: ({ s }: Built) => s.step(2),
      error: RangeError,
      includes: ["lr=Infinity", "decayRate=1e+308"],
    } as MemberCase,
  ],
  MultiStepLRScheduler: [
    ...classCases((o, x) => new timm.MultiStepLRScheduler(o, x), {
      decayT: [10, 20],
      decayRate: 0.5,
    }),
    {
      label: "decayRate -1",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.MultiStepLRScheduler(o as Opt, { decayT: [1], decayRate: -1 }),
      error: RangeError,
      includes: ["decayRate", "-1"],
    },
    {
      label: "decayT [10, NaN]",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.MultiStepLRScheduler(o as Opt, { decayT: [10, NaN] }),
      error: RangeError,
      includes: ["decayT", "NaN"],
    },
  ],
  PolyLRScheduler: classCases((o, x) => new timm.PolyLRScheduler(o, x), {
    tInitial: 10,
    power: 1,
  }),
  PlateauLRScheduler: [
    ...optionCases<Opt>(
      { decayRate: 0.5, patienceT: 2, mode: "max" },
      (options, o) => new timm.PlateauLRScheduler(o, bad(options)),
      { setup: optimizer, snapshot },
    ),
    {
      label: "decayRate -0.5",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.PlateauLRScheduler(o as Opt, { decayRate: -0.5 }),
      error: RangeError,
      includes: ["decayRate", "-0.5"],
    },
  ],
  createScheduler: [
    ...optionCases<Opt>(
      { sched: "cosine", epochs: 10 },
      (config, o) => timm.createScheduler(bad(config), o),
      { setup: optimizer, snapshot },
    ).map((c) => ({
      ...c,
      includes: c.includes.map((s) => (s === "options" ? "config" : s)),
    })),
    {
      label: "updatesPerEpoch -1",
      setup: optimizer,
      snapshot,
      call: (o) => timm.createScheduler({ sched: "cosine" }, o as Opt, { updatesPerEpoch: -1 }),
      error: RangeError,
      includes: ["updatesPerEpoch", "-1"],
    },
  ],
  createSchedulerV2: [
    ...optionCases<Opt>(
      { sched: "step", numEpochs: 10, decayEpochs: 3, decayRate: 0.5, stepOnEpochs: true },
      (options, o) => timm.createSchedulerV2(o, bad(options)),
      { setup: optimizer, snapshot },
    ),
    ...([
      ["patienceEpochs", -2],
      ["minLr", -1],
      ["kDecay", -1],
      ["cycleLimit", 1.5],
    ] as const).map(([key, value]) => ({
      label: `${key} ${value}, unused by "step" but still a mistake`,
      setup: optimizer,
      snapshot,
      call: (o: unknown) =>
        timm.createSchedulerV2(o as Opt, { sched: "step", numEpochs: 5, [key]: value }),
      error: RangeError,
      includes: [key, String(value)],
    })),
    {
      label: "noise [0.8, 0.4] (lo above hi: noise would never apply)",
      setup: optimizer,
      snapshot,
      call: (o) => new timm.CosineLRScheduler(o as Opt, { tInitial: 10, noiseRangeT: [8, 4] }),
      error: RangeError,
      includes: ["noiseRangeT", "[8,4]"],
    },
  ],
  schedulerKwargs: [
    ...optionCases(
      { sched: "plateau", evalMetric: "val_loss" },
      (config) => timm.schedulerKwargs(bad(config)),
      { rules: { evalMetric: {} } },
    ).filter((c) => !c.label.startsWith("evalMetric")).map((c) => ({
      ...c,
      includes: c.includes.map((s) => (s === "options" ? "config" : s)),
    })),
    {
      label: "evalMetric a number 3",
      call: () => timm.schedulerKwargs(bad({ evalMetric: 3 })),
      error: TypeError,
      includes: ["evalMetric", "3"],
    },
    {
      label: "epochs -5 reaches createScheduler under its own name",
      setup: optimizer,
      snapshot,
      call: (o) => timm.createScheduler({ sched: "cosine", epochs: -5 }, o as Opt),
      error: RangeError,
      includes: ["numEpochs", "-5"],
    },
    {
      label: 'decreasingMetric "yes"',
      call: () => timm.schedulerKwargs({ sched: "plateau" }, bad("yes")),
      error: TypeError,
      includes: ["decreasingMetric", '"yes"'],
    },
  ],
  timmNoise: [
    {
      label: "noisePct 0 (normal noise would be redrawn for ever)",
      call: () => timm.timmNoise(0, { noiseType: "normal", noisePct: 0, noiseSeed: 42 }),
      error: RangeError,
      includes: ["noisePct", "0"],
    },
    {
      label: "noisePct -1",
      call: () => timm.timmNoise(0, { noiseType: "normal", noisePct: -1, noiseSeed: 42 }),
      error: RangeError,
      includes: ["noisePct", "-1"],
    },
    {
      label: 'noiseType "gaussian"',
      call: () => timm.timmNoise(0, { noiseType: bad("gaussian"), noisePct: 0.5, noiseSeed: 1 }),
      error: RangeError,
      includes: ["noiseType", '"gaussian"'],
    },
    {
      label: "noiseSeed 1.5",
      call: () => timm.timmNoise(0, { noiseType: "normal", noisePct: 0.5, noiseSeed: 1.5 }),
      error: RangeError,
      includes: ["noiseSeed", "1.5"],
    },
    {
      label: "t NaN",
      call: () => timm.timmNoise(NaN, { noiseType: "normal", noisePct: 0.5, noiseSeed: 1 }),
      error: RangeError,
      includes: ["t", "NaN"],
    },
    {
      label: "options null",
      call: () => timm.timmNoise(0, bad(null)),
      error: TypeError,
      includes: ["o", "null"],
    },
  ],
});
