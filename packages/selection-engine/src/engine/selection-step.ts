import type { RandomSource } from '../random/random-source.js';
import type { InstanceEntry, Pool, PoolSelectionCache } from './engine-snapshot.js';
import { checkEligibility } from './eligibility.js';
import { explanationScore, pickPosition, randomPickCached, rankKey, ranksBefore, SCORE_LABELS } from './policy-pick.js';
import type { SelectionContext } from './selection-context.js';
import { CYCLE_RECORDING, CYCLE_REPLAYING, recordPick, replayPick, settleWeights, startCycle } from './smooth-weighted-cycle.js';
import type { CandidateExplanation, ExplanationStep, SkipDetail } from './selection-explanation.js';

const STATS_POLICIES: ReadonlySet<string> = new Set(['FASTEST_RESPONSE', 'HIGHEST_SUCCESS_RATE', 'HEALTH_BASED']);
const MINUTE_MS = 60_000;

function sameTypes(left: readonly string[] | undefined, right: readonly string[] | undefined): boolean {
  if (left === right) return true;
  if (left === undefined || right === undefined || left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return false;
  return true;
}

/** The earliest future moment at which time alone changes how `entry` looks to selection. */
function nextChangeMs(entry: InstanceEntry, context: SelectionContext): number {
  const runtime = entry.runtime;
  const nowMs = context.nowMs;
  let next = Number.POSITIVE_INFINITY;
  if (runtime.breaker.state !== 'closed') {
    const probeAt = runtime.breaker.nextProbeAtMs(context.snapshot.recoveryMs);
    if (probeAt !== null && probeAt > nowMs) next = probeAt;
  }
  const retryAt = runtime.health.retryAtMs;
  if (!runtime.health.healthy && retryAt !== null && retryAt > nowMs && retryAt < next) next = retryAt;
  if (runtime.blocks.size > 0) next = Math.min(next, runtime.blocks.nextExpiryAfter(nowMs));
  return next;
}

/** Collects eligible positions into `list`, narrowed to preferred instances when any is eligible. */
function collectEligible(pool: Pool, context: SelectionContext, list: Int32Array, preferredList: Int32Array): { list: Int32Array; count: number } {
  const entries = pool.entries;
  let count = 0;
  for (let position = 0; position < entries.length; position += 1) {
    if (checkEligibility(entries[position]!, context, null)) {
      list[count] = position;
      count += 1;
    }
  }
  const preferred = context.query.preferred;
  if (preferred === null || count === 0) return { list, count };
  let preferredCount = 0;
  for (let index = 0; index < count; index += 1) {
    if (preferred.has(entries[list[index]!]!.name)) {
      preferredList[preferredCount] = list[index]!;
      preferredCount += 1;
    }
  }
  return preferredCount > 0 ? { list: preferredList, count: preferredCount } : { list, count };
}

function rebuildCache(pool: Pool, cache: PoolSelectionCache, context: SelectionContext, epoch: number, metricsEpoch: number): void {
  settleWeights(pool);
  const entries = pool.entries;
  let count = 0;
  let validUntilMs = Number.POSITIVE_INFINITY;
  const list = cache.list;
  for (let position = 0; position < entries.length; position += 1) {
    const entry = entries[position]!;
    if (checkEligibility(entry, context, null)) {
      list[count] = position;
      count += 1;
    }
    const change = nextChangeMs(entry, context);
    if (change < validUntilMs) validUntilMs = change;
  }
  const preferred = context.query.preferred;
  if (preferred !== null && count > 0) {
    // Narrow in place: writes never overtake reads, and nothing is written when none is preferred.
    let preferredCount = 0;
    for (let index = 0; index < count; index += 1) {
      if (preferred.has(entries[list[index]!]!.name)) {
        list[preferredCount] = list[index]!;
        preferredCount += 1;
      }
    }
    if (preferredCount > 0) count = preferredCount;
  }
  const query = context.query;
  const usesMetrics =
    STATS_POLICIES.has(context.policy) || query.minSuccessFraction >= 0 || query.maxMeanLatencyMs !== Number.POSITIVE_INFINITY;
  // The selection window slides a minute at a time.
  if (usesMetrics) validUntilMs = Math.min(validUntilMs, (Math.floor(context.nowMs / MINUTE_MS) + 1) * MINUTE_MS);
  cache.epoch = epoch;
  cache.metricsEpoch = metricsEpoch;
  cache.usesMetrics = usesMetrics;
  cache.builtAtMs = context.nowMs;
  cache.validUntilMs = validUntilMs;
  cache.query = context.query;
  cache.api = context.api;
  cache.instanceTypes = context.instanceTypes;
  cache.providerType = context.providerType;
  cache.count = count;
  cache.winner = -1;
  cache.weightTotal = -1;
  if (context.policy === 'WEIGHTED_ROUND_ROBIN') startCycle(pool, cache);
}

function weightedPick(pool: Pool, cache: PoolSelectionCache, context: SelectionContext, dryRun: boolean, random: RandomSource): number {
  if (cache.cycleMode === CYCLE_REPLAYING) return replayPick(cache, dryRun);
  const position = pickPosition(pool, context, cache.list, cache.count, dryRun, random);
  if (!dryRun && cache.cycleMode === CYCLE_RECORDING) recordPick(pool, cache, position);
  return position;
}

/**
 * The hot path: returns the chosen pool position or -1. Repeated selections with the same
 * query reuse the pool's cached eligible list (see `PoolSelectionCache`); ranking policies
 * reuse even the winner. Failover (a set of tried instances) always looks afresh. Allocates
 * nothing.
 */
export function selectFromPool(
  pool: Pool,
  context: SelectionContext,
  dryRun: boolean,
  random: RandomSource,
  epoch: number,
  metricsEpoch: number,
): number {
  if (pool.entries.length === 0) return -1;
  // Failover, and prices or allowed instances given for this one selection, look afresh: the cache knows none of them.
  if (context.tried !== undefined || context.prices !== undefined || context.allowed !== undefined) {
    settleWeights(pool);
    const snapshot = context.snapshot;
    const { list, count } = collectEligible(pool, context, snapshot.eligibleScratch, snapshot.preferredScratch);
    return count === 0 ? -1 : pickPosition(pool, context, list, count, dryRun, random);
  }
  const cache = pool.cache;
  if (
    cache.epoch !== epoch ||
    (cache.usesMetrics && cache.metricsEpoch !== metricsEpoch) ||
    context.nowMs >= cache.validUntilMs ||
    context.nowMs < cache.builtAtMs ||
    cache.query !== context.query ||
    cache.api !== context.api ||
    cache.providerType !== context.providerType ||
    !sameTypes(cache.instanceTypes, context.instanceTypes)
  ) {
    rebuildCache(pool, cache, context, epoch, metricsEpoch);
  }
  const count = cache.count;
  if (count === 0) return -1;
  switch (context.policy) {
    case 'ROUND_ROBIN':
      return pickPosition(pool, context, cache.list, count, dryRun, random);
    case 'WEIGHTED_ROUND_ROBIN':
      return weightedPick(pool, cache, context, dryRun, random);
    case 'RANDOM':
      return randomPickCached(pool, cache, context, random);
    default:
      if (cache.winner === -1) cache.winner = pickPosition(pool, context, cache.list, count, dryRun, random);
      return cache.winner;
  }
}

export interface ExplainedStep {
  readonly position: number;
  readonly step: ExplanationStep;
}

function describePool(key: string, context: SelectionContext): string {
  const policy = context.policy;
  if (key === 'all') return `All configured instances, chosen by ${policy}`;
  const separator = key.indexOf(':');
  const kind = key.slice(0, separator);
  const value = key.slice(separator + 1);
  if (kind === 'instance') return `Instance ${value}`;
  if (kind === 'type') return `Instances of type ${value}, chosen by ${policy}`;
  return `Instances declaring ${value}, chosen by ${policy}`;
}

function notConfigured(name: string): CandidateExplanation {
  return {
    instance: name,
    providerType: null,
    eligible: false,
    preferred: false,
    score: null,
    rank: null,
    selected: false,
    skipped: [{ reason: 'not_configured', message: `${name} is not a configured provider instance`, until: null }],
  };
}

/** The candidate's plan and price, listed when the selection was given prices. */
function planOf(context: SelectionContext, name: string): Pick<CandidateExplanation, 'plan'> {
  const prices = context.prices;
  if (prices === undefined) return {};
  return { plan: Object.hasOwn(prices, name) ? prices[name]! : null };
}

/**
 * The same selection as `selectFromPool`, also recording every candidate's skip reasons, the
 * policy's score and the order it would pick them in. Scores are read before the pick so
 * rotating policies show the state they decided on.
 */
export function explainPool(pool: Pool, context: SelectionContext, dryRun: boolean, random: RandomSource): ExplainedStep {
  settleWeights(pool);
  const entries = pool.entries;
  const description = describePool(pool.key, context);
  const scoreLabel = SCORE_LABELS[context.policy];
  if (entries.length === 0) {
    const candidates = pool.key.startsWith('instance:') ? [notConfigured(pool.key.slice('instance:'.length))] : [];
    return { position: -1, step: { source: pool.key, description, scoreLabel, candidates, selected: null } };
  }
  const reasons: SkipDetail[][] = [];
  const eligible: number[] = [];
  for (let position = 0; position < entries.length; position += 1) {
    const skipped: SkipDetail[] = [];
    if (checkEligibility(entries[position]!, context, skipped)) eligible.push(position);
    reasons.push(skipped);
  }
  const preferred = context.query.preferred;
  const preferredEligible = preferred === null ? [] : eligible.filter((position) => preferred.has(entries[position]!.name));
  const chooseFrom = preferredEligible.length > 0 ? preferredEligible : eligible;
  const weightTotal = chooseFrom.reduce((sum, position) => sum + entries[position]!.weight, 0);
  const scores = entries.map((_entry, position) =>
    eligible.includes(position) ? explanationScore(pool, position, context, weightTotal, chooseFrom.length) : null,
  );
  const chosen = chooseFrom.length === 0 ? -1 : pickPosition(pool, context, Int32Array.from(chooseFrom), chooseFrom.length, dryRun, random);
  const ranked = orderForExplanation(pool, context, chosen, chooseFrom, eligible, scores);
  const allowed = context.allowed;
  const candidates = entries.flatMap((entry, position) => (allowed !== undefined && !allowed.has(entry.name) ? [] : [{
    instance: entry.name,
    providerType: entry.type,
    eligible: reasons[position]!.length === 0,
    preferred: preferred !== null && preferred.has(entry.name),
    score: scores[position] ?? null,
    rank: ranked.has(position) ? ranked.get(position)! : null,
    selected: position === chosen,
    skipped: reasons[position]!,
    ...planOf(context, entry.name),
  }]));
  return {
    position: chosen,
    step: { source: pool.key, description, scoreLabel, candidates, selected: chosen === -1 ? null : entries[chosen]!.name },
  };
}

function orderForExplanation(
  pool: Pool,
  context: SelectionContext,
  chosen: number,
  chooseFrom: readonly number[],
  eligible: readonly number[],
  scores: readonly (number | null)[],
): Map<number, number> {
  const entries = pool.entries;
  const compare = (left: number, right: number): number => {
    const policy = context.policy;
    if (policy === 'ROUND_ROBIN' || policy === 'WEIGHTED_ROUND_ROBIN' || policy === 'RANDOM') {
      const leftScore = scores[left] ?? 0;
      const rightScore = scores[right] ?? 0;
      const difference = policy === 'ROUND_ROBIN' ? leftScore - rightScore : rightScore - leftScore;
      return difference !== 0 ? difference : left - right;
    }
    const leftEntry: InstanceEntry = entries[left]!;
    const rightEntry: InstanceEntry = entries[right]!;
    const leftKey = rankKey(leftEntry, context);
    const rightKey = rankKey(rightEntry, context);
    if (ranksBefore(leftKey, leftEntry, rightKey, rightEntry)) return -1;
    if (ranksBefore(rightKey, rightEntry, leftKey, leftEntry)) return 1;
    return 0;
  };
  const firstGroup = [...chooseFrom].sort(compare);
  const rest = eligible.filter((position) => !chooseFrom.includes(position)).sort(compare);
  const order = [...firstGroup, ...rest].filter((position) => position !== chosen);
  if (chosen !== -1) order.unshift(chosen);
  return new Map(order.map((position, index) => [position, index + 1]));
}

/** The fallback list, hot path: the first eligible instance in the configured order. */
export function selectFromFallback(context: SelectionContext): InstanceEntry | undefined {
  const snapshot = context.snapshot;
  for (const name of snapshot.settings.fallback) {
    const entry = snapshot.byName.get(name);
    if (entry !== undefined && checkEligibility(entry, context, null)) return entry;
  }
  return undefined;
}

export function explainFallback(context: SelectionContext): { entry: InstanceEntry | undefined; step: ExplanationStep } {
  const snapshot = context.snapshot;
  let chosen: InstanceEntry | undefined;
  let rank = 0;
  const allowed = context.allowed;
  const fallback = snapshot.settings.fallback.filter((name) => allowed === undefined || allowed.has(name));
  const candidates: CandidateExplanation[] = fallback.map((name, order) => {
    const entry = snapshot.byName.get(name);
    if (entry === undefined) return notConfigured(name);
    const skipped: SkipDetail[] = [];
    const eligible = checkEligibility(entry, context, skipped);
    if (eligible) rank += 1;
    const selected = eligible && chosen === undefined;
    if (selected) chosen = entry;
    return {
      instance: name,
      providerType: entry.type,
      eligible,
      preferred: context.query.preferred?.has(name) ?? false,
      score: order,
      rank: eligible ? rank : null,
      selected,
      skipped,
      ...planOf(context, name),
    };
  });
  return {
    entry: chosen,
    step: {
      source: 'fallback',
      description: 'Configured fallback list, in order',
      scoreLabel: 'fallback_order',
      candidates,
      selected: chosen?.name ?? null,
    },
  };
}
