/**
 * `fma(a, b, c)`: a · b + c rounded once (IEEE 754 fusedMultiplyAdd), computed exactly with
 * BigInt. PyTorch's CPU `lerp` kernels use a fused multiply-add, so an EMA written with `lerp`
 * needs it to give PyTorch's last bit.
 *
 * @module
 */

const view = new DataView(new ArrayBuffer(8));

/** x = mantissa · 2^exponent exactly, for a finite non-zero x. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return [x < 0 ? -mantissa : mantissa, exponent];
}

/** x · 2^n, exact whenever the result is a normal number (scaled in steps that stay normal). */
function ldexp(x: number, n: number): number {
  while (n > 1000) [x, n] = [x * 2 ** 1000, n - 1000];
  while (n < -1000) [x, n] = [x * 2 ** -1000, n + 1000];
  return x * 2 ** n;
}

/** The double nearest to m · 2^e (ties to even). */
function round(m: bigint, e: number): number {
  const negative = m < 0n;
  let q = negative ? -m : m;
  const bits = q.toString(2).length;
  // keep 53 significant bits, or fewer where the result is subnormal (multiples of 2^-1074)
  const shift = Math.max(bits - 53, -1074 - e);
  if (shift > 0) {
    const s = BigInt(shift);
    const rest = q & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    q >>= s;
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
    e += shift;
  }
  const value = ldexp(Number(q), e);
  return negative ? -value : value;
}

/** a · b + c with a single rounding, as C's `fma` and PyTorch's vectorised kernels compute it. */
export function fma(a: number, b: number, c: number): number {
  if (
    !Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0 ||
    c === 0
  ) {
    return a * b + c;
  }
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return sum === 0n ? 0 : round(sum, e);
}
