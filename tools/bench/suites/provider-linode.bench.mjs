// Linode API economy: the status of 1,000 machines must cost ⌈1000 / page size⌉ list calls
// (X-Filter on ids, page_size 500), never one call per machine. Calls are counted against an
// in-process fake of the Linode API behind an injected fetch; no network, no waiting.
import { performance } from 'node:perf_hooks';
import { createLinodeProvider } from '@ohf/provider-linode';

const MACHINES = 1000;
const PAGE_SIZE = 500;
const BASE_URL = 'https://api.linode.bench/v4';

function fakeLinodeFetch(instanceCount) {
  const instances = Array.from({ length: instanceCount }, (_, index) => ({
    id: 20_000_000 + index,
    label: `ohf-bench-${index}`,
    status: index % 10 === 0 ? 'provisioning' : 'running',
    region: 'us-east',
    type: 'g6-standard-2',
    image: 'linode/debian12',
    ipv4: [`203.0.${Math.floor(index / 250)}.${index % 250}`],
    ipv6: null,
    tags: ['ohf-req:req-bench', 'ohf-tpl:bench', 'ohf-pi:linode-bench'],
    created: '2026-01-01T00:00:00',
  }));
  const calls = { list: 0, other: 0 };
  const matches = (instance, filter) =>
    Object.entries(filter).every(([key, value]) => {
      if (key === '+or') return value.some((part) => matches(instance, part));
      if (key === '+and') return value.every((part) => matches(instance, part));
      if (key === 'tags') return instance.tags.includes(value);
      return instance[key] === value;
    });
  const fetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const headers = new Headers(init.headers);
    if ((init.method ?? 'GET') === 'GET' && url.pathname === '/v4/linode/instances') {
      calls.list += 1;
      const filter = JSON.parse(headers.get('x-filter') ?? '{}');
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('page_size') ?? 100);
      // An id set keeps the fake's own filtering out of the measured time.
      const idSet = filter['+or']?.every((part) => 'id' in part) ? new Set(filter['+or'].map((part) => part.id)) : undefined;
      const matching = instances.filter((instance) => (idSet ? idSet.has(instance.id) : matches(instance, filter)));
      const body = {
        data: matching.slice((page - 1) * pageSize, page * pageSize),
        page,
        pages: Math.max(1, Math.ceil(matching.length / pageSize)),
        results: matching.length,
      };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    calls.other += 1;
    return new Response(JSON.stringify({ errors: [{ reason: 'Not found' }] }), { status: 404 });
  };
  return { fetch, calls, ids: instances.map((instance) => String(instance.id)) };
}

function provider(fetch) {
  let clock = 0;
  return createLinodeProvider(
    { token: 'bench-token', baseUrl: BASE_URL, pageSize: PAGE_SIZE },
    { instanceName: 'linode-bench', env: {}, fetch, now: () => clock, sleep: async (ms) => void (clock += ms) },
  );
}

export default async function run({ report }) {
  const target = Math.ceil(MACHINES / PAGE_SIZE);

  const describe = fakeLinodeFetch(MACHINES);
  const described = await provider(describe.fetch).describeInstances(describe.ids);
  const describeCalls = describe.calls.list + describe.calls.other;
  // Warm (the first run above included JIT warm-up): median of five.
  const times = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    await provider(describe.fetch).describeInstances(describe.ids);
    times.push(performance.now() - started);
  }
  const elapsedMs = times.sort((left, right) => left - right)[2];
  report({
    name: `describe ${MACHINES} machines: API calls (ratio = calls ÷ ⌈N/${PAGE_SIZE}⌉, ≤ 1 passes)`,
    value: describeCalls,
    unit: 'calls',
    target,
    ratio: describeCalls / target,
    pass: described.length === MACHINES && describeCalls <= target,
  });
  report({ name: `describe ${MACHINES} machines: warm wall time, median of 5 (in-process fake, informational)`, value: elapsedMs, unit: 'ms' });

  const find = fakeLinodeFetch(MACHINES);
  const found = await provider(find.fetch).findInstancesByTag({ 'ohf:request-id': 'req-bench' });
  const findCalls = find.calls.list + find.calls.other;
  report({
    name: `find ${MACHINES} machines by request tag: API calls (ratio = calls ÷ ⌈N/${PAGE_SIZE}⌉, ≤ 1 passes)`,
    value: findCalls,
    unit: 'calls',
    target,
    ratio: findCalls / target,
    pass: found.length === MACHINES && findCalls <= target,
  });
}
