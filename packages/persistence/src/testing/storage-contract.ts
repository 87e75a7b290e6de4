import { readRequestWithMachines, type MachineRequest } from '@ohf/domain-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../storage.js';
import { describeCatalogContract, PREVIOUS_RELEASE_STATE } from './catalog-contract.js';
import { ManualClock } from './manual-clock.js';
import { sampleMachine, sampleRequest } from './sample-records.js';
import { describeTenancyContract } from './tenancy-contract.js';

export interface StorageContractContext {
  /** The clock the storage must use for leases and timestamps. */
  readonly clock: ManualClock;
}

export interface StorageContractSubject {
  /** A fresh, empty storage (not yet migrated). */
  readonly storage: Storage;
  /** Opens another storage on the same data, as a second process or replica would. */
  reopen(): Promise<Storage>;
  /**
   * Opens a storage on separate data as the release before organizations left it (schema
   * version 2: migrations 1 and 2 applied), holding the state entry `kept` = `PREVIOUS_RELEASE_STATE` and the rows
   * `PREVIOUS_RELEASE_REQUEST` and `PREVIOUS_RELEASE_MACHINE` as that release stored them, to
   * prove an existing database upgrades and keeps its data. `dispose()` removes it too.
   */
  previousSchema(): Promise<Storage>;
  /**
   * Opens a storage on separate data as schema version 3 left it (migrations 1 to 3 applied, a
   * markup rule id unique across owners), holding the rules `SCHEMA_THREE_MARKUP_RULES` as that
   * release stored them, to prove they survive the upgrade. `dispose()` removes it too.
   */
  schemaVersionThree(): Promise<Storage>;
  /** Closes everything and removes the data. */
  dispose(): Promise<void>;
}

export { PREVIOUS_RELEASE_STATE };

export type CreateStorageSubject = (context: StorageContractContext) => Promise<StorageContractSubject>;

/**
 * The behaviour every storage strategy shares, as one vitest suite. A strategy's test file is
 * one call: `runStorageContract('sqlite', async ({ clock }) => ({ storage, reopen, dispose }))`.
 */
export function runStorageContract(name: string, create: CreateStorageSubject): void {
  describe(`storage contract: ${name}`, () => {
    let clock: ManualClock;
    let subject: StorageContractSubject;
    let storage: Storage;
    const opened: Storage[] = [];

    beforeEach(async () => {
      clock = new ManualClock();
      subject = await create({ clock });
      storage = subject.storage;
      await storage.migrate();
    });

    afterEach(async () => {
      for (const other of opened.splice(0)) await other.close();
      await subject.dispose();
    });

    async function another(): Promise<Storage> {
      const other = await subject.reopen();
      opened.push(other);
      return other;
    }

    /** Saves `count` pending acquire requests one second apart (so creation order is known). */
    async function seedRequests(count: number, first = 1): Promise<MachineRequest[]> {
      const saved: MachineRequest[] = [];
      for (let sequence = first; sequence < first + count; sequence += 1) {
        saved.push(await storage.requests.save(sampleRequest(sequence, clock)));
        clock.advance(1_000);
      }
      return saved;
    }

    async function previousSchema(): Promise<Storage> {
      const previous = await subject.previousSchema();
      opened.push(previous);
      return previous;
    }

    async function schemaVersionThree(): Promise<Storage> {
      const older = await subject.schemaVersionThree();
      opened.push(older);
      return older;
    }

    describeCatalogContract({ storage: () => storage, another, previousSchema, schemaVersionThree });
    describeTenancyContract({ storage: () => storage, clock: () => clock, another, previousSchema });

    describe('lifecycle', () => {
      it('migrates once and reports healthy', async () => {
        const again = await storage.migrate();
        expect(again.applied).toEqual([]);
        expect(again.current).toBeGreaterThanOrEqual(1);
        const health = await storage.healthCheck();
        expect(health).toMatchObject({ ok: true, strategy: storage.strategy });
        expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      });

      it('keeps data for the next process', async () => {
        const [request] = await seedRequests(1);
        await storage.machines.saveMany([sampleMachine(1, request!.requestId, clock)]);
        await storage.state.put('selection', { cursor: 3 });
        const other = await another();
        expect(await other.requests.findById(request!.requestId)).toEqual(request);
        expect((await other.machines.findByRequestId(request!.requestId)).map((machine) => machine.machineId)).toEqual([
          sampleMachine(1, request!.requestId, clock).machineId,
        ]);
        expect((await other.state.get('selection'))?.value).toEqual({ cursor: 3 });
      });
    });

    describe('requests', () => {
      it('saves a new request at version 1 and reads back the same document', async () => {
        const request = sampleRequest(1, clock, {
          idempotencyKey: 'key-1',
          providerType: 'aws',
          providerInstance: 'aws-us-east-1',
          providerApi: 'EC2Fleet',
          selectionExplanation: { policy: 'weighted', scores: [{ instance: 'aws-us-east-1', score: 0.75 }] },
          attempts: [
            {
              providerInstance: 'aws-us-west-2',
              providerType: 'aws',
              requestedCount: 2,
              createdCount: 0,
              startedAt: clock.now().toISOString(),
              error: { code: 'INSUFFICIENT_CAPACITY', message: 'no capacity', retryable: true },
            },
          ],
        });
        const saved = await storage.requests.save(request);
        expect(saved).toEqual({ ...request, version: 1 });
        expect(await storage.requests.findById(request.requestId)).toEqual(saved);
        expect(await storage.requests.findById('req-00000000-0000-4000-8000-00000000ffff')).toBeUndefined();
      });

      it('keeps what a return request found looking up machines storage did not know, for the next process', async () => {
        const request = sampleRequest(2, clock, {
          kind: 'return',
          machineIds: ['m-00000000-0000-4000-8000-000000000001'],
          requestedCount: 3,
          lookups: [
            { machineId: 'i-0123456789abcdef0', name: 'ip-10-0-57-7.ec2.internal', outcome: 'looking_up', message: 'aws-us-east-1 could not be asked: PROVIDER_UNAVAILABLE' },
            { name: 'legacy-host', outcome: 'not_ours', providerInstance: 'aws-us-east-1', providerInstanceId: 'i-0fedcba9876543210', state: 'running', rawState: 'running', message: 'Not launched by Open Host Factory.' },
          ],
        });
        const saved = await storage.requests.save(request);
        expect(await (await another()).requests.findById(request.requestId)).toEqual(saved);
        const settled = await storage.requests.save({ ...saved, lookups: saved.lookups.map((lookup) => ({ ...lookup, outcome: 'gone' as const })) });
        expect((await (await another()).requests.findById(request.requestId))?.lookups.map((lookup) => lookup.outcome)).toEqual(['gone', 'gone']);
        expect(settled.version).toBe(2);
      });

      it('sees what another process wrote since its last read, and hands out copies', async () => {
        const [created] = await seedRequests(1);
        const read = await storage.requests.findById(created!.requestId);
        (read as { message: string }).message = 'changed by the caller';
        expect((await storage.requests.findById(created!.requestId))?.message).toBe('');

        const other = await another();
        await other.requests.save({ ...created!, status: 'in_progress' });
        await other.state.put('cursor', { at: 1 });
        expect((await storage.requests.findById(created!.requestId))?.status).toBe('in_progress');
        const state = await storage.state.get('cursor');
        (state!.value as { at: number }).at = 99;
        expect((await storage.state.get('cursor'))?.value).toEqual({ at: 1 });
        await other.state.put('cursor', { at: 2 });
        expect((await storage.state.get('cursor'))?.value).toEqual({ at: 2 });
      });

      it('updates at the stored version and returns version + 1', async () => {
        const [created] = await seedRequests(1);
        const updated = await storage.requests.save({ ...created!, status: 'in_progress', message: 'provisioning' });
        expect(updated.version).toBe(2);
        const read = await storage.requests.findById(created!.requestId);
        expect(read).toMatchObject({ status: 'in_progress', message: 'provisioning', version: 2 });
      });

      it('rejects a save at a stale version with CONFLICT and keeps the stored one', async () => {
        const [created] = await seedRequests(1);
        await storage.requests.save({ ...created!, status: 'in_progress' });
        await expect(storage.requests.save({ ...created!, status: 'failed' })).rejects.toMatchObject({
          code: 'CONFLICT',
          details: { requestId: created!.requestId, expectedVersion: 1, storedVersion: 2 },
        });
        expect((await storage.requests.findById(created!.requestId))?.status).toBe('in_progress');
      });

      it('rejects creating a request whose id exists, and updating one that does not', async () => {
        const [created] = await seedRequests(1);
        await expect(storage.requests.save({ ...created!, version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(storage.requests.save(sampleRequest(99, clock, { version: 4 }))).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        expect(await storage.requests.findById(sampleRequest(99, clock).requestId)).toBeUndefined();
      });

      it('rejects a document that is not a valid request', async () => {
        const invalid = { ...sampleRequest(1, clock), requestId: 'not-a-request-id' } as MachineRequest;
        await expect(storage.requests.save(invalid)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      });

      it('finds a request by idempotency key and refuses the key on a second request', async () => {
        const first = await storage.requests.save(sampleRequest(1, clock, { idempotencyKey: 'client-key' }));
        expect(await storage.requests.findByIdempotencyKey('client-key')).toEqual(first);
        expect(await storage.requests.findByIdempotencyKey('other-key')).toBeUndefined();
        await expect(storage.requests.save(sampleRequest(2, clock, { idempotencyKey: 'client-key' }))).rejects.toMatchObject({
          code: 'CONFLICT',
          details: { idempotencyKey: 'client-key', existingRequestId: first.requestId },
        });
        // Updating the owner of the key is fine.
        await storage.requests.save({ ...first, status: 'in_progress' });
      });

      it('lets exactly one of two concurrent creates with one key insert; the other reads the winner', async () => {
        const other = await another();
        const results = await Promise.allSettled([
          storage.requests.save(sampleRequest(1, clock, { idempotencyKey: 'same-key' })),
          other.requests.save(sampleRequest(2, clock, { idempotencyKey: 'same-key' })),
        ]);
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
        const winner = (won[0] as PromiseFulfilledResult<MachineRequest>).value;
        expect(await storage.requests.findByIdempotencyKey('same-key')).toEqual(winner);
        expect((await storage.requests.list()).total).toBe(1);
      });

      it('lists with filters, oldest first, with total and pagination', async () => {
        const requests = await seedRequests(6);
        await storage.requests.save({ ...requests[1]!, status: 'in_progress', providerInstance: 'linode-main' });
        await storage.requests.save({ ...requests[2]!, status: 'complete', templateId: 'template-b' });
        await storage.requests.save(sampleRequest(7, clock, { kind: 'return', machineIds: ['m-1'], requestedCount: 1 }));

        const all = await storage.requests.list();
        expect(all.total).toBe(7);
        expect(all.items.map((request) => request.requestId)).toEqual([
          ...requests.map((request) => request.requestId),
          sampleRequest(7, clock, { kind: 'return' }).requestId,
        ]);

        const page = await storage.requests.list({ limit: 2, offset: 2 });
        expect(page.total).toBe(7);
        expect(page.items.map((request) => request.requestId)).toEqual([requests[2]!.requestId, requests[3]!.requestId]);
        expect((await storage.requests.list({ offset: 6 })).items).toHaveLength(1);
        expect((await storage.requests.list({ limit: 0 })).items).toHaveLength(0);

        const returns = await storage.requests.list({ kind: 'return' });
        expect(returns.items.map((request) => request.kind)).toEqual(['return']);

        const unfinished = await storage.requests.list({ statuses: ['pending', 'in_progress'], kind: 'acquire' });
        expect(unfinished.total).toBe(5);
        expect(unfinished.items.map((request) => request.requestId)).not.toContain(requests[2]!.requestId);

        expect((await storage.requests.list({ templateId: 'template-b' })).items.map((request) => request.requestId)).toEqual([
          requests[2]!.requestId,
        ]);
        const onLinode = await storage.requests.list({ providerInstance: 'linode-main' });
        expect(onLinode.items.map((request) => request.requestId)).toEqual([requests[1]!.requestId]);
        expect((await storage.requests.list({ statuses: [] })).total).toBe(7);
        expect((await storage.requests.list({ statuses: ['cancelled'] })).total).toBe(0);
      });

      it('sums what unfinished acquire requests still owe per template, per organization, less the machines they recorded', async () => {
        const owing = sampleRequest(1, clock, { requestedCount: 3 });
        const acmeOwing = sampleRequest(2, clock, { status: 'in_progress', organizationId: 'acme' });
        const overServed = sampleRequest(3, clock, { templateId: 'template-b', requestedCount: 2 });
        const acmeOther = sampleRequest(4, clock, { templateId: 'template-b', requestedCount: 1, organizationId: 'acme' });
        const finished = sampleRequest(5, clock, { status: 'complete', requestedCount: 5 });
        const returning = sampleRequest(6, clock, { kind: 'return', machineIds: ['m-1'], requestedCount: 4, templateId: 'template-a' });
        for (const request of [owing, acmeOwing, overServed, acmeOther, finished, returning]) await storage.requests.save(request);
        await storage.machines.saveMany([
          // Failed machines are not replaced: they count against their request like any other.
          sampleMachine(1, owing.requestId, clock, { state: 'running' }),
          sampleMachine(2, owing.requestId, clock, { state: 'failed' }),
          // Three machines for a request of two owe nothing, and take nothing from another request.
          sampleMachine(3, overServed.requestId, clock, { templateId: 'template-b' }),
          sampleMachine(4, overServed.requestId, clock, { templateId: 'template-b' }),
          sampleMachine(5, overServed.requestId, clock, { templateId: 'template-b' }),
        ]);

        expect(await storage.requests.outstandingByTemplate()).toEqual({ 'template-a': 3, 'template-b': 1 });
        expect(await storage.requests.outstandingByTemplate({ templateId: 'template-b' })).toEqual({ 'template-b': 1 });
        expect(await storage.requests.outstandingByTemplate({ organizationId: 'acme' })).toEqual({ 'template-a': 2, 'template-b': 1 });
        expect(await storage.requests.outstandingByTemplate({ organizationId: 'default' })).toEqual({ 'template-a': 1 });
        expect(await storage.requests.outstandingByTemplate({ organizationId: 'acme', templateId: 'template-a' })).toEqual({ 'template-a': 2 });
        expect(await storage.requests.outstandingByTemplate({ organizationId: 'nobody' })).toEqual({});

        await storage.machines.saveMany([sampleMachine(6, owing.requestId, clock)]);
        await storage.requests.save({ ...(await storage.requests.findById(acmeOther.requestId))!, status: 'complete' });
        expect(await storage.requests.outstandingByTemplate()).toEqual({ 'template-a': 2 });
      });

      it('rejects an invalid list filter', async () => {
        await expect(storage.requests.list({ limit: -1 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
        await expect(storage.machines.list({ offset: 1.5 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      });
    });

    describe('machines', () => {
      it('inserts and updates in one call, counting saves in the version', async () => {
        const requestId = 'req-00000000-0000-4000-8000-000000000001';
        const first = sampleMachine(1, requestId, clock);
        const second = sampleMachine(2, requestId, clock, { state: 'pending', rawState: 'pending' });
        await storage.machines.saveMany([first, second]);
        expect(await storage.machines.findById(first.machineId)).toEqual({ ...first, version: 1 });

        clock.advance(5_000);
        const running = { ...second, state: 'running' as const, rawState: 'running', publicIpAddress: '203.0.113.7' };
        await storage.machines.saveMany([running, sampleMachine(3, requestId, clock)]);
        expect(await storage.machines.findById(second.machineId)).toEqual({ ...running, version: 2 });
        expect((await storage.machines.list()).total).toBe(3);
        expect(await storage.machines.findById('m-00000000-0000-4000-8000-00000000ffff')).toBeUndefined();
        await storage.machines.saveMany([]);
      });

      it('keeps the last of two entries for one machine in a batch', async () => {
        const requestId = 'req-00000000-0000-4000-8000-000000000001';
        const pending = sampleMachine(1, requestId, clock, { state: 'pending', rawState: 'pending' });
        await storage.machines.saveMany([pending, { ...pending, state: 'running', rawState: 'running' }]);
        expect((await storage.machines.findById(pending.machineId))?.state).toBe('running');
      });

      it('finds machines by request (acquire or return) and by provider instance id', async () => {
        const acquire = 'req-00000000-0000-4000-8000-000000000001';
        const otherAcquire = 'req-00000000-0000-4000-8000-000000000002';
        const returning = 'ret-00000000-0000-4000-8000-000000000003';
        const machines = [
          sampleMachine(1, acquire, clock),
          sampleMachine(2, acquire, clock, { returnRequestId: returning }),
          sampleMachine(3, otherAcquire, clock, { providerInstance: 'aws-us-west-2', providerInstanceId: 'i-shared' }),
          sampleMachine(4, otherAcquire, clock, { providerInstance: 'linode-main', providerInstanceId: 'i-shared' }),
        ];
        await storage.machines.saveMany(machines);

        expect((await storage.machines.findByRequestId(acquire)).map((machine) => machine.machineId)).toEqual([
          machines[0]!.machineId,
          machines[1]!.machineId,
        ]);
        expect((await storage.machines.findByRequestId(returning)).map((machine) => machine.machineId)).toEqual([
          machines[1]!.machineId,
        ]);
        expect(await storage.machines.findByRequestId('req-00000000-0000-4000-8000-0000000000ff')).toEqual([]);

        expect((await storage.machines.findByProviderInstanceId(machines[0]!.providerInstanceId))?.machineId).toBe(
          machines[0]!.machineId,
        );
        expect((await storage.machines.findByProviderInstanceId('i-shared', 'linode-main'))?.machineId).toBe(
          machines[3]!.machineId,
        );
        expect((await storage.machines.findByProviderInstanceId('i-shared', 'aws-us-west-2'))?.machineId).toBe(
          machines[2]!.machineId,
        );
        expect(await storage.machines.findByProviderInstanceId('i-shared', 'digitalocean-main')).toBeUndefined();
        expect(await storage.machines.findByProviderInstanceId('i-missing')).toBeUndefined();
      });

      it('reads a request with its machines at once: what it created or returned, or what it lists, in order', async () => {
        const acquire = await storage.requests.save(sampleRequest(1, clock));
        const returning = sampleRequest(2, clock, { kind: 'return' });
        const machines = [1, 2, 3].map((sequence) => {
          clock.advance(1_000);
          return sampleMachine(sequence, acquire.requestId, clock, sequence === 2 ? { returnRequestId: returning.requestId } : {});
        });
        const gone = sampleMachine(9, acquire.requestId, clock).machineId;
        const saved = await storage.requests.save({ ...returning, machineIds: [machines[2]!.machineId, gone, machines[0]!.machineId] });
        await storage.machines.saveMany([machines[2]!, machines[0]!, machines[1]!]);
        const other = await another();

        const acquired = await readRequestWithMachines(other.requests, other.machines, acquire.requestId);
        expect(acquired?.request).toEqual(acquire);
        expect(acquired?.machines.map((machine) => machine.machineId)).toEqual(machines.map((machine) => machine.machineId));
        expect(acquired?.machines[1]).toEqual({ ...machines[1], version: 1 });
        const returned = await readRequestWithMachines(other.requests, other.machines, saved.requestId);
        expect(returned?.request).toEqual(saved);
        expect(returned?.machines.map((machine) => machine.machineId)).toEqual([machines[2]!.machineId, machines[0]!.machineId]);
        expect(await readRequestWithMachines(other.requests, other.machines, 'req-00000000-0000-4000-8000-0000000000ff')).toBeUndefined();
        expect(await readRequestWithMachines(other.requests, other.machines, 'req-\u0000')).toBeUndefined();

        // Read together (a busy API's GETs, which a storage may send as one statement), each
        // answer is the one it gets alone, and a request asked for twice is answered twice.
        const missing = 'req-00000000-0000-4000-8000-0000000000ff';
        const together = await Promise.all(
          [acquire.requestId, saved.requestId, missing, acquire.requestId].map((requestId) => readRequestWithMachines(other.requests, other.machines, requestId)),
        );
        expect(together).toEqual([acquired, returned, undefined, acquired]);
        expect(together[3]).not.toBe(together[0]);
      });

      it('lists with filters, oldest first, with total and pagination', async () => {
        const requestId = 'req-00000000-0000-4000-8000-000000000001';
        const machines = [1, 2, 3, 4, 5].map((sequence) => {
          clock.advance(1_000);
          return sampleMachine(sequence, requestId, clock, {
            state: sequence % 2 === 0 ? 'terminated' : 'running',
            providerInstance: sequence <= 3 ? 'aws-us-east-1' : 'linode-main',
          });
        });
        // Saved newest first: the listing order comes from createdAt, not from insertion.
        await storage.machines.saveMany([...machines].reverse());
        const ids = machines.map((machine) => machine.machineId);

        expect((await storage.machines.list()).items.map((machine) => machine.machineId)).toEqual(ids);
        const page = await storage.machines.list({ limit: 2, offset: 1 });
        expect(page).toMatchObject({ total: 5 });
        expect(page.items.map((machine) => machine.machineId)).toEqual(ids.slice(1, 3));
        const terminated = await storage.machines.list({ states: ['terminated'] });
        expect(terminated.items.map((machine) => machine.machineId)).toEqual([ids[1], ids[3]]);
        const linodeRunning = await storage.machines.list({ providerInstance: 'linode-main', states: ['running'] });
        expect(linodeRunning.items.map((machine) => machine.machineId)).toEqual([ids[4]]);
        expect((await storage.machines.list({ requestId })).total).toBe(5);
        expect((await storage.machines.list({ requestId: 'req-00000000-0000-4000-8000-0000000000ff' })).total).toBe(0);
      });

      it('counts machines by template in the given states, leaving out machines on a return request', async () => {
        const requestId = 'req-00000000-0000-4000-8000-000000000001';
        const returnRequestId = 'req-00000000-0000-4000-8000-000000000002';
        await storage.machines.saveMany([
          sampleMachine(1, requestId, clock, { templateId: 'template-a', state: 'running' }),
          sampleMachine(2, requestId, clock, { templateId: 'template-a', state: 'pending' }),
          sampleMachine(3, requestId, clock, { templateId: 'template-a', state: 'terminated' }),
          sampleMachine(4, requestId, clock, { templateId: 'template-a', state: 'running', returnRequestId }),
          sampleMachine(5, requestId, clock, { templateId: 'template-b', state: 'stopped' }),
          sampleMachine(6, requestId, clock, { templateId: 'template-c', state: 'failed' }),
        ]);

        expect(await storage.machines.countByTemplate(['pending', 'running', 'stopped'])).toEqual({ 'template-a': 2, 'template-b': 1 });
        expect(await storage.machines.countByTemplate(['terminated', 'failed'])).toEqual({ 'template-a': 1, 'template-c': 1 });
        expect(await storage.machines.countByTemplate([])).toEqual({});
      });

      it('saves 5,000 machines in one call', async () => {
        const requestId = 'req-00000000-0000-4000-8000-000000000001';
        const machines = Array.from({ length: 5_000 }, (_, index) =>
          sampleMachine(index + 1, index % 2 === 0 ? requestId : 'req-00000000-0000-4000-8000-000000000002', clock),
        );
        await storage.machines.saveMany(machines);
        expect((await storage.machines.list({ limit: 1 })).total).toBe(5_000);
        expect(await storage.machines.findByRequestId(requestId)).toHaveLength(2_500);
        const tail = await storage.machines.list({ limit: 100, offset: 4_950 });
        expect(tail.items.map((machine) => machine.machineId)).toEqual(machines.slice(4_950).map((machine) => machine.machineId));
        expect(await storage.machines.findById(machines[4_321]!.machineId)).toEqual({ ...machines[4_321], version: 1 });
      });
    });

    describe('state store', () => {
      it('creates at version 1 and counts every write', async () => {
        expect(await storage.state.get('selection-engine')).toBeUndefined();
        const value = { health: { 'aws-us-east-1': { failures: 2, open: false } }, cursor: 7, order: ['a', 'b'] };
        const created = await storage.state.put('selection-engine', value);
        expect(created).toEqual({ key: 'selection-engine', value, version: 1, updatedAt: clock.now().toISOString() });
        expect(await storage.state.get('selection-engine')).toEqual(created);

        clock.advance(1_000);
        const next = await storage.state.put('selection-engine', { cursor: 8 }, { expectedVersion: 1 });
        expect(next).toMatchObject({ value: { cursor: 8 }, version: 2, updatedAt: clock.now().toISOString() });
        expect((await storage.state.put('selection-engine', 'last writer wins')).version).toBe(3);
        expect((await storage.state.get('selection-engine'))?.value).toBe('last writer wins');
      });

      it('rejects a stale expected version with CONFLICT', async () => {
        await storage.state.put('cursor', 1);
        await storage.state.put('cursor', 2, { expectedVersion: 1 });
        await expect(storage.state.put('cursor', 3, { expectedVersion: 1 })).rejects.toMatchObject({
          code: 'CONFLICT',
          details: { key: 'cursor', expectedVersion: 1, storedVersion: 2 },
        });
        await expect(storage.state.put('cursor', 3, { expectedVersion: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(storage.state.put('missing', 3, { expectedVersion: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
        expect(await storage.state.get('missing')).toBeUndefined();
        expect((await storage.state.put('fresh', [1, 2], { expectedVersion: 0 })).version).toBe(1);
        expect((await storage.state.get('cursor'))?.value).toBe(2);
      });

      it('lets one of two writers at the same version win', async () => {
        await storage.state.put('breakers', { open: [] });
        const other = await another();
        const results = await Promise.allSettled([
          storage.state.put('breakers', { open: ['a'] }, { expectedVersion: 1 }),
          other.state.put('breakers', { open: ['b'] }, { expectedVersion: 1 }),
        ]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
        expect((await storage.state.get('breakers'))?.version).toBe(2);
      });

      it('deletes, and refuses values that are not JSON', async () => {
        await storage.state.put('gone', { a: 1 });
        expect(await storage.state.delete('gone')).toBe(true);
        expect(await storage.state.delete('gone')).toBe(false);
        expect(await storage.state.get('gone')).toBeUndefined();
        expect((await storage.state.put('gone', null)).version).toBe(1);
        await expect(storage.state.put('bad', undefined)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
        await expect(storage.state.put('', 1)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      });
    });

    describe('text that is not valid in an id', () => {
      /** NUL (PostgreSQL refuses it in text), lone surrogates (invalid UTF-8), control characters, over-long. */
      const INVALID_IDS = ['req-\u0000', 'aws\u0000us-east-1', '\ud800', 'i-0abc\udfff', 'tab\there', 'bell\u0007', 'x'.repeat(300)];
      const acquire = 'req-00000000-0000-4000-8000-000000000001';

      it('finds nothing by such an id, whatever the lookup, and never fails', async () => {
        const [request] = await seedRequests(1);
        await storage.machines.saveMany([sampleMachine(1, request!.requestId, clock)]);
        for (const invalid of INVALID_IDS) {
          expect(await storage.requests.findById(invalid)).toBeUndefined();
          expect(await storage.requests.findByIdempotencyKey(invalid)).toBeUndefined();
          expect(await storage.requests.list({ templateId: invalid })).toEqual({ items: [], total: 0 });
          expect(await storage.requests.list({ providerInstance: invalid })).toEqual({ items: [], total: 0 });
          expect(await storage.requests.outstandingByTemplate({ templateId: invalid })).toEqual({});
          expect(await storage.requests.outstandingByTemplate({ organizationId: invalid })).toEqual({});
          expect(await storage.machines.findById(invalid)).toBeUndefined();
          expect(await storage.machines.findByProviderInstanceId(invalid)).toBeUndefined();
          expect(await storage.machines.findByProviderInstanceId(sampleMachine(1, acquire, clock).providerInstanceId, invalid)).toBeUndefined();
          expect(await storage.machines.findByRequestId(invalid)).toEqual([]);
          expect(await storage.machines.list({ requestId: invalid })).toEqual({ items: [], total: 0 });
          expect(await storage.machines.list({ providerInstance: invalid })).toEqual({ items: [], total: 0 });
          await expect(storage.work.renewLease({ requestId: invalid, workerId: 'worker-a', leaseMs: 1_000 })).rejects.toMatchObject({
            code: 'REQUEST_NOT_FOUND',
          });
          expect(await storage.work.releaseWork({ requestId: invalid, workerId: 'worker-a' })).toBe(false);
        }
      });

      it('refuses to save a request or machine with such an id, with VALIDATION_ERROR, and stores nothing of it', async () => {
        for (const invalid of INVALID_IDS) {
          for (const overrides of [{ idempotencyKey: invalid }, { providerInstance: invalid }, { providerType: invalid }, { machineIds: [invalid] }]) {
            await expect(storage.requests.save({ ...sampleRequest(1, clock), ...overrides }), JSON.stringify(overrides)).rejects.toMatchObject({
              code: 'VALIDATION_ERROR',
            });
          }
          for (const overrides of [{ providerInstanceId: invalid }, { providerInstance: invalid }, { requestId: invalid }, { returnRequestId: invalid }]) {
            await expect(
              storage.machines.saveMany([sampleMachine(2, acquire, clock), { ...sampleMachine(3, acquire, clock), ...overrides }]),
              JSON.stringify(overrides),
            ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
          }
        }
        expect((await storage.requests.list()).total).toBe(0);
        expect((await storage.machines.list()).total).toBe(0);
      });

      it('refuses such a state key with VALIDATION_ERROR', async () => {
        for (const invalid of INVALID_IDS) {
          await expect(storage.state.put(invalid, { a: 1 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
          await expect(storage.state.get(invalid)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
          await expect(storage.state.delete(invalid)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
        }
        await expect(storage.work.claimWork({ workerId: 'worker\u0000a', leaseMs: 1_000, limit: 1 })).rejects.toMatchObject({
          code: 'VALIDATION_ERROR',
        });
      });

      it('keeps free text with NUL, control characters or lone surrogates the same way on every strategy: replaced by U+FFFD', async () => {
        const saved = await storage.requests.save(
          sampleRequest(1, clock, { message: 'cloud said: a\u0000b \ud800 \u001b[31m\tline\nnext' }),
        );
        const expected = 'cloud said: a\ufffdb \ufffd \ufffd[31m\tline\nnext';
        expect(saved.message).toBe(expected);
        expect((await storage.requests.findById(saved.requestId))?.message).toBe(expected);
        expect((await (await another()).requests.findById(saved.requestId))?.message).toBe(expected);

        await storage.machines.saveMany([sampleMachine(1, saved.requestId, clock, { message: 'x\u0000', tags: { 'k\u0000': 'v\udc00' } })]);
        const [machine] = await storage.machines.findByRequestId(saved.requestId);
        expect(machine).toMatchObject({ message: 'x\ufffd', tags: { 'k\ufffd': 'v\ufffd' } });

        await storage.state.put('notes', { text: 'n\u0000' });
        expect((await storage.state.get('notes'))?.value).toEqual({ text: 'n\ufffd' });
      });
    });

    describe('work claiming', () => {
      it('claims unfinished requests oldest first, up to the limit, with a lease', async () => {
        const requests = await seedRequests(4);
        await storage.requests.save({ ...requests[0]!, status: 'complete' });
        await storage.requests.save({ ...requests[2]!, status: 'in_progress' });
        const claims = await storage.work.claimWork({ workerId: 'worker-a', leaseMs: 30_000, limit: 2 });
        expect(claims.map((claim) => claim.request.requestId)).toEqual([requests[1]!.requestId, requests[2]!.requestId]);
        expect(claims[1]!.request).toMatchObject({ status: 'in_progress', version: 2 });
        const expiresAt = new Date(clock.now().getTime() + 30_000).toISOString();
        expect(claims[0]!.lease).toEqual({ requestId: requests[1]!.requestId, workerId: 'worker-a', expiresAt });

        const rest = await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 30_000, limit: 10 });
        expect(rest.map((claim) => claim.request.requestId)).toEqual([requests[3]!.requestId]);
        expect(await storage.work.claimWork({ workerId: 'worker-c', leaseMs: 30_000, limit: 10 })).toEqual([]);
      });

      it('claims only the kinds asked for', async () => {
        await seedRequests(1);
        const returning = await storage.requests.save(
          sampleRequest(2, clock, { kind: 'return', machineIds: ['m-00000000-0000-4000-8000-000000000001'], requestedCount: 1 }),
        );
        const claims = await storage.work.claimWork({ workerId: 'returns', leaseMs: 1_000, limit: 5, kinds: ['return'] });
        expect(claims.map((claim) => claim.request.requestId)).toEqual([returning.requestId]);
      });

      it('hands an expired lease to another worker; the first then cannot renew or release', async () => {
        const [request] = await seedRequests(1);
        await storage.work.claimWork({ workerId: 'worker-a', leaseMs: 10_000, limit: 1 });
        clock.advance(9_999);
        expect(await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 10_000, limit: 1 })).toEqual([]);
        clock.advance(1);
        const taken = await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 10_000, limit: 1 });
        expect(taken.map((claim) => claim.lease.workerId)).toEqual(['worker-b']);

        await expect(
          storage.work.renewLease({ requestId: request!.requestId, workerId: 'worker-a', leaseMs: 10_000 }),
        ).rejects.toMatchObject({ code: 'CONFLICT', details: { holder: 'worker-b' } });
        expect(await storage.work.releaseWork({ requestId: request!.requestId, workerId: 'worker-a' })).toBe(false);

        clock.advance(5_000);
        const renewed = await storage.work.renewLease({ requestId: request!.requestId, workerId: 'worker-b', leaseMs: 10_000 });
        expect(renewed).toEqual({
          requestId: request!.requestId,
          workerId: 'worker-b',
          expiresAt: new Date(clock.now().getTime() + 10_000).toISOString(),
        });
        clock.advance(9_000);
        // Renewed, so still held 14 s after the claim.
        expect(await storage.work.claimWork({ workerId: 'worker-c', leaseMs: 10_000, limit: 1 })).toEqual([]);
      });

      it('makes released work claimable again, at once or after a back-off', async () => {
        const [first, second] = await seedRequests(2);
        await storage.work.claimWork({ workerId: 'worker-a', leaseMs: 60_000, limit: 2 });
        expect(await storage.work.releaseWork({ requestId: first!.requestId, workerId: 'worker-a' })).toBe(true);
        expect(
          await storage.work.releaseWork({ requestId: second!.requestId, workerId: 'worker-a', retryAfterMs: 5_000 }),
        ).toBe(true);
        const now = await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 60_000, limit: 5 });
        expect(now.map((claim) => claim.request.requestId)).toEqual([first!.requestId]);
        clock.advance(5_000);
        const later = await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 60_000, limit: 5 });
        expect(later.map((claim) => claim.request.requestId)).toEqual([second!.requestId]);
      });

      it('keeps the lease when the request is saved, without changing its version', async () => {
        const [request] = await seedRequests(1);
        const [claim] = await storage.work.claimWork({ workerId: 'worker-a', leaseMs: 60_000, limit: 1 });
        expect(claim!.request.version).toBe(request!.version);
        await storage.requests.save({ ...claim!.request, status: 'in_progress' });
        expect(await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 60_000, limit: 1 })).toEqual([]);
        await storage.work.renewLease({ requestId: request!.requestId, workerId: 'worker-a', leaseMs: 60_000 });
      });

      it('never gives finished requests out, even with a free lease', async () => {
        const [request] = await seedRequests(1);
        await storage.work.claimWork({ workerId: 'worker-a', leaseMs: 1_000, limit: 1 });
        await storage.requests.save({ ...request!, status: 'failed' });
        clock.advance(1_000);
        expect(await storage.work.claimWork({ workerId: 'worker-b', leaseMs: 1_000, limit: 1 })).toEqual([]);
      });

      it('answers REQUEST_NOT_FOUND for a lease on an unknown request and rejects bad options', async () => {
        await expect(
          storage.work.renewLease({ requestId: 'req-00000000-0000-4000-8000-0000000000ff', workerId: 'a', leaseMs: 1 }),
        ).rejects.toMatchObject({ code: 'REQUEST_NOT_FOUND' });
        expect(
          await storage.work.releaseWork({ requestId: 'req-00000000-0000-4000-8000-0000000000ff', workerId: 'a' }),
        ).toBe(false);
        await expect(storage.work.claimWork({ workerId: '', leaseMs: 1_000, limit: 1 })).rejects.toMatchObject({
          code: 'VALIDATION_ERROR',
        });
        await expect(storage.work.claimWork({ workerId: 'a', leaseMs: 0, limit: 1 })).rejects.toMatchObject({
          code: 'VALIDATION_ERROR',
        });
      });

      it('never gives one request to two workers claiming at the same time', async () => {
        const requests = await seedRequests(24);
        const workers = [storage, await another(), await another(), await another()];
        const claimed = await Promise.all(
          workers.map(async (worker, index) => {
            const mine: string[] = [];
            for (;;) {
              const claims = await worker.work.claimWork({ workerId: `worker-${index}`, leaseMs: 60_000, limit: 2 });
              if (claims.length === 0) return mine;
              mine.push(...claims.map((claim) => claim.request.requestId));
            }
          }),
        );
        const all = claimed.flat();
        expect(new Set(all).size).toBe(all.length);
        expect([...all].sort()).toEqual(requests.map((request) => request.requestId).sort());
      });
    });
  });
}
