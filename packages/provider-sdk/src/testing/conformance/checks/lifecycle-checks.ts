import { randomUUID } from 'node:crypto';
import {
  CreateInstancesResultV1Schema,
  mapInstanceState,
  OHF_TAG_KEYS,
  ReleaseRequestResultV1Schema,
  TerminateResultV1Schema,
} from '../../../index.js';
import { BATCH_MACHINES, describeAll, describeError, parse, parseInstances, settle, type CheckContext } from '../conformance-support.js';

/** Create, describe, find, release and terminate: tags, idempotency, batching and dry runs. */
export function lifecycleChecks(context: CheckContext): void {
  const { check, expect, harness, options, provider } = context;
  const { fixtures } = options;
  const { createMachines, newRequest } = context;

  check('creates tagged machines and describes them with normalized and raw states', async () => {
    const { request, result, ids } = await createMachines(2, { team: 'conformance' });
    expect(result.failures).toEqual([]);
    expect(ids).toHaveLength(2);
    const described = await describeAll(provider(), ids);
    expect(described.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    for (const instance of described) {
      expect(instance.rawState).toMatch(/\S/);
      if (fixtures.stateMap) expect(instance.state).toBe(mapInstanceState(fixtures.stateMap, instance.rawState));
      expect(['pending', 'running']).toContain(instance.state);
      expect(instance.tags).toMatchObject(request.tags);
    }
  });

  check('finds machines by tag for reconciliation (tag round trip)', async () => {
    const { request, ids } = await createMachines(2, { team: 'conformance' });
    const other = await createMachines(1);
    const found = parseInstances(
      await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId }),
      'findInstancesByTag',
    );
    expect(found.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    for (const instance of found) expect(instance.tags).toMatchObject(request.tags);
    const byTemplateAndInstance = await provider().findInstancesByTag({
      [OHF_TAG_KEYS.templateId]: fixtures.template.templateId,
      [OHF_TAG_KEYS.providerInstance]: provider().instanceName,
    });
    expect(byTemplateAndInstance.map((instance) => instance.id).sort()).toEqual([...ids, ...other.ids].sort());
  });

  check("leaves ids it does not know, in another cloud's format too, out of describe without an error", async () => {
    const { ids } = await createMachines(1);
    const foreign = [
      'i-0123456789abcdef0',
      '987654321',
      `m-${randomUUID()}`,
      `not an id ${randomUUID()}`,
      '',
    ];
    const described = parseInstances(await provider().describeInstances([...foreign, ...ids]), 'describeInstances (foreign ids)');
    expect(described.map((instance) => instance.id)).toEqual(ids);
  });

  const optional = context.optionalMember;

  check('finds machines by the name or host name describe reports (optional findInstancesByName)', async () => {
    const findByName = optional('findInstancesByName');
    if (findByName === undefined) return;
    const { ids } = await createMachines(2);
    await createMachines(1);
    const described = await describeAll(provider(), ids);
    const [first, second] = described;
    const names = [first?.hostName ?? first?.name, second?.name ?? second?.hostName].filter((name): name is string => typeof name === 'string');
    expect(names, 'a provider that finds machines by name must report name or hostName').toHaveLength(2);
    const found = parseInstances(await findByName([...names, `no-such-host-${randomUUID()}`]), 'findInstancesByName');
    expect(found.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    expect(await findByName([`no-such-host-${randomUUID()}`])).toEqual([]);
  });

  check('lists every machine carrying a tag key, whatever its value (optional findInstancesByTagKey)', async () => {
    const findByTagKey = optional('findInstancesByTagKey');
    if (findByTagKey === undefined) return;
    const first = await createMachines(2);
    const second = await createMachines(1);
    const found = parseInstances(await findByTagKey(OHF_TAG_KEYS.requestId), 'findInstancesByTagKey');
    expect(found.map((instance) => instance.id)).toEqual(expect.arrayContaining([...first.ids, ...second.ids]));
    for (const instance of found) expect(instance.tags[OHF_TAG_KEYS.requestId]).toMatch(/\S/);
    const absent = parseInstances(await findByTagKey(`conformance-absent-${randomUUID().slice(0, 8)}`), 'findInstancesByTagKey (absent key)');
    expect(absent).toEqual([]);
  });

  check('releases everything a request launched, idempotently, and nothing on a dry run (optional releaseRequestResources)', async () => {
    const release = optional('releaseRequestResources');
    if (release === undefined) return;
    const target = await createMachines(2);
    const bystander = await createMachines(1);
    const planned = parse(ReleaseRequestResultV1Schema, await release(target.request.requestId, { dryRun: true }), 'releaseRequestResources (dry run)');
    expect(planned.terminated).toEqual([]);
    for (const instance of await describeAll(provider(), target.ids)) expect(instance.state).not.toBe('terminated');

    const released = parse(ReleaseRequestResultV1Schema, await release(target.request.requestId), 'releaseRequestResources');
    expect(released.failures).toEqual([]);
    expect([...released.terminated, ...released.alreadyGone]).toEqual(expect.arrayContaining(target.ids));
    for (const instance of await describeAll(provider(), target.ids)) expect(['terminated', 'shutting_down']).toContain(instance.state);
    const [kept] = await describeAll(provider(), bystander.ids);
    expect(kept?.state).not.toBe('terminated');

    const again = parse(ReleaseRequestResultV1Schema, await release(target.request.requestId), 'releaseRequestResources (again)');
    expect(again.failures).toEqual([]);
    expect(again.terminated.filter((id) => !target.ids.includes(id))).toEqual([]);
  });

  check('never creates a second set of machines for a retried request', async () => {
    const { request, ids } = await createMachines(2);
    const retried = parse(
      CreateInstancesResultV1Schema,
      await provider().createInstances({ ...request, attempt: 2 }),
      'createInstances (retried)',
    );
    for (const instance of retried.instances) expect(ids).toContain(instance.id);
    expect(retried.failures).toEqual([]);
    const tagged = await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId });
    expect(tagged.filter((instance) => instance.state !== 'terminated').map((instance) => instance.id).sort()).toEqual([...ids].sort());
  });

  check('terminates idempotently: gone machines are success, listed in alreadyGone', async () => {
    const { ids } = await createMachines(2);
    const result = parse(TerminateResultV1Schema, await provider().terminateInstances(ids), 'terminateInstances');
    expect(result.failures).toEqual([]);
    expect([...result.terminated, ...result.alreadyGone].sort()).toEqual([...ids].sort());
    const again = parse(TerminateResultV1Schema, await provider().terminateInstances(ids), 'terminateInstances (again)');
    expect(again.failures).toEqual([]);
    expect([...again.terminated, ...again.alreadyGone].sort()).toEqual([...ids].sort());

    const { ids: more } = await createMachines(1);
    const [removed = ''] = more;
    await harness.removeOutOfBand(removed);
    const gone = parse(TerminateResultV1Schema, await provider().terminateInstances([removed]), 'terminateInstances (removed)');
    expect(gone).toMatchObject({ terminated: [], alreadyGone: [removed], failures: [] });
  });

  check('describes N machines in batches, never one call per machine', async () => {
    const { ids } = await createMachines(BATCH_MACHINES);
    expect(ids).toHaveLength(BATCH_MACHINES);
    const batchSize = provider().capabilities.describeBatchSize;
    const before = harness.callCount('describe') + harness.callCount('list');
    const described = parseInstances(await provider().describeInstances(ids), 'describeInstances');
    const calls = harness.callCount('describe') + harness.callCount('list') - before;
    expect(described.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(Math.ceil(BATCH_MACHINES / batchSize));
    if (batchSize > 1) expect(calls).toBeLessThan(BATCH_MACHINES);
  });

  check('shows machines removed out of band as terminated or absent', async () => {
    const { ids } = await createMachines(2);
    const [removed = '', kept = ''] = ids;
    await harness.removeOutOfBand(removed);
    const described = await describeAll(provider(), ids);
    const removedView = described.find((instance) => instance.id === removed);
    if (removedView) expect(removedView.state).toBe('terminated');
    expect(described.find((instance) => instance.id === kept)?.state).not.toBe('terminated');
  });

  check('never creates machines on a dry run (plans them when dry runs are supported)', async () => {
    const request = newRequest(2);
    const before = harness.callCount('create');
    const outcome = await settle(provider().createInstances(request, { dryRun: true }));
    expect(harness.callCount('create')).toBe(before);
    expect(await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId })).toEqual([]);
    if (provider().capabilities.supportsDryRun) {
      expect(outcome.ok, outcome.ok ? '' : describeError(outcome.error)).toBe(true);
      if (!outcome.ok) return;
      const result = parse(CreateInstancesResultV1Schema, outcome.value, 'createInstances (dry run)');
      expect(result.instances).toEqual([]);
      expect(result.plannedCalls?.length ?? 0).toBeGreaterThan(0);
    } else if (outcome.ok) {
      expect(outcome.value.instances).toEqual([]);
    } else {
      expect(outcome.error).toMatchObject({ code: 'API_NOT_SUPPORTED' });
    }
  });

  check('never terminates machines on a dry run', async () => {
    const { ids } = await createMachines(1);
    const before = harness.callCount('terminate');
    const outcome = await settle(provider().terminateInstances(ids, { dryRun: true }));
    if (outcome.ok) {
      const result = parse(TerminateResultV1Schema, outcome.value, 'terminateInstances (dry run)');
      expect(result.terminated).toEqual([]);
      if (provider().capabilities.supportsDryRun) expect(result.plannedCalls?.length ?? 0).toBeGreaterThan(0);
    } else {
      expect(provider().capabilities.supportsDryRun, 'a provider that supports dry runs must plan a terminate').toBe(false);
      expect(outcome.error).toMatchObject({ code: 'API_NOT_SUPPORTED' });
    }
    expect(harness.callCount('terminate')).toBe(before);
    const [machine] = await describeAll(provider(), ids);
    expect(machine?.state).not.toBe('terminated');
  });
}
