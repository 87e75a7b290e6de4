// Storage speed (issues 7 and 8). The REST API must answer GET /requests/{id} at ≥ 5,000 req/s
// on SQLite, so one findById must cost a small part of 200 µs: the target is ≥ 20,000 reads/s.
// getRequestStatus for 100 requests / 5,000 machines reads every machine of every request, and
// provisioning stores large fleets at once: saveMany of 5,000 machines. PostgreSQL figures are
// reported beside SQLite's (the API benchmark compares them); PostgreSQL is the machine's own,
// at DATABASE_URL or the default test database, in a schema of its own that is dropped after.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStorage } from '@ohf/persistence';

const REQUESTS = 100;
const MACHINES = 5_000;
const READS = 20_000;
const READ_TARGET_PER_SECOND = 20_000;
const SAVE_MANY_TARGET_MS = { sqlite: 500, json: 1_500, postgres: 1_500 };
const STATUS_TARGET_MS = { sqlite: 250, json: 500, postgres: 500 };

const uuid = (sequence) => `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
const createdAt = '2025-01-01T00:00:00.000Z';

function request(index) {
  return {
    requestId: `req-${uuid(index + 1)}`,
    kind: 'acquire',
    templateId: 'template-a',
    requestedCount: MACHINES / REQUESTS,
    providerType: 'aws',
    providerInstance: 'aws-us-east-1',
    status: 'in_progress',
    message: '',
    attempts: [],
    machineIds: [],
    createdAt,
    updatedAt: createdAt,
    version: 0,
  };
}

function machine(index) {
  return {
    machineId: `m-${uuid(index + 1)}`,
    providerInstanceId: `i-${(index + 1).toString(16).padStart(17, '0')}`,
    requestId: `req-${uuid((index % REQUESTS) + 1)}`,
    templateId: 'template-a',
    providerType: 'aws',
    providerInstance: 'aws-us-east-1',
    providerApi: 'EC2Fleet',
    state: 'running',
    rawState: 'running',
    privateIpAddress: `10.0.${Math.floor(index / 250)}.${index % 250}`,
    publicIpAddress: null,
    hostName: `ip-10-0-${Math.floor(index / 250)}-${index % 250}.ec2.internal`,
    instanceType: 'm5.large',
    priceType: 'ondemand',
    tags: { 'ohf:request-id': `req-${uuid((index % REQUESTS) + 1)}` },
    message: '',
    createdAt,
    updatedAt: createdAt,
    version: 0,
  };
}

async function measure(storage, strategy, report) {
  await storage.migrate();
  const requests = Array.from({ length: REQUESTS }, (_, index) => request(index));
  for (const each of requests) await storage.requests.save(each);
  const machines = Array.from({ length: MACHINES }, (_, index) => machine(index));

  let started = performance.now();
  await storage.machines.saveMany(machines);
  const saveMs = performance.now() - started;
  const saveTarget = SAVE_MANY_TARGET_MS[strategy];
  report({ name: `${strategy}: saveMany ${MACHINES} machines (ms, target/measured ≥ 1)`, value: saveMs, unit: 'ms', target: `≤ ${saveTarget}`, ratio: saveTarget / saveMs, pass: saveMs <= saveTarget });

  started = performance.now();
  let seen = 0;
  for (const each of requests) seen += (await storage.machines.findByRequestId(each.requestId)).length;
  const statusMs = performance.now() - started;
  if (seen !== MACHINES) throw new Error(`${strategy}: read back ${seen} machines, expected ${MACHINES}`);
  const statusTarget = STATUS_TARGET_MS[strategy];
  report({ name: `${strategy}: machines of ${REQUESTS} requests (${MACHINES}) read back (ms, target/measured ≥ 1)`, value: statusMs, unit: 'ms', target: `≤ ${statusTarget}`, ratio: statusTarget / statusMs, pass: statusMs <= statusTarget });

  if (strategy === 'json') return;
  const reads = strategy === 'postgres' ? READS / 4 : READS;
  // The API serves requests concurrently; PostgreSQL gets 16 queries in flight, SQLite is synchronous anyway.
  const inFlight = strategy === 'postgres' ? 16 : 1;
  started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < reads) {
        const index = next;
        next += 1;
        if ((await storage.requests.findById(requests[index % REQUESTS].requestId)) === undefined) throw new Error('missing request');
      }
    }),
  );
  const perSecond = reads / ((performance.now() - started) / 1_000);
  if (strategy === 'sqlite') {
    report({ name: 'sqlite: requests.findById (reads/s, measured/target ≥ 1)', value: perSecond, unit: 'reads/s', target: `≥ ${READ_TARGET_PER_SECOND}`, ratio: perSecond / READ_TARGET_PER_SECOND, pass: perSecond >= READ_TARGET_PER_SECOND });
  } else {
    report({ name: 'postgres: requests.findById, 16 in flight (reads/s, reported beside SQLite)', value: perSecond, unit: 'reads/s', target: 'report', ratio: perSecond / READ_TARGET_PER_SECOND });
  }
}

export default async function run({ report }) {
  const directory = await mkdtemp(join(tmpdir(), 'ohf-bench-persistence-'));
  try {
    for (const strategy of ['sqlite', 'json']) {
      const storage = await createStorage({ strategy, [strategy]: { path: join(directory, `request_database.${strategy === 'json' ? 'json' : 'db'}`) } });
      try {
        await measure(storage, strategy, report);
      } finally {
        await storage.close();
      }
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `ohf_bench_${randomBytes(6).toString('hex')}`;
  const storage = await createStorage({ strategy: 'postgres', postgres: { url, schema, poolSize: 16 } });
  try {
    await measure(storage, 'postgres', report);
  } finally {
    await storage.close();
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect().then(
      () => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
      () => undefined,
    );
    await client.end().catch(() => undefined);
  }
}
