/**
 * mulberry32: the one small seeded random number generator of the project (the same seed gives
 * the same sequence, so the demo stream, generated test data, goldens and property cases are
 * reproducible). Returns numbers in [0, 1). The hub's demo builds its distributions on it
 * (hub/random.ts); tests and benches use it through test/support/rng.ts.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
