import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLinodeApi } from '../../../packages/provider-linode/src/test-support/fake-linode-api.js';
import { CLI_BINARY, createWorkspace, runOhfp, WEB_TEMPLATES, type CliRun, type Workspace } from './cli-harness.js';
import { WireServer } from './wire-server.js';

/**
 * `ohfp catalog …` as people run it: the built binary, real files, two in-memory provider
 * instances, a Linode instance served by the fake Linode API over HTTP and one whose API rejects
 * the token.
 */

interface PlanItem {
  provider: string;
  providerType: string;
  planId: string;
  vcpus: number;
  memoryGb: number;
  diskGb: number;
  gpus: number;
  regions: string[];
  basePriceHourly: number | null;
  priceHourly: number | null;
  basePriceMonthly: number | null;
  priceMonthly: number | null;
  currency: string;
}

const TOKEN = 'linode-test-token-0123456789';
let linode: WireServer;
let rejecting: WireServer;
let fakeLinode: FakeLinodeApi;
let workspace: Workspace;

const ohfp = (...args: string[]): Promise<CliRun> => runOhfp(args, workspace.environment);

beforeAll(async () => {
  if (!existsSync(CLI_BINARY)) throw new Error(`Build the CLI first (${CLI_BINARY} is missing): npx nx build @ohf/cli`);
  linode = await new WireServer().start();
  fakeLinode = new FakeLinodeApi({ baseUrl: `${linode.url}/v4`, token: TOKEN });
  linode.mode = { kind: 'handlers', handlers: fakeLinode.handlers };
  rejecting = await new WireServer().start();
  rejecting.mode = { kind: 'status', status: 401, body: { errors: [{ reason: 'Invalid Token' }] } };
  workspace = createWorkspace({ 'templates.json': WEB_TEMPLATES });
  const memory = (name: string) => ({ name, type: 'memory', config: { statePath: join(workspace.workDirectory, `cloud-${name}.json`) } });
  workspace.write('config.yaml', {
    providers: {
      providers: [
        memory('mem-a'),
        memory('mem-b'),
        { name: 'linode-main', type: 'linode', config: { token: TOKEN, baseUrl: `${linode.url}/v4` } },
        { name: 'linode-old', type: 'linode', config: { token: 'a-revoked-token', baseUrl: `${rejecting.url}/v4`, retry: { maxAttempts: 1 } } },
      ],
    },
    pricing: { currency: 'USD', markups: [{ id: 'memory', provider_type: 'memory', percent: 20 }, { id: 'b', provider: 'mem-b', fixed_hourly: 0.01 }] },
  });
  // An AWS-style price file entry overriding what the cloud says for one instance's plan.
  workspace.write('prices.json', { prices: [{ provider: 'mem-a', plan_id: 'large', price_hourly: 0.05 }] });
});

afterAll(async () => {
  await Promise.all([linode?.stop(), rejecting?.stop()]);
});

describe('ohfp catalog', () => {
  it('says how to fill a catalog never synced, syncs each instance reporting the one that failed, then lists priced plans from storage', async () => {
    const empty = await ohfp('catalog', 'plans');
    expect(empty.exitCode).toBe(0);
    expect(empty.json()).toEqual({ plans: [] });
    expect(empty.stderr).toContain('never synced: run `ohfp catalog sync`');

    const sync = await ohfp('catalog', 'sync');
    expect(sync.exitCode).toBe(5);
    const outcomes = sync.json<{ providers: { provider: string; ok: boolean; plans: number; error?: { code: string } }[] }>().providers;
    expect(outcomes.map((outcome) => [outcome.provider, outcome.ok, outcome.plans, outcome.error?.code])).toEqual([
      ['mem-a', true, 3, undefined],
      ['mem-b', true, 3, undefined],
      ['linode-main', true, 3, undefined],
      ['linode-old', false, 0, 'INVALID_CREDENTIALS'],
    ]);
    expect(sync.stderr).toMatch(/mem-a: 3 plans, 3 regions, 2 images, 1 apps/);
    expect(sync.stderr).toMatch(/linode-main: 3 plans, 3 regions, 2 images, 2 apps/);
    expect(sync.stderr).toMatch(/linode-old: failed \(INVALID_CREDENTIALS\)/);
    const callsAfterSync = linode.received.length + rejecting.received.length;

    const [plans, table, regions] = await Promise.all([
      ohfp('catalog', 'plans', '--min-vcpus', '2', '--sort', 'price'),
      ohfp('catalog', 'plans', '--provider', 'mem-b', '--limit', '1', '--format', 'table'),
      ohfp('catalog', 'regions', '--provider', 'mem-a', '--format', 'yaml'),
    ]);
    expect(plans.exitCode).toBe(0);
    expect(plans.stderr).not.toContain('never synced');
    const items = plans.json<{ plans: PlanItem[] }>().plans;
    expect(items.map((plan) => [plan.provider, plan.planId, plan.basePriceHourly, plan.priceHourly])).toEqual([
      ['linode-main', 'g6-standard-2', 0.036, 0.036],
      ['mem-a', 'medium', 0.03, 0.036],
      ['mem-b', 'medium', 0.03, 0.04],
      ['mem-a', 'large', 0.05, 0.06],
      ['mem-b', 'large', 0.06, 0.07],
      ['linode-main', 'g1-gpu-rtx6000-1', 1.5, 1.5],
    ]);
    // Linode's sizes (memory in MiB, disk in MiB on the wire) and its monthly price as the catalog shows them.
    expect(items[0]).toMatchObject({ providerType: 'linode', vcpus: 2, memoryGb: 4, diskGb: 80, gpus: 0, basePriceMonthly: 24, priceMonthly: 24, currency: 'USD' });
    // The cloud's own monthly price, then the 20 % markup; the regions each size is offered in.
    expect(items[1]).toMatchObject({ providerType: 'memory', memoryGb: 4, basePriceMonthly: 20, priceMonthly: 24 });
    expect(items[1]!.regions).toEqual(['mem-east-1', 'mem-west-1', 'mem-eu-1']);
    const [header, row, ...rest] = table.stdout.trimEnd().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['PROVIDER', 'PLAN ID', 'VCPUS', 'MEMORY GB', 'DISK GB', 'GPUS', 'BASE PRICE HOURLY', 'PRICE HOURLY', 'PRICE MONTHLY', 'CURRENCY', 'REGIONS']);
    // mem-b's own rule wins over the provider type's: + 0.01 an hour, 7.3 a month on the cloud's 5.
    expect(row!.split(/\s+/)).toEqual(['mem-b', 'small', '1', '1', '25', '0', '0.0075', '0.0175', '12.3', 'USD', 'mem-east-1,', 'mem-west-1,', 'mem-eu-1']);
    expect(rest).toEqual([]);
    expect(regions.stdout).toMatch(/^regions:\n/);
    expect(regions.stdout).toContain('regionId: mem-eu-1');
    expect(regions.stdout).not.toContain('mem-b');
    // Listing reads storage: nothing more reached the clouds.
    expect(linode.received.length + rejecting.received.length).toBe(callsAfterSync);
  });

  it('refuses bad numbers (usage, exit 2) and unknown instances (not found, exit 4); --help and completion know the commands', async () => {
    const [vcpus, limit, provider, help, completion] = await Promise.all([
      ohfp('catalog', 'plans', '--min-vcpus', 'two'),
      ohfp('catalog', 'plans', '--limit', '0'),
      ohfp('catalog', 'images', '--provider', 'mem-c'),
      ohfp('catalog', 'plans', '--help'),
      ohfp('completion', 'bash'),
    ]);
    expect([vcpus.exitCode, limit.exitCode, provider.exitCode]).toEqual([2, 2, 4]);
    expect(vcpus.stderr).toContain('--min-vcpus must be a number ≥ 0 (got "two")');
    expect(limit.stderr).toContain('--limit must be a whole number ≥ 1 (got "0")');
    expect(provider.json()).toMatchObject({
      error: {
        code: 'PROVIDER_NOT_FOUND',
        message: expect.stringContaining('No provider instance is named "mem-c" (did you mean mem-a?)'),
        details: { available_providers: ['mem-a', 'mem-b', 'linode-main', 'linode-old'] },
      },
    });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: ohfp catalog plans [options]');
    expect(help.stdout).toMatch(/--sort price\|vcpus\|memory/);
    expect(completion.stdout).toContain('catalog) COMPREPLY=($(compgen -W "plans regions images apps sync"');
    expect(completion.stdout).toMatch(/"catalog plans"\) options="[^"]*--min-memory-gb/);
  });
});
