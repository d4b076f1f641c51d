/**
 * `kernelShow`: a display function for Deno's Jupyter kernel that returns only once what it
 * displayed is on the wire, stamped with the running cell. Cells that end with
 * `await show(x)` keep every output under their own cell when a frontend queues cells (Run All).
 *
 * Why: Deno's kernel (2.9, `cli/js/jupyter_kernel.js`) sends outputs from a queue that
 * `iopubDrainer()` empties on its own schedule, and stamps each one with the request that is
 * current when it is taken off the queue, not when the cell made it. A cell's reply and `idle`
 * status do not wait for that queue, so an output made at the end of a cell can go out after
 * its cell is done, stamped with the next cell. `kernelShow` connects to the kernel's IOPub
 * socket as one more subscriber, and after each display broadcasts a marker
 * (`update_display_data` for a display id no output has, which frontends ignore) and waits
 * until the marker comes back: the queue is first in, first out, and the kernel writes each
 * message to the frontend before it writes it to this later subscriber, so everything the cell
 * displayed before has been sent, stamped with this cell. See docs/deno_kernel_outputs.md.
 *
 * The library never touches `Deno.jupyter`: the notebook passes it in.
 *
 * @module
 */

import * as check from "../_check.ts";

/** The parts of `Deno.jupyter` that {@linkcode kernelShow} uses. */
export interface KernelJupyter {
  /** `Deno.jupyter.display`. */
  display(value: unknown, options?: Record<string, unknown>): unknown;
  /** `Deno.jupyter.broadcast`. */
  broadcast(msgType: string, content: Record<string, unknown>): unknown;
}

/**
 * Displays `value` (with `Deno.jupyter.display`'s options, so it can serve as a progress's
 * display function) and settles once the kernel has published it; `show()` with no value
 * only waits for what the cell displayed or printed before.
 */
export type Show = ((value?: unknown, options?: Record<string, unknown>) => Promise<void>) & {
  /** True when outputs are confirmed on the wire; false when the kernel's IOPub was not found. */
  readonly synced: boolean;
  /** Closes the IOPub connection (the kernel closes it anyway when it ends). */
  close(): void;
};

/** Options of {@linkcode kernelShow}. */
export interface KernelShowOptions {
  /** The kernel's connection file; default: the `--conn` argument of this process. */
  connectionFile?: string;
  /** How long to wait for a marker before giving up on it (ms); default 10000. */
  timeoutMs?: number;
}

const ENC = new TextEncoder();
const DEC = new TextDecoder();
const DELIMITER = "<IDS|MSG>";

/** The `--conn` argument of this process (Linux `/proc`), or undefined. */
function connectionFileOfThisProcess(): string | undefined {
  try {
    const args = Deno.readTextFileSync("/proc/self/cmdline").split("\0");
    const i = args.indexOf("--conn");
    return i >= 0 ? args[i + 1] : undefined;
  } catch {
    return undefined;
  }
}

/** One ZMTP 3.0 frame: flags (more, long, command), size, body. */
function frame(body: Uint8Array, { more = false, command = false } = {}): Uint8Array {
  const long = body.length > 255;
  const head = long ? 9 : 2;
  const out = new Uint8Array(head + body.length);
  out[0] = (more ? 1 : 0) | (long ? 2 : 0) | (command ? 4 : 0);
  if (long) new DataView(out.buffer).setBigUint64(1, BigInt(body.length));
  else out[1] = body.length;
  out.set(body, head);
  return out;
}

/** Reads exact byte counts from a connection, buffering what arrives. */
class Reader {
  #conn: Deno.Conn;
  #buf = new Uint8Array(0);
  constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }
  async read(n: number): Promise<Uint8Array> {
    while (this.#buf.length < n) {
      const chunk = new Uint8Array(Math.max(65536, n - this.#buf.length));
      const got = await this.#conn.read(chunk);
      if (got === null) throw new Error("IOPub connection closed");
      const next = new Uint8Array(this.#buf.length + got);
      next.set(this.#buf);
      next.set(chunk.subarray(0, got), this.#buf.length);
      this.#buf = next;
    }
    const out = this.#buf.slice(0, n);
    this.#buf = this.#buf.subarray(n);
    return out;
  }
  /** One ZMTP frame's flags and body. */
  async frame(): Promise<{ more: boolean; command: boolean; body: Uint8Array }> {
    const flags = (await this.read(1))[0]!;
    const sizeBytes = await this.read(flags & 2 ? 8 : 1);
    const size = flags & 2 ? Number(new DataView(sizeBytes.buffer).getBigUint64(0)) : sizeBytes[0]!;
    return { more: (flags & 1) !== 0, command: (flags & 4) !== 0, body: await this.read(size) };
  }
}

/** Connects to IOPub as a ZMTP 3.0 SUB socket (NULL mechanism) subscribed to everything. */
async function subscribe(hostname: string, port: number): Promise<[Deno.Conn, Reader]> {
  const conn = await Deno.connect({ hostname, port });
  const greeting = new Uint8Array(64);
  greeting[0] = 0xff;
  greeting[9] = 0x7f;
  greeting[10] = 3;
  greeting.set(ENC.encode("NULL"), 12);
  const ready = [5, ...ENC.encode("READY"), 11, ...ENC.encode("Socket-Type"), 0, 0, 0, 3];
  const body = new Uint8Array([...ready, ...ENC.encode("SUB")]);
  await writeAll(conn, greeting);
  const reader = new Reader(conn);
  await reader.read(64);
  await writeAll(conn, frame(body, { command: true }));
  while (!(await reader.frame()).command) { /* skip to the peer's READY */ }
  await writeAll(conn, frame(new Uint8Array([1]))); // subscribe to every topic
  return [conn, reader];
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

/** setTimeout's longest delay, in milliseconds (2³¹ - 1). */
const MAX_TIMEOUT_MS = 2147483647;

/**
 * Makes a {@linkcode Show} for the running Deno kernel. In a notebook's first cell:
 *
 * ```ts ignore
 * const show = await anneal.kernelShow(Deno.jupyter);
 * ```
 *
 * and end each cell that shows something with `await show(value)` (instead of leaving `value`
 * as the cell's last expression), or `await show()` after `console.log`s. Outside a Deno kernel
 * (no connection file) the result displays and then waits one macrotask; `show.synced` is false.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelShow } from "./mod.ts";
 *
 * const shown: unknown[] = [];
 * const jupyter = { display: (v: unknown) => shown.push(v), broadcast: () => {} };
 * const show = await kernelShow(jupyter, { connectionFile: "/nonexistent/kernel.json" });
 * await show("hello");
 * await show();
 * assert.equal(show.synced, false);
 * assert.deepEqual(shown, ["hello"]);
 * ```
 */
export async function kernelShow(
  jupyter: KernelJupyter,
  options: KernelShowOptions = {},
): Promise<Show> {
  check.options("kernelShow", options, ["connectionFile", "timeoutMs"]);
  const timeoutMs = check.number("timeoutMs", options.timeoutMs ?? 10000);
  if (!(timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be positive, got timeoutMs=${timeoutMs}`);
  }
  if (timeoutMs > MAX_TIMEOUT_MS) {
    throw new RangeError(
      `timeoutMs must be at most ${MAX_TIMEOUT_MS} (setTimeout's limit), got timeoutMs=${timeoutMs}`,
    );
  }
  if (options.connectionFile !== undefined && typeof options.connectionFile !== "string") {
    throw new TypeError(
      `connectionFile must be a path string, got connectionFile=${
        check.show(options.connectionFile)
      }`,
    );
  }
  if (typeof jupyter !== "object" || jupyter === null) {
    throw new TypeError(
      `jupyter must be Deno.jupyter (display and broadcast), got jupyter=${check.show(jupyter)}`,
    );
  }
  const display = check.callable<KernelJupyter["display"]>("display", jupyter?.display);
  const broadcast = check.callable<KernelJupyter["broadcast"]>("broadcast", jupyter?.broadcast);
  const file = options.connectionFile ?? connectionFileOfThisProcess();
  let info: { ip: string; iopub_port: number } | undefined;
  try {
    if (file !== undefined) info = JSON.parse(await Deno.readTextFile(file));
  } catch {
    info = undefined;
  }
  if (info !== undefined && (typeof info?.ip !== "string" || !Number.isInteger(info?.iopub_port))) {
    throw new RangeError(
      `connectionFile must hold a kernel's ip and iopub_port, got connectionFile=${
        check.show(file)
      }`,
    );
  }
  if (info === undefined) {
    const unsynced = async (value?: unknown, opts?: Record<string, unknown>) => {
      if (value !== undefined) await display(value, opts);
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    return Object.assign(unsynced, { synced: false, close: () => {} });
  }

  const [conn, reader] = await subscribe(info.ip, info.iopub_port);
  const waiting = new Map<string, () => void>();
  (async () => {
    try {
      while (true) {
        const frames: Uint8Array[] = [];
        for (let f = await reader.frame();; f = await reader.frame()) {
          frames.push(f.body);
          if (!f.more) break;
        }
        const d = frames.findIndex((f) => DEC.decode(f) === DELIMITER);
        if (d < 0 || frames.length < d + 6) continue;
        const header = JSON.parse(DEC.decode(frames[d + 2]));
        if (header.msg_type !== "update_display_data") continue;
        const id = JSON.parse(DEC.decode(frames[d + 5]))?.transient?.display_id;
        waiting.get(id)?.();
      }
    } catch {
      for (const resolve of waiting.values()) resolve();
    }
  })();

  let count = 0;
  /** Broadcasts a marker and waits until it comes back (or `timeoutMs`); true when it did. */
  const marker = (ms: number): Promise<boolean> => {
    const id = `anneal-sync-${crypto.randomUUID()}-${count++}`;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(false);
      }, ms);
      waiting.set(id, () => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(true);
      });
      broadcast("update_display_data", { data: {}, metadata: {}, transient: { display_id: id } });
    });
  };
  // The kernel counts this subscriber in once it has read the subscription: retry until then.
  let synced = false;
  for (let i = 0; i < 100 && !synced; i++) synced = await marker(50);
  if (!synced) conn.close();
  const show = async (value?: unknown, opts?: Record<string, unknown>) => {
    if (value !== undefined) await display(value, opts);
    if (synced) await marker(timeoutMs);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return Object.assign(show, {
    synced,
    close: () => {
      try {
        conn.close();
      } catch { /* already closed */ }
    },
  });
}
