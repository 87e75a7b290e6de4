import { LATENCY_BIN_COUNT, latencyBinOf } from './latency-histogram.js';

/** Counters of one operation name (CREATE_INSTANCES…) inside a bucket. */
export interface OperationCounters {
  total: number;
  successes: number;
  failures: number;
  latencyCount: number;
  latencySum: number;
  latencyMax: number;
}

/** One outcome as the metrics see it. */
export interface MetricsSample {
  readonly operation: string;
  readonly success: boolean;
  readonly latencyMs: number | undefined;
  readonly errorCode: string | undefined;
}

/**
 * Distinct operation names and error codes kept per bucket; beyond that they are counted
 * under `other` so a caller inventing names cannot grow memory without bound.
 */
export const MAX_KEYS_PER_BUCKET = 32;
export const OTHER_KEY = 'other';

function boundedKey(map: Map<string, unknown>, key: string): string {
  return map.has(key) || map.size < MAX_KEYS_PER_BUCKET - 1 ? key : OTHER_KEY;
}

export function emptyOperationCounters(): OperationCounters {
  return { total: 0, successes: 0, failures: 0, latencyCount: 0, latencySum: 0, latencyMax: 0 };
}

/** The JSON form of a bucket (see `exportState`); the histogram is stored sparsely. */
export interface MetricsBucketState {
  readonly index: number;
  readonly total: number;
  readonly successes: number;
  readonly failures: number;
  readonly latency?: {
    readonly count: number;
    readonly sum: number;
    readonly min: number;
    readonly max: number;
    /** [bin, count] pairs of the non-empty bins. */
    readonly bins: [number, number][];
  };
  readonly operations: Readonly<Record<string, OperationCounters>>;
  readonly errors: Readonly<Record<string, number>>;
}

/** Everything recorded for one instance during one time slot. */
export class MetricsBucket {
  /** Absolute slot number: floor(time / bucket length). */
  index: number;
  total = 0;
  successes = 0;
  failures = 0;
  latencyCount = 0;
  latencySum = 0;
  latencyMin = Number.POSITIVE_INFINITY;
  latencyMax = 0;
  histogram: Uint32Array | undefined;
  readonly operations = new Map<string, OperationCounters>();
  readonly errors = new Map<string, number>();

  constructor(index: number) {
    this.index = index;
  }

  reset(index: number): void {
    this.index = index;
    this.total = 0;
    this.successes = 0;
    this.failures = 0;
    this.latencyCount = 0;
    this.latencySum = 0;
    this.latencyMin = Number.POSITIVE_INFINITY;
    this.latencyMax = 0;
    this.histogram?.fill(0);
    this.operations.clear();
    this.errors.clear();
  }

  record(sample: MetricsSample): void {
    this.total += 1;
    if (sample.success) this.successes += 1;
    else this.failures += 1;
    const operationKey = boundedKey(this.operations, sample.operation);
    let operation = this.operations.get(operationKey);
    if (operation === undefined) {
      operation = emptyOperationCounters();
      this.operations.set(operationKey, operation);
    }
    operation.total += 1;
    if (sample.success) operation.successes += 1;
    else operation.failures += 1;
    const latency = sample.latencyMs;
    if (latency !== undefined && Number.isFinite(latency) && latency >= 0) {
      this.latencyCount += 1;
      this.latencySum += latency;
      if (latency < this.latencyMin) this.latencyMin = latency;
      if (latency > this.latencyMax) this.latencyMax = latency;
      this.histogram ??= new Uint32Array(LATENCY_BIN_COUNT);
      this.histogram[latencyBinOf(latency)]! += 1;
      operation.latencyCount += 1;
      operation.latencySum += latency;
      if (latency > operation.latencyMax) operation.latencyMax = latency;
    }
    if (!sample.success) {
      const code = boundedKey(this.errors, sample.errorCode ?? 'UNKNOWN');
      this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    }
  }

  toState(): MetricsBucketState {
    const bins: [number, number][] = [];
    this.histogram?.forEach((count, bin) => {
      if (count > 0) bins.push([bin, count]);
    });
    return {
      index: this.index,
      total: this.total,
      successes: this.successes,
      failures: this.failures,
      ...(this.latencyCount === 0
        ? {}
        : { latency: { count: this.latencyCount, sum: this.latencySum, min: this.latencyMin, max: this.latencyMax, bins } }),
      operations: Object.fromEntries([...this.operations].map(([name, counters]) => [name, { ...counters }])),
      errors: Object.fromEntries(this.errors),
    };
  }

  loadState(state: MetricsBucketState): void {
    this.reset(state.index);
    this.total = state.total;
    this.successes = state.successes;
    this.failures = state.failures;
    if (state.latency !== undefined && state.latency.count > 0) {
      this.latencyCount = state.latency.count;
      this.latencySum = state.latency.sum;
      this.latencyMin = state.latency.min;
      this.latencyMax = state.latency.max;
      this.histogram ??= new Uint32Array(LATENCY_BIN_COUNT);
      for (const [bin, count] of state.latency.bins) {
        if (bin >= 0 && bin < LATENCY_BIN_COUNT) this.histogram[bin] = count;
      }
    }
    for (const [name, counters] of Object.entries(state.operations).slice(0, MAX_KEYS_PER_BUCKET)) {
      this.operations.set(name, { ...counters });
    }
    for (const [code, count] of Object.entries(state.errors).slice(0, MAX_KEYS_PER_BUCKET)) this.errors.set(code, count);
  }
}
