/**
 * Bad-input cases of `SWALR` (PyTorch's `torch.optim.swa_utils.SWALR`): its options, its
 * stepping and its state. A failed call leaves the optimizer's groups and the scheduler alone.
 *
 * @module
 */

import { capture, type Case, withSetup } from "./_harness.ts";
import { Linear, Random, SGD, StepLR, SWALR } from "../../lib/mod.ts";

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const optimizer = () => {
  const model = new Linear(2, 2, { rng: new Random(0) });
  const [weight, bias] = model.parameters();
  return new SGD([{ params: [weight!] }, { params: [bias!], lr: 0.05 }], { lr: 0.1 });
};
type Opt = ReturnType<typeof optimizer>;
const built = () => {
  const o = optimizer();
  return { o, s: new SWALR(o, { swaLr: 0.01, annealEpochs: 3 }) };
};
type Built = ReturnType<typeof built>;

const options = (label: string, value: unknown, error: typeof TypeError, includes: string[]) => ({
  label,
  call: (o: Opt) => new SWALR(o, bad(value)),
  error,
  includes,
});

export const cases: Case[] = [
  ...withSetup("SWALR", optimizer, (o) => capture(o), [
    options("options null", null, TypeError, ["options", "null"]),
    options("swaLr missing", {}, TypeError, ["swaLr", "undefined"]),
    options("swa_lr (snake_case)", { swa_lr: 0.01 }, TypeError, [
      "swa_lr",
      "did you mean swaLr?",
    ]),
    options("swaLr -0.01 (a negative lr)", { swaLr: -0.01 }, RangeError, ["swaLr", "-0.01"]),
    options("swaLr NaN", { swaLr: NaN }, RangeError, ["swaLr", "NaN"]),
    options("swaLr Infinity", { swaLr: Infinity }, RangeError, ["swaLr", "Infinity"]),
    options('swaLr a string "0.01"', { swaLr: "0.01" }, TypeError, ["swaLr", '"0.01"']),
    options("swaLr null", { swaLr: null }, TypeError, ["swaLr", "null"]),
    options("swaLr [0.01, -1]", { swaLr: [0.01, -1] }, RangeError, ["swaLr[1]", "-1"]),
    options("swaLr with one value for two groups", { swaLr: [0.01] }, RangeError, [
      "swaLr",
      "paramGroups",
    ]),
    options("annealEpochs -1", { swaLr: 0.01, annealEpochs: -1 }, RangeError, [
      "annealEpochs",
      "-1",
    ]),
    options("annealEpochs 1.5", { swaLr: 0.01, annealEpochs: 1.5 }, RangeError, [
      "annealEpochs",
      "1.5",
    ]),
    options('annealStrategy "cosine"', { swaLr: 0.01, annealStrategy: "cosine" }, RangeError, [
      "annealStrategy",
      '"cosine"',
    ]),
    options("lastEpoch -5", { swaLr: 0.01, lastEpoch: -5 }, RangeError, ["lastEpoch", "-5"]),
    options("lastEpoch 3 on groups without initialLr", { swaLr: 0.01, lastEpoch: 3 }, TypeError, [
      "initialLr",
      "paramGroups[0]",
    ]),
    {
      label: "optimizer null",
      call: () => new SWALR(bad(null), { swaLr: 0.01 }),
      error: TypeError,
      includes: ["optimizer", "null"],
    },
  ]),
  ...withSetup("SWALR", built, ({ o, s }: Built) => capture(o, s), [
    {
      label: "step(NaN)",
      call: ({ s }) => s.step(NaN),
      error: RangeError,
      includes: ["epoch", "NaN"],
    },
    {
      label: "loadStateDict of a StepLR state",
      call: ({ s }) => s.loadStateDict(new StepLR(optimizer(), { stepSize: 2 }).stateDict()),
      error: RangeError,
      includes: ["state.type", '"StepLR"'],
    },
    {
      label: "loadStateDict with annealEpochs -1",
      call: ({ s }) => s.loadStateDict({ ...s.stateDict(), annealEpochs: -1 }),
      error: RangeError,
      includes: ["state.annealEpochs", "-1"],
    },
    {
      label: 'loadStateDict with annealStrategy "cosine"',
      call: ({ s }) => s.loadStateDict({ ...s.stateDict(), annealStrategy: "cosine" }),
      error: RangeError,
      includes: ["annealStrategy", '"cosine"'],
    },
    {
      label: "loadStateDict(null)",
      call: ({ s }) => s.loadStateDict(bad(null)),
      error: TypeError,
      includes: ["state", "null"],
    },
  ]),
];
