/**
 * Pausable loops: a loop written once as a generator that yields the promises it may wait for,
 * run either synchronously (never waiting: `train`, `sweep`) or asynchronously (awaiting each
 * yielded promise, so the event loop runs in between: `trainAsync`, `sweepAsync`).
 *
 * @module
 */

/** A loop that yields what it may wait for and returns its result. */
export type PausableLoop<T> = Generator<PromiseLike<unknown>, T, void>;

/** True if `value` is a promise or another thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

/** Runs a loop created without pauses to its end; one `next()` does it all. */
export function runToEnd<T>(loop: PausableLoop<T>, name: string): T {
  const done = loop.next();
  if (!done.done) throw new Error(`${name}: the loop paused without pauses enabled`);
  return done.value;
}

/** Runs a loop, awaiting each promise it yields before resuming it. */
export async function runAwaiting<T>(loop: PausableLoop<T>): Promise<T> {
  let next = loop.next();
  while (!next.done) {
    await next.value;
    next = loop.next();
  }
  return next.value;
}
