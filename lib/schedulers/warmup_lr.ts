/**
 * `WarmupLR`: a warmup in front of any scheduler, `ReduceLROnPlateau` included.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike, SchedulerState } from "./lr_scheduler.ts";
import { checkOptions } from "./_options.ts";
import { checkNoStepArgument } from "./_composite.ts";
import { checkField, fieldAllows, fieldRange } from "./_field.ts";
import { ReduceLROnPlateau } from "./reduce_lr_on_plateau.ts";
import { readChoice } from "./_state.ts";
import { restoreGroups, snapshotGroups } from "./_groups.ts";

const OPTION_KEYS = ["scheduler", "warmupSteps", "warmupType", "startFactor", "startLr", "field"];

/** The shapes of {@linkcode WarmupLR}'s warmup. */
export type WarmupType = "linear" | "exponential" | "constant";

const WARMUP_TYPES: readonly WarmupType[] = ["linear", "exponential", "constant"];

/** Builds a scheduler over the optimizer it is given (so that `WarmupLR` can build it). */
export type SchedulerFactory = (optimizer: OptimizerLike) => LRScheduler;

/** Options of {@linkcode WarmupLR}. */
export interface WarmupLROptions {
  /**
   * The scheduler to run after the warmup: a function building it over the optimizer, or one
   * already built (fresh, never stepped) over the same optimizer. Any scheduler, including
   * `ReduceLROnPlateau`, composites and another `WarmupLR`.
   */
  scheduler: LRScheduler | SchedulerFactory;
  /** Steps of warmup, a positive integer: the wrapped scheduler takes over at this step. */
  warmupSteps: number;
  /** `"linear"` (default), `"exponential"` (geometric) or `"constant"`. */
  warmupType?: WarmupType;
  /**
   * The start as a fraction of the target: in [0, 1] ((0, 1] for `"exponential"`). Default
   * 1/3 (PyTorch's `LinearLR` and `ConstantLR` default). Give this or `startLr`, not both.
   */
  startFactor?: number;
  /** The start value itself, one for all groups or one per group (positive for exponential). */
  startLr?: number | readonly number[];
  /** The field to warm up; must be the wrapped scheduler's (the default). */
  field?: Field;
}

/**
 * Builds (or takes) the wrapped scheduler and reads its first values; if anything fails after
 * a factory ran, the groups are put back as they were.
 */
function buildChild(
  optimizer: OptimizerLike,
  given: LRScheduler | SchedulerFactory,
  field: Field | undefined,
  warmupType: WarmupType,
  startLrs: readonly number[] | null,
): { child: LRScheduler; targets: number[] } {
  const saved = snapshotGroups(optimizer);
  try {
    const child: unknown = given instanceof LRScheduler ? given : given(optimizer);
    if (!(child instanceof LRScheduler)) {
      throw new TypeError(`scheduler() must return a scheduler, got ${check.show(child)}`);
    }
    if (child.optimizer !== optimizer) {
      throw new RangeError("WarmupLR's scheduler must drive the same optimizer as WarmupLR");
    }
    if (child.lastEpoch > 0 || child.stepCount > 1) {
      throw new RangeError(
        "WarmupLR's scheduler must be freshly built (never stepped), got lastEpoch=" +
          `${child.lastEpoch}, stepCount=${child.stepCount}`,
      );
    }
    if (field !== undefined && field !== child.field) {
      throw new RangeError(
        `field must be the wrapped scheduler's, got field="${field}" for a scheduler ` +
          `driving field="${child.field}"`,
      );
    }
    startLrs?.forEach((lr, i) => {
      if (!fieldAllows(child.field, lr)) {
        throw new RangeError(
          `startLr[${i}] must be ${fieldRange(child.field)} for field "${child.field}", got ` +
            `startLr[${i}]=${lr}`,
        );
      }
    });
    const targets = child.getLastLr();
    if (warmupType === "exponential" && targets.some((t) => !(t > 0))) {
      throw new RangeError(
        "an exponential warmup needs a positive target, got the scheduler's first values " +
          check.show(targets),
      );
    }
    return { child, targets };
  } catch (error) {
    if (!(given instanceof LRScheduler)) restoreGroups(optimizer, saved);
    throw error;
  }
}

function checkStartFactor(name: string, value: unknown, type: WarmupType): number {
  const f = check.number(name, value);
  const ok = type === "exponential" ? f > 0 && f <= 1 : f >= 0 && f <= 1;
  if (!ok) {
    throw new RangeError(
      `${name} must be in ${type === "exponential" ? "(0, 1]" : "[0, 1]"} for a ${type} ` +
        `warmup, got ${name}=${check.show(value)}`,
    );
  }
  return f;
}

/**
 * The warmup value at step `e` (0 ≤ e < warmupSteps) rising to `target`, from `factor · target`
 * or from `startLr` when given:
 *
 * ```
 * linear:       target · (f + (1 − f) · e / W)        or  s + (target − s) · e / W
 * exponential:  target · f ** (1 − e / W)             or  s · (target / s) ** (e / W)
 * constant:     target · f                            or  s
 * ```
 *
 * The linear form with a factor is PyTorch's `LinearLR` closed form with `endFactor` 1, and
 * the constant one is `ConstantLR`'s, operation for operation.
 */
function warmupValue(
  type: WarmupType,
  target: number,
  e: number,
  warmupSteps: number,
  start: { factor: number } | { lr: number },
): number {
  const w = warmupSteps;
  if ("factor" in start) {
    const f = start.factor;
    if (type === "linear") return target * (f + (1 - f) * e / w);
    if (type === "exponential") return target * f ** (1 - e / w);
    return target * f;
  }
  const s = start.lr;
  if (type === "linear") return s + (target - s) * e / w;
  if (type === "exponential") return s * (target / s) ** (e / w);
  return s;
}

/**
 * A warmup in front of any scheduler (PyTorch's `SequentialLR([LinearLR(...), X])`, but for
 * every `X`, `ReduceLROnPlateau` included, which `SequentialLR` refuses). For steps
 * `e < warmupSteps` each group's lr is {@linkcode warmupValue}, rising to the lr the wrapped
 * scheduler starts with (its lr right after construction: the group's initial lr for the
 * decays, `baseLr` for `CyclicLR`, `maxLr / divFactor` for `OneCycleLR`); at
 * `e = warmupSteps` it is exactly that start; after it the wrapped scheduler steps once per
 * step, so that it counts from its epoch 0 when the warmup ends:
 *
 * ```
 * lr_e = warmup(e)                       e < W
 *      = X's lr at its epoch (e − W)     e ≥ W
 * ```
 *
 * The wrapped scheduler's constructor ran before the warmup and its initial step is not
 * counted: during the warmup it is not stepped at all. `step(metric)` is forwarded to a
 * `ReduceLROnPlateau` (during the warmup the metric is checked and ignored: a plateau counts
 * epochs from the end of the warmup); other schedulers' `step()` takes no argument. The state
 * holds the warmup's options and the wrapped scheduler's whole state.
 *
 * @example A linear warmup of 3 steps in front of a plateau
 * ```ts
 * import { ReduceLROnPlateau, WarmupLR } from "./mod.ts";
 * const optimizer = { paramGroups: [{ lr: 0.3 }] };
 * const s = new WarmupLR(optimizer, {
 *   scheduler: (o) => new ReduceLROnPlateau(o, { factor: 0.5, patience: 0 }),
 *   warmupSteps: 3,
 *   startFactor: 0,
 * });
 * const lrs = [s.getLastLr()[0]];
 * for (const loss of [1, 1, 1, 1, 1]) {
 *   s.step(loss);
 *   lrs.push(s.getLastLr()[0]);
 * }
 * // 0, 0.1, 0.2, then 0.3 at step 3; the plateau's first epoch is step 4, the cut step 5
 * if (lrs.map((v) => v!.toFixed(2)).join() !== "0.00,0.10,0.20,0.30,0.30,0.15") {
 *   throw new Error(String(lrs));
 * }
 * ```
 */
export class WarmupLR extends LRScheduler {
  /** The scheduler that takes over after the warmup. */
  readonly scheduler: LRScheduler;
  /** Steps of warmup. */
  readonly warmupSteps: number;
  /** The warmup's shape. */
  readonly warmupType: WarmupType;
  /** The start as a fraction of the target, or null when `startLr` was given. */
  readonly startFactor: number | null;
  /** The start value of each group, or null when `startFactor` was used. */
  readonly startLrs: number[] | null;
  /** The value each group rises to: the wrapped scheduler's first lr. */
  targets: number[];
  #metric: number | undefined;

  /**
   * Checks every option, builds (or takes) the wrapped scheduler, then takes the initial step,
   * which writes the warmup's first value. A failure puts the groups back as they were.
   */
  constructor(optimizer: OptimizerLike, options: WarmupLROptions) {
    checkOptimizer(optimizer);
    checkOptions("WarmupLR", options, OPTION_KEYS);
    const warmupSteps = check.positiveInteger("warmupSteps", options.warmupSteps);
    const warmupType = check.oneOf("warmupType", options.warmupType ?? "linear", WARMUP_TYPES);
    if (options.startFactor !== undefined && options.startLr !== undefined) {
      throw new TypeError(
        `WarmupLR takes startFactor or startLr, not both, got startFactor=${
          check.show(options.startFactor)
        }, startLr=${check.show(options.startLr)}`,
      );
    }
    const field = options.field === undefined ? undefined : checkField(options.field);
    const startFactor = options.startLr === undefined
      ? checkStartFactor("startFactor", options.startFactor ?? 1 / 3, warmupType)
      : null;
    let startLrs: number[] | null = null;
    if (options.startLr !== undefined) {
      const n = optimizer.paramGroups.length;
      const raw = options.startLr;
      const list = Array.isArray(raw) ? [...raw] : Array.from({ length: n }, () => raw);
      if (list.length !== n) {
        throw new RangeError(
          `startLr must have one value per param group, got ${list.length} values for ${n} groups`,
        );
      }
      startLrs = list.map((v, i) => {
        const name = Array.isArray(raw) ? `startLr[${i}]` : "startLr";
        const lr = check.nonNegative(name, v);
        if (warmupType === "exponential" && lr === 0) {
          throw new RangeError(`${name} must be positive for an exponential warmup, got ${name}=0`);
        }
        if (field !== undefined && !fieldAllows(field, lr)) {
          throw new RangeError(`${name} must be ${fieldRange(field)}, got ${name}=${lr}`);
        }
        return lr;
      });
    }
    const given = options.scheduler;
    if (!(given instanceof LRScheduler) && typeof given !== "function") {
      throw new TypeError(
        `scheduler must be a scheduler or a function building one, got scheduler=${
          check.show(given)
        }`,
      );
    }
    const { child, targets } = buildChild(optimizer, given, field, warmupType, startLrs);
    super(optimizer, -1, child.field);
    this.scheduler = child;
    this.warmupSteps = warmupSteps;
    this.warmupType = warmupType;
    this.startFactor = startFactor;
    this.startLrs = startLrs;
    this.targets = targets;
    this.baseLrs = [...targets];
    this.initialStep();
  }

  /** The warmup value of every group at step `e`. */
  #warmup(e: number): number[] {
    return this.targets.map((target, i) =>
      warmupValue(
        this.warmupType,
        target,
        e,
        this.warmupSteps,
        this.startLrs === null
          ? { factor: this.startFactor as number }
          : { lr: this.startLrs[i] as number },
      )
    );
  }

  /** Warmup values, then the targets at `warmupSteps`, then the wrapped scheduler's values. */
  protected override computeLr(): number[] {
    const e = this.lastEpoch;
    if (e < this.warmupSteps) return this.#warmup(e);
    if (e === this.warmupSteps) return [...this.targets];
    if (this.scheduler instanceof ReduceLROnPlateau) {
      this.scheduler.step(this.#metric as number);
    } else {
      this.scheduler.step();
    }
    return this.unchanged();
  }

  /**
   * Advances one step. With a `ReduceLROnPlateau` inside, give the metric: `step(metric)`
   * (checked during the warmup, forwarded after it); otherwise no argument.
   */
  override step(...args: unknown[]): void {
    if (this.isInitial) return super.step();
    if (this.scheduler instanceof ReduceLROnPlateau) {
      if (args.length > 1) {
        throw new TypeError(`WarmupLR.step() takes one metric, got ${args.length} arguments`);
      }
      this.#metric = check.number("metric", args[0]);
    } else {
      checkNoStepArgument("WarmupLR", args);
    }
    super.step();
  }

  /** The warmup's options and the wrapped scheduler's whole state. */
  protected override stateExtras(): JsonObject {
    return {
      warmupSteps: this.warmupSteps,
      warmupType: this.warmupType,
      startFactor: this.startFactor,
      startLrs: this.startLrs === null ? null : [...this.startLrs],
      targets: [...this.targets],
      scheduler: this.scheduler.stateDict(),
    };
  }

  /**
   * Checks the warmup's options (they must be this warmup's: they shaped the values already
   * written) and the targets, then loads the wrapped scheduler's state (all or nothing).
   */
  protected override loadStateExtras(state: JsonObject): void {
    const same = (key: string, value: unknown) => {
      if (JSON.stringify(state[key]) !== JSON.stringify(value)) {
        throw new RangeError(
          `state.${key} must match this WarmupLR's (${check.show(value)}), got state.${key}=${
            check.show(state[key])
          }`,
        );
      }
    };
    same("warmupSteps", this.warmupSteps);
    readChoice(state, "warmupType", WARMUP_TYPES);
    same("warmupType", this.warmupType);
    same("startFactor", this.startFactor);
    same("startLrs", this.startLrs);
    const n = this.optimizer.paramGroups.length;
    const targets = state.targets;
    if (
      !Array.isArray(targets) || targets.length !== n ||
      targets.some((t) => !fieldAllows(this.field, t))
    ) {
      throw new RangeError(
        `state.targets must be ${n} values ${fieldRange(this.field)}, got state.targets=${
          check.show(targets)
        }`,
      );
    }
    const child = state.scheduler;
    if (typeof child !== "object" || child === null || Array.isArray(child)) {
      throw new TypeError(`state.scheduler must be a state, got ${check.show(child)}`);
    }
    this.scheduler.loadStateDict(child as SchedulerState);
    this.targets = [...targets] as number[];
  }
}
