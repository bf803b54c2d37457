/** The demo's distributions on the project's one seeded PRNG (app/random.ts), so the same `--seed` gives the same demo stream. */
import { mulberry32 } from '../app/random';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** One item, by weight. */
  pick<T>(items: readonly T[], weight?: (t: T) => number): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Poisson-distributed count with mean `lambda` (Knuth; fine for small lambda). */
  poisson(lambda: number): number;
}

export function createRng(seed: number): Rng {
  // Seed 0 would start the generator at its fixed point of the first step: the golden ratio instead.
  const next = mulberry32(seed >>> 0 || 0x9e3779b9);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick(items, weight) {
      if (!weight) return items[Math.floor(next() * items.length)]!;
      let total = 0;
      for (const it of items) total += weight(it);
      let r = next() * total;
      for (const it of items) if ((r -= weight(it)) < 0) return it;
      return items[items.length - 1]!;
    },
    normal() {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    poisson(lambda) {
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
      const l = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
  };
}
