/**
 * `LambdaLR`: the lr of each group is its initial lr times a function of the epoch.
 *
 * @module
 */

import { checkOptions } from "./_options.ts";
import {
  checkLambdaState,
  factorAt,
  groupsWithoutInitialLr,
  initialStepOrForget,
  lambdaList,
  lambdaState,
  type LrLambda,
} from "./_lambdas.ts";
import { checkOptimizer, LRScheduler } from "./lr_scheduler.ts";
import type { Field, JsonObject, OptimizerLike } from "./lr_scheduler.ts";

export type { LrLambda } from "./_lambdas.ts";

/** Options of {@linkcode LambdaLR}: PyTorch's keyword arguments in camelCase. */
export interface LambdaLROptions {
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
 * Sets the lr of each param group to its initial lr times a function of the epoch:
 * PyTorch's `torch.optim.lr_scheduler.LambdaLR`.
 *
 * lr_e = initialLr · lrLambda(e)
 *
 * The functions are not part of {@linkcode LambdaLR.stateDict} (it saves
 * `lrLambdas: [null, ...]`, as PyTorch saves `lr_lambdas: [None]` for plain functions): build
 * the new scheduler with the same functions, then load the state into it.
 *
 * @example The seed's lambda, `epoch // 5 + 1`
 * ```ts
 * import { LambdaLR } from "./lambda_lr.ts";
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => Math.floor(epoch / 5) + 1 });
 * const lrs = [scheduler.getLastLr()[0]];
 * for (let i = 0; i < 10; i++) {
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * if (lrs[4] !== 0.1 || lrs[5] !== 0.2 || lrs[10] !== 0.30000000000000004) throw new Error();
 * ```
 */
export class LambdaLR extends LRScheduler {
  #lrLambdas: LrLambda[];

  /** Checks every option before touching the optimizer, then takes the initial step. */
  constructor(optimizer: OptimizerLike, options: LambdaLROptions) {
    checkOptimizer(optimizer);
    checkOptions("LambdaLR", options, ["lrLambda", "lastEpoch", "field"]);
    const lrLambdas = lambdaList(optimizer, options.lrLambda);
    const added = groupsWithoutInitialLr(optimizer, options.field ?? "lr");
    super(optimizer, options.lastEpoch ?? -1, options.field ?? "lr");
    this.#lrLambdas = lrLambdas;
    initialStepOrForget(this, added);
  }

  /** A value out of range comes from the lrLambda. */
  protected override culprit(): string {
    return "lrLambda";
  }

  /** lr = baseLr · lrLambda(lastEpoch), for every group. */
  protected override computeLr(): number[] {
    const out = this.buffer();
    for (let i = 0; i < out.length; i++) {
      out[i] = this.baseLrs[i]! * factorAt(this.#lrLambdas[i] as LrLambda, this.lastEpoch, i);
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
