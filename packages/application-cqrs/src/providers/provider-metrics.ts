import { NotFoundError } from '@ohf/domain-core';
import type { InstanceMetrics, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';

export const GetProviderMetricsSchema = acceptSnakeCase(
  z.object({
    type: z.literal('GetProviderMetrics'),
    providerName: z.string().min(1).optional(),
    /** Window length in hours (fractions allowed), at most 31 days. */
    timeRangeHours: z.number().positive().max(744).default(1),
    includeOperationBreakdown: z.boolean().default(false),
    includeErrorDetails: z.boolean().default(false),
  }),
);
export type GetProviderMetricsQuery = z.infer<typeof GetProviderMetricsSchema>;

export interface GetProviderMetricsResult {
  readonly providers: readonly InstanceMetrics[];
}

/** Calls, success rate and latency per instance over a time window, by operation and error code on request. */
export class GetProviderMetricsHandler {
  constructor(private readonly dependencies: { readonly selection: SelectionEngine }) {}

  async handle(query: GetProviderMetricsQuery): Promise<GetProviderMetricsResult> {
    const { selection } = this.dependencies;
    const options = {
      windowHours: query.timeRangeHours,
      includeOperationBreakdown: query.includeOperationBreakdown,
      includeErrors: query.includeErrorDetails,
    };
    if (query.providerName !== undefined) {
      if (selection.getInstance(query.providerName) === undefined) {
        throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${query.providerName}" is not configured.`, {
          details: { provider_name: query.providerName, available_providers: selection.listInstances().map((instance) => instance.name) },
        });
      }
      return { providers: [selection.metrics(query.providerName, options)] };
    }
    return { providers: selection.metrics(undefined, options) };
  }
}
