import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets } from './mask-secrets.js';

describe('maskSecrets', () => {
  it('masks credentials at any depth and keeps plain settings', () => {
    expect(
      maskSecrets({
        region: 'us-east-1',
        profile: 'default',
        token: 'linode-pat',
        credentials: { accessKeyId: 'AKIA…', secretAccessKey: 'xyz' },
        nested: [{ root_pass: 'hunter2', authorized_keys: ['ssh-ed25519 AAAA'] }],
        api_key: 'k',
        emptyToken: '',
      }),
    ).toEqual({
      region: 'us-east-1',
      profile: 'default',
      token: MASK,
      credentials: MASK,
      nested: [{ root_pass: MASK, authorized_keys: ['ssh-ed25519 AAAA'] }],
      api_key: MASK,
      emptyToken: '',
    });
  });

  it('leaves values without names untouched', () => {
    expect(maskSecrets('plain')).toBe('plain');
    expect(maskSecrets([1, 'two'])).toEqual([1, 'two']);
  });
});
