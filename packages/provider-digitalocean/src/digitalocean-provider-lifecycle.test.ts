import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOceanProvider, type DigitalOceanProvider } from './digitalocean-provider.js';
import type { DigitalOceanSettingsInput } from './digitalocean-settings.js';
import { digitalOceanRequestTag } from './digitalocean-tags.js';
import { FakeDigitalOceanCloud } from './test-support/fake-digitalocean-cloud.js';
import { TEST_TOKEN, createRequest } from './test-support/fixtures.js';
import { TestClock } from './test-support/test-clock.js';

const cloud = new FakeDigitalOceanCloud({ token: TEST_TOKEN });
const server = setupServer(...cloud.handlers);
let clock: TestClock;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  cloud.reset();
  clock = new TestClock();
});

function provider(settings: DigitalOceanSettingsInput = {}): DigitalOceanProvider {
  return createDigitalOceanProvider(
    { token: TEST_TOKEN, ...settings },
    { instanceName: 'do-main', now: clock.now, sleep: clock.sleep, random: () => 0.5, env: {} },
  );
}

describe('describeInstances', () => {
  it('reads the status of 1,000 droplets with ⌈1000 / 200⌉ = 5 list calls, never one call per droplet', async () => {
    const ids = cloud.seed(1000, { status: 'active' }).map((droplet) => String(droplet.id));
    const instances = await provider().describeInstances(ids);
    expect(instances).toHaveLength(1000);
    expect(cloud.callCount('list')).toBe(5);
    expect(cloud.callCount('describe')).toBe(0);
    expect(instances.map((instance) => instance.id)).toEqual(ids);
  });

  it('stops listing once every wanted droplet was seen', async () => {
    const ids = cloud.seed(1000).map((droplet) => String(droplet.id));
    await provider().describeInstances(ids.slice(0, 300));
    expect(cloud.callCount('list')).toBe(2);
  });

  it('fetches a few droplets one by one when that is cheaper than paging a large account', async () => {
    const ids = cloud.seed(1000).map((droplet) => String(droplet.id));
    const wanted = [ids[999]!, ids[500]!, '999999'];
    const instances = await provider().describeInstances(wanted);
    expect(instances.map((instance) => instance.id)).toEqual([ids[999], ids[500]]);
    // One page to learn the total (5 pages), then two gets and a 404 instead of four more pages.
    expect(cloud.callCount('list')).toBe(1);
    expect(cloud.callCount('describe')).toBe(3);
  });

  it('maps status, addresses, size, region and launch time', async () => {
    const [droplet] = cloud.seed(1, { status: 'off', tags: ['ohf-req:req-1', 'team:batch'] });
    const [instance] = await provider().describeInstances([String(droplet!.id)]);
    expect(instance).toEqual({
      id: String(droplet!.id),
      state: 'stopped',
      rawState: 'off',
      name: droplet!.name,
      hostName: droplet!.name,
      privateIpAddress: `10.108.0.${droplet!.id % 250}`,
      publicIpAddress: `203.0.113.${droplet!.id % 250}`,
      instanceType: 's-1vcpu-1gb',
      location: 'nyc3',
      launchTime: '2025-01-01T00:00:00.000Z',
      lifecycle: 'ondemand',
      tags: { 'ohf:request-id': 'req-1', team: 'batch' },
      providerMetadata: {
        vcpus: 1,
        memoryMiB: 1024,
        diskGiB: 25,
        locked: false,
        vpcUuid: '760e09ef-dc84-11e8-981e-3cfdfeaae000',
        image: 'ubuntu-24-04-x64',
        tagNames: ['ohf-req:req-1', 'team:batch'],
      },
    });
  });

  it('keeps an undocumented status as unknown with the raw status', async () => {
    const [droplet] = cloud.seed(1, { status: 'migrating' });
    const [instance] = await provider().describeInstances([String(droplet!.id)]);
    expect(instance).toMatchObject({ state: 'unknown', rawState: 'migrating' });
  });

  it('ignores ids that cannot be droplets without calling the cloud', async () => {
    expect(await provider().describeInstances(['i-0abc', ''])).toEqual([]);
    expect(cloud.requests).toEqual([]);
  });
});

describe('findInstancesByTag', () => {
  it('lists by the request tag through every page and keeps droplets carrying all the tags', async () => {
    const requestId = 'req-6a3c1f7e-8b2d-4e9a-b5c4-1d2e3f4a5b6c';
    const requestTag = digitalOceanRequestTag(requestId);
    cloud.seed(5, { tags: [requestTag, 'ohf-tpl:web'] });
    cloud.seed(2, { tags: [requestTag, 'ohf-tpl:other'] });
    cloud.seed(3, { tags: ['ohf-tpl:web'] });
    const found = await provider({ pageSize: 2 }).findInstancesByTag({
      [OHF_TAG_KEYS.requestId]: requestId,
      [OHF_TAG_KEYS.templateId]: 'web',
    });
    expect(found).toHaveLength(5);
    expect(cloud.requestsTo('GET', '/v2/droplets').map((call) => call.query)).toEqual([
      { tag_name: requestTag, per_page: '2', page: '1' },
      { tag_name: requestTag, per_page: '2', page: '2' },
      { tag_name: requestTag, per_page: '2', page: '3' },
      { tag_name: requestTag, per_page: '2', page: '4' },
    ]);
  });
});

describe('terminateInstances', () => {
  it('deletes each droplet; one already gone is a success', async () => {
    const [first, second] = cloud.seed(2).map((droplet) => String(droplet.id));
    const result = await provider().terminateInstances([first!, '424242', 'm-1', second!]);
    expect(result).toEqual({
      terminated: [first, second],
      // "m-1" can never be a droplet: there is nothing of it to delete.
      alreadyGone: ['424242', 'm-1'],
      failures: [],
    });
    expect(cloud.droplets.size).toBe(0);
    expect(cloud.requestsTo('DELETE', `/v2/droplets/${first}`)).toHaveLength(1);
  });

  it('reports a droplet the API refuses to delete as a failure', async () => {
    const [id] = cloud.seed(1).map((droplet) => String(droplet.id));
    cloud.failNextCall('forbidden');
    const result = await provider().terminateInstances([id!]);
    expect(result.failures).toMatchObject([{ id, code: 'FORBIDDEN', retryable: false }]);
  });

  it('retries a delete answered with 500 and plans without calling in a dry run', async () => {
    const [id] = cloud.seed(1).map((droplet) => String(droplet.id));
    expect((await provider().terminateInstances([id!], { dryRun: true })).plannedCalls).toEqual([
      { service: 'digitalocean', operation: `DELETE /v2/droplets/${id}`, input: { droplet_id: Number(id) } },
    ]);
    expect(cloud.requests).toEqual([]);
    cloud.failNextCall('server_error');
    expect((await provider().terminateInstances([id!])).terminated).toEqual([id]);
    expect(cloud.callCount('terminate')).toBe(2);
  });

  it('deletes every droplet of a tag in one call', async () => {
    const tag = digitalOceanRequestTag('req-1');
    cloud.seed(3, { tags: [tag] });
    cloud.seed(1, { tags: ['other'] });
    await provider().terminateByTag(tag);
    expect(cloud.requestsTo('DELETE', '/v2/droplets').map((call) => call.query)).toEqual([{ tag_name: tag }]);
    expect(cloud.droplets.size).toBe(1);
    await expect(provider().terminateByTag('not a tag!')).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'tag' });
  });
});

describe('findInstancesByName', () => {
  it('finds droplets by name or private address, reading the account in ⌈N / 200⌉ pages whatever the number of names', async () => {
    const droplets = cloud.seed(450, { status: 'active' });
    const [first, second] = droplets;
    const found = await provider().findInstancesByName([first!.name, `10.108.0.${second!.id % 250}`, 'nobody-has-this-name']);
    expect(found.map((instance) => instance.id)).toEqual(
      droplets.filter((droplet) => droplet.name === first!.name || droplet.id % 250 === second!.id % 250).map((droplet) => String(droplet.id)),
    );
    expect(cloud.callCount('list')).toBe(3);
  });
});

describe('findInstancesByTagKey', () => {
  it('lists every droplet carrying the key, whatever the value', async () => {
    const ours = [...cloud.seed(2, { tags: ['ohf-req:req-a'] }), ...cloud.seed(1, { tags: ['ohf-req:req-b', 'team:batch'] })];
    cloud.seed(3, { tags: ['team:batch'] });
    const found = await provider().findInstancesByTagKey(OHF_TAG_KEYS.requestId);
    expect(found.map((instance) => instance.id)).toEqual(ours.map((droplet) => String(droplet.id)));
  });
});

describe('releaseRequestResources', () => {
  it('deletes the droplets tagged with the request in one call, recorded or not, and plans it on a dry run', async () => {
    const requestId = 'req-6a3c1f7e-8b2d-4e9a-b5c4-1d2e3f4a5b6c';
    const tag = digitalOceanRequestTag(requestId);
    const tagged = cloud.seed(3, { tags: [tag] }).map((droplet) => String(droplet.id));
    cloud.seed(1, { tags: ['ohf-req:req-other'] });
    expect((await provider().releaseRequestResources(requestId, { dryRun: true })).plannedCalls).toEqual([
      { service: 'digitalocean', operation: 'DELETE /v2/droplets', input: { tag_name: tag } },
    ]);
    expect(cloud.droplets.size).toBe(4);
    expect(await provider().releaseRequestResources(requestId)).toEqual({ released: [], terminated: tagged, alreadyGone: [], failures: [] });
    expect(cloud.requestsTo('DELETE', '/v2/droplets').map((call) => call.query)).toEqual([{ tag_name: tag }]);
    expect(cloud.droplets.size).toBe(1);
  });
});

describe('performAction', () => {
  it.each([
    ['boot', 'power_on', 'active'],
    ['shutdown', 'shutdown', 'off'],
    ['reboot', 'reboot', 'active'],
  ] as const)('%s posts the %s action', async (action, type, status) => {
    const [droplet] = cloud.seed(1, { status: 'active' });
    const result = await provider().performAction(String(droplet!.id), action);
    expect(cloud.requestsTo('POST', `/v2/droplets/${droplet!.id}/actions`).map((call) => call.body)).toEqual([{ type }]);
    expect(result).toEqual({ id: String(droplet!.id), action, actionId: String(36_000_000 + droplet!.id) });
    expect(droplet!.status).toBe(status);
  });

  it('plans the droplet action on a dry run and sends nothing', async () => {
    expect(await provider().performAction('123', 'boot', { dryRun: true })).toEqual({
      id: '123',
      action: 'boot',
      plannedCalls: [{ service: 'digitalocean', operation: 'POST /v2/droplets/123/actions', input: { type: 'power_on' } }],
    });
    expect(cloud.requestsTo('POST', '/v2/droplets/123/actions')).toEqual([]);
  });

  it('reports a missing droplet as MACHINE_NOT_FOUND', async () => {
    await expect(provider().performAction('123', 'reboot')).rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND', requestId: 'req-404-4d9d8375-3c56-4925-a3e7-eb137fed17e9' });
  });
});

describe('round trip', () => {
  it('creates, finds, describes and terminates the droplets of a request', async () => {
    const digitalOcean = provider();
    const request = createRequest(3);
    const created = await digitalOcean.createInstances(request);
    const found = await digitalOcean.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId });
    expect(found.map((instance) => instance.id).sort()).toEqual(created.instances.map((instance) => instance.id).sort());
    const described = await digitalOcean.describeInstances(created.instances.map((instance) => instance.id));
    expect(described.every((instance) => instance.state === 'running' && instance.privateIpAddress !== null)).toBe(true);
    const terminated = await digitalOcean.terminateInstances(created.instances.map((instance) => instance.id));
    expect(terminated.terminated).toHaveLength(3);
    expect(await digitalOcean.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId })).toEqual([]);
  });
});
