import { describe, expect, it } from 'vitest';
import { hashApiKey, verifyApiKey } from './api-key-hash.js';
import { createAuthenticator, presentedKeyOf } from './authenticator.js';

describe('createAuthenticator', () => {
  it('finds the principal of a valid key with its implied scopes', async () => {
    const authenticator = createAuthenticator([
      { name: 'ci', hash: await hashApiKey('ci-key'), scopes: ['write'] },
      { name: 'ops', hash: await hashApiKey('ops-key', 'scrypt'), scopes: ['admin'] },
    ]);
    const ci = await authenticator.authenticate('ci-key');
    expect(ci?.name).toBe('ci');
    expect([...(ci?.scopes ?? [])].sort()).toEqual(['read', 'write']);
    const ops = await authenticator.authenticate('ops-key');
    expect([...(ops?.scopes ?? [])].sort()).toEqual(['admin', 'read', 'write']);
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
