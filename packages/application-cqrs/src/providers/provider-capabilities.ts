import { NotFoundError, OhfError } from '@ohf/domain-core';
import type { ProviderCapabilitiesV1 } from '@ohf/provider-sdk';
import type { InstanceMetrics, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { ProviderInstances } from '../ports/provider-instances.js';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';

export const GetProviderCapabilitiesSchema = acceptSnakeCase(
  z.object({
    type: z.literal('GetProviderCapabilities'),
    providerName: z.string().min(1).optional(),
    /** Success rate and latency over the last hour. */
    includePerformanceMetrics: z.boolean().default(false),
    /** Batch sizes and per-call limits. */
    includeLimitations: z.boolean().default(false),
  }),
);
export type GetProviderCapabilitiesQuery = z.infer<typeof GetProviderCapabilitiesSchema>;

export interface ProviderCapabilitiesReport {
  readonly name: string;
  readonly providerType: string;
  /** As configured (selection matches templates and criteria against these). */
  readonly declared: readonly string[];
  /** As the provider reports them; absent when its client could not be created. */
  readonly apis?: readonly string[];
  readonly pricingModels?: ProviderCapabilitiesV1['pricingModels'];
  readonly fleetTypes?: ProviderCapabilitiesV1['fleetTypes'];
  readonly supportsDryRun?: boolean;
  readonly supportsStopStart?: boolean;
  readonly limitations?: { readonly maxInstancesPerCall: number; readonly describeBatchSize: number };
  readonly performance?: Pick<InstanceMetrics, 'total' | 'successRatePercent' | 'latency' | 'window'>;
  /** Why the provider's own capabilities are missing. */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface GetProviderCapabilitiesResult {
  readonly providers: readonly ProviderCapabilitiesReport[];
}

/** What each provider instance can do: configured capabilities and the provider's own report. */
export class GetProviderCapabilitiesHandler {
  constructor(private readonly dependencies: { readonly providers: ProviderInstances; readonly selection: SelectionEngine }) {}

  async handle(query: GetProviderCapabilitiesQuery): Promise<GetProviderCapabilitiesResult> {
    const { providers, selection } = this.dependencies;
    const instances = (await providers.list()).filter((instance) => query.providerName === undefined || instance.name === query.providerName);
    if (query.providerName !== undefined && instances.length === 0) {
      throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${query.providerName}" is not configured.`, {
        details: { provider_name: query.providerName, available_providers: (await providers.list()).map((instance) => instance.name) },
      });
    }
    const reports: ProviderCapabilitiesReport[] = [];
    for (const instance of instances) {
      const base = { name: instance.name, providerType: instance.type, declared: instance.capabilities };
      const performance =
        query.includePerformanceMetrics && selection.getInstance(instance.name) !== undefined
          ? (({ total, successRatePercent, latency, window }) => ({ total, successRatePercent, latency, window }))(selection.metrics(instance.name, { windowHours: 1 }))
          : undefined;
      try {
        const capabilities = (await providers.get(instance.name)).capabilities;
        reports.push({
          ...base,
          apis: capabilities.apis,
          pricingModels: capabilities.pricingModels,
          fleetTypes: capabilities.fleetTypes,
          supportsDryRun: capabilities.supportsDryRun,
          supportsStopStart: capabilities.supportsStopStart,
          ...(query.includeLimitations
            ? { limitations: { maxInstancesPerCall: capabilities.maxInstancesPerCall, describeBatchSize: capabilities.describeBatchSize } }
            : {}),
          ...(performance === undefined ? {} : { performance }),
        });
      } catch (error) {
        reports.push({
          ...base,
          ...(performance === undefined ? {} : { performance }),
          error: {
            code: OhfError.isInstance(error) ? error.code : 'INTERNAL',
            message: OhfError.isInstance(error) ? error.message : 'The provider client could not be created.',
          },
        });
      }
    }
    return { providers: reports };
  }
}
