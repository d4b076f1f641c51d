/**
 * Which param-group field a scheduler drives (`lr` by default, or `momentum`, `beta1`, `beta2`,
 * `weightDecay`, `eps`), how it is read and written, where its initial value is recorded, and
 * the ranges a scheduler may write.
 *
 * @module
 */

import * as check from "../_check.ts";

/** A param-group field a scheduler can drive: `beta1` and `beta2` are `betas[0]`, `betas[1]`. */
export type Field = "lr" | "momentum" | "beta1" | "beta2" | "weightDecay" | "eps";

/** The param-group fields a scheduler can drive. */
export const FIELDS: readonly Field[] = ["lr", "momentum", "beta1", "beta2", "weightDecay", "eps"];

/** The group key recording a field's initial value: `initialLr`, `initialMomentum`, ... */
export function initialKey(field: Field): string {
  return `initial${field[0]!.toUpperCase()}${field.slice(1)}`;
}

/** The group key `prefix + Field` (`maxLr`, `maxMomentum`, `minBeta1`, ...). */
export function fieldKey(prefix: string, field: Field): string {
  return `${prefix}${field[0]!.toUpperCase()}${field.slice(1)}`;
}

type Group = Record<string, unknown>;

/** A group's value of `field`, or `undefined` when the group has none. */
export function readField(group: object, field: Field): number | undefined {
  const g = group as Group;
  if (field === "lr") return typeof g.lr === "number" ? g.lr : undefined; // the hot path
  const value = field === "beta1"
    ? (g.betas as unknown[] | undefined)?.[0]
    : field === "beta2"
    ? (g.betas as unknown[] | undefined)?.[1]
    : g[field];
  return typeof value === "number" ? value : undefined;
}

/** Writes a group's `field`; `beta1` and `beta2` replace `betas` with a new pair. */
export function writeField(group: object, field: Field, value: number): void {
  const g = group as Group;
  if (field === "lr") g.lr = value;
  else if (field === "beta1" || field === "beta2") {
    const [b1, b2] = g.betas as [number, number];
    g.betas = field === "beta1" ? [value, b2] : [b1, value];
  } else {
    g[field] = value;
  }
}

/** Whether values of `field` must be below 1 (momentum and betas live in [0, 1)). */
export function isFraction(field: Field): boolean {
  return field === "momentum" || field === "beta1" || field === "beta2";
}

/** The allowed range of `field` in words, for messages. */
export function fieldRange(field: Field): string {
  return isFraction(field) ? "in [0, 1)" : "finite and non-negative";
}

/** Whether `value` is allowed in `field`: finite, non-negative and, for fractions, below 1. */
export function fieldAllows(field: Field, value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 &&
    (!isFraction(field) || value < 1);
}

/** Throws unless `value` is a valid `field` name. */
export function checkField(value: unknown): Field {
  return check.oneOf("field", value, FIELDS);
}

/**
 * Throws unless every group of `groups` has a number in `field` that the field allows, naming
 * the group (`optimizer.paramGroups[0].momentum must be in [0, 1), got ...`).
 */
export function checkGroupsHave(groups: readonly object[], field: Field): void {
  groups.forEach((g, i) => {
    const name = `optimizer.paramGroups[${i}].${field}`;
    const value = readField(g, field);
    if (value === undefined) {
      throw new TypeError(
        `${name} must be a number to be scheduled, got ${name}=${
          check.show(field.startsWith("beta") ? (g as Group).betas : (g as Group)[field])
        }`,
      );
    }
    if (!fieldAllows(field, value)) {
      throw new RangeError(`${name} must be ${fieldRange(field)}, got ${name}=${value}`);
    }
  });
}
