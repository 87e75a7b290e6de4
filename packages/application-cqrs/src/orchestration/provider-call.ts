import { OhfError } from '@ohf/domain-core';
import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import type { OrchestrationContext } from './orchestration-context.js';
import type { ProviderOperation } from './provider-operations.js';

export interface ReportedFailure {
  readonly code: string;
  readonly retryAfterMs?: number;
  readonly instanceType?: string;
}

export interface ProviderCallOptions<Result = unknown> {
  /** Recorded to selection on failure (capacity blocks are scoped by them). */
  readonly providerApi?: string;
  readonly instanceType?: string;
  /** A call that succeeds at the API level but reports failures inside its result. */
  readonly failureOf?: (result: Result) => ReportedFailure | undefined;
}

/**
 * Runs one call against a provider instance and reports it: latency and outcome to selection
 * (health, circuit breakers, LEAST_CONNECTIONS counts), counters and timings to metrics.
 * Errors are rethrown as they are.
 */
export async function callProvider<Result>(
  context: OrchestrationContext,
  providerInstance: string,
  operation: ProviderOperation,
  call: (provider: ComputeProviderV1) => Promise<Result>,
  options: ProviderCallOptions<Result> = {},
): Promise<Result> {
  const provider = await context.providers.get(providerInstance);
  const startedAt = context.monotonicNow();
  context.selector.beginOperation(providerInstance, operation);
  let succeeded = false;
  let errorCode: string | undefined;
  let retryAfterMs: number | undefined;
  let instanceType = options.instanceType;
  try {
    const result = await call(provider);
    const reported = options.failureOf?.(result);
    if (reported === undefined) succeeded = true;
    else {
      errorCode = reported.code;
      retryAfterMs = reported.retryAfterMs;
      instanceType = reported.instanceType ?? instanceType;
    }
    return result;
  } catch (error) {
    errorCode = OhfError.isInstance(error) ? error.code : 'INTERNAL';
    retryAfterMs = OhfError.isInstance(error) ? error.retryAfterMs : undefined;
    throw error;
  } finally {
    context.selector.endOperation(providerInstance, operation);
    const latencyMs = Math.max(0, context.monotonicNow() - startedAt);
    context.selector.recordOutcome({
      providerInstance,
      operation,
      success: succeeded,
      latencyMs,
      ...(errorCode === undefined ? {} : { errorCode }),
      ...(options.providerApi === undefined ? {} : { providerApi: options.providerApi }),
      ...(instanceType === undefined ? {} : { instanceType }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    const labels = { provider_instance: providerInstance, operation };
    context.metrics.observe(APPLICATION_METRICS.providerCallDurationMs, latencyMs, labels);
    context.metrics.increment(APPLICATION_METRICS.providerCallsTotal, {
      ...labels,
      outcome: succeeded ? 'success' : 'error',
      code: errorCode ?? '',
    });
  }
}
