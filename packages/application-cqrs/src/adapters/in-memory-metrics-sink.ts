import type { MetricLabels, MetricsSink } from '../ports/metrics-sink.js';

export interface RecordedMetric {
  readonly kind: 'increment' | 'observe';
  readonly name: string;
  readonly value: number;
  readonly labels: MetricLabels;
}

/** Records every measurement, for tests and for a process that reports totals at exit. */
export class InMemoryMetricsSink implements MetricsSink {
  readonly records: RecordedMetric[] = [];

  increment(name: string, labels: MetricLabels = {}, value = 1): void {
    this.records.push({ kind: 'increment', name, value, labels });
  }

  observe(name: string, value: number, labels: MetricLabels = {}): void {
    this.records.push({ kind: 'observe', name, value, labels });
  }

  /** Sum of the increments of one counter whose labels include the given ones. */
  total(name: string, labels: MetricLabels = {}): number {
    return this.records
      .filter(
        (record) =>
          record.kind === 'increment' &&
          record.name === name &&
          Object.entries(labels).every(([key, value]) => record.labels[key] === value),
      )
      .reduce((sum, record) => sum + record.value, 0);
  }
}
