import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MarkupRule } from '@ohf/domain-core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../create-storage.js';
import { markupRuleRow } from '../internal/catalog-columns.js';
import { createParsedDocuments } from '../internal/parsed-document-cache.js';
import { ManualClock } from '../testing/manual-clock.js';
import { sampleMachine, sampleRequest } from '../testing/sample-records.js';
import { PREVIOUS_RELEASE_MACHINE, PREVIOUS_RELEASE_REQUEST, SCHEMA_THREE_MARKUP_RULES } from '../testing/previous-release.js';
import { sampleEvent } from '../testing/sample-tenancy.js';
import { PREVIOUS_RELEASE_STATE, runStorageContract } from '../testing/storage-contract.js';
import { countByTemplateStatement } from './sqlite-machine-repository.js';
import { outstandingByTemplateStatement } from './sqlite-request-repository.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { nativeBindingHint } from './sqlite-storage.js';

runStorageContract('sqlite', async ({ clock }) => {
  const directory = await mkdtemp(join(tmpdir(), 'ohf-sqlite-'));
  const config = { strategy: 'sqlite', sqlite: { path: join(directory, 'work', 'request_database.db') } } as const;
  const storage = await createStorage(config, { clock });
  return {
    storage,
    reopen: () => createStorage(config, { clock }),
    previousSchema: async () => {
      const path = join(directory, 'previous', 'request_database.db');
      await mkdir(dirname(path), { recursive: true });
      createPreviousSchema(path);
      return createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    },
    schemaVersionThree: async () => {
      const path = join(directory, 'schema-3', 'request_database.db');
      await mkdir(dirname(path), { recursive: true });
      createSchemaVersionThree(path);
      return createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    },
    dispose: async () => {
      await storage.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});

/** The migrations up to `version` applied, as the release at that schema version left a file. */
function migrateTo(database: Database.Database, version: number): void {
  database.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of SQLITE_MIGRATIONS.filter((each) => each.version <= version)) {
    for (const statement of migration.statements) database.exec(statement);
    database.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2025-01-01T00:00:00.000Z');
  }
}

/** A file of schema version 3 holding markup rules, stored as that release did (one row per id). */
function createSchemaVersionThree(path: string): void {
  const database = new Database(path);
  try {
    migrateTo(database, 3);
    const insert = database.prepare(
      `INSERT INTO markup_rules (id, organization_id, provider_type, provider_instance, plan_id, percent, fixed_hourly, document)
       VALUES (@id, @organization_id, @provider_type, @provider_instance, @plan_id, @percent, @fixed_hourly, @document)`,
    );
    // The row as stored today; the statement names only the columns schema 3 had (no `owner`).
    for (const rule of SCHEMA_THREE_MARKUP_RULES as readonly MarkupRule[]) insert.run(markupRuleRow(rule));
  } finally {
    database.close();
  }
}

/** A file as the release before organizations left it: schema version 2. */
function createPreviousSchema(path: string): void {
  const database = new Database(path);
  try {
    migrateTo(database, 2);
    database
      .prepare('INSERT INTO state (key, value, version, updated_at) VALUES (?, ?, 1, ?)')
      .run('kept', JSON.stringify(PREVIOUS_RELEASE_STATE), '2025-01-01T00:00:00.000Z');
    const request = PREVIOUS_RELEASE_REQUEST;
    database
      .prepare(
        `INSERT INTO requests (request_id, kind, status, template_id, created_at, updated_at, version, document)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(request.requestId, request.kind, request.status, request.templateId, request.createdAt, request.updatedAt, 1, JSON.stringify(request));
    const machine = PREVIOUS_RELEASE_MACHINE;
    database
      .prepare(
        `INSERT INTO machines (machine_id, request_id, provider_instance, provider_instance_id, state, created_at, updated_at, version, document)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(machine.machineId, machine.requestId, machine.providerInstance, machine.providerInstanceId, machine.state, machine.createdAt, machine.updatedAt, 1, JSON.stringify(machine));
  } finally {
    database.close();
  }
}

describe('sqlite storage', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-sqlite-'));
    path = join(directory, 'request_database.db');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('uses write-ahead logging, numbered migrations and indices on what is looked up', async () => {
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } });
    expect(await storage.migrate()).toEqual({ applied: [1, 2, 3, 4, 5, 6, 7], current: 7 });
    await storage.close();

    const database = new Database(path, { readonly: true });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
        { version: 1, name: 'requests, machines, state' },
        { version: 2, name: 'catalog: plans, regions, images, apps, syncs, markup rules' },
        { version: 3, name: 'organizations, users, api keys, provider instances, events, webhooks' },
        { version: 4, name: 'markup rule ids per owner' },
        { version: 5, name: 'machines counted by template from an index' },
        { version: 6, name: 'unfinished requests counted from an index' },
        { version: 7, name: 'machines counted by template from the index alone' },
      ]);
      const indices = (
        database.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string }[]
      ).map((row) => row.name);
      expect(indices).toEqual(
        expect.arrayContaining([
          'requests_status',
          'requests_idempotency_key',
          'machines_request',
          'machines_provider_instance_id',
          'requests_organization',
          'machines_organization',
          'api_keys_secret_hash',
          'events_organization',
          'events_request',
          'events_machine',
          'events_occurred',
          'webhook_deliveries_event',
          'webhook_deliveries_due',
          'machines_template_usage',
          'requests_outstanding',
        ]),
      );
    } finally {
      database.close();
    }
  });

  it('counts machines by template from the usage index, without reading their documents', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock));
    await storage.machines.saveMany([
      sampleMachine(1, request.requestId, clock, { state: 'running' }),
      sampleMachine(2, request.requestId, clock, { state: 'pending', templateId: 'template-b' }),
      sampleMachine(3, request.requestId, clock, { state: 'terminated' }),
      sampleMachine(4, request.requestId, clock, { state: 'running', returnRequestId: 'req-return-1' }),
    ]);
    expect(await storage.machines.countByTemplate(['pending', 'running'])).toEqual({ 'template-a': 1, 'template-b': 1 });
    await storage.close();

    const database = new Database(path, { readonly: true });
    try {
      const plan = database.prepare(`EXPLAIN QUERY PLAN ${countByTemplateStatement(2)}`).all('pending', 'running') as { detail: string }[];
      expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING (COVERING )?INDEX machines_template_usage/);
      // The program may open the table, but reads no column of it: the index answers alone.
      const { rootpage } = database.prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'machines'`).get() as { rootpage: number };
      const program = database.prepare(`EXPLAIN ${countByTemplateStatement(2)}`).all('pending', 'running') as { opcode: string; p1: number; p2: number }[];
      const tableCursors = new Set(program.filter((step) => step.opcode === 'OpenRead' && step.p2 === rootpage).map((step) => step.p1));
      expect(program.filter((step) => step.opcode === 'Column' && tableCursors.has(step.p1))).toEqual([]);
    } finally {
      database.close();
    }
  });

  it('reuses documents parsed by an earlier storage opened with the same parsed documents, and parses a row another writer changed', async () => {
    const clock = new ManualClock();
    const parsedDocuments = createParsedDocuments();
    const first = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock, parsedDocuments });
    await first.migrate();
    const request = await first.requests.save(sampleRequest(1, clock));
    await first.machines.saveMany([sampleMachine(1, request.requestId, clock, { state: 'pending' })]);
    const [readFirst] = await first.machines.findByRequestId(request.requestId);
    await first.close();

    // A later call's storage: the same row is not parsed again (its nested values are the very same).
    const second = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock, parsedDocuments });
    const [readSecond] = await second.machines.findByRequestId(request.requestId);
    expect(readSecond).toEqual(readFirst);
    expect(readSecond!.tags).toBe(readFirst!.tags);
    await second.close();

    // Another process changes the row in between: the next call reads what it wrote.
    const writer = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock, keepParsedDocuments: false });
    await writer.machines.saveMany([{ ...readFirst!, state: 'running', tags: { ...readFirst!.tags, role: 'worker' } }]);
    await writer.close();
    const third = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock, parsedDocuments });
    const [readThird] = await third.machines.findByRequestId(request.requestId);
    expect(readThird).toMatchObject({ state: 'running', tags: { role: 'worker' } });
    expect(parsedDocuments.machines.size).toBe(1);
    await third.close();
  });

  it('counts the machines a schema-6 file already held once it is upgraded', async () => {
    const clock = new ManualClock();
    const database = new Database(path);
    try {
      migrateTo(database, 6);
      const insert = database.prepare(
        `INSERT INTO machines (machine_id, request_id, provider_instance, provider_instance_id, state, created_at, updated_at, version, document)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      );
      for (const machine of [
        sampleMachine(1, 'req-kept', clock, { state: 'running' }),
        sampleMachine(2, 'req-kept', clock, { state: 'running', templateId: 'template-b' }),
        sampleMachine(3, 'req-kept', clock, { state: 'running', templateId: 'template-b' }),
      ]) {
        insert.run(machine.machineId, machine.requestId, machine.providerInstance, machine.providerInstanceId, machine.state, machine.createdAt, machine.updatedAt, JSON.stringify(machine));
      }
    } finally {
      database.close();
    }
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    expect(await storage.migrate()).toEqual({ applied: [7], current: 7 });
    expect(await storage.machines.countByTemplate(['running'])).toEqual({ 'template-a': 1, 'template-b': 2 });
    await storage.close();
  });

  it('sums what unfinished requests owe from their partial index alone, not from every request of the organization or template', async () => {
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } });
    await storage.migrate();
    await storage.close();
    const database = new Database(path, { readonly: true });
    try {
      for (const query of [{}, { organizationId: 'default' }, { templateId: 'template-a' }, { organizationId: 'default', templateId: 'template-a' }]) {
        const { sql, parameters } = outstandingByTemplateStatement(query);
        const plan = database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
        const details = plan.map((step) => step.detail).join('\n');
        expect(details, JSON.stringify(query)).toMatch(/SEARCH requests USING (COVERING )?INDEX requests_outstanding/);
      }
    } finally {
      database.close();
    }
  });

  it('keeps in an event\'s document only what its columns do not hold, and reads events stored whole as before', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } });
    await storage.migrate();
    const event = sampleEvent(1, 'default', clock, { requestId: 'req-1', machineId: 'm-1', providerInstance: 'aws-a' });
    const earlier = sampleEvent(2, 'default', clock, { requestId: 'req-1' });
    try {
      await storage.events.append([event]);
      const database = new Database(path);
      try {
        const row = database.prepare('SELECT document FROM events WHERE event_id = ?').get(event.eventId) as { document: string };
        expect(Object.keys(JSON.parse(row.document)).sort()).toEqual(['actor', 'data', 'source']);
        // A row of an earlier release: the whole event in its document.
        database
          .prepare(
            `INSERT INTO events (event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance, document)
             VALUES (?, 'default', ?, ?, 'req-1', NULL, NULL, ?)`,
          )
          .run(earlier.eventId, earlier.type, earlier.occurredAt, JSON.stringify(earlier));
      } finally {
        database.close();
      }
      expect(await storage.events.list({ requestId: 'req-1' })).toEqual([
        { ...event, sequence: 1 },
        { ...earlier, sequence: 2 },
      ]);
    } finally {
      await storage.close();
    }
  });

  it('checkpoints the write-ahead log every 4,000 pages', async () => {
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } });
    await storage.migrate();
    const database = new Database(path);
    try {
      const clock = new ManualClock();
      const walPages = () => (database.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
      // About 1,500 pages of events, one write each: past SQLite's default of 1,000, within 4,000.
      for (let index = 0; index < 300; index += 1) {
        await storage.events.append([sampleEvent(index, 'default', clock, { data: { text: 'x'.repeat(20_000) } })]);
      }
      expect(walPages()).toBeGreaterThan(1_000);
    } finally {
      database.close();
      await storage.close();
    }
  });

  it('says to migrate when the schema is missing', async () => {
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } });
    try {
      expect(await storage.healthCheck()).toMatchObject({ ok: false, strategy: 'sqlite' });
      await expect(storage.requests.list()).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining('run migrate() first'),
      });
    } finally {
      await storage.close();
    }
  });

  it('fails a write held up past busy_timeout with a retryable error, then succeeds once the lock is free', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path, busyTimeoutMs: 50 } }, { clock });
    await storage.migrate();
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(storage.requests.save(sampleRequest(1, clock))).rejects.toMatchObject({ code: 'INTERNAL', retryable: true });
      other.exec('COMMIT');
      expect((await storage.requests.save(sampleRequest(1, clock))).version).toBe(1);
    } finally {
      other.close();
      await storage.close();
    }
  });

  it('reports a stored document that no longer parses, with where it is', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock));
    const other = new Database(path);
    other.prepare(`UPDATE requests SET document = json_set(document, '$.status', 'lost')`).run();
    other.close();
    await expect(storage.requests.findById(request.requestId)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining(`${path} (requests) holds a request that is not valid: status`),
    });
    await storage.close();
  });

  it('parses a document again once its row changed, even at the same version, and fails it when it is no longer valid', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock));
    await storage.machines.saveMany([sampleMachine(1, request.requestId, clock)]);
    // Read once, so both documents are the ones already parsed.
    expect((await storage.requests.findById(request.requestId))?.message).toBe('');
    expect((await storage.machines.findByRequestId(request.requestId))[0]?.state).toBe('running');
    const other = new Database(path);
    try {
      other.prepare(`UPDATE requests SET document = json_set(document, '$.message', 'edited')`).run();
      other.prepare(`UPDATE machines SET document = json_set(document, '$.state', 'stopped')`).run();
      expect((await storage.requests.findById(request.requestId))?.message).toBe('edited');
      expect((await storage.machines.findByRequestId(request.requestId))[0]?.state).toBe('stopped');

      other.prepare(`UPDATE requests SET document = json_set(document, '$.status', 'lost')`).run();
      other.prepare(`UPDATE machines SET document = json_set(document, '$.state', 'lost')`).run();
      for (let attempt = 0; attempt < 2; attempt += 1) {
        await expect(storage.requests.findById(request.requestId)).rejects.toMatchObject({
          code: 'INTERNAL',
          message: expect.stringContaining('holds a request that is not valid: status'),
        });
        await expect(storage.machines.findByRequestId(request.requestId)).rejects.toMatchObject({
          message: expect.stringContaining('holds a machine that is not valid: state'),
        });
      }
    } finally {
      other.close();
      await storage.close();
    }
  });

  it('hands out reads that a caller cannot change for the next reader', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock });
    await storage.migrate();
    const saved = await storage.requests.save(sampleRequest(1, clock));
    try {
      const first = (await storage.requests.findById(saved.requestId))!;
      first.status = 'failed';
      expect(() => first.attempts.push({ providerInstance: 'x', providerType: 'x', requestedCount: 1, createdCount: 0, startedAt: '' })).toThrow(TypeError);
      const second = await storage.requests.findById(saved.requestId);
      expect(second).toEqual(saved);
      // Saving what was read works as before, and the next read sees the new version.
      const updated = await storage.requests.save({ ...second!, message: 'next' });
      expect(await storage.requests.findById(saved.requestId)).toEqual(updated);
    } finally {
      await storage.close();
    }
  });

  it('keeps no parsed documents when told not to: each read is a fresh, writable value of the row', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path } }, { clock, keepParsedDocuments: false });
    await storage.migrate();
    const saved = await storage.requests.save(sampleRequest(1, clock));
    await storage.machines.saveMany([sampleMachine(1, saved.requestId, clock)]);
    try {
      const first = (await storage.requests.findById(saved.requestId))!;
      first.attempts.push({ providerInstance: 'x', providerType: 'x', requestedCount: 1, createdCount: 0, startedAt: '' });
      expect(await storage.requests.findById(saved.requestId)).toEqual(saved);
      const [machine] = await storage.machines.findByRequestId(saved.requestId);
      expect(Object.isFrozen(machine)).toBe(false);
      const again = await storage.requests.findWithMachines?.(saved.requestId);
      expect(again?.machines.map((each) => each.machineId)).toEqual([machine!.machineId]);
      expect(again?.machines[0]).not.toBe(machine);
    } finally {
      await storage.close();
    }
  });
});

describe('nativeBindingHint', () => {
  it('tells how to fix a native module built for another Node.js', () => {
    // The messages Node.js gives when better-sqlite3 was installed under another version.
    const otherAbi = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 127.",
    );
    const notRegistered = new Error("Module did not self-register: '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'.");
    for (const error of [otherAbi, notRegistered]) {
      expect(nativeBindingHint(error)).toContain('run `npm rebuild better-sqlite3` with this Node.js');
      expect(nativeBindingHint(error)).toContain(process.version);
    }
  });

  it('adds nothing to an ordinary open failure', async () => {
    expect(nativeBindingHint(new Error('unable to open database file'))).toBe('');
    const directory = await mkdtemp(join(tmpdir(), 'ohf-sqlite-open-'));
    try {
      // A directory where the database file should be.
      const failure = await createStorage({ strategy: 'sqlite', sqlite: { path: directory } }).catch((error: unknown) => error);
      expect(String((failure as Error).message)).toMatch(new RegExp(`^Cannot open the SQLite database ${directory}: `));
      expect((failure as Error).message).not.toContain('npm rebuild');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
