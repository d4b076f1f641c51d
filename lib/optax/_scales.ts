/**
 * optax's `boundaries_and_scales` dictionaries, shared by the piecewise schedules.
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * The entries of a `{ step: scale }` object sorted by step (Python's
 * `sorted(boundaries_and_scales.items())`), each key a finite number and each scale a
 * finite number `>= 0` (optax: "expects non-negative scale factors").
 */
export function sortedScales(
  owner: string,
  value: unknown,
): { boundaries: number[]; scales: number[] } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${owner} boundariesAndScales must be an object { step: scale }, got boundariesAndScales=${
        check.show(value)
      }`,
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([key, scale]) => {
    const boundary = key.trim() === "" ? NaN : Number(key);
    if (!Number.isFinite(boundary)) {
      throw new RangeError(
        `${owner} boundariesAndScales keys must be finite step numbers, got key ${check.show(key)}`,
      );
    }
    check.finite(`boundariesAndScales[${key}]`, scale);
    if ((scale as number) < 0) {
      throw new RangeError(
        `${owner} expects non-negative scale factors, got boundariesAndScales[${key}]=${
          check.show(scale)
        }`,
      );
    }
    return [boundary, scale as number] as const;
  });
  entries.sort((a, b) => a[0] - b[0]);
  return { boundaries: entries.map((e) => e[0]), scales: entries.map((e) => e[1]) };
}
