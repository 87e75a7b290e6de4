import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { ProviderLoggerV1 } from '@ohf/provider-sdk';
import type { AwsApi } from '../aws-api.js';

export interface OperationMetrics {
  readonly operation: 'createInstances' | 'terminateInstances';
  readonly api?: string;
  readonly machines: number;
  readonly failures: number;
  readonly latencyMs: number;
}

/**
 * Publishes one request's figures to CloudWatch (PutMetricData) when the instance enables it.
 * Publishing never fails the operation it measures: errors are logged and dropped.
 */
export class CloudWatchMetrics {
  readonly #api: AwsApi;
  readonly #namespace: string;
  readonly #instanceName: string;
  readonly #logger: ProviderLoggerV1 | undefined;
  readonly #now: () => number;

  constructor(options: { api: AwsApi; namespace: string; instanceName: string; logger?: ProviderLoggerV1; now: () => number }) {
    this.#api = options.api;
    this.#namespace = options.namespace;
    this.#instanceName = options.instanceName;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  async publish(metrics: OperationMetrics): Promise<void> {
    const timestamp = new Date(this.#now());
    const dimensions = [
      { Name: 'ProviderInstance', Value: this.#instanceName },
      { Name: 'Operation', Value: metrics.operation },
      ...(metrics.api ? [{ Name: 'Api', Value: metrics.api }] : []),
    ];
    const datum = (name: string, value: number, unit: MetricDatum['Unit']): MetricDatum => ({
      MetricName: name,
      Dimensions: dimensions,
      Timestamp: timestamp,
      Value: value,
      Unit: unit,
    });
    try {
      await this.#api.send('CloudWatch', 'PutMetricData', {
        Namespace: this.#namespace,
        MetricData: [
          datum('Requests', 1, 'Count'),
          datum('Machines', metrics.machines, 'Count'),
          datum('Failures', metrics.failures, 'Count'),
          datum('Latency', metrics.latencyMs, 'Milliseconds'),
        ],
      }, { retry: false });
    } catch (error) {
      this.#logger?.warn({ error: error instanceof Error ? error.message : String(error) }, 'CloudWatch metrics not published');
    }
  }
}
