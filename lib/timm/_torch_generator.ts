/**
 * PyTorch's CPU random generator (`torch.Generator()` on the CPU: `at::mt19937`), as far as
 * timm's noise needs it: `manual_seed(seed)`, `torch.randn(1, generator=g)` and
 * `torch.rand(1, generator=g)` in float32, the default dtype. Checked against torch 1.13's own
 * draws in tests/timm/noise_test.ts.
 *
 * - `manual_seed(seed)` seeds MT19937 with the low 32 bits of the seed taken as an unsigned
 *   64-bit integer (so -1 seeds like 2^32 - 1).
 * - `rand` (float32): the low 24 bits of one 32-bit draw, times 2^-24.
 * - `randn` (float32): Box–Muller in double from two 53-bit uniforms (each from two 32-bit
 *   draws, high word first), `r = sqrt(-2 log1p(-u2))`, `theta = 2π u1`; returns
 *   `r cos(theta)` rounded to float32 and keeps `r sin(theta)` in the generator for the next
 *   call (torch's `next_double_normal_sample`).
 *
 * @module
 */

const N = 624;
const M = 397;
const TWO_POW_32 = 4294967296;

/** One `torch.Generator` on the CPU, seeded like `g.manual_seed(seed)`. */
export class TorchCpuGenerator {
  #state = new Uint32Array(N);
  #index = N;
  #nextNormal: number | undefined;

  /** `seed` must be a safe integer; negative seeds wrap as in torch (unsigned 64-bit). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be a safe integer, got seed=${seed}`);
    }
    const low = ((seed % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
    this.#state[0] = low;
    for (let i = 1; i < N; i++) {
      const previous = this.#state[i - 1] as number;
      this.#state[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
  }

  /** The next 32-bit output of MT19937, as an unsigned integer. */
  nextUint32(): number {
    const s = this.#state;
    if (this.#index >= N) {
      for (let k = 0; k < N; k++) {
        const y = ((s[k] as number) & 0x80000000) | ((s[(k + 1) % N] as number) & 0x7fffffff);
        s[k] = (s[(k + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.#index = 0;
    }
    let y = s[this.#index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** torch's `uniform_real_distribution<double>(0, 1)`: 53 bits of a 64-bit draw, times 2^-53. */
  #uniform53(): number {
    const hi = this.nextUint32();
    const lo = this.nextUint32();
    return ((hi & 0x1fffff) * TWO_POW_32 + lo) * 2 ** -53;
  }

  /** `torch.rand(1, generator=g).item()`: a float32 uniform in [0, 1). */
  rand(): number {
    return (this.nextUint32() & 0xffffff) * 2 ** -24;
  }

  /** `torch.randn(1, generator=g).item()`: a float32 standard normal. */
  randn(): number {
    if (this.#nextNormal !== undefined) {
      const cached = this.#nextNormal;
      this.#nextNormal = undefined;
      return Math.fround(cached);
    }
    const u1 = this.#uniform53();
    const u2 = this.#uniform53();
    const r = Math.sqrt(-2.0 * Math.log1p(-u2));
    const theta = 2.0 * Math.PI * u1;
    this.#nextNormal = r * Math.sin(theta);
    return Math.fround(r * Math.cos(theta));
  }
}
