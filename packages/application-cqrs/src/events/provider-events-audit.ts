import { DEFAULT_ORGANIZATION_ID, type AuditLog, type DomainEvent } from '@ohf/domain-core';
import type { EventBus } from '../bus/event-bus.js';
import type { ProviderInstances } from '../ports/provider-instances.js';
import { auditRecordsOf } from './audit-records.js';

/** Events about provider instances that record no stored change of ours. */
export const PROVIDER_EVENT_TYPES = ['ProviderHealthChanged', 'CircuitOpened', 'CircuitClosed'] as const;

/**
 * Appends provider health and circuit breaker events to the audit trail as the bus delivers
 * them: each in the organization that owns the instance, global instances' in the default
 * organization. A failed append is reported by the bus like any subscriber failure.
 */
export function auditProviderEvents(events: EventBus, audit: AuditLog, providers: ProviderInstances): () => void {
  const record = async (event: DomainEvent & { readonly providerInstance: string }): Promise<void> => {
    const owner = (await providers.list()).find((instance) => instance.name === event.providerInstance)?.organizationId;
    await audit.append(auditRecordsOf([event], { organizationId: owner ?? DEFAULT_ORGANIZATION_ID }));
  };
  const unsubscribers = PROVIDER_EVENT_TYPES.map((type) => events.subscribe(type, record));
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
