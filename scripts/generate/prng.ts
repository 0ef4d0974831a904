/**
 * Seeded pseudo-random numbers for the telemetry generator. Everything random in a generated file
 * comes from here, so the same seed gives byte-identical output (Math.random is never used).
 *
 * Core: xoshiro128** (32-bit state words, Math.imul), seeded through splitmix32 so that nearby seeds
 * and stream ids give unrelated sequences. Distributions: uniform, integer, Box-Muller normal,
 * Poisson (multiplication method for small means, Hörmann's PTRS as in NumPy for large ones).
 */

const TWO_POW_MINUS_32 = 2 ** -32;
const TWO_PI = 2 * Math.PI;

function splitmix32(state: number): { state: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { state: next, value: z | 0 };
}

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex32(word: number): string {
  return (
    HEX_BYTE[(word >>> 24) & 0xff] +
    HEX_BYTE[(word >>> 16) & 0xff] +
    HEX_BYTE[(word >>> 8) & 0xff] +
    HEX_BYTE[word & 0xff]
  );
}

export class Rng {
  /** Typed array, so the int32 state words never get boxed as heap numbers. */
  private readonly s = new Int32Array(4);
  private spareNormal: number | null = null;

  /**
   * @param seed any integer 0..2^32-1
   * @param stream independent sub-sequence id, so separate concerns (timeline, sessions, dirty rows)
   *   never shift each other's draws
   */
  constructor(seed: number, stream = 0) {
    let st = splitmix32(seed | 0).value ^ Math.imul(stream + 1, 0x632be5ab);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = splitmix32(st);
      st = r.state;
      words.push(r.value);
    }
    if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
    this.s.set(words);
  }

  /** Next raw 32-bit value as an unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** Pick one element uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)]!;
  }

  /** Normal(mean, sd) by Box-Muller; the second value of each pair is kept for the next call. */
  normal(mean: number, sd: number): number {
    let z: number;
    if (this.spareNormal !== null) {
      z = this.spareNormal;
      this.spareNormal = null;
    } else {
      const u1 = 1 - this.uniform(); // (0, 1]: log never sees 0
      const u2 = this.uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      z = r * Math.cos(TWO_PI * u2);
      this.spareNormal = r * Math.sin(TWO_PI * u2);
    }
    return mean + sd * z;
  }

  /** Poisson-distributed integer with the given mean (0 for a mean <= 0). */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  /** Transformed rejection with squeeze (Hörmann 1993), exact for mean >= 10. */
  private poissonPtrs(lam: number): number {
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -lam + k * loglam - logGamma(k + 1)
      ) {
        return k;
      }
    }
  }

  /** A random RFC 4122 version-4-format UUID (version nibble 4, variant 10xx). */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = ((this.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.nextUint32();
    const h1 = hex32(w1);
    const h2 = hex32(w2);
    return `${hex32(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex32(w3)}`;
  }
}

const LOG_GAMMA_COEFFS = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4,
  8.417508417508418e-4, -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2,
  1.796443723688307e-1, -1.3924322169059,
];

/** log Γ(x) for x > 0 (Stirling series, shifted up to x >= 7; the NumPy routine). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const n = x < 7 ? Math.floor(7 - x) : 0;
  let x0 = x + n;
  const x2 = 1 / (x0 * x0);
  let gl0 = LOG_GAMMA_COEFFS[9]!;
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOG_GAMMA_COEFFS[k]!;
  let gl = gl0 / x0 + 0.5 * Math.log(TWO_PI) + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= n; k++) {
    gl -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return gl;
}

/** Precomputed cumulative weights for fast weighted picks. */
export class WeightedTable<T> {
  readonly values: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error("WeightedTable needs at least one entry");
    this.values = entries.map(([value]) => value);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new Error(`weight must be >= 0, got ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new Error("WeightedTable needs a positive total weight");
    this.total = sum;
  }

  pick(rng: Rng): T {
    const target = rng.uniform() * this.total;
    const cum = this.cumulative;
    let i = 0;
    while (i < cum.length - 1 && target >= cum[i]!) i++;
    return this.values[i]!;
  }

  /** Share of one value (0..1), e.g. for documenting expected mixes. */
  share(index: number): number {
    const prev = index === 0 ? 0 : this.cumulative[index - 1]!;
    return (this.cumulative[index]! - prev) / this.total;
  }
}
