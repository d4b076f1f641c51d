/**
 * Bad-input cases of the `hf` namespace (transformers' schedule functions): every member is
 * enumerated (see `_namespace.ts`). A failed call leaves the optimizer's groups as they were.
 *
 * @module
 */

import { capture, type Case } from "./_harness.ts";
import { type MemberCase, namespaceCases, optionCases } from "./_namespace.ts";
import { hf, StepLR } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;
type Opt = { paramGroups: { lr: number }[] };
const optimizer = (): Opt => ({ paramGroups: [{ lr: 0.1 }, { lr: 0.05 }] });
const snapshot = (o: Opt) => capture(o);

/** The option cases of `fn(optimizer, options)`, plus a bad optimizer. */
function fnCases(
  fn: (o: Opt, options: never) => unknown,
  valid: Record<string, unknown>,
): MemberCase[] {
  return [
    ...optionCases<Opt>(valid, (options, o) => fn(o, options as never), {
      setup: optimizer,
      snapshot,
    }),
    {
      label: "optimizer null",
      call: () => fn(bad(null), valid as never),
      error: TypeError,
      includes: ["optimizer", "null"],
    },
    {
      label: "an optimizer without param groups",
      call: () => fn(bad({ paramGroups: [] }), valid as never),
      error: RangeError,
      includes: ["paramGroups"],
    },
  ];
}

const steps = { numWarmupSteps: 2, numTrainingSteps: 10 };

/** A case whose stepping reaches an lr no optimizer takes: it throws and writes nothing. */
function stepping(label: string, build: (o: Opt) => { step(): void }, n: number): MemberCase {
  return {
    label,
    setup: () => {
      const o = optimizer();
      const s = build(o);
      for (let i = 0; i < n; i++) s.step();
      return { o, s };
    },
    snapshot: ({ o, s }: { o: Opt; s: unknown }) => capture(o, s),
    call: ({ s }: { s: { step(): void } }) => s.step(),
    error: RangeError,
    includes: ["lr", "Infinity"],
  } as MemberCase;
}

export const cases: Case[] = namespaceCases("hf", hf, {
  SCHEDULER_TYPES: "a frozen constant list of getScheduler's names",
  WSD_TYPES: "a frozen constant list of the WSD decay types",
  HfLambdaLR: [
    {
      label: "name a number",
      setup: optimizer,
      snapshot,
      call: (o) => new hf.HfLambdaLR(o as Opt, bad(3), {}, () => 1),
      error: TypeError,
      includes: ["name", "3"],
    },
    {
      label: "options null",
      setup: optimizer,
      snapshot,
      call: (o) => new hf.HfLambdaLR(o as Opt, "mine", bad(null), () => 1),
      error: TypeError,
      includes: ["options", "null"],
    },
    {
      label: "lrLambda a string",
      setup: optimizer,
      snapshot,
      call: (o) => new hf.HfLambdaLR(o as Opt, "mine", {}, bad("x")),
      error: TypeError,
      includes: ["lrLambda", '"x"'],
    },
    {
      label: "loadStateDict of a StepLR state",
      setup: () => {
        const o = optimizer();
        return { o, s: hf.getLinearScheduleWithWarmup(o, steps) };
      },
      snapshot: ({ o, s }: { o: Opt; s: unknown }) => capture(o, s),
      call: ({ s }: { s: InstanceType<typeof hf.HfLambdaLR> }) =>
        s.loadStateDict(new StepLR(optimizer(), { stepSize: 2 }).stateDict()),
      error: RangeError,
      includes: ["state.type", '"StepLR"'],
    } as MemberCase,
    {
      label: "loadStateDict of another function's state",
      setup: () => {
        const o = optimizer();
        return { o, s: hf.getLinearScheduleWithWarmup(o, steps) };
      },
      snapshot: ({ o, s }: { o: Opt; s: unknown }) => capture(o, s),
      call: ({ s }: { s: InstanceType<typeof hf.HfLambdaLR> }) =>
        s.loadStateDict(hf.getCosineScheduleWithWarmup(optimizer(), steps).stateDict()),
      error: RangeError,
      includes: ["state.hf", "getCosineScheduleWithWarmup"],
    } as MemberCase,
  ],
  getConstantSchedule: [
    {
      label: "optimizer null",
      call: () => hf.getConstantSchedule(bad(null)),
      error: TypeError,
      includes: ["optimizer", "null"],
    },
    {
      label: "an unknown option lastEpoch (transformers' last_epoch is positional)",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getConstantSchedule(o as Opt, bad({ last_epoch: 3 })),
      error: TypeError,
      includes: ["last_epoch"],
    },
  ],
  getConstantScheduleWithWarmup: [
    ...fnCases(hf.getConstantScheduleWithWarmup, { numWarmupSteps: 2 }),
    {
      label: "numWarmupSteps -1",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getConstantScheduleWithWarmup(o as Opt, { numWarmupSteps: -1 }),
      error: RangeError,
      includes: ["numWarmupSteps", "-1"],
    },
    {
      label: "numWarmupSteps 1.5",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getConstantScheduleWithWarmup(o as Opt, { numWarmupSteps: 1.5 }),
      error: RangeError,
      includes: ["numWarmupSteps", "1.5"],
    },
  ],
  getCosineScheduleWithWarmup: fnCases(hf.getCosineScheduleWithWarmup, {
    ...steps,
    numCycles: 0.5,
  }),
  getCosineWithHardRestartsScheduleWithWarmup: fnCases(
    hf.getCosineWithHardRestartsScheduleWithWarmup,
    { ...steps, numCycles: 2 },
  ),
  getCosineWithMinLrScheduleWithWarmup: [
    ...fnCases(hf.getCosineWithMinLrScheduleWithWarmup, { ...steps, minLrRate: 0.1 }),
    {
      label: "minLr -1 (a negative end lr)",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getCosineWithMinLrScheduleWithWarmup(o as Opt, { ...steps, minLr: -1 }),
      error: RangeError,
      includes: ["minLr", "-1"],
    },
    {
      label: "minLr and minLrRate both set",
      setup: optimizer,
      snapshot,
      call: (o) =>
        hf.getCosineWithMinLrScheduleWithWarmup(o as Opt, {
          ...steps,
          minLr: 0.01,
          minLrRate: 0.1,
        }),
      error: TypeError,
      includes: ["minLr=0.01", "minLrRate=0.1"],
    },
    {
      label: "neither minLr nor minLrRate",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getCosineWithMinLrScheduleWithWarmup(o as Opt, steps),
      error: TypeError,
      includes: ["minLr", "neither"],
    },
  ],
  getCosineWithMinLrScheduleWithWarmupLrRate: fnCases(
    hf.getCosineWithMinLrScheduleWithWarmupLrRate,
    { ...steps, minLrRate: 0.1 },
  ),
  getInverseSqrtSchedule: fnCases(hf.getInverseSqrtSchedule, { numWarmupSteps: 4 }),
  getLinearScheduleWithWarmup: [
    ...fnCases(hf.getLinearScheduleWithWarmup, steps),
    {
      label: "numTrainingSteps -3",
      setup: optimizer,
      snapshot,
      call: (o) =>
        hf.getLinearScheduleWithWarmup(o as Opt, { numWarmupSteps: 0, numTrainingSteps: -3 }),
      error: RangeError,
      includes: ["numTrainingSteps", "-3"],
    },
  ],
  getPolynomialDecayScheduleWithWarmup: [
    ...fnCases(hf.getPolynomialDecayScheduleWithWarmup, { ...steps, lrEnd: 1e-7, power: 2 }),
    stepping(
      "power -1 reaches 0 ** -1 at the end: the step throws and writes nothing",
      (o) =>
        hf.getPolynomialDecayScheduleWithWarmup(o, {
          numWarmupSteps: 0,
          numTrainingSteps: 3,
          power: -1,
        }),
      2,
    ),
  ],
  getReduceOnPlateauSchedule: fnCases(hf.getReduceOnPlateauSchedule, { patience: 1 }),
  getWsdSchedule: [
    ...fnCases(hf.getWsdSchedule, {
      numWarmupSteps: 2,
      numDecaySteps: 2,
      numTrainingSteps: 6,
      decayType: "linear",
    }),
    {
      label: "minLrRatio -1 (a negative lr after the decay)",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getWsdSchedule(o as Opt, { ...steps, numDecaySteps: 2, minLrRatio: -1 }),
      error: RangeError,
      includes: ["minLrRatio", "-1"],
    },
    {
      label: "neither numTrainingSteps nor numStableSteps",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getWsdSchedule(o as Opt, { numWarmupSteps: 2, numDecaySteps: 2 }),
      error: TypeError,
      includes: ["numStableSteps", "neither"],
    },
  ],
  getScheduler: [
    ...optionCases<Opt>(steps, (options, o) => hf.getScheduler("linear", o, bad(options)), {
      setup: optimizer,
      snapshot,
    }),
    {
      label: 'name "Linear" (not a SchedulerType)',
      setup: optimizer,
      snapshot,
      call: (o) => hf.getScheduler(bad("Linear"), o as Opt, steps),
      error: RangeError,
      includes: ['"Linear"', "SchedulerType"],
    },
    {
      label: "name null",
      setup: optimizer,
      snapshot,
      call: (o) => hf.getScheduler(bad(null), o as Opt, steps),
      error: TypeError,
      includes: ["name", "null"],
    },
    {
      label: "schedulerSpecificKwargs with a snake_case key",
      setup: optimizer,
      snapshot,
      call: (o) =>
        hf.getScheduler("cosine", o as Opt, {
          ...steps,
          schedulerSpecificKwargs: bad({ num_cycles: 2 }),
        }),
      error: TypeError,
      includes: ["num_cycles"],
    },
  ],
});
