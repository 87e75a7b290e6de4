import { isApiKeyActive, type ApiKeyRecord, type TenancyRepository } from '@ohf/domain-core';
import { sha256Hex } from './api-key-hash.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';

export interface StoredKeyAuthenticatorOptions {
  /**
   * How long an outcome (valid or not) is trusted before storage is asked again: the longest a
   * key revoked, expired or demoted on another replica keeps its old answer here.
   */
  readonly cacheMs: number;
  /** A key's `lastUsedAt` is written at most this often (a write per request would cost more than the request). */
  readonly touchIntervalMs?: number;
  readonly now?: () => number;
  /** Told when recording a use fails; the request itself goes on. */
  readonly onTouchFailed?: (error: unknown) => void;
}

/** A stored-key authenticator, with the means to drop outcomes that changes on this replica made stale. */
export interface StoredKeyAuthenticator extends Authenticator {
  /** Drops every remembered outcome (a key revoked, a role changed, a user removed here). */
  forgetAll(): void;
}

interface Outcome {
  readonly principal: Principal | null;
  readonly checkedAt: number;
  /** When the key expires (ms), for a valid one. */
  readonly expiresAt?: number;
}

const CACHE_SIZE = 4_096;
const DEFAULT_TOUCH_INTERVAL_MS = 60_000;

/**
 * Finds stored keys by the sha256 of the presented key, then the user and their role in the
 * key's organization (platform admins are admins everywhere). Outcomes are kept `cacheMs` so a
 * busy key costs one map lookup per request, and its use is recorded at most once per
 * `touchIntervalMs`.
 */
export function createStoredKeyAuthenticator(tenancy: TenancyRepository, options: StoredKeyAuthenticatorOptions): StoredKeyAuthenticator {
  const now = options.now ?? Date.now;
  const touchIntervalMs = options.touchIntervalMs ?? DEFAULT_TOUCH_INTERVAL_MS;
  const outcomes = new Map<string, Outcome>();
  const lastTouched = new Map<string, number>();

  const fresh = (outcome: Outcome | undefined, at: number): Outcome | undefined => {
    if (outcome === undefined || at - outcome.checkedAt >= options.cacheMs) return undefined;
    if (outcome.expiresAt !== undefined && at >= outcome.expiresAt) return undefined;
    return outcome;
  };

  const touch = (principal: Principal, at: number): void => {
    const keyId = principal.keyId;
    if (keyId === undefined) return;
    const last = lastTouched.get(keyId);
    if (last !== undefined && at - last < touchIntervalMs) return;
    if (lastTouched.size >= CACHE_SIZE) lastTouched.delete(lastTouched.keys().next().value!);
    lastTouched.set(keyId, at);
    tenancy.touchApiKey(keyId, new Date(at).toISOString()).catch((error: unknown) => options.onTouchFailed?.(error));
  };

  async function principalOf(record: ApiKeyRecord, at: number): Promise<Principal | null> {
    if (!isApiKeyActive(record, new Date(at))) return null;
    const user = await tenancy.findUser(record.userId);
    if (user === undefined) return null;
    const base = { userId: user.userId, name: user.name, organizationId: record.organizationId, keyId: record.keyId };
    if (user.platformAdmin) return { ...base, role: 'admin', platformAdmin: true };
    const membership = (await tenancy.membershipsOfUser(user.userId)).find((candidate) => candidate.organizationId === record.organizationId);
    return membership === undefined ? null : { ...base, role: membership.role, platformAdmin: false };
  }

  return {
    hasKeys: true,
    remembered(presentedKey) {
      const at = now();
      const outcome = fresh(outcomes.get(sha256Hex(presentedKey)), at);
      if (outcome === undefined) return undefined;
      if (outcome.principal !== null) touch(outcome.principal, at);
      return outcome.principal;
    },
    async authenticate(presentedKey) {
      const at = now();
      const secretHash = sha256Hex(presentedKey);
      let outcome = fresh(outcomes.get(secretHash), at);
      if (outcome === undefined) {
        const record = await tenancy.findApiKeyBySecretHash(secretHash);
        const principal = record === undefined ? null : await principalOf(record, at);
        if (record?.lastUsedAt !== undefined && !lastTouched.has(record.keyId)) lastTouched.set(record.keyId, Date.parse(record.lastUsedAt));
        const expiresAt = record?.expiresAt === undefined ? undefined : Date.parse(record.expiresAt);
        outcome = { principal, checkedAt: at, ...(expiresAt === undefined ? {} : { expiresAt }) };
        outcomes.delete(secretHash);
        if (outcomes.size >= CACHE_SIZE) outcomes.delete(outcomes.keys().next().value!);
        outcomes.set(secretHash, outcome);
      }
      if (outcome.principal !== null) touch(outcome.principal, at);
      return outcome.principal ?? undefined;
    },
    forgetAll() {
      outcomes.clear();
    },
  };
}
