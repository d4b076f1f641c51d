/**
 * The base of every layer: PyTorch's `nn.Module` bookkeeping (parameters, children, train/eval
 * mode, state dicts) without the maths.
 *
 * @module
 */

import * as check from "../_check.ts";
import { Tensor } from "../tensor/tensor.ts";
import { launch } from "../tensor/_graph.ts";
import { checkDtype, copyData, type DType } from "../tensor/_storage.ts";

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
    checkName(this, name);
    if (!(param instanceof Tensor)) {
      throw new TypeError(
        `registerParameter: param must be a Tensor, got param=${check.show(param)}`,
      );
    }
    param.requiresGrad = true;
    this.#params.set(name, param);
    return param;
  }

  /** Registers a child module under `name` and returns it. */
  registerModule<M extends Module>(name: string, module: M): M {
    checkName(this, name);
    if (!(module instanceof Module)) {
      throw new TypeError(
        `registerModule: module must be a Module, got module=${check.show(module)}`,
      );
    }
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
    check.boolean("mode", mode);
    this.training = mode;
    for (const child of this.#children.values()) child.train(mode);
    return this;
  }

  /**
   * Converts every parameter (and its gradient) of this module and its children to `dtype`, in
   * place as PyTorch's `module.to(dtype)`: each parameter whose dtype differs is replaced by a
   * new leaf tensor holding the converted values (rounded to nearest for float32), under the
   * same name and field. Returns this. An optimizer (or a `capture`d step) built before the
   * conversion still holds the old tensors and would train nothing: as PyTorch advises for
   * `.to()`/`.cuda()`, build optimizers after converting the model.
   *
   * @example
   * ```ts
   * import { Linear } from "./mod.ts";
   * import { SGD } from "../optim/mod.ts";
   * import { tensor } from "../tensor/mod.ts";
   * const fc = new Linear(2, 1).to("float32"); // convert first ...
   * const opt = new SGD(fc.parameters(), { lr: 0.1 }); // ... then build the optimizer
   * fc.forward(tensor([[1, 2]], undefined, { dtype: "float32" })).sum().backward();
   * opt.step();
   * console.assert(fc.weight.dtype === "float32" && fc.weight.grad instanceof Float32Array);
   * ```
   */
  to(dtype: DType): this {
    const target = checkDtype(dtype);
    for (const [name, p] of this.#params) {
      if (p.dtype === target) continue;
      const converted = new Tensor(copyData(target, p.data), p.shape, {
        requiresGrad: p.requiresGrad,
      });
      if (p.grad !== null) converted.grad = copyData(target, p.grad);
      this.#params.set(name, converted);
      const fields = this as unknown as Record<string, unknown>;
      for (const key of Object.keys(fields)) if (fields[key] === p) fields[key] = converted;
    }
    for (const child of this.#children.values()) child.to(target);
    return this;
  }

  /** `to("float32")` (PyTorch's `module.float()`); returns this. */
  float(): this {
    return this.to("float32");
  }

  /** `to("float64")` (PyTorch's `module.double()`); returns this. */
  double(): this {
    return this.to("float64");
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

  /** The parameters as plain JSON, keyed by dotted name (float32 values are exact in JSON). */
  stateDict(): ModuleState {
    const state: ModuleState = {};
    for (const [name, p] of this.namedParameters()) {
      state[name] = { shape: [...p.shape], data: Array.from(p.data) };
    }
    return state;
  }

  /**
   * Copies saved values into the existing parameters in place (optimizers keep working),
   * converted to each parameter's dtype as PyTorch's `copy_` does (rounded to nearest for a
   * float32 parameter); a parameter's dtype never changes. The
   * state must be an object whose keys are exactly the parameters' names, each `{ shape, data }`
   * with this parameter's shape and finite numbers (NaN and ±Infinity are refused, whether the
   * state went through JSON or not). On any problem nothing changes: a TypeError for a
   * non-object state, else a RangeError listing every problem.
   */
  loadStateDict(state: ModuleState): void {
    const owner = this.constructor.name;
    if (typeof state !== "object" || state === null || Array.isArray(state)) {
      throw new TypeError(
        `${owner}.loadStateDict: state must be an object of saved tensors, got state=${
          check.show(state)
        }`,
      );
    }
    const params = new Map(this.namedParameters());
    const problems: string[] = [];
    for (const name of params.keys()) if (!(name in state)) problems.push(`missing key "${name}"`);
    for (const [name, saved] of Object.entries(state)) {
      const p = params.get(name);
      if (!p) {
        const guess = check.suggest(name, [...params.keys()].filter((n) => !(n in state)));
        problems.push(
          `unexpected key "${name}"${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`,
        );
        continue;
      }
      const problem = savedTensorProblem(name, saved, p);
      if (problem !== undefined) problems.push(problem);
    }
    if (problems.length > 0) {
      throw new RangeError(`loadStateDict: ${problems.join("; ")}`);
    }
    for (const [name, p] of params) p.data.set(state[name]!.data);
  }
}

/** What is wrong with `saved` as the state of parameter `p` called `name`, if anything. */
function savedTensorProblem(name: string, saved: unknown, p: Tensor): string | undefined {
  if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
    return `"${name}" must be { shape, data }, got ${check.show(saved)}`;
  }
  const { shape, data, ...rest } = saved as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return `"${name}" has an unknown key ${extra[0]}; expected shape, data`;
  const expected = p.shape.join(", ");
  if (
    !Array.isArray(shape) || shape.join(", ") !== expected ||
    !(Array.isArray(data) || data instanceof Float64Array || data instanceof Float32Array) ||
    data.length !== p.size
  ) {
    return `shape mismatch for "${name}": expected [${expected}], got [${
      Array.isArray(shape) ? shape.join(", ") : check.show(shape)
    }] with ${
      Array.isArray(data) || data instanceof Float64Array || data instanceof Float32Array
        ? data.length
        : check.show(data)
    } values`;
  }
  for (let i = 0; i < data.length; i++) {
    const v: unknown = data[i];
    if (typeof v !== "number") {
      return `"${name}" data must hold numbers, got data[${i}]=${check.show(v)}`;
    }
    if (!Number.isFinite(v)) return `"${name}" data must be finite, got data[${i}]=${v}`;
  }
  return undefined;
}

/** Throws unless `name` is a non-empty string without dots, not yet used in `module`. */
function checkName(module: Module, name: unknown): void {
  if (typeof name !== "string") {
    throw new TypeError(`name must be a string, got name=${check.show(name)}`);
  }
  if (name === "" || name.includes(".")) {
    throw new RangeError(`name must be non-empty and without ".", got name=${check.show(name)}`);
  }
  const taken = module.namedChildren().some(([n]) => n === name) ||
    module.namedParameters().some(([n]) => n === name);
  if (taken) {
    throw new RangeError(`name is already registered in this module, got name="${name}"`);
  }
}

/** A module mapping one tensor to one tensor: what `Sequential` chains. */
export interface UnaryModule extends Module {
  /** The module's output for `input`. */
  forward(input: Tensor): Tensor;
}
