import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { StorageError } from '@ohf/domain-core';
import { z } from 'zod';

export interface FileLockOptions {
  /** How long to wait for a lock another process holds. */
  readonly timeoutMs: number;
  /** A lock file older than this is taken to be left behind by a crashed process. */
  readonly staleMs: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly now?: () => number;
  readonly isProcessAlive?: (pid: number) => boolean;
}

export interface FileLock {
  /** Removes the lock file if it is still ours (it is not when it was broken as stale). */
  release(): Promise<void>;
}

const LockOwnerSchema = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  token: z.string(),
  acquiredAt: z.string(),
});
type LockOwner = z.infer<typeof LockOwnerSchema>;

interface Holder {
  readonly text: string;
  readonly owner?: LockOwner;
  readonly modifiedAtMs: number;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * A lock shared by processes: whoever creates `lockPath` exclusively (O_CREAT|O_EXCL) holds it.
 * The file names its owner (pid, host, token), so a lock left by a crashed process on this
 * host is broken at once and one from another host once it is older than `staleMs`.
 */
export async function acquireFileLock(lockPath: string, options: FileLockOptions): Promise<FileLock> {
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds));
  const now = options.now ?? Date.now;
  const alive = options.isProcessAlive ?? isProcessAlive;
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), token: randomUUID(), acquiredAt: new Date(now()).toISOString() };
  const text = JSON.stringify(owner);
  const started = now();
  let wait = 2;
  for (;;) {
    if (await tryCreate(lockPath, text)) return { release: () => release(lockPath, text) };
    const holder = await inspect(lockPath);
    if (holder === undefined) continue;
    if (isStale(holder, options.staleMs, now(), alive)) {
      await breakLock(lockPath, holder, owner.token);
      continue;
    }
    if (now() - started >= options.timeoutMs) {
      const by = holder.owner ? ` held by process ${holder.owner.pid} on ${holder.owner.hostname} since ${holder.owner.acquiredAt}` : '';
      throw new StorageError(
        `Timed out after ${options.timeoutMs} ms waiting for the lock ${lockPath}${by}. If no such process is running, delete the lock file.`,
        { retryable: true, details: { lockPath, holder: holder.owner ?? null } },
      );
    }
    // Jitter keeps several waiting processes from retrying in lock step.
    await sleep(wait + Math.floor(Math.random() * wait));
    wait = Math.min(wait * 2, 50);
  }
}

async function tryCreate(lockPath: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new StorageError(`Cannot create the lock file ${lockPath}: ${(error as Error).message}`, {
      cause: error,
      details: { lockPath },
    });
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

async function inspect(lockPath: string): Promise<Holder | undefined> {
  try {
    const [text, stats] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    let owner: LockOwner | undefined;
    try {
      const parsed = LockOwnerSchema.safeParse(JSON.parse(text));
      if (parsed.success) owner = parsed.data;
    } catch {
      // A lock being written right now is empty for an instant; its age still tells.
    }
    return { text, modifiedAtMs: stats.mtimeMs, ...(owner ? { owner } : {}) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(holder: Holder, staleMs: number, now: number, alive: (pid: number) => boolean): boolean {
  if (holder.owner && holder.owner.hostname === hostname() && !alive(holder.owner.pid)) return true;
  return now - holder.modifiedAtMs > staleMs;
}

/**
 * Moves the stale lock aside (rename is atomic, so of several processes breaking it only one
 * succeeds), then checks that what it moved is the lock it judged stale. If a new owner had
 * taken the lock in between, it is put back.
 */
async function breakLock(lockPath: string, holder: Holder, token: string): Promise<void> {
  const aside = `${lockPath}.${token}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  try {
    const moved = await readFile(aside, 'utf8');
    if (moved !== holder.text) {
      await link(aside, lockPath).catch(() => undefined);
    }
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

async function release(lockPath: string, text: string): Promise<void> {
  try {
    if ((await readFile(lockPath, 'utf8')) === text) await unlink(lockPath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
