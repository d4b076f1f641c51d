/**
 * `SWALR`: anneals each group's lr to a fixed SWA lr, PyTorch's `torch.optim.swa_utils.SWALR`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { readChoice } from "./_state.ts";
import { checkOptimizer, LRScheduler, perGroup } from "./lr_scheduler.ts";
import type { JsonObject, OptimizerLike, ParamGroup } from "./lr_scheduler.ts";

/** Options of {@linkcode SWALR}: PyTorch's keyword arguments in camelCase. */
export interface SWALROptions {
  /** The lr to anneal to (finite, 0 or more), for all groups or one per group. Required. */
  swaLr: number | readonly number[];
  /** The number of annealing epochs, an integer of 0 or more (default 10). */
  annealEpochs?: number;
  /** `"cos"` (default) or `"linear"` annealing. */
  annealStrategy?: "cos" | "linear";
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

/** A param group as SWALR leaves it: with its `swaLr`, as PyTorch's `group["swa_lr"]`. */
export interface SWAParamGroup extends ParamGroup {
  /** The lr this group anneals to. */
  swaLr?: number;
}

const STRATEGIES = ["cos", "linear"] as const;

/** The annealing function: cos: (1 − cos(π t)) / 2; linear: t. */
function anneal(strategy: "cos" | "linear", t: number): number {
  return strategy === "cos" ? (1 - Math.cos(Math.PI * t)) / 2 : t;
}

/** PyTorch's `_get_initial_lr`: the lr the group would have had before the last blend. */
function initialLr(lr: number, swaLr: number, alpha: number): number {
  if (alpha === 1) return swaLr;
  return (lr - alpha * swaLr) / (1 - alpha);
}

function checkAnnealEpochs(name: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0) {
    if (typeof value !== "number") {
      throw new TypeError(`${name} must be an integer, got ${name}=${check.show(value)}`);
    }
    throw new RangeError(
      `${name} must be equal or greater than 0, got ${name}=${check.show(value)}`,
    );
  }
  return value as number;
}

function checkStrategy(name: string, value: unknown): "cos" | "linear" {
  if (!STRATEGIES.includes(value as "cos")) {
    throw new RangeError(
      `${name} must by one of 'cos' or 'linear', instead got ${name}=${check.show(value)}`,
    );
  }
  return value as "cos" | "linear";
}

/**
 * Anneals the lr of each param group from its current value to `swaLr` over `annealEpochs`
 * steps, then holds it there: PyTorch's `torch.optim.swa_utils.SWALR`, for stochastic weight
 * averaging (with `AveragedModel`).
 *
 * Chainable, as PyTorch: at step s (the number of `step()` calls after the initial one),
 * t = clamp(s / max(1, annealEpochs), 0, 1) and α = anneal(t) (cos: (1 − cos πt) / 2,
 * linear: t); the group's lr before the previous blend is recovered from the current lr,
 * lr₀ = (lr − α_prev · swaLr) / (1 − α_prev), and the new lr is swaLr · α + lr₀ · (1 − α).
 * With `annealEpochs: 0` the lr is `swaLr` from construction on. Each group's `swaLr` is
 * written into the group (PyTorch's `group["swa_lr"]`).
 *
 * @example Anneal linearly from 1 to 0.1 in 3 steps
 * ```ts
 * import { SWALR } from "./swalr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new SWALR(optimizer, { swaLr: 0.1, annealEpochs: 3, annealStrategy: "linear" });
 * const lrs = [s.getLastLr()[0]!];
 * for (let i = 0; i < 4; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]!);
 * }
 * if (Math.abs(lrs[1]! - 0.7) > 1e-15 || lrs[3] !== 0.1 || lrs[4] !== 0.1) throw new Error(lrs.join());
 * ```
 */
export class SWALR extends LRScheduler {
  #annealEpochs: number;
  #annealStrategy: "cos" | "linear";

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: SWALROptions) {
    checkOptimizer(optimizer);
    checkOptions("SWALR", options, ["swaLr", "annealEpochs", "annealStrategy", "lastEpoch"]);
    if (options.swaLr === undefined) {
      throw new TypeError("SWALR requires swaLr, got swaLr=undefined");
    }
    const swaLrs = perGroup<number>("swaLr", optimizer, options.swaLr).map((v, i) =>
      check.nonNegative(Array.isArray(options.swaLr) ? `swaLr[${i}]` : "swaLr", v)
    );
    const annealStrategy = checkStrategy("annealStrategy", options.annealStrategy ?? "cos");
    const annealEpochs = checkAnnealEpochs("annealEpochs", options.annealEpochs ?? 10);
    super(optimizer, options.lastEpoch ?? -1);
    optimizer.paramGroups.forEach((g, i) => (g as SWAParamGroup).swaLr = swaLrs[i]);
    this.#annealEpochs = annealEpochs;
    this.#annealStrategy = annealStrategy;
    this.initialStep();
  }

  /** The number of annealing epochs. */
  get annealEpochs(): number {
    return this.#annealEpochs;
  }

  /** `"cos"` or `"linear"`. */
  get annealStrategy(): "cos" | "linear" {
    return this.#annealStrategy;
  }

  /** PyTorch's `SWALR.get_lr`, operation for operation. */
  protected override computeLr(): number[] {
    const epochs = this.#annealEpochs;
    let step = this.stepCount - 1;
    if (epochs === 0) step = Math.max(1, step);
    const prevT = Math.max(0, Math.min(1, (step - 1) / Math.max(1, epochs)));
    const prevAlpha = anneal(this.#annealStrategy, prevT);
    const groups = this.optimizer.paramGroups as SWAParamGroup[];
    const t = Math.max(0, Math.min(1, step / Math.max(1, epochs)));
    const alpha = anneal(this.#annealStrategy, t);
    const out = this.buffer(); // reused: a step allocates no array
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const prevLr = initialLr(g.lr, g.swaLr as number, prevAlpha);
      out[i] = (g.swaLr as number) * alpha + prevLr * (1 - alpha);
    }
    return out;
  }

  /** `annealEpochs` and `annealStrategy` (each group's `swaLr` lives in the group). */
  protected override stateExtras(): JsonObject {
    return { annealEpochs: this.#annealEpochs, annealStrategy: this.#annealStrategy };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const annealEpochs = checkAnnealEpochs("state.annealEpochs", state.annealEpochs);
    const annealStrategy = readChoice(state, "annealStrategy", STRATEGIES);
    this.#annealEpochs = annealEpochs;
    this.#annealStrategy = annealStrategy;
  }
}
