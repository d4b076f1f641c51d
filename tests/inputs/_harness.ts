/**
 * The table-driven bad-input harness of `tests/inputs/` (issue 7). Its API is stable: other case
 * files are written against it.
 *
 * ## Writing cases
 *
 * A case file is `tests/inputs/<topic>_cases.ts`; it exports `cases: Case[]` and nothing runs
 * on import. `api_test.ts` imports every `*_cases.ts` in this folder, runs each case as a test
 * step, and fails for every export of `lib/mod.ts` that no case names (see
 * the input-free list in `api_test.ts`).
 *
 * A {@linkcode Case}:
 * - `export`: the name of the `lib/mod.ts` export the call exercises (it must be an export);
 * - `label`: what is wrong with the input, read as a specification ("momentum NaN");
 * - `setup()` (optional): builds fresh objects for this case; its result is passed to `call`
 *   and `snapshot` (each case runs on objects of its own);
 * - `call(context)`: the bad call; it may return a promise, which is awaited;
 * - `error`: the expected error class (`TypeError` for a wrong type, `RangeError` for a wrong
 *   value, or a library class such as `DivergenceError`); checked with `instanceof`;
 * - `includes`: substrings the message must contain, at least one: the argument's name and the
 *   value as the message shows it (`["momentum", "NaN"]`); a message that reads like
 *   JavaScript's own (`Cannot read properties`, `is not a function`, ...) always fails;
 * - `snapshot(context)` (optional): the state the failed call must leave unchanged, taken
 *   before and after the call and compared with `assert.deepStrictEqual` (NaN equals NaN).
 *   Build it with {@linkcode capture}, which knows tensors, modules, optimizers and schedulers.
 *
 * {@linkcode withSetup} writes a family of cases that share one kind of fixture:
 *
 * ```ts ignore
 * import { type Case, capture, withSetup } from "./_harness.ts";
 * export const cases: Case[] = [
 *   { export: "zeros", label: "shape a string", call: () => zeros("3" as never),
 *     error: TypeError, includes: ["shape", '"3"'] },
 *   ...withSetup("SGD", () => fixture(), (f) => capture(f.model, f.optimizer), [
 *     { label: "momentum NaN", call: (f) => new SGD(f.model.parameters(), { momentum: NaN }),
 *       error: RangeError, includes: ["momentum", "NaN"] },
 *   ]),
 * ];
 * ```
 *
 * @module
 */

import assert from "node:assert/strict";
import { Tensor } from "../../lib/tensor/tensor.ts";

/** An error class a case expects (TypeError, RangeError, or a library error class). */
// deno-lint-ignore no-explicit-any
export type ErrorClass = new (...args: any[]) => Error;

/** One bad call and what it must do: throw `error`, say `includes`, leave `snapshot` alone. */
export interface Case<C = unknown> {
  /** The `lib/mod.ts` export this case exercises. */
  export: string;
  /** What is wrong with the input. */
  label: string;
  /** Builds the objects the call works on (fresh for every case). */
  setup?(): C;
  /** The bad call; a returned promise must reject. */
  call(context: C): unknown;
  /** The expected error class (checked with `instanceof`). */
  error: ErrorClass;
  /** Substrings the message must contain: the argument's name and the value. */
  includes: readonly string[];
  /** The state that must be unchanged after the failed call (see {@linkcode capture}). */
  snapshot?(context: C): unknown;
}

/** The shape of one case inside {@linkcode withSetup}: a {@linkcode Case} without its shared parts. */
export type CaseOf<C> = Omit<Case<C>, "export" | "setup" | "snapshot">;

/**
 * Cases of one export that share a setup and a snapshot.
 *
 * @param name The `lib/mod.ts` export the cases exercise.
 * @param setup Builds fresh objects for each case.
 * @param snapshot What must be unchanged after each failed call.
 * @param list The cases.
 */
export function withSetup<C>(
  name: string,
  setup: () => C,
  snapshot: ((context: C) => unknown) | undefined,
  list: readonly CaseOf<C>[],
): Case[] {
  return list.map((c) => ({ ...c, export: name, setup, snapshot }) as Case<C> as Case);
}

/** Messages that are JavaScript's own rather than the library's: always a failure. */
export const UNCLEAR: readonly RegExp[] = [
  /Cannot read propert/,
  /Cannot destructure/,
  /is not a function/,
  /is not iterable/,
  /is not a constructor/,
  /Cannot convert/,
  /Array buffer allocation failed/,
  /Invalid (typed )?array length/,
  /Maximum call stack/,
  /undefined is not/,
  /null is not/,
  /\[object Object\]/,
];

/**
 * A deep, comparable copy of the state of `things`: tensors (shape, data, grad, requiresGrad),
 * optimizers (param groups with their tensors, `stateDict()`, `stepCount`), modules
 * (`stateDict()`, training flag), schedulers and anything else with a `stateDict()` (its
 * output, plus `getLastLr()` when present), arrays and plain objects (recursively).
 */
export function capture(...things: unknown[]): unknown {
  return things.map((t) => copy(t, 0));
}

function copy(value: unknown, depth: number): unknown {
  if (depth > 8) return "(too deep)";
  if (value instanceof Tensor) {
    return {
      tensor: [...value.shape],
      data: Array.from(value.data),
      grad: value.grad === null ? null : Array.from(value.grad),
      requiresGrad: value.requiresGrad,
    };
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === "function") return "(function)";
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => copy(v, depth + 1));
  const o = value as Record<string, unknown>;
  if (typeof o.stateDict === "function") {
    const out: Record<string, unknown> = {
      stateDict: structuredCopy((o.stateDict as () => unknown).call(o)),
    };
    if (Array.isArray(o.paramGroups)) out.paramGroups = copy(o.paramGroups, depth + 1);
    if (typeof o.stepCount === "number") out.stepCount = o.stepCount;
    if (typeof o.training === "boolean") out.training = o.training;
    if (typeof o.getLastLr === "function") {
      out.lastLr = structuredCopy((o.getLastLr as () => unknown).call(o));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) out[key] = copy(o[key], depth + 1);
  return out;
}

function structuredCopy(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return copy(value, 1);
  }
}

/** What running one case found: `undefined` when it passed, else why it failed. */
export async function runCase(c: Case): Promise<string | undefined> {
  const context = c.setup?.() as unknown;
  const before = c.snapshot ? c.snapshot(context) : undefined;
  let thrown: unknown = undefined;
  let threw = false;
  try {
    const result = c.call(context);
    if (result instanceof Promise) await result;
  } catch (e) {
    thrown = e;
    threw = true;
  }
  if (!threw) return "accepted silently (no error)";
  if (!(thrown instanceof c.error)) {
    return `threw ${thrown instanceof Error ? thrown.name : typeof thrown}: ${
      thrown instanceof Error ? thrown.message : String(thrown)
    }; expected ${c.error.name}`;
  }
  const message = thrown.message;
  const unclear = UNCLEAR.find((r) => r.test(message));
  if (unclear) return `unclear message (${unclear}): ${message}`;
  if (c.includes.length === 0) return "the case lists no expected substrings";
  const missing = c.includes.filter((s) => !message.includes(s));
  if (missing.length > 0) {
    return `message ${JSON.stringify(message)} lacks ${missing.map((s) => JSON.stringify(s))}`;
  }
  if (c.snapshot) {
    try {
      assert.deepStrictEqual(c.snapshot(context), before);
    } catch (e) {
      return `the failed call changed state: ${(e as Error).message.slice(0, 600)}`;
    }
  }
  return undefined;
}

/**
 * Registers `cases` as steps of the current test: one step per case, named
 * `export: label`. Fails the step with what went wrong.
 */
export async function stepCases(t: Deno.TestContext, cases: readonly Case[]): Promise<void> {
  for (const c of cases) {
    await t.step(`${c.export}: ${c.label}`, async () => {
      const problem = await runCase(c);
      if (problem !== undefined) assert.fail(problem);
    });
  }
}
