import type { ApiKeyRecord, Membership, TenancyRepository, User } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { issueApiKey } from './api-key-format.js';
import { createStoredKeyAuthenticator } from './stored-key-authenticator.js';

/** The part of the tenancy port the authenticator reads, over maps, counting lookups and touches. */
function tenancyOf(users: User[], memberships: Membership[], keys: ApiKeyRecord[]) {
  const lookups: string[] = [];
  const touches: string[] = [];
  const tenancy = {
    findApiKeyBySecretHash: async (secretHash: string) => {
      lookups.push(secretHash);
      return keys.find((key) => key.secretHash === secretHash);
    },
    findUser: async (userId: string) => users.find((user) => user.userId === userId),
    membershipsOfUser: async (userId: string) => memberships.filter((membership) => membership.userId === userId),
    touchApiKey: async (keyId: string, usedAt: string) => {
      touches.push(`${keyId}@${usedAt}`);
    },
  } as unknown as TenancyRepository;
  return { tenancy, lookups, touches };
}

const at = '2026-01-01T00:00:00.000Z';
const user = (userId: string, platformAdmin = false): User => ({ userId, name: `${userId}@example.com`, platformAdmin, createdAt: at, updatedAt: at });
const keyFor = (userId: string, organizationId: string, extra: Partial<ApiKeyRecord> = {}) => {
  const issued = issueApiKey();
  const record: ApiKeyRecord = { keyId: issued.keyId, userId, organizationId, name: 'k', secretHash: issued.secretHash, prefix: issued.prefix, createdAt: at, ...extra };
  return { key: issued.key, record };
};

describe('createStoredKeyAuthenticator', () => {
  it("gives a key its user's role in the key's organization, and a platform admin admin everywhere", async () => {
    const operatorKey = keyFor('ann', 'acme');
    const platformKey = keyFor('root', 'globex');
    const strangerKey = keyFor('ann', 'globex');
    const { tenancy } = tenancyOf(
      [user('ann'), user('root', true)],
      [{ organizationId: 'acme', userId: 'ann', role: 'operator', createdAt: at }],
      [operatorKey.record, platformKey.record, strangerKey.record],
    );
    const authenticator = createStoredKeyAuthenticator(tenancy, { cacheMs: 5_000 });
    expect(await authenticator.authenticate(operatorKey.key)).toEqual({
      userId: 'ann',
      name: 'ann@example.com',
      organizationId: 'acme',
      role: 'operator',
      platformAdmin: false,
      keyId: operatorKey.record.keyId,
    });
    expect(await authenticator.authenticate(platformKey.key)).toMatchObject({ organizationId: 'globex', role: 'admin', platformAdmin: true });
    // Ann's key for an organization she is not a member of does not work.
    expect(await authenticator.authenticate(strangerKey.key)).toBeUndefined();
    expect(await authenticator.authenticate(issueApiKey().key)).toBeUndefined();
  });

  it('refuses revoked and expired keys, and a cached key once it expires', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const revoked = keyFor('ann', 'acme', { revokedAt: at });
    const expiring = keyFor('ann', 'acme', { expiresAt: '2026-01-01T00:00:01.000Z' });
    const { tenancy, lookups } = tenancyOf([user('ann')], [{ organizationId: 'acme', userId: 'ann', role: 'viewer', createdAt: at }], [revoked.record, expiring.record]);
    const authenticator = createStoredKeyAuthenticator(tenancy, { cacheMs: 60_000, now: () => now });
    expect(await authenticator.authenticate(revoked.key)).toBeUndefined();
    expect(authenticator.remembered(expiring.key)).toBeUndefined();
    expect(await authenticator.authenticate(expiring.key)).toBeDefined();
    expect(authenticator.remembered(expiring.key)).toBeDefined();
    now += 1_000;
    expect(authenticator.remembered(expiring.key)).toBeUndefined();
    expect(await authenticator.authenticate(expiring.key)).toBeUndefined();
    expect(lookups).toHaveLength(3);
  });

  it('asks storage again once the cache time is over, so a revocation elsewhere takes effect', async () => {
    let now = 0;
    const issued = keyFor('ann', 'acme');
    const { tenancy, lookups } = tenancyOf([user('ann')], [{ organizationId: 'acme', userId: 'ann', role: 'admin', createdAt: at }], [issued.record]);
    const authenticator = createStoredKeyAuthenticator(tenancy, { cacheMs: 5_000, now: () => now });
    for (let request = 0; request < 100; request += 1) expect(await authenticator.authenticate(issued.key)).toBeDefined();
    expect(lookups).toHaveLength(1);
    Object.assign(issued.record, { revokedAt: at });
    now = 4_999;
    expect(authenticator.remembered(issued.key)).toBeDefined();
    now = 5_000;
    expect(authenticator.remembered(issued.key)).toBeUndefined();
    expect(await authenticator.authenticate(issued.key)).toBeUndefined();
    expect(lookups).toHaveLength(2);
  });

  it('records a use at most once per interval per key, cached or not', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const issued = keyFor('ann', 'acme');
    const { tenancy, touches } = tenancyOf([user('ann')], [{ organizationId: 'acme', userId: 'ann', role: 'viewer', createdAt: at }], [issued.record]);
    const authenticator = createStoredKeyAuthenticator(tenancy, { cacheMs: 1_000, touchIntervalMs: 60_000, now: () => now });
    for (let second = 0; second < 120; second += 1) {
      if ((await authenticator.authenticate(issued.key)) === undefined) throw new Error('refused');
      authenticator.remembered(issued.key);
      now += 1_000;
    }
    expect(touches).toEqual([`${issued.record.keyId}@2026-01-01T00:00:00.000Z`, `${issued.record.keyId}@2026-01-01T00:01:00.000Z`]);
  });

  it('forgets every outcome when told, so a change on this replica takes effect at once', async () => {
    const issued = keyFor('ann', 'acme');
    const { tenancy } = tenancyOf([user('ann')], [{ organizationId: 'acme', userId: 'ann', role: 'admin', createdAt: at }], [issued.record]);
    const authenticator = createStoredKeyAuthenticator(tenancy, { cacheMs: 60_000 });
    expect(await authenticator.authenticate(issued.key)).toBeDefined();
    Object.assign(issued.record, { revokedAt: at });
    authenticator.forgetAll();
    expect(authenticator.remembered(issued.key)).toBeUndefined();
    expect(await authenticator.authenticate(issued.key)).toBeUndefined();
  });
});
