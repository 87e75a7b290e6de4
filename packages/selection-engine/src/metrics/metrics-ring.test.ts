import { describe, expect, it } from 'vitest';
import { LATENCY_BIN_COUNT, latencyBinOf, percentileOf } from './latency-histogram.js';
import { MetricsRing } from './metrics-ring.js';
import { summarizeBuckets } from './metrics-summary.js';

const sample = (success: boolean, latencyMs?: number, operation = 'CREATE_INSTANCES', errorCode?: string) => ({
  operation,
  success,
  latencyMs,
  errorCode,
});

describe('latency histogram', () => {
  it('reads percentiles within half a bin of the exact value', () => {
    const latencies = Array.from({ length: 1000 }, (_, index) => 10 + index * 2.5);
    const histogram = new Uint32Array(LATENCY_BIN_COUNT);
    for (const latency of latencies) histogram[latencyBinOf(latency)]! += 1;
    for (const percentile of [50, 95, 99]) {
      const exact = latencies[Math.ceil((percentile / 100) * latencies.length) - 1]!;
      const estimate = percentileOf(histogram, latencies.length, percentile, 10, latencies.at(-1)!)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.125);
    }
  });

  it('reports identical latencies exactly and nothing for no samples', () => {
    const histogram = new Uint32Array(LATENCY_BIN_COUNT);
    histogram[latencyBinOf(250)] = 7;
    expect(percentileOf(histogram, 7, 99, 250, 250)).toBe(250);
    expect(percentileOf(new Uint32Array(LATENCY_BIN_COUNT), 0, 50, 0, 0)).toBeNull();
  });
});

describe('MetricsRing', () => {
  it('keeps only the last `size` buckets however long it runs', () => {
    const ring = new MetricsRing(60, 5);
    for (let minute = 0; minute < 100; minute += 1) ring.bucketAt(minute * 60_000).record(sample(true, 10));
    const live = ring.liveBuckets(99 * 60_000);
    expect(live.map((bucket) => bucket.index)).toEqual([95, 96, 97, 98, 99]);
    // A slot reused for a newer minute starts empty.
    expect(live.every((bucket) => bucket.total === 1)).toBe(true);
  });

  it('sums whole buckets of the window, current one included', () => {
    const ring = new MetricsRing(60, 60);
    const start = 1_000 * 60_000;
    ring.bucketAt(start).record(sample(true, 100));
    ring.bucketAt(start + 60_000).record(sample(false, 300, 'CREATE_INSTANCES', 'API_ERROR'));
    ring.bucketAt(start + 120_000).record(sample(true, 200));
    const totals = { total: 0, successes: 0, latencyCount: 0, latencySum: 0 };
    ring.sumWindow(start + 150_000, 120_000, totals);
    expect(totals).toEqual({ total: 2, successes: 1, latencyCount: 2, latencySum: 500 });
    ring.sumWindow(start + 150_000, 3_600_000, totals);
    expect(totals.total).toBe(3);
    // Ten minutes later the window of two minutes is empty.
    ring.sumWindow(start + 750_000, 120_000, totals);
    expect(totals.total).toBe(0);
  });

  it('summarizes operations, errors and latency across buckets', () => {
    const ring = new MetricsRing(60, 60);
    ring.bucketAt(0).record(sample(true, 100, 'CREATE_INSTANCES'));
    ring.bucketAt(0).record(sample(false, 900, 'CREATE_INSTANCES', 'INSUFFICIENT_CAPACITY'));
    ring.bucketAt(60_000).record(sample(true, 50, 'HEALTH_CHECK'));
    ring.bucketAt(60_000).record(sample(false, undefined, 'TERMINATE_INSTANCES', 'API_ERROR'));
    const summary = summarizeBuckets(ring.liveBuckets(60_000));
    expect(summary).toMatchObject({ total: 4, successes: 2, failures: 2, successRatePercent: 50 });
    expect(summary.latency).toMatchObject({ count: 3, meanMs: 350, minMs: 50, maxMs: 900 });
    expect(summary.operations.CREATE_INSTANCES).toEqual({
      total: 2,
      successes: 1,
      failures: 1,
      successRatePercent: 50,
      meanLatencyMs: 500,
      maxLatencyMs: 900,
    });
    expect(summary.operations.TERMINATE_INSTANCES?.meanLatencyMs).toBeNull();
    expect(summary.errorsByCode).toEqual({ API_ERROR: 1, INSUFFICIENT_CAPACITY: 1 });
  });

  it('folds operation names beyond the per-bucket limit into "other"', () => {
    const ring = new MetricsRing(60, 1);
    for (let index = 0; index < 100; index += 1) ring.bucketAt(0).record(sample(true, 1, `OPERATION_${index}`));
    const bucket = ring.bucketAt(0);
    expect(bucket.operations.size).toBe(32);
    expect(bucket.operations.get('other')?.total).toBe(69);
  });

  it('round-trips buckets through their JSON form', () => {
    const ring = new MetricsRing(60, 60);
    ring.bucketAt(0).record(sample(true, 120));
    ring.bucketAt(0).record(sample(false, 40, 'HEALTH_CHECK', 'API_ERROR'));
    const copy = new MetricsRing(60, 60);
    copy.load(JSON.parse(JSON.stringify(ring.liveBuckets(0).map((bucket) => bucket.toState()))), 0);
    expect(summarizeBuckets(copy.liveBuckets(0))).toEqual(summarizeBuckets(ring.liveBuckets(0)));
  });
});
