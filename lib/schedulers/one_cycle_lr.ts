/**
 * `OneCycleLR`: PyTorch's 1cycle policy (Smith and Topin, 2017): warm up to `maxLr`, then
 * anneal far below the start, with momentum cycled the other way.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import { annealingCos, annealingLinear } from "../schedules/_anneal.ts";
import type { JsonObject, OptimizerLike, ParamGroup } from "./lr_scheduler.ts";
import {
  checkFieldPerGroup,
  checkMomentumField,
  fractionPerGroup,
  setMomentum,
  useBeta1,
} from "./_shared.ts";
import { restoreGroups, snapshotGroups } from "./_groups.ts";
import { readChoice, readSameBoolean } from "./_state.ts";
import { checkField, checkGroupsHave, type Field, fieldKey, initialKey } from "./_field.ts";
import { checkLastEpoch, checkOptions } from "./_options.ts";

const OPTION_KEYS = [
  "maxLr",
  "totalSteps",
  "epochs",
  "stepsPerEpoch",
  "pctStart",
  "annealStrategy",
  "cycleMomentum",
  "baseMomentum",
  "maxMomentum",
  "divFactor",
  "finalDivFactor",
  "threePhase",
  "lastEpoch",
  "field",
];

/** Options whose documented value may be `null` (PyTorch's `None`): "not given". */
const NULLABLE = ["totalSteps", "epochs", "stepsPerEpoch"];

/** Options of {@linkcode OneCycleLR}: PyTorch's keyword arguments in camelCase. */
export interface OneCycleLROptions {
  /** Peak lr, one for all groups or one per group. */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. `null` (PyTorch's `None`): not given. */
  totalSteps?: number | null;
  /** Epochs, used with `stepsPerEpoch` when `totalSteps` is not given. `null`: not given. */
  epochs?: number | null;
  /** Steps per epoch, used with `epochs` when `totalSteps` is not given. `null`: not given. */
  stepsPerEpoch?: number | null;
  /** Fraction of the cycle spent raising the lr. Default 0.3. */
  pctStart?: number;
  /** `"cos"` or `"linear"` annealing. Default `"cos"`. */
  annealStrategy?: "cos" | "linear";
  /** Cycle momentum (or Adam's `betas[0]`) inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak. Default 0.85. */
  baseMomentum?: number | readonly number[];
  /** Momentum at the start and the end. Default 0.95. */
  maxMomentum?: number | readonly number[];
  /** `initialLr = maxLr / divFactor`. Default 25. */
  divFactor?: number;
  /** `minLr = initialLr / finalDivFactor`. Default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, back down to `initialLr`, then to `minLr`) as in the paper. */
  threePhase?: boolean;
  /** The index of the last batch, to resume a run. Default -1. */
  lastEpoch?: number;
  /**
   * The param-group field to drive through the cycle (see {@linkcode LRScheduler.field}).
   * Default `"lr"`. For another field its values are recorded in the groups under that
   * field's names (`initialBeta2`, `maxBeta2`, `minBeta2`); with `"momentum"` or `"beta1"`,
   * set `cycleMomentum: false`.
   */
  field?: Field;
}

/** One phase of the cycle (PyTorch's `_SchedulePhase`): group keys to anneal between. */
export interface SchedulePhase {
  /** Lets a phase be saved as JSON with the state. */
  [key: string]: number | string;
  /** The last step of the phase (a float, as in PyTorch). */
  endStep: number;
  /** The group key holding the lr the phase starts from. */
  startLr: "initialLr" | "maxLr" | "minLr";
  /** The group key holding the lr the phase ends at. */
  endLr: "initialLr" | "maxLr" | "minLr";
  /** The group key holding the momentum the phase starts from. */
  startMomentum: "maxMomentum" | "baseMomentum";
  /** The group key holding the momentum the phase ends at. */
  endMomentum: "maxMomentum" | "baseMomentum";
}

type LrKey = SchedulePhase["startLr"];
type MomentumKey = SchedulePhase["startMomentum"];

const STRATEGIES = ["cos", "linear"] as const;

function schedulePhases(totalSteps: number, pctStart: number, threePhase: boolean) {
  const up = pctStart * totalSteps - 1;
  if (threePhase) {
    return [
      phase(up, "initialLr", "maxLr", "maxMomentum", "baseMomentum"),
      phase(2 * pctStart * totalSteps - 2, "maxLr", "initialLr", "baseMomentum", "maxMomentum"),
      phase(totalSteps - 1, "initialLr", "minLr", "maxMomentum", "maxMomentum"),
    ];
  }
  return [
    phase(up, "initialLr", "maxLr", "maxMomentum", "baseMomentum"),
    phase(totalSteps - 1, "maxLr", "minLr", "baseMomentum", "maxMomentum"),
  ];
}

function phase(
  endStep: number,
  startLr: LrKey,
  endLr: LrKey,
  startMomentum: MomentumKey,
  endMomentum: MomentumKey,
): SchedulePhase {
  return { endStep, startLr, endLr, startMomentum, endMomentum };
}

/**
 * The index of the phase that step `stepNum` falls in (it starts at step 0 or at the previous
 * phase's `endStep`); an index, not an object, so that a step allocates nothing. Python raises
 * `ZeroDivisionError` for a phase with no steps; so does this, as a `RangeError`.
 */
function phaseAt(phases: readonly SchedulePhase[], stepNum: number): number {
  let startStep = 0.0;
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i]!;
    if (stepNum <= p.endStep || i === phases.length - 1) {
      const span = p.endStep - startStep;
      if (span === 0) {
        throw new RangeError(
          `float division by zero: phase ${i} of the cycle has no steps at step ${stepNum}; ` +
            `choose pctStart and totalSteps so that every phase has at least one step`,
        );
      }
      return i;
    }
    startStep = p.endStep;
  }
  throw new RangeError("OneCycleLR has no phases"); // unreachable: there are 2 or 3 phases
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    const Err = typeof value === "number" ? RangeError : TypeError;
    throw new Err(`Expected positive integer ${name}, but got ${check.show(value)}`);
  }
  return value;
}

/** PyTorch's precedence: `totalSteps` if given, else `epochs * stepsPerEpoch`. */
function totalStepsOf(options: OneCycleLROptions): number {
  if (options.totalSteps != null) return positiveInteger("totalSteps", options.totalSteps);
  if (options.epochs != null && options.stepsPerEpoch != null) {
    return positiveInteger("epochs", options.epochs) *
      positiveInteger("stepsPerEpoch", options.stepsPerEpoch);
  }
  throw new TypeError("You must define either totalSteps OR (epochs AND stepsPerEpoch)");
}

/** A resumed run reads these keys from the groups, where the first run recorded them. */
function checkResumable(optimizer: OptimizerLike, keys: readonly string[]): void {
  optimizer.paramGroups.forEach((group, i) => {
    for (const key of keys) {
      if (typeof (group as unknown as Record<string, unknown>)[key] !== "number") {
        throw new TypeError(
          `param '${key}' is not specified in paramGroups[${i}] when resuming an optimizer`,
        );
      }
    }
  });
}

/** The group key of a phase's lr key for `field`: `maxLr` for the lr, `maxBeta2` for beta2. */
function keyFor(key: LrKey | MomentumKey, field: Field): string {
  if (field === "lr" || key === "maxMomentum" || key === "baseMomentum") return key;
  return key === "initialLr" ? initialKey(field) : fieldKey(key.slice(0, 3), field);
}

function groupValue(group: ParamGroup, key: LrKey | MomentumKey, field: Field): number {
  if (field === "lr") {
    // Named loads for the lr: a load by a computed key may copy the number to a new heap box.
    switch (key) {
      case "initialLr":
        return group.initialLr as number;
      case "maxLr":
        return group.maxLr as number;
      case "minLr":
        return group.minLr as number;
      case "maxMomentum":
        return group.maxMomentum as number;
      case "baseMomentum":
        return group.baseMomentum as number;
    }
  }
  return (group as unknown as Record<string, number>)[keyFor(key, field)] as number;
}

/**
 * Sets the lr of each group by the 1cycle policy (PyTorch's `OneCycleLR`); step it after every
 * batch. With `initialLr = maxLr / divFactor` and `minLr = initialLr / finalDivFactor`, the
 * two phases anneal `initialLr → maxLr` over steps `[0, pctStart·N − 1]` and then
 * `maxLr → minLr` up to step `N − 1` (three phases: `initialLr → maxLr → initialLr → minLr`),
 * with
 *
 * ```
 * cos:    anneal(a, b, p) = b + (a - b) / 2 * (1 + cos(pi * p))
 * linear: anneal(a, b, p) = (b - a) * p + a
 * ```
 *
 * and momentum annealed `maxMomentum → baseMomentum → maxMomentum` the other way. At
 * construction each group gets `initialLr`, `maxLr`, `minLr` (and `maxMomentum`,
 * `baseMomentum`) recorded in it, as PyTorch does. As in PyTorch, one step past the last
 * (`lastEpoch = N`) is still allowed and extrapolates the last phase; the step after it
 * throws `Tried to step N+1 times. The specified number of total steps is N` and changes
 * nothing.
 *
 * @example Ten steps up and down
 * ```ts
 * import { OneCycleLR } from "./one_cycle_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
 * const s = new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 10 });
 * // starts at maxLr / divFactor = 0.04 and peaks at maxLr at step pctStart * 10 - 1 = 2
 * if (Math.abs(s.getLastLr()[0]! - 0.04) > 1e-15) throw new Error();
 * for (let i = 0; i < 2; i++) s.step();
 * if (Math.abs(s.getLastLr()[0]! - 1) > 1e-15) throw new Error();
 * ```
 */
export class OneCycleLR extends LRScheduler {
  #momenta: number[] = [];
  /** Steps in the cycle. */
  totalSteps: number;
  /** The phases of the cycle (PyTorch's `_schedule_phases`). */
  schedulePhases: SchedulePhase[];
  /** `"cos"` or `"linear"`. */
  annealStrategy: "cos" | "linear";
  /** Whether momentum is cycled. */
  readonly cycleMomentum: boolean;
  /** Whether momentum is Adam's `betas[0]` (PyTorch's `use_beta1`). */
  useBeta1: boolean;

  /**
   * Checks every option and computes the per-group lrs and momenta before writing them into
   * the groups (`initialLr`, `maxLr`, `minLr`, momenta), then takes the initial step.
   */
  constructor(optimizer: OptimizerLike, options: OneCycleLROptions) {
    checkOptimizer(optimizer);
    checkOptions("OneCycleLR", options, OPTION_KEYS, NULLABLE);
    const lastEpoch = checkLastEpoch(options.lastEpoch ?? -1);
    const field = checkField(options.field ?? "lr");
    const totalSteps = totalStepsOf(options);
    const pctStart = options.pctStart ?? 0.3;
    if (typeof pctStart !== "number" || !(pctStart >= 0 && pctStart <= 1)) {
      throw new (typeof pctStart === "number" ? RangeError : TypeError)(
        `Expected float between 0 and 1 pctStart, but got ${check.show(pctStart)}`,
      );
    }
    const annealStrategy = options.annealStrategy ?? "cos";
    if (!STRATEGIES.includes(annealStrategy)) {
      throw new RangeError(
        `annealStrategy must be one of 'cos' or 'linear', instead got ${
          check.show(annealStrategy)
        }`,
      );
    }
    const maxLrs = checkFieldPerGroup("OneCycleLR", "maxLr", optimizer, options.maxLr, field);
    const divFactor = check.positive("divFactor", options.divFactor ?? 25.0);
    const finalDivFactor = check.positive("finalDivFactor", options.finalDivFactor ?? 1e4);
    const threePhase = options.threePhase ?? false;
    const cycleMomentum = options.cycleMomentum ?? true;
    for (const [name, flag] of [["threePhase", threePhase], ["cycleMomentum", cycleMomentum]]) {
      if (typeof flag !== "boolean") {
        throw new TypeError(`${name} must be a boolean, got ${name}=${check.show(flag)}`);
      }
    }
    let beta1 = false;
    let baseMomentums: number[] = [];
    let maxMomentums: number[] = [];
    if (cycleMomentum) {
      beta1 = useBeta1(optimizer);
      checkMomentumField("OneCycleLR", field, beta1);
      const max = options.maxMomentum ?? 0.95;
      maxMomentums = fractionPerGroup("OneCycleLR", "maxMomentum", optimizer, max);
      const base = options.baseMomentum ?? 0.85;
      baseMomentums = fractionPerGroup("OneCycleLR", "baseMomentum", optimizer, base);
    }
    checkGroupsHave(optimizer.paramGroups, field);
    const phases = schedulePhases(totalSteps, pctStart, threePhase);
    phaseAt(phases, lastEpoch + 1); // the initial step must not divide by zero
    if (lastEpoch !== -1) {
      const momentumKeys = cycleMomentum ? ["maxMomentum", "baseMomentum"] : [];
      checkResumable(optimizer, [keyFor("maxLr", field), keyFor("minLr", field), ...momentumKeys]);
    }
    const saved = snapshotGroups(optimizer); // put back if the initial step fails
    // Everything is valid: now write to the groups, as PyTorch does before its base __init__.
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((group, i) => {
        const record = group as unknown as Record<string, number>;
        const initial = (maxLrs[i] as number) / divFactor;
        record[keyFor("initialLr", field)] = initial;
        record[keyFor("maxLr", field)] = maxLrs[i] as number;
        record[keyFor("minLr", field)] = initial / finalDivFactor;
        if (cycleMomentum) {
          setMomentum(group, beta1, maxMomentums[i] as number);
          group.maxMomentum = maxMomentums[i];
          group.baseMomentum = baseMomentums[i];
        }
      });
    }
    super(optimizer, lastEpoch, field);
    this.totalSteps = totalSteps;
    this.schedulePhases = phases;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = beta1;
    try {
      this.initialStep();
    } catch (error) {
      restoreGroups(optimizer, saved);
      throw error;
    }
  }

  /** PyTorch's `get_lr`; like PyTorch, it also writes the cycled momentum into the groups. */
  protected override computeLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new RangeError(
        `Tried to step ${stepNum} times. The specified number of total steps is ${this.totalSteps}`,
      );
    }
    const phases = this.schedulePhases;
    const index = phaseAt(phases, stepNum);
    const p = phases[index]!;
    const startStep = index === 0 ? 0.0 : phases[index - 1]!.endStep;
    const pct = (stepNum - startStep) / (p.endStep - startStep);
    const groups = this.optimizer.paramGroups;
    const f = this.field;
    // Filled in place (buffer() and #momenta are reused): a step allocates no array.
    const lrs = this.buffer();
    // One loop per strategy: a `cos ? annealingCos(...) : annealingLinear(...)` per value would
    // merge a computed number with the untaken call's result, and V8 then boxes the number (16
    // bytes per value). The same operations, in the same order.
    const cos = this.annealStrategy === "cos";
    if (cos) {
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        lrs[i] = annealingCos(groupValue(g, p.startLr, f), groupValue(g, p.endLr, f), pct);
      }
    } else {
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        lrs[i] = annealingLinear(groupValue(g, p.startLr, f), groupValue(g, p.endLr, f), pct);
      }
    }
    if (this.cycleMomentum) {
      if (this.#momenta.length !== groups.length) {
        this.#momenta = new Array<number>(groups.length).fill(0.5);
      }
      const momenta = this.#momenta;
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        const start = groupValue(g, p.startMomentum, f);
        const end = groupValue(g, p.endMomentum, f);
        if (cos) momenta[i] = annealingCos(start, end, pct);
        else momenta[i] = annealingLinear(start, end, pct);
      }
      this.checked(lrs); // throws before any momentum is written
      const checkedMomenta = this.checked(momenta, this.useBeta1 ? "beta1" : "momentum");
      for (let i = 0; i < groups.length; i++) {
        setMomentum(groups[i]!, this.useBeta1, checkedMomenta[i] as number);
      }
    }
    return lrs;
  }

  /** The cycle's shape; the per-group lrs and momenta live in the optimizer's groups. */
  protected override stateExtras(): JsonObject {
    return {
      totalSteps: this.totalSteps,
      schedulePhases: this.schedulePhases.map((p) => ({ ...p })),
      annealStrategy: this.annealStrategy,
      cycleMomentum: this.cycleMomentum,
      useBeta1: this.useBeta1,
    };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const totalSteps = positiveInteger("state.totalSteps", state.totalSteps);
    const raw = state.schedulePhases;
    if (!Array.isArray(raw) || (raw.length !== 2 && raw.length !== 3)) {
      throw new RangeError(
        `state.schedulePhases must be 2 or 3 phases, got state.schedulePhases=${check.show(raw)}`,
      );
    }
    const phases = raw.map((item, i) => {
      const o = (typeof item === "object" && item !== null && !Array.isArray(item)) ? item : {};
      const name = `state.schedulePhases[${i}]`;
      return phase(
        check.finite(`${name}.endStep`, o.endStep),
        check.oneOf(`${name}.startLr`, o.startLr, ["initialLr", "maxLr", "minLr"]),
        check.oneOf(`${name}.endLr`, o.endLr, ["initialLr", "maxLr", "minLr"]),
        check.oneOf(`${name}.startMomentum`, o.startMomentum, ["maxMomentum", "baseMomentum"]),
        check.oneOf(`${name}.endMomentum`, o.endMomentum, ["maxMomentum", "baseMomentum"]),
      );
    });
    phases.forEach((p, i) => {
      const previous = i === 0 ? -Infinity : phases[i - 1]!.endStep;
      if (p.endStep < previous) {
        throw new RangeError(
          `state.schedulePhases[${i}].endStep must not be below the previous phase's, got ` +
            `state.schedulePhases[${i}].endStep=${p.endStep}`,
        );
      }
    });
    const last = phases[phases.length - 1]!.endStep;
    if (last !== totalSteps - 1) {
      throw new RangeError(
        `the last phase must end at totalSteps - 1 = ${totalSteps - 1}, got ` +
          `state.schedulePhases[${phases.length - 1}].endStep=${last}`,
      );
    }
    const annealStrategy = readChoice(state, "annealStrategy", STRATEGIES);
    readSameBoolean(state, "cycleMomentum", this.cycleMomentum);
    const beta1 = readSameBoolean(state, "useBeta1", this.useBeta1);
    this.totalSteps = totalSteps;
    this.schedulePhases = phases;
    this.annealStrategy = annealStrategy;
    this.useBeta1 = beta1;
  }
}
