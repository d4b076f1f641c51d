/**
 * The base of every optimizer: PyTorch's `torch.optim.Optimizer` bookkeeping (param groups with
 * their hyperparameters, per-parameter state, `zeroGrad`, `step`, state dicts). Subclasses supply
 * the update of one group, a loop over Float64Arrays in place that allocates nothing after the
 * first step, so `step()` replays inside `capture`.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Json, JsonObject, ParamGroup } from "../schedulers/lr_scheduler.ts";
import { launch } from "../tensor/_graph.ts";
import { Tensor } from "../tensor/tensor.ts";
import { readBuffer } from "./_state.ts";
import type { Storage } from "../tensor/_storage.ts";

/** A param group: the tensors it updates and its hyperparameters (read at every step). */
export interface OptimizerGroup extends ParamGroup {
  /** The tensors this group updates. */
  params: Tensor[];
}

/** What optimizers accept: a parameter list, or groups with per-group overrides. */
export type ParamsInput<G extends OptimizerGroup> =
  | Tensor[]
  | (Partial<Omit<G, "params">> & { params: Tensor[] })[];

/** An optimizer's saved state, plain JSON: per-parameter state by index, and the groups. */
export interface OptimizerState extends JsonObject {
  /** Per-parameter state, keyed by the parameter's index in the order of `paramGroups`. */
  state: { [index: string]: JsonObject };
  /** Each group's hyperparameters, with `params` as a list of parameter indices. */
  paramGroups: JsonObject[];
}

/** Per-parameter state: numbers and buffers of the parameter's dtype (saved as number arrays). */
export type ParamState = Record<string, number | Storage | null>;

/**
 * The base class. `paramGroups[i].lr` (and `momentum`, `betas`) may be changed between steps,
 * by hand or by a scheduler: every `step()` reads them afresh.
 *
 * @example
 * ```ts
 * import { SGD } from "./mod.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const w = tensor([1], [1], { requiresGrad: true });
 * const opt = new SGD([w], { lr: 0.5 });
 * w.mul(w).sum().backward(); // grad 2
 * opt.step();
 * console.assert(w.item() === 0 && opt.stepCount === 1);
 * ```
 */
export abstract class Optimizer<G extends OptimizerGroup, S extends ParamState = ParamState> {
  /** The param groups; schedulers rewrite `lr` here. */
  paramGroups: G[] = [];
  /** The hyperparameters a group gets when it does not name them. */
  readonly defaults: Omit<G, "params">;
  /** Per-parameter state, created on a parameter's first update. */
  protected readonly state: Map<Tensor, S> = new Map();
  #stepCount = 0;
  readonly #step = () => {
    const groups = this.paramGroups;
    for (let i = 0; i < groups.length; i++) this.updateGroup(groups[i]!);
    this.#stepCount++;
  };

  /**
   * Validates `defaults`, then every param group, then adds the groups: a bad group leaves
   * nothing half built.
   *
   * @param params The tensors to update, or param groups with per-group overrides.
   * @param defaults The hyperparameters a group gets when it does not name them.
   */
  constructor(params: ParamsInput<G>, defaults: Omit<G, "params">) {
    this.validate(defaults);
    this.defaults = defaults;
    const owner = this.constructor.name;
    if (!Array.isArray(params)) {
      const module = typeof (params as { parameters?: unknown })?.parameters === "function";
      throw new TypeError(
        `${owner} params must be an array of Tensors or of param groups, got params=${
          module ? "a Module (pass model.parameters())" : check.show(params)
        }`,
      );
    }
    if (params.length === 0) {
      throw new RangeError(`optimizer got an empty parameter list, got params=[]`);
    }
    const first: unknown = params[0];
    const grouped = typeof first === "object" && first !== null && !Array.isArray(first) &&
      !(first instanceof Tensor);
    const groups = !grouped
      ? [{ params: params.map((p, i) => tensorAt(owner, `params[${i}]`, p)) }]
      : params.map((g, i) => {
        if (g instanceof Tensor) {
          throw new TypeError(
            `${owner} params mixes param groups and Tensors, got params[${i}]=a Tensor`,
          );
        }
        return g;
      });
    const built: G[] = [];
    const seen = new Set<Tensor>();
    groups.forEach((g, i) => built.push(this.#buildGroup(g, i, seen)));
    this.paramGroups.push(...built);
  }

  /**
   * Checks one param group (keys, tensors, hyperparameters) and returns it completed with the
   * defaults; `seen` collects the tensors of the groups before it.
   */
  #buildGroup(group: unknown, index: number, seen: Set<Tensor>): G {
    const owner = this.constructor.name;
    const hyper = Object.keys(this.defaults);
    if (typeof group !== "object" || group === null || Array.isArray(group)) {
      throw new TypeError(
        `${owner} paramGroups[${index}] must be an object with params, got paramGroups[${index}]=${
          check.show(group)
        }`,
      );
    }
    const g = check.options<{ params: unknown }>(
      `${owner} param group ${index}`,
      group,
      ["params", ...hyper, ...SCHEDULER_KEYS],
      { argument: `paramGroups[${index}]` },
    );
    if (!Array.isArray(g.params)) {
      throw new TypeError(
        `${owner} paramGroups[${index}].params must be an array of Tensors, got paramGroups[${index}].params=${
          check.show(g.params)
        }`,
      );
    }
    if (g.params.length === 0) {
      throw new RangeError(
        `optimizer got an empty parameter list, got paramGroups[${index}].params=[]`,
      );
    }
    const params = g.params.map((p, j) => tensorAt(owner, `paramGroups[${index}].params[${j}]`, p));
    for (const p of params) {
      if (seen.has(p)) {
        throw new RangeError(
          `some parameters appear in more than one parameter group, got paramGroups[${index}].params[${
            params.indexOf(p)
          }] twice`,
        );
      }
      seen.add(p);
    }
    const defined = Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined));
    const full = { ...structuredClone(this.defaults), ...defined, params } as unknown as G;
    this.validate(full);
    checkSchedulerKeys(full, `paramGroups[${index}]`);
    return full;
  }

  /** How many times `step()` has run. */
  get stepCount(): number {
    return this.#stepCount;
  }

  /** Throws a RangeError (PyTorch's message) unless the hyperparameters are valid. */
  protected abstract validate(hyper: Omit<G, "params">): void;

  /** Updates every parameter of `group` that has a gradient, in place. */
  protected abstract updateGroup(group: G): void;

  /**
   * Adds a group; missing hyperparameters come from the defaults. Throws (changing nothing) for
   * unknown keys, non-Tensors, a parameter already in a group, or a bad hyperparameter.
   */
  addParamGroup(group: Partial<Omit<G, "params">> & { params: Tensor[] }): void {
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    this.paramGroups.push(this.#buildGroup(group, this.paramGroups.length, seen));
  }

  /**
   * Fills every parameter's grad with zeros in place (replayable inside `capture`). PyTorch 2's
   * default instead drops the gradients (`set_to_none=True`); keeping the buffers is what lets
   * replays allocate nothing. Updates still skip parameters that never received a gradient.
   */
  zeroGrad(): void {
    launch(() => {
      const groups = this.paramGroups;
      for (let i = 0; i < groups.length; i++) {
        const ps = groups[i]!.params;
        for (let j = 0; j < ps.length; j++) ps[j]!.grad?.fill(0);
      }
    });
  }

  /** One update of every parameter with a gradient, reading each group's hyperparameters now. */
  step(): void {
    launch(this.#step);
  }

  /** The optimizer's state as plain JSON (PyTorch's layout: `state` by index, `paramGroups`). */
  stateDict(): OptimizerState {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...hyper } = g;
      const ids = params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      });
      return { ...structuredClone(hyper), params: ids } as unknown as JsonObject;
    });
    const state: { [index: string]: JsonObject } = {};
    for (const [p, s] of this.state) {
      const saved: JsonObject = {};
      for (const [k, v] of Object.entries(s)) {
        saved[k] = v instanceof Float64Array || v instanceof Float32Array
          ? Array.from(v)
          : v as Json;
      }
      state[String(index.get(p))] = saved;
    }
    return { state, paramGroups };
  }

  /**
   * Checks one parameter's saved state (keys, types, lengths, ranges) and returns it as this
   * optimizer keeps it; throws naming the key and the value. `SGD` and `Adam` override it with
   * their exact layouts; this default, for other subclasses, takes finite numbers, nulls and
   * buffers of `param.size` finite numbers.
   *
   * @param saved The saved state of parameter `id`, an object.
   * @param param The tensor it belongs to.
   * @param where How messages name it (`state["0"]`).
   */
  protected parseState(saved: JsonObject, param: Tensor, where: string): S {
    const entry: ParamState = {};
    for (const [k, v] of Object.entries(saved)) {
      if (v === null) entry[k] = null;
      else if (typeof v === "number") entry[k] = check.finite(`${where}.${k}`, v);
      else entry[k] = readBuffer(saved, k, param, where);
    }
    return entry as S;
  }

  /**
   * Restores `stateDict()` output: the groups' hyperparameters and the per-parameter state.
   * Validates everything first (the layout, that every group has exactly this optimizer's
   * hyperparameters, so another optimizer's state is refused, their values, and each
   * parameter's state: keys, lengths, finite values, ranges); a failed load changes nothing.
   */
  loadStateDict(saved: OptimizerState): void {
    const owner = this.constructor.name;
    const hyper = Object.keys(this.defaults);
    if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
      throw new TypeError(
        `${owner}.loadStateDict: state must be an object, got state=${check.show(saved)}`,
      );
    }
    for (const key of Object.keys(saved)) {
      if (key !== "state" && key !== "paramGroups") {
        throw new RangeError(
          `${owner}.loadStateDict: unknown key ${key}; an optimizer state has state and paramGroups`,
        );
      }
    }
    const groups: unknown = saved.paramGroups;
    if (!Array.isArray(groups) || groups.length !== this.paramGroups.length) {
      throw new RangeError(
        `loaded state dict has a different number of parameter groups: expected ${this.paramGroups.length}, got ${
          Array.isArray(groups) ? groups.length : `paramGroups=${check.show(groups)}`
        }`,
      );
    }
    const byIndex = new Map<number, Tensor>();
    const hypers: Record<string, unknown>[] = [];
    groups.forEach((g: unknown, i) => {
      const where = `paramGroups[${i}]`;
      if (typeof g !== "object" || g === null || Array.isArray(g)) {
        throw new TypeError(`loaded ${where} must be an object, got ${where}=${check.show(g)}`);
      }
      const { params: ids, ...rest } = g as Record<string, unknown>;
      for (const key of Object.keys(rest)) {
        if (!hyper.includes(key) && !SCHEDULER_KEYS.includes(key)) {
          throw new RangeError(
            `loaded ${where} has ${key}=${
              check.show(rest[key])
            }, which ${owner} does not have (is it another optimizer's state?); expected ${
              hyper.join(", ")
            }`,
          );
        }
      }
      for (const key of hyper) {
        if (!(key in rest)) {
          throw new RangeError(
            `loaded ${where} lacks ${key} (is it another optimizer's state?); expected ${
              hyper.join(", ")
            }`,
          );
        }
      }
      const mine = this.paramGroups[i]!.params;
      if (!Array.isArray(ids) || ids.length !== mine.length) {
        throw new RangeError(
          `loaded state dict contains a parameter group that doesn't match the size of optimizer's group, got ${where}.params=${
            check.show(ids)
          }`,
        );
      }
      ids.forEach((id: unknown, j) => {
        if (!Number.isInteger(id) || (id as number) < 0 || byIndex.has(id as number)) {
          throw new RangeError(
            `loaded ${where}.params must hold distinct non-negative integers, got ${where}.params[${j}]=${
              check.show(id)
            }`,
          );
        }
        byIndex.set(id as number, mine[j]!);
      });
      const full = { ...this.paramGroups[i]!, ...structuredClone(rest) } as unknown as G;
      this.validate(full);
      checkSchedulerKeys(full, `loaded ${where}`);
      hypers.push(structuredClone(rest));
    });
    const states: unknown = saved.state;
    if (typeof states !== "object" || states === null || Array.isArray(states)) {
      throw new TypeError(
        `loaded state dict's state must be an object keyed by parameter index, got state=${
          check.show(states)
        }`,
      );
    }
    const restored = new Map<Tensor, S>();
    for (const [id, s] of Object.entries(states)) {
      const where = `state["${id}"]`;
      const p = /^(0|[1-9][0-9]*)$/.test(id) ? byIndex.get(Number(id)) : undefined;
      if (!p) throw new RangeError(`loaded state dict has state for unknown parameter ${id}`);
      if (typeof s !== "object" || s === null || Array.isArray(s)) {
        throw new TypeError(
          `loaded state for parameter ${id} must be an object, got ${check.show(s)}`,
        );
      }
      restored.set(p, this.parseState(s as JsonObject, p, where));
    }
    hypers.forEach((h, i) => Object.assign(this.paramGroups[i]!, h));
    this.state.clear();
    for (const [p, s] of restored) this.state.set(p, s);
  }
}

/**
 * Keys that schedulers record in param groups: PyTorch's `initial_lr`, `max_lr`, `min_lr`,
 * `max_momentum`, `base_momentum` and their forms for every field a scheduler can drive
 * (`initialMomentum`, `maxBeta1`, ...), and timm's `lrScale`.
 */
const SCHEDULER_KEYS: readonly string[] = [
  ...["initial", "max", "min", "base"].flatMap((prefix) =>
    ["Lr", "Momentum", "Beta1", "Beta2", "WeightDecay", "Eps"].map((field) => prefix + field)
  ),
  "lrScale",
];

/** Throws unless each scheduler key present in `group` holds a finite number. */
function checkSchedulerKeys(group: object, where: string): void {
  const g = group as Record<string, unknown>;
  for (const key of SCHEDULER_KEYS) {
    if (g[key] !== undefined) check.finite(`${where}.${key}`, g[key]);
  }
}

/**
 * `value` as a leaf Tensor (PyTorch's rule: not the result of an op that gradients flow
 * through), or an error naming `where` (`params[1]`).
 */
function tensorAt(owner: string, where: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(
      `${owner} can only optimize Tensors, got ${where}=${check.show(value)}`,
    );
  }
  if (value.op !== "leaf" && value.requiresGrad) {
    throw new RangeError(
      `${owner} can't optimize a non-leaf Tensor, got ${where}=the result of ${value.op}`,
    );
  }
  return value;
}
