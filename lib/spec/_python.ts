/**
 * Writing Python source: number literals that read back to the same double, keyword arguments
 * from an option table, and a writer that collects helper definitions and statements.
 *
 * @module
 */

import type { Json, JsonObject } from "../schedulers/lr_scheduler.ts";
import type { OptionInfo, OptionTable } from "./registry.ts";

/**
 * A Python float literal that parses to exactly `x` (JavaScript's shortest round-trip digits;
 * integral values get a `.0` so that Python computes in floats, as JavaScript does).
 */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} as a Python literal`);
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A Python int literal for the integer `x`. */
export function pyInt(x: number): string {
  if (!Number.isSafeInteger(x)) throw new RangeError(`expected a safe integer, got ${x}`);
  return String(x);
}

/** A Python int literal when `x` is integral (step counts for optax and Keras), else a float. */
export function pyCount(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : pyFloat(x);
}

/** A Python literal for a JSON value: numbers as floats, strings, booleans, lists, dicts. */
export function pyLiteral(value: Json): string {
  if (typeof value === "number") return pyFloat(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null) return "None";
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(", ")}]`;
  return `{${
    Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`).join(", ")
  }}`;
}

/** PyTorch's keyword for an option: `info.pytorch`, else the key in snake_case. */
export function pyKeyword(key: string, info: OptionInfo): string {
  return info.pytorch ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function pyValue(value: Json, info: OptionInfo): string {
  if (info.perGroup && Array.isArray(value)) {
    return `[${value.map((v) => pyValue(v, { ...info, perGroup: false })).join(", ")}]`;
  }
  if (value === null) return "None";
  switch (info.kind) {
    case "integer":
      return pyInt(value as number);
    case "integers":
      return `[${(value as number[]).map(pyInt).join(", ")}]`;
    default:
      return pyLiteral(value);
  }
}

/**
 * Collects a Python program: module-level helper definitions (each written once), named
 * statements, and fresh names.
 */
export class PyWriter {
  #helpers = new Map<string, string>();
  #statements: string[] = [];
  #counts = new Map<string, number>();
  #imports = new Set<string>();
  /** True while a composite's child is written (`scheduler(spec)`). */
  nested = false;
  /** Writes a nested schedule spec as a Python function and returns its name. */
  readonly schedule: (spec: JsonObject) => string;
  /** Writes a nested scheduler spec as statements and returns the name bound to it. */
  readonly scheduler: (spec: JsonObject) => string;

  /** A writer whose nested specs are written by `schedule` and `scheduler` (see `toPyTorch`). */
  constructor(
    schedule: (spec: JsonObject, py: PyWriter) => string,
    scheduler: (spec: JsonObject, py: PyWriter) => string,
  ) {
    this.schedule = (spec) => schedule(spec, this);
    this.scheduler = (spec) => {
      const outer = this.nested;
      this.nested = true;
      try {
        return scheduler(spec, this);
      } finally {
        this.nested = outer;
      }
    };
  }

  /** Adds `import ...` (or `from ... import ...`) once. */
  import(line: string): void {
    this.#imports.add(line);
  }

  /** A fresh name `prefix0`, `prefix1`, ... */
  name(prefix: string): string {
    const n = this.#counts.get(prefix) ?? 0;
    this.#counts.set(prefix, n + 1);
    return `${prefix}${n}`;
  }

  /** Adds a module-level definition once, under `key`. */
  helper(key: string, source: string): void {
    if (!this.#helpers.has(key)) this.#helpers.set(key, source.trim());
  }

  /** Defines `def name(step):` with `body` (lines, unindented) and returns its name. */
  define(comment: string, body: readonly string[]): string {
    const name = this.name("_schedule");
    this.helper(
      name,
      [
        `def ${name}(step):`,
        `    # ${comment}`,
        ...body.map((line) => `    ${line}`),
      ].join("\n"),
    );
    return name;
  }

  /**
   * Writes a nested scheduler spec as a function `def _factoryN(optimizer): ...` that builds it
   * over the optimizer it is given (a `ParamwiseScheduler`'s one-group view), and returns its
   * name.
   */
  factory(spec: JsonObject): string {
    const outer = this.#statements;
    this.#statements = [];
    let final: string;
    let inner: string[];
    try {
      final = this.scheduler(spec);
    } finally {
      inner = this.#statements;
      this.#statements = outer;
    }
    const name = this.name("_factory");
    this.helper(
      name,
      [`def ${name}(optimizer):`, ...inner.map((l) => `    ${l}`), `    return ${final}`].join(
        "\n",
      ),
    );
    return name;
  }

  /** Adds the statement `name = expression` with a fresh name and returns the name. */
  bind(prefix: string, expression: string): string {
    const name = this.name(prefix);
    this.#statements.push(`${name} = ${expression}`);
    return name;
  }

  /** `keyword=value, ...` for `options`, in the table's order, skipping `skip`. */
  kwargs(options: JsonObject, table: OptionTable, skip: readonly string[] = []): string {
    return Object.entries(table)
      .filter(([key]) => !skip.includes(key) && options[key] !== undefined)
      .map(([key, info]) => `${pyKeyword(key, info)}=${pyValue(options[key] as Json, info)}`)
      .join(", ");
  }

  /** The whole program: header, imports, helpers, statements, then `scheduler = final`. */
  program(header: string, final: string): string {
    return [
      header,
      ...this.#imports,
      "",
      "",
      ...[...this.#helpers.values()].flatMap((h) => [h, "", ""]),
      ...this.#statements,
      `scheduler = ${final}`,
      "",
    ].join("\n");
  }
}
