import { priceOf } from '../config/candidate-price.js';
import { CIRCUIT_PROBE } from '../health/circuit-breaker.js';
import type { RandomSource } from '../random/random-source.js';
import type { InstanceEntry, Pool, PoolSelectionCache } from './engine-snapshot.js';
import type { SelectionContext } from './selection-context.js';

/** Success fraction of an instance for ranking; instances without data count as perfect. */
function healthScore(entry: InstanceEntry, context: SelectionContext): number {
  const runtime = entry.runtime;
  const snapshot = context.snapshot;
  runtime.refreshStats(context.nowMs, snapshot.windowMs);
  const streak = runtime.breaker.consecutiveFailures / (snapshot.settings.circuitBreaker.failureThreshold + 1);
  const probing = runtime.breaker.state !== 'closed' && runtime.breaker.admission(context.nowMs, snapshot.recoveryMs) === CIRCUIT_PROBE;
  return runtime.statsSuccessFraction * Math.max(0, 1 - streak) * (probing ? 0.5 : 1);
}

/**
 * The figure ranking policies compare, lower wins. Ties go to the lower priority number, then
 * configuration order. Instances without latency or success data rank after measured ones, as
 * do instances without a price under LOWEST_COST.
 */
export function rankKey(entry: InstanceEntry, context: SelectionContext): number {
  switch (context.policy) {
    case 'PRIORITY':
      return entry.priority;
    case 'LEAST_CONNECTIONS':
      return entry.runtime.activeOperations;
    case 'FASTEST_RESPONSE': {
      const runtime = entry.runtime;
      runtime.refreshStats(context.nowMs, context.snapshot.windowMs);
      return runtime.statsLatencySamples === 0 ? Number.POSITIVE_INFINITY : runtime.statsMeanLatencyMs;
    }
    case 'HIGHEST_SUCCESS_RATE': {
      const runtime = entry.runtime;
      runtime.refreshStats(context.nowMs, context.snapshot.windowMs);
      return runtime.statsSamples === 0 ? Number.POSITIVE_INFINITY : -runtime.statsSuccessFraction;
    }
    case 'CAPABILITY_BASED': {
      // Best fit: the instance with the fewest capabilities beyond what is needed, which keeps
      // broadly capable instances free for the templates only they can serve.
      const needed = context.query.required.length + (context.api === undefined || context.query.required.includes(context.api) ? 0 : 1);
      return entry.capabilities.size - needed;
    }
    case 'HEALTH_BASED':
      return -healthScore(entry, context);
    case 'LOWEST_COST':
      return priceOf(context.prices, entry.name) ?? Number.POSITIVE_INFINITY;
    default:
      return entry.position;
  }
}

/** True when `candidate` ranks strictly before `incumbent`. */
export function ranksBefore(candidateKey: number, candidate: InstanceEntry, incumbentKey: number, incumbent: InstanceEntry): boolean {
  if (candidateKey !== incumbentKey) return candidateKey < incumbentKey;
  if (candidate.priority !== incumbent.priority) return candidate.priority < incumbent.priority;
  return candidate.position < incumbent.position;
}

function roundRobin(pool: Pool, list: Int32Array, count: number, dryRun: boolean): number {
  // The first eligible position at or after the cursor (binary search: `list` is ascending),
  // wrapping around to the first one.
  const start = pool.cursor.next;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < start) low = middle + 1;
    else high = middle;
  }
  const chosen = low < count ? list[low]! : list[0]!;
  if (!dryRun) pool.cursor.next = chosen + 1;
  return chosen;
}

/**
 * Smooth weighted round-robin (nginx): every eligible candidate's current weight grows by its
 * weight, the largest wins and gives back the total. Over a cycle each candidate is chosen in
 * exact proportion to its weight, interleaved rather than in bursts. Weight-0 candidates are
 * standbys: they take turns only when no weighted candidate is eligible.
 */
function smoothWeighted(pool: Pool, list: Int32Array, count: number, dryRun: boolean): number {
  const entries = pool.entries;
  const current = pool.cursor.currentWeights;
  let total = 0;
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index += 1) {
    const position = list[index]!;
    const weight = entries[position]!.weight;
    if (weight === 0) continue;
    const value = current[position]! + weight;
    total += weight;
    if (value > bestValue) {
      bestValue = value;
      best = position;
    }
  }
  if (total === 0) return roundRobin(pool, list, count, dryRun);
  if (!dryRun) {
    for (let index = 0; index < count; index += 1) {
      const position = list[index]!;
      current[position]! += entries[position]!.weight;
    }
    current[best]! -= total;
  }
  return best;
}

/** Uniform draws ignore weights; weighted draws with no weight at all fall back to uniform. */
function usesWeights(context: SelectionContext): boolean {
  return context.snapshot.settings.randomWeighting === 'weighted';
}

/**
 * Weighted draw: the first candidate whose running weight total exceeds the draw. The cached
 * path keeps the same running totals and binary-searches them, so both pick alike.
 */
function randomPick(pool: Pool, list: Int32Array, count: number, context: SelectionContext, random: RandomSource): number {
  const entries = pool.entries;
  let total = 0;
  if (usesWeights(context)) for (let index = 0; index < count; index += 1) total += entries[list[index]!]!.weight;
  if (total === 0) return list[Math.min(count - 1, Math.floor(random() * count))]!;
  const draw = random() * total;
  let cumulative = 0;
  for (let index = 0; index < count; index += 1) {
    cumulative += entries[list[index]!]!.weight;
    if (draw < cumulative) return list[index]!;
  }
  return list[count - 1]!;
}

/** The cached RANDOM path: running totals computed once per cache, then a binary search. */
export function randomPickCached(pool: Pool, cache: PoolSelectionCache, context: SelectionContext, random: RandomSource): number {
  const list = cache.list;
  const count = cache.count;
  if (cache.weightTotal < 0) {
    let cumulative = 0;
    if (usesWeights(context)) {
      for (let index = 0; index < count; index += 1) {
        cumulative += pool.entries[list[index]!]!.weight;
        cache.cumulativeWeights[index] = cumulative;
      }
    }
    cache.weightTotal = cumulative;
  }
  if (cache.weightTotal === 0) return list[Math.min(count - 1, Math.floor(random() * count))]!;
  const draw = random() * cache.weightTotal;
  const cumulativeWeights = cache.cumulativeWeights;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (draw < cumulativeWeights[middle]!) high = middle;
    else low = middle + 1;
  }
  return list[low]!;
}

/**
 * Chooses among the eligible pool positions in `list` (ascending, `count` of them). `dryRun`
 * leaves rotation state untouched so a plan can be shown without changing the next pick.
 */
export function pickPosition(
  pool: Pool,
  context: SelectionContext,
  list: Int32Array,
  count: number,
  dryRun: boolean,
  random: RandomSource,
): number {
  switch (context.policy) {
    case 'ROUND_ROBIN':
      return roundRobin(pool, list, count, dryRun);
    case 'WEIGHTED_ROUND_ROBIN':
      return smoothWeighted(pool, list, count, dryRun);
    case 'RANDOM':
      return randomPick(pool, list, count, context, random);
    default: {
      const entries = pool.entries;
      let best = list[0]!;
      let bestEntry = entries[best]!;
      let bestKey = rankKey(bestEntry, context);
      for (let index = 1; index < count; index += 1) {
        const position = list[index]!;
        const entry = entries[position]!;
        const key = rankKey(entry, context);
        if (ranksBefore(key, entry, bestKey, bestEntry)) {
          best = position;
          bestEntry = entry;
          bestKey = key;
        }
      }
      return best;
    }
  }
}

/** The figure shown for a candidate in explanations, with its label. */
export function explanationScore(
  pool: Pool,
  position: number,
  context: SelectionContext,
  eligibleWeightTotal: number,
  eligibleCount: number,
): number | null {
  const entry = pool.entries[position]!;
  const runtime = entry.runtime;
  switch (context.policy) {
    case 'FIRST_AVAILABLE':
      return entry.position;
    case 'PRIORITY':
      return entry.priority;
    case 'ROUND_ROBIN': {
      const length = pool.entries.length;
      return (((position - pool.cursor.next) % length) + length) % length;
    }
    case 'WEIGHTED_ROUND_ROBIN':
      return pool.cursor.currentWeights[position]! + entry.weight;
    case 'LEAST_CONNECTIONS':
      return runtime.activeOperations;
    case 'FASTEST_RESPONSE':
      runtime.refreshStats(context.nowMs, context.snapshot.windowMs);
      return runtime.statsLatencySamples === 0 ? null : runtime.statsMeanLatencyMs;
    case 'HIGHEST_SUCCESS_RATE':
      runtime.refreshStats(context.nowMs, context.snapshot.windowMs);
      return runtime.statsSamples === 0 ? null : runtime.statsSuccessFraction * 100;
    case 'CAPABILITY_BASED':
      return rankKey(entry, context);
    case 'HEALTH_BASED':
      return healthScore(entry, context);
    case 'LOWEST_COST':
      return priceOf(context.prices, entry.name) ?? null;
    case 'RANDOM':
      if (context.snapshot.settings.randomWeighting === 'uniform' || eligibleWeightTotal === 0) return 1 / eligibleCount;
      return entry.weight / eligibleWeightTotal;
  }
}

export const SCORE_LABELS = {
  FIRST_AVAILABLE: 'position',
  PRIORITY: 'priority',
  ROUND_ROBIN: 'turns_until_next',
  WEIGHTED_ROUND_ROBIN: 'current_weight',
  LEAST_CONNECTIONS: 'active_operations',
  FASTEST_RESPONSE: 'mean_latency_ms',
  HIGHEST_SUCCESS_RATE: 'success_rate_percent',
  CAPABILITY_BASED: 'unneeded_capabilities',
  HEALTH_BASED: 'health_score',
  LOWEST_COST: 'price_hourly',
  RANDOM: 'probability',
} as const;
