import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, secretBoxFromEnvironment } from './secret-box.js';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('{"token":"linode-pat-123"}');
    expect(sealed).toMatch(/^aes-256-gcm:v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('linode-pat-123');
    expect(box.open(sealed)).toBe('{"token":"linode-pat-123"}');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value and a wrong key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    parts[4] = flipped.toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow(/could not be decrypted/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/OHF_ENCRYPTION_KEY/);
    expect(() => box.open('plain-text')).toThrow(/format/);
  });

  it('reads the key from OHF_ENCRYPTION_KEY as hex or base64 and rejects short keys', () => {
    const key = randomBytes(32);
    const fromHex = secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: key.toString('hex') });
    const fromBase64 = secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: key.toString('base64') });
    expect(fromBase64!.open(fromHex!.seal('x'))).toBe('x');
    expect(secretBoxFromEnvironment({})).toBeUndefined();
    expect(() => secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: 'too-short' })).toThrow(/32 bytes/);
  });
});
