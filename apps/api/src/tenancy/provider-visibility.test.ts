import type { ProviderInstanceDescriptor, ProviderInstances } from '@ohf/application-cqrs';
import type { ProviderInstanceRecord, ProviderInstanceRepository } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { ProviderVisibility, withoutHiddenProviders } from './provider-visibility.js';

const descriptor = (name: string, extra: Partial<ProviderInstanceDescriptor> = {}): ProviderInstanceDescriptor => ({
  name,
  type: 'memory',
  enabled: true,
  priority: 0,
  weight: 1,
  capabilities: [],
  ...extra,
});

const record = (name: string, organizationId: string) => ({ name, organizationId }) as ProviderInstanceRecord;

function visibilityOf(descriptors: ProviderInstanceDescriptor[], records: ProviderInstanceRecord[]): ProviderVisibility {
  const providers = { list: async () => descriptors } as unknown as ProviderInstances;
  const registered = {
    list: async () => records,
    find: async (name: string) => records.find((candidate) => candidate.name === name),
  } as unknown as ProviderInstanceRepository;
  return new ProviderVisibility(providers, registered);
}

const member = (organizationId: string, platformAdmin = false): Principal => ({ name: 'x', organizationId, role: 'admin', platformAdmin });

describe('ProviderVisibility', () => {
  const visibility = visibilityOf(
    [
      descriptor('global'),
      descriptor('acme-only', { organizations: ['acme'] }),
      descriptor('owned-by-acme', { organizationId: 'acme' }),
      descriptor('stored-for-globex'),
    ],
    [record('stored-for-globex', 'globex')],
  );

  it("shows an organization the global instances, those restricted to it and its own, never another's", async () => {
    expect((await visibility.of(member('acme'))).names).toEqual(['global', 'acme-only', 'owned-by-acme']);
    expect((await visibility.of(member('globex'))).names).toEqual(['global', 'stored-for-globex']);
    expect((await visibility.of(undefined)).names).toEqual(['global']);
    expect((await visibility.of(member('globex', true))).names).toHaveLength(4);
  });

  it('refuses a hidden instance exactly as an unknown one', async () => {
    const hidden = await visibility.require(member('globex'), 'owned-by-acme').catch((error: unknown) => error);
    const unknown = await visibility.require(member('globex'), 'nowhere').catch((error: unknown) => error);
    expect(hidden).toMatchObject({ code: 'PROVIDER_NOT_FOUND', details: { available_providers: ['global', 'stored-for-globex'] } });
    expect((unknown as { details: unknown }).details).toEqual({ ...(hidden as { details: object }).details, requested_provider: 'nowhere' });
  });

  it('knows who owns a name, from the descriptor or the stored registration', async () => {
    expect(await visibility.ownership('owned-by-acme')).toEqual({ exists: true, owner: 'acme' });
    expect(await visibility.ownership('stored-for-globex')).toEqual({ exists: true, owner: 'globex' });
    expect(await visibility.ownership('global')).toEqual({ exists: true });
    expect(await visibility.ownership('nowhere')).toEqual({ exists: false });
  });
});

describe('withoutHiddenProviders', () => {
  it('drops hidden instances from lists, keys and text however deep, and leaves the rest alone', async () => {
    const visible = await visibilityOf([descriptor('mine'), descriptor('theirs', { organizationId: 'globex' })], []).of(member('acme'));
    const answer = {
      providers: [{ name: 'mine' }, { name: 'theirs' }, { provider_name: 'theirs' }],
      fallback: ['mine', 'theirs'],
      capabilities: ['theirs'],
      policy: 'FIRST_AVAILABLE',
      decision: { prices: { mine: 1, theirs: 2 }, explanation: { summary: 'theirs excluded; mine chosen', tried: ['theirs', 'mine'] } },
    };
    expect(withoutHiddenProviders(answer, visible)).toEqual({ providers: [{ name: 'mine' }], fallback: ['mine'], capabilities: [],
      policy: 'FIRST_AVAILABLE',
      decision: { prices: { mine: 1 }, explanation: { summary: 'another instance excluded; mine chosen', tried: ['mine'] } },
    });
  });
});
