import type { MachineRequest, OutstandingFilter, Page, RequestListFilter, RequestRepository, RequestWithMachines, SaveOptions } from '@ohf/domain-core';
import { eventRows } from '../internal/audit-query.js';
import { checkRequest, readRequest } from '../internal/documents.js';
import type { ParsedDocumentCache } from '../internal/parsed-document-cache.js';
import { OUTSTANDING_STATUSES, outstandingQuery, requestQuery } from '../internal/list-filters.js';
import { conflictError } from '../internal/storage-errors.js';
import { insertSqliteEvents } from './sqlite-audit-log.js';
import { sqliteCode, type SqliteDatabase } from './sqlite-database.js';
import type { SqliteMachineRepository } from './sqlite-machine-repository.js';
import { ReadBatcher } from '../internal/read-batcher.js';
import { requestWithMachinesFrom, rowsByOwner, type OwnedRow, type RequestOrMachineRow } from '../internal/request-with-machines-rows.js';

interface DocumentRow {
  readonly request_id: string;
  readonly document: string;
  readonly version: number;
}

const INSERT = `INSERT INTO requests
  (request_id, organization_id, kind, status, template_id, provider_instance, idempotency_key, created_at, updated_at, version, document)
  VALUES (@requestId, @organizationId, @kind, @status, @templateId, @providerInstance, @idempotencyKey, @createdAt, @updatedAt, @version, @document)`;

const UPDATE = `UPDATE requests SET organization_id = @organizationId, kind = @kind, status = @status, template_id = @templateId,
  provider_instance = @providerInstance, idempotency_key = @idempotencyKey, created_at = @createdAt,
  updated_at = @updatedAt, version = @version, document = @document
  WHERE request_id = @requestId AND version = @expectedVersion`;

/**
 * What readRequestWithMachines reads in two or more lookups, in one statement: the request, the
 * machines stored under it (created or returned by it: one multi-index OR over the two request
 * indexes) and, for a return request, the machines it lists (by primary key). A listed machine
 * may come twice; the listing order puts each in place once.
 */
const WITH_MACHINES = `SELECT 0 AS part, request_id AS id, kind, document, version, NULL AS created_at FROM requests WHERE request_id = @requestId
  UNION ALL
  SELECT 1, machine_id, NULL, document, version, created_at FROM machines WHERE request_id = @requestId OR return_request_id = @requestId
  UNION ALL
  SELECT 1, listed.machine_id, NULL, listed.document, listed.version, listed.created_at
    FROM requests AS return_request, json_each(return_request.document, '$.machineIds') AS named
    JOIN machines AS listed ON listed.machine_id = named.value
    WHERE return_request.request_id = @requestId AND return_request.kind = 'return'
  ORDER BY part, created_at, id`;

/**
 * The same for several requests read at once (see ReadBatcher), each row with the request it
 * belongs to (`owner`), the ids passed as one JSON array. A machine matched by both of its
 * request columns comes once; one listed by a return request may come twice for it, and the
 * listing order puts it in place once.
 */
const MANY_WITH_MACHINES = `SELECT 0 AS part, request_id AS owner, request_id AS id, kind, document, version, NULL AS created_at
    FROM requests WHERE request_id IN (SELECT value FROM json_each(@requestIds))
  UNION ALL
  SELECT 1, request_id, machine_id, NULL, document, version, created_at FROM machines
    WHERE request_id IN (SELECT value FROM json_each(@requestIds))
  UNION ALL
  SELECT 1, return_request_id, machine_id, NULL, document, version, created_at FROM machines
    WHERE return_request_id IN (SELECT value FROM json_each(@requestIds)) AND request_id IS NOT return_request_id
  UNION ALL
  SELECT 1, return_request.request_id, listed.machine_id, NULL, listed.document, listed.version, listed.created_at
    FROM requests AS return_request, json_each(return_request.document, '$.machineIds') AS named
    JOIN machines AS listed ON listed.machine_id = named.value
    WHERE return_request.request_id IN (SELECT value FROM json_each(@requestIds)) AND return_request.kind = 'return'
  ORDER BY owner, part, created_at, id`;

/**
 * Requests per batched statement at most. On SQLite a statement costs no round trip, yet reads
 * batched as on PostgreSQL (one statement for the GETs that arrived in one turn, a request asked
 * for twice read once, their answers written in one turn) took the API from ~190-230 to ~100-110
 * µs of CPU per GET in interleaved runs of the API benchmark: more than leaving the statement out
 * altogether saved (~150-175 µs).
 */
const MAXIMUM_BATCH = 64;

/**
 * What unfinished requests still owe, per template, in one statement: each request's recorded
 * machines come from the machines_request index, and a request that already has all it asked for
 * (or more) owes nothing rather than a negative. It reads the partial requests_outstanding index
 * alone (unfinished requests, with their requestedCount): SQLite keeps no statistics and would
 * otherwise walk the organization or template index, every request ever made, and read each
 * document. The statuses are literals because a partial index serves only the condition it names.
 */
export function outstandingByTemplateStatement(query: { organizationId?: string; templateId?: string }): { sql: string; parameters: unknown[] } {
  const conditions = [`kind = 'acquire'`, `status IN (${OUTSTANDING_STATUSES.map((status) => `'${status}'`).join(', ')})`, 'template_id IS NOT NULL'];
  const parameters: unknown[] = [];
  if (query.organizationId !== undefined) {
    conditions.push('organization_id = ?');
    parameters.push(query.organizationId);
  }
  if (query.templateId !== undefined) {
    conditions.push('template_id = ?');
    parameters.push(query.templateId);
  }
  const sql = `SELECT template_id, sum(owed) AS total FROM (
     SELECT requests.template_id,
       json_extract(requests.document, '$.requestedCount')
         - (SELECT count(*) FROM machines WHERE machines.request_id = requests.request_id) AS owed
     FROM requests INDEXED BY requests_outstanding WHERE ${conditions.join(' AND ')}
   ) WHERE owed > 0 GROUP BY template_id`;
  return { sql, parameters };
}

export class SqliteRequestRepository implements RequestRepository {
  readonly #parsed: ParsedDocumentCache<MachineRequest>;
  readonly #where: string;
  readonly #batcher = new ReadBatcher<string, readonly RequestOrMachineRow[], RequestWithMachines | undefined>({
    fetch: (requestIds) => this.#fetchWithMachines(requestIds),
    read: (rows) => (rows === undefined ? undefined : this.#withMachinesFrom(rows)),
    maximumBatch: MAXIMUM_BATCH,
  });

  /** `parsed`: the parsed documents kept between reads (see parsedDocumentsOf). */
  constructor(
    private readonly database: SqliteDatabase,
    private readonly machines: SqliteMachineRepository,
    parsed: ParsedDocumentCache<MachineRequest>,
  ) {
    this.#parsed = parsed;
    this.#where = `${database.path} (requests)`;
  }

  async save(request: MachineRequest, options: SaveOptions = {}): Promise<MachineRequest> {
    const checked = checkRequest(request);
    const events = eventRows(options.events ?? []);
    const saved: MachineRequest = { ...checked, version: checked.version + 1 };
    const parameters = {
      requestId: saved.requestId,
      organizationId: saved.organizationId,
      kind: saved.kind,
      status: saved.status,
      templateId: saved.templateId ?? null,
      providerInstance: saved.providerInstance ?? null,
      idempotencyKey: saved.idempotencyKey ?? null,
      createdAt: saved.createdAt,
      updatedAt: saved.updatedAt,
      version: saved.version,
      document: JSON.stringify(saved),
      expectedVersion: checked.version,
    };
    const write = () => {
      try {
        if (checked.version === 0) this.database.statement(INSERT).run(parameters);
        else if (this.database.statement(UPDATE).run(parameters).changes === 0) throw this.#staleVersion(checked);
      } catch (error) {
        const code = sqliteCode(error);
        if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw this.#staleVersion(checked);
        if (code === 'SQLITE_CONSTRAINT_UNIQUE') throw this.#duplicateKey(checked);
        throw error;
      }
    };
    // The events it records commit with the change, or roll back with it.
    await this.database.write(`Saving request ${saved.requestId}`, () => {
      write();
      if (events.length > 0) insertSqliteEvents(this.database, events);
    });
    return saved;
  }

  async findById(requestId: string): Promise<MachineRequest | undefined> {
    const row = this.database.run(`Reading request ${requestId}`, () =>
      this.database.statement('SELECT request_id, document, version FROM requests WHERE request_id = ?').get(requestId),
    ) as DocumentRow | undefined;
    return row && this.#read(row);
  }

  findWithMachines(requestId: string): Promise<RequestWithMachines | undefined> {
    return this.#batcher.load(requestId);
  }

  async #fetchWithMachines(requestIds: readonly string[]): Promise<ReadonlyMap<string, readonly RequestOrMachineRow[]>> {
    if (requestIds.length === 1) {
      const [requestId] = requestIds as [string];
      const rows = this.database.run(`Reading request ${requestId} with its machines`, () =>
        this.database.statement(WITH_MACHINES).all({ requestId }),
      ) as RequestOrMachineRow[];
      return new Map(rows.length === 0 ? [] : [[requestId, rows]]);
    }
    const rows = this.database.run(`Reading ${requestIds.length} requests with their machines`, () =>
      this.database.statement(MANY_WITH_MACHINES).all({ requestIds: JSON.stringify(requestIds) }),
    ) as OwnedRow[];
    return rowsByOwner(rows);
  }

  #withMachinesFrom(rows: readonly RequestOrMachineRow[]): RequestWithMachines | undefined {
    return requestWithMachinesFrom(
      rows,
      ({ id, document, version }) => this.#read({ request_id: id, document, version }),
      ({ id, document, version }) => this.machines.read({ machine_id: id, document, version }),
    );
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined> {
    const row = this.database.run('Reading a request by idempotency key', () =>
      this.database.statement('SELECT request_id, document, version FROM requests WHERE idempotency_key = ?').get(idempotencyKey),
    ) as DocumentRow | undefined;
    return row && this.#read(row);
  }

  async list(filter?: RequestListFilter): Promise<Page<MachineRequest>> {
    const query = requestQuery(filter);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.organizationId !== undefined) {
      conditions.push('organization_id = ?');
      parameters.push(query.organizationId);
    }
    if (query.kind) {
      conditions.push('kind = ?');
      parameters.push(query.kind);
    }
    if (query.statuses) {
      conditions.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
      parameters.push(...query.statuses);
    }
    if (query.templateId !== undefined) {
      conditions.push('template_id = ?');
      parameters.push(query.templateId);
    }
    if (query.providerInstance !== undefined) {
      conditions.push('provider_instance = ?');
      parameters.push(query.providerInstance);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.database.run('Listing requests', () => {
      const { total } = this.database.statement(`SELECT count(*) AS total FROM requests ${where}`).get(...parameters) as {
        total: number;
      };
      const rows = this.database
        .statement(`SELECT request_id, document, version FROM requests ${where} ORDER BY created_at, request_id LIMIT ? OFFSET ?`)
        .all(...parameters, query.limit ?? -1, query.offset) as DocumentRow[];
      return { items: rows.map((row) => this.#parse(row.document, row.version)), total };
    });
  }

  async outstandingByTemplate(filter?: OutstandingFilter): Promise<Readonly<Record<string, number>>> {
    const { sql, parameters } = outstandingByTemplateStatement(outstandingQuery(filter));
    const rows = this.database.run('Counting the machines unfinished requests still owe', () =>
      this.database.statement(sql).all(...parameters),
    ) as { template_id: string; total: number }[];
    return Object.fromEntries(rows.map((row) => [row.template_id, row.total]));
  }

  /** Lookups of one id or one request's machines: the reads repeated while a request is watched. */
  #read(row: DocumentRow): MachineRequest {
    return this.#parsed.read(row.request_id, row.document, row.version, (text) => this.#parse(text, row.version));
  }

  /** Listings go through the schema each time: a long page would only push the watched documents out. */
  #parse(text: string, version: number): MachineRequest {
    return readRequest(JSON.parse(text), version, this.#where);
  }

  #staleVersion(request: MachineRequest): Error {
    const stored = this.database.statement('SELECT version FROM requests WHERE request_id = ?').get(request.requestId) as
      | { version: number }
      | undefined;
    return conflictError(
      stored === undefined
        ? `Request ${request.requestId} was not saved: it is not stored at version ${request.version}. Read it again before saving.`
        : `Request ${request.requestId} was not saved: it changed since it was read (version ${request.version}, stored ${stored.version}). Read it again before saving.`,
      { requestId: request.requestId, expectedVersion: request.version, storedVersion: stored?.version ?? null },
    );
  }

  #duplicateKey(request: MachineRequest): Error {
    const existing = this.database
      .statement('SELECT request_id FROM requests WHERE idempotency_key = ?')
      .get(request.idempotencyKey ?? null) as { request_id: string } | undefined;
    return conflictError(
      `Request ${request.requestId} was not saved: idempotency key ${JSON.stringify(request.idempotencyKey)} already belongs to request ${existing?.request_id ?? '(unknown)'}.`,
      { requestId: request.requestId, idempotencyKey: request.idempotencyKey, existingRequestId: existing?.request_id ?? null },
    );
  }
}
