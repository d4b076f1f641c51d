/**
 * PyTorch-style `UserWarning`s, shown once per message (Python's default warning filter
 * shows a warning once per call site; once per message is the closest we can get).
 *
 * @module
 */

import { show } from "../_check.ts";

const shown = new Set<string>();

/** The function that prints a warning; tests may replace it with {@linkcode setWarningHandler}. */
export type WarningHandler = (message: string) => void;

let handler: WarningHandler = (message) => console.warn(`UserWarning: ${message}`);

/** Emits `message` as a `UserWarning` the first time it is seen. */
export function warn(message: string): void {
  if (shown.has(message)) return;
  shown.add(message);
  handler(message);
}

/**
 * Replaces the warning handler and forgets which warnings were shown; returns the previous
 * handler so that it can be restored.
 *
 * @example Capture warnings in a test
 * ```ts
 * import { setWarningHandler } from "./_warn.ts";
 * const seen: string[] = [];
 * const previous = setWarningHandler((m) => seen.push(m));
 * setWarningHandler(previous);
 * ```
 */
export function setWarningHandler(next: WarningHandler): WarningHandler {
  if (typeof next !== "function") {
    throw new TypeError(`handler must be a function, got handler=${show(next)}`);
  }
  const previous = handler;
  handler = next;
  shown.clear();
  return previous;
}
