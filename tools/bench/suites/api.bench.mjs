// The REST API under load (SPEC §9): GET /api/v1/requests/{id} on loopback with autocannon,
// ≥ 5,000 req/s and p99 ≤ 20 ms, on the embedded SQLite storage and, beside it, on PostgreSQL.
// The BUILT server (apps/api/dist/main.js) runs as a child process exactly as `npm start` runs
// it — authentication on, request logs written to a file — so autocannon and the server each
// get their own core; the request read is a complete one with its machines.
import { join } from 'node:path';
import { createPostgresTestSchema } from '@ohf/persistence/testing';
import autocannon from 'autocannon';
import { startBuiltApiServer } from '../../scripts/built-api-server.mjs';

const KEY = 'ohf_bench-key-0123456789abcdefghijklmnop';
const TARGET_RPS = 5_000;
const TARGET_P99_MS = 20;
const DURATION_SECONDS = 10;
const CONNECTIONS = 10;

export default async function run({ report }) {
  const sqlite = await measure('SQLite', (directory) => ({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }));
  reportFigures(report, 'SQLite', sqlite);
  const schema = await createPostgresTestSchema();
  try {
    const postgres = await measure('PostgreSQL', () => ({ strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 10 } }));
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
}

async function measure(label, storage) {
  const server = await startBuiltApiServer({ storage, key: KEY });
  try {
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.base}/api/v1/requests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ templateId: 'web', maxNumber: 3 }),
    });
    const { request } = await created.json();
    const url = `${server.base}/api/v1/requests/${request.requestId}`;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const view = await (await fetch(url, { headers })).json();
      if (view.progress?.final) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Warm-up: JIT, connection pool, statement cache.
    await load(url, headers, 2);
    const result = await load(url, headers, DURATION_SECONDS);
    const baseline = await load(`${server.base}/healthz`, headers, 3);
    result.baselineRequestsPerSecond = baseline.requestsPerSecond;
    process.stderr.write(
      `bench: api on ${label}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors\n`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

async function load(url, headers, duration) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers: { authorization: headers.authorization } });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors };
}
