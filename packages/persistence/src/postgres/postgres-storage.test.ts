import { readRequestWithMachines, type MarkupRule } from '@ohf/domain-core';
import type { Client as PgClient } from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStorage } from '../create-storage.js';
import type { Storage } from '../storage.js';
import { ManualClock } from '../testing/manual-clock.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../testing/postgres-test-schema.js';
import { sampleMachine, sampleRequest } from '../testing/sample-records.js';
import { sampleEvent } from '../testing/sample-tenancy.js';
import { PREVIOUS_RELEASE_MACHINE, PREVIOUS_RELEASE_REQUEST, SCHEMA_THREE_MARKUP_RULES } from '../testing/previous-release.js';
import { PREVIOUS_RELEASE_STATE, runStorageContract } from '../testing/storage-contract.js';
import { postgresMigrations } from './postgres-migrations.js';
import { outstandingByTemplateStatement } from './postgres-request-repository.js';

// One schema for this file on the machine's PostgreSQL (an unreachable server fails the suite);
// each contract test starts from empty tables.
let contractSchema: Promise<PostgresTestSchema> | undefined;

afterAll(async () => {
  if (contractSchema) await (await contractSchema).drop();
});

runStorageContract('postgres', async ({ clock }) => {
  contractSchema ??= createPostgresTestSchema();
  const schema = await contractSchema;
  const config = { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, poolSize: 4 } } as const;
  const storage = await createStorage(config, { clock });
  await storage.migrate();
  await truncate(schema);
  const previousSchemas: PostgresTestSchema[] = [];
  return {
    storage,
    reopen: () => createStorage(config, { clock }),
    previousSchema: async () => {
      const previous = await createPostgresTestSchema();
      previousSchemas.push(previous);
      await createPreviousSchema(previous);
      return createStorage({ strategy: 'postgres', postgres: { url: previous.url, schema: previous.schema, poolSize: 2 } }, { clock });
    },
    schemaVersionThree: async () => {
      const older = await createPostgresTestSchema();
      previousSchemas.push(older);
      await createSchemaVersionThree(older);
      return createStorage({ strategy: 'postgres', postgres: { url: older.url, schema: older.schema, poolSize: 2 } }, { clock });
    },
    dispose: async () => {
      await storage.close();
      for (const previous of previousSchemas) await previous.drop();
    },
  };
});

/** The migrations up to `version` applied, as the release at that schema version left a schema. */
async function migrateTo(client: PgClient, schema: PostgresTestSchema, version: number): Promise<void> {
  await client.query(`CREATE TABLE "${schema.schema}".schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
  for (const migration of postgresMigrations(schema.schema).filter((each) => each.version <= version)) {
    for (const statement of migration.statements) await client.query(statement);
    await client.query(`INSERT INTO "${schema.schema}".schema_migrations VALUES ($1, $2, $3)`, [
      migration.version,
      migration.name,
      '2025-01-01T00:00:00.000Z',
    ]);
  }
}


/** Runs `work` with a client of its own on the test schema's database, ended afterwards. */
async function withClient(schema: PostgresTestSchema, work: (client: PgClient) => Promise<void>): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: schema.url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
/** A schema of version 3 holding markup rules, stored as that release did (one row per id). */
async function createSchemaVersionThree(schema: PostgresTestSchema): Promise<void> {
  await withClient(schema, async (client) => {
    await migrateTo(client, schema, 3);
    for (const rule of SCHEMA_THREE_MARKUP_RULES as readonly MarkupRule[]) {
      await client.query(
        `INSERT INTO "${schema.schema}".markup_rules (id, organization_id, provider_type, provider_instance, plan_id, percent, fixed_hourly, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [rule.id, rule.organizationId ?? null, rule.providerType ?? null, rule.providerInstance ?? null, rule.planId ?? null, rule.percent, rule.fixedHourly, JSON.stringify(rule)],
      );
    }
  });
}

/** A schema as the release before organizations left it: schema version 2. */
async function createPreviousSchema(schema: PostgresTestSchema): Promise<void> {
  await withClient(schema, async (client) => {
    await migrateTo(client, schema, 2);
    await client.query(`INSERT INTO "${schema.schema}".state (key, value, version, updated_at) VALUES ($1, $2::jsonb, 1, $3)`, [
      'kept',
      JSON.stringify(PREVIOUS_RELEASE_STATE),
      '2025-01-01T00:00:00.000Z',
    ]);
    const request = PREVIOUS_RELEASE_REQUEST;
    await client.query(
      `INSERT INTO "${schema.schema}".requests (request_id, kind, status, template_id, created_at, updated_at, version, document)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7::jsonb)`,
      [request.requestId, request.kind, request.status, request.templateId, request.createdAt, request.updatedAt, JSON.stringify(request)],
    );
    const machine = PREVIOUS_RELEASE_MACHINE;
    await client.query(
      `INSERT INTO "${schema.schema}".machines (machine_id, request_id, provider_instance, provider_instance_id, state, created_at, updated_at, version, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8::jsonb)`,
      [machine.machineId, machine.requestId, machine.providerInstance, machine.providerInstanceId, machine.state, machine.createdAt, machine.updatedAt, JSON.stringify(machine)],
    );
  });
}

async function truncate(schema: PostgresTestSchema): Promise<void> {
  await withClient(schema, async (client) => {
    const tables = [
      'requests',
      'machines',
      'state',
      'plans',
      'catalog_regions',
      'catalog_images',
      'catalog_apps',
      'catalog_syncs',
      'markup_rules',
      'users',
      'memberships',
      'api_keys',
      'provider_instances',
      'events',
      'webhooks',
      'webhook_deliveries',
    ];
    // RESTART IDENTITY: each test's events start again from sequence 1.
    await client.query(`TRUNCATE ${tables.map((table) => `"${schema.schema}".${table}`).join(', ')} RESTART IDENTITY`);
    // Only the default organization, as migrate() leaves it.
    await client.query(`DELETE FROM "${schema.schema}".organizations WHERE organization_id <> 'default'`);
  });
}

describe('postgres storage', () => {
  let schema: PostgresTestSchema;
  const opened: Storage[] = [];

  async function open(overrides: { url?: string } = {}, clock = new ManualClock()): Promise<Storage> {
    const storage = await createStorage(
      { strategy: 'postgres', postgres: { url: overrides.url ?? schema.url, schema: schema.schema, poolSize: 3 } },
      { clock },
    );
    opened.push(storage);
    return storage;
  }

  beforeEach(async () => {
    schema = await createPostgresTestSchema();
  });

  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await schema.drop();
  });

  it('applies each migration once when replicas start together', async () => {
    const replicas = await Promise.all([open(), open(), open()]);
    expect(await replicas[0]!.healthCheck()).toMatchObject({ ok: false, strategy: 'postgres' });
    const results = await Promise.all(replicas.map((replica) => replica.migrate()));
    expect(results.map((result) => result.applied).sort()).toEqual([[], [], [1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(results.every((result) => result.current === 8)).toBe(true);
    expect(await replicas[1]!.healthCheck()).toMatchObject({ ok: true });
  });

  it('stores JSONB documents with indexed columns beside them', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock, { idempotencyKey: 'k' }));
    await withClient(schema, async (client) => {
      const { rows } = await client.query<{ type: string; status: string }>(
        `SELECT pg_typeof(document)::text AS type, document->>'status' AS status FROM "${schema.schema}".requests WHERE request_id = $1`,
        [request.requestId],
      );
      expect(rows).toEqual([{ type: 'jsonb', status: 'pending' }]);
      const indices = await client.query<{ indexname: string }>(
        'SELECT indexname FROM pg_indexes WHERE schemaname = $1',
        [schema.schema],
      );
      expect(indices.rows.map((row) => row.indexname)).toEqual(
        expect.arrayContaining([
          'requests_claimable',
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
    });
  });

  it('counts machines by template from the usage index alone, without reading their documents', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock));
    await storage.machines.saveMany([
      sampleMachine(1, request.requestId, clock, { state: 'running' }),
      sampleMachine(2, request.requestId, clock, { state: 'pending', templateId: 'template-b' }),
      sampleMachine(3, request.requestId, clock, { state: 'running', returnRequestId: 'req-return-1' }),
    ]);
    expect(await storage.machines.countByTemplate(['pending', 'running'])).toEqual({ 'template-a': 1, 'template-b': 1 });
    await storage.close();
    await withClient(schema, async (client) => {
      // Few rows: without these the planner would rather read the table, whatever the index.
      await client.query('SET enable_seqscan = off');
      await client.query('SET enable_bitmapscan = off');
      const plan = await client.query(
        `EXPLAIN SELECT template_id, count(*) FROM "${schema.schema}".machines WHERE state = ANY($1::text[]) AND return_request_id IS NULL GROUP BY 1`,
        [['pending', 'running']],
      );
      expect(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using machines_template_usage/);
    });
  });

  it("sums what unfinished requests owe with one machines_request lookup per request, not a walk of every machine's entry", async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock, { requestedCount: 3 }));
    await storage.machines.saveMany([sampleMachine(1, request.requestId, clock)]);
    expect(await storage.requests.outstandingByTemplate({ templateId: 'template-a' })).toEqual({ 'template-a': 2 });
    await storage.close();
    await withClient(schema, async (client) => {
      await client.query('SET enable_seqscan = off');
      await client.query('SET enable_bitmapscan = off');
      const { sql, values } = outstandingByTemplateStatement(`"${schema.schema}".requests`, `"${schema.schema}".machines`, { templateId: 'template-a' });
      const plan = (await client.query(`EXPLAIN ${sql}`, values)).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      // The index answers the request id; a filter on it instead means every entry is read.
      expect(plan).toMatch(/Index (Only )?Scan using machines_request on machines[^\n]*\n\s*Index Cond: \(request_id = /);
    });
  });

  it('numbers an event only once committed, above every number a reader saw, without making writers wait', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    await withClient(schema, async (client) => {
      // An event writer of another replica, in flight: it inserted first.
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO "${schema.schema}".events (event_id, organization_id, type, occurred_at, document) VALUES ('evt-first', 'default', 'T', $1, $2::jsonb)`,
        [clock.now().toISOString(), JSON.stringify({ eventId: 'evt-first', organizationId: 'default', type: 'T', occurredAt: clock.now().toISOString() })],
      );
      // A later writer neither waits for it nor lets a reader move past it.
      const second = sampleEvent(2, 'default', clock);
      await storage.requests.save(sampleRequest(1, clock), { events: [second] });
      const seen = await storage.events.list();
      expect(seen.map((event) => `${event.sequence}:${event.eventId}`)).toEqual([`1:${second.eventId}`]);
      expect(await storage.events.latestSequence()).toBe(1);

      await client.query('COMMIT');
      const next = await storage.events.list({ afterSequence: seen[0]!.sequence });
      expect(next.map((event) => `${event.sequence}:${event.eventId}`)).toEqual(['2:evt-first']);
    });
  });

  it('keeps in an event\'s document only what its columns do not hold, and reads events stored whole as before', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const event = sampleEvent(1, 'default', clock, { requestId: 'req-1', machineId: 'm-1', providerInstance: 'aws-a' });
    const earlier = sampleEvent(2, 'default', clock, { requestId: 'req-1' });
    await storage.requests.save(sampleRequest(1, clock), { events: [event] });
    await withClient(schema, async (client) => {
      const { rows } = await client.query(`SELECT document FROM "${schema.schema}".events WHERE event_id = $1`, [event.eventId]);
      expect(Object.keys(rows[0].document).sort()).toEqual(['actor', 'data', 'source']);
      // A row of an earlier release: the whole event in its document.
      await client.query(
        `INSERT INTO "${schema.schema}".events (event_id, organization_id, type, occurred_at, request_id, document) VALUES ($1, 'default', $2, $3, 'req-1', $4::jsonb)`,
        [earlier.eventId, earlier.type, earlier.occurredAt, JSON.stringify(earlier)],
      );
    });
    expect(await storage.events.list({ requestId: 'req-1' })).toEqual([
      { ...event, sequence: 1 },
      { ...earlier, sequence: 2 },
    ]);
  });

  it('leaves numbering to the next reader, which finds the waiting events through the sequence index', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    await storage.events.append([sampleEvent(1, 'default', clock), sampleEvent(2, 'default', clock)]);
    await withClient(schema, async (client) => {
      const waiting = async () => (await client.query(`SELECT count(*)::integer AS count FROM "${schema.schema}".events WHERE sequence IS NULL`)).rows[0].count;
      // The writer paid one INSERT: no lock, no numbering, no reading back.
      expect(await waiting()).toBe(2);
      expect((await storage.events.list()).map((event) => event.sequence)).toEqual([1, 2]);
      expect(await waiting()).toBe(0);

      await client.query('SET enable_seqscan = off');
      const plan = (await client.query(`EXPLAIN SELECT position FROM "${schema.schema}".events WHERE sequence IS NULL ORDER BY position`)).rows;
      expect(plan.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')).toMatch(/using events_sequence on events[^\n]*\n\s*(Recheck|Index) Cond: \(sequence IS NULL\)/);
      // Each index on events costs every change that writes events: these and no more.
      const indexes = await client.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events' ORDER BY indexname`,
        [schema.schema],
      );
      expect(indexes.rows.map((row: Record<string, string>) => row['indexname'])).toEqual([
        'events_event_id',
        'events_machine',
        'events_occurred',
        'events_organization',
        'events_pkey',
        'events_request',
        'events_sequence',
      ]);
      expect(indexes.rows.find((row: Record<string, string>) => row['indexname'] === 'events_occurred').indexdef).toMatch(/USING brin/);
    });
  });

  it('lets a reader following afterSequence see every event once while replicas write concurrently', async () => {
    const clock = new ManualClock();
    const replicas = [await open({}, clock), await open({}, clock)];
    await replicas[0]!.migrate();
    const reader = await open({}, clock);
    const seen: number[] = [];
    let writing = true;
    const follow = (async () => {
      for (;;) {
        const done = !writing;
        const page = await reader.events.list({ afterSequence: seen.at(-1) ?? 0, limit: 1_000 });
        seen.push(...page.map((event) => event.sequence));
        if (done && page.length === 0) return;
      }
    })();
    const writes = Array.from({ length: 240 }, async (_, index) => {
      const storage = replicas[index % 2]!;
      if (index % 3 === 0) {
        await storage.machines.saveMany([sampleMachine(index + 1, 'req-x', clock)], { events: [sampleEvent(index + 1, 'default', clock)] });
      } else if (index % 3 === 1) {
        await storage.requests.save(sampleRequest(index + 1, clock), { events: [sampleEvent(index + 1, 'default', clock)] });
      } else {
        await storage.events.append([sampleEvent(index + 1, 'default', clock)]);
      }
    });
    try {
      await Promise.all(writes);
    } finally {
      writing = false;
      await follow;
    }
    expect(seen).toEqual(Array.from({ length: 240 }, (_, index) => index + 1));
  });

  it('shares out work between many replicas claiming at once, each request to one of them', async () => {
    const clock = new ManualClock();
    const seeder = await open({}, clock);
    await seeder.migrate();
    const requests = [];
    for (let sequence = 1; sequence <= 120; sequence += 1) {
      requests.push(await seeder.requests.save(sampleRequest(sequence, clock)));
      clock.advance(10);
    }
    const replicas = await Promise.all(Array.from({ length: 6 }, () => open({}, clock)));
    const claimed = await Promise.all(
      replicas.map(async (replica, index) => {
        const mine: string[] = [];
        for (;;) {
          const claims = await replica.work.claimWork({ workerId: `replica-${index}`, leaseMs: 60_000, limit: 4 });
          if (claims.length === 0) return mine;
          mine.push(...claims.map((claim) => claim.request.requestId));
        }
      }),
    );
    const all = claimed.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(requests.map((request) => request.requestId).sort());
    // SKIP LOCKED spreads the rows: more than one replica got some.
    expect(claimed.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
  });

  it('inserts one request per idempotency key when two replicas race on many keys', async () => {
    const clock = new ManualClock();
    const [first, second] = await Promise.all([open({}, clock), open({}, clock)]);
    await first!.migrate();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, key) =>
        Promise.allSettled([
          first!.requests.save(sampleRequest(key * 2 + 1, clock, { idempotencyKey: `key-${key}` })),
          second!.requests.save(sampleRequest(key * 2 + 2, clock, { idempotencyKey: `key-${key}` })),
        ]),
      ),
    );
    for (const pair of outcomes) {
      expect(pair.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(pair.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    }
    expect((await first!.requests.list()).total).toBe(30);
  });

  it('reads a request with its machines in one round trip, acquire or return, as separate reads would', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const acquire = await storage.requests.save(sampleRequest(1, clock));
    const machines = [1, 2, 3].map((sequence) => {
      clock.advance(1_000);
      return sampleMachine(sequence, acquire.requestId, clock);
    });
    const returning = sampleRequest(2, clock, { kind: 'return' });
    // Returned by the return request but not listed by it, and a machine of another request.
    const unlisted = sampleMachine(4, acquire.requestId, clock, { returnRequestId: returning.requestId });
    const other = sampleMachine(5, 'req-00000000-0000-4000-8000-0000000000ff', clock);
    await storage.machines.saveMany([...machines, unlisted, other]);
    // Listed out of creation order, one listed machine no longer stored.
    const listed = [machines[2]!.machineId, 'm-00000000-0000-4000-8000-0000000000ee', machines[0]!.machineId];
    await storage.requests.save({ ...returning, machineIds: listed });
    const pg = (await import('pg')).default;
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    const ids = (found: Awaited<ReturnType<typeof readRequestWithMachines>>) => found?.machines.map((machine) => machine.machineId);
    try {
      sent.mockClear();
      const forAcquire = await readRequestWithMachines(storage.requests, storage.machines, acquire.requestId);
      expect(sent).toHaveBeenCalledTimes(1);
      expect(forAcquire?.request.requestId).toBe(acquire.requestId);
      expect(ids(forAcquire)).toEqual([...machines, unlisted].map((machine) => machine.machineId));

      sent.mockClear();
      const forReturn = await readRequestWithMachines(storage.requests, storage.machines, returning.requestId);
      expect(sent).toHaveBeenCalledTimes(1);
      expect(forReturn?.request.kind).toBe('return');
      expect(ids(forReturn)).toEqual([machines[2]!.machineId, machines[0]!.machineId]);

      // The same answers as the reads it stands for (findById, then findByRequestId or findById each).
      const separately = { findById: (requestId: string) => storage.requests.findById(requestId) } as unknown as Parameters<typeof readRequestWithMachines>[0];
      for (const requestId of [acquire.requestId, returning.requestId]) {
        expect(await readRequestWithMachines(storage.requests, storage.machines, requestId)).toEqual(await readRequestWithMachines(separately, storage.machines, requestId));
      }
      expect(await readRequestWithMachines(storage.requests, storage.machines, 'req-00000000-0000-4000-8000-0000000000aa')).toBeUndefined();
    } finally {
      sent.mockRestore();
    }
  });

  it('reads requests asked for together in one statement, each caller with the answer a lone read gives', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const first = await storage.requests.save(sampleRequest(1, clock));
    const second = await storage.requests.save(sampleRequest(2, clock));
    const created = [1, 2, 3].map((sequence) => {
      clock.advance(1_000);
      return sampleMachine(sequence, sequence === 3 ? second.requestId : first.requestId, clock);
    });
    const returning = sampleRequest(3, clock, { kind: 'return' });
    // Returned by the return request and not listed by it: shown under its acquire request only.
    const unlisted = sampleMachine(4, first.requestId, clock, { returnRequestId: returning.requestId });
    await storage.machines.saveMany([...created, unlisted]);
    await storage.requests.save({ ...returning, machineIds: [created[2]!.machineId, created[0]!.machineId] });
    const missing = 'req-00000000-0000-4000-8000-0000000000aa';
    const asked = [first.requestId, returning.requestId, missing, second.requestId, first.requestId];
    const alone: unknown[] = [];
    for (const requestId of asked) alone.push(await readRequestWithMachines(storage.requests, storage.machines, requestId));

    const pg = (await import('pg')).default;
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const together = await Promise.all(asked.map((requestId) => readRequestWithMachines(storage.requests, storage.machines, requestId)));
      expect(sent).toHaveBeenCalledTimes(1);
      expect(together).toEqual(alone);
      expect(together[2]).toBeUndefined();
      expect(together[1]?.machines.map((machine) => machine.machineId)).toEqual([created[2]!.machineId, created[0]!.machineId]);
      // The same request asked twice: equal answers, never the same object.
      expect(together[4]).toEqual(together[0]);
      expect(together[4]).not.toBe(together[0]);
      expect(together[4]?.request).not.toBe(together[0]?.request);
    } finally {
      sent.mockRestore();
    }
  });

  it('reports an unreachable server as unhealthy and its errors as retryable, without the password', async () => {
    const storage = await open({ url: 'postgres://postgres:secret@127.0.0.1:1/test' });
    const health = await storage.healthCheck();
    expect(health).toMatchObject({ ok: false, strategy: 'postgres' });
    expect(health.detail).not.toContain('secret');
    const failure = await storage.requests.findById('req-00000000-0000-4000-8000-000000000001').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'INTERNAL', retryable: true, message: expect.stringContaining('127.0.0.1:1/test') });
    expect((failure as Error).message).not.toContain('secret');
  });

  it('parses a document again once its row changed, even at the same version, and fails it when it is no longer valid', async () => {
    const clock = new ManualClock();
    const storage = await open({}, clock);
    await storage.migrate();
    const request = await storage.requests.save(sampleRequest(1, clock));
    await storage.machines.saveMany([sampleMachine(1, request.requestId, clock)]);
    // Read once, so both documents are the ones already parsed.
    expect((await storage.requests.findById(request.requestId))?.message).toBe('');
    expect((await storage.machines.findByRequestId(request.requestId))[0]?.state).toBe('running');
    await withClient(schema, async (client) => {
      await client.query(`UPDATE "${schema.schema}".requests SET document = jsonb_set(document, '{message}', '"edited"')`);
      await client.query(`UPDATE "${schema.schema}".machines SET document = jsonb_set(document, '{state}', '"stopped"')`);
      expect((await storage.requests.findById(request.requestId))?.message).toBe('edited');
      expect((await storage.machines.findByRequestId(request.requestId))[0]?.state).toBe('stopped');

      await client.query(`UPDATE "${schema.schema}".requests SET document = jsonb_set(document, '{status}', '"lost"')`);
      await client.query(`UPDATE "${schema.schema}".machines SET document = jsonb_set(document, '{state}', '"lost"')`);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        await expect(storage.requests.findById(request.requestId)).rejects.toMatchObject({
          code: 'INTERNAL',
          message: expect.stringContaining('holds a request that is not valid: status'),
        });
        await expect(storage.machines.findByRequestId(request.requestId)).rejects.toMatchObject({
          message: expect.stringContaining('holds a machine that is not valid: state'),
        });
      }
    });
  });
});
