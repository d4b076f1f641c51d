/**
 * `CosineAnnealingLR`: anneal the lr from its initial value to `etaMin` along half a cosine.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkOptions } from "./_options.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode CosineAnnealingLR}: PyTorch's keyword arguments in camelCase. */
export interface CosineAnnealingLROptions {
  /** Half the period in epochs (the lr reaches `etaMin` at `tMax`), a positive integer. */
  tMax: number;
  /** The minimum lr, non-negative (default 0). */
  etaMin?: number;
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

function parse(o: { tMax?: unknown; etaMin?: unknown }, prefix = "") {
  return {
    tMax: check.positiveInteger(`${prefix}tMax`, o.tMax),
    etaMin: check.nonNegative(`${prefix}etaMin`, o.etaMin),
  };
}

/**
 * Anneals the lr of each param group along a cosine from its initial lr to `etaMin` at `tMax`
 * (and back up over the next `tMax` epochs, without restarts): PyTorch's
 * `torch.optim.lr_scheduler.CosineAnnealingLR`, from SGDR (Loshchilov and Hutter, 2017).
 *
 * lr_e = etaMin + (initialLr − etaMin) · (1 + cos(π · e / tMax)) / 2
 *
 * `step()` uses PyTorch's recursive form
 * lr_e = etaMin + (lr_{e−1} − etaMin) · (1 + cos(π e / tMax)) / (1 + cos(π (e − 1) / tMax)),
 * with its special case at the bottom of each period; `step(epoch)` uses the closed form.
 *
 * @example Anneal from 1 to 0 over 4 epochs
 * ```ts
 * import { CosineAnnealingLR } from "./cosine_annealing_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 4 });
 * const lrs = [scheduler.getLastLr()[0]];
 * for (let i = 0; i < 4; i++) {
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * // 1, 0.854, 0.5, 0.146, 0
 * if (Math.abs((lrs[2] as number) - 0.5) > 1e-12 || lrs[4] !== 0) throw new Error(lrs.join());
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  #tMax: number;
  #etaMin: number;

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: CosineAnnealingLROptions) {
    checkOptimizer(optimizer);
    checkOptions("CosineAnnealingLR", options, ["tMax", "etaMin", "lastEpoch", "field"]);
    const { tMax, etaMin } = parse({ tMax: options.tMax, etaMin: options.etaMin ?? 0 });
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#tMax = tMax;
    this.#etaMin = etaMin;
    this.initialStep();
  }

  /** Half the period in epochs. */
  get tMax(): number {
    return this.#tMax;
  }

  /** The minimum lr. */
  get etaMin(): number {
    return this.#etaMin;
  }

  /** PyTorch's recursive form, branch by branch. */
  protected override computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch;
    const tMax = this.#tMax;
    const etaMin = this.#etaMin;
    if (this.isInitial) return this.unchanged();
    const out = this.buffer(); // filled in place: a step allocates no array
    if (this.stepCount === 1 && e > 0) {
      for (let i = 0; i < out.length; i++) {
        const baseLr = this.baseLrs[i]!;
        out[i] = etaMin + (baseLr - etaMin) * (1 + Math.cos(e * Math.PI / tMax)) / 2;
      }
      return out;
    }
    if ((e - 1 - tMax) % (2 * tMax) === 0) {
      for (let i = 0; i < out.length; i++) {
        out[i] = this.current(groups[i]!) +
          ((this.baseLrs[i] as number) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
      }
      return out;
    }
    for (let i = 0; i < out.length; i++) {
      out[i] = (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) *
          (this.current(groups[i]!) - etaMin) + etaMin;
    }
    return out;
  }

  /** etaMin + (baseLr − etaMin) · (1 + cos(π · lastEpoch / tMax)) / 2. */
  protected override closedFormLr(): number[] {
    const etaMin = this.#etaMin;
    const cos = Math.cos(Math.PI * this.lastEpoch / this.#tMax);
    return this.baseLrs.map((baseLr) => etaMin + (baseLr - etaMin) * (1 + cos) / 2);
  }

  /** The options (functions excepted), for {@linkcode LRScheduler.stateDict}. */
  protected override stateExtras(): JsonObject {
    return { tMax: this.#tMax, etaMin: this.#etaMin };
  }

  /** Checks the saved options like the constructor does, then restores them. */
  protected override loadStateExtras(state: JsonObject): void {
    const { tMax, etaMin } = parse(state, "state.");
    this.#tMax = tMax;
    this.#etaMin = etaMin;
  }
}
