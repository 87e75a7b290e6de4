// DigitalOcean API-call budgets (SPEC §9): 100 droplets in ≤ 10 create calls, and the status of
// 1,000 machines in ⌈1000 / 200⌉ = 5 list calls. Calls are counted at an in-process fake of the
// API v2 (a fetch function), so the figures are exact and need no network.
import { performance } from 'node:perf_hooks';
import { createDigitalOceanProvider } from '@ohf/provider-digitalocean';

const TOKEN = 'dop_v1_benchmark_token';

/** The droplet endpoints of DigitalOcean API v2, in memory, counting calls per operation. */
function createFakeDigitalOcean() {
  const droplets = new Map();
  const calls = { create: 0, list: 0, get: 0 };
  let nextId = 100_001;
  const insert = (name, tags) => {
    const droplet = {
      id: nextId++,
      name,
      status: 'active',
      created_at: '2025-01-01T00:00:00Z',
      size_slug: 's-1vcpu-1gb',
      vcpus: 1,
      memory: 1024,
      disk: 25,
      networks: { v4: [{ ip_address: '10.0.0.1', type: 'private' }], v6: [] },
      region: { slug: 'nyc3', name: 'New York 3' },
      tags,
    };
    droplets.set(droplet.id, droplet);
    return droplet;
  };
  const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const method = init.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/v2/droplets') {
      calls.create += 1;
      const body = JSON.parse(init.body);
      if (body.names.length > 10) return json({ id: 'unprocessable_entity', message: 'at most 10 droplets per call' }, 422);
      return json({ droplets: body.names.map((name) => insert(name, body.tags)), links: {} }, 202);
    }
    if (method === 'GET' && url.pathname === '/v2/droplets') {
      calls.list += 1;
      const tag = url.searchParams.get('tag_name');
      const perPage = Number(url.searchParams.get('per_page') ?? 20);
      const page = Number(url.searchParams.get('page') ?? 1);
      const matching = [...droplets.values()].filter((droplet) => tag === null || droplet.tags.includes(tag));
      const pages = Math.max(1, Math.ceil(matching.length / perPage));
      return json({
        droplets: matching.slice((page - 1) * perPage, page * perPage),
        links: { pages: page < pages ? { next: `${url.origin}${url.pathname}?page=${page + 1}` } : {} },
        meta: { total: matching.length },
      });
    }
    const single = /^\/v2\/droplets\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && single) {
      calls.get += 1;
      const droplet = droplets.get(Number(single[1]));
      return droplet ? json({ droplet }) : json({ id: 'not_found', message: 'not found' }, 404);
    }
    return json({ id: 'not_found', message: `${method} ${url.pathname} is not faked` }, 404);
  };
  return { fetch, calls, insert };
}

const template = {
  templateId: 'bench',
  providerOptions: { digitalocean: { region: 'nyc3', size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64' } },
};

export default async function run({ report }) {
  // 100 droplets for one request.
  const createCloud = createFakeDigitalOcean();
  const creator = createDigitalOceanProvider({ token: TOKEN }, { instanceName: 'do-bench', fetch: createCloud.fetch, env: {} });
  const createStarted = performance.now();
  const created = await creator.createInstances({
    requestId: 'req-00000000-0000-4000-8000-000000000100',
    template,
    count: 100,
    idempotencyKey: 'req-00000000-0000-4000-8000-000000000100',
    tags: {},
  });
  const createMs = performance.now() - createStarted;
  if (created.instances.length !== 100) throw new Error(`expected 100 droplets, got ${created.instances.length}`);
  report({
    name: '100 droplets: create calls (ratio measured/target, ≤ 1 passes)',
    value: createCloud.calls.create,
    unit: 'calls',
    target: '≤ 10',
    ratio: createCloud.calls.create / 10,
    pass: createCloud.calls.create <= 10,
  });
  report({ name: '100 droplets: idempotency lookups before creating', value: createCloud.calls.list, unit: 'calls', target: '1', pass: createCloud.calls.list === 1 });
  report({ name: '100 droplets: createInstances wall time (in-process fake API)', value: createMs, unit: 'ms' });

  // Status of 1,000 machines.
  const statusCloud = createFakeDigitalOcean();
  const ids = Array.from({ length: 1000 }, (_, index) => String(statusCloud.insert(`web-${index}`, ['ohf-req:req-bench']).id));
  const reader = createDigitalOceanProvider({ token: TOKEN }, { instanceName: 'do-bench', fetch: statusCloud.fetch, env: {} });
  const describeStarted = performance.now();
  const described = await reader.describeInstances(ids);
  const describeMs = performance.now() - describeStarted;
  if (described.length !== 1000) throw new Error(`expected 1000 instances, got ${described.length}`);
  const statusCalls = statusCloud.calls.list + statusCloud.calls.get;
  const target = Math.ceil(1000 / 200);
  report({
    name: '1,000-machine status: API calls (ratio measured/⌈N/200⌉, ≤ 1 passes)',
    value: statusCalls,
    unit: 'calls',
    target: `≤ ${target}`,
    ratio: statusCalls / target,
    pass: statusCalls <= target,
  });
  report({ name: '1,000-machine status: describeInstances wall time (in-process fake API)', value: describeMs, unit: 'ms' });
}
