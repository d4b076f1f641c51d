/**
 * Cases for the members of a namespace export (`hf`, `timm`, `keras`, `optax`): every member of
 * the namespace must have cases (or a reason to have none), so a new member without cases fails
 * the suite when its case file is imported, the way `api_test.ts` enumerates `lib/mod.ts`.
 * Each case's `export` is the namespace and its label starts with the member's name.
 *
 * {@linkcode optionCases} derives the usual bad options from a valid options object: `null`
 * and a string in place of the object, an unknown key, a snake_case key, and for each key a
 * value of the wrong type, `null`, and (for numbers) NaN and ±Infinity.
 *
 * @module
 */

import type { Case, ErrorClass } from "./_harness.ts";

/** One member's cases, without `export` (the namespace) and with the label after the member. */
export type MemberCase = Omit<Case, "export">;

/** A member's cases, or (a string) why it takes no input a caller could get wrong. */
export type MemberCases = readonly MemberCase[] | string;

/**
 * The cases of `namespace`, one table entry per member. Throws (so the case file fails to
 * load, with the name) for a member without an entry, or an entry that is not a member.
 */
export function namespaceCases(
  name: string,
  namespace: object,
  table: Readonly<Record<string, MemberCases>>,
): Case[] {
  const members = Object.keys(namespace).sort();
  const missing = members.filter((m) => !(m in table));
  if (missing.length > 0) {
    throw new Error(`${name} members without bad-input cases: ${missing.join(", ")}`);
  }
  const stale = Object.keys(table).filter((m) => !members.includes(m));
  if (stale.length > 0) throw new Error(`not members of ${name}: ${stale.join(", ")}`);
  return members.flatMap((member) => {
    const entry = table[member] as MemberCases;
    if (typeof entry === "string") return [];
    if (entry.length === 0) throw new Error(`${name}.${member} has an empty list of cases`);
    return entry.map((c) => ({ ...c, export: name, label: `${member}: ${c.label}` }));
  });
}

/** How {@linkcode optionCases} treats one key. */
export interface KeyRule {
  /** `null` is a documented value of this key: no `null` case. */
  nullable?: boolean;
  /** Skip the ±Infinity cases (an infinite value is allowed, e.g. a bound). */
  infinite?: boolean;
}

// deno-lint-ignore no-explicit-any
const bad = (v: unknown): any => v;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The usual bad options of a call that takes one options object, derived from `valid` (an
 * options object the call accepts). `make` runs the call; `owner` is the name its messages
 * give the options object's owner.
 */
export function optionCases<C>(
  valid: Readonly<Record<string, unknown>>,
  make: (options: unknown, context: C) => unknown,
  extra: {
    setup?: () => C;
    snapshot?: (context: C) => unknown;
    rules?: Readonly<Record<string, KeyRule>>;
  } = {},
): MemberCase[] {
  const { setup, snapshot, rules = {} } = extra;
  const one = (
    label: string,
    options: unknown,
    error: ErrorClass,
    includes: string[],
  ): MemberCase => ({
    label,
    setup: setup as (() => unknown) | undefined,
    snapshot: snapshot as ((c: unknown) => unknown) | undefined,
    call: (c) => make(bad(options), c as C),
    error,
    includes,
  });
  const keys = Object.keys(valid);
  const out: MemberCase[] = [
    one("options null", null, TypeError, ["options", "null"]),
    one('options a string "x"', "x", TypeError, ["options", '"x"']),
    one("an unknown key bogus", { ...valid, bogus: 1 }, TypeError, ["bogus"]),
  ];
  const camel = keys.find((k) => snake(k) !== k);
  if (camel !== undefined) {
    const { [camel]: value, ...rest } = valid;
    out.push(
      one(`${snake(camel)} (snake_case)`, { ...rest, [snake(camel)]: value }, TypeError, [
        snake(camel),
        `did you mean ${camel}?`,
      ]),
    );
  }
  for (const key of keys) {
    const value = valid[key];
    const rule = rules[key] ?? {};
    const set = (v: unknown) => ({ ...valid, [key]: v });
    if (!rule.nullable) out.push(one(`${key} null`, set(null), TypeError, [key, "null"]));
    if (typeof value === "number") {
      out.push(one(`${key} NaN`, set(NaN), RangeError, [key, "NaN"]));
      if (!rule.infinite) {
        out.push(one(`${key} Infinity`, set(Infinity), RangeError, [key, "Infinity"]));
        out.push(one(`${key} -Infinity`, set(-Infinity), RangeError, [key, "-Infinity"]));
      }
      out.push(one(`${key} a string "1"`, set("1"), TypeError, [key, '"1"']));
    } else if (typeof value === "string") {
      out.push(one(`${key} a number 3`, set(3), RangeError, [key, "3"]));
      out.push(one(`${key} misspelt`, set(value + "x"), RangeError, [key, `"${value}x"`]));
    } else if (typeof value === "boolean") {
      out.push(one(`${key} a string "true"`, set("true"), TypeError, [key, '"true"']));
    } else if (Array.isArray(value)) {
      out.push(one(`${key} a string "x"`, set("x"), TypeError, [key, '"x"']));
    }
  }
  return out;
}
