import { NotFoundError, OhfError } from '@ohf/domain-core';
import { HealthCheckResultV1Schema, type HealthCheckResultV1 } from '@ohf/provider-sdk';
import type { InstanceHealth, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
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
  readonly check?: HealthCheckResultV1 | { readonly status: 'unhealthy'; readonly code: string; readonly message: string };
  /** With `includeDetails` (and `includeHistory`): the whole health record. */
  readonly details?: InstanceHealth;
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

  async handle(query: GetProviderHealthQuery): Promise<GetProviderHealthResult> {
    const { context, selection } = this.dependencies;
    const instances = selection.listInstances().filter((instance) => query.providerName === undefined || instance.name === query.providerName);
    if (query.providerName !== undefined && instances.length === 0) {
      throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${query.providerName}" is not configured.`, {
        details: { provider_name: query.providerName, available_providers: selection.listInstances().map((instance) => instance.name) },
      });
    }
    const reports: ProviderHealthReport[] = [];
    for (const instance of instances) {
      let check: ProviderHealthReport['check'];
      if (query.check && instance.enabled) {
        try {
          const raw = await callProvider(context, instance.name, PROVIDER_OPERATIONS.healthCheck, (provider, call) => provider.healthCheck(call), {
            failureOf: (result) => (result.status === 'unhealthy' ? { code: 'PROVIDER_UNAVAILABLE' } : undefined),
          });
          check = HealthCheckResultV1Schema.parse(raw);
          selection.updateHealth(instance.name, {
            healthy: check.status !== 'unhealthy',
            ...(check.message === undefined ? {} : { message: check.message }),
            source: 'health_check',
          });
        } catch (error) {
          check = {
            status: 'unhealthy',
            code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
            message: OhfError.isInstance(error) ? error.message : 'The health check failed unexpectedly.',
          };
          selection.updateHealth(instance.name, { healthy: false, message: check.message, source: 'health_check' });
        }
      }
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
