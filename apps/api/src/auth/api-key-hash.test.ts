import { describe, expect, it } from 'vitest';
import { ApiKeyHashSchema } from '../configuration/api-configuration.js';
import { generateApiKey, hashApiKey, verifyApiKey } from './api-key-hash.js';

describe('API key hashes', () => {
  it('verifies a sha256 hash and rejects any other key', async () => {
    const hash = await hashApiKey('s3cret-key');
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ApiKeyHashSchema.safeParse(hash).success).toBe(true);
    expect(await verifyApiKey('s3cret-key', hash)).toBe(true);
    expect(await verifyApiKey('s3cret-kez', hash)).toBe(false);
  });

  it('salts scrypt hashes, so one key gives two different hashes that both verify', async () => {
    const first = await hashApiKey('short', 'scrypt');
    const second = await hashApiKey('short', 'scrypt');
    expect(first).not.toBe(second);
    expect(ApiKeyHashSchema.safeParse(first).success).toBe(true);
    expect(await verifyApiKey('short', first)).toBe(true);
    expect(await verifyApiKey('short', second)).toBe(true);
    expect(await verifyApiKey('shorT', first)).toBe(false);
  });

  it('rejects malformed hashes instead of throwing', async () => {
    expect(await verifyApiKey('key', 'md5:abc')).toBe(false);
    expect(await verifyApiKey('key', 'scrypt:1:2')).toBe(false);
    expect(ApiKeyHashSchema.safeParse('sha256:ABC').success).toBe(false);
  });

  it('generates long, distinct, prefixed keys', () => {
    const keys = new Set(Array.from({ length: 20 }, () => generateApiKey()));
    expect(keys.size).toBe(20);
    for (const key of keys) expect(key).toMatch(/^ohf_[A-Za-z0-9_-]{43}$/);
  });
});
