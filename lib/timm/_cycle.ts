/**
 * The arithmetic timm's cycle schedulers share (cosine, tanh, poly), written with Python's
 * operations in Python's order so that the floats agree: `a // b` on floats, `math.log(x, base)`
 * as `log(x) / log(base)`, and the cycle index, length and position.
 *
 * @module
 */

/**
 * Python's `a // b` for floats and ints (`float_floor_div` in CPython): floor of the quotient,
 * computed from `fmod` so that it is exact where `Math.floor(a / b)` may round up.
 */
export function floorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0 * Math.sign(a / b);
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

/** Python's `bisect.bisect_right(sorted, x)`: how many entries are `<= x`. */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < (sorted[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Where `t` falls in timm's cycles: cycle index `i`, its length `tI`, and `tCurr` into it. */
export interface CyclePosition {
  /** Index of the cycle, 0 for the first. */
  i: number;
  /** Length of cycle `i`: `tInitial · cycleMul^i`. */
  tI: number;
  /** Time since the start of cycle `i`. */
  tCurr: number;
}

/**
 * timm's cycle arithmetic, word for word:
 *
 * ```
 * cycleMul != 1:  i = floor(log(1 - t / tInitial · (1 - cycleMul), cycleMul))
 *                 tI = cycleMul^i · tInitial
 *                 tCurr = t - (1 - cycleMul^i) / (1 - cycleMul) · tInitial
 * cycleMul == 1:  i = t // tInitial,  tI = tInitial,  tCurr = t - tInitial · i
 * ```
 *
 * With `cycleMul < 1` the cycles sum to `tInitial / (1 - cycleMul)`; from there on Python's
 * `math.log` raises "math domain error", and so does this (a `RangeError`).
 */
export function cyclePosition(t: number, tInitial: number, cycleMul: number): CyclePosition {
  if (cycleMul !== 1) {
    const x = 1 - t / tInitial * (1 - cycleMul);
    if (!(x > 0)) {
      throw new RangeError(
        `math domain error: t=${t} lies past the end of the shrinking cycles ` +
          `(tInitial=${tInitial}, cycleMul=${cycleMul})`,
      );
    }
    const i = Math.floor(Math.log(x) / Math.log(cycleMul));
    return {
      i,
      tI: cycleMul ** i * tInitial,
      tCurr: t - (1 - cycleMul ** i) / (1 - cycleMul) * tInitial,
    };
  }
  const i = floorDiv(t, tInitial);
  return { i, tI: tInitial, tCurr: t - tInitial * i };
}

/**
 * timm's `get_cycle_length(cycles)`: the length of the first `max(1, cycles || cycleLimit)`
 * cycles, plus `warmupT` when the warmup is a prefix.
 */
export function cycleLength(
  o: { tInitial: number; cycleMul: number; cycleLimit: number; warmupT: number },
  warmupPrefix: boolean,
  cycles = 0,
): number {
  const n = Math.max(1, cycles || o.cycleLimit);
  const t = o.cycleMul === 1
    ? o.tInitial * n
    : Math.floor(-o.tInitial * (o.cycleMul ** n - 1) / (1 - o.cycleMul));
  return warmupPrefix ? t + o.warmupT : t;
}
