import type { Machine, MachineListFilter, MachineRepository, MachineState, Page, SaveOptions } from '@ohf/domain-core';
import { eventRows } from '../internal/audit-query.js';
import { checkMachine, lastOfEachMachine, readMachine } from '../internal/documents.js';
import type { ParsedDocumentCache } from '../internal/parsed-document-cache.js';
import { machineQuery } from '../internal/list-filters.js';
import { duplicateEvent, EVENT_BATCH, eventValues, insertEvents, insertEventsSql, PREPARED_EVENT_COUNT } from './postgres-audit-log.js';
import type { PostgresDatabase } from './postgres-database.js';

interface DocumentRow {
  readonly document: unknown;
  readonly version: number;
}

/** Point reads take the document as text, so an unchanged one is recognised and not parsed again. */
export interface MachineDocumentTextRow {
  readonly machine_id: string;
  readonly document: string;
  readonly version: number;
}

const DOCUMENT_TEXT = 'machine_id, document::text AS document, version';

/** Rows per INSERT: large batches go as a few array-valued statements in one transaction. */
const BATCH = 2_000;
/** The parameters of the upsert below: one array per column. */
const UPSERT_PARAMETERS = 10;

export class PostgresMachineRepository implements MachineRepository {
  readonly #machines: string;
  readonly #parsed: ParsedDocumentCache<Machine>;

  /** `parsed`: the parsed documents kept between reads (see parsedDocumentsOf). */
  constructor(
    private readonly database: PostgresDatabase,
    parsed: ParsedDocumentCache<Machine>,
  ) {
    this.#parsed = parsed;
    this.#machines = database.table('machines');
  }

  async saveMany(machines: readonly Machine[], options: SaveOptions = {}): Promise<void> {
    const checked = lastOfEachMachine(machines.map(checkMachine));
    const events = eventRows(options.events ?? []);
    if (checked.length === 0 && events.length === 0) return;
    // The stored version counts saves; machines are last-writer-wins (the cloud is the truth).
    const upsert = `INSERT INTO ${this.#machines} AS stored
        (machine_id, request_id, return_request_id, provider_instance, provider_instance_id, state, created_at, updated_at, version, document, organization_id)
      SELECT machine_id, request_id, return_request_id, provider_instance, provider_instance_id, state, created_at, updated_at, 1, document::jsonb, organization_id
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
        AS input (machine_id, request_id, return_request_id, provider_instance, provider_instance_id, state, created_at, updated_at, document, organization_id)
      ON CONFLICT (machine_id) DO UPDATE SET
        organization_id = excluded.organization_id, request_id = excluded.request_id, return_request_id = excluded.return_request_id,
        provider_instance = excluded.provider_instance, provider_instance_id = excluded.provider_instance_id,
        state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at,
        version = stored.version + 1, document = excluded.document`;
    const valuesOf = (batch: readonly Machine[]): unknown[] => [
      batch.map((machine) => machine.machineId),
      batch.map((machine) => machine.requestId),
      batch.map((machine) => machine.returnRequestId ?? null),
      batch.map((machine) => machine.providerInstance),
      batch.map((machine) => machine.providerInstanceId),
      batch.map((machine) => machine.state),
      batch.map((machine) => machine.createdAt),
      batch.map((machine) => machine.updatedAt),
      batch.map((machine) => JSON.stringify(machine)),
      batch.map((machine) => machine.organizationId),
    ];
    const what = `Saving ${checked.length} machines`;
    if (checked.length <= BATCH && events.length <= EVENT_BATCH) {
      // One statement, so one round trip and one implicit transaction, where BEGIN, a statement
      // each and COMMIT took four: a provisioning step saves machines twice, and a status poll
      // once. A data-modifying WITH runs whole whether or not the outer statement reads it.
      const sql =
        checked.length === 0
          ? insertEventsSql(this.database, 1, events.length)
          : events.length === 0
            ? upsert
            : `WITH saved AS (${upsert} RETURNING 1) ${insertEventsSql(this.database, UPSERT_PARAMETERS + 1, events.length)}`;
      try {
        await this.database.execute(sql, [...(checked.length === 0 ? [] : valuesOf(checked)), ...eventValues(events)], {
          prepared: events.length <= PREPARED_EVENT_COUNT,
        });
      } catch (error) {
        throw duplicateEvent(error, events) ?? this.database.failure(what, error);
      }
      return;
    }
    await this.database.transaction(what, async (client) => {
      for (let start = 0; start < checked.length; start += BATCH) {
        await client.query(upsert, valuesOf(checked.slice(start, start + BATCH)));
      }
      await insertEvents(this.database, client, events);
    });
  }

  async findById(machineId: string): Promise<Machine | undefined> {
    const [row] = await this.database.query<MachineDocumentTextRow>(
      `Reading machine ${machineId}`,
      `SELECT ${DOCUMENT_TEXT} FROM ${this.#machines} WHERE machine_id = $1`,
      [machineId],
    );
    return row && this.read(row);
  }

  async findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined> {
    const [row] = await this.database.query<MachineDocumentTextRow>(
      `Reading machine ${providerInstanceId}`,
      `SELECT ${DOCUMENT_TEXT} FROM ${this.#machines}
       WHERE provider_instance_id = $1 AND ($2::text IS NULL OR provider_instance = $2)
       ORDER BY created_at, machine_id LIMIT 1`,
      [providerInstanceId, providerInstance ?? null],
    );
    return row && this.read(row);
  }

  async findByRequestId(requestId: string): Promise<readonly Machine[]> {
    const rows = await this.database.query<MachineDocumentTextRow>(
      `Reading the machines of request ${requestId}`,
      `SELECT ${DOCUMENT_TEXT} FROM ${this.#machines} WHERE request_id = $1 OR return_request_id = $1
       ORDER BY created_at, machine_id`,
      [requestId],
    );
    return rows.map((row) => this.read(row));
  }

  async countByTemplate(states: readonly MachineState[]): Promise<Readonly<Record<string, number>>> {
    const checked = machineQuery({ states }).states;
    if (checked === undefined) return {};
    const rows = await this.database.query<{ template_id: string; total: number }>(
      'Counting machines by template',
      `SELECT template_id, count(*)::integer AS total FROM ${this.#machines}
       WHERE state = ANY($1::text[]) AND return_request_id IS NULL GROUP BY 1`,
      [checked],
    );
    return Object.fromEntries(rows.map((row) => [row.template_id, row.total]));
  }

  async list(filter?: MachineListFilter): Promise<Page<Machine>> {
    const query = machineQuery(filter);
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (query.organizationId !== undefined) add((p) => `organization_id = ${p}`, query.organizationId);
    if (query.requestId !== undefined) add((p) => `(request_id = ${p} OR return_request_id = ${p})`, query.requestId);
    if (query.providerInstance !== undefined) add((p) => `provider_instance = ${p}`, query.providerInstance);
    if (query.states) add((p) => `state = ANY(${p}::text[])`, query.states);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [count] = await this.database.query<{ total: number }>(
      'Counting machines',
      `SELECT count(*)::integer AS total FROM ${this.#machines} ${where}`,
      values,
    );
    const rows = await this.database.query<DocumentRow>(
      'Listing machines',
      `SELECT document, version FROM ${this.#machines} ${where}
       ORDER BY created_at, machine_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, query.limit ?? null, query.offset],
    );
    return { items: rows.map((row) => this.#parse(row.document, row.version)), total: count?.total ?? 0 };
  }

  /**
   * A machine row of a point lookup (here or read with its request): the reads repeated while
   * a request is watched, so an unchanged document is not parsed again.
   */
  read(row: MachineDocumentTextRow): Machine {
    return this.#parsed.read(row.machine_id, row.document, row.version, (text) => this.#parse(JSON.parse(text), row.version));
  }

  /** Listings go through the schema each time: a long page would only push the watched documents out. */
  #parse(document: unknown, version: number): Machine {
    return readMachine(document, version, `${this.database.where} machines`);
  }
}
