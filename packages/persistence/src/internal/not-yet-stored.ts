import { StorageError } from '@ohf/domain-core';
import type { Storage } from '../storage.js';

/**
 * Transitional: the strategies that do not store organizations, provider instances, events and
 * webhooks yet answer every call on them with a StorageError that says so.
 */
export function notYetStored(strategy: string): Pick<Storage, 'tenancy' | 'providerInstances' | 'events' | 'webhooks'> {
  const refuse = (part: string) =>
    new Proxy(
      {},
      {
        get: (_target, method) => () =>
          Promise.reject(new StorageError(`The ${strategy} storage does not store ${part} yet (${String(method)}).`)),
      },
    ) as never;
  return { tenancy: refuse('organizations'), providerInstances: refuse('provider instances'), events: refuse('events'), webhooks: refuse('webhooks') };
}
