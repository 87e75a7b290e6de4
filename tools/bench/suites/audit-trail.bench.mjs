// What the audit trail costs the write path (issue: writing events costs POST /requests ≤ 10 %
// of its throughput): POST /api/v1/requests with autocannon against two built servers started
// side by side, the trail on (as shipped: event rows in the request's transaction, ApiCall
// events batched after the answer) and off (rows dropped before storage), loaded in turn, off /
// on / off / on, so both see the same machine. Provisioning runs in both as shipped, so the events
// of attempts and machine states are part of the cost. On SQLite and on PostgreSQL.
import { join } from 'node:path';
import { createPostgresTestSchema } from '@ohf/persistence/testing';
import autocannon from 'autocannon';
import { startAuditApiServer } from '../support/audit-api-server.mjs';

const KEY = 'ohf_bench-audit-key-0123456789abcdefghijkl';
const ROUNDS = 2;
const DURATION_SECONDS = 6;
const CONNECTIONS = 10;
const MAXIMUM_COST = 0.1;

export default async function run({ report }) {
  await measure(report, 'SQLite', (directory) => ({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }));
  const schemas = [await createPostgresTestSchema(), await createPostgresTestSchema()];
  try {
    let next = 0;
    await measure(report, 'PostgreSQL', () => {
      const schema = schemas[next++];
      return { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 10 } };
    });
  } finally {
    await Promise.all(schemas.map((schema) => schema.drop()));
  }
}

async function measure(report, label, storage) {
  const servers = { off: await startAuditApiServer({ audit: 'off', storage, key: KEY }), on: await startAuditApiServer({ audit: 'on', storage, key: KEY }) };
  try {
    const totals = { off: [], on: [] };
    let errors = 0;
    for (const mode of ['off', 'on']) await load(servers[mode].base, 2); // warm-up
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const mode of ['off', 'on']) {
        const result = await load(servers[mode].base, DURATION_SECONDS);
        totals[mode].push(result.requestsPerSecond);
        errors += result.errors;
      }
    }
    const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const off = mean(totals.off);
    const on = mean(totals.on);
    const cost = 1 - on / off;
    process.stderr.write(`bench: POST /requests on ${label}: audit off ${Math.round(off)} req/s, on ${Math.round(on)} req/s (${(cost * 100).toFixed(1)} % cost), ${errors} errors\n`);
    report({ name: `POST /api/v1/requests on ${label}, audit trail off: req/s (informational)`, value: off, unit: 'req/s' });
    report({ name: `POST /api/v1/requests on ${label}, audit trail on: req/s`, value: on, unit: 'req/s' });
    report({
      name: `POST /api/v1/requests on ${label}: throughput kept with the audit trail on (ratio = on / off)`,
      value: on / off,
      unit: '×',
      target: `≥ ${1 - MAXIMUM_COST}`,
      ratio: on / off / (1 - MAXIMUM_COST),
      pass: on / off >= 1 - MAXIMUM_COST && errors === 0,
    });
  } finally {
    await Promise.all([servers.off.stop(), servers.on.stop()]);
  }
}

async function load(base, duration) {
  const result = await autocannon({
    url: `${base}/api/v1/requests`,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'web', maxNumber: 1 }),
  });
  return { requestsPerSecond: result.requests.average, errors: result.errors + result.timeouts + result.non2xx };
}
