import type { ProviderInstances } from '@ohf/application-cqrs';
import { NotFoundError, type ProviderInstanceRepository } from '@ohf/domain-core';
import type { Principal } from '../auth/principal.js';

/** Which provider instances one caller may see and name. */
export interface VisibleProviders {
  has(name: string): boolean;
  /** The visible names, for `available_providers` in a 404. */
  readonly names: readonly string[];
  /** The instances the caller may not see (to exclude them from a selection). */
  readonly hidden: readonly string[];
}

/** What a descriptor may say about its owner or the organizations it serves. */
interface OwnedDescriptor {
  readonly name: string;
  /** The organization that registered the instance; absent: a configuration-file instance. */
  readonly organizationId?: string;
  /** A configuration-file instance restricted to these organizations; absent: every one. */
  readonly organizations?: readonly string[];
}

/**
 * An organization sees the configuration file's instances (all of them, or those restricted to
 * it) and the instances it registered; never another organization's. Platform admins see every
 * instance. The owner comes from the instance descriptor, else from the stored registration.
 */
export class ProviderVisibility {
  constructor(
    private readonly providers: ProviderInstances,
    private readonly registered: ProviderInstanceRepository,
  ) {}

  /** What the principal may see; without one (an anonymous probe), the unrestricted configuration-file instances only. */
  async of(principal: Principal | undefined): Promise<VisibleProviders> {
    const [descriptors, records] = await Promise.all([this.providers.list(), this.registered.list()]);
    const owners = new Map(records.map((record) => [record.name, record.organizationId]));
    const names = (descriptors as readonly OwnedDescriptor[])
      .filter((descriptor) => {
        if (principal?.platformAdmin === true) return true;
        const owner = descriptor.organizationId ?? owners.get(descriptor.name);
        if (owner !== undefined) return owner === principal?.organizationId;
        if (descriptor.organizations === undefined) return true;
        return principal !== undefined && descriptor.organizations.includes(principal.organizationId);
      })
      .map((descriptor) => descriptor.name);
    const visible = new Set(names);
    const hidden = descriptors.map((descriptor) => descriptor.name).filter((name) => !visible.has(name));
    return { has: (name) => visible.has(name), names, hidden };
  }

  /** Whether an instance of this name exists, and the organization that registered it (absent: a configuration-file one). */
  async ownership(name: string): Promise<{ readonly exists: boolean; readonly owner?: string }> {
    const [descriptors, record] = await Promise.all([this.providers.list(), this.registered.find(name)]);
    const descriptor = (descriptors as readonly OwnedDescriptor[]).find((candidate) => candidate.name === name);
    const owner = descriptor?.organizationId ?? record?.organizationId;
    return { exists: descriptor !== undefined || record !== undefined, ...(owner === undefined ? {} : { owner }) };
  }

  /** Refuses an instance the caller may not see exactly as an unknown one. */
  async require(principal: Principal, name: string): Promise<VisibleProviders> {
    const visible = await this.of(principal);
    if (!visible.has(name)) throw providerNotFound(name, visible.names);
    return visible;
  }
}

export function providerNotFound(name: string, available: readonly string[]): NotFoundError {
  return new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance '${name}' not found in configuration`, {
    details: { requested_provider: name, available_providers: [...available] },
  });
}

/** Names of provider instances an answer entry carries, in the spellings the strategy answers use. */
const NAME_FIELDS = ['name', 'providerName', 'provider_name', 'providerInstance', 'provider_instance', 'instance'] as const;

function entryName(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return typeof entry === 'string' ? entry : undefined;
  for (const field of NAME_FIELDS) {
    const value = (entry as Record<string, unknown>)[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Removes another organization's instances from an answer, however deep: list entries that
 * name one, keys that are one's name (prices per instance), and its name inside text (an
 * explanation) is replaced, so strategy answers built for the whole installation tell a caller
 * nothing of instances it may not see.
 */
export function withoutHiddenProviders<Answer extends object>(answer: Answer, visible: VisibleProviders): Answer {
  const hidden = new Set(visible.hidden);
  if (hidden.size === 0) return answer;
  const names = [...hidden].sort((left, right) => right.length - left.length);
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return names.reduce((text, name) => (text.includes(name) ? text.split(name).join('another instance') : text), value);
    if (Array.isArray(value)) {
      return value.filter((entry) => {
        const name = entryName(entry);
        return name === undefined || !hidden.has(name);
      }).map(scrub);
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([key]) => !hidden.has(key)).map(([key, entry]) => [key, scrub(entry)]));
    }
    return value;
  };
  return scrub(answer) as Answer;
}
