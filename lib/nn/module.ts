/**
 * The base of every layer: PyTorch's `nn.Module` bookkeeping (parameters, children, train/eval
 * mode, state dicts) without the maths.
 *
 * @module
 */

import type { Tensor } from "../tensor/tensor.ts";
import { launch } from "../tensor/_graph.ts";

/** One parameter as a state dict saves it: shape and row-major values, plain JSON. */
export interface SavedTensor {
  /** Only `shape` and `data`; the signature makes a SavedTensor plain JSON. */
  [key: string]: number[];
  /** The tensor's shape. */
  shape: number[];
  /** The tensor's values, row-major. */
  data: number[];
}

/** A module's state: `"0.weight"` → saved tensor, as PyTorch names them. */
export type ModuleState = Record<string, SavedTensor>;

/**
 * The base class of layers. Subclasses register parameters and child modules in their
 * constructor and implement `forward`.
 *
 * @example
 * ```ts
 * import { Linear, Module } from "./mod.ts";
 * import type { Tensor } from "../tensor/mod.ts";
 * class Affine extends Module {
 *   fc = this.registerModule("fc", new Linear(2, 1));
 *   forward(x: Tensor): Tensor {
 *     return this.fc.forward(x);
 *   }
 * }
 * const m = new Affine();
 * console.assert(m.namedParameters().map(([n]) => n).join() === "fc.weight,fc.bias");
 * ```
 */
export abstract class Module {
  /** True in training mode (`train()`), false after `eval()`. */
  training = true;
  readonly #params = new Map<string, Tensor>();
  readonly #children = new Map<string, Module>();

  /** Computes the module's output. */
  abstract forward(...inputs: never[]): Tensor;

  /** Registers a parameter under `name` (it gets `requiresGrad = true`) and returns it. */
  registerParameter(name: string, param: Tensor): Tensor {
    param.requiresGrad = true;
    this.#params.set(name, param);
    return param;
  }

  /** Registers a child module under `name` and returns it. */
  registerModule<M extends Module>(name: string, module: M): M {
    this.#children.set(name, module);
    return module;
  }

  /** The direct children, with their names. */
  namedChildren(): [string, Module][] {
    return [...this.#children];
  }

  /** Every parameter with its dotted name (`"0.weight"`), this module's first, then children's. */
  namedParameters(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, p] of this.#params) out.push([prefix + name, p]);
    for (const [name, child] of this.#children) {
      out.push(...child.namedParameters(`${prefix}${name}.`));
    }
    return out;
  }

  /** Every parameter, in `namedParameters()` order: what optimizers take. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Sets training mode on this module and its children; returns this. */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.#children.values()) child.train(mode);
    return this;
  }

  /** Sets evaluation mode (`train(false)`); returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Fills every parameter's grad with zeros in place (replayable inside `capture`). */
  zeroGrad(): void {
    const params = this.parameters();
    launch(() => {
      for (const p of params) p.grad?.fill(0);
    });
  }

  /** The parameters as plain JSON, keyed by dotted name. */
  stateDict(): ModuleState {
    const state: ModuleState = {};
    for (const [name, p] of this.namedParameters()) {
      state[name] = { shape: [...p.shape], data: Array.from(p.data) };
    }
    return state;
  }

  /**
   * Copies saved values into the existing parameters in place (optimizers keep working). Every
   * key must match by name and shape; on any mismatch nothing changes and a RangeError lists it.
   */
  loadStateDict(state: ModuleState): void {
    const params = new Map(this.namedParameters());
    const problems: string[] = [];
    for (const name of params.keys()) if (!(name in state)) problems.push(`missing key "${name}"`);
    for (const [name, saved] of Object.entries(state)) {
      const p = params.get(name);
      if (!p) problems.push(`unexpected key "${name}"`);
      else if (
        saved?.shape?.join() !== p.shape.join() || saved.data?.length !== p.size
      ) {
        problems.push(
          `shape mismatch for "${name}": expected [${p.shape.join(", ")}], got [${
            saved?.shape?.join(", ")
          }] with ${saved?.data?.length} values`,
        );
      } else {
        const bad = saved.data.findIndex((v) => typeof v !== "number");
        if (bad >= 0) {
          problems.push(
            `"${name}" data must hold numbers, got data[${bad}]=${JSON.stringify(saved.data[bad])}`,
          );
        }
      }
    }
    if (problems.length > 0) {
      throw new RangeError(`loadStateDict: ${problems.join("; ")}`);
    }
    for (const [name, p] of params) p.data.set(state[name]!.data);
  }
}

/** A module mapping one tensor to one tensor: what `Sequential` chains. */
export interface UnaryModule extends Module {
  /** The module's output for `input`. */
  forward(input: Tensor): Tensor;
}
