import type { ApiKeyConfiguration } from '../configuration/api-configuration.js';
import { sha256Hex, verifyApiKey } from './api-key-hash.js';
import { expandScopes, type ApiScope } from './scopes.js';

/** Who is calling, once their key checked out. */
export interface Principal {
  readonly name: string;
  readonly scopes: ReadonlySet<ApiScope>;
}

/** Checks presented keys against the configured hashes. */
export interface Authenticator {
  /** The principal of a valid key, or undefined. */
  authenticate(presentedKey: string): Promise<Principal | undefined>;
  /**
   * The remembered outcome for a key checked before: a principal, null for a known bad key,
   * undefined when the key has not been checked yet (then call `authenticate`). Synchronous, so
   * the common case costs one hash and one map lookup.
   */
  remembered(presentedKey: string): Principal | null | undefined;
  /** True when at least one key is configured. */
  readonly hasKeys: boolean;
}

/** How many distinct presented keys are remembered (valid and invalid alike). */
const CACHE_SIZE = 1_024;

/**
 * Verifies keys against `api.auth.keys`. scrypt is deliberately slow (tens of milliseconds), so
 * each outcome is remembered by the sha256 of the presented key — the key itself is never kept —
 * in a small bounded map; an invalid key is remembered too, so guessing stays expensive for the
 * guesser and cheap for us.
 */
export function createAuthenticator(
  keys: readonly ApiKeyConfiguration[],
  verify: (presentedKey: string, hash: string) => Promise<boolean> = verifyApiKey,
): Authenticator {
  const principals = keys.map((key) => ({ hash: key.hash, principal: { name: key.name, scopes: expandScopes(key.scopes) } }));
  const remembered = new Map<string, Principal | null>();

  async function lookUp(presentedKey: string): Promise<Principal | null> {
    for (const candidate of principals) {
      if (await verify(presentedKey, candidate.hash)) return candidate.principal;
    }
    return null;
  }

  return {
    hasKeys: principals.length > 0,
    remembered(presentedKey) {
      return remembered.get(sha256Hex(presentedKey));
    },
    async authenticate(presentedKey) {
      if (presentedKey.length === 0 || presentedKey.length > 512) return undefined;
      const fingerprint = sha256Hex(presentedKey);
      let outcome = remembered.get(fingerprint);
      if (outcome === undefined) {
        outcome = await lookUp(presentedKey);
        if (remembered.size >= CACHE_SIZE) remembered.delete(remembered.keys().next().value!);
        remembered.set(fingerprint, outcome);
      }
      return outcome ?? undefined;
    },
  };
}

/**
 * The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
 * Undefined when neither header is there; an empty string when one is malformed.
 */
export function presentedKeyOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey.trim();
  return undefined;
}
