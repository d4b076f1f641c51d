/**
 * `MultiplicativeLR`: each step multiplies the lr of each group by a function of the epoch.
 *
 * @module
 */

import { checkOptions } from "./_options.ts";
import { checkLambdaState, factorAt, lambdaList, lambdaState, type LrLambda } from "./_lambdas.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

/** Options of {@linkcode MultiplicativeLR}: PyTorch's keyword arguments in camelCase. */
export interface MultiplicativeLROptions {
  /** A function of the epoch giving the factor, or one such function per param group. */
  lrLambda: LrLambda | readonly LrLambda[];
  /**
   * The param-group field to drive: `"lr"` (default), `"momentum"`, `"beta1"`, `"beta2"`,
   * `"weightDecay"` or `"eps"` (see {@linkcode LRScheduler.field}).
   */
  field?: Field;
  /** The index of the last epoch; -1 (the default) starts afresh. */
  lastEpoch?: number;
}

/**
 * Multiplies the lr of each param group by a function of the epoch at every step:
 * PyTorch's `torch.optim.lr_scheduler.MultiplicativeLR`.
 *
 * lr_0 = initialLr, lr_e = lr_{e-1} · lrLambda(e)
 *
 * It has no closed form: `step(epoch)` multiplies the current lr by `lrLambda(epoch)`. The
 * functions are not part of {@linkcode MultiplicativeLR.stateDict} (it saves
 * `lrLambdas: [null, ...]`, as PyTorch does for plain functions): build the new scheduler with
 * the same functions, then load the state into it.
 *
 * @example Decay by 5% every step
 * ```ts
 * import { MultiplicativeLR } from "./multiplicative_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 1 }] };
 * const scheduler = new MultiplicativeLR(optimizer, { lrLambda: () => 0.5 });
 * scheduler.step();
 * scheduler.step();
 * if (scheduler.getLastLr()[0] !== 0.25) throw new Error();
 * ```
 */
export class MultiplicativeLR extends LRScheduler {
  #lrLambdas: LrLambda[];

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: MultiplicativeLROptions) {
    checkOptimizer(optimizer);
    checkOptions("MultiplicativeLR", options, ["lrLambda", "lastEpoch", "field"]);
    const lrLambdas = lambdaList(optimizer, options.lrLambda);
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#lrLambdas = lrLambdas;
    this.initialStep();
  }

  /** A value out of range comes from the lrLambda. */
  protected override culprit(): string {
    return "lrLambda";
  }

  /** lr = lr · lrLambda(lastEpoch), except on the constructor's initial step. */
  protected override computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.isInitial) return this.unchanged();
    const out = this.buffer(); // reused: a step allocates no array
    for (let i = 0; i < groups.length; i++) {
      out[i] = this.current(groups[i]!) *
        factorAt(this.#lrLambdas[i] as LrLambda, this.lastEpoch, i);
    }
    return out;
  }

  /** `lrLambdas`: one `null` per group in place of the functions (PyTorch's `[None]`). */
  protected override stateExtras(): JsonObject {
    return { lrLambdas: lambdaState(this.#lrLambdas) };
  }

  /** Checks that `lrLambdas` holds one `null` per group; there is nothing else to restore. */
  protected override loadStateExtras(state: JsonObject): void {
    checkLambdaState(state.lrLambdas, this.#lrLambdas.length);
  }
}
