import { MetricsBucket, type MetricsBucketState } from './metrics-bucket.js';

export interface WindowTotals {
  total: number;
  successes: number;
  latencyCount: number;
  latencySum: number;
}

/**
 * A fixed number of time slots reused in a circle: slot `index % size` holds the bucket of
 * absolute index `index` and is wiped when a newer index claims it. Memory is bounded by
 * `size` buckets whatever the traffic; a slot whose stored index is not the one asked for
 * is simply stale.
 */
export class MetricsRing {
  readonly bucketMs: number;
  readonly size: number;
  private readonly slots: (MetricsBucket | undefined)[];

  constructor(bucketSeconds: number, size: number) {
    this.bucketMs = bucketSeconds * 1000;
    this.size = size;
    this.slots = new Array<MetricsBucket | undefined>(size).fill(undefined);
  }

  indexAt(nowMs: number): number {
    return Math.floor(nowMs / this.bucketMs);
  }

  /** The bucket receiving samples at `nowMs`. */
  bucketAt(nowMs: number): MetricsBucket {
    return this.bucketForIndex(this.indexAt(nowMs));
  }

  bucketForIndex(index: number): MetricsBucket {
    const slot = ((index % this.size) + this.size) % this.size;
    const bucket = this.slots[slot];
    if (bucket === undefined) {
      const created = new MetricsBucket(index);
      this.slots[slot] = created;
      return created;
    }
    if (bucket.index !== index) bucket.reset(index);
    return bucket;
  }

  /** How many buckets (the current one included) cover `windowMs`. */
  bucketsInWindow(windowMs: number): number {
    return Math.min(this.size, Math.max(1, Math.ceil(windowMs / this.bucketMs)));
  }

  /**
   * Visits the live buckets of the window ending at `nowMs`: the current (partial) bucket and
   * the whole ones before it, ceil(window / bucket length) in all, so the time covered lies
   * between the window less one bucket and the window.
   */
  forEachInWindow(nowMs: number, windowMs: number, visit: (bucket: MetricsBucket) => void): void {
    const current = this.indexAt(nowMs);
    const count = this.bucketsInWindow(windowMs);
    for (let index = current - count + 1; index <= current; index += 1) {
      const bucket = this.slots[((index % this.size) + this.size) % this.size];
      if (bucket !== undefined && bucket.index === index && bucket.total > 0) visit(bucket);
    }
  }

  /**
   * Sums the window into `totals` without allocating: selection reads success rate and mean
   * latency this way whenever an instance's cached figures are stale.
   */
  sumWindow(nowMs: number, windowMs: number, totals: WindowTotals): void {
    totals.total = 0;
    totals.successes = 0;
    totals.latencyCount = 0;
    totals.latencySum = 0;
    const current = this.indexAt(nowMs);
    const count = this.bucketsInWindow(windowMs);
    for (let index = current - count + 1; index <= current; index += 1) {
      const bucket = this.slots[((index % this.size) + this.size) % this.size];
      if (bucket === undefined || bucket.index !== index) continue;
      totals.total += bucket.total;
      totals.successes += bucket.successes;
      totals.latencyCount += bucket.latencyCount;
      totals.latencySum += bucket.latencySum;
    }
  }

  /** The buckets still within reach at `nowMs`, oldest first. */
  liveBuckets(nowMs: number): MetricsBucket[] {
    const live: MetricsBucket[] = [];
    this.forEachInWindow(nowMs, this.size * this.bucketMs, (bucket) => live.push(bucket));
    return live;
  }

  /** Replaces the ring's contents with the buckets of `states` still within reach at `nowMs`. */
  load(states: readonly MetricsBucketState[], nowMs: number): void {
    this.slots.fill(undefined);
    const current = this.indexAt(nowMs);
    for (const state of states) {
      if (state.index > current || state.index <= current - this.size) continue;
      this.bucketForIndex(state.index).loadState(state);
    }
  }
}
