/**
 * Mini-batches for `train()`: how an epoch splits into batches, the row order of each epoch
 * (in order, or reshuffled from the run's seeded stream), and copying a batch's rows into
 * fixed buffers so that a captured step replays on them without allocating.
 *
 * @module
 */

import type { Random } from "../random.ts";
import { Tensor } from "../tensor/tensor.ts";
import { allocData, arena, type DType } from "../tensor/_storage.ts";

/** How the training rows are cut into batches, the same in every epoch. */
export interface BatchPlan {
  /** How many training rows there are. */
  rows: number;
  /** Rows per full batch. */
  batchSize: number;
  /** Full batches per epoch: ⌊rows / batchSize⌋. */
  full: number;
  /** Rows in the last, partial batch (0 when it is dropped or there is none). */
  rest: number;
  /** Optimizer steps per epoch: `full`, plus one for a partial batch that is kept. */
  stepsPerEpoch: number;
  /** True when every step takes all rows in their given order: no copying needed. */
  direct: boolean;
}

/**
 * The batches of one epoch: ⌊rows / batchSize⌋ full batches, then the remaining rows as one
 * smaller batch unless `dropLast` (PyTorch's `DataLoader(batch_size, drop_last)`).
 *
 * @example
 * ```ts
 * import { planBatches } from "./_batches.ts";
 * const plan = planBatches(10, 4, false, false);
 * console.assert(plan.full === 2 && plan.rest === 2 && plan.stepsPerEpoch === 3);
 * console.assert(planBatches(10, 4, true, false).stepsPerEpoch === 2);
 * ```
 */
export function planBatches(
  rows: number,
  batchSize: number,
  dropLast: boolean,
  shuffle: boolean,
): BatchPlan {
  if (batchSize > rows) {
    // PyTorch's DataLoader: one short batch of every row, or none with drop_last.
    if (dropLast) {
      throw new RangeError(
        `batchSize=${batchSize} with dropLast drops every row: there are only ${rows} training rows`,
      );
    }
    return { rows, batchSize: rows, full: 1, rest: 0, stepsPerEpoch: 1, direct: !shuffle };
  }
  const full = Math.floor(rows / batchSize);
  const rest = dropLast ? 0 : rows - full * batchSize;
  return {
    rows,
    batchSize,
    full,
    rest,
    stepsPerEpoch: full + (rest > 0 ? 1 : 0),
    direct: !shuffle && batchSize === rows,
  };
}

/**
 * Resets `order` to 0…n−1 and shuffles it in place with d3-array's Fisher–Yates `shuffler`
 * algorithm on `rng`'s source, so the order equals `rng.shuffle([0, …, n−1])` and depends only
 * on the stream's state; allocates nothing.
 *
 * @example
 * ```ts
 * import { reshuffle } from "./_batches.ts";
 * import { Random } from "../random.ts";
 * const order = new Int32Array(5);
 * reshuffle(order, new Random(1));
 * const expected = new Random(1).shuffle([0, 1, 2, 3, 4]);
 * console.assert(Array.from(order).join() === expected.join());
 * ```
 */
export function reshuffle(order: Int32Array, rng: Random): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  const random = rng.source;
  let m = order.length;
  while (m) {
    const i = random() * m-- | 0;
    const t = order[m]!;
    order[m] = order[i]!;
    order[i] = t;
  }
}

/** Fixed buffers for one batch shape: features `[size, width]` and labels. */
export interface BatchBuffers {
  /** The features, overwritten in place for every batch. */
  x: Tensor;
  /** The labels, overwritten in place. */
  y: Int32Array;
}

/**
 * Buffers for batches of `size` rows of `width` features of `dtype` (the model's).
 *
 * @example
 * ```ts
 * import { batchBuffers } from "./_batches.ts";
 * const b = batchBuffers(4, 3);
 * console.assert(b.x.shape.join() === "4,3" && b.y.length === 4);
 * ```
 */
export function batchBuffers(size: number, width: number, dtype: DType = "float64"): BatchBuffers {
  // in WebAssembly memory, where a captured step's matrix products read the batch in place
  const x = new Tensor(arena(() => allocData(dtype, size * width)), [size, width]);
  return { x, y: new Int32Array(size) };
}

/**
 * Copies rows `order[start]`, …, `order[start + size − 1]` of `x` and `y` into `into`
 * (whose size is `size`); allocates nothing.
 *
 * @example
 * ```ts
 * import { batchBuffers, fillBatch } from "./_batches.ts";
 * import { tensor } from "../tensor/mod.ts";
 * const b = batchBuffers(2, 2);
 * fillBatch(tensor([[1, 2], [3, 4], [5, 6]]), Int32Array.of(0, 1, 2), Int32Array.of(2, 0, 1), 0, b);
 * console.assert(Array.from(b.x.data).join() === "5,6,1,2" && b.y.join() === "2,0");
 * ```
 */
export function fillBatch(
  x: Tensor,
  y: Int32Array,
  order: Int32Array,
  start: number,
  into: BatchBuffers,
): void {
  const width = x.shape[1]!;
  const src = x.data, dst = into.x.data, labels = into.y;
  for (let k = 0; k < labels.length; k++) {
    const row = order[start + k]!;
    const from = row * width, to = k * width;
    for (let j = 0; j < width; j++) dst[to + j] = src[from + j]!;
    labels[k] = y[row]!;
  }
}
