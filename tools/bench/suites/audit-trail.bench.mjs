// What the audit trail costs the write path (issue: writing events costs POST /requests ≤ 10 %
// of its throughput): POST /api/v1/requests with autocannon against the built server with the
// trail on (as shipped: event rows in the request's transaction, ApiCall events batched after
// the answer) and off (rows dropped before storage), in turn, off / on / off / on …, and the
// median of each. Provisioning runs in both as shipped, so the events of attempts and machine
// states are part of the cost. Each window has a server of its own on empty storage, started
// for it and stopped after it: with two servers side by side, the idle one's workers went on
// provisioning what its own window had accepted, on the same cores, during the other's window.
// On PostgreSQL, events are numbered by their first reader, and no reader runs here (no
// webhook, no stream): numbering is paid where events are read, not by POST /requests.
import { join } from 'node:path';
import { createPostgresTestSchema } from '@ohf/persistence/testing';
import autocannon from 'autocannon';
import { statistics } from '../rows.mjs';
import { startAuditApiServer } from '../support/audit-api-server.mjs';

const KEY = 'ohf_bench-audit-key-0123456789abcdefghijkl';
const ROUNDS = 4;
const DURATION_SECONDS = 5;
const CONNECTIONS = 10;
const MAXIMUM_COST = 0.1;

export default async function run({ report }) {
  await measure(report, 'SQLite', async () => ({ storage: (directory) => ({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }), drop: async () => {} }));
  await measure(report, 'PostgreSQL', async () => {
    const schema = await createPostgresTestSchema();
    return { storage: () => ({ strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 10 } }), drop: () => schema.drop() };
  });
}

async function measure(report, label, freshStorage) {
  const totals = { off: [], on: [] };
  let errors = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const mode of ['off', 'on']) {
      const { storage, drop } = await freshStorage();
      const server = await startAuditApiServer({ audit: mode, storage, key: KEY });
      try {
        await load(server.base, 1); // warm-up
        const result = await load(server.base, DURATION_SECONDS);
        totals[mode].push(result.requestsPerSecond);
        errors += result.errors;
      } finally {
        await server.stop();
        await drop();
      }
    }
  }
  // The runner's median: with an even number of windows, the mean of the middle two.
  const off = statistics(totals.off).median;
  const on = statistics(totals.on).median;
  const cost = 1 - on / off;
  const each = (values) => values.map(Math.round).join('/');
  process.stderr.write(
    `bench: POST /requests on ${label}: audit off ${each(totals.off)} req/s, on ${each(totals.on)}; medians ${Math.round(off)} / ${Math.round(on)} (${(cost * 100).toFixed(1)} % cost), ${errors} errors\n`,
  );
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
