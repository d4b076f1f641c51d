/**
 * The base of every optimizer: PyTorch's `torch.optim.Optimizer` bookkeeping (param groups with
 * their hyperparameters, per-parameter state, `zeroGrad`, `step`, state dicts). Subclasses supply
 * the update of one group, a loop over Float64Arrays in place that allocates nothing after the
 * first step, so `step()` replays inside `capture`.
 *
 * @module
 */

import type { Json, JsonObject, ParamGroup } from "../schedulers/lr_scheduler.ts";
import { launch } from "../tensor/_graph.ts";
import type { Tensor } from "../tensor/tensor.ts";

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

/** Per-parameter state: numbers and buffers (saved as number arrays). */
export type ParamState = Record<string, number | Float64Array | null>;

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
   * Validates `defaults`, then adds the param groups (each validated before it is added).
   *
   * @param params The tensors to update, or param groups with per-group overrides.
   * @param defaults The hyperparameters a group gets when it does not name them.
   */
  constructor(params: ParamsInput<G>, defaults: Omit<G, "params">) {
    this.validate(defaults);
    this.defaults = defaults;
    if (!Array.isArray(params) || params.length === 0) {
      throw new RangeError("optimizer got an empty parameter list");
    }
    const groups = "params" in params[0]!
      ? params as { params: Tensor[] }[]
      : [{ params: params as Tensor[] }];
    for (const g of groups) {
      this.addParamGroup(g as Partial<Omit<G, "params">> & { params: Tensor[] });
    }
  }

  /** How many times `step()` has run. */
  get stepCount(): number {
    return this.#stepCount;
  }

  /** Throws a RangeError (PyTorch's message) unless the hyperparameters are valid. */
  protected abstract validate(hyper: Omit<G, "params">): void;

  /** Updates every parameter of `group` that has a gradient, in place. */
  protected abstract updateGroup(group: G): void;

  /** Adds a group; missing hyperparameters come from the defaults. */
  addParamGroup(group: Partial<Omit<G, "params">> & { params: Tensor[] }): void {
    const params = [...group.params];
    if (params.length === 0) throw new RangeError("optimizer got an empty parameter list");
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    for (const p of params) {
      if (typeof p?.data !== "object" || !(p.data instanceof Float64Array)) {
        throw new TypeError(`optimizer can only optimize Tensors, got ${String(p)}`);
      }
      if (seen.has(p)) {
        throw new RangeError("some parameters appear in more than one parameter group");
      }
      seen.add(p);
    }
    const full = { ...structuredClone(this.defaults), ...group, params } as unknown as G;
    this.validate(full);
    this.paramGroups.push(full);
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
        saved[k] = v instanceof Float64Array ? Array.from(v) : v as Json;
      }
      state[String(index.get(p))] = saved;
    }
    return { state, paramGroups };
  }

  /** Restores `stateDict()` output; validates everything before changing anything. */
  loadStateDict(saved: OptimizerState): void {
    const groups = saved?.paramGroups;
    if (!Array.isArray(groups) || groups.length !== this.paramGroups.length) {
      throw new RangeError(
        `loaded state dict has a different number of parameter groups: expected ${this.paramGroups.length}, got ${
          Array.isArray(groups) ? groups.length : String(groups)
        }`,
      );
    }
    const byIndex = new Map<number, Tensor>();
    groups.forEach((g, i) => {
      const ids = g.params as number[];
      const mine = this.paramGroups[i]!.params;
      if (!Array.isArray(ids) || ids.length !== mine.length) {
        throw new RangeError(
          "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
        );
      }
      ids.forEach((id, j) => byIndex.set(id, mine[j]!));
    });
    const restored = new Map<Tensor, S>();
    for (const [id, s] of Object.entries(saved.state ?? {})) {
      const p = byIndex.get(Number(id));
      if (!p) throw new RangeError(`loaded state dict has state for unknown parameter ${id}`);
      if (typeof s !== "object" || s === null || Array.isArray(s)) {
        throw new TypeError(
          `loaded state for parameter ${id} must be an object, got ${JSON.stringify(s)}`,
        );
      }
      const entry: ParamState = {};
      for (const [k, v] of Object.entries(s)) {
        if (Array.isArray(v)) {
          if (v.length !== p.size) {
            throw new RangeError(
              `loaded state for parameter ${id} has ${k} of length ${v.length}, expected ${p.size}`,
            );
          }
          if (!v.every((x) => typeof x === "number")) {
            throw new TypeError(
              `loaded state for parameter ${id} has ${k} with a non-number, got ${
                JSON.stringify(v)
              }`,
            );
          }
          entry[k] = Float64Array.from(v as number[]);
        } else if (typeof v === "number" || v === null) entry[k] = v;
        else {
          throw new TypeError(
            `loaded state for parameter ${id} has ${k}=${
              JSON.stringify(v)
            }, expected a number, null or an array`,
          );
        }
      }
      restored.set(p, entry as S);
    }
    groups.forEach((g, i) => {
      const { params: _ids, ...hyper } = g;
      const mine = this.paramGroups[i]!;
      this.validate({ ...mine, ...structuredClone(hyper) } as unknown as G);
    });
    groups.forEach((g, i) => {
      const { params: _ids, ...hyper } = g;
      Object.assign(this.paramGroups[i]!, structuredClone(hyper));
    });
    this.state.clear();
    for (const [p, s] of restored) this.state.set(p, s);
  }
}
