/**
 * `SGD`: stochastic gradient descent with momentum, dampening, Nesterov momentum and weight
 * decay, exactly PyTorch's `torch.optim.SGD` update.
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

/** SGD's option names (PyTorch's keyword arguments in camelCase). */
const SGD_KEYS = ["lr", "momentum", "dampening", "weightDecay", "nesterov", "maximize"] as const;

/** One SGD param group. */
export interface SGDGroup extends OptimizerGroup {
  /** The learning rate (default 1e-3), which schedulers rewrite. */
  lr: number;
  /** The momentum factor (default 0: plain SGD). */
  momentum: number;
  /** The dampening of the momentum's new gradient term (default 0). */
  dampening: number;
  /** The L2 penalty added to the gradient, `weightDecay · θ` (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

/** SGD's per-parameter state: the momentum buffer, created on the first step with momentum. */
export interface SGDState {
  /** Only the fields below; the signature makes it a `ParamState`. */
  [key: string]: Storage | null;
  /** `b` in the update (of the parameter's dtype), or null while momentum is 0. */
  momentumBuffer: Storage | null;
}

/** SGD hyperparameters (PyTorch's keyword arguments, camelCased), all optional. */
export type SGDOptions = Partial<Omit<SGDGroup, "params">>;

/**
 * PyTorch's SGD. With g = ∇θ (negated if `maximize`):
 * ```
 * g ← g + weightDecay · θ                       if weightDecay ≠ 0
 * b ← g (first step);  b ← momentum · b + (1 − dampening) · g   if momentum ≠ 0
 * g ← g + momentum · b (nesterov)  or  g ← b
 * θ ← θ − lr · g
 * ```
 * Defaults: lr 1e-3, momentum 0, dampening 0, weightDecay 0, nesterov false.
 *
 * A float32 parameter gets a float32 momentum buffer and the update of PyTorch's single-tensor
 * float32 path: the hyperparameters rounded to float32 and each tensor op's result rounded to
 * float32 (`param.add_(d, alpha=-lr)` as one rounding, as torch's fused multiply-add).
 *
 * @example
 * ```ts
 * import { SGD } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const w = tensor([1, 1], [2], { requiresGrad: true });
 * const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * for (let i = 0; i < 2; i++) {
 *   opt.zeroGrad();
 *   w.sum().backward(); // grad 1
 *   opt.step();
 * }
 * console.assert(Math.abs(w.toArray()[0]! - (1 - 0.1 - 0.19)) < 1e-15);
 * ```
 */
export class SGD extends Optimizer<SGDGroup, SGDState> {
  /**
   * An SGD optimizer over `params` (a tensor list, or groups with per-group overrides).
   *
   * @param params The tensors to update, or param groups.
   * @param options The default hyperparameters: a TypeError for an unknown key (with a "did you
   *   mean"), an explicit null or a wrong type, a RangeError for a bad value.
   */
  constructor(params: ParamsInput<SGDGroup>, options: SGDOptions = {}) {
    check.options("SGD", options, SGD_KEYS);
    super(params, {
      lr: options.lr ?? 1e-3,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weightDecay: options.weightDecay ?? 0,
      nesterov: options.nesterov ?? false,
      maximize: options.maximize ?? false,
    });
  }

  /**
   * PyTorch's checks on lr, momentum, weightDecay and nesterov, and more: every number finite,
   * dampening finite, the flags booleans.
   */
  protected override validate(h: Omit<SGDGroup, "params">): void {
    checkLr(h.lr);
    checkNonNegative("momentum", h.momentum);
    checkNonNegative("weightDecay", h.weightDecay);
    check.number("dampening", h.dampening);
    if (!Number.isFinite(h.dampening)) {
      throw new RangeError(`Invalid dampening value: ${h.dampening}`);
    }
    check.boolean("nesterov", h.nesterov);
    check.boolean("maximize", h.maximize);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new RangeError("Nesterov momentum requires a momentum and zero dampening");
    }
  }

  /** A saved SGD state: `{ momentumBuffer }`, null or `param.size` finite numbers. */
  protected override parseState(saved: JsonObject, param: Tensor, where: string): SGDState {
    checkStateKeys(saved, ["momentumBuffer"], where);
    return {
      momentumBuffer: saved.momentumBuffer === null
        ? null
        : readBuffer(saved, "momentumBuffer", param, where),
    };
  }

  /** The SGD update of every parameter of `group` that has a gradient, in place. */
  protected override updateGroup(group: SGDGroup): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const ps = group.params;
    for (let j = 0; j < ps.length; j++) {
      const p: Tensor = ps[j]!;
      const grad = p.grad;
      if (grad === null) continue;
      const theta = p.data, n = theta.length;
      let state = this.state.get(p);
      if (state === undefined) {
        state = { momentumBuffer: null };
        this.state.set(p, state);
      }
      let buf = state.momentumBuffer;
      const first = buf === null && momentum !== 0;
      if (first) buf = state.momentumBuffer = allocData(p.dtype, n);
      if (theta instanceof Float32Array) {
        sgd32(theta, grad, buf, first, group);
        continue;
      }
      // pairs of parameters in WebAssembly when they live there (the same operations, so the
      // same bits), the rest (all, or an odd last one) here
      let i = 0;
      const w = wasm();
      if (
        w !== null && n > 1 && w.owns(theta) && w.owns(grad) && (momentum === 0 || w.owns(buf!))
      ) {
        w.kernels.sgdStep(
          n >> 1,
          theta.byteOffset,
          grad.byteOffset,
          momentum === 0 ? 0 : buf!.byteOffset,
          -lr,
          momentum,
          1 - dampening,
          weightDecay,
          (maximize ? 1 : 0) | (weightDecay !== 0 ? 2 : 0) | (momentum !== 0 ? 4 : 0) |
            (nesterov ? 8 : 0) | (first ? 16 : 0),
        );
        i = n - (n & 1);
      }
      for (; i < n; i++) {
        let d = maximize ? -grad[i]! : grad[i]!;
        if (weightDecay !== 0) d = d + weightDecay * theta[i]!;
        if (momentum !== 0) {
          const b = first ? d : momentum * buf![i]! + (1 - dampening) * d;
          buf![i] = b;
          d = nesterov ? d + momentum * b : b;
        }
        theta[i] = theta[i]! + -lr * d;
      }
    }
  }
}

/**
 * The float32 update: each line is one torch op on float32 tensors with its scalar rounded to
 * float32. `a + s · b` with float32 a, b, s is exact in float64 before the last rounding except
 * for rare double roundings, so it rounds as torch's fused `add_(b, alpha=s)`.
 */
function sgd32(
  theta: Float32Array,
  grad: Storage,
  buf: Storage | null,
  first: boolean,
  group: SGDGroup,
): void {
  const { momentum, dampening, weightDecay, nesterov, maximize } = group;
  const lr = f32(-group.lr), m = f32(momentum), keep = f32(1 - dampening), wd = f32(weightDecay);
  for (let i = 0; i < theta.length; i++) {
    let d = maximize ? -grad[i]! : grad[i]!;
    if (weightDecay !== 0) d = f32(d + wd * theta[i]!);
    if (momentum !== 0) {
      const b = first ? d : f32(f32(m * buf![i]!) + keep * d);
      buf![i] = b;
      d = nesterov ? f32(d + m * b) : b;
    }
    theta[i] = theta[i]! + lr * d;
  }
}
