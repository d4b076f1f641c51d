/**
 * Stochastic weight averaging and EMA of a model's weights: PyTorch's
 * `torch.optim.swa_utils.AveragedModel`, `get_swa_avg_fn`, `get_ema_avg_fn` and
 * `get_ema_multi_avg_fn` (`SWALR` is with the schedulers).
 *
 * @module
 */

import * as check from "../_check.ts";
import { Module, type ModuleState } from "../nn/module.ts";
import { allocData } from "../tensor/_storage.ts";
import { Tensor } from "../tensor/tensor.ts";
import { copyModule } from "./_copy_module.ts";
import { fma } from "./_fma.ts";

/**
 * Averages one parameter: returns the new average from the current average, the model's
 * current value and how many models are averaged so far (PyTorch's `avg_fn`).
 */
export type AvgFn = (averaged: Tensor, current: Tensor, numAveraged: number) => Tensor;

/**
 * Averages every parameter in place: the averages, the model's current values (same order)
 * and how many models are averaged so far (PyTorch's `multi_avg_fn`).
 */
export type MultiAvgFn = (averaged: Tensor[], current: Tensor[], numAveraged: number) => void;

function sameShape(a: Tensor, b: Tensor, what: string): void {
  if (a.shape.join() !== b.shape.join()) {
    throw new RangeError(
      `${what}: shapes differ, got [${a.shape.join(", ")}] and [${b.shape.join(", ")}]`,
    );
  }
}

function checkDecay(decay: unknown): number {
  const d = check.number("decay", decay);
  if (!(d >= 0 && d <= 1)) {
    throw new RangeError(
      `Invalid decay value ${d} provided. Please provide a value in [0,1] range, got decay=${d}`,
    );
  }
  return d;
}

/**
 * The equal-weight running average (SWA), PyTorch's `get_swa_avg_fn()`:
 * averaged + (current − averaged) / (numAveraged + 1), elementwise.
 *
 * @example
 * ```ts
 * import { getSwaAvgFn } from "./swa_utils.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const avg = getSwaAvgFn()(tensor([1, 2]), tensor([4, 8]), 2); // the mean of 1, 1, 4
 * if (avg.data.join() !== "2,4") throw new Error(avg.data.join());
 * ```
 */
export function getSwaAvgFn(): AvgFn {
  return (averaged, current, numAveraged) => {
    sameShape(averaged, current, "swa avgFn");
    if (!Number.isInteger(numAveraged) || numAveraged < 0) {
      check.number("numAveraged", numAveraged);
      throw new RangeError(
        `swa avgFn: numAveraged must be a non-negative integer, got numAveraged=${numAveraged}`,
      );
    }
    const a = averaged.data;
    const c = current.data;
    const out = allocData(averaged.dtype, a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! + (c[i]! - a[i]!) / (numAveraged + 1);
    return new Tensor(out, averaged.shape);
  };
}

/**
 * The exponential moving average (EMA), PyTorch's `get_ema_avg_fn(decay)`:
 * decay · averaged + (1 − decay) · current, elementwise. `decay` in [0, 1], default 0.999.
 *
 * @example
 * ```ts
 * import { getEmaAvgFn } from "./swa_utils.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const ema = getEmaAvgFn(0.75)(tensor([4]), tensor([8]), 1); // 0.75 * 4 + 0.25 * 8
 * if (ema.data[0] !== 5) throw new Error(String(ema.data[0]));
 * ```
 */
export function getEmaAvgFn(decay = 0.999): AvgFn {
  const d = checkDecay(decay);
  return (averaged, current) => {
    sameShape(averaged, current, "ema avgFn");
    const a = averaged.data;
    const c = current.data;
    const out = allocData(averaged.dtype, a.length);
    for (let i = 0; i < a.length; i++) out[i] = d * a[i]! + (1 - d) * c[i]!;
    return new Tensor(out, averaged.shape);
  };
}

/**
 * The EMA as an in-place update of every parameter, PyTorch's `get_ema_multi_avg_fn(decay)`,
 * which calls `lerp_(averaged, current, 1 − decay)`. Written as PyTorch's CPU `lerp` kernel,
 * with its fused multiply-add: with w = 1 − decay, fma(w, current − averaged, averaged) when
 * |w| < 0.5, else fma(w − 1, current − averaged, current), so the last bit is torch's too.
 *
 * @example
 * ```ts
 * import { getEmaMultiAvgFn } from "./swa_utils.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const averaged = [tensor([4])];
 * getEmaMultiAvgFn(0.75)(averaged, [tensor([8])], 1);
 * if (averaged[0]!.data[0] !== 5) throw new Error(String(averaged[0]!.data[0]));
 * ```
 */
export function getEmaMultiAvgFn(decay = 0.999): MultiAvgFn {
  const d = checkDecay(decay);
  const w = 1 - d;
  const small = Math.abs(w) < 0.5;
  return (averagedList, currentList) => {
    averagedList.forEach((averaged, k) => {
      const current = currentList[k]!;
      sameShape(averaged, current, "ema multiAvgFn");
      const a = averaged.data;
      const c = current.data;
      for (let i = 0; i < a.length; i++) {
        a[i] = small ? fma(w, c[i]! - a[i]!, a[i]!) : fma(w - 1, c[i]! - a[i]!, c[i]!);
      }
    });
  };
}

/** Options of {@linkcode AveragedModel}: PyTorch's keyword arguments in camelCase. */
export interface AveragedModelOptions {
  /** Averages one parameter at a time; default the equal-weight average (SWA). */
  avgFn?: AvgFn;
  /** Averages all parameters in place at once; give this or `avgFn`, not both. */
  multiAvgFn?: MultiAvgFn;
  /**
   * PyTorch averages buffers too when true. anneal's modules have no buffers, so today this
   * only records the choice. Default false.
   */
  useBuffers?: boolean;
}

/**
 * A running average of a model's weights, for stochastic weight averaging (SWA) or an
 * exponential moving average (EMA): PyTorch's `torch.optim.swa_utils.AveragedModel`.
 *
 * `module` is a deep copy of `model` made at construction. `updateParameters(model)` copies
 * the model's weights into it the first time (`nAveraged` 0), and afterwards blends them in
 * with `avgFn` (default {@linkcode getSwaAvgFn}: the equal-weight average) or `multiAvgFn`;
 * then `nAveraged` grows by one. `forward` runs the averaged copy.
 *
 * @example The SWA average of three snapshots of a layer
 * ```ts
 * import { AveragedModel } from "./swa_utils.ts";
 * import { Linear } from "../nn/mod.ts";
 * const model = new Linear(1, 1);
 * const swa = new AveragedModel(model);
 * for (const w of [1, 2, 6]) {
 *   model.weight.data[0] = w;
 *   swa.updateParameters(model);
 * }
 * if (swa.module.weight.data[0] !== 3 || swa.nAveraged !== 3) throw new Error();
 * ```
 */
export class AveragedModel<M extends Module = Module> extends Module {
  /** The averaged copy of the model. */
  readonly module: M;
  /** How many models have been averaged (PyTorch's `n_averaged`). */
  nAveraged = 0;
  /** The per-parameter averaging function, if given. */
  readonly avgFn: AvgFn | undefined;
  /** The all-parameters averaging function, if given. */
  readonly multiAvgFn: MultiAvgFn | undefined;
  /** Whether buffers would be averaged too (anneal's modules have none). */
  readonly useBuffers: boolean;

  /**
   * Copies `model` and checks the options (before copying anything).
   *
   * @param model The model whose weights are averaged.
   * @param options `avgFn` or `multiAvgFn`, and `useBuffers`.
   */
  constructor(model: M, options: AveragedModelOptions = {}) {
    const o = check.options<AveragedModelOptions>("AveragedModel", options, [
      "avgFn",
      "multiAvgFn",
      "useBuffers",
    ]);
    if (!(model instanceof Module)) {
      throw new TypeError(`model must be a Module, got model=${check.show(model)}`);
    }
    if (o.avgFn !== undefined && o.multiAvgFn !== undefined) {
      throw new TypeError("Only one of avgFn and multiAvgFn should be provided");
    }
    const avgFn = o.avgFn === undefined ? undefined : check.callable<AvgFn>("avgFn", o.avgFn);
    const multiAvgFn = o.multiAvgFn === undefined
      ? undefined
      : check.callable<MultiAvgFn>("multiAvgFn", o.multiAvgFn);
    const useBuffers = check.boolean("useBuffers", o.useBuffers ?? false);
    super();
    this.module = this.registerModule("module", copyModule(model));
    this.avgFn = avgFn;
    this.multiAvgFn = multiAvgFn;
    this.useBuffers = useBuffers;
  }

  /** Runs the averaged copy: `module.forward(...inputs)`. */
  forward(...inputs: never[]): Tensor {
    return this.module.forward(...inputs);
  }

  /**
   * Blends `model`'s current weights into the average (copies them the first time), then
   * counts one more averaged model. `model` must have the same parameters (count and shapes)
   * as the copy; otherwise it throws and changes nothing.
   */
  updateParameters(model: Module): void {
    if (!(model instanceof Module)) {
      throw new TypeError(
        `updateParameters: model must be a Module, got model=${check.show(model)}`,
      );
    }
    const averaged = this.module.parameters();
    const current = model.parameters();
    if (averaged.length !== current.length) {
      throw new RangeError(
        `updateParameters: the model has ${current.length} parameters, the average ${averaged.length}`,
      );
    }
    averaged.forEach((a, i) => sameShape(a, current[i]!, `updateParameters: parameter ${i}`));
    const n = this.nAveraged;
    if (n === 0) {
      averaged.forEach((a, i) => a.data.set(current[i]!.data));
    } else if (this.multiAvgFn !== undefined) {
      this.multiAvgFn(averaged, current, n);
    } else {
      const avgFn = this.avgFn ?? getSwaAvgFn();
      const results = averaged.map((a, i) => avgFn(a, current[i]!, n));
      results.forEach((r, i) => {
        if (!(r instanceof Tensor) || r.size !== averaged[i]!.size) {
          throw new TypeError(
            `avgFn must return a tensor of ${averaged[i]!.size} values, got ${check.show(r)}`,
          );
        }
      });
      averaged.forEach((a, i) => a.data.set(results[i]!.data));
    }
    this.nAveraged = n + 1;
  }

  /** The averaged copy's parameters (`"module.weight"`, ...) and `n_averaged`, as PyTorch saves them. */
  override stateDict(): ModuleState {
    return { ...super.stateDict(), n_averaged: { shape: [], data: [this.nAveraged] } };
  }

  /** Restores {@linkcode AveragedModel.stateDict}; a mismatch throws and changes nothing. */
  override loadStateDict(state: ModuleState): void {
    const saved = state?.n_averaged;
    const n = saved?.data?.[0];
    if (!Number.isInteger(n) || (n as number) < 0 || saved?.data.length !== 1) {
      throw new RangeError(
        `loadStateDict: n_averaged must hold one non-negative integer, got ${check.show(saved)}`,
      );
    }
    const { n_averaged: _n, ...rest } = state;
    super.loadStateDict(rest);
    this.nAveraged = n as number;
  }
}
