import type {
  ClaimWorkOptions,
  Clock,
  ReleaseWorkOptions,
  RenewLeaseOptions,
  WorkClaim,
  WorkLease,
  WorkQueue,
} from '@ohf/domain-core';
import { readRequest } from '../internal/documents.js';
import { CLAIMABLE_STATUSES } from '../internal/list-filters.js';
import { conflictError, requestNotFound } from '../internal/storage-errors.js';
import { claimQuery, compareByCreation, releaseQuery, renewQuery } from '../internal/work-options.js';
import type { PostgresDatabase } from './postgres-database.js';

interface ClaimRow {
  readonly request_id: string;
  readonly document: unknown;
  readonly version: number;
}

export class PostgresWorkQueue implements WorkQueue {
  readonly #requests: string;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly clock: Clock,
  ) {
    this.#requests = database.table('requests');
  }

  /**
   * Candidates are locked with FOR UPDATE SKIP LOCKED: a replica claiming at the same moment
   * skips the rows this one is taking instead of waiting for them or taking them too. A row
   * another replica leased just before is re-checked against the WHERE clause after its lock
   * is released, so its fresh lease excludes it.
   */
  async claimWork(options: ClaimWorkOptions): Promise<readonly WorkClaim[]> {
    const query = claimQuery(options);
    const now = this.clock.now().getTime();
    const expiresAt = now + query.leaseMs;
    // One statement is its own transaction: no BEGIN and COMMIT around it, two round trips fewer per claim.
    const rows = await this.database.query<ClaimRow>(
      'Claiming work',
      `WITH candidates AS (
         SELECT request_id FROM ${this.#requests}
         WHERE status = ANY($1::text[])
           AND (lease_expires_at IS NULL OR lease_expires_at <= $2)
           AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
         ORDER BY created_at, request_id
         LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       UPDATE ${this.#requests} AS leased SET lease_owner = $5, lease_expires_at = $6
       FROM candidates WHERE leased.request_id = candidates.request_id
       RETURNING leased.request_id, leased.document, leased.version`,
      [CLAIMABLE_STATUSES, now, query.kinds ?? null, query.limit, query.workerId, expiresAt],
    );
    const expires = new Date(expiresAt).toISOString();
    return rows
      .map((row) => ({
        request: readRequest(row.document, row.version, `${this.database.where} requests`),
        lease: { requestId: row.request_id, workerId: query.workerId, expiresAt: expires },
      }))
      .sort((a, b) => compareByCreation(a.request.createdAt, a.request.requestId, b.request.createdAt, b.request.requestId));
  }

  async renewLease(options: RenewLeaseOptions): Promise<WorkLease> {
    const query = renewQuery(options);
    const expiresAt = this.clock.now().getTime() + query.leaseMs;
    const renewed = await this.database.query(
      `Renewing the lease on ${query.requestId}`,
      `UPDATE ${this.#requests} SET lease_expires_at = $3 WHERE request_id = $1 AND lease_owner = $2 RETURNING request_id`,
      [query.requestId, query.workerId, expiresAt],
    );
    if (renewed.length === 0) {
      const [holder] = await this.database.query<{ lease_owner: string | null }>(
        `Reading the lease on ${query.requestId}`,
        `SELECT lease_owner FROM ${this.#requests} WHERE request_id = $1`,
        [query.requestId],
      );
      if (holder === undefined) throw requestNotFound(query.requestId);
      throw conflictError(
        `Worker ${query.workerId} no longer holds request ${query.requestId}${holder.lease_owner ? ` (${holder.lease_owner} does)` : ''}: stop working on it.`,
        { requestId: query.requestId, workerId: query.workerId, holder: holder.lease_owner },
      );
    }
    return { requestId: query.requestId, workerId: query.workerId, expiresAt: new Date(expiresAt).toISOString() };
  }

  async releaseWork(options: ReleaseWorkOptions): Promise<boolean> {
    const query = releaseQuery(options);
    const notBefore = query.retryAfterMs ? this.clock.now().getTime() + query.retryAfterMs : null;
    const released = await this.database.query(
      `Releasing ${query.requestId}`,
      `UPDATE ${this.#requests} SET lease_owner = NULL, lease_expires_at = $3
       WHERE request_id = $1 AND lease_owner = $2 RETURNING request_id`,
      [query.requestId, query.workerId, notBefore],
    );
    return released.length > 0;
  }
}
