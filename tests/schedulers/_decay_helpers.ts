/**
 * Shared by the decay scheduler tests: the PyTorch fixture, the named lambdas it uses, and a
 * factory that builds any of the nine schedulers from a class name and camelCase options.
 */

import {
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LrLambda,
  type LRScheduler,
  MultiplicativeLR,
  MultiStepLR,
  type OptimizerLike,
  PolynomialLR,
  StepLR,
} from "../../lib/schedulers/mod.ts";

/**
 * The lambdas of tools/fixtures_decay_schedulers.py, by name, with the same float operations
 * (Python's `//` on non-negative ints is `Math.floor` of the quotient).
 */
export const LAMBDAS: Record<string, LrLambda> = {
  seedStepUp: (epoch) => Math.floor(epoch / 5) + 1,
  seedPow095: (epoch) => 0.95 ** epoch,
  inverse: (epoch) => 1 / (epoch + 1),
  warmup10: (epoch) => Math.min(1, (epoch + 1) / 10),
  halveEvery10: (epoch) => 0.5 ** Math.floor(epoch / 10),
  linearToZero: (epoch) => 1 - epoch / 60,
  const095: () => 0.95,
  const101: () => 1.01,
  every10x09: (epoch) => epoch % 10 === 0 ? 0.9 : 1,
  harmonicDecay: (epoch) => 1 - 1 / (epoch + 10),
};

/** Lambdas that call `**` (Math.pow may differ from C's pow in the last bit). */
export const POW_LAMBDAS = new Set(["seedPow095", "halveEvery10"]);

/** The nine class names. */
export const CLASSES = [
  "LambdaLR",
  "MultiplicativeLR",
  "StepLR",
  "MultiStepLR",
  "ConstantLR",
  "LinearLR",
  "ExponentialLR",
  "PolynomialLR",
  "CosineAnnealingLR",
] as const;
export type ClassName = typeof CLASSES[number];

/** Options as the fixture writes them: lambdas by name. */
export type FixtureOptions = Record<string, number | number[] | string | string[]>;

export interface FixtureCase {
  name: string;
  scheduler: ClassName;
  options: FixtureOptions;
  lrs: number[];
  lastLr: number[][];
  epochs?: number[];
}

export interface Fixture {
  torch: string;
  steps: number;
  lambdas: Record<string, string>;
  cases: FixtureCase[];
  closedForm: (FixtureCase & { epochs: number[] })[];
  pyRepr: ({ bits: string; repr: string } | { list: string[]; repr: string })[];
}

export const fixture: Fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/schedulers_decay.json", import.meta.url)),
);

/** A bare optimizer: SGD-like groups with momentum, as in the fixture. */
export function optimizerOf(lrs: readonly number[]): OptimizerLike {
  return { paramGroups: lrs.map((lr) => ({ lr, momentum: 0.9 })) };
}

/** Resolves lambda names to the functions above. */
export function resolveOptions(options: FixtureOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  const names = options.lrLambda;
  if (typeof names === "string") out.lrLambda = LAMBDAS[names];
  if (Array.isArray(names)) out.lrLambda = names.map((n) => LAMBDAS[n as string]);
  return out;
}

/** Builds scheduler `name` over `optimizer` from fixture-style options. */
export function build(
  name: ClassName,
  optimizer: OptimizerLike,
  fixtureOptions: FixtureOptions,
  lastEpoch?: number,
): LRScheduler {
  // deno-lint-ignore no-explicit-any
  const o: any = resolveOptions(fixtureOptions);
  if (lastEpoch !== undefined) o.lastEpoch = lastEpoch;
  switch (name) {
    case "LambdaLR":
      return new LambdaLR(optimizer, o);
    case "MultiplicativeLR":
      return new MultiplicativeLR(optimizer, o);
    case "StepLR":
      return new StepLR(optimizer, o);
    case "MultiStepLR":
      return new MultiStepLR(optimizer, o);
    case "ConstantLR":
      return new ConstantLR(optimizer, o);
    case "LinearLR":
      return new LinearLR(optimizer, o);
    case "ExponentialLR":
      return new ExponentialLR(optimizer, o);
    case "PolynomialLR":
      return new PolynomialLR(optimizer, o);
    case "CosineAnnealingLR":
      return new CosineAnnealingLR(optimizer, o);
  }
}

/** `getLastLr()` after construction, then after each of `steps` calls to `step()`. */
export function runSteps(scheduler: LRScheduler, steps: number): number[][] {
  const rows = [scheduler.getLastLr()];
  for (let i = 0; i < steps; i++) {
    scheduler.step();
    rows.push(scheduler.getLastLr());
  }
  return rows;
}

/** One case of each class, with its fixture options, for tests that loop over classes. */
export function firstCaseOf(name: ClassName): FixtureCase {
  const found = fixture.cases.find((c) => c.scheduler === name);
  if (!found) throw new Error(`no fixture case for ${name}`);
  return found;
}
