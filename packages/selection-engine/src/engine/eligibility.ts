import { priceOf } from '../config/candidate-price.js';
import { CIRCUIT_BLOCKED } from '../health/circuit-breaker.js';
import { isHealthyAt } from '../health/health-record.js';
import type { InstanceEntry } from './engine-snapshot.js';
import type { SelectionContext } from './selection-context.js';
import type { SkipDetail, SkipReason } from './selection-explanation.js';

function skip(reason: SkipReason, message: string, untilMs: number | null = null): SkipDetail {
  return { reason, message, until: untilMs === null ? null : new Date(untilMs).toISOString() };
}

/**
 * Whether `entry` may be chosen in `context`. With `reasons` null (the hot path) it stops at
 * the first failed check and allocates nothing; with an array it records every failed check
 * with a readable message. One function serves both so explanations can never disagree with
 * what selection actually did. Cheap checks come first.
 */
export function checkEligibility(entry: InstanceEntry, context: SelectionContext, reasons: SkipDetail[] | null): boolean {
  // Not a candidate at all rather than a skipped one: the explanations leave it out.
  if (context.allowed !== undefined && !context.allowed.has(entry.name)) return false;
  let eligible = true;
  if (!entry.enabled) {
    if (reasons === null) return false;
    eligible = false;
    reasons.push(skip('disabled', `${entry.name} is disabled in the configuration`));
  }
  if (context.tried !== undefined && context.tried.has(entry.name)) {
    if (reasons === null) return false;
    eligible = false;
    reasons.push(skip('already_tried', `${entry.name} was already tried for this request`));
  }
  const query = context.query;
  if (query.excluded !== null && query.excluded.has(entry.name)) {
    if (reasons === null) return false;
    eligible = false;
    reasons.push(skip('excluded', `${entry.name} is listed in exclude_strategies`));
  }
  if (context.providerType !== undefined && entry.type !== context.providerType) {
    if (reasons === null) return false;
    eligible = false;
    reasons.push(skip('type_mismatch', `${entry.name} is of type ${entry.type}, the template needs ${context.providerType}`));
  }
  const capabilities = entry.capabilities;
  if (context.api !== undefined && !capabilities.has(context.api)) {
    if (reasons === null) return false;
    eligible = false;
    reasons.push(skip('missing_capability', `${entry.name} does not declare the API ${context.api}`));
  }
  const required = query.required;
  for (let index = 0; index < required.length; index += 1) {
    if (!capabilities.has(required[index]!)) {
      if (reasons === null) return false;
      eligible = false;
      reasons.push(skip('missing_capability', `${entry.name} lacks the required capability ${required[index]}`));
    }
  }
  const runtime = entry.runtime;
  const snapshot = context.snapshot;
  const nowMs = context.nowMs;
  if (runtime.breaker.state !== 'closed' && runtime.breaker.admission(nowMs, snapshot.recoveryMs) === CIRCUIT_BLOCKED) {
    if (reasons === null) return false;
    eligible = false;
    const probeAt = runtime.breaker.nextProbeAtMs(snapshot.recoveryMs);
    const what =
      runtime.breaker.state === 'half_open'
        ? 'its circuit is half-open and the one probe is still out'
        : `its circuit is open after ${runtime.breaker.consecutiveFailures} consecutive failures`;
    reasons.push(skip('circuit_open', `${entry.name}: ${what}`, probeAt));
  }
  if (runtime.blocks.size > 0 && runtime.blocks.blocksSelection(context.api, context.instanceTypes, nowMs)) {
    if (reasons === null) return false;
    eligible = false;
    const types = context.instanceTypes?.join(', ') ?? 'any instance type';
    const until = runtime.blocks.unblockedAtMs(context.api, context.instanceTypes, nowMs);
    const blocks = runtime.blocks.covering(context.api, context.instanceTypes, nowMs);
    const kinds = [...new Set(blocks.map((block) => block.kind.replaceAll('_', ' ')))].join(', ');
    const reason = blocks.find((block) => block.reason !== null)?.reason;
    const lapses = until === null ? '' : ` until ${new Date(until).toISOString()}`;
    const scope = `${types}${context.api === undefined ? '' : ` with ${context.api}`}`;
    reasons.push(skip('capacity_blocked', `${entry.name}: ${kinds || 'capacity blocked'} for ${scope}${lapses}${reason ? `: ${reason}` : ''}`, until));
  }
  if (context.requireHealthy && !isHealthyAt(runtime.health, nowMs)) {
    if (reasons === null) return false;
    eligible = false;
    const message = runtime.health.message === null ? '' : ` (${runtime.health.message})`;
    reasons.push(skip('unhealthy', `${entry.name} is reported unhealthy${message}`, runtime.health.retryAtMs));
  }
  if (query.maxPriceHourly !== Number.POSITIVE_INFINITY) {
    const price = priceOf(context.prices, entry.name);
    if (price !== undefined && price > query.maxPriceHourly) {
      if (reasons === null) return false;
      eligible = false;
      const plan = context.prices![entry.name]!;
      reasons.push(skip('over_max_price', `${entry.name} would launch ${plan.planId} at ${price} ${plan.currency}/h, over ${query.maxPriceHourly}`));
    }
  }
  if (query.minSuccessFraction >= 0 || query.maxMeanLatencyMs !== Number.POSITIVE_INFINITY) {
    runtime.refreshStats(nowMs, snapshot.windowMs);
    if (runtime.statsSamples > 0 && runtime.statsSuccessFraction < query.minSuccessFraction) {
      if (reasons === null) return false;
      eligible = false;
      const percent = (runtime.statsSuccessFraction * 100).toFixed(1);
      reasons.push(skip('below_min_success_rate', `${entry.name} succeeded in ${percent}% of operations, below ${query.criteria.minSuccessRate}%`));
    }
    if (runtime.statsLatencySamples > 0 && runtime.statsMeanLatencyMs > query.maxMeanLatencyMs) {
      if (reasons === null) return false;
      eligible = false;
      const mean = runtime.statsMeanLatencyMs.toFixed(0);
      reasons.push(skip('over_max_response_time', `${entry.name} responds in ${mean} ms on average, over ${query.maxMeanLatencyMs} ms`));
    }
  }
  return eligible;
}
