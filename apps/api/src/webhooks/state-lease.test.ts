import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type Storage } from '@ohf/persistence';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateLease } from './state-lease.js';

let directory: string;
let storage: Storage;
beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ohf-lease-'));
  storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } });
  await storage.migrate();
});
afterEach(async () => {
  await storage.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('a lease in the state store', () => {
  it('has one holder at a time, even when two ask at once', async () => {
    const first = new StateLease(storage.state, 'lease', 'replica-a', 10_000);
    const second = new StateLease(storage.state, 'lease', 'replica-b', 10_000);
    const now = Date.now();
    const [a, b] = await Promise.all([first.hold(now), second.hold(now)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await first.hold(now + 1_000)).toBe(a);
    expect(await second.hold(now + 1_000)).toBe(b);
  });

  it('passes to another holder once it expires, and at once when released', async () => {
    const first = new StateLease(storage.state, 'lease', 'replica-a', 1_000);
    const second = new StateLease(storage.state, 'lease', 'replica-b', 1_000);
    const now = Date.now();
    expect(await first.hold(now)).toBe(true);
    expect(await second.hold(now + 500)).toBe(false);
    expect(await second.hold(now + 1_500)).toBe(true);
    expect(await first.hold(now + 1_600)).toBe(false);
    await second.release();
    expect(await first.hold(now + 1_700)).toBe(true);
  });

  it('is renewed by its holder before it expires', async () => {
    const holder = new StateLease(storage.state, 'lease', 'replica-a', 1_000);
    const other = new StateLease(storage.state, 'lease', 'replica-b', 1_000);
    const now = Date.now();
    expect(await holder.hold(now)).toBe(true);
    expect(await holder.hold(now + 800)).toBe(true);
    expect(await other.hold(now + 1_200)).toBe(false);
  });
});
