import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../create-storage.js';
import { ManualClock } from '../testing/manual-clock.js';
import { sampleMachine, sampleRequest } from '../testing/sample-records.js';
import { PREVIOUS_RELEASE_CREATED_AT, PREVIOUS_RELEASE_MACHINE, PREVIOUS_RELEASE_REQUEST, SCHEMA_THREE_MARKUP_RULES } from '../testing/previous-release.js';
import { PREVIOUS_RELEASE_STATE, runStorageContract } from '../testing/storage-contract.js';

runStorageContract('json', async ({ clock }) => {
  const directory = await mkdtemp(join(tmpdir(), 'ohf-json-'));
  const config = { strategy: 'json', json: { path: join(directory, 'work', 'request_database.json') } } as const;
  const storage = await createStorage(config, { clock });
  return {
    storage,
    reopen: () => createStorage(config, { clock }),
    previousSchema: async () => {
      // The previous release wrote schema version 2: documents without organizationId, no tenancy sections.
      const path = join(directory, 'previous', 'request_database.json');
      await mkdir(dirname(path), { recursive: true });
      const state = { kept: { value: PREVIOUS_RELEASE_STATE, version: 1, updatedAt: '2025-01-01T00:00:00.000Z' } };
      const requests = { [PREVIOUS_RELEASE_REQUEST.requestId]: PREVIOUS_RELEASE_REQUEST };
      const machines = { [PREVIOUS_RELEASE_MACHINE.machineId]: PREVIOUS_RELEASE_MACHINE };
      const catalog = { providers: {}, markupRules: {} };
      await writeFile(path, JSON.stringify({ templates: {}, requests, machines, catalog, state, leases: {}, schemaVersion: 2 }));
      return createStorage({ strategy: 'json', json: { path } }, { clock });
    },
    schemaVersionThree: async () => {
      // Schema version 3 kept every markup rule under catalog.markupRules, keyed by id alone.
      const path = join(directory, 'schema-3', 'request_database.json');
      await mkdir(dirname(path), { recursive: true });
      const markupRules = Object.fromEntries(SCHEMA_THREE_MARKUP_RULES.map((rule) => [rule.id, rule]));
      const organization = { organizationId: 'default', name: 'Default organization', quotas: {}, createdAt: PREVIOUS_RELEASE_CREATED_AT, updatedAt: PREVIOUS_RELEASE_CREATED_AT };
      const tenancy = { organizations: { default: organization }, users: {}, memberships: {}, apiKeys: {} };
      const catalog = { providers: {}, markupRules };
      await writeFile(path, JSON.stringify({ templates: {}, requests: {}, machines: {}, catalog, tenancy, state: {}, leases: {}, schemaVersion: 3 }));
      return createStorage({ strategy: 'json', json: { path } }, { clock });
    },
    dispose: async () => {
      await storage.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});

describe('json storage', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-json-'));
    path = join(directory, 'request_database.json');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps the Host Factory layout and whatever else an existing file holds', async () => {
    const templates = { 'template-a': { templateId: 'template-a', maxNumber: 10, attributes: { type: ['String', 'X86_64'] } } };
    await writeFile(path, JSON.stringify({ templates, requests: {}, machines: {}, notes: ['kept'] }));
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'json', json: { path } }, { clock });
    expect(await storage.migrate()).toEqual({ applied: [3, 4], current: 4 });
    const request = await storage.requests.save(sampleRequest(1, clock));
    await storage.machines.saveMany([sampleMachine(1, request.requestId, clock)]);

    const document = JSON.parse(await readFile(path, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(document)).toEqual(['templates', 'requests', 'machines', 'tenancy', 'notes', 'state', 'leases', 'schemaVersion']);
    expect(document['templates']).toEqual(templates);
    expect(document['notes']).toEqual(['kept']);
    expect(document['requests']![request.requestId]).toEqual(request);
    expect(Object.keys(document['machines']!)).toEqual([sampleMachine(1, request.requestId, clock).machineId]);
    expect(await readdir(directory)).toEqual(['request_database.json']);
  });

  it('reads a missing file as empty and creates it on migrate', async () => {
    const storage = await createStorage({ strategy: 'json', json: { path: join(directory, 'new', 'request_database.json') } });
    expect(await storage.requests.list()).toEqual({ items: [], total: 0 });
    await storage.migrate();
    const organization = expect.objectContaining({ organizationId: 'default', name: 'Default organization' });
    expect(JSON.parse(await readFile(join(directory, 'new', 'request_database.json'), 'utf8'))).toEqual({
      templates: {},
      requests: {},
      machines: {},
      tenancy: { organizations: { default: organization }, users: {}, memberships: {}, apiKeys: {} },
      state: {},
      leases: {},
      schemaVersion: 4,
    });
  });

  it('removes temporary files left by a process killed mid-write, and only old ones', async () => {
    await writeFile(path, JSON.stringify({ templates: {}, requests: {}, machines: {} }));
    const abandoned = `${path}.4242.0b1e4c5d-0000-4000-8000-000000000001.tmp`;
    const inFlight = `${path}.4343.0b1e4c5d-0000-4000-8000-000000000002.tmp`;
    await writeFile(abandoned, '{"requests": {');
    await writeFile(inFlight, '{"requests": {');
    const old = (Date.now() - 60_000) / 1_000;
    await utimes(abandoned, old, old);
    const storage = await createStorage({ strategy: 'json', json: { path } });
    await storage.migrate();
    expect((await readdir(directory)).sort()).toEqual(['request_database.json', basename(inFlight)].sort());
  });

  it('explains a file that is not JSON or not the database layout, and leaves it alone', async () => {
    const storage = await createStorage({ strategy: 'json', json: { path } });
    await writeFile(path, '{"requests": {');
    await expect(storage.requests.list()).rejects.toMatchObject({ message: expect.stringContaining(`${path} is not valid JSON`) });
    expect(await storage.healthCheck()).toMatchObject({ ok: false, strategy: 'json' });
    await expect(storage.state.put('a', 1)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await readFile(path, 'utf8')).toBe('{"requests": {');

    await writeFile(path, JSON.stringify({ requests: [] }));
    await expect(storage.requests.list()).rejects.toMatchObject({
      message: expect.stringContaining('does not have the request database layout: requests'),
    });
  });

  it('names the entry of a hand-edited request that no longer parses', async () => {
    const clock = new ManualClock();
    const storage = await createStorage({ strategy: 'json', json: { path } }, { clock });
    const request = await storage.requests.save(sampleRequest(1, clock));
    const document = JSON.parse(await readFile(path, 'utf8')) as { requests: Record<string, Record<string, unknown>> };
    document.requests[request.requestId]!['requestedCount'] = -3;
    await writeFile(path, JSON.stringify(document));
    await expect(storage.requests.findById(request.requestId)).rejects.toMatchObject({
      message: expect.stringContaining(`(requests.${request.requestId}) holds a request that is not valid: requestedCount`),
    });
  });

  it('waits for a lock held by another live process and fails retryably when it is not freed', async () => {
    const storage = await createStorage({ strategy: 'json', json: { path, lockTimeoutMs: 50 } });
    await writeFile(`${path}.lock`, JSON.stringify({ pid: process.pid, hostname: hostname(), token: 'other', acquiredAt: 'now' }));
    await expect(storage.state.put('a', 1)).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('Timed out') });
    await rm(`${path}.lock`);
    expect((await storage.state.put('a', 1)).version).toBe(1);
  });
});
