import type { MachineRequest, OutstandingFilter, Page, RequestListFilter, RequestRepository, RequestWithMachines, SaveOptions } from '@ohf/domain-core';
import { eventRows, type EventRow } from '../internal/audit-query.js';
import { checkRequest, readRequest } from '../internal/documents.js';
import type { ParsedDocumentCache } from '../internal/parsed-document-cache.js';
import { ReadBatcher } from '../internal/read-batcher.js';
import { requestWithMachinesFrom, rowsByOwner, type OwnedRow, type RequestOrMachineRow } from '../internal/request-with-machines-rows.js';
import { OUTSTANDING_STATUSES, outstandingQuery, requestQuery } from '../internal/list-filters.js';
import { conflictError } from '../internal/storage-errors.js';
import { duplicateEvent, eventValues, insertEventsSql, PREPARED_EVENT_COUNT } from './postgres-audit-log.js';
import { postgresCode, postgresConstraint, type PostgresDatabase } from './postgres-database.js';
import type { PostgresMachineRepository } from './postgres-machine-repository.js';

interface DocumentRow {
  readonly document: unknown;
  readonly version: number;
}

/** Point reads take the document as text, so an unchanged one is recognised and not parsed again. */
interface DocumentTextRow {
  readonly request_id: string;
  readonly document: string;
  readonly version: number;
}

const DOCUMENT_TEXT = 'request_id, document::text AS document, version';

/**
 * What unfinished requests still owe, per template, in one statement (see outstandingByTemplate):
 * each request's recorded machines are counted from the machines_request index, once per
 * request, and a request that already has all it asked for (or more) owes nothing rather than a
 * negative; a template whose requests owe nothing comes back with 0. The statuses are literals
 * so that the partial requests_outstanding index, which holds only unfinished requests, can
 * serve the sum: a parameter could not be matched to its condition.
 */
export function outstandingByTemplateStatement(requests: string, machines: string, query: OutstandingFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions = [`kind = 'acquire'`, `status IN (${OUTSTANDING_STATUSES.map((status) => `'${status}'`).join(', ')})`, 'template_id IS NOT NULL'];
  if (query.organizationId !== undefined) {
    values.push(query.organizationId);
    conditions.push(`organization_id = $${values.length}`);
  }
  if (query.templateId !== undefined) {
    values.push(query.templateId);
    conditions.push(`template_id = $${values.length}`);
  }
  // requests.request_id is COLLATE "C", machines.request_id and its index the database's
  // default: compared as they are, the comparison takes "C", which that index cannot answer, and
  // each unfinished request walked every machine's index entry (a POST with 800 requests
  // waiting took 20 ms, growing with the machines stored). Equality is the same under both.
  const sql = `SELECT requests.template_id, sum(GREATEST(0,
       (requests.document->>'requestedCount')::integer
         - (SELECT count(*)::integer FROM ${machines} machines WHERE machines.request_id = requests.request_id COLLATE "default")))::integer AS total
     FROM ${requests} requests WHERE ${conditions.join(' AND ')}
     GROUP BY requests.template_id`;
  return { sql, values };
}

/** Requests per batched statement at most: bounded statement cost and answer size. */
const MAXIMUM_BATCH = 64;

export class PostgresRequestRepository implements RequestRepository {
  readonly #requests: string;
  readonly #parsed: ParsedDocumentCache<MachineRequest>;

  readonly #withMachines: string;
  readonly #manyWithMachines: string;
  readonly #machineTable: string;
  readonly #batcher = new ReadBatcher<string, readonly RequestOrMachineRow[], RequestWithMachines | undefined>({
    fetch: (requestIds) => this.#fetchWithMachines(requestIds),
    read: (rows) => (rows === undefined ? undefined : this.#withMachinesFrom(rows)),
    maximumBatch: MAXIMUM_BATCH,
  });

  /** `parsed`: the parsed documents kept between reads (see parsedDocumentsOf). */
  constructor(
    private readonly database: PostgresDatabase,
    private readonly machines: PostgresMachineRepository,
    parsed: ParsedDocumentCache<MachineRequest>,
  ) {
    this.#parsed = parsed;
    this.#requests = database.table('requests');
    const machineTable = database.table('machines');
    this.#machineTable = machineTable;
    // One statement for what readRequestWithMachines reads in several: an acquire request's
    // machines are those stored under it (created or returned by it, oldest first), a return
    // request's those it lists, in its order, skipping any no longer stored. One round trip
    // instead of two or more is most of what a GET of a request costs on a busy server. The
    // machines come from one scan of three indexes (by request, by return request, by id for the
    // ids a return request lists); the listed ones are put in the list's order here. That plan
    // costs the server about a third less than a join per kind, and the client a quarter less.
    this.#withMachines = `SELECT 0 AS part, request_id AS id, kind, document::text AS document, version, NULL::text COLLATE "C" AS created_at
        FROM ${this.#requests} WHERE request_id = $1
      UNION ALL
      SELECT 1, machine_id, NULL, document::text, version, created_at FROM ${machineTable}
        WHERE request_id = $1 OR return_request_id = $1
          OR machine_id = ANY (ARRAY(SELECT jsonb_array_elements_text(document -> 'machineIds') FROM ${this.#requests} WHERE request_id = $1 AND kind = 'return'))
      ORDER BY part, created_at, id`;
    // The same for several requests read at once (see ReadBatcher), each row with the request
    // it belongs to. A machine matched by both of its request columns comes once; one listed by
    // a return request may come twice for it, and the listing order puts it in place once.
    this.#manyWithMachines = `SELECT 0 AS part, request_id AS owner, request_id AS id, kind, document::text AS document, version, NULL::text COLLATE "C" AS created_at
        FROM ${this.#requests} WHERE request_id = ANY ($1::text[])
      UNION ALL
      SELECT 1, request_id, machine_id, NULL, document::text, version, created_at FROM ${machineTable}
        WHERE request_id = ANY ($1::text[])
      UNION ALL
      SELECT 1, return_request_id, machine_id, NULL, document::text, version, created_at FROM ${machineTable}
        WHERE return_request_id = ANY ($1::text[]) AND request_id IS DISTINCT FROM return_request_id
      UNION ALL
      SELECT 1, return_request.request_id, listed.machine_id, NULL, listed.document::text, listed.version, listed.created_at
        FROM ${this.#requests} AS return_request
        CROSS JOIN LATERAL jsonb_array_elements_text(return_request.document -> 'machineIds') AS named(machine_id)
        JOIN ${machineTable} AS listed ON listed.machine_id = named.machine_id
        WHERE return_request.request_id = ANY ($1::text[]) AND return_request.kind = 'return'
      ORDER BY owner, part, created_at, id`;
  }

  async save(request: MachineRequest, options: SaveOptions = {}): Promise<MachineRequest> {
    const checked = checkRequest(request);
    const events = eventRows(options.events ?? []);
    const saved: MachineRequest = { ...checked, version: checked.version + 1 };
    const values = [
      saved.requestId,
      saved.kind,
      saved.status,
      saved.templateId ?? null,
      saved.providerInstance ?? null,
      saved.idempotencyKey ?? null,
      saved.createdAt,
      saved.updatedAt,
      saved.version,
      JSON.stringify(saved),
      saved.organizationId,
    ];
    const write =
      checked.version === 0
        ? `INSERT INTO ${this.#requests}
            (request_id, kind, status, template_id, provider_instance, idempotency_key, created_at, updated_at, version, document, organization_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`
        : `UPDATE ${this.#requests} SET kind = $2, status = $3, template_id = $4, provider_instance = $5,
             idempotency_key = $6, created_at = $7, updated_at = $8, version = $9, document = $10::jsonb, organization_id = $11
           WHERE request_id = $1 AND version = $12`;
    const parameters = checked.version === 0 ? values : [...values, checked.version];
    try {
      const written = events.length === 0 ? await this.#write(write, parameters) : await this.#writeWithEvents(write, parameters, events);
      if (!written) throw await this.#staleVersion(checked);
    } catch (error) {
      const event = duplicateEvent(error, events);
      if (event) throw event;
      if (postgresCode(error) === '23505') {
        throw postgresConstraint(error) === 'requests_idempotency_key'
          ? await this.#duplicateKey(checked)
          : await this.#staleVersion(checked);
      }
      throw this.database.failure(`Saving request ${saved.requestId}`, error);
    }
    return saved;
  }

  async #write(write: string, parameters: unknown[]): Promise<boolean> {
    return ((await this.database.execute(write, parameters)).rowCount ?? 0) > 0;
  }

  /**
   * The change and its events in one statement, so one round trip and one implicit
   * transaction: either both are stored or neither. Events are inserted only when the request
   * row was written; they get their sequence once committed (see postgres-audit-log.ts).
   */
  async #writeWithEvents(write: string, parameters: unknown[], events: readonly EventRow[]): Promise<boolean> {
    // At least one event: rows were inserted exactly when the request row was written.
    const sql = `WITH saved AS (${write} RETURNING 1) ${insertEventsSql(this.database, parameters.length + 1, events.length, 'saved')}`;
    const result = await this.database.execute(sql, [...parameters, ...eventValues(events)], { prepared: events.length <= PREPARED_EVENT_COUNT });
    return (result.rowCount ?? 0) > 0;
  }

  async findById(requestId: string): Promise<MachineRequest | undefined> {
    const [row] = await this.database.query<DocumentTextRow>(
      `Reading request ${requestId}`,
      `SELECT ${DOCUMENT_TEXT} FROM ${this.#requests} WHERE request_id = $1`,
      [requestId],
    );
    return row && this.#read(row);
  }

  /** Reads asked for together share one statement (see ReadBatcher); alone, it is the statement above. */
  findWithMachines(requestId: string): Promise<RequestWithMachines | undefined> {
    return this.#batcher.load(requestId);
  }

  async #fetchWithMachines(requestIds: readonly string[]): Promise<ReadonlyMap<string, readonly RequestOrMachineRow[]>> {
    if (requestIds.length === 1) {
      const [requestId] = requestIds as [string];
      const rows = await this.database.query<RequestOrMachineRow>(`Reading request ${requestId} with its machines`, this.#withMachines, [requestId]);
      return new Map(rows.length === 0 ? [] : [[requestId, rows]]);
    }
    const rows = await this.database.query<OwnedRow>(`Reading ${requestIds.length} requests with their machines`, this.#manyWithMachines, [requestIds]);
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
    const [row] = await this.database.query<DocumentTextRow>(
      'Reading a request by idempotency key',
      `SELECT ${DOCUMENT_TEXT} FROM ${this.#requests} WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return row && this.#read(row);
  }

  async list(filter?: RequestListFilter): Promise<Page<MachineRequest>> {
    const query = requestQuery(filter);
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (query.organizationId !== undefined) add((p) => `organization_id = ${p}`, query.organizationId);
    if (query.kind) add((p) => `kind = ${p}`, query.kind);
    if (query.statuses) add((p) => `status = ANY(${p}::text[])`, query.statuses);
    if (query.templateId !== undefined) add((p) => `template_id = ${p}`, query.templateId);
    if (query.providerInstance !== undefined) add((p) => `provider_instance = ${p}`, query.providerInstance);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [count] = await this.database.query<{ total: number }>(
      'Counting requests',
      `SELECT count(*)::integer AS total FROM ${this.#requests} ${where}`,
      values,
    );
    const rows = await this.database.query<DocumentRow>(
      'Listing requests',
      `SELECT document, version FROM ${this.#requests} ${where}
       ORDER BY created_at, request_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, query.limit ?? null, query.offset],
    );
    return { items: rows.map((row) => this.#parse(row.document, row.version)), total: count?.total ?? 0 };
  }

  async outstandingByTemplate(filter?: OutstandingFilter): Promise<Readonly<Record<string, number>>> {
    const { sql, values } = outstandingByTemplateStatement(this.#requests, this.#machineTable, outstandingQuery(filter));
    const rows = await this.database.query<{ template_id: string; total: number }>('Counting the machines unfinished requests still owe', sql, values);
    return Object.fromEntries(rows.filter((row) => row.total > 0).map((row) => [row.template_id, row.total]));
  }

  /** Lookups of one id or one request's machines: the reads repeated while a request is watched. */
  #read(row: DocumentTextRow): MachineRequest {
    return this.#parsed.read(row.request_id, row.document, row.version, (text) => this.#parse(JSON.parse(text), row.version));
  }

  /** Listings go through the schema each time: a long page would only push the watched documents out. */
  #parse(document: unknown, version: number): MachineRequest {
    return readRequest(document, version, `${this.database.where} requests`);
  }

  async #staleVersion(request: MachineRequest): Promise<Error> {
    const [stored] = await this.database.query<{ version: number }>(
      `Reading request ${request.requestId}`,
      `SELECT version FROM ${this.#requests} WHERE request_id = $1`,
      [request.requestId],
    );
    return conflictError(
      stored === undefined
        ? `Request ${request.requestId} was not saved: it is not stored at version ${request.version}. Read it again before saving.`
        : `Request ${request.requestId} was not saved: it changed since it was read (version ${request.version}, stored ${stored.version}). Read it again before saving.`,
      { requestId: request.requestId, expectedVersion: request.version, storedVersion: stored?.version ?? null },
    );
  }

  async #duplicateKey(request: MachineRequest): Promise<Error> {
    const [existing] = await this.database.query<{ request_id: string }>(
      'Reading a request by idempotency key',
      `SELECT request_id FROM ${this.#requests} WHERE idempotency_key = $1`,
      [request.idempotencyKey ?? null],
    );
    return conflictError(
      `Request ${request.requestId} was not saved: idempotency key ${JSON.stringify(request.idempotencyKey)} already belongs to request ${existing?.request_id ?? '(unknown)'}.`,
      { requestId: request.requestId, idempotencyKey: request.idempotencyKey, existingRequestId: existing?.request_id ?? null },
    );
  }
}
