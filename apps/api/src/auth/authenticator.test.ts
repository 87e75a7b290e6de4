import { describe, expect, it } from 'vitest';
import { hashApiKey, verifyApiKey } from './api-key-hash.js';
import { combineAuthenticators, createAuthenticator, presentedKeyOf, principalOfConfiguredKey, type Authenticator } from './authenticator.js';
import { issueApiKey } from './api-key-format.js';

describe('createAuthenticator', () => {
  it('finds the principal of a valid key: the default organization, the role its scope maps to', async () => {
    const authenticator = createAuthenticator([
      { name: 'ci', hash: await hashApiKey('ci-key'), scopes: ['write'] },
      { name: 'ops', hash: await hashApiKey('ops-key', 'scrypt'), scopes: ['admin'] },
    ]);
    const ci = await authenticator.authenticate('ci-key');
    expect(ci).toEqual({ name: 'ci', organizationId: 'default', role: 'operator', platformAdmin: false });
    const ops = await authenticator.authenticate('ops-key');
    expect(ops).toEqual({ name: 'ops', organizationId: 'default', role: 'admin', platformAdmin: true });
    expect(await authenticator.authenticate('nobody')).toBeUndefined();
    expect(await authenticator.authenticate('')).toBeUndefined();
    expect(authenticator.hasKeys).toBe(true);
  });

  it('verifies each presented key once and remembers the outcome, valid or not', async () => {
    const verified: string[] = [];
    const authenticator = createAuthenticator([{ name: 'ops', hash: await hashApiKey('ops-key'), scopes: ['read'] }], async (key, hash) => {
      verified.push(key);
      return verifyApiKey(key, hash);
    });
    for (let round = 0; round < 3; round += 1) {
      expect((await authenticator.authenticate('ops-key'))?.name).toBe('ops');
      expect(await authenticator.authenticate('guess')).toBeUndefined();
    }
    expect(verified).toEqual(['ops-key', 'guess']);
  });
});

describe('principalOfConfiguredKey', () => {
  it('maps read to viewer, write to operator and admin to admin and platform admin', () => {
    expect(principalOfConfiguredKey({ name: 'r', scopes: ['read'] })).toMatchObject({ role: 'viewer', platformAdmin: false });
    expect(principalOfConfiguredKey({ name: 'w', scopes: ['read', 'write'] })).toMatchObject({ role: 'operator', platformAdmin: false });
    expect(principalOfConfiguredKey({ name: 'a', scopes: ['admin'] })).toMatchObject({ role: 'admin', platformAdmin: true });
  });
});

describe('combineAuthenticators', () => {
  it('sends keys shaped like stored keys to storage and the others to the configuration', async () => {
    const asked: string[] = [];
    const recording = (label: string): Authenticator => ({
      hasKeys: true,
      remembered: () => undefined,
      authenticate: async () => {
        asked.push(label);
        return undefined;
      },
    });
    const combined = combineAuthenticators(recording('configured'), recording('stored'));
    await combined.authenticate(issueApiKey().key);
    await combined.authenticate(`ohf_${'x'.repeat(43)}`);
    await combined.authenticate('a-human-chosen-key');
    expect(asked).toEqual(['stored', 'configured', 'configured']);
  });
});

describe('presentedKeyOf', () => {
  it('reads a bearer token or an X-API-Key header', () => {
    expect(presentedKeyOf({ authorization: 'Bearer abc' })).toBe('abc');
    expect(presentedKeyOf({ authorization: 'bearer   abc ' })).toBe('abc');
    expect(presentedKeyOf({ 'x-api-key': ' abc ' })).toBe('abc');
    expect(presentedKeyOf({})).toBeUndefined();
  });

  it('marks a malformed authorization header as an empty key', () => {
    expect(presentedKeyOf({ authorization: 'Basic dXNlcjpwYXNz' })).toBe('');
    expect(presentedKeyOf({ authorization: 'Bearer a b' })).toBe('');
  });
});
