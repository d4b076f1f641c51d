/**
 * `claim`: a notebook's one-line check. A lesson states a fact and proves it with a computed
 * number; `claim` prints the fact with a tick when it holds and throws when it does not, so a
 * re-run notebook can never show a claim its numbers contradict.
 *
 * @module
 */

import * as check from "./_check.ts";

/**
 * Prints `✓ statement` when `holds` is true; throws an `Error` `✗ statement` otherwise.
 *
 * @example
 * ```ts
 * import { claim } from "./claim.ts";
 * const lrs = [0.1, 0.05, 0.025];
 * claim("the lr halves at every step", lrs.every((lr, i) => i === 0 || lr === lrs[i - 1]! / 2));
 * ```
 */
export function claim(statement: string, holds: boolean): void {
  if (typeof statement !== "string" || statement === "") {
    throw new TypeError(
      `statement must be a non-empty string, got statement=${check.show(statement)}`,
    );
  }
  check.boolean("holds", holds);
  if (!holds) throw new Error(`✗ ${statement}`);
  console.log(`✓ ${statement}`);
}
