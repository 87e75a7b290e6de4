import type { InstanceHealth, SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { ProviderInstances } from '../ports/provider-instances.js';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';

export const ListAvailableProvidersSchema = acceptSnakeCase(
  z.object({
    type: z.literal('ListAvailableProviders'),
    /** Only instances selection may use now (enabled, healthy, circuit not open). */
    filterHealthyOnly: z.boolean().default(false),
    providerType: z.string().min(1).optional(),
  }),
);
export type ListAvailableProvidersQuery = z.infer<typeof ListAvailableProvidersSchema>;

export interface AvailableProvider {
  readonly name: string;
  readonly providerType: string;
  readonly enabled: boolean;
  readonly priority: number;
  readonly weight: number;
  readonly capabilities: readonly string[];
  readonly status: InstanceHealth['status'] | 'unknown';
  readonly available: boolean;
  /** Why it is unhealthy without a check, e.g. no credential source (never a secret). */
  readonly reason?: string;
}

export interface ListAvailableProvidersResult {
  readonly providers: readonly AvailableProvider[];
  readonly policy: string;
  readonly fallback: readonly string[];
}

/** The configured provider instances with their current standing (no provider call). */
export class ListAvailableProvidersHandler {
  constructor(private readonly dependencies: { readonly selection: SelectionEngine; readonly providers?: ProviderInstances }) {}

  async handle(query: ListAvailableProvidersQuery): Promise<ListAvailableProvidersResult> {
    const { selection, providers: instances } = this.dependencies;
    const health = new Map(selection.health().map((entry) => [entry.instance, entry]));
    const providers = selection
      .listInstances()
      .filter((instance) => query.providerType === undefined || instance.type === query.providerType)
      .map((instance) => {
        const entry = health.get(instance.name);
        // Looked up on every list, not recorded: what /readyz would find is said without a call,
        // and once credentials appear the instance is as known as its checks make it.
        const missingCredentials = instance.enabled ? instances?.missingCredentialsOf?.(instance.name) : undefined;
        // Never checked (no report from a health check or an operation yet): not known to be
        // healthy, as /readyz would say; selection still may try it.
        const status = !instance.enabled
          ? 'disabled'
          : missingCredentials !== undefined
            ? 'unhealthy'
            : entry === undefined || (entry.status === 'healthy' && entry.source === null)
              ? 'unknown'
              : entry.status;
        return {
          name: instance.name,
          providerType: instance.type,
          enabled: instance.enabled,
          priority: instance.priority,
          weight: instance.weight,
          capabilities: instance.capabilities,
          status: status as AvailableProvider['status'],
          available: entry?.available ?? instance.enabled,
          ...(missingCredentials === undefined ? {} : { reason: missingCredentials }),
        };
      })
      .filter((provider) => !query.filterHealthyOnly || provider.available);
    const settings = selection.settings();
    return { providers, policy: settings.policy, fallback: settings.fallback };
  }
}
