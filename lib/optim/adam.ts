/**
 * `Adam` and `AdamW`: PyTorch's `torch.optim.Adam` (L2 penalty added to the gradient) and
 * `torch.optim.AdamW` (decoupled weight decay), with PyTorch's order of operations.
 *
 * @module
 */

import * as check from "../_check.ts";
import { checkLr, checkNonNegative } from "./_check.ts";
import { Optimizer, type OptimizerGroup, type ParamsInput } from "./optimizer.ts";
import { checkStateKeys, readBuffer } from "./_state.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { allocData, type Storage } from "../tensor/_storage.ts";
import { wasm } from "../tensor/_wasm.ts";

const f32 = Math.fround;

/** Adam's and AdamW's option names (PyTorch's keyword arguments in camelCase). */
const ADAM_KEYS = ["lr", "betas", "eps", "weightDecay", "amsgrad", "maximize"] as const;

/** One Adam/AdamW param group. */
export interface AdamGroup extends OptimizerGroup {
  /** The learning rate (default 1e-3), which schedulers rewrite. */
  lr: number;
  /** `[β₁, β₂]`, the decay rates of the moment estimates (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** Weight decay: an L2 penalty for Adam (default 0), decoupled for AdamW (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad; default false). */
  amsgrad: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

/** Adam hyperparameters (PyTorch's keyword arguments, camelCased), all optional. */
export type AdamOptions = Partial<Omit<AdamGroup, "params">>;

/** Adam's per-parameter state, created on the parameter's first update. */
export interface AdamState {
  /** Only the fields below; the signature makes it a `ParamState`. */
  [key: string]: number | Storage | null;
  /** How many updates this parameter has had (t in the bias corrections). */
  step: number;
  /** The first moment estimate m (of the parameter's dtype, as the other buffers). */
  expAvg: Storage;
  /** The second moment estimate v. */
  expAvgSq: Storage;
  /** The running maximum of v with amsgrad, else null. */
  maxExpAvgSq: Storage | null;
}

/**
 * PyTorch's Adam. With g = ∇θ (negated if `maximize`) and t the parameter's step count:
 * ```
 * g ← g + weightDecay · θ            (Adam; AdamW instead does θ ← θ · (1 − lr · weightDecay))
 * m ← lerp(m, g, 1 − β₁)              (= β₁ m + (1 − β₁) g)
 * v ← β₂ v + (1 − β₂) g²;  v̂ = max(v̂, v) with amsgrad
 * θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + eps)
 * ```
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, amsgrad false.
 *
 * A float32 parameter gets float32 moment buffers and the update of PyTorch 1.13's single-tensor
 * float32 path, bit for bit: scalars rounded to float32, each tensor op's result rounded to
 * float32 (the bias corrections, as in torch, are float64 numbers).
 *
 * @example
 * ```ts
 * import { Adam } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const w = tensor([1], [1], { requiresGrad: true });
 * const opt = new Adam([w], { lr: 0.1 });
 * w.sum().backward();
 * opt.step(); // the first Adam step moves by about lr
 * console.assert(Math.abs(w.item() - 0.9) < 1e-7);
 * ```
 */
export class Adam extends Optimizer<AdamGroup, AdamState> {
  /** Whether weight decay is decoupled (AdamW) rather than added to the gradient. */
  protected readonly decoupled: boolean = false;

  /**
   * An Adam optimizer over `params` (a tensor list, or groups with per-group overrides).
   *
   * @param params The tensors to update, or param groups.
   * @param options The default hyperparameters: a TypeError for an unknown key (with a "did you
   *   mean"), an explicit null or a wrong type, a RangeError for a bad value.
   */
  constructor(params: ParamsInput<AdamGroup>, options: AdamOptions = {}) {
    check.options(new.target.name, options, ADAM_KEYS);
    super(params, {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
    });
  }

  /**
   * PyTorch's checks on lr, eps, betas and weightDecay (every number also finite), betas a pair
   * of numbers, the flags booleans.
   */
  protected override validate(h: Omit<AdamGroup, "params">): void {
    checkLr(h.lr);
    const betas: unknown = h.betas;
    if (
      !Array.isArray(betas) || betas.length !== 2 || betas.some((b) => typeof b !== "number")
    ) {
      throw new TypeError(`betas must be a pair of numbers, got betas=${check.show(betas)}`);
    }
    for (const i of [0, 1]) {
      const b = betas[i];
      if (!(b >= 0 && b < 1)) {
        throw new RangeError(`Invalid beta parameter at index ${i}: ${b}`);
      }
    }
    checkNonNegative("epsilon", h.eps, "eps");
    checkNonNegative("weightDecay", h.weightDecay);
    check.boolean("amsgrad", h.amsgrad);
    check.boolean("maximize", h.maximize);
  }

  /**
   * A saved Adam state: `step` a positive integer, `expAvg` finite, `expAvgSq` and
   * `maxExpAvgSq` (null without amsgrad) finite and non-negative, each `param.size` long.
   */
  protected override parseState(saved: JsonObject, param: Tensor, where: string): AdamState {
    checkStateKeys(saved, ["step", "expAvg", "expAvgSq", "maxExpAvgSq"], where);
    const step = check.integer(`${where}.step`, saved.step);
    if (!(step >= 1 && step <= Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(
        `loaded ${where}.step must be a positive integer, got ${where}.step=${step}`,
      );
    }
    return {
      step,
      expAvg: readBuffer(saved, "expAvg", param, where),
      expAvgSq: readBuffer(saved, "expAvgSq", param, where, 0),
      maxExpAvgSq: saved.maxExpAvgSq === null
        ? null
        : readBuffer(saved, "maxExpAvgSq", param, where, 0),
    };
  }

  /** The Adam (or AdamW) update of every parameter of `group` that has a gradient, in place. */
  protected override updateGroup(group: AdamGroup): void {
    const { lr, eps, weightDecay, amsgrad, maximize } = group;
    const beta1 = group.betas[0], beta2 = group.betas[1];
    const w = 1 - beta1;
    const ps = group.params;
    for (let j = 0; j < ps.length; j++) {
      const p = ps[j]!;
      const grad = p.grad;
      if (grad === null) continue;
      const theta = p.data, n = theta.length;
      let s = this.state.get(p);
      if (s === undefined) {
        s = {
          step: 0,
          expAvg: allocData(p.dtype, n),
          expAvgSq: allocData(p.dtype, n),
          maxExpAvgSq: null,
        };
        this.state.set(p, s);
      }
      if (amsgrad && s.maxExpAvgSq === null) s.maxExpAvgSq = allocData(p.dtype, n);
      const step = ++s.step;
      const m = s.expAvg, v = s.expAvgSq, vmax = s.maxExpAvgSq;
      const biasCorrection1 = 1 - beta1 ** step;
      const biasCorrection2 = 1 - beta2 ** step;
      const stepSize = lr / biasCorrection1;
      const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
      const decay = 1 - lr * weightDecay;
      if (theta instanceof Float32Array) {
        const bc2 = f32(biasCorrection2Sqrt);
        adam32(theta, grad, s, group, this.decoupled, -stepSize, bc2);
        continue;
      }
      // pairs of parameters in WebAssembly when they live there (the same operations, so the
      // same bits), the rest (all, or an odd last one) here
      let i = 0;
      const wm = wasm();
      if (
        wm !== null && n > 1 && wm.owns(theta) && wm.owns(grad) && wm.owns(m) && wm.owns(v) &&
        (vmax === null || !amsgrad || wm.owns(vmax))
      ) {
        const ams = vmax !== null && amsgrad;
        wm.kernels.adamStep(
          n >> 1,
          theta.byteOffset,
          grad.byteOffset,
          m.byteOffset,
          v.byteOffset,
          ams ? vmax.byteOffset : 0,
          w,
          1 - w,
          beta2,
          1 - beta2,
          biasCorrection2Sqrt,
          eps,
          -stepSize,
          decay,
          weightDecay,
          (maximize ? 1 : 0) | (this.decoupled ? 2 : 0) |
            (!this.decoupled && weightDecay !== 0 ? 4 : 0) | (ams ? 8 : 0) | (w < 0.5 ? 16 : 0),
        );
        i = n - (n & 1);
      }
      for (; i < n; i++) {
        let g = maximize ? -grad[i]! : grad[i]!;
        if (this.decoupled) theta[i] = theta[i]! * decay;
        else if (weightDecay !== 0) g = g + weightDecay * theta[i]!;
        const mi = m[i]!;
        // torch.lerp: start + weight · (end − start) for weight < 0.5, else end − (end − start) · (1 − weight)
        m[i] = w < 0.5 ? mi + w * (g - mi) : g - (g - mi) * (1 - w);
        let vi = v[i]! * beta2 + (1 - beta2) * g * g;
        v[i] = vi;
        if (vmax !== null && amsgrad) vi = vmax[i] = Math.max(vmax[i]!, vi);
        const denom = Math.sqrt(vi) / biasCorrection2Sqrt + eps;
        theta[i] = theta[i]! + -stepSize * m[i]! / denom;
      }
    }
  }
}

/**
 * PyTorch's AdamW: Adam with decoupled weight decay θ ← θ · (1 − lr · weightDecay) applied
 * before the moment updates. Default weightDecay 1e-2.
 *
 * @example
 * ```ts
 * import { AdamW } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const w = tensor([1], [1], { requiresGrad: true });
 * const opt = new AdamW([w], { lr: 0.1, weightDecay: 0.5 });
 * w.mul(0).sum().backward(); // zero gradient: only the decay acts
 * opt.step();
 * console.assert(Math.abs(w.item() - 0.95) < 1e-15);
 * ```
 */
export class AdamW extends Adam {
  /** AdamW decays the weights directly instead of adding the penalty to the gradient. */
  protected override readonly decoupled: boolean = true;

  /**
   * An AdamW optimizer over `params`; as `Adam`, but weightDecay defaults to 1e-2.
   *
   * @param params The tensors to update, or param groups.
   * @param options The default hyperparameters: a TypeError for an unknown key (with a "did you
   *   mean"), an explicit null or a wrong type, a RangeError for a bad value.
   */
  constructor(params: ParamsInput<AdamGroup>, options: AdamOptions = {}) {
    check.options(new.target.name, options, ADAM_KEYS);
    super(params, { ...options, weightDecay: options.weightDecay ?? 1e-2 });
  }
}

/**
 * The float32 Adam/AdamW update of torch 1.13's single-tensor path, one torch op per line on
 * float32 values (scalars rounded to float32, `add_`/`addcmul_` with a scalar factor rounded
 * once as torch's fused multiply-add): `mul_(1 − lr·wd)` or `add(θ, alpha=wd)`,
 * `m.mul_(β₁).add_(g, alpha=1 − β₁)`, `v.mul_(β₂).addcmul_(g, g, value=1 − β₂)`, `maximum`,
 * `(sqrt(v) / bc2).add_(eps)` and `θ.addcdiv_(m, denom, value=−stepSize)`. (PyTorch 2 updates m
 * with `lerp_`, which can differ in the last bit.)
 */
function adam32(
  theta: Float32Array,
  grad: Storage,
  s: AdamState,
  group: AdamGroup,
  decoupled: boolean,
  negStepSize: number,
  bc2: number,
): void {
  const { lr, eps, weightDecay, amsgrad, maximize } = group;
  const beta1 = f32(group.betas[0]), beta2 = f32(group.betas[1]);
  const w = f32(1 - group.betas[0]), keep = f32(1 - group.betas[1]);
  const decay = f32(1 - lr * weightDecay), wd = f32(weightDecay), e = f32(eps);
  const step = f32(negStepSize);
  const m = s.expAvg, v = s.expAvgSq, vmax = s.maxExpAvgSq;
  for (let i = 0; i < theta.length; i++) {
    let g = maximize ? -grad[i]! : grad[i]!;
    if (decoupled) theta[i] = theta[i]! * decay;
    else if (weightDecay !== 0) g = f32(g + wd * theta[i]!);
    m[i] = f32(m[i]! * beta1) + w * g;
    let vi = f32(f32(v[i]! * beta2) + f32(keep * g) * g);
    v[i] = vi;
    if (vmax !== null && amsgrad) vi = vmax[i] = Math.max(vmax[i]!, vi);
    const denom = f32(f32(f32(Math.sqrt(vi)) / bc2) + e);
    theta[i] = theta[i]! + f32(f32(step * m[i]!) / denom);
  }
}
