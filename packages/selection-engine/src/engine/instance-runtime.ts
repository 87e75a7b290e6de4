import { CapacityBlockList } from '../capacity/capacity-block-list.js';
import { CircuitBreaker } from '../health/circuit-breaker.js';
import { initialHealth, type HealthRecord } from '../health/health-record.js';
import type { MetricsSample } from '../metrics/metrics-bucket.js';
import { MetricsRing, type WindowTotals } from '../metrics/metrics-ring.js';

export const MINUTE_BUCKET_SECONDS = 60;
export const MINUTE_BUCKET_COUNT = 60;
export const HOUR_BUCKET_SECONDS = 3600;
/** Health reports and errors kept per instance for `health()` and `metrics()`. */
export const HEALTH_HISTORY_LIMIT = 20;
export const RECENT_ERRORS_LIMIT = 50;

export interface RecentErrorRecord {
  readonly atMs: number;
  readonly code: string;
  readonly message: string | null;
  readonly operation: string;
  readonly api: string | null;
  readonly instanceType: string | null;
}

/**
 * Everything that changes about one instance while the engine runs: metrics, circuit breaker,
 * health, capacity blocks, active operations. It outlives configuration snapshots (a new
 * snapshot points at the same runtime), and is dropped when the instance is unregistered.
 */
export class InstanceRuntime {
  readonly name: string;
  /** One-minute buckets over the last hour: selection figures and short windows. */
  readonly minutes = new MetricsRing(MINUTE_BUCKET_SECONDS, MINUTE_BUCKET_COUNT);
  /** One-hour buckets over the retention period: longer windows. */
  readonly hours: MetricsRing;
  readonly breaker = new CircuitBreaker();
  readonly blocks = new CapacityBlockList();
  health: HealthRecord;
  healthHistory: readonly HealthRecord[];
  activeOperations = 0;
  readonly activeByOperation = new Map<string, number>();
  recentErrors: readonly RecentErrorRecord[] = [];
  /** Bumped on every recorded outcome so cached selection figures know they are stale. */
  metricsVersion = 0;

  // Selection figures over the selection window, cached until a new outcome or a new minute.
  statsSamples = 0;
  statsSuccessFraction = 1;
  statsLatencySamples = 0;
  statsMeanLatencyMs = 0;
  private statsBucketIndex = -1;
  private statsVersion = -1;
  private statsWindowMs = -1;
  private readonly totals: WindowTotals = { total: 0, successes: 0, latencyCount: 0, latencySum: 0 };

  constructor(name: string, retentionHours: number, nowMs: number) {
    this.name = name;
    this.hours = new MetricsRing(HOUR_BUCKET_SECONDS, retentionHours);
    this.health = initialHealth(nowMs);
    this.healthHistory = [this.health];
  }

  refreshStats(nowMs: number, windowMs: number): void {
    const bucketIndex = this.minutes.indexAt(nowMs);
    if (bucketIndex === this.statsBucketIndex && this.statsVersion === this.metricsVersion && this.statsWindowMs === windowMs) {
      return;
    }
    this.minutes.sumWindow(nowMs, windowMs, this.totals);
    this.statsSamples = this.totals.total;
    this.statsSuccessFraction = this.totals.total === 0 ? 1 : this.totals.successes / this.totals.total;
    this.statsLatencySamples = this.totals.latencyCount;
    this.statsMeanLatencyMs = this.totals.latencyCount === 0 ? 0 : this.totals.latencySum / this.totals.latencyCount;
    this.statsBucketIndex = bucketIndex;
    this.statsVersion = this.metricsVersion;
    this.statsWindowMs = windowMs;
  }

  recordSample(nowMs: number, sample: MetricsSample): void {
    this.minutes.bucketAt(nowMs).record(sample);
    this.hours.bucketAt(nowMs).record(sample);
    this.metricsVersion += 1;
  }

  recordError(error: RecentErrorRecord): void {
    const kept = this.recentErrors.length >= RECENT_ERRORS_LIMIT ? this.recentErrors.slice(1) : this.recentErrors;
    this.recentErrors = [...kept, error];
  }

  setHealth(record: HealthRecord): void {
    this.health = record;
    const kept = this.healthHistory.length >= HEALTH_HISTORY_LIMIT ? this.healthHistory.slice(1) : this.healthHistory;
    this.healthHistory = [...kept, record];
  }

  beginOperation(operation: string): number {
    this.activeOperations += 1;
    this.activeByOperation.set(operation, (this.activeByOperation.get(operation) ?? 0) + 1);
    return this.activeOperations;
  }

  /** Never goes below zero: an end without a begin (e.g. after a restart) is ignored. */
  endOperation(operation: string): number {
    const forOperation = this.activeByOperation.get(operation) ?? 0;
    if (forOperation <= 0) return this.activeOperations;
    if (forOperation === 1) this.activeByOperation.delete(operation);
    else this.activeByOperation.set(operation, forOperation - 1);
    this.activeOperations = Math.max(0, this.activeOperations - 1);
    return this.activeOperations;
  }
}
