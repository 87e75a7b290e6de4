import type { Machine, MachineListFilter, MachineRepository, MachineState, Page, SaveOptions } from '@ohf/domain-core';
import { eventRows } from '../internal/audit-query.js';
import { checkMachine, lastOfEachMachine, readMachine } from '../internal/documents.js';
import type { ParsedDocumentCache } from '../internal/parsed-document-cache.js';
import { machineQuery } from '../internal/list-filters.js';
import { insertSqliteEvents } from './sqlite-audit-log.js';
import type { SqliteDatabase } from './sqlite-database.js';

export interface DocumentRow {
  readonly machine_id: string;
  readonly document: string;
  readonly version: number;
}

// The stored version counts saves; machines are last-writer-wins (the cloud is the truth).
const UPSERT = `INSERT INTO machines
  (machine_id, organization_id, request_id, return_request_id, provider_instance, provider_instance_id, state, created_at, updated_at, version, document)
  VALUES (@machineId, @organizationId, @requestId, @returnRequestId, @providerInstance, @providerInstanceId, @state, @createdAt, @updatedAt, 1, @document)
  ON CONFLICT (machine_id) DO UPDATE SET
    organization_id = excluded.organization_id, request_id = excluded.request_id, return_request_id = excluded.return_request_id,
    provider_instance = excluded.provider_instance, provider_instance_id = excluded.provider_instance_id,
    state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at,
    version = machines.version + 1, document = excluded.document`;

/**
 * Machines per template in `stateCount` states, not being returned: answered from the
 * `machines_template_usage` index alone, whose columns and condition this must keep matching.
 */
export function countByTemplateStatement(stateCount: number): string {
  return `SELECT template_id, count(*) AS total FROM machines
    WHERE state IN (${Array.from({ length: stateCount }, () => '?').join(', ')}) AND return_request_id IS NULL GROUP BY template_id`;
}

export class SqliteMachineRepository implements MachineRepository {
  readonly #parsed: ParsedDocumentCache<Machine>;
  readonly #where: string;

  /** `parsed`: the parsed documents kept between reads (see parsedDocumentsOf). */
  constructor(
    private readonly database: SqliteDatabase,
    parsed: ParsedDocumentCache<Machine>,
  ) {
    this.#parsed = parsed;
    this.#where = `${database.path} (machines)`;
  }

  async saveMany(machines: readonly Machine[], options: SaveOptions = {}): Promise<void> {
    const events = eventRows(options.events ?? []);
    const rows = lastOfEachMachine(machines.map(checkMachine)).map((machine) => ({
      machineId: machine.machineId,
      organizationId: machine.organizationId,
      requestId: machine.requestId,
      returnRequestId: machine.returnRequestId ?? null,
      providerInstance: machine.providerInstance,
      providerInstanceId: machine.providerInstanceId,
      state: machine.state,
      createdAt: machine.createdAt,
      updatedAt: machine.updatedAt,
      document: JSON.stringify(machine),
    }));
    if (rows.length === 0 && events.length === 0) return;
    await this.database.write(`Saving ${rows.length} machines`, () => {
      const upsert = this.database.statement(UPSERT);
      for (const row of rows) upsert.run(row);
      if (events.length > 0) insertSqliteEvents(this.database, events);
    });
  }

  async findById(machineId: string): Promise<Machine | undefined> {
    const row = this.database.run(`Reading machine ${machineId}`, () =>
      this.database.statement('SELECT machine_id, document, version FROM machines WHERE machine_id = ?').get(machineId),
    ) as DocumentRow | undefined;
    return row && this.read(row);
  }

  async findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined> {
    const row = this.database.run(`Reading machine ${providerInstanceId}`, () =>
      providerInstance === undefined
        ? this.database
            .statement(
              'SELECT machine_id, document, version FROM machines WHERE provider_instance_id = ? ORDER BY created_at, machine_id LIMIT 1',
            )
            .get(providerInstanceId)
        : this.database
            .statement(
              'SELECT machine_id, document, version FROM machines WHERE provider_instance_id = ? AND provider_instance = ? ORDER BY created_at, machine_id LIMIT 1',
            )
            .get(providerInstanceId, providerInstance),
    ) as DocumentRow | undefined;
    return row && this.read(row);
  }

  async findByRequestId(requestId: string): Promise<readonly Machine[]> {
    const rows = this.database.run(`Reading the machines of request ${requestId}`, () =>
      this.database
        .statement(
          'SELECT machine_id, document, version FROM machines WHERE request_id = ? OR return_request_id = ? ORDER BY created_at, machine_id',
        )
        .all(requestId, requestId),
    ) as DocumentRow[];
    return rows.map((row) => this.read(row));
  }

  async countByTemplate(states: readonly MachineState[]): Promise<Readonly<Record<string, number>>> {
    const checked = machineQuery({ states }).states;
    if (checked === undefined) return {};
    const rows = this.database.run('Counting machines by template', () =>
      this.database
        .statement(countByTemplateStatement(checked.length))
        .all(...checked),
    ) as { template_id: string; total: number }[];
    return Object.fromEntries(rows.map((row) => [row.template_id, row.total]));
  }

  async list(filter?: MachineListFilter): Promise<Page<Machine>> {
    const query = machineQuery(filter);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.organizationId !== undefined) {
      conditions.push('organization_id = ?');
      parameters.push(query.organizationId);
    }
    if (query.requestId !== undefined) {
      conditions.push('(request_id = ? OR return_request_id = ?)');
      parameters.push(query.requestId, query.requestId);
    }
    if (query.providerInstance !== undefined) {
      conditions.push('provider_instance = ?');
      parameters.push(query.providerInstance);
    }
    if (query.states) {
      conditions.push(`state IN (${query.states.map(() => '?').join(', ')})`);
      parameters.push(...query.states);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.database.run('Listing machines', () => {
      const { total } = this.database.statement(`SELECT count(*) AS total FROM machines ${where}`).get(...parameters) as {
        total: number;
      };
      const rows = this.database
        .statement(`SELECT machine_id, document, version FROM machines ${where} ORDER BY created_at, machine_id LIMIT ? OFFSET ?`)
        .all(...parameters, query.limit ?? -1, query.offset) as DocumentRow[];
      return { items: rows.map((row) => this.#parse(row.document, row.version)), total };
    });
  }

  /** Lookups of one id or one request's machines: the reads repeated while a request is watched (the request repository's too). */
  read(row: DocumentRow): Machine {
    return this.#parsed.read(row.machine_id, row.document, row.version, (text) => this.#parse(text, row.version));
  }

  /** Listings go through the schema each time: a long page would only push the watched documents out. */
  #parse(text: string, version: number): Machine {
    return readMachine(JSON.parse(text), version, this.#where);
  }
}
