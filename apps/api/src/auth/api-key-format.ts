import { randomBytes } from 'node:crypto';
import { sha256Hex } from './api-key-hash.js';

/** Stored keys: `ohf_<key id>_<secret>`, the id naming the record, the secret 32 random bytes. */
const STORED_KEY_PATTERN = /^ohf_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const KEY_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new stored API key, its id, the sha256 kept in storage and the prefix shown to tell keys apart. */
export interface IssuedApiKey {
  readonly keyId: string;
  /** The whole key: shown once, never stored. */
  readonly key: string;
  /** Hex sha256 of the whole key; the secret is 256 random bits, so a fast hash is enough. */
  readonly secretHash: string;
  /** `ohf_<key id>_` plus four characters of the secret: recognisable, useless to an attacker. */
  readonly prefix: string;
}

export function issueApiKey(): IssuedApiKey {
  const idBytes = randomBytes(12);
  const keyId = Array.from(idBytes, (byte) => KEY_ID_ALPHABET[byte % KEY_ID_ALPHABET.length]).join('');
  const key = `ohf_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { keyId, key, secretHash: sha256Hex(key), prefix: key.slice(0, 'ohf_'.length + keyId.length + 1 + 4) };
}

/** The key id of a presented key shaped like a stored key, else undefined (a configuration key). */
export function storedKeyIdOf(presentedKey: string): string | undefined {
  return STORED_KEY_PATTERN.exec(presentedKey)?.[1];
}
