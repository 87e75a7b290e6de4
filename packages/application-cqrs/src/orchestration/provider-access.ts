import type { ProviderInstanceDescriptor, ProviderInstances } from '../ports/provider-instances.js';

/**
 * Whether an organization may use a provider instance: its owner only, for an instance an
 * organization registered; the organizations listed, for a global instance restricted by
 * `organizations:`; everyone, for any other global instance.
 */
export function instanceUsableBy(instance: ProviderInstanceDescriptor, organizationId: string): boolean {
  if (instance.organizationId !== undefined) return instance.organizationId === organizationId;
  return instance.organizations === undefined || instance.organizations.includes(organizationId);
}

/**
 * The names of the instances an organization may use, for selection's `allowedInstances`;
 * undefined when it may use every instance (selection then keeps its cached fast path).
 */
export async function allowedInstancesFor(providers: ProviderInstances, organizationId: string): Promise<ReadonlySet<string> | undefined> {
  const instances = await providers.list();
  const usable = instances.filter((instance) => instanceUsableBy(instance, organizationId));
  return usable.length === instances.length ? undefined : new Set(usable.map((instance) => instance.name));
}
