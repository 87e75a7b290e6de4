import { OhfError } from '@ohf/domain-core';
import { APPLICATION_METRICS, type MetricsSink } from '../ports/metrics-sink.js';
import type { Middleware } from './middleware.js';

export interface MetricsMiddlewareOptions {
  readonly metrics: MetricsSink;
  readonly now?: () => number;
}

/** Counts every message by outcome and error code and observes its handling time. */
export function metricsMiddleware(options: MetricsMiddlewareOptions): Middleware {
  const { metrics } = options;
  const now = options.now ?? (() => performance.now());
  return async (envelope, next) => {
    const startedAt = now();
    const labels = { kind: envelope.kind, type: envelope.type };
    try {
      const result = await next(envelope);
      metrics.observe(APPLICATION_METRICS.messageDurationMs, now() - startedAt, { ...labels, outcome: 'success' });
      metrics.increment(APPLICATION_METRICS.messagesTotal, { ...labels, outcome: 'success', code: '' });
      return result;
    } catch (error) {
      const code = OhfError.isInstance(error) ? error.code : 'INTERNAL';
      metrics.observe(APPLICATION_METRICS.messageDurationMs, now() - startedAt, { ...labels, outcome: 'error' });
      metrics.increment(APPLICATION_METRICS.messagesTotal, { ...labels, outcome: 'error', code });
      throw error;
    }
  };
}
