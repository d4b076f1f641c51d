/**
 * Readers of a saved per-parameter optimizer state, shared by the optimizers' `parseState`: a
 * buffer of finite numbers of the parameter's size, and the exact set of keys.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { copyData, type Storage } from "../tensor/_storage.ts";

/**
 * Reads `saved[key]` as a buffer of `param.size` finite numbers (a number array, or a typed
 * array in memory), at least `min`; throws naming `where.key` and the bad value. The buffer has
 * the parameter's dtype (values rounded to nearest for float32, as torch's load casts them).
 */
export function readBuffer(
  saved: JsonObject,
  key: string,
  param: Tensor,
  where: string,
  min = -Infinity,
): Storage {
  const v: unknown = saved[key];
  const name = `${where}.${key}`;
  if (!Array.isArray(v) && !(v instanceof Float64Array) && !(v instanceof Float32Array)) {
    throw new TypeError(`loaded ${name} must be an array of numbers, got ${name}=${check.show(v)}`);
  }
  if (v.length !== param.size) {
    throw new RangeError(
      `loaded state for parameter ${
        where.slice(7, -2)
      } has ${key} of length ${v.length}, expected ${param.size}`,
    );
  }
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== "number") {
      throw new TypeError(`loaded ${name} must hold numbers, got ${name}[${i}]=${check.show(x)}`);
    }
    if (!Number.isFinite(x) || x < min) {
      throw new RangeError(
        `loaded ${name} must hold finite numbers${
          min > -Infinity ? ` of at least ${min}` : ""
        }, got ${name}[${i}]=${x}`,
      );
    }
  }
  return copyData(param.dtype, v as ArrayLike<number>);
}

/** Throws unless `saved` has exactly the keys `keys`, naming the first extra or missing one. */
export function checkStateKeys(saved: JsonObject, keys: readonly string[], where: string): void {
  for (const key of Object.keys(saved)) {
    if (!keys.includes(key)) {
      throw new RangeError(
        `loaded ${where} has an unknown key ${key} (is it another optimizer's state?); expected ${
          keys.join(", ")
        }`,
      );
    }
  }
  for (const key of keys) {
    if (!(key in saved)) {
      throw new RangeError(
        `loaded ${where} lacks ${key}, got ${where}=${check.show(saved)}; expected ${
          keys.join(", ")
        }`,
      );
    }
  }
}
