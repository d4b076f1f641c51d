/**
 * `progress`: a live one-line progress display for long notebook cells, such as
 * `iteration 12500/50000 · loss 0.0213 · lr 5.0e-4` over a bar. The library never touches
 * `Deno.jupyter`: the notebook passes the kernel's display function in, and the progress calls it
 * with a MIME bundle (`text/plain` and `text/html`), first to create the output and then to update
 * it in place through its `display_id`.
 *
 * @module
 */

import { jupyterDisplay, type MimeBundle } from "./figure.ts";
import { escapeXml } from "./_text.ts";
import { colorAt } from "./palette.ts";
import * as check from "../_check.ts";

/**
 * Options the progress passes to the display function (those of `Deno.jupyter.display`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progress, type DisplayCallOptions } from "./mod.ts";
 *
 * const seen: DisplayCallOptions[] = [];
 * const bar = progress({ total: 2, every: 1, displayId: "p", display: (_b, o) => seen.push(o) });
 * await bar.update(1);
 * await bar.update(2);
 * assert.deepEqual(seen.map((o) => o.update), [false, true]);
 * ```
 */
export interface DisplayCallOptions {
  /** Always true: the bundle is sent as is. */
  raw: true;
  /** The display to create or update. */
  display_id: string;
  /** False for the first call (create), true after (update). */
  update: boolean;
}

/**
 * A display function such as `Deno.jupyter.display`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progress, type DisplayFunction } from "./mod.ts";
 *
 * const lines: string[] = [];
 * const display: DisplayFunction = (bundle) => lines.push(String(bundle["text/plain"]));
 * const bar = progress({ total: 10, display });
 * await bar.update(10, { loss: 0.5 });
 * assert.deepEqual(lines, ["iteration 10/10 · loss 0.500"]);
 * ```
 */
export type DisplayFunction = (bundle: MimeBundle, options: DisplayCallOptions) => unknown;

/**
 * Options of {@linkcode progress}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progress, type ProgressOptions } from "./mod.ts";
 *
 * const options: ProgressOptions = { total: 100, every: 10, intervalMs: Infinity, label: "epoch" };
 * const bar = progress(options);
 * await bar.update(20);
 * assert.equal(bar.text(), "epoch 20/100");
 * ```
 */
export interface ProgressOptions {
  /** The iteration count at which the work is done (a positive integer). */
  total: number;
  /** Where updates go; in a notebook `Deno.jupyter.display`. Without it nothing is shown. */
  display?: DisplayFunction;
  /** The output's id; default `anneal-progress-N`, N counting up from 0 in this process. */
  displayId?: string;
  /**
   * Show an update once this much wall time (ms) has passed since the last one shown; default
   * 250, `Infinity` to throttle by `every` alone.
   */
  intervalMs?: number;
  /** Also show an update once this many iterations have passed since the last one shown. */
  every?: number;
  /** The clock, in milliseconds; default `performance.now`. */
  now?: () => number;
  /** What the count is called; default `"iteration"`. */
  label?: string;
  /** Formats per value name; default `lr` as `5.0e-4`, the rest with 3 significant digits. */
  format?: Record<string, (value: number) => string>;
}

/**
 * Options of {@linkcode Progress.done}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progress, type DoneOptions } from "./mod.ts";
 *
 * const bar = progress({ total: 50000 });
 * await bar.update(21000);
 * const options: DoneOptions = { reason: "accuracy reached" };
 * await bar.done({}, options);
 * assert.equal(bar.text(), "stopped at iteration 21000/50000 (accuracy reached)");
 * ```
 */
export interface DoneOptions {
  /** Why the run stopped before `total`, shown in parentheses. */
  reason?: string;
}

let nextId = 0;

/**
 * How a value shows by default: learning rates (`lr`, `...Lr`) as `5.0e-4`; other numbers with
 * 3 significant digits between 1e-3 and 1e4 (`0.0213`), in exponent form outside (`1.20e-5`).
 */
function formatValue(name: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (name === "lr" || name.endsWith("Lr")) return value.toExponential(1);
  if (value === 0) return "0";
  const a = Math.abs(value);
  return a >= 1e-3 && a < 1e4 ? value.toPrecision(3) : value.toExponential(2);
}

/**
 * A live progress line; make one with {@linkcode progress}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Progress } from "./mod.ts";
 *
 * const bar = new Progress({ total: 4 });
 * await bar.update(1, { lr: 0.1 });
 * assert.equal(bar.text(), "iteration 1/4 · lr 1.0e-1");
 * ```
 */
export class Progress {
  readonly #total: number;
  readonly #display: DisplayFunction | undefined;
  readonly #id: string;
  readonly #intervalMs: number;
  readonly #every: number;
  readonly #now: () => number;
  readonly #label: string;
  readonly #format: Record<string, (value: number) => string>;
  #iteration = 0;
  #values: Record<string, number> = {};
  #shownHtml: string | undefined;
  #shownIteration = 0;
  #shownAt = -Infinity;
  #displayed = false;
  #finished = false;
  #reason: string | undefined;

  /** Validates the options; nothing is shown until the first update. */
  constructor(options: ProgressOptions) {
    this.#total = check.positiveInteger("total", options.total);
    this.#display = options.display === undefined
      ? undefined
      : check.callable<DisplayFunction>("display", options.display);
    this.#id = options.displayId ?? `anneal-progress-${nextId++}`;
    const intervalMs = check.number("intervalMs", options.intervalMs ?? 250);
    if (!(intervalMs >= 0)) {
      throw new RangeError(`intervalMs must be non-negative, got intervalMs=${intervalMs}`);
    }
    this.#intervalMs = intervalMs;
    this.#every = options.every === undefined
      ? Infinity
      : check.positiveInteger("every", options.every);
    this.#now = options.now ?? (() => performance.now());
    this.#label = options.label ?? "iteration";
    this.#format = options.format ?? {};
  }

  /** The display id the updates use. */
  get displayId(): string {
    return this.#id;
  }

  /**
   * The current line: `iteration 12500/50000 · loss 0.0213 · lr 5.0e-4`; after `done()` on a
   * run that stopped before `total`, `stopped at iteration 21000/50000 (accuracy reached) · ...`.
   */
  text(): string {
    const count = `${this.#label} ${this.#iteration}/${this.#total}`;
    const early = this.#finished && this.#iteration < this.#total;
    const why = this.#reason === undefined ? "" : ` (${this.#reason})`;
    const parts = [early ? `stopped at ${count}${why}` : count];
    for (const [name, value] of Object.entries(this.#values)) {
      const f = this.#format[name];
      parts.push(`${name} ${f === undefined ? formatValue(name, value) : f(value)}`);
    }
    return parts.join(" · ");
  }

  /**
   * The current line over a bar, as HTML. After `done()` the bar is full and green, also for a
   * run that stopped early (the line says where), and the root has `data-state="done"`.
   */
  html(): string {
    const fraction = this.#finished ? 1 : this.#iteration / this.#total;
    const pct = Math.min(100, Math.max(0, 100 * fraction)).toFixed(1);
    const state = this.#finished ? "done" : "running";
    return `<div data-state="${state}" style="font-family:monospace;font-size:13px;line-height:1.6">` +
      `<div style="width:240px;height:8px;background:#e5e5e5;border-radius:4px;overflow:hidden">` +
      `<div style="width:${pct}%;height:100%;background:${colorAt(this.#finished ? 2 : 0)}">` +
      `</div></div>${escapeXml(this.text())}</div>`;
  }

  /** The current state as a MIME bundle (`text/plain`, `text/html`). */
  bundle(): MimeBundle {
    return { "text/plain": this.text(), "text/html": this.html() };
  }

  /** The current state, for a notebook cell's result. */
  [jupyterDisplay](): MimeBundle {
    return this.bundle();
  }

  /**
   * Records the state at `iteration` (values merge into the previous ones) and shows it when it
   * is the first update, when `intervalMs` has passed since the last one shown, or when `every`
   * iterations have. The promise settles once the display function's result does (await it now
   * and then so the kernel can send the update).
   */
  update(iteration: number, values: Record<string, number> = {}): Promise<void> {
    check.nonNegative("iteration", iteration);
    this.#iteration = iteration;
    this.#finished = false;
    this.#values = { ...this.#values, ...values };
    const t = this.#now();
    const due = !this.#displayed ||
      iteration - this.#shownIteration >= this.#every ||
      t - this.#shownAt >= this.#intervalMs;
    return due ? this.#show(t) : Promise.resolve();
  }

  /**
   * Shows the final state (after merging `values`) unless it is already what is shown: a full
   * bar, and for a run that stopped before `total` the line `stopped at iteration 21000/50000`
   * followed by `(reason)` when `options.reason` is given. The final output depends only on
   * the last iteration, values and reason, never on timing.
   */
  done(values: Record<string, number> = {}, options: DoneOptions = {}): Promise<void> {
    check.options("done", options, ["reason"]);
    if (options.reason !== undefined && typeof options.reason !== "string") {
      throw new TypeError(`reason must be a string, got reason=${check.show(options.reason)}`);
    }
    this.#values = { ...this.#values, ...values };
    this.#finished = true;
    this.#reason = options.reason;
    if (this.#displayed && this.#shownHtml === this.html()) return Promise.resolve();
    // One macrotask after the last message so that the kernel sends it before the cell ends
    // (seen once with nbclient: a final update sent right at the end of a cell was dropped).
    return this.#show(this.#now()).then(() =>
      this.#display === undefined ? undefined : new Promise((resolve) => setTimeout(resolve, 0))
    );
  }

  #show(t: number): Promise<void> {
    this.#shownIteration = this.#iteration;
    this.#shownAt = t;
    this.#shownHtml = this.html();
    if (this.#display === undefined) {
      this.#displayed = true;
      return Promise.resolve();
    }
    const update = this.#displayed;
    this.#displayed = true;
    return Promise.resolve(
      this.#display(this.bundle(), { raw: true, display_id: this.#id, update }),
    ).then(() => {});
  }
}

/**
 * A live progress line. In a notebook, pass the kernel's display function:
 *
 * ```ts ignore
 * const bar = progress({ total: 50000, display: Deno.jupyter.display });
 * for (let i = 1; i <= 50000; i++) {
 *   // ... one training step ...
 *   await bar.update(i, { loss, lr });
 * }
 * await bar.done();
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progress } from "./progress.ts";
 *
 * const shown: string[] = [];
 * const bar = progress({
 *   total: 100,
 *   every: 50,
 *   intervalMs: Infinity,
 *   display: (bundle) => shown.push(String(bundle["text/plain"])),
 * });
 * for (let i = 1; i <= 100; i++) await bar.update(i, { loss: 1 / i, lr: 0.1 });
 * await bar.done();
 * assert.deepEqual(shown, [
 *   "iteration 1/100 · loss 1.00 · lr 1.0e-1",
 *   "iteration 51/100 · loss 0.0196 · lr 1.0e-1",
 *   "iteration 100/100 · loss 0.0100 · lr 1.0e-1",
 * ]);
 * ```
 */
export function progress(options: ProgressOptions): Progress {
  return new Progress(options);
}
