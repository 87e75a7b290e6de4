import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock, isProcessAlive } from './file-lock.js';

describe('acquireFileLock', () => {
  let directory: string;
  let lockPath: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-lock-'));
    lockPath = join(directory, 'request_database.json.lock');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  /** A clock that only moves when the lock sleeps, so waiting costs no real time. */
  function virtualTime() {
    let now = Date.now();
    const sleeps: number[] = [];
    return {
      now: () => now,
      sleep: async (milliseconds: number) => {
        sleeps.push(milliseconds);
        now += milliseconds;
      },
      sleeps,
    };
  }

  it('writes its owner into the lock file and removes it on release', async () => {
    const lock = await acquireFileLock(lockPath, { timeoutMs: 1_000, staleMs: 10_000 });
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as Record<string, unknown>;
    expect(owner).toMatchObject({ pid: process.pid, hostname: hostname() });
    await lock.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('makes a second holder wait until the first releases', async () => {
    const first = await acquireFileLock(lockPath, { timeoutMs: 1_000, staleMs: 10_000 });
    let acquired = false;
    const time = virtualTime();
    const second = acquireFileLock(lockPath, {
      timeoutMs: 60_000,
      staleMs: 10_000,
      now: time.now,
      sleep: async (milliseconds) => {
        await time.sleep(milliseconds);
        // Let the first holder go after the second has waited three times.
        if (time.sleeps.length === 3) await first.release();
      },
    }).then((lock) => {
      acquired = true;
      return lock;
    });
    const lock = await second;
    expect(acquired).toBe(true);
    expect(time.sleeps).toHaveLength(3);
    await lock.release();
  });

  it('times out with a retryable error naming the holder', async () => {
    const held = await acquireFileLock(lockPath, { timeoutMs: 1_000, staleMs: 10_000 });
    const time = virtualTime();
    await expect(
      acquireFileLock(lockPath, { timeoutMs: 2_000, staleMs: 1_000_000, now: time.now, sleep: time.sleep }),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      retryable: true,
      message: expect.stringContaining(`held by process ${process.pid}`),
    });
    expect(time.sleeps.length).toBeGreaterThan(3);
    // The waiter never touched a lock that is not its own.
    await held.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('breaks at once a lock whose process on this host has exited', async () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(exited.stdout);
    expect(isProcessAlive(deadPid)).toBe(false);
    await writeFile(
      lockPath,
      JSON.stringify({ pid: deadPid, hostname: hostname(), token: 'crashed', acquiredAt: new Date().toISOString() }),
    );
    const time = virtualTime();
    const lock = await acquireFileLock(lockPath, { timeoutMs: 1_000, staleMs: 600_000, now: time.now, sleep: time.sleep });
    expect(time.sleeps).toEqual([]);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('breaks a lock from another host once it is older than staleMs, not before', async () => {
    const foreign = JSON.stringify({ pid: 1, hostname: 'another-host', token: 'far', acquiredAt: new Date().toISOString() });
    await writeFile(lockPath, foreign);
    const time = virtualTime();
    const fresh = Date.now() / 1_000;
    await utimes(lockPath, fresh, fresh);
    await expect(
      acquireFileLock(lockPath, { timeoutMs: 500, staleMs: 5_000, now: time.now, sleep: time.sleep }),
    ).rejects.toMatchObject({ retryable: true });
    expect(await readFile(lockPath, 'utf8')).toBe(foreign);

    const old = (Date.now() - 6_000) / 1_000;
    await utimes(lockPath, old, old);
    const lock = await acquireFileLock(lockPath, { timeoutMs: 500, staleMs: 5_000 });
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('does not remove a lock that was taken over after it went stale', async () => {
    const lock = await acquireFileLock(lockPath, { timeoutMs: 1_000, staleMs: 10_000 });
    const successor = JSON.stringify({ pid: process.pid, hostname: hostname(), token: 'successor', acquiredAt: 'now' });
    await writeFile(lockPath, successor);
    await lock.release();
    expect(await readFile(lockPath, 'utf8')).toBe(successor);
  });

  it('treats a process that exists as alive', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });
});
