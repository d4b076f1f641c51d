/**
 * `HfLambdaLR`: the `LambdaLR` that transformers' `get_*_schedule*` functions return, which
 * also remembers which function built it and with which options.
 *
 * @module
 */

import * as check from "../_check.ts";
import { LambdaLR } from "../schedulers/lambda_lr.ts";
import type { LrLambda } from "../schedulers/lambda_lr.ts";
import type { JsonObject, OptimizerLike } from "../schedulers/lr_scheduler.ts";

/** An optimizer as transformers' functions see it: param groups and, optionally, `defaults`. */
export interface HfOptimizerLike extends OptimizerLike {
  /** The optimizer's default hyperparameters; `defaults.lr` is transformers' `defaults["lr"]`. */
  readonly defaults?: { readonly lr?: number };
}

/**
 * A `LambdaLR` built by one of the `hf` functions: lr = initialLr · lambda(step), with the
 * lambda written operation for operation as in transformers' `optimization.py`.
 *
 * `name` is the function that built it (`"getCosineScheduleWithWarmup"`) and `options` its
 * options as given (numbers and strings only). {@linkcode HfLambdaLR.stateDict} saves both
 * under `hf`, and `loadStateDict` refuses a state saved by a different function or options,
 * since the lambdas themselves are not saved.
 *
 * @example
 * ```ts
 * import { getLinearScheduleWithWarmup, HfLambdaLR } from "./mod.ts";
 * const s = getLinearScheduleWithWarmup({ paramGroups: [{ lr: 1 }] }, {
 *   numWarmupSteps: 2,
 *   numTrainingSteps: 4,
 * });
 * if (!(s instanceof HfLambdaLR) || s.name !== "getLinearScheduleWithWarmup") throw new Error();
 * ```
 */
export class HfLambdaLR extends LambdaLR {
  /** The `hf` function that built this scheduler. */
  readonly name: string;
  /** The options it was built with (without `lastEpoch`). */
  readonly options: JsonObject;

  /**
   * Prefer the `hf` functions; this is what they call once their options are checked.
   *
   * @param optimizer The optimizer whose groups' lrs are scheduled.
   * @param name The function's name, saved in the state.
   * @param options The function's options (plain JSON), saved in the state.
   * @param lrLambda The factor of the initial lr at each step.
   * @param lastEpoch -1 (default) starts afresh.
   */
  constructor(
    optimizer: OptimizerLike,
    name: string,
    options: JsonObject,
    lrLambda: LrLambda,
    lastEpoch = -1,
  ) {
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`name must be a non-empty string, got name=${check.show(name)}`);
    }
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      throw new TypeError(`options must be a JSON object, got options=${check.show(options)}`);
    }
    super(optimizer, { lrLambda, lastEpoch });
    this.name = name;
    this.options = options;
  }

  /** LambdaLR's state plus `hf: { name, options }`. */
  protected override stateExtras(): JsonObject {
    return { ...super.stateExtras(), hf: { name: this.name, options: this.options } };
  }

  /** Refuses a state from another function or other options, then restores LambdaLR's. */
  protected override loadStateExtras(state: JsonObject): void {
    const mine = JSON.stringify({ name: this.name, options: this.options });
    if (JSON.stringify(state.hf) !== mine) {
      throw new RangeError(
        `state.hf must be ${mine} (the lambdas are not saved, so the state must come from the ` +
          `same function and options), got state.hf=${check.show(state.hf)}`,
      );
    }
    super.loadStateExtras(state);
  }
}
