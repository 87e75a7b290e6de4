import { DEFAULT_ORGANIZATION_ID, type OrganizationRole } from '@ohf/domain-core';
import type { ApiKeyConfiguration } from '../configuration/api-configuration.js';
import { sha256Hex, verifyApiKey } from './api-key-hash.js';
import { storedKeyIdOf } from './api-key-format.js';
import type { Principal } from './principal.js';
import type { ApiScope } from './scopes.js';

export type { Principal } from './principal.js';

/** Checks presented keys. */
export interface Authenticator {
  /** The principal of a valid key, or undefined. */
  authenticate(presentedKey: string): Promise<Principal | undefined>;
  /**
   * The remembered outcome for a key checked before: a principal, null for a known bad key,
   * undefined when the key has not been checked yet or the outcome is stale (then call
   * `authenticate`). Synchronous, so the common case costs one hash and one map lookup.
   */
  remembered(presentedKey: string): Principal | null | undefined;
  /** True when at least one key is configured. */
  readonly hasKeys: boolean;
}

/** How many distinct presented keys are remembered (valid and invalid alike). */
const CACHE_SIZE = 1_024;

/**
 * A configuration key acts in the default organization: `read` as a viewer, `write` as an
 * operator, `admin` as an admin and a platform admin (it is how the first organizations and
 * users are made).
 */
export function principalOfConfiguredKey(key: Pick<ApiKeyConfiguration, 'name' | 'scopes'>): Principal {
  const highest = (scope: ApiScope) => key.scopes.includes(scope);
  const role: OrganizationRole = highest('admin') ? 'admin' : highest('write') ? 'operator' : 'viewer';
  return { name: key.name, organizationId: DEFAULT_ORGANIZATION_ID, role, platformAdmin: role === 'admin' };
}

/**
 * Verifies keys against `api.auth.keys`. scrypt is deliberately slow (tens of milliseconds), so
 * each outcome is remembered by the sha256 of the presented key — the key itself is never kept —
 * in a small bounded map; an invalid key is remembered too, so guessing stays expensive for the
 * guesser and cheap for us. The configuration only changes with a restart, so nothing expires.
 */
export function createAuthenticator(
  keys: readonly ApiKeyConfiguration[],
  verify: (presentedKey: string, hash: string) => Promise<boolean> = verifyApiKey,
): Authenticator {
  const principals = keys.map((key) => ({ hash: key.hash, principal: principalOfConfiguredKey(key) }));
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
 * Keys shaped like stored keys (`ohf_<key id>_<secret>`) are looked up in storage, every other
 * key among the configuration's: a presented key costs one lookup, never both.
 */
export function combineAuthenticators(configured: Authenticator, stored: Authenticator | undefined): Authenticator {
  if (stored === undefined) return configured;
  const pick = (presentedKey: string) => (storedKeyIdOf(presentedKey) === undefined ? configured : stored);
  return {
    hasKeys: configured.hasKeys || stored.hasKeys,
    remembered: (presentedKey) => pick(presentedKey).remembered(presentedKey),
    authenticate: (presentedKey) => pick(presentedKey).authenticate(presentedKey),
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
