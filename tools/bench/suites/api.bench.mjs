// The REST API under load (SPEC §9): GET /api/v1/requests/{id} on loopback with autocannon,
// ≥ 5,000 req/s and p99 ≤ 20 ms, on the embedded SQLite storage and, beside it, on PostgreSQL.
// The BUILT server (apps/api/dist/main.js) runs as a child process exactly as `npm start` runs
// it — authentication on, request logs written to a file — so autocannon and the server each
// get their own core; the requests read are complete ones with their machines, 12 of them,
// each connection cycling through all 12 (a server polled by many watchers reads many requests).
// Beside the rates, what each request cost in CPU (the API process, and for PostgreSQL its
// backends serving the bench's schema too), from /proc: a rate on a shared 2-core machine says
// how much of the machine the server got, CPU per request says what a request costs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPostgresTestSchema } from '@ohf/persistence/testing';
import autocannon from 'autocannon';
import { startBuiltApiServer } from '../../scripts/built-api-server.mjs';

const KEY = 'ohf_bench-key-0123456789abcdefghijklmnop';
const TARGET_RPS = 5_000;
const TARGET_P99_MS = 20;
const DURATION_SECONDS = 10;
const CONNECTIONS = 10;
const REQUESTS = 12;

export default async function run({ report }) {
  const sqlite = await measure('SQLite', (directory) => ({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }));
  reportFigures(report, 'SQLite', sqlite);
  const schema = await createPostgresTestSchema();
  try {
    const postgres = await measure('PostgreSQL', () => ({ strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 10 } }), schema);
    reportFigures(report, 'PostgreSQL', postgres);
    report({
      name: 'GET /api/v1/requests/{id}: PostgreSQL req/s relative to SQLite in this run (informational)',
      value: postgres.requestsPerSecond / sqlite.requestsPerSecond,
      unit: '×',
    });
  } finally {
    await schema.drop();
  }
}

function reportFigures(report, storage, result) {
  // Context, not a target: the same server answering its cheapest route in the same run shows
  // how much of this shared machine the server actually got.
  report({
    name: `GET /healthz on the same server (${storage}): req/s, machine baseline`,
    value: result.baselineRequestsPerSecond,
    unit: 'req/s',
  });
  report({
    name: `GET /api/v1/requests/{id} on ${storage}: req/s (ratio = measured / target)`,
    value: result.requestsPerSecond,
    unit: 'req/s',
    baseline: 'healthzRequestsPerSecond',
    target: `≥ ${TARGET_RPS}`,
    ratio: result.requestsPerSecond / TARGET_RPS,
    pass: result.requestsPerSecond >= TARGET_RPS && result.errors === 0,
  });
  report({
    name: `GET /api/v1/requests/{id} on ${storage}: p99 latency (ratio = target / measured)`,
    value: result.p99,
    unit: 'ms',
    target: `≤ ${TARGET_P99_MS}`,
    ratio: TARGET_P99_MS / Math.max(result.p99, 0.001),
    pass: result.p99 <= TARGET_P99_MS,
  });
  if (result.cpu === undefined) return;
  report({ name: `GET /api/v1/requests/{id} on ${storage}: API process CPU per request (informational)`, value: result.cpu.apiMicroseconds, unit: 'µs' });
  if (result.cpu.databaseMicroseconds !== undefined) {
    report({ name: `GET /api/v1/requests/{id} on ${storage}: database server CPU per request (informational)`, value: result.cpu.databaseMicroseconds, unit: 'µs' });
  }
}

/** User + system CPU of a process of this machine, in µs (clock ticks of 10 ms); undefined without /proc. */
function cpuMicrosecondsOf(pid) {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return undefined;
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

/**
 * The CPU the API process (and, with `schema`, the PostgreSQL backends that last ran a statement
 * naming the bench's schema: the server's pool) used between `start()` and `stop(requests)`.
 */
async function cpuMeter(serverPid, schema) {
  let backends = [];
  let admin;
  if (schema !== undefined) {
    // The driver the persistence package uses, as the persistence suite loads it.
    const { default: pg } = await import('pg');
    admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
    const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()', [`%${schema.schema}%`]);
    backends = rows.map((row) => row.pid);
    await admin.end();
  }
  const sum = (pids) => pids.reduce((total, pid) => (total === undefined || cpuMicrosecondsOf(pid) === undefined ? undefined : total + cpuMicrosecondsOf(pid)), 0);
  const apiBefore = cpuMicrosecondsOf(serverPid);
  const databaseBefore = backends.length > 0 ? sum(backends) : undefined;
  return (requests) => {
    const apiAfter = cpuMicrosecondsOf(serverPid);
    if (apiBefore === undefined || apiAfter === undefined || requests === 0) return undefined;
    const databaseAfter = databaseBefore === undefined ? undefined : sum(backends);
    return {
      apiMicroseconds: (apiAfter - apiBefore) / requests,
      ...(databaseBefore === undefined || databaseAfter === undefined ? {} : { databaseMicroseconds: (databaseAfter - databaseBefore) / requests }),
    };
  };
}

async function measure(label, storage, schema) {
  const server = await startBuiltApiServer({ storage, key: KEY });
  try {
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const paths = [];
    for (let index = 0; index < REQUESTS; index += 1) {
      const created = await fetch(`${server.base}/api/v1/requests`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ templateId: 'web', maxNumber: 3 }),
      });
      const { request } = await created.json();
      paths.push(`/api/v1/requests/${request.requestId}`);
    }
    for (const path of paths) {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const view = await (await fetch(`${server.base}${path}`, { headers })).json();
        if (view.progress?.final) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const url = { base: server.base, paths };
    // Warm-up: JIT, connection pool, statement cache.
    await load(url, headers, 2);
    const meter = server.pid === undefined ? undefined : await cpuMeter(server.pid, schema);
    const result = await load(url, headers, DURATION_SECONDS);
    result.cpu = meter?.(result.requests);
    const baseline = await load({ base: server.base, paths: ['/healthz'] }, headers, 3);
    result.baselineRequestsPerSecond = baseline.requestsPerSecond;
    const cpuText = result.cpu === undefined ? '' : `, API CPU ${result.cpu.apiMicroseconds.toFixed(0)} µs/request${result.cpu.databaseMicroseconds === undefined ? '' : `, database CPU ${result.cpu.databaseMicroseconds.toFixed(0)} µs/request`}`;
    process.stderr.write(
      `bench: api on ${label}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors${cpuText}\n`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

async function load({ base, paths }, headers, duration) {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: headers.authorization },
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { requestsPerSecond: result.requests.average, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, errors };
}
