/**
 * The generator's random source: xoshiro128** (Blackman & Vigna), a fast 32-bit PRNG with a
 * 128-bit state, seeded through SplitMix32 from a hash of integers. Nothing in the generator
 * uses Math.random or the clock; every stream is derived from the user's seed and a stable key
 * (member number, provider number, file, block), so output does not depend on how the work is
 * split between threads.
 */

/** MurmurHash3's 32-bit finaliser: a good avalanche mix of one integer. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a list of integers (seed, stream id, keys) into one 32-bit value. */
export function hashInts(...values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = fmix32((h ^ (v | 0)) + 0x7f4a7c15 + Math.imul(h, 31));
    // Mix in the high part of values above 2^32 (member numbers and days stay below it).
    if (v > 0xffffffff || v < -0x80000000) h = fmix32(h ^ Math.floor(v / 4294967296));
  }
  return h >>> 0;
}

/** hashInts for exactly three 32-bit integers, without allocating (hot loops). */
export function hash3(a: number, b: number, c: number): number {
  let h = 0x9e3779b9;
  h = fmix32((h ^ (a | 0)) + 0x7f4a7c15 + Math.imul(h, 31));
  h = fmix32((h ^ (b | 0)) + 0x7f4a7c15 + Math.imul(h, 31));
  h = fmix32((h ^ (c | 0)) + 0x7f4a7c15 + Math.imul(h, 31));
  return h >>> 0;
}

/** Hashes a string (stream names) to 32 bits (FNV-1a, then mixed). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** A uniform number in [0, 1) from a hash of integers, for one-off latent traits. */
export function unitFromHash(...values: readonly number[]): number {
  return hashInts(...values) / 4294967296;
}

const TWO_PI = Math.PI * 2;

export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(...key: readonly number[]) {
    this.reseed(...key);
  }

  /** Re-seeds in place (the hot loop re-uses one instance per member instead of allocating). */
  reseed(...key: readonly number[]): this {
    let x = hashInts(...key);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    return this;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max] inclusive. */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(TWO_PI * this.next());
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson count (Knuth below 30, normal approximation above). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang (shape < 1 boosted). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.next() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Draws indices in proportion to fixed weights (cumulative table, binary search). */
export class WeightedTable {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new RangeError('WeightedTable needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new RangeError(`Weight ${i} must be >= 0, got ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('WeightedTable needs a positive total weight');
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  sample(random: Random): number {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A weighted choice among values. */
export class WeightedChoice<T> {
  private readonly table: WeightedTable;

  constructor(private readonly entries: readonly (readonly [T, number])[]) {
    this.table = new WeightedTable(entries.map(([, w]) => w));
  }

  sample(random: Random): T {
    return this.entries[this.table.sample(random)][0];
  }
}
