/**
 * The boundaries dictionary optax's one-cycle schedules build.
 *
 * @module
 */

/**
 * `{ step: scale }` built as Python builds a dict literal: `Math.trunc` for `int(...)`, and a
 * later entry with the same step replaces the earlier one's scale.
 */
export function scalesDict(
  entries: readonly (readonly [number, number])[],
): Record<number, number> {
  const dict = new Map<number, number>();
  for (const [step, scale] of entries) dict.set(step, scale);
  return Object.fromEntries(dict);
}
