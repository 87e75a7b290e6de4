/** Returns a number in [0, 1); injectable so RANDOM selections are reproducible in tests. */
export type RandomSource = () => number;

/**
 * A small seeded generator (mulberry32): the same seed gives the same sequence, which makes
 * RANDOM decisions repeatable in tests and benchmarks. Not for anything security related.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
