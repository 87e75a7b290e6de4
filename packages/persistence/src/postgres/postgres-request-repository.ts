import type { Machine, MachineRequest, Page, RequestListFilter, RequestRepository, RequestWithMachines, SaveOptions } from '@ohf/domain-core';
import { eventRows, type EventRow } from '../internal/audit-query.js';
import { checkRequest, readRequest } from '../internal/documents.js';
import { ParsedDocumentCache } from '../internal/parsed-document-cache.js';
import { requestQuery } from '../internal/list-filters.js';
import { conflictError } from '../internal/storage-errors.js';
import { duplicateEvent, eventValues, insertEventsSql } from './postgres-audit-log.js';
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

/** A row of `findWithMachines`: the request first (`part` 0), then its machines in order (`part` 1). */
interface RequestOrMachineRow {
  readonly part: number;
  /** Only on the request's row. */
  readonly request_id: string | null;
  /** Only on a machine's row. */
  readonly machine_id: string | null;
  readonly document: string;
  readonly version: number;
}

export class PostgresRequestRepository implements RequestRepository {
  readonly #requests: string;
  readonly #parsed = new ParsedDocumentCache<MachineRequest>();

  readonly #withMachines: string;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly machines: PostgresMachineRepository,
  ) {
    this.#requests = database.table('requests');
    const machineTable = database.table('machines');
    // One statement for what readRequestWithMachines reads in several: an acquire request's
    // machines are those stored under it (created or returned by it, oldest first), a return
    // request's those it lists, in its order, skipping any no longer stored. One round trip
    // instead of two or more is most of what a GET of a request costs on a busy server.
    this.#withMachines = `WITH request AS (SELECT request_id, kind, document, version FROM ${this.#requests} WHERE request_id = $1)
      SELECT 0 AS part, request_id, NULL::text COLLATE "C" AS machine_id, document::text AS document, version, 0::bigint AS position, NULL::text COLLATE "C" AS created_at
        FROM request
      UNION ALL
      SELECT 1, NULL, machine.machine_id, machine.document::text, machine.version, 0, machine.created_at
        FROM request JOIN ${machineTable} AS machine ON machine.request_id = $1 OR machine.return_request_id = $1
        WHERE request.kind = 'acquire'
      UNION ALL
      SELECT 1, NULL, machine.machine_id, machine.document::text, machine.version, listed.position, machine.created_at
        FROM request
        CROSS JOIN LATERAL jsonb_array_elements_text(request.document -> 'machineIds') WITH ORDINALITY AS listed (machine_id, position)
        JOIN ${machineTable} AS machine ON machine.machine_id = listed.machine_id
        WHERE request.kind = 'return'
      ORDER BY part, position, created_at, machine_id`;
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
    const result = await this.database.execute(sql, [...parameters, ...eventValues(events)]);
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

  async findWithMachines(requestId: string): Promise<RequestWithMachines | undefined> {
    const rows = await this.database.query<RequestOrMachineRow>(`Reading request ${requestId} with its machines`, this.#withMachines, [requestId]);
    const [first, ...rest] = rows;
    if (first === undefined || first.request_id === null) return undefined;
    const request = this.#read({ request_id: first.request_id, document: first.document, version: first.version });
    const machines: Machine[] = rest.flatMap(({ machine_id, document, version }) =>
      machine_id === null ? [] : [this.machines.read({ machine_id, document, version })],
    );
    return { request, machines };
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
