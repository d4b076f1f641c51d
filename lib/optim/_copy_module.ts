/**
 * A deep copy of a module (PyTorch's `copy.deepcopy(model)` for `AveragedModel`): same class,
 * fresh parameter tensors with the same values, the same registration order and names.
 *
 * @module
 */

import { Module } from "../nn/module.ts";
import { Tensor } from "../tensor/tensor.ts";
import { copyData } from "../tensor/_storage.ts";

/** A module with no behaviour of its own: its constructor only runs `Module`'s. */
class Blank extends Module {
  forward(): Tensor {
    throw new Error("unreachable");
  }
}

/**
 * Copies `model` deeply: every tensor it reaches gets a fresh copy of its values, every module
 * a new object of the same class (made without running the subclass's constructor, with
 * `Module`'s bookkeeping installed, then the own fields copied and the parameters and children
 * registered again in order). Shared objects stay shared in the copy; functions, and objects
 * that are not tensors, modules, arrays, typed arrays or plain objects, are kept by reference.
 * A class that keeps state in `#private` fields of its own is not supported (the copy would
 * lack them); anneal's layers keep none.
 */
export function copyModule<M extends Module>(model: M): M {
  return copyValue(model, new Map()) as M;
}

function copyValue(value: unknown, memo: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (memo.has(value)) return memo.get(value);
  if (value instanceof Tensor) {
    const copy = new Tensor(copyData(value.dtype, value.data), value.shape, {
      requiresGrad: value.requiresGrad,
    });
    memo.set(value, copy);
    return copy;
  }
  if (value instanceof Module) return copyOf(value, memo);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    memo.set(value, copy);
    for (const v of value) copy.push(copyValue(v, memo));
    return copy;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const copy = (value as unknown as { slice(): unknown }).slice();
    memo.set(value, copy);
    return copy;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    memo.set(value, copy);
    for (const [k, v] of Object.entries(value)) copy[k] = copyValue(v, memo);
    return copy;
  }
  return value;
}

function copyOf(module: Module, memo: Map<object, unknown>): Module {
  const copy = Reflect.construct(Blank, [], module.constructor) as Module;
  memo.set(module, copy);
  for (const key of Reflect.ownKeys(module)) {
    const descriptor = Object.getOwnPropertyDescriptor(module, key)!;
    if ("value" in descriptor) descriptor.value = copyValue(descriptor.value, memo);
    Object.defineProperty(copy, key, descriptor);
  }
  const children = module.namedChildren();
  const inChildren = children.reduce((n, [, c]) => n + c.namedParameters().length, 0);
  const all = module.namedParameters();
  for (const [name, p] of all.slice(0, all.length - inChildren)) {
    copy.registerParameter(name, copyValue(p, memo) as Tensor);
  }
  for (const [name, child] of children) {
    copy.registerModule(name, copyValue(child, memo) as Module);
  }
  return copy;
}
