import { LATENCY_BIN_COUNT, percentileOf } from './latency-histogram.js';
import { emptyOperationCounters, type MetricsBucket, type OperationCounters } from './metrics-bucket.js';

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export interface OperationMetrics {
  readonly total: number;
  readonly successes: number;
  readonly failures: number;
  readonly successRatePercent: number | null;
  readonly meanLatencyMs: number | null;
  readonly maxLatencyMs: number | null;
}

/** Totals of a set of buckets, as reported by `metrics()`. */
export interface BucketSummary {
  readonly total: number;
  readonly successes: number;
  readonly failures: number;
  readonly successRatePercent: number | null;
  readonly latency: LatencySummary | null;
  readonly operations: Record<string, OperationMetrics>;
  readonly errorsByCode: Record<string, number>;
}

export function successRatePercent(successes: number, total: number): number | null {
  return total === 0 ? null : (successes / total) * 100;
}

export function summarizeBuckets(buckets: readonly MetricsBucket[]): BucketSummary {
  let total = 0;
  let successes = 0;
  let failures = 0;
  let latencyCount = 0;
  let latencySum = 0;
  let latencyMin = Number.POSITIVE_INFINITY;
  let latencyMax = 0;
  const histogram = new Float64Array(LATENCY_BIN_COUNT);
  const operations = new Map<string, OperationCounters>();
  const errors = new Map<string, number>();
  for (const bucket of buckets) {
    total += bucket.total;
    successes += bucket.successes;
    failures += bucket.failures;
    latencyCount += bucket.latencyCount;
    latencySum += bucket.latencySum;
    if (bucket.latencyCount > 0) {
      latencyMin = Math.min(latencyMin, bucket.latencyMin);
      latencyMax = Math.max(latencyMax, bucket.latencyMax);
    }
    if (bucket.histogram !== undefined) {
      for (let bin = 0; bin < LATENCY_BIN_COUNT; bin += 1) histogram[bin]! += bucket.histogram[bin]!;
    }
    for (const [name, counters] of bucket.operations) {
      const sum = operations.get(name) ?? emptyOperationCounters();
      sum.total += counters.total;
      sum.successes += counters.successes;
      sum.failures += counters.failures;
      sum.latencyCount += counters.latencyCount;
      sum.latencySum += counters.latencySum;
      sum.latencyMax = Math.max(sum.latencyMax, counters.latencyMax);
      operations.set(name, sum);
    }
    for (const [code, count] of bucket.errors) errors.set(code, (errors.get(code) ?? 0) + count);
  }
  const latency: LatencySummary | null =
    latencyCount === 0
      ? null
      : {
          count: latencyCount,
          meanMs: latencySum / latencyCount,
          minMs: latencyMin,
          maxMs: latencyMax,
          p50Ms: percentileOf(histogram, latencyCount, 50, latencyMin, latencyMax)!,
          p95Ms: percentileOf(histogram, latencyCount, 95, latencyMin, latencyMax)!,
          p99Ms: percentileOf(histogram, latencyCount, 99, latencyMin, latencyMax)!,
        };
  const operationMetrics: Record<string, OperationMetrics> = {};
  for (const [name, counters] of [...operations].sort(([left], [right]) => left.localeCompare(right))) {
    operationMetrics[name] = {
      total: counters.total,
      successes: counters.successes,
      failures: counters.failures,
      successRatePercent: successRatePercent(counters.successes, counters.total),
      meanLatencyMs: counters.latencyCount === 0 ? null : counters.latencySum / counters.latencyCount,
      maxLatencyMs: counters.latencyCount === 0 ? null : counters.latencyMax,
    };
  }
  const errorsByCode: Record<string, number> = {};
  for (const [code, count] of [...errors].sort(([left], [right]) => left.localeCompare(right))) errorsByCode[code] = count;
  return {
    total,
    successes,
    failures,
    successRatePercent: successRatePercent(successes, total),
    latency,
    operations: operationMetrics,
    errorsByCode,
  };
}
