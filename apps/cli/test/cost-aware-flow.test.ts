import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLinodeApi } from '../../../packages/provider-linode/src/test-support/fake-linode-api.js';
import { CLI_BINARY, createWorkspace, runOhfp, type CliRun, type Workspace } from './cli-harness.js';
import { WireServer } from './wire-server.js';

/**
 * From catalog to cost with the built binary: two Linode instances, each served by the fake
 * Linode API over HTTP, priced differently by markup; a template giving requirements instead
 * of a size lands, under LOWEST_COST, on the cheaper instance although the other one comes first
 * by priority, and the request, its machine and the costs show the plan and price.
 */

const TOKEN = 'linode-test-token-0123456789';
const servers: WireServer[] = [];
const apis: Record<string, FakeLinodeApi> = {};
let workspace: Workspace;

const ohfp = (...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);

async function succeed<T>(...args: string[]): Promise<T> {
  const run = await ohfp(...args);
  if (run.exitCode !== 0) throw new Error(`ohfp ${args.join(' ')} exited ${run.exitCode}: ${run.stdout}${run.stderr}`);
  return run.json<T>();
}

beforeAll(async () => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
  for (const name of ['linode-dear', 'linode-cheap']) {
    const server = await new WireServer().start();
    const api = new FakeLinodeApi({ baseUrl: `${server.url}/v4`, token: TOKEN });
    // Machines are running on the first read, so one status call completes the request.
    api.provisioningReads = 0;
    server.mode = { kind: 'handlers', handlers: api.handlers };
    servers.push(server);
    apis[name] = api;
  }
  workspace = createWorkspace({
    'templates.json': {
      templates: [
        {
          templateId: 'sized',
          maxNumber: 10,
          attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
          providerType: 'linode',
          imageId: 'linode/ubuntu24.04',
          requirements: { vcpus: 2, memoryGb: 4 },
          providerOptions: { linode: { region: 'us-east' } },
        },
      ],
    },
  });
  const linode = (name: string, priority: number, server: WireServer) => ({ name, type: 'linode', priority, config: { token: TOKEN, baseUrl: `${server.url}/v4` } });
  workspace.write('config.yaml', {
    providers: { selection_policy: 'LOWEST_COST', providers: [linode('linode-dear', 1, servers[0]!), linode('linode-cheap', 2, servers[1]!)] },
    storage: { strategy: 'sqlite' },
    pricing: { currency: 'USD', markups: [{ id: 'dear', provider: 'linode-dear', percent: 50 }, { id: 'cheap', provider: 'linode-cheap', percent: 10 }] },
  });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe('catalog to cost with the built ohfp', () => {
  it('syncs both instances, sends a requirements template to the cheaper one and shows its plan and price on the request, machine and costs', async () => {
    const sync = await succeed<{ providers: { provider: string; ok: boolean; plans: number }[] }>('catalog', 'sync');
    expect(sync.providers.map((outcome) => [outcome.provider, outcome.ok, outcome.plans])).toEqual([
      ['linode-dear', true, 3],
      ['linode-cheap', true, 3],
    ]);

    const requested = await succeed<{ requestId: string }>('requestMachines', '--data', JSON.stringify({ template: { templateId: 'sized', machineCount: 1 } }));
    // g6-standard-2 (2 vCPUs, 4 GB) at 0.036 $/h: 0.054 with 50 %, 0.0396 with 10 %.
    expect(apis['linode-dear']!.instances.size).toBe(0);
    expect([...apis['linode-cheap']!.instances.values()].map((instance) => [instance.type, instance.region, instance.image])).toEqual([
      ['g6-standard-2', 'us-east', 'linode/ubuntu24.04'],
    ]);

    const status = await succeed<{ requests: { requestId: string; status: string; machines: Record<string, unknown>[] }[] }>(
      'getRequestStatus',
      '--data',
      JSON.stringify({ requests: [{ requestId: requested.requestId }] }),
    );
    expect(status.requests[0]).toMatchObject({ requestId: requested.requestId, status: 'complete' });
    expect(status.requests[0]!.machines).toEqual([expect.objectContaining({ planId: 'g6-standard-2', priceHourly: 0.0396 })]);

    const [show, costs] = await Promise.all([
      succeed<{ request: Record<string, unknown>; machines: Record<string, unknown>[] }>('requests', 'show', requested.requestId),
      succeed<{ groups: { key: string; machines: number; runningPriceHourly: number }[] }>('costs', '--group-by', 'provider'),
    ]);
    expect(show.request).toMatchObject({ providerInstance: 'linode-cheap', planId: 'g6-standard-2', priceHourly: 0.0396, currency: 'USD' });
    expect(show.machines).toEqual([expect.objectContaining({ providerInstance: 'linode-cheap', planId: 'g6-standard-2', priceHourly: 0.0396 })]);
    expect(costs.groups).toEqual([expect.objectContaining({ key: 'linode-cheap', machines: 1, runningPriceHourly: 0.0396 })]);
  });
});
