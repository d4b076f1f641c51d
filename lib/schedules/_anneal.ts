/**
 * The annealing curves that the pure schedules and the PyTorch schedulers share, written once
 * in PyTorch's order of operations (so that both forms give PyTorch's floats bit for bit).
 *
 * @module
 */

/**
 * PyTorch's `_annealing_cos`: from `start` at `pct = 0` to `end` at `pct = 1` along half a
 * cosine, `end + (start - end) / 2 * (cos(pi * pct) + 1)`.
 */
export function annealingCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + (start - end) / 2.0 * cosOut;
}

/** PyTorch's `_annealing_linear`: `(end - start) * pct + start`. */
export function annealingLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

/**
 * The SGDR cosine (PyTorch's `CosineAnnealingWarmRestarts.get_lr`), `tCur` steps into a period
 * of `tI`: `low + (high - low) * (1 + cos(pi * tCur / tI)) / 2`.
 */
export function sgdrCos(high: number, low: number, tCur: number, tI: number): number {
  return low + (high - low) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
}
