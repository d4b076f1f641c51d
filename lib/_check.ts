/**
 * Argument checks shared by the whole library. Every message names the argument and the value
 * it got (`stepSize must be a positive integer, got stepSize=0`), in sentence case with no
 * trailing period. Wrong types throw `TypeError`; right type, wrong value throws `RangeError`.
 *
 * @module
 */

/** Formats a value for an error message: numbers as JavaScript prints them, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value, (_k, v) => typeof v === "number" && !isFinite(v) ? String(v) : v);
  } catch {
    return String(value);
  }
}

/** Throws unless `value` is a number (NaN and infinities pass; see {@linkcode finite}). */
export function number(name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${name} must be a number, got ${name}=${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number. */
export function finite(name: string, value: unknown): number {
  if (!Number.isFinite(number(name, value))) {
    throw new RangeError(`${name} must be finite, got ${name}=${show(value)}`);
  }
  return value as number;
}

/** Throws unless `value` is a finite number greater than zero. */
export function positive(name: string, value: unknown): number {
  if (!(finite(name, value) > 0)) {
    throw new RangeError(`${name} must be positive, got ${name}=${show(value)}`);
  }
  return value as number;
}

/** Throws unless `value` is a finite number that is zero or more. */
export function nonNegative(name: string, value: unknown): number {
  if (!(finite(name, value) >= 0)) {
    throw new RangeError(`${name} must be non-negative, got ${name}=${show(value)}`);
  }
  return value as number;
}

/** Throws unless `value` is an integer (a number with no fractional part). */
export function integer(name: string, value: unknown): number {
  if (!Number.isInteger(number(name, value))) {
    throw new RangeError(`${name} must be an integer, got ${name}=${show(value)}`);
  }
  return value as number;
}

/** Throws unless `value` is an integer of at least 1. */
export function positiveInteger(name: string, value: unknown): number {
  if (!(integer(name, value) >= 1)) {
    throw new RangeError(`${name} must be a positive integer, got ${name}=${show(value)}`);
  }
  return value as number;
}

/** Throws unless `value` is a finite number in the closed interval [lo, hi]. */
export function inRange(name: string, value: unknown, lo: number, hi: number): number {
  const v = finite(name, value);
  if (v < lo || v > hi) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}], got ${name}=${show(value)}`);
  }
  return v;
}

/** Throws unless `value` is one of `choices`. */
export function oneOf<T extends string>(name: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw new RangeError(
      `${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${name}=${
        show(value)
      }`,
    );
  }
  return value as T;
}

/** Throws unless `value` is a function. */
export function callable<F extends (...args: never[]) => unknown>(name: string, value: unknown): F {
  if (typeof value !== "function") {
    throw new TypeError(`${name} must be a function, got ${name}=${show(value)}`);
  }
  return value as F;
}

/** Throws unless `value` is `true` or `false`. */
export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`${name} must be a boolean, got ${name}=${show(value)}`);
  }
  return value;
}
