/**
 * Readers that validate a saved scheduler state before anything is assigned, each throwing an
 * error that names the key (`state.gamma must be a finite number, got state.gamma="x"`), and
 * the JSON encoding of non-finite numbers.
 *
 * @module
 */

import * as check from "../_check.ts";
import type { Json, JsonObject } from "./lr_scheduler.ts";

/** Reads `state[key]` as a list of exactly `n` numbers, or throws naming the key. */
export function readNumbers(state: JsonObject, key: string, n: number): number[] {
  const list = state[key];
  if (!Array.isArray(list) || list.length !== n || list.some((v) => typeof v !== "number")) {
    throw new RangeError(
      `state.${key} must be ${n} numbers, one per param group, got state.${key}=${
        check.show(list)
      }`,
    );
  }
  return [...list] as number[];
}

/** Reads `state[key]` as `n` numbers in [0, 1) (momenta), or throws naming the key. */
export function readFractions(state: JsonObject, key: string, n: number): number[] {
  const values = readNumbers(state, key, n);
  values.forEach((v, i) => {
    if (!(v >= 0 && v < 1)) {
      throw new RangeError(`state.${key}[${i}] must be in [0, 1), got state.${key}[${i}]=${v}`);
    }
  });
  return values;
}

/** Reads `state[key]` as a finite number, or throws naming the key. */
export function readNumber(state: JsonObject, key: string): number {
  return check.finite(`state.${key}`, state[key]);
}

/** Reads `state[key]` as one of `choices`, or throws naming the key. */
export function readChoice<T extends string>(
  state: JsonObject,
  key: string,
  choices: readonly T[],
): T {
  return check.oneOf(`state.${key}`, state[key], choices);
}

/** Reads `state[key]` as a boolean, or throws naming the key. */
export function readBoolean(state: JsonObject, key: string): boolean {
  const value: Json | undefined = state[key];
  if (typeof value !== "boolean") {
    throw new TypeError(`state.${key} must be a boolean, got state.${key}=${check.show(value)}`);
  }
  return value;
}

/** Reads `state[key]` as a string, or throws naming the key. */
export function readString(state: JsonObject, key: string): string {
  const value: Json | undefined = state[key];
  if (typeof value !== "string") {
    throw new TypeError(`state.${key} must be a string, got state.${key}=${check.show(value)}`);
  }
  return value;
}

/** Encodes a number for JSON: non-finite ones as the strings `"Infinity"`, `"-Infinity"`, `"NaN"`. */
export function encodeNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** Decodes {@linkcode encodeNumber}'s output; throws on anything else. */
export function decodeNumber(name: string, value: Json | undefined): number {
  if (typeof value === "number") return value;
  if (value === "Infinity" || value === "-Infinity" || value === "NaN") return Number(value);
  throw new TypeError(
    `${name} must be a number or "Infinity", "-Infinity", "NaN", got ${name}=${check.show(value)}`,
  );
}

/**
 * Reads `state[key]` as a boolean that must equal `current`: an option that decided what the
 * scheduler wrote into the groups at construction and so cannot change on load.
 */
export function readSameBoolean(state: JsonObject, key: string, current: boolean): boolean {
  const value = readBoolean(state, key);
  if (value !== current) {
    throw new RangeError(
      `state.${key} must match this scheduler's (${current}), got state.${key}=${value}`,
    );
  }
  return value;
}
