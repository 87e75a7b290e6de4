import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigurationError, StorageError } from '@ohf/domain-core';

/** The environment variable holding the key that encrypts provider credentials at rest. */
export const ENCRYPTION_KEY_VARIABLE = 'OHF_ENCRYPTION_KEY';

const FORMAT = 'aes-256-gcm:v1';
const IV_BYTES = 12;

/** Encrypts and decrypts small secrets (provider settings) with AES-256-GCM. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/**
 * Reads the 32-byte key from `OHF_ENCRYPTION_KEY`: 64 hex digits or base64 (either alphabet).
 * Undefined when the variable is unset; a malformed key fails loudly rather than silently
 * storing credentials under a weak one.
 */
export function secretBoxFromEnvironment(environment: Readonly<Record<string, string | undefined>>): SecretBox | undefined {
  const raw = environment[ENCRYPTION_KEY_VARIABLE]?.trim();
  if (!raw) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigurationError(
      `${ENCRYPTION_KEY_VARIABLE} must hold 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes.`,
      { details: { variable: ENCRYPTION_KEY_VARIABLE } },
    );
  }
  return createSecretBox(key);
}

/**
 * A sealed value is `aes-256-gcm:v1:<iv>:<tag>:<ciphertext>` (base64url parts): a fresh random
 * IV per seal, and the authentication tag makes any tampering fail to open.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
    },
    open(sealed) {
      const parts = sealed.split(':');
      if (parts.length !== 5 || `${parts[0]}:${parts[1]}` !== FORMAT) {
        throw new StorageError('A stored secret is not in the aes-256-gcm:v1 format.', { details: { format: FORMAT } });
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2]!, 'base64url'));
        decipher.setAuthTag(Buffer.from(parts[3]!, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(parts[4]!, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new StorageError(
          `A stored secret could not be decrypted: ${ENCRYPTION_KEY_VARIABLE} is not the key it was sealed with, or the value was altered.`,
          { cause: error, details: { variable: ENCRYPTION_KEY_VARIABLE } },
        );
      }
    },
  };
}
