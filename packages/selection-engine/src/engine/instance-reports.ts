import type { CapacityBlock } from '../capacity/capacity-block-list.js';
import type { CapacityBlockKind } from '../config/capacity-block-kind.js';
import { CIRCUIT_BLOCKED, type CircuitState } from '../health/circuit-breaker.js';
import { isHealthyAt } from '../health/health-record.js';
import type { MetricsBucket } from '../metrics/metrics-bucket.js';
import { summarizeBuckets, type LatencySummary, type OperationMetrics } from '../metrics/metrics-summary.js';
import type { InstanceEntry } from './engine-snapshot.js';
import { MINUTE_BUCKET_COUNT, MINUTE_BUCKET_SECONDS } from './instance-runtime.js';

const iso = (milliseconds: number): string => new Date(milliseconds).toISOString();

export interface CapacityBlockView {
  readonly instance: string;
  readonly api: string | null;
  readonly instanceType: string | null;
  readonly kind: CapacityBlockKind;
  readonly reason: string | null;
  readonly blockedAt: string;
  readonly expiresAt: string;
}

export function viewBlock(block: CapacityBlock): CapacityBlockView {
  return {
    instance: block.instance,
    api: block.api,
    instanceType: block.instanceType,
    kind: block.kind,
    reason: block.reason,
    blockedAt: iso(block.blockedAtMs),
    expiresAt: iso(block.expiresAtMs),
  };
}

export interface CircuitView {
  readonly state: CircuitState;
  readonly consecutiveFailures: number;
  readonly openedAt: string | null;
  readonly nextProbeAt: string | null;
}

export interface HealthHistoryEntry {
  readonly at: string;
  readonly healthy: boolean;
  readonly message: string | null;
  readonly source: string | null;
}

export type HealthStatus = 'healthy' | 'recovering' | 'unhealthy' | 'circuit_open' | 'circuit_half_open' | 'disabled';

export interface InstanceHealth {
  readonly instance: string;
  readonly providerType: string;
  readonly enabled: boolean;
  /** The last report, with an elapsed retry-after counting as healthy again. */
  readonly healthy: boolean;
  /** Selection may hand work to it now (enabled, healthy, circuit letting work through). */
  readonly available: boolean;
  readonly status: HealthStatus;
  readonly message: string | null;
  readonly errorDetails: Readonly<Record<string, unknown>> | null;
  readonly source: string | null;
  readonly updatedAt: string;
  readonly retryAt: string | null;
  readonly circuit: CircuitView;
  readonly activeOperations: number;
  readonly capacityBlocks: readonly CapacityBlockView[];
  /** Over the selection window; null without data. */
  readonly successRatePercent: number | null;
  readonly meanLatencyMs: number | null;
  readonly history?: readonly HealthHistoryEntry[];
}

export function healthOf(
  entry: InstanceEntry,
  nowMs: number,
  recoveryMs: number,
  windowMs: number,
  includeHistory: boolean,
): InstanceHealth {
  const runtime = entry.runtime;
  const health = runtime.health;
  const healthy = isHealthyAt(health, nowMs);
  const circuitState = runtime.breaker.effectiveState(nowMs, recoveryMs);
  const circuitBlocked = runtime.breaker.state !== 'closed' && runtime.breaker.admission(nowMs, recoveryMs) === CIRCUIT_BLOCKED;
  let status: HealthStatus = 'healthy';
  if (!entry.enabled) status = 'disabled';
  else if (circuitState === 'open') status = 'circuit_open';
  else if (!healthy) status = 'unhealthy';
  else if (circuitState === 'half_open') status = 'circuit_half_open';
  else if (!health.healthy) status = 'recovering';
  runtime.refreshStats(nowMs, windowMs);
  const nextProbeAtMs = runtime.breaker.nextProbeAtMs(recoveryMs);
  return {
    instance: entry.name,
    providerType: entry.type,
    enabled: entry.enabled,
    healthy,
    available: entry.enabled && healthy && !circuitBlocked,
    status,
    message: health.message,
    errorDetails: health.errorDetails,
    source: health.source,
    updatedAt: iso(health.updatedAtMs),
    retryAt: health.retryAtMs === null ? null : iso(health.retryAtMs),
    circuit: {
      state: circuitState,
      consecutiveFailures: runtime.breaker.consecutiveFailures,
      openedAt: runtime.breaker.state === 'closed' ? null : iso(runtime.breaker.openedAtMs),
      nextProbeAt: nextProbeAtMs === null ? null : iso(nextProbeAtMs),
    },
    activeOperations: runtime.activeOperations,
    capacityBlocks: runtime.blocks.active(nowMs).map(viewBlock),
    successRatePercent: runtime.statsSamples === 0 ? null : runtime.statsSuccessFraction * 100,
    meanLatencyMs: runtime.statsLatencySamples === 0 ? null : runtime.statsMeanLatencyMs,
    ...(includeHistory
      ? {
          history: runtime.healthHistory.map((record) => ({
            at: iso(record.updatedAtMs),
            healthy: record.healthy,
            message: record.message,
            source: record.source,
          })),
        }
      : {}),
  };
}

export interface RecentError {
  readonly at: string;
  readonly code: string;
  readonly message: string | null;
  readonly operation: string;
  readonly api: string | null;
  readonly instanceType: string | null;
}

export interface InstanceMetrics {
  readonly instance: string;
  readonly providerType: string;
  /** The window actually covered: whole buckets, the current one included. */
  readonly window: { readonly seconds: number; readonly bucketSeconds: number; readonly from: string; readonly to: string };
  readonly total: number;
  readonly successes: number;
  readonly failures: number;
  readonly successRatePercent: number | null;
  readonly latency: LatencySummary | null;
  readonly activeOperations: number;
  readonly operations?: Readonly<Record<string, OperationMetrics & { readonly active: number }>>;
  readonly errors?: { readonly byCode: Readonly<Record<string, number>>; readonly recent: readonly RecentError[] };
}

export interface MetricsOptions {
  /** Window length in hours (fractions allowed); default 1. */
  readonly windowHours?: number;
  /** Window length in seconds; wins over `windowHours`. */
  readonly windowSeconds?: number;
  readonly includeOperationBreakdown?: boolean;
  readonly includeErrors?: boolean;
}

export function metricsOf(entry: InstanceEntry, nowMs: number, options: MetricsOptions): InstanceMetrics {
  const runtime = entry.runtime;
  const requestedMs = (options.windowSeconds ?? (options.windowHours ?? 1) * 3600) * 1000;
  const ring = requestedMs <= MINUTE_BUCKET_SECONDS * MINUTE_BUCKET_COUNT * 1000 ? runtime.minutes : runtime.hours;
  const count = ring.bucketsInWindow(requestedMs);
  const fromMs = (ring.indexAt(nowMs) - count + 1) * ring.bucketMs;
  const buckets: MetricsBucket[] = [];
  ring.forEachInWindow(nowMs, requestedMs, (bucket) => buckets.push(bucket));
  const summary = summarizeBuckets(buckets);
  const metrics: InstanceMetrics = {
    instance: entry.name,
    providerType: entry.type,
    window: { seconds: Math.round((nowMs - fromMs) / 1000), bucketSeconds: ring.bucketMs / 1000, from: iso(fromMs), to: iso(nowMs) },
    total: summary.total,
    successes: summary.successes,
    failures: summary.failures,
    successRatePercent: summary.successRatePercent,
    latency: summary.latency,
    activeOperations: runtime.activeOperations,
  };
  const operations = options.includeOperationBreakdown
    ? Object.fromEntries(
        Object.entries(summary.operations).map(([name, figures]) => [name, { ...figures, active: runtime.activeByOperation.get(name) ?? 0 }]),
      )
    : undefined;
  if (operations !== undefined) {
    for (const [name, active] of runtime.activeByOperation) {
      operations[name] ??= { total: 0, successes: 0, failures: 0, successRatePercent: null, meanLatencyMs: null, maxLatencyMs: null, active };
    }
  }
  const errors = options.includeErrors
    ? {
        byCode: summary.errorsByCode,
        recent: runtime.recentErrors
          .filter((error) => error.atMs >= fromMs)
          .map(({ atMs, ...error }) => ({ at: iso(atMs), ...error })),
      }
    : undefined;
  return {
    ...metrics,
    ...(operations === undefined ? {} : { operations }),
    ...(errors === undefined ? {} : { errors }),
  };
}
