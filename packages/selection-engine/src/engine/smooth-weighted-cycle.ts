import type { Pool, PoolSelectionCache } from './engine-snapshot.js';

/**
 * Smooth weighted round-robin costs one pass over the candidates per pick. Its state machine
 * is deterministic, though: with integer weights summing to W, if the current weights after
 * 2W picks equal those after W picks, the picks from then on repeat the last W forever. While
 * the candidate list stays the same, the engine records picks, checks that equality exactly
 * (integers in doubles compare exactly) and then replays the recorded cycle in O(1) per pick.
 *
 * During replay the pool's current weights are not updated; `settleWeights` recomputes them
 * from the weights at the cycle start and the picks made since, before anything else reads
 * or changes them (explanations, failover, export, a new candidate list, a new snapshot).
 */
export const CYCLE_OFF = 0;
export const CYCLE_RECORDING = 1;
export const CYCLE_REPLAYING = 2;

/** Longest cycle worth recording (memory: 8 bytes per pick of two cycles). */
export const MAX_CYCLE_LENGTH = 16_384;

/** Starts recording for the cache's (new) candidate list when the weights allow a cycle. */
export function startCycle(pool: Pool, cache: PoolSelectionCache): void {
  cache.cycleMode = CYCLE_OFF;
  cache.cycleRecorded = 0;
  cache.cyclePhase = 0;
  if (cache.count < 2) return;
  let total = 0;
  for (let index = 0; index < cache.count; index += 1) {
    const weight = pool.entries[cache.list[index]!]!.weight;
    if (!Number.isInteger(weight)) return;
    total += weight;
  }
  if (total === 0 || total > MAX_CYCLE_LENGTH) return;
  cache.cycleLength = total;
  if (cache.cycleSchedule === null || cache.cycleSchedule.length < 2 * total) cache.cycleSchedule = new Int32Array(2 * total);
  cache.cycleStartWeights ??= new Float64Array(pool.entries.length);
  cache.cycleMode = CYCLE_RECORDING;
}

/** Notes a pick made the ordinary way; switches to replay once the cycle is proven. */
export function recordPick(pool: Pool, cache: PoolSelectionCache, position: number): void {
  const length = cache.cycleLength;
  const schedule = cache.cycleSchedule!;
  const startWeights = cache.cycleStartWeights!;
  const current = pool.cursor.currentWeights;
  schedule[cache.cycleRecorded] = position;
  cache.cycleRecorded += 1;
  if (cache.cycleRecorded === length) {
    startWeights.set(current);
  } else if (cache.cycleRecorded === 2 * length) {
    let repeats = true;
    for (let index = 0; index < current.length; index += 1) {
      if (current[index] !== startWeights[index]) {
        repeats = false;
        break;
      }
    }
    if (repeats) {
      cache.cycleMode = CYCLE_REPLAYING;
      cache.cyclePhase = 0;
    } else {
      cache.cycleRecorded = 0;
    }
  }
}

/** The next pick during replay. */
export function replayPick(cache: PoolSelectionCache, dryRun: boolean): number {
  const position = cache.cycleSchedule![cache.cycleLength + cache.cyclePhase]!;
  if (!dryRun) {
    cache.cyclePhase += 1;
    if (cache.cyclePhase === cache.cycleLength) cache.cyclePhase = 0;
  }
  return position;
}

/**
 * Brings the pool's current weights up to date and stops replay/recording, so the caller may
 * read or change them. Recording starts again on the next cached pick.
 */
export function settleWeights(pool: Pool): void {
  const cache = pool.cache;
  if (cache.cycleMode === CYCLE_OFF) return;
  if (cache.cycleMode === CYCLE_REPLAYING) {
    const current = pool.cursor.currentWeights;
    const length = cache.cycleLength;
    const phase = cache.cyclePhase;
    const schedule = cache.cycleSchedule!;
    current.set(cache.cycleStartWeights!);
    for (let index = 0; index < cache.count; index += 1) {
      const position = cache.list[index]!;
      current[position]! += phase * pool.entries[position]!.weight;
    }
    for (let step = 0; step < phase; step += 1) current[schedule[length + step]!]! -= length;
  }
  // Picks made elsewhere (explanations, failover) would not be recorded, so record afresh.
  cache.cycleMode = CYCLE_RECORDING;
  cache.cycleRecorded = 0;
  cache.cyclePhase = 0;
}
