import type {
  ClaimWorkOptions,
  Clock,
  ReleaseWorkOptions,
  RenewLeaseOptions,
  WorkClaim,
  WorkLease,
  WorkQueue,
} from '@ohf/domain-core';
import { CLAIMABLE_STATUSES } from '../internal/list-filters.js';
import { conflictError, requestNotFound } from '../internal/storage-errors.js';
import { claimQuery, releaseQuery, renewQuery } from '../internal/work-options.js';
import type { JsonDatabaseFile } from './json-database-file.js';
import { entriesOldestFirst, textField } from './json-documents.js';
import { parseRequestEntry } from './json-request-repository.js';

const claimable = new Set<string>(CLAIMABLE_STATUSES);

/** Leases live beside the requests (`leases` in the file), so a request document stays a plain request. */
export class JsonWorkQueue implements WorkQueue {
  constructor(
    private readonly file: JsonDatabaseFile,
    private readonly clock: Clock,
  ) {}

  async claimWork(options: ClaimWorkOptions): Promise<readonly WorkClaim[]> {
    const query = claimQuery(options);
    const kinds = query.kinds && new Set<string>(query.kinds);
    return this.file.update((database) => {
      const now = this.clock.now().getTime();
      const expiresAt = new Date(now + query.leaseMs).toISOString();
      const chosen = entriesOldestFirst(database.requests, (document) => {
        const requestId = textField(document, 'requestId') ?? '';
        const lease = database.leases[requestId];
        return (
          claimable.has(textField(document, 'status') ?? '') &&
          (kinds === undefined || kinds.has(textField(document, 'kind') ?? '')) &&
          (lease === undefined || Date.parse(lease.expiresAt) <= now)
        );
      }).slice(0, query.limit);
      const claims = chosen.map((entry) => {
        const request = parseRequestEntry(entry, this.file);
        const lease: WorkLease = { requestId: entry.id, workerId: query.workerId, expiresAt };
        database.leases[entry.id] = { workerId: query.workerId, expiresAt };
        return { request, lease };
      });
      return { result: claims, changed: claims.length > 0 };
    });
  }

  async renewLease(options: RenewLeaseOptions): Promise<WorkLease> {
    const query = renewQuery(options);
    return this.file.update((database) => {
      if (database.requests[query.requestId] === undefined) throw requestNotFound(query.requestId);
      const holder = database.leases[query.requestId]?.workerId ?? null;
      if (holder !== query.workerId) {
        throw conflictError(
          `Worker ${query.workerId} no longer holds request ${query.requestId}${holder ? ` (${holder} does)` : ''}: stop working on it.`,
          { requestId: query.requestId, workerId: query.workerId, holder },
        );
      }
      const expiresAt = new Date(this.clock.now().getTime() + query.leaseMs).toISOString();
      database.leases[query.requestId] = { workerId: query.workerId, expiresAt };
      return { result: { requestId: query.requestId, workerId: query.workerId, expiresAt }, changed: true };
    });
  }

  async releaseWork(options: ReleaseWorkOptions): Promise<boolean> {
    const query = releaseQuery(options);
    return this.file.update((database) => {
      if (database.leases[query.requestId]?.workerId !== query.workerId) return { result: false, changed: false };
      if (query.retryAfterMs) {
        const notBefore = new Date(this.clock.now().getTime() + query.retryAfterMs).toISOString();
        database.leases[query.requestId] = { workerId: null, expiresAt: notBefore };
      } else {
        delete database.leases[query.requestId];
      }
      return { result: true, changed: true };
    });
  }
}
