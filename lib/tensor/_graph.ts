/**
 * The autograd and capture machinery shared by every op. An op is a node with an output buffer
 * allocated once, a forward kernel that fills it, and a backward kernel that accumulates into
 * its inputs' gradients. Eager execution runs each kernel once; while {@linkcode capture} records,
 * every kernel that runs is also appended to a tape that later replays on the same buffers.
 *
 * @module
 */

import { show } from "../_check.ts";
import { arena } from "./_storage.ts";

/** A kernel: reads and writes preallocated buffers, allocates nothing. */
export type Kernel = () => void;

let gradEnabled = true;
let tape: Kernel[] | null = null;

/**
 * Whether ops record their backward kernels (false inside {@linkcode noGrad}).
 *
 * @example
 * ```ts
 * import { isGradEnabled, noGrad } from "./mod.ts";
 * console.assert(isGradEnabled() && !noGrad(isGradEnabled));
 * ```
 */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `kernel` now, and appends it to the tape when a capture is recording. */
export function launch(kernel: Kernel): void {
  kernel();
  if (tape !== null) tape.push(kernel);
}

/**
 * Runs `fn` with gradient tracking off (PyTorch's `torch.no_grad()`): ops inside build no graph.
 *
 * @example
 * ```ts
 * import { noGrad, tensor } from "./mod.ts";
 * const w = tensor([1, 2], [2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(3));
 * console.assert(!y.requiresGrad);
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  if (typeof fn !== "function") {
    throw new TypeError(`noGrad: fn must be a function, got fn=${show(fn)}`);
  }
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/**
 * Captures one call of `fn` (typically a whole training step: forward, loss, `backward()`,
 * `optimizer.step()`) and returns a function that replays it. The first call runs `fn` eagerly
 * and records every kernel it launches; later calls replay those kernels on the same buffers and
 * return the same result object, whose data now holds the new values. Replays allocate nothing.
 *
 * What replays: tensor ops, `backward()`, `optimizer.zeroGrad()` and `optimizer.step()` (which
 * read `group.lr` each time, so schedulers keep working). What does not: plain JavaScript in
 * `fn`. Tensors created inside `fn` from JavaScript data are constants; to feed new inputs,
 * create the input tensors (and label arrays) outside and overwrite their contents in place.
 *
 * @example
 * ```ts
 * import { capture, tensor } from "./mod.ts";
 * const x = tensor([1, 2, 3]);
 * const y = capture(() => x.mul(x).sum());
 * console.assert(y().item() === 14);
 * x.data.set([2, 2, 2]);
 * console.assert(y().item() === 12); // replayed, no allocation
 * ```
 */
export function capture<T>(fn: () => T): () => T {
  if (typeof fn !== "function") {
    throw new TypeError(`capture: fn must be a function, got fn=${show(fn)}`);
  }
  let kernels: Kernel[] | null = null;
  let result: T;
  return () => {
    if (kernels === null) {
      if (tape !== null) throw new Error("capture: captures cannot be nested");
      const recording: Kernel[] = [];
      tape = recording;
      try {
        result = arena(fn); // what the step creates lives in WebAssembly memory
      } finally {
        tape = null;
      }
      kernels = recording;
      return result;
    }
    const ks = kernels;
    for (let i = 0; i < ks.length; i++) ks[i]!();
    return result;
  };
}
