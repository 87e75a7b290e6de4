import { DEFAULT_ORGANIZATION_ID, type AuditEvent, type AuditEventInput, type AuditLog } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../storage.js';
import type { ManualClock } from './manual-clock.js';
import { PREVIOUS_RELEASE_MACHINE, PREVIOUS_RELEASE_REQUEST } from './previous-release.js';
import { sampleMachine, sampleRequest } from './sample-records.js';
import {
  sampleApiKey,
  sampleDelivery,
  sampleEvent,
  sampleOrganization,
  sampleProviderInstance,
  sampleUser,
  sampleWebhook,
  secretHashOf,
} from './sample-tenancy.js';

export interface TenancyContractHooks {
  storage(): Storage;
  clock(): ManualClock;
  another(): Promise<Storage>;
  /** A storage on data of the previous release, holding PREVIOUS_RELEASE_REQUEST and PREVIOUS_RELEASE_MACHINE. */
  previousSchema(): Promise<Storage>;
}

function sequences(events: readonly AuditEvent[]): number[] {
  return events.map((event) => event.sequence);
}

/** Appends events, then reads them back as stored, sequences included (`append` returns none). */
async function appendAndRead(log: AuditLog, inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
  await log.append(inputs);
  const wanted = new Set(inputs.map((input) => input.eventId));
  const stored: AuditEvent[] = [];
  for (let page = await log.list({ limit: 1_000 }); page.length > 0; page = await log.list({ limit: 1_000, afterSequence: page.at(-1)!.sequence })) {
    stored.push(...page.filter((event) => wanted.has(event.eventId)));
  }
  return stored;
}

function eventIds(events: readonly AuditEvent[]): string[] {
  return events.map((event) => event.eventId);
}

/** Organizations, provider instances, the audit trail and webhooks (`runStorageContract` runs it). */
export function describeTenancyContract(hooks: TenancyContractHooks): void {
  const storage = () => hooks.storage();
  const clock = () => hooks.clock();

  describe('organizations, users and API keys', () => {
    it('has the default organization once migrated', async () => {
      expect(await storage().tenancy.findOrganization(DEFAULT_ORGANIZATION_ID)).toMatchObject({
        organizationId: DEFAULT_ORGANIZATION_ID,
        name: 'Default organization',
        quotas: {},
      });
    });

    it('creates, updates, lists and deletes organizations; a second create of one id is a CONFLICT', async () => {
      const first = sampleOrganization(1, clock(), { quotas: { maxRunningMachines: 10, maxHourlySpend: 2.5 } });
      await storage().tenancy.createOrganization(first);
      await expect(storage().tenancy.createOrganization({ ...first, name: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await storage().tenancy.findOrganization('org-1')).toEqual(first);

      const renamed = { ...first, name: 'Renamed', quotas: { maxRunningMachines: 3 }, updatedAt: '2025-02-01T00:00:00.000Z' };
      expect(await storage().tenancy.updateOrganization(renamed)).toBe(true);
      expect(await (await hooks.another()).tenancy.findOrganization('org-1')).toEqual(renamed);
      expect(await storage().tenancy.updateOrganization(sampleOrganization(9, clock()))).toBe(false);

      await storage().tenancy.createOrganization(sampleOrganization(2, clock()));
      expect((await storage().tenancy.listOrganizations()).map((each) => each.organizationId)).toEqual(['default', 'org-1', 'org-2']);
      expect(await storage().tenancy.deleteOrganization('org-2')).toBe(true);
      expect(await storage().tenancy.deleteOrganization('org-2')).toBe(false);
      expect(await storage().tenancy.findOrganization('org-2')).toBeUndefined();
      await expect(storage().tenancy.createOrganization({ ...first, organizationId: 'Not Valid' })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
    });

    it('creates users with unique ids and names, and lists them per organization through memberships', async () => {
      await storage().tenancy.createOrganization(sampleOrganization(1, clock()));
      const alice = sampleUser(1, clock(), { platformAdmin: true });
      const bob = sampleUser(2, clock());
      await storage().tenancy.createUser(alice);
      await storage().tenancy.createUser(bob);
      await expect(storage().tenancy.createUser({ ...bob, name: 'other@example.com' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(storage().tenancy.createUser({ ...bob, userId: 'user-3' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await storage().tenancy.findUser('user-1')).toEqual(alice);
      expect(await storage().tenancy.findUserByName('user2@example.com')).toEqual(bob);
      expect(await storage().tenancy.findUserByName('nobody@example.com')).toBeUndefined();

      await storage().tenancy.saveMembership({ organizationId: 'org-1', userId: 'user-2', role: 'viewer', createdAt: clock().now().toISOString() });
      await storage().tenancy.saveMembership({ organizationId: 'default', userId: 'user-2', role: 'admin', createdAt: clock().now().toISOString() });
      // Saving again changes the role.
      await storage().tenancy.saveMembership({ organizationId: 'org-1', userId: 'user-2', role: 'operator', createdAt: clock().now().toISOString() });
      expect((await storage().tenancy.listUsers()).map((user) => user.userId)).toEqual(['user-1', 'user-2']);
      expect((await storage().tenancy.listUsers('org-1')).map((user) => user.userId)).toEqual(['user-2']);
      expect((await storage().tenancy.membershipsOfUser('user-2')).map((each) => `${each.organizationId}:${each.role}`)).toEqual([
        'default:admin',
        'org-1:operator',
      ]);
      expect((await storage().tenancy.membershipsOfOrganization('org-1')).map((each) => each.userId)).toEqual(['user-2']);
      expect(await storage().tenancy.deleteMembership('org-1', 'user-2')).toBe(true);
      expect(await storage().tenancy.deleteMembership('org-1', 'user-2')).toBe(false);
      expect(await storage().tenancy.listUsers('org-1')).toEqual([]);
    });

    it('finds a key by the hash of its secret, revokes it once and records its last use', async () => {
      await storage().tenancy.createUser(sampleUser(1, clock()));
      const key = sampleApiKey(1, 'user-1', 'default', clock(), { expiresAt: '2026-01-01T00:00:00.000Z' });
      await storage().tenancy.createApiKey(key);
      await expect(storage().tenancy.createApiKey({ ...key, keyId: 'key-other' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(storage().tenancy.createApiKey({ ...key, secretHash: secretHashOf('another') })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await storage().tenancy.findApiKeyBySecretHash(secretHashOf('ohf_secret_1'))).toEqual(key);
      expect(await storage().tenancy.findApiKeyBySecretHash(secretHashOf('ohf_secret_2'))).toBeUndefined();
      expect(await storage().tenancy.findApiKey('key-1')).toEqual(key);

      await storage().tenancy.touchApiKey('key-1', '2025-01-01T00:05:00.000Z');
      expect((await (await hooks.another()).tenancy.findApiKey('key-1'))?.lastUsedAt).toBe('2025-01-01T00:05:00.000Z');
      expect(await storage().tenancy.revokeApiKey('key-1', '2025-01-01T00:06:00.000Z')).toBe(true);
      expect(await storage().tenancy.revokeApiKey('key-1', '2025-01-01T00:07:00.000Z')).toBe(false);
      expect(await storage().tenancy.revokeApiKey('key-9', '2025-01-01T00:07:00.000Z')).toBe(false);
      expect(await storage().tenancy.findApiKeyBySecretHash(secretHashOf('ohf_secret_1'))).toEqual({
        ...key,
        lastUsedAt: '2025-01-01T00:05:00.000Z',
        revokedAt: '2025-01-01T00:06:00.000Z',
      });
    });

    it('lists keys of a user or an organization, revoked ones included, and deletes an organization with its keys and memberships', async () => {
      await storage().tenancy.createOrganization(sampleOrganization(1, clock()));
      await storage().tenancy.createUser(sampleUser(1, clock()));
      await storage().tenancy.saveMembership({ organizationId: 'org-1', userId: 'user-1', role: 'admin', createdAt: clock().now().toISOString() });
      await storage().tenancy.createApiKey(sampleApiKey(1, 'user-1', 'default', clock()));
      clock().advance(1_000);
      await storage().tenancy.createApiKey(sampleApiKey(2, 'user-1', 'org-1', clock()));
      await storage().tenancy.revokeApiKey('key-2', clock().now().toISOString());
      expect((await storage().tenancy.listApiKeys({ userId: 'user-1' })).map((key) => key.keyId)).toEqual(['key-1', 'key-2']);
      expect((await storage().tenancy.listApiKeys({ organizationId: 'org-1' })).map((key) => key.keyId)).toEqual(['key-2']);
      expect((await storage().tenancy.listApiKeys({ userId: 'user-1', organizationId: 'default' })).map((key) => key.keyId)).toEqual(['key-1']);

      expect(await storage().tenancy.deleteOrganization('org-1')).toBe(true);
      expect(await storage().tenancy.findApiKey('key-2')).toBeUndefined();
      expect(await storage().tenancy.membershipsOfUser('user-1')).toEqual([]);
      expect(await storage().tenancy.findApiKey('key-1')).toBeDefined();
      expect(await storage().tenancy.findUser('user-1')).toBeDefined();
    });
  });

  describe('provider instances', () => {
    it('saves, replaces, lists per organization and deletes', async () => {
      const linode = sampleProviderInstance(1, 'org-a', clock());
      const aws = sampleProviderInstance(2, 'org-b', clock(), { type: 'aws', active: false, capabilities: [] });
      await storage().providerInstances.save(linode);
      await storage().providerInstances.save(aws);
      expect(await (await hooks.another()).providerInstances.find('linode-1')).toEqual(linode);
      expect(await storage().providerInstances.find('aws-2')).toEqual(aws);
      expect(await storage().providerInstances.find('missing')).toBeUndefined();

      const changed = { ...linode, sealedCredentials: 'aes-256-gcm:v2:feedbeef:iv:tag:new', priority: 7, active: false, updatedAt: '2025-02-01T00:00:00.000Z' };
      await storage().providerInstances.save(changed);
      expect(await storage().providerInstances.find('linode-1')).toEqual(changed);
      expect((await storage().providerInstances.list()).map((each) => each.name)).toEqual(['aws-2', 'linode-1']);
      expect(await storage().providerInstances.list('org-a')).toEqual([changed]);
      expect(await storage().providerInstances.list('org-c')).toEqual([]);
      expect(await storage().providerInstances.delete('linode-1')).toBe(true);
      expect(await storage().providerInstances.delete('linode-1')).toBe(false);
      expect(await storage().providerInstances.list('org-a')).toEqual([]);
    });

    it('refuses a name that belongs to another organization with CONFLICT and keeps the owner’s record', async () => {
      const owned = sampleProviderInstance(1, 'org-a', clock());
      await storage().providerInstances.save(owned);
      await expect(
        storage().providerInstances.save({ ...owned, organizationId: 'org-b', sealedCredentials: 'aes-256-gcm:v2:00000000:stolen' }),
      ).rejects.toMatchObject({ code: 'CONFLICT', retryable: false });
      expect(await storage().providerInstances.find('linode-1')).toEqual(owned);
    });
  });

  describe('audit trail', () => {
    it('hands out strictly increasing sequences and lists oldest first, to every process', async () => {
      const first = await appendAndRead(storage().events, [sampleEvent(1, 'default', clock()), sampleEvent(2, 'org-a', clock())]);
      const second = await appendAndRead((await hooks.another()).events, [sampleEvent(3, 'default', clock())]);
      const all = [...first, ...second];
      for (let index = 1; index < all.length; index += 1) expect(all[index]!.sequence).toBeGreaterThan(all[index - 1]!.sequence);
      expect(first[0]).toMatchObject({ ...sampleEvent(1, 'default', clock()), sequence: all[0]!.sequence });
      expect(await storage().events.list()).toEqual(all);
      expect(await storage().events.latestSequence()).toBe(all[2]!.sequence);
      await expect(storage().events.append([sampleEvent(1, 'default', clock())])).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(storage().events.append([{ ...sampleEvent(9, 'default', clock()), organizationId: 'Not Valid' }])).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      expect(await storage().events.latestSequence()).toBe(all[2]!.sequence);
    });

    it('starts at sequence 0 and fills in the actor and data an event leaves out', async () => {
      expect(await storage().events.latestSequence()).toBe(0);
      const [event] = await appendAndRead(storage().events, [
        { eventId: 'evt-bare', organizationId: 'default', type: 'ProviderUnhealthy', occurredAt: clock().now().toISOString() },
      ]);
      expect(event).toEqual({
        eventId: 'evt-bare',
        organizationId: 'default',
        type: 'ProviderUnhealthy',
        occurredAt: clock().now().toISOString(),
        actor: { kind: 'system' },
        data: {},
        sequence: event!.sequence,
      });
      expect(await storage().events.list()).toEqual([event]);
    });

    it('filters by organization, cursor, time, types, request and machine, and pages', async () => {
      const inputs = [
        sampleEvent(1, 'default', clock(), { requestId: 'req-1' }),
        sampleEvent(2, 'org-a', clock(), { requestId: 'req-2', type: 'ProvisionAttemptFailed', providerInstance: 'aws-1' }),
      ];
      clock().advance(60_000);
      inputs.push(
        sampleEvent(3, 'default', clock(), { requestId: 'req-1', machineId: 'm-1', type: 'MachineStateChanged' }),
        sampleEvent(4, 'default', clock(), { type: 'ApiCall' }),
      );
      const stored = await appendAndRead(storage().events, inputs);
      const [one, two, three, four] = stored;
      const list = (filter: Parameters<Storage['events']['list']>[0]) => storage().events.list(filter).then(eventIds);
      expect(await list({ organizationId: 'default' })).toEqual(eventIds([one!, three!, four!]));
      expect(await list({ organizationId: 'org-b' })).toEqual([]);
      expect(await list({ afterSequence: two!.sequence })).toEqual(eventIds([three!, four!]));
      expect(await list({ since: three!.occurredAt })).toEqual(eventIds([three!, four!]));
      expect(await list({ types: ['ProvisionAttemptFailed', 'ApiCall'] })).toEqual(eventIds([two!, four!]));
      expect(await list({ types: [] })).toEqual(eventIds(stored));
      expect(await list({ requestId: 'req-1' })).toEqual(eventIds([one!, three!]));
      expect(await list({ machineId: 'm-1' })).toEqual(eventIds([three!]));
      expect(await list({ organizationId: 'default', requestId: 'req-1', afterSequence: one!.sequence })).toEqual(eventIds([three!]));
      expect(await list({ limit: 2 })).toEqual(eventIds([one!, two!]));
      expect(await list({ limit: 2, afterSequence: two!.sequence })).toEqual(eventIds([three!, four!]));
      expect(two).toMatchObject({ providerInstance: 'aws-1', requestId: 'req-2' });
      await expect(storage().events.list({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    });

    it('returns 100 events by default and never more than 1,000 at once', async () => {
      const inputs = Array.from({ length: 1_001 }, (_, index) => sampleEvent(index + 1, 'default', clock()));
      const stored = await appendAndRead(storage().events, inputs);
      expect(sequences(await storage().events.list())).toEqual(sequences(stored.slice(0, 100)));
      expect(sequences(await storage().events.list({ limit: 5_000 }))).toEqual(sequences(stored.slice(0, 1_000)));
      expect(sequences(await storage().events.list({ afterSequence: stored[999]!.sequence }))).toEqual([stored[1_000]!.sequence]);
    });

    it('writes the events of a save with it, and none when the save fails', async () => {
      const request = sampleRequest(1, clock(), { organizationId: 'org-a' });
      const saved = await storage().requests.save(request, { events: [sampleEvent(1, 'org-a', clock(), { requestId: request.requestId })] });
      expect(eventIds(await storage().events.list({ requestId: request.requestId }))).toEqual([sampleEvent(1, 'org-a', clock()).eventId]);

      // A stale version: CONFLICT, and its event is not there.
      await expect(
        storage().requests.save(request, { events: [sampleEvent(2, 'org-a', clock(), { requestId: request.requestId })] }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      // The change is refused by the database after the request row was written: nothing of it stays.
      await expect(
        storage().requests.save({ ...saved, message: 'lost' }, { events: [sampleEvent(1, 'org-a', clock(), { requestId: request.requestId })] }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await storage().requests.findById(request.requestId)).toEqual(saved);
      // A duplicate idempotency key on a new request.
      await storage().requests.save(sampleRequest(3, clock(), { idempotencyKey: 'once' }));
      await expect(
        storage().requests.save(sampleRequest(4, clock(), { idempotencyKey: 'once' }), { events: [sampleEvent(3, 'default', clock())] }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(eventIds(await storage().events.list())).toEqual([sampleEvent(1, 'org-a', clock()).eventId]);

      const updated = await storage().requests.save({ ...saved, status: 'in_progress' }, { events: [sampleEvent(4, 'org-a', clock())] });
      expect(updated.version).toBe(2);
      expect(eventIds(await storage().events.list())).toEqual([sampleEvent(1, 'org-a', clock()).eventId, sampleEvent(4, 'org-a', clock()).eventId]);
    });

    it('keeps saves asked for at once apart: each stands or falls with its own events', async () => {
      const [first, second] = [sampleRequest(1, clock()), sampleRequest(2, clock())];
      const stored = await storage().requests.save(second);
      await storage().requests.save({ ...stored, status: 'in_progress' });
      const event = (sequence: number, requestId: string) => sampleEvent(sequence, 'default', clock(), { requestId });
      const results = await Promise.allSettled([
        storage().requests.save(first, { events: [event(1, first.requestId)] }),
        // Stale: refused, and its event with it.
        storage().requests.save({ ...stored, status: 'failed' }, { events: [event(2, second.requestId)] }),
        storage().machines.saveMany([sampleMachine(1, first.requestId, clock())], { events: [event(3, first.requestId)] }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
      // Saves asked for at once may be stored in either order (PostgreSQL runs them side by side).
      expect(eventIds(await storage().events.list()).sort()).toEqual([event(1, '').eventId, event(3, '').eventId].sort());
      expect((await storage().requests.findById(second.requestId))?.status).toBe('in_progress');
      expect(await storage().machines.findByRequestId(first.requestId)).toHaveLength(1);
    });

    it('writes the events of a saveMany with the machines, and neither when one of them is refused', async () => {
      const request = await storage().requests.save(sampleRequest(1, clock()));
      const machines = [sampleMachine(1, request.requestId, clock()), sampleMachine(2, request.requestId, clock())];
      await storage().machines.saveMany(machines, {
        events: machines.map((machine, index) => sampleEvent(index + 1, 'default', clock(), { machineId: machine.machineId, type: 'MachineStateChanged' })),
      });
      const other = await hooks.another();
      expect(eventIds(await other.events.list({ machineId: machines[1]!.machineId }))).toEqual([sampleEvent(2, 'default', clock()).eventId]);
      expect((await other.events.list({ types: ['MachineStateChanged'] })).length).toBe(2);

      // The second event repeats an id: the database refuses it after the machines were written, so none stay.
      const third = sampleMachine(3, request.requestId, clock());
      await expect(
        storage().machines.saveMany([third, { ...machines[0]!, state: 'terminated' }], {
          events: [sampleEvent(3, 'default', clock()), sampleEvent(1, 'default', clock())],
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await storage().machines.findById(third.machineId)).toBeUndefined();
      expect((await storage().machines.findById(machines[0]!.machineId))?.state).toBe('running');
      expect((await storage().events.list()).length).toBe(2);

      // Events alone, with no machine, are written too.
      await storage().machines.saveMany([], { events: [sampleEvent(5, 'default', clock())] });
      expect((await storage().events.list()).length).toBe(3);
    });

    it('deletes events before a cutoff and never hands a deleted sequence out again', async () => {
      const old = await appendAndRead(storage().events, [sampleEvent(1, 'default', clock()), sampleEvent(2, 'default', clock())]);
      clock().advance(3_600_000);
      const recent = await appendAndRead(storage().events, [sampleEvent(3, 'default', clock())]);
      expect(await storage().events.deleteBefore(clock().now().toISOString())).toBe(2);
      expect(eventIds(await storage().events.list())).toEqual(eventIds(recent));
      expect(await storage().events.deleteBefore(new Date(clock().now().getTime() + 1).toISOString())).toBe(1);
      expect(await storage().events.list()).toEqual([]);
      const [next] = await appendAndRead(storage().events, [sampleEvent(4, 'default', clock())]);
      expect(next!.sequence).toBeGreaterThan(recent[0]!.sequence);
      expect(await storage().events.latestSequence()).toBe(next!.sequence);
      expect(old[1]!.sequence).toBeLessThan(recent[0]!.sequence);
    });
  });

  describe('webhooks', () => {
    it('saves, lists per organization and deletes a webhook with its deliveries', async () => {
      const first = sampleWebhook(1, 'org-a', clock(), { eventTypes: ['RequestCreated', 'MachineStateChanged'] });
      const second = sampleWebhook(2, 'org-b', clock());
      await storage().webhooks.save(first);
      await storage().webhooks.save(second);
      const inactive = { ...first, active: false, updatedAt: '2025-02-01T00:00:00.000Z' };
      await storage().webhooks.save(inactive);
      expect(await (await hooks.another()).webhooks.find('hook-1')).toEqual(inactive);
      expect((await storage().webhooks.list()).map((hook) => hook.webhookId)).toEqual(['hook-1', 'hook-2']);
      expect(await storage().webhooks.list('org-b')).toEqual([second]);
      await storage().webhooks.addDeliveries([sampleDelivery('delivery-1', 'hook-1', 1, clock())]);
      expect(await storage().webhooks.delete('hook-1')).toBe(true);
      expect(await storage().webhooks.delete('hook-1')).toBe(false);
      expect(await storage().webhooks.find('hook-1')).toBeUndefined();
      expect(await storage().webhooks.listDeliveries('hook-1')).toEqual([]);
    });

    it('records one delivery per webhook and event, and hands out the due ones oldest first', async () => {
      const now = clock().now().getTime();
      const at = (offset: number) => new Date(now + offset).toISOString();
      await storage().webhooks.addDeliveries([
        sampleDelivery('delivery-1', 'hook-1', 1, clock(), { nextAttemptAt: at(2_000) }),
        sampleDelivery('delivery-2', 'hook-1', 2, clock(), { nextAttemptAt: at(0) }),
        sampleDelivery('delivery-3', 'hook-2', 1, clock(), { nextAttemptAt: at(1_000) }),
        sampleDelivery('delivery-4', 'hook-1', 3, clock(), { nextAttemptAt: at(60_000) }),
        sampleDelivery('delivery-5', 'hook-1', 4, clock(), { status: 'delivered', nextAttemptAt: undefined, attempts: 1, lastStatusCode: 204 }),
      ]);
      // The same (webhook, event) again, from another worker: ignored.
      await (await hooks.another()).webhooks.addDeliveries([sampleDelivery('delivery-6', 'hook-1', 1, clock(), { nextAttemptAt: at(0) })]);

      const due = await storage().webhooks.dueDeliveries(at(2_000), 10);
      expect(due.map((delivery) => delivery.deliveryId)).toEqual(['delivery-2', 'delivery-3', 'delivery-1']);
      expect((await storage().webhooks.dueDeliveries(at(2_000), 2)).map((delivery) => delivery.deliveryId)).toEqual(['delivery-2', 'delivery-3']);

      const failedOnce = { ...due[0]!, attempts: 1, lastStatusCode: 503, lastError: 'Service Unavailable', nextAttemptAt: at(30_000), updatedAt: at(0) };
      await storage().webhooks.updateDelivery(failedOnce);
      await storage().webhooks.updateDelivery({ ...due[1]!, status: 'failed', attempts: 8, nextAttemptAt: undefined, lastError: 'timeout' });
      expect((await storage().webhooks.dueDeliveries(at(2_000), 10)).map((delivery) => delivery.deliveryId)).toEqual(['delivery-1']);
      expect((await storage().webhooks.dueDeliveries(at(30_000), 10)).map((delivery) => delivery.deliveryId)).toEqual(['delivery-1', 'delivery-2']);

      const history = await storage().webhooks.listDeliveries('hook-1');
      expect(history.map((delivery) => delivery.deliveryId)).toEqual(['delivery-5', 'delivery-4', 'delivery-2', 'delivery-1']);
      expect(history[2]).toEqual(failedOnce);
      expect((await storage().webhooks.listDeliveries('hook-1', 2)).map((delivery) => delivery.deliveryId)).toEqual(['delivery-5', 'delivery-4']);
    });
  });

  describe('organizations of requests and machines', () => {
    it('lists one organization’s requests and machines, with totals', async () => {
      const first = await storage().requests.save(sampleRequest(1, clock(), { organizationId: 'org-a' }));
      clock().advance(1_000);
      const second = await storage().requests.save(sampleRequest(2, clock()));
      clock().advance(1_000);
      const third = await storage().requests.save(sampleRequest(3, clock(), { organizationId: 'org-a' }));
      const page = await storage().requests.list({ organizationId: 'org-a' });
      expect(page.items.map((request) => request.requestId)).toEqual([first.requestId, third.requestId]);
      expect(page.total).toBe(2);
      expect((await storage().requests.list({ organizationId: 'default' })).items).toEqual([second]);
      expect(await storage().requests.list({ organizationId: 'org-b' })).toEqual({ items: [], total: 0 });
      expect((await storage().requests.list({ organizationId: 'org-a', limit: 1, offset: 1 })).items).toEqual([third]);

      await storage().machines.saveMany([
        sampleMachine(1, first.requestId, clock(), { organizationId: 'org-a' }),
        sampleMachine(2, second.requestId, clock()),
      ]);
      const machines = await storage().machines.list({ organizationId: 'org-a' });
      expect(machines.items.map((machine) => machine.machineId)).toEqual([sampleMachine(1, '', clock()).machineId]);
      expect(machines.total).toBe(1);
      expect((await storage().machines.list({ organizationId: 'default', states: ['running'] })).total).toBe(1);
      expect((await storage().requests.findById(first.requestId))?.organizationId).toBe('org-a');
    });

    it('deletes exactly the events before a cutoff among many, after earlier deletions left gaps in the sequences', async () => {
      const appended = [];
      for (let minute = 0; minute < 40; minute += 1) {
        appended.push(...(await appendAndRead(storage().events, [sampleEvent(100 + 2 * minute, 'default', clock()), sampleEvent(101 + 2 * minute, 'default', clock())])));
        clock().advance(60_000);
      }
      const start = new Date(clock().now().getTime() - 40 * 60_000);
      const minuteAt = (minute: number) => new Date(start.getTime() + minute * 60_000).toISOString();
      // Written after the newest, stamped before them: found by `since`, kept by retention.
      const late = await appendAndRead(storage().events, [sampleEvent(200, 'default', clock(), { occurredAt: minuteAt(38) })]);
      expect(eventIds(await storage().events.list({ since: minuteAt(38) }))).toEqual(eventIds([...appended.slice(76), ...late]));
      expect(eventIds(await storage().events.list({ since: minuteAt(20), limit: 3 }))).toEqual(eventIds(appended.slice(40, 43)));
      expect(await storage().events.deleteBefore(minuteAt(5))).toBe(10);
      expect(await storage().events.deleteBefore(minuteAt(5))).toBe(0);
      // A cutoff between two stamps, then one at a stamp: that stamp's events stay.
      expect(await storage().events.deleteBefore(new Date(start.getTime() + 17 * 60_000 + 30_000).toISOString())).toBe(26);
      expect(await storage().events.deleteBefore(minuteAt(31))).toBe(26);
      expect(eventIds(await storage().events.list())).toEqual(eventIds([...appended.slice(62), ...late]));
      expect(await storage().events.deleteBefore(minuteAt(0))).toBe(0);
      expect(await storage().events.deleteBefore(clock().now().toISOString())).toBe(19);
      expect(await storage().events.list()).toEqual([]);
    });

    it('upgrades a database of the previous release: its requests and machines become the default organization’s', async () => {
      const previous = await hooks.previousSchema();
      expect((await previous.migrate()).applied).toContain(3);
      expect(await previous.tenancy.findOrganization(DEFAULT_ORGANIZATION_ID)).toMatchObject({ name: 'Default organization' });
      const request = await previous.requests.findById(PREVIOUS_RELEASE_REQUEST.requestId);
      expect(request).toMatchObject({ organizationId: DEFAULT_ORGANIZATION_ID, version: 1 });
      expect((await previous.requests.list({ organizationId: DEFAULT_ORGANIZATION_ID })).items.map((each) => each.requestId)).toEqual([
        PREVIOUS_RELEASE_REQUEST.requestId,
      ]);
      expect((await previous.requests.list({ organizationId: 'org-a' })).total).toBe(0);
      expect((await previous.machines.list({ organizationId: DEFAULT_ORGANIZATION_ID })).items.map((each) => each.machineId)).toEqual([
        PREVIOUS_RELEASE_MACHINE.machineId,
      ]);
      // The upgraded rows take part in what the new schema adds.
      await previous.requests.save({ ...request!, status: 'failed' }, { events: [sampleEvent(1, 'default', clock(), { requestId: request!.requestId })] });
      expect((await previous.events.list({ requestId: request!.requestId })).length).toBe(1);
    });
  });
}
