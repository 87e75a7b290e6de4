/**
 * One of several processes sharing a storage (run by processes.test.ts after bundling):
 * creates requests, races the others on shared idempotency keys, increments a shared counter
 * with optimistic concurrency, then claims work until none is left. Prints what it did as JSON.
 */
import { OhfError } from '@ohf/domain-core';
import { createStorage } from '../create-storage.js';
import type { StorageConfigInput } from '../storage-config.js';
import { sampleRequest } from '../testing/sample-records.js';

interface WorkerInput {
  readonly config: StorageConfigInput;
  readonly index: number;
  readonly requests: number;
  readonly sharedKeys: number;
  readonly increments: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
const clock = { now: () => new Date() };
const storage = await createStorage(input.config, { clock });
await storage.migrate();

const created: string[] = [];
for (let offset = 0; offset < input.requests; offset += 1) {
  const request = sampleRequest(input.index * 10_000 + offset + 1, clock);
  created.push((await storage.requests.save(request)).requestId);
}

const keyOwners: Record<string, string> = {};
for (let key = 0; key < input.sharedKeys; key += 1) {
  const idempotencyKey = `shared-${key}`;
  const request = sampleRequest(input.index * 10_000 + 5_000 + key, clock, { idempotencyKey });
  try {
    keyOwners[idempotencyKey] = (await storage.requests.save(request)).requestId;
  } catch (error) {
    if (!(OhfError.isInstance(error) && error.code === 'CONFLICT')) throw error;
    // The documented answer to CONFLICT on create: the other request with this key stands.
    const existing = await storage.requests.findByIdempotencyKey(idempotencyKey);
    if (existing === undefined) throw new Error(`CONFLICT for ${idempotencyKey} but no request holds it`);
    keyOwners[idempotencyKey] = existing.requestId;
  }
}

let conflicts = 0;
for (let increment = 0; increment < input.increments; increment += 1) {
  for (;;) {
    const current = await storage.state.get('counter');
    try {
      await storage.state.put('counter', ((current?.value as number | undefined) ?? 0) + 1, {
        expectedVersion: current?.version ?? 0,
      });
      break;
    } catch (error) {
      if (!(OhfError.isInstance(error) && error.code === 'CONFLICT')) throw error;
      conflicts += 1;
    }
  }
}

const claimed: string[] = [];
for (;;) {
  const claims = await storage.work.claimWork({ workerId: `worker-${input.index}`, leaseMs: 600_000, limit: 3 });
  if (claims.length === 0) break;
  claimed.push(...claims.map((claim) => claim.request.requestId));
}

await storage.close();
process.stdout.write(JSON.stringify({ created, keyOwners, claimed, conflicts }));
