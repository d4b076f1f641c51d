/**
 * `CosineAnnealingWarmRestarts`: PyTorch's SGDR schedule (Loshchilov and Hutter, 2016), cosine
 * annealing that restarts every `T_i` epochs, with `T_i` growing by `tMult`.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import { sgdrCos } from "../schedules/_anneal.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";
import { checkOptions } from "./_options.ts";

const OPTION_KEYS = ["t0", "tMult", "etaMin", "lastEpoch", "field"];

/** Options of {@linkcode CosineAnnealingWarmRestarts}: PyTorch's arguments in camelCase. */
export interface CosineAnnealingWarmRestartsOptions {
  /** Epochs until the first restart (PyTorch's `T_0`), a positive integer. */
  t0: number;
  /** Factor by which the period grows after each restart (`T_mult`), an integer >= 1. */
  tMult?: number;
  /** The lowest lr (`eta_min`), finite and non-negative. Default 0. */
  etaMin?: number;
  /** The param-group field to drive (see {@linkcode LRScheduler.field}). Default `"lr"`. */
  field?: Field;
  /** The index of the last epoch, to resume a run. Default -1. */
  lastEpoch?: number;
}

/**
 * Where epoch `epoch` (possibly fractional) falls in the restart cycles: PyTorch's
 * `step(epoch)` bookkeeping, `tCur` epochs into a period of `tI`.
 */
function restartPosition(
  epoch: number,
  t0: number,
  tMult: number,
): { tCur: number; tI: number } {
  if (epoch < t0) return { tCur: epoch, tI: t0 };
  if (tMult === 1) return { tCur: epoch % t0, tI: t0 };
  // Python's math.log(x, base) is log(x) / log(base); int() truncates.
  const n = Math.trunc(Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
  return { tCur: epoch - t0 * (tMult ** n - 1) / (tMult - 1), tI: t0 * tMult ** n };
}

function checkT(value: unknown, min: number, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new (typeof value === "number" ? RangeError : TypeError)(
      `Expected ${what}, but got ${check.show(value)}`,
    );
  }
  return value;
}

/**
 * Cosine annealing with warm restarts (PyTorch's `CosineAnnealingWarmRestarts`):
 *
 * ```
 * lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * T_cur / T_i)) / 2
 * ```
 *
 * where `T_cur` counts epochs since the last restart and `T_i` is the current period
 * (`t0`, then `t0 * tMult`, `t0 * tMult²`, ...). `step()` advances one epoch; `step(epoch)`
 * jumps to any epoch, fractional ones included (`step(epoch + i / itersPerEpoch)` after every
 * batch), and the two may be interleaved. As in PyTorch, `step(epoch)` here gives no
 * deprecation warning and `T_cur`, `T_i` are saved with the state.
 *
 * @example Restart every 4 epochs
 * ```ts
 * import { CosineAnnealingWarmRestarts } from "./cosine_annealing_warm_restarts.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const s = new CosineAnnealingWarmRestarts(optimizer, { t0: 4 });
 * const lrs = [s.getLastLr()[0]];
 * for (let i = 0; i < 4; i++) {
 *   s.step();
 *   lrs.push(s.getLastLr()[0]);
 * }
 * // 1, 0.854, 0.5, 0.146, then back to 1 at the restart
 * if (Math.abs(lrs[2]! - 0.5) > 1e-12 || lrs[4] !== 1) throw new Error(String(lrs));
 * s.step(1.5); // fractional epochs are fine
 * ```
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  /** Epochs until the first restart (`T_0`). */
  t0: number;
  /** Growth factor of the period (`T_mult`). */
  tMult: number;
  /** The lowest lr (`eta_min`). */
  etaMin: number;
  /** The current period (`T_i`). */
  tI: number;
  /** Epochs since the last restart (`T_cur`), fractional after `step(epoch)`. */
  tCur: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: CosineAnnealingWarmRestartsOptions) {
    checkOptimizer(optimizer);
    checkOptions("CosineAnnealingWarmRestarts", options, OPTION_KEYS);
    const t0 = checkT(options.t0, 1, `positive integer t0`);
    const tMult = checkT(options.tMult ?? 1, 1, `integer tMult >= 1`);
    const etaMin = options.etaMin ?? 0.0;
    if (typeof etaMin !== "number") {
      throw new TypeError(
        `Expected float or int etaMin, but got ${check.show(etaMin)} of type ${typeof etaMin}`,
      );
    }
    check.nonNegative("etaMin", etaMin);
    const lastEpoch = options.lastEpoch ?? -1;
    super(optimizer, lastEpoch, options.field ?? "lr");
    this.t0 = t0;
    this.tI = t0;
    this.tMult = tMult;
    this.etaMin = etaMin;
    this.tCur = lastEpoch;
    this.initialStep();
  }

  /** PyTorch's `get_lr`: the SGDR lr at the current `tCur` and `tI`. */
  protected override computeLr(): number[] {
    const values = this.buffer();
    for (let i = 0; i < values.length; i++) {
      values[i] = sgdrCos(this.baseLrs[i]!, this.etaMin, this.tCur, this.tI);
    }
    return values;
  }

  /**
   * Advances one epoch, or with `epoch` jumps to that (possibly fractional, non-negative)
   * epoch. PyTorch's `CosineAnnealingWarmRestarts.step`: no deprecation warning, no step-order
   * warning; `lastEpoch` becomes `floor(epoch)`.
   */
  override step(epoch?: number): void {
    let tCur = this.tCur;
    let tI = this.tI;
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      tCur = tCur + 1;
      if (tCur >= tI) {
        tCur = tCur % tI;
        tI = tI * this.tMult;
      }
    } else {
      check.finite("epoch", epoch);
      if (epoch < 0) throw new RangeError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.t0) {
        ({ tCur, tI } = restartPosition(epoch, this.t0, this.tMult));
        if (this.tMult === 1) tI = this.tI; // PyTorch leaves T_i alone when T_mult == 1
      } else {
        tI = this.t0;
        tCur = epoch;
      }
    }
    const values = this.buffer(); // reused: a step allocates no array
    for (let i = 0; i < values.length; i++) {
      values[i] = sgdrCos(this.baseLrs[i]!, this.etaMin, tCur, tI);
    }
    this.writeLrs(values); // checks every value before anything is written or moved
    this.tCur = tCur;
    this.tI = tI;
    this.lastEpoch = Math.floor(epoch);
  }

  /** The options with `tCur` and `tI`, as PyTorch saves its whole `__dict__`. */
  protected override stateExtras(): JsonObject {
    return { t0: this.t0, tMult: this.tMult, etaMin: this.etaMin, tI: this.tI, tCur: this.tCur };
  }

  /** Checks the saved options and counters like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const t0 = checkT(state.t0, 1, "positive integer state.t0");
    const tMult = checkT(state.tMult, 1, "integer state.tMult >= 1");
    const etaMin = check.nonNegative("state.etaMin", state.etaMin);
    const tI = check.positive("state.tI", state.tI);
    if (!Number.isInteger(tI) || tI < t0) {
      throw new RangeError(`state.tI must be an integer of at least t0=${t0}, got state.tI=${tI}`);
    }
    const tCur = check.nonNegative("state.tCur", state.tCur);
    if (tCur >= tI) {
      throw new RangeError(`state.tCur must be below state.tI=${tI}, got state.tCur=${tCur}`);
    }
    this.t0 = t0;
    this.tMult = tMult;
    this.etaMin = etaMin;
    this.tI = tI;
    this.tCur = tCur;
  }
}
