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
import { claimQuery, releaseQuery, renewQuery } from '../internal/work-options.js';
import type { SqliteDatabase } from './sqlite-database.js';

interface ClaimRow {
  readonly request_id: string;
  readonly document: string;
  readonly version: number;
}

const statuses = CLAIMABLE_STATUSES.map((status) => `'${status}'`).join(', ');

export class SqliteWorkQueue implements WorkQueue {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly clock: Clock,
  ) {}

  async claimWork(options: ClaimWorkOptions): Promise<readonly WorkClaim[]> {
    const query = claimQuery(options);
    const now = this.clock.now().getTime();
    const expiresAt = now + query.leaseMs;
    const kinds = query.kinds ?? [];
    const select = `SELECT request_id, document, version FROM requests
      WHERE status IN (${statuses}) AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
      ${kinds.length > 0 ? `AND kind IN (${kinds.map(() => '?').join(', ')})` : ''}
      ORDER BY created_at, request_id LIMIT ?`;
    // An immediate transaction holds the write lock from the SELECT on: no other process can
    // pick the same rows between our read and our update.
    const rows = await this.database.write('Claiming work', () => {
      const candidates = this.database.statement(select).all(now, ...kinds, query.limit) as ClaimRow[];
      const lease = this.database.statement('UPDATE requests SET lease_owner = ?, lease_expires_at = ? WHERE request_id = ?');
      for (const candidate of candidates) lease.run(query.workerId, expiresAt, candidate.request_id);
      return candidates;
    });
    const expires = new Date(expiresAt).toISOString();
    return rows.map((row) => ({
      request: readRequest(JSON.parse(row.document), row.version, `${this.database.path} (requests)`),
      lease: { requestId: row.request_id, workerId: query.workerId, expiresAt: expires },
    }));
  }

  async renewLease(options: RenewLeaseOptions): Promise<WorkLease> {
    const query = renewQuery(options);
    const expiresAt = this.clock.now().getTime() + query.leaseMs;
    const result = await this.database.write(`Renewing the lease on ${query.requestId}`, () =>
      this.database
        .statement('UPDATE requests SET lease_expires_at = ? WHERE request_id = ? AND lease_owner = ?')
        .run(expiresAt, query.requestId, query.workerId),
    );
    if (result.changes === 0) {
      const holder = this.database.run(`Reading the lease on ${query.requestId}`, () =>
        this.database.statement('SELECT lease_owner FROM requests WHERE request_id = ?').get(query.requestId),
      ) as { lease_owner: string | null } | undefined;
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
    const result = await this.database.write(`Releasing ${query.requestId}`, () =>
      this.database
        .statement('UPDATE requests SET lease_owner = NULL, lease_expires_at = ? WHERE request_id = ? AND lease_owner = ?')
        .run(notBefore, query.requestId, query.workerId),
    );
    return result.changes > 0;
  }
}
