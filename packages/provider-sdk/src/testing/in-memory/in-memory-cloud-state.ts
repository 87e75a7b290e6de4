import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const InMemoryFailureKindSchema = z.enum(['capacity', 'quota', 'rate_limit', 'server_error', 'unauthorized', 'forbidden']);
/** How the fake cloud can fail a call. */
export type InMemoryFailureKind = z.infer<typeof InMemoryFailureKindSchema>;

export const StoredInstanceSchema = z.object({
  id: z.string(),
  nativeState: z.string(),
  name: z.string(),
  instanceType: z.string(),
  location: z.string(),
  imageId: z.string().optional(),
  lifecycle: z.enum(['ondemand', 'spot']),
  tags: z.record(z.string(), z.string()),
  createdAtMs: z.number(),
  privateIpAddress: z.string(),
  publicIpAddress: z.string(),
  clientToken: z.string().optional(),
  deletedAtMs: z.number().optional(),
});
/** One machine as the fake cloud stores it. */
export type StoredInstance = z.infer<typeof StoredInstanceSchema>;

const PendingFaultSchema = z.object({
  kind: InMemoryFailureKindSchema,
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** Only calls of this operation fail; any operation when absent. */
  operation: z.enum(['create', 'describe', 'terminate', 'list']).optional(),
});
export type PendingFault = z.infer<typeof PendingFaultSchema>;

const CallCountsSchema = z.object({
  create: z.number().int(),
  describe: z.number().int(),
  terminate: z.number().int(),
  list: z.number().int(),
});

export const CloudStateSchema = z.object({
  version: z.literal(1),
  sequence: z.number().int().nonnegative(),
  instances: z.array(StoredInstanceSchema),
  /** Idempotency: the instance ids each client token created. */
  clientTokens: z.record(z.string(), z.array(z.string())),
  /** Most live machines the cloud holds; null = unlimited. */
  capacity: z.number().int().nonnegative().nullable(),
  pendingFaults: z.array(PendingFaultSchema),
  /** Counts down creates until the provider process is killed right after one (null = never). */
  createsUntilCrash: z.number().int().positive().nullable(),
  unhealthy: z.boolean(),
  calls: CallCountsSchema,
  /** The fault settings last installed, so restarting a process does not re-arm them. */
  installedFaults: z.string().nullable(),
});
export type CloudState = z.infer<typeof CloudStateSchema>;

export function emptyCloudState(): CloudState {
  return {
    version: 1,
    sequence: 0,
    instances: [],
    clientTokens: {},
    capacity: null,
    pendingFaults: [],
    createsUntilCrash: null,
    unhealthy: false,
    calls: { create: 0, describe: 0, terminate: 0, list: 0 },
    installedFaults: null,
  };
}

/** Where the fake cloud keeps its state: in this process, or in a JSON file shared by processes. */
export interface CloudStateStore {
  transaction<T>(change: (state: CloudState) => T): T;
}

export function memoryStateStore(): CloudStateStore {
  const state = emptyCloudState();
  return { transaction: (change) => change(state) };
}

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5;
const LOCK_TIMEOUT_MS = 15_000;

/**
 * A JSON file, read and rewritten atomically (temp file + rename) under a lock directory, so
 * CLI processes started one after the other (or side by side) see one fake cloud.
 */
export function fileStateStore(path: string): CloudStateStore {
  const lockPath = `${path}.lock`;
  return {
    transaction(change) {
      mkdirSync(dirname(path), { recursive: true });
      acquireLock(lockPath);
      try {
        const state = readState(path);
        const result = change(state);
        const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
        renameSync(temporary, path);
        return result;
      } finally {
        rmSync(lockPath, { recursive: true, force: true });
      }
    },
  };
}

function readState(path: string): CloudState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCloudState();
    throw error;
  }
  const parsed = CloudStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`In-memory provider state file ${path} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

function acquireLock(lockPath: string): void {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A holder killed mid-transaction (a simulated crash) leaves its lock behind.
    try {
      if (Date.now() - statSync(lockPath).mtimeMs > LOCK_STALE_MS) rmSync(lockPath, { recursive: true, force: true });
    } catch {
      // Released meanwhile.
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the in-memory provider state lock ${lockPath}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_WAIT_MS);
  }
}
