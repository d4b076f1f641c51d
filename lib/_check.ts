/**
 * Argument checks shared by the whole library. Every message names the argument and the value
 * it got (`stepSize must be a positive integer, got stepSize=0`), in sentence case with no
 * trailing period. Wrong types throw `TypeError`; right type, wrong value throws `RangeError`.
 *
 * @module
 */

/**
 * Formats a value for an error message: numbers as JavaScript prints them, tensors as
 * `a Tensor of shape [2, 3]`, typed arrays by name and values, the rest as JSON (non-finite
 * numbers spelled out), cut to about 120 characters.
 */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return String(value);
  const shape = (value as { shape?: unknown })?.shape;
  if (Array.isArray(shape) && ArrayBuffer.isView((value as { data?: unknown }).data)) {
    return `a Tensor of shape [${shape.join(", ")}]`;
  }
  let text: string;
  if (ArrayBuffer.isView(value)) {
    text = `${value.constructor.name} [${
      Array.from(value as unknown as ArrayLike<number>).join(",")
    }]`;
  } else {
    try {
      text = JSON.stringify(value, (_k, v) =>
        typeof v === "number" && !isFinite(v) ? String(v) : v) ??
        String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
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

/** `someName` for `some_name` (PyTorch's and Keras' keyword arguments in camelCase). */
function camelCase(key: string): string {
  return key.replace(/_+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Levenshtein distance between two short strings, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The allowed key a misspelt or snake_case `key` most likely meant, or `undefined`: the
 * camelCase form when it is allowed, else an allowed key whose start matches the key's start but
 * for at most one letter (`reduce` → `reduction`), else the allowed key within edit distance 2
 * (ignoring case).
 */
export function suggest(key: string, allowed: readonly string[]): string | undefined {
  const camel = camelCase(key);
  const exact = allowed.find((a) => a === camel || a.toLowerCase() === camel.toLowerCase());
  if (exact !== undefined) return exact;
  const lower = camel.toLowerCase();
  const prefix = allowed.find((a) => {
    const other = a.toLowerCase();
    let common = 0;
    while (common < lower.length && lower[common] === other[common]) common++;
    return common >= 4 && common >= Math.min(lower.length, other.length) - 1;
  });
  if (prefix !== undefined) return prefix;
  let best: string | undefined;
  let bestDistance = 3;
  for (const a of allowed) {
    const d = distance(camel.toLowerCase(), a.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [a, d];
  }
  return best;
}

/** Options of {@linkcode options}. */
export interface OptionsCheck {
  /** Keys whose documented value may be `null` (for example `stepSize: null`, "no decay"). */
  nullable?: readonly string[];
  /** How the message names the options object (default `"options"`). */
  argument?: string;
}

/**
 * The library's one rule for options objects. Throws unless `value` is a plain object (not
 * `null`, not an array) whose keys are all in `allowed`, and whose values are not `null` except
 * for keys listed in `nullable`. An absent or `undefined` key means "use the default"; an
 * explicit `null` is an error, because `JSON.stringify(NaN)` is `null` and a NaN in a JSON
 * config must not turn silently into the default.
 *
 * Messages name the owner, the key and the value:
 * `SGD got an unknown option weight_decay (did you mean weightDecay?); expected one of lr, momentum, ...`,
 * `SGD options must be an object, got options=null`,
 * `SGD option momentum must not be null, got momentum=null` (leave a key out for its default).
 *
 * @example
 * ```ts
 * import { options } from "./_check.ts";
 * options("StepLR", { stepSize: 2 }, ["stepSize", "gamma"]);
 * try {
 *   options("StepLR", { step_size: 2 }, ["stepSize", "gamma"]);
 *   throw new Error("unreachable");
 * } catch (e) {
 *   if (!(e instanceof TypeError) || !e.message.includes("did you mean stepSize?")) throw e;
 * }
 * ```
 */
export function options<T extends object>(
  owner: string,
  value: unknown,
  allowed: readonly string[],
  { nullable = [], argument = "options" }: OptionsCheck = {},
): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${owner} ${argument} must be an object, got ${argument}=${show(value)}`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (!allowed.includes(key)) {
      const guess = suggest(key, allowed);
      throw new TypeError(
        `${owner} got an unknown option ${key}${
          guess === undefined ? "" : ` (did you mean ${guess}?)`
        }; expected one of ${allowed.join(", ")}`,
      );
    }
    if (v === null && !nullable.includes(key)) {
      throw new TypeError(
        `${owner} option ${key} must not be null, got ${key}=null`,
      );
    }
  }
  return value as T;
}
