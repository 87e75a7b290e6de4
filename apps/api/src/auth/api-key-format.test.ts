import { describe, expect, it } from 'vitest';
import { sha256Hex } from './api-key-hash.js';
import { issueApiKey, storedKeyIdOf } from './api-key-format.js';

describe('stored API key format', () => {
  it('issues ohf_<key id>_<32 random bytes> keys whose hash and prefix match the key', () => {
    const issued = issueApiKey();
    expect(issued.key).toMatch(/^ohf_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.key.slice(-43), 'base64url')).toHaveLength(32);
    expect(issued.secretHash).toBe(sha256Hex(issued.key));
    expect(issued.key.startsWith(issued.prefix)).toBe(true);
    expect(issued.prefix).toBe(`ohf_${issued.keyId}_${issued.key.slice(17, 21)}`);
    expect(storedKeyIdOf(issued.key)).toBe(issued.keyId);
  });

  it('gives every key its own id and secret', () => {
    const keys = Array.from({ length: 50 }, () => issueApiKey());
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(50);
    expect(new Set(keys.map((key) => key.key)).size).toBe(50);
  });

  it('does not take a configuration key or a mangled stored key for a stored one', () => {
    const issued = issueApiKey();
    expect(storedKeyIdOf(`ohf_${'a'.repeat(43)}`)).toBeUndefined();
    expect(storedKeyIdOf(issued.key.slice(0, -1))).toBeUndefined();
    expect(storedKeyIdOf(`${issued.key}x`)).toBeUndefined();
    expect(storedKeyIdOf(issued.key.toUpperCase())).toBeUndefined();
  });
});
