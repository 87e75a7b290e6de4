import { join } from 'node:path';
import autocannon from 'autocannon';
import { startBuiltApiServer } from '../scripts/built-api-server.mjs';
const KEY = 'ohf_bench-key-0123456789abcdefghijklmnop';

const server = await startBuiltApiServer({ node: '/tmp/node-prof.sh', storage: (d) => ({ strategy: 'sqlite', sqlite: { path: join(d, 'ohf.db') } }), key: KEY });

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const paths = [];
for (let i = 0; i < 12; i++) {
  const { request } = await (await fetch(`${server.base}/api/v1/requests`, { method: 'POST', headers, body: JSON.stringify({ templateId: 'web', maxNumber: 3 }) })).json();
  paths.push(`/api/v1/requests/${request.requestId}`);
}
await new Promise((r) => setTimeout(r, 2000));
const result = await autocannon({ url: server.base, connections: 10, duration: 10, headers: { authorization: headers.authorization }, requests: paths.map((path) => ({ method: 'GET', path })) });
console.log(result.requests.average, result.non2xx);
await server.stop();
