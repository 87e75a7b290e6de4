import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf, secretBoxFromEnvironment } from './secret-box.js';

/** A value as the first release sealed it: `aes-256-gcm:v1:<iv>:<tag>:<ciphertext>`, naming no key. */
function sealFirstFormat(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['aes-256-gcm:v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('round-trips a secret, names the key that sealed it and never stores it in clear', () => {
    const sealed = box.seal('{"token":"linode-pat-123"}');
    expect(sealed).toMatch(new RegExp(`^aes-256-gcm:v2:${keyIdOf(key)}:[\\w-]+:[\\w-]+:[\\w-]+$`));
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(box.keyId).toBe(keyIdOf(key));
    expect(sealed).not.toContain('linode-pat-123');
    expect(box.open(sealed)).toBe('{"token":"linode-pat-123"}');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value, a wrong key and an unknown format', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[5]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    parts[5] = flipped.toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow(/could not be decrypted/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(new RegExp(`sealed with key ${keyIdOf(key)}.*OHF_ENCRYPTION_KEY_PREVIOUS`));
    expect(() => createSecretBox(randomBytes(32)).open(sealFirstFormat(key, 'x'))).toThrow(/could not be decrypted/);
    expect(() => box.open('plain-text')).toThrow(/format/);
  });

  it('still opens values of the first format, and says they need sealing again', () => {
    const old = sealFirstFormat(key, '{"token":"old"}');
    expect(box.open(old)).toBe('{"token":"old"}');
    expect(box.needsReseal(old)).toBe(true);
    expect(box.needsReseal(box.seal('x'))).toBe(false);
  });

  it('opens with previous keys after a rotation, seals only with the current one', () => {
    const oldKey = randomBytes(32);
    const olderKey = randomBytes(32);
    const sealedBefore = createSecretBox(oldKey).seal('before rotation');
    const sealedLongBefore = sealFirstFormat(olderKey, 'long before');
    const rotated = createSecretBox(key, [oldKey, olderKey]);
    expect(rotated.open(sealedBefore)).toBe('before rotation');
    expect(rotated.open(sealedLongBefore)).toBe('long before');
    expect(rotated.needsReseal(sealedBefore)).toBe(true);
    const resealed = rotated.seal(rotated.open(sealedBefore));
    expect(resealed.split(':')[2]).toBe(keyIdOf(key));
    expect(rotated.needsReseal(resealed)).toBe(false);
    // Once the old key is dropped, what it sealed no longer opens, and the message names the key.
    expect(() => createSecretBox(key).open(sealedBefore)).toThrow(new RegExp(keyIdOf(oldKey)));
    expect(createSecretBox(key).open(resealed)).toBe('before rotation');
  });

  it('reads the keys from OHF_ENCRYPTION_KEY and OHF_ENCRYPTION_KEY_PREVIOUS as hex or base64 and rejects bad ones', () => {
    const fromHex = secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: key.toString('hex') });
    const fromBase64 = secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: key.toString('base64') });
    expect(fromBase64!.open(fromHex!.seal('x'))).toBe('x');
    expect(secretBoxFromEnvironment({})).toBeUndefined();
    expect(() => secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: 'too-short' })).toThrow(/32 bytes/);

    const first = randomBytes(32);
    const second = randomBytes(32);
    const rotated = secretBoxFromEnvironment({
      OHF_ENCRYPTION_KEY: key.toString('base64'),
      OHF_ENCRYPTION_KEY_PREVIOUS: ` ${first.toString('hex')}, ${second.toString('base64')} ,`,
    })!;
    expect(rotated.open(createSecretBox(first).seal('one'))).toBe('one');
    expect(rotated.open(createSecretBox(second).seal('two'))).toBe('two');
    expect(rotated.keyId).toBe(keyIdOf(key));
    expect(() => secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY: key.toString('hex'), OHF_ENCRYPTION_KEY_PREVIOUS: 'short' })).toThrow(
      /OHF_ENCRYPTION_KEY_PREVIOUS must hold 32 bytes/,
    );
    expect(() => secretBoxFromEnvironment({ OHF_ENCRYPTION_KEY_PREVIOUS: first.toString('hex') })).toThrow(/OHF_ENCRYPTION_KEY is not/);
  });
});
