import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConfigurationError, StorageError } from '@ohf/domain-core';

/** The environment variable holding the key that encrypts provider credentials at rest. */
export const ENCRYPTION_KEY_VARIABLE = 'OHF_ENCRYPTION_KEY';
/** Keys that sealed values before the current one (comma-separated): they still open, never seal. */
export const PREVIOUS_ENCRYPTION_KEYS_VARIABLE = 'OHF_ENCRYPTION_KEY_PREVIOUS';

const ALGORITHM = 'aes-256-gcm';
/** Sealed before keys had ids: `aes-256-gcm:v1:<iv>:<tag>:<ciphertext>`, under whichever key opens it. */
const UNNAMED_KEY_FORMAT = `${ALGORITHM}:v1`;
/** `aes-256-gcm:v2:<key id>:<iv>:<tag>:<ciphertext>`: the value names the key that sealed it. */
const NAMED_KEY_FORMAT = `${ALGORITHM}:v2`;
const IV_BYTES = 12;

/** Encrypts and decrypts small secrets (provider settings) with AES-256-GCM. */
export interface SecretBox {
  /** Seals under the current key. */
  seal(plaintext: string): string;
  /** Opens a value sealed under the current key or any previous one, in either format. */
  open(sealed: string): string;
  /** The id of the current key: the first 8 hex digits of its SHA-256. */
  readonly keyId: string;
  /** True when the value was not sealed under the current key (or is in the old format): worth sealing again. */
  needsReseal(sealed: string): boolean;
}

/** First 8 hex digits of the key's SHA-256: names the key in sealed values without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function parseKey(raw: string, variable: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigurationError(
      `${variable} must hold 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes.`,
      { details: { variable } },
    );
  }
  return key;
}

/**
 * Reads the 32-byte key from `OHF_ENCRYPTION_KEY` (64 hex digits or base64, either alphabet)
 * and the keys it replaced from `OHF_ENCRYPTION_KEY_PREVIOUS` (comma-separated, optional).
 * Undefined when no key is set; a malformed key, or previous keys without a current one, fail
 * loudly rather than silently storing credentials under a weak key or none.
 */
export function secretBoxFromEnvironment(environment: Readonly<Record<string, string | undefined>>): SecretBox | undefined {
  const raw = environment[ENCRYPTION_KEY_VARIABLE]?.trim();
  const previous = (environment[PREVIOUS_ENCRYPTION_KEYS_VARIABLE] ?? '')
    .split(',')
    .map((each) => each.trim())
    .filter((each) => each !== '');
  if (!raw) {
    if (previous.length === 0) return undefined;
    throw new ConfigurationError(
      `${PREVIOUS_ENCRYPTION_KEYS_VARIABLE} is set but ${ENCRYPTION_KEY_VARIABLE} is not: set the new key in ${ENCRYPTION_KEY_VARIABLE} and keep the old ones in ${PREVIOUS_ENCRYPTION_KEYS_VARIABLE} until everything is sealed again.`,
      { details: { variable: ENCRYPTION_KEY_VARIABLE } },
    );
  }
  return createSecretBox(
    parseKey(raw, ENCRYPTION_KEY_VARIABLE),
    previous.map((each) => parseKey(each, PREVIOUS_ENCRYPTION_KEYS_VARIABLE)),
  );
}

/**
 * A sealed value is `aes-256-gcm:v2:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts): a
 * fresh random IV per seal, and the authentication tag makes any tampering fail to open.
 * Values of the first format (`aes-256-gcm:v1:…`, no key id) still open, under any known key.
 * `previousKeys` open values sealed before a rotation; only `key` seals.
 */
export function createSecretBox(key: Buffer, previousKeys: readonly Buffer[] = []): SecretBox {
  for (const each of [key, ...previousKeys]) if (each.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  const keyId = keyIdOf(key);
  const keys = new Map<string, Buffer>([[keyId, key]]);
  for (const previous of previousKeys) if (!keys.has(keyIdOf(previous))) keys.set(keyIdOf(previous), previous);

  const decrypt = (candidate: Buffer, iv: string, tag: string, ciphertext: string): string => {
    const decipher = createDecipheriv(ALGORITHM, candidate, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  };
  const undecryptable = (cause: unknown) =>
    new StorageError(
      `A stored secret could not be decrypted: neither ${ENCRYPTION_KEY_VARIABLE} nor ${PREVIOUS_ENCRYPTION_KEYS_VARIABLE} holds the key it was sealed with, or the value was altered.`,
      { cause, details: { variable: ENCRYPTION_KEY_VARIABLE } },
    );

  return {
    keyId,
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [NAMED_KEY_FORMAT, keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
    },
    open(sealed) {
      const parts = sealed.split(':');
      const format = `${parts[0]}:${parts[1]}`;
      if (format === NAMED_KEY_FORMAT && parts.length === 6) {
        const [, , id, iv, tag, ciphertext] = parts as [string, string, string, string, string, string];
        const named = keys.get(id);
        if (named === undefined) {
          throw new StorageError(
            `A stored secret was sealed with key ${id}, which is neither ${ENCRYPTION_KEY_VARIABLE} (key ${keyId}) nor in ${PREVIOUS_ENCRYPTION_KEYS_VARIABLE}: add that key to ${PREVIOUS_ENCRYPTION_KEYS_VARIABLE}.`,
            { details: { variable: PREVIOUS_ENCRYPTION_KEYS_VARIABLE, keyId: id } },
          );
        }
        try {
          return decrypt(named, iv, tag, ciphertext);
        } catch (error) {
          throw undecryptable(error);
        }
      }
      if (format === UNNAMED_KEY_FORMAT && parts.length === 5) {
        const [, , iv, tag, ciphertext] = parts as [string, string, string, string, string];
        let failure: unknown;
        for (const candidate of keys.values()) {
          try {
            return decrypt(candidate, iv, tag, ciphertext);
          } catch (error) {
            failure = error;
          }
        }
        throw undecryptable(failure);
      }
      throw new StorageError(`A stored secret is not in the ${NAMED_KEY_FORMAT} (or ${UNNAMED_KEY_FORMAT}) format.`, {
        details: { format: NAMED_KEY_FORMAT },
      });
    },
    needsReseal(sealed) {
      return !sealed.startsWith(`${NAMED_KEY_FORMAT}:${keyId}:`);
    },
  };
}
