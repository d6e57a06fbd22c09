/**
 * Deterministic randomness for the benchmark data: the same seed gives the same register,
 * byte for byte, so results at one scale can be compared across runs and machines.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    // mulberry32 needs a non-zero 32-bit state; mix the seed so small seeds differ widely.
    this.state = (seed ^ 0x9e3779b9) >>> 0 || 1;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A version-4-shaped uuid drawn from this generator (not from crypto: it must repeat). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push((Math.floor(this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0'));
    const h = hex.join('');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A whole number from a Pareto-like tail: mostly `min`, rarely large (capped at `max`). */
  powerLaw(min: number, max: number, exponent: number): number {
    const u = 1 - this.next();
    return Math.min(max, Math.floor(min * Math.pow(u, -1 / exponent)));
  }
}

/**
 * Draws indexes with probability proportional to fixed weights, by binary search over the
 * cumulative sums: O(log n) a draw, so millions of draws stay cheap.
 */
export class WeightedSampler {
  private readonly cumulative: Float64Array;

  constructor(
    weights: readonly number[],
    private readonly random: Random,
  ) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      sum += weight;
      this.cumulative[index] = sum;
    });
  }

  draw(): number {
    const target = this.random.next() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Zipf weights 1/(rank+1)^s: a few hubs with many partners, a long tail with one or two. */
export function zipfWeights(count: number, exponent: number): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / Math.pow(rank + 1, exponent));
}
