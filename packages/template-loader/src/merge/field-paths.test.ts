import { describe, expect, it } from 'vitest';
import { mergeFields } from './field-paths.js';

describe('mergeFields', () => {
  it('keeps the base order, appends new fields, and lets null remove a field', () => {
    const base = { templateId: 't', maxNumber: 1, vmType: 'm5.large', keyName: 'k' };
    const merged = mergeFields(base, { vmType: null, maxNumber: 5, vmTypes: { a: 1 }, description: null });
    expect(Object.keys(merged)).toEqual(['templateId', 'maxNumber', 'keyName', 'vmTypes']);
    expect(merged).toEqual({ templateId: 't', maxNumber: 5, keyName: 'k', vmTypes: { a: 1 } });
    expect(base).toEqual({ templateId: 't', maxNumber: 1, vmType: 'm5.large', keyName: 'k' });
  });

  it('merges attributes key by key', () => {
    const merged = mergeFields(
      { attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '1'], rank: ['Numeric', '0'] } },
      { attributes: { rank: null, ncpus: ['Numeric', '8'], gpu: ['Boolean', 'true'] } },
    );
    expect(merged['attributes']).toEqual({ type: ['String', 'X86_64'], ncpus: ['Numeric', '8'], gpu: ['Boolean', 'true'] });
    expect(Object.keys(merged['attributes'] as object)).toEqual(['type', 'ncpus', 'gpu']);
  });

  it('merges provider options per provider and option, dropping providers left empty or unset', () => {
    const base = { providerOptions: { linode: { region: 'us', type: 'g6' }, aws: { tenancy: 'default' }, gcp: { zone: 'a' } } };
    const merged = mergeFields(base, { providerOptions: { linode: { region: 'eu' }, aws: null, gcp: { zone: null }, azure: { sku: 'b' } } });
    expect(merged['providerOptions']).toEqual({ linode: { region: 'eu', type: 'g6' }, azure: { sku: 'b' } });
    expect(Object.keys(merged['providerOptions'] as object)).toEqual(['linode', 'azure']);
    expect(mergeFields({}, { providerOptions: { aws: { tenancy: null } } })['providerOptions']).toEqual({});
  });
});
