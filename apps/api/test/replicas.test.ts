import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresTestSchema, type PostgresTestSchema } from '@ohf/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-key-hash.js';
import { KEYS, WEB_TEMPLATE } from './api-harness.js';
import { startReplica, type ReplicaProcess } from './replica-process.js';

interface CloudFile {
  readonly instances: readonly { readonly id: string; readonly tags: Record<string, string>; readonly deletedAtMs?: number }[];
}

const DISTINCT_KEYS = 150;
const TOTAL_POSTS = 200;

/**
 * Two API processes (the built server) on one PostgreSQL schema and one fake cloud: 200
 * concurrent POST /requests spread over both, with distinct and repeated idempotency keys;
 * one process is killed with SIGKILL while it holds work. Every request must be provisioned
 * exactly once, with no duplicate machine, and the survivor must finish the dead one's work.
 */
describe('two API replicas on PostgreSQL', () => {
  let schema: PostgresTestSchema;
  let directory: string;
  const replicas: ReplicaProcess[] = [];
  const headers = { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    directory = mkdtempSync(join(tmpdir(), 'ohf-replicas-'));
    const configuration = {
      providers: {
        selection_policy: 'FIRST_AVAILABLE',
        providers: [
          // Machines stay pending for a while, so requests take several steps and the killed
          // replica is sure to hold leases on unfinished requests.
          { name: 'memory-a', type: 'memory', config: { statePath: join(directory, 'cloud.json'), autoRunAfterMs: 400 } },
        ],
      },
      storage: { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 5 } },
      api: {
        auth: { keys: [{ name: 'admin', hash: await hashApiKey(KEYS.admin), scopes: ['admin'] }] },
        workers: { concurrency: 4, poll_interval_ms: 100, lease_ms: 2_000, retry_interval_ms: 100 },
        log: { requests: false },
      },
    };
    writeFileSync(join(directory, 'config.json'), JSON.stringify(configuration));
    // maxNumber caps the template's machines alive at once: this test orders far more than 10.
    writeFileSync(join(directory, 'templates.json'), JSON.stringify({ templates: [{ ...WEB_TEMPLATE, maxNumber: -1 }] }));
    const environment = { HF_PROVIDER_CONFDIR: directory, HF_PROVIDER_WORKDIR: directory, HF_LOG_LEVEL: 'info' };
    replicas.push(...(await Promise.all([startReplica(environment), startReplica(environment)])));
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
    await schema?.drop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('provisions every request exactly once, without duplicate machines, and survives a killed replica', async () => {
    const [doomed, survivor] = replicas as [ReplicaProcess, ReplicaProcess];
    const countOf = (keyIndex: number) => 1 + (keyIndex % 3);
    const posts = Array.from({ length: TOTAL_POSTS }, (_unused, index) => {
      const keyIndex = index % DISTINCT_KEYS;
      // A repeated key goes to the other replica than the first use of it.
      const replica = replicas[(index + (index >= DISTINCT_KEYS ? 1 : 0)) % 2]!;
      return fetch(`${replica.base}/api/v1/requests`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `order-${keyIndex}` },
        body: JSON.stringify({ templateId: 'web-server', maxNumber: countOf(keyIndex) }),
      }).then(async (response) => ({ keyIndex, status: response.status, body: (await response.json()) as { request: { requestId: string } } }));
    });
    const answers = await Promise.all(posts);
    expect(answers.filter((answer) => answer.status !== 200 && answer.status !== 202)).toEqual([]);
    const requestOfKey = new Map<number, string>();
    for (const answer of answers) {
      const known = requestOfKey.get(answer.keyIndex);
      if (known === undefined) requestOfKey.set(answer.keyIndex, answer.body.request.requestId);
      else expect(answer.body.request.requestId).toBe(known);
    }
    expect(new Set(requestOfKey.values()).size).toBe(DISTINCT_KEYS);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(DISTINCT_KEYS);

    // Kill one replica while it holds leases on unfinished requests.
    const held = await leasesHeldBy(schema, doomed.child.pid!);
    expect(held).toBeGreaterThan(0);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');

    const requests = await waitForAllFinal(survivor, DISTINCT_KEYS);
    expect(requests.filter((request) => request.status !== 'complete')).toEqual([]);

    const cloud = JSON.parse(readFileSync(join(directory, 'cloud.json'), 'utf8')) as CloudFile;
    const live = cloud.instances.filter((instance) => instance.deletedAtMs === undefined);
    const perRequest = new Map<string, number>();
    for (const instance of live) {
      const requestId = instance.tags['ohf:request-id']!;
      perRequest.set(requestId, (perRequest.get(requestId) ?? 0) + 1);
    }
    for (const [keyIndex, requestId] of requestOfKey) expect(perRequest.get(requestId), requestId).toBe(countOf(keyIndex));
    const expectedMachines = [...requestOfKey.keys()].reduce((sum, keyIndex) => sum + countOf(keyIndex), 0);
    expect(live).toHaveLength(expectedMachines);

    const machines = (await (await fetch(`${survivor.base}/api/v1/machines?limit=1000`, { headers })).json()) as {
      total: number;
      items: { providerInstanceId: string; state: string }[];
    };
    expect(machines.total).toBe(expectedMachines);
    expect(new Set(machines.items.map((machine) => machine.providerInstanceId)).size).toBe(expectedMachines);
    expect(machines.items.every((machine) => machine.state === 'running')).toBe(true);

    // The survivor shuts down cleanly, also when Ctrl-C reaches it both from the terminal
    // (SIGINT) and forwarded by a parent process (SIGTERM).
    survivor.child.kill('SIGINT');
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.logs.some((line) => line.includes('shut down cleanly'))).toBe(true);
  }, 120_000);
});

async function waitForAllFinal(replica: ReplicaProcess, expected: number): Promise<{ requestId: string; status: string }[]> {
  const deadline = Date.now() + 90_000;
  let last: { requestId: string; status: string }[] = [];
  while (Date.now() < deadline) {
    const response = await fetch(`${replica.base}/api/v1/requests?limit=1000`, { headers: { authorization: `Bearer ${KEYS.admin}` } });
    last = ((await response.json()) as { items: { requestId: string; status: string }[] }).items;
    if (last.length === expected && last.every((request) => ['complete', 'partial', 'failed', 'cancelled'].includes(request.status))) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const unfinished = last.filter((request) => !['complete', 'partial', 'failed', 'cancelled'].includes(request.status));
  throw new Error(`${unfinished.length} of ${last.length} requests unfinished after 90 s; replica log tail:\n${replica.logs.slice(-20).join('\n')}`);
}

/** Waits (briefly) until the replica with this pid holds at least one live lease; returns how many. */
async function leasesHeldBy(schema: PostgresTestSchema, pid: number): Promise<number> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: schema.url });
  await client.connect();
  try {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const result = await client.query<{ held: string }>(
        `SELECT count(*) AS held FROM "${schema.schema}".requests WHERE lease_owner LIKE $1 AND lease_expires_at > $2`,
        [`%:${pid}`, Date.now()],
      );
      const held = Number(result.rows[0]!.held);
      if (held > 0 || Date.now() > deadline) return held;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await client.end();
  }
}
