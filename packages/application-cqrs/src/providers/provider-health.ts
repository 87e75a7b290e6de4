import type { HandlerContext } from '../bus/message-map.js';
import { NotFoundError, OhfError, ProviderError } from '@ohf/domain-core';
import { HealthCheckResultV1Schema, type HealthCheckResultV1 } from '@ohf/provider-sdk';
import type { InstanceHealth, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';

export const GetProviderHealthSchema = acceptSnakeCase(
  z.object({
    type: z.literal('GetProviderHealth'),
    providerName: z.string().min(1).optional(),
    /** Full health records (circuit, capacity blocks, error details) instead of a summary. */
    includeDetails: z.boolean().default(false),
    includeHistory: z.boolean().default(false),
    /** Ask each enabled instance now (its health check) before reporting; default true. */
    check: z.boolean().default(true),
  }),
);
export type GetProviderHealthQuery = z.infer<typeof GetProviderHealthSchema>;

export interface ProviderHealthReport {
  readonly name: string;
  readonly providerType: string;
  readonly enabled: boolean;
  /** healthy | recovering | unhealthy | circuit_open | circuit_half_open | disabled */
  readonly status: InstanceHealth['status'];
  readonly healthy: boolean;
  /** Selection may send work to it now. */
  readonly available: boolean;
  readonly message: string | null;
  /** The live check's result, when one ran. */
  readonly check?: HealthCheckOutcome;
  /** With `includeDetails` (and `includeHistory`): the whole health record. */
  readonly details?: InstanceHealth;
}

/** A live health check's result, or why it failed. */
export type HealthCheckOutcome = HealthCheckResultV1 | { readonly status: 'unhealthy'; readonly code: string; readonly message: string };

/**
 * Runs one instance's health check and reports it: latency and outcome to selection (as a
 * provider call), the verdict to selection's health (an unhealthy instance is skipped until a
 * check finds it healthy again, or the circuit breaker's recovery timeout has passed) and to the metrics. Never throws; a check that fails or does not
 * answer within `timeoutMs` counts as unhealthy.
 */
export async function checkProviderHealth(
  context: OrchestrationContext,
  selection: SelectionEngine,
  instanceName: string,
  options: { readonly timeoutMs?: number; readonly signal?: AbortSignal } = {},
): Promise<HealthCheckOutcome> {
  let check: HealthCheckOutcome;
  try {
    const raw = await callProvider(
      context,
      instanceName,
      PROVIDER_OPERATIONS.healthCheck,
      (provider, call) =>
        options.timeoutMs === undefined
          ? provider.healthCheck(call)
          : withinTimeout(options.timeoutMs, (signal) => provider.healthCheck({ signal: call.signal === undefined ? signal : AbortSignal.any([signal, call.signal]) })),
      {
        failureOf: (result) => (result.status === 'unhealthy' ? { code: 'PROVIDER_UNAVAILABLE' } : undefined),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );
    check = HealthCheckResultV1Schema.parse(raw);
    selection.updateHealth(instanceName, {
      healthy: check.status !== 'unhealthy',
      ...(check.message === undefined ? {} : { message: check.message }),
      source: 'health_check',
      ...(check.status === 'unhealthy' ? { retryAfterSeconds: selection.settings().circuitBreaker.recoveryTimeoutSeconds } : {}),
    });
  } catch (error) {
    check = {
      status: 'unhealthy',
      code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
      message: OhfError.isInstance(error) ? error.message : 'The health check failed unexpectedly.',
    };
    // One failed check is not a verdict for good: like an open circuit, the instance may be
    // tried again after the recovery timeout, and the next check or operation decides.
    selection.updateHealth(instanceName, {
      healthy: false,
      message: check.message,
      source: 'health_check',
      retryAfterSeconds: selection.settings().circuitBreaker.recoveryTimeoutSeconds,
    });
  }
  context.metrics.increment(APPLICATION_METRICS.providerHealthChecksTotal, {
    provider_instance: instanceName,
    outcome: check.status === 'unhealthy' ? 'unhealthy' : 'healthy',
  });
  return check;
}

/** The call, aborted and refused once `timeoutMs` passes, whether or not the provider honours the signal. */
async function withinTimeout<Result>(timeoutMs: number, call: (signal: AbortSignal) => Promise<Result>): Promise<Result> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderError('PROVIDER_UNAVAILABLE', `The health check did not answer within ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export interface GetProviderHealthResult {
  readonly providers: readonly ProviderHealthReport[];
  readonly healthyCount: number;
  readonly total: number;
}

/**
 * Health of provider instances (getProviderHealth): each enabled instance is checked live
 * (latency recorded, an unhealthy answer reported to selection) unless `check` is false, then
 * reported with its circuit breaker and capacity blocks.
 */
export class GetProviderHealthHandler {
  constructor(private readonly dependencies: { readonly context: OrchestrationContext; readonly selection: SelectionEngine }) {}

  async handle(query: GetProviderHealthQuery, handlerContext: Pick<HandlerContext, 'signal'> = {}): Promise<GetProviderHealthResult> {
    const { context, selection } = this.dependencies;
    const instances = selection.listInstances().filter((instance) => query.providerName === undefined || instance.name === query.providerName);
    if (query.providerName !== undefined && instances.length === 0) {
      throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${query.providerName}" is not configured.`, {
        details: { provider_name: query.providerName, available_providers: selection.listInstances().map((instance) => instance.name) },
      });
    }
    const reports: ProviderHealthReport[] = [];
    for (const instance of instances) {
      const check =
        query.check && instance.enabled
          ? await checkProviderHealth(context, selection, instance.name, handlerContext.signal === undefined ? {} : { signal: handlerContext.signal })
          : undefined;
      const health = selection.health(instance.name, { includeHistory: query.includeHistory });
      reports.push({
        name: instance.name,
        providerType: instance.type,
        enabled: instance.enabled,
        status: health.status,
        healthy: health.healthy,
        available: health.available,
        message: health.message,
        ...(check === undefined ? {} : { check }),
        ...(query.includeDetails || query.includeHistory ? { details: health } : {}),
      });
    }
    return { providers: reports, healthyCount: reports.filter((report) => report.available).length, total: reports.length };
  }
}
