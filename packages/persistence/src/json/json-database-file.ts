import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StorageError } from '@ohf/domain-core';
import { z } from 'zod';
import { asStorageError } from '../internal/storage-errors.js';
import type { JsonStorageConfig } from '../storage-config.js';
import { writeFileAtomically } from './atomic-write.js';
import { acquireFileLock, type FileLockOptions } from './file-lock.js';

export const JSON_SCHEMA_VERSION = 4;

const StateEntrySchema = z.object({
  value: z.unknown(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
});

const LeaseSchema = z.object({
  /** null after a release with a back-off: nobody holds it, but it is not claimable yet. */
  workerId: z.string().nullable(),
  expiresAt: z.string(),
});

const EntriesSchema = z.record(z.string(), z.unknown()).default({});

/** One provider instance's stored catalog: entries keyed by their own id, parsed through the domain schemas on read. */
const ProviderCatalogEntrySchema = z.object({
  syncedAt: z.string(),
  plans: EntriesSchema,
  regions: EntriesSchema,
  images: EntriesSchema,
  apps: EntriesSchema,
});

/**
 * Present once a catalog was synced or a markup rule saved (schema version 2). `markupRules`
 * holds the platform's rules keyed by id; `organizationMarkupRules` (schema version 4, present
 * once an organization saved one) each organization's, keyed by organization id and then rule id:
 * a rule id is unique per owner only.
 */
const CatalogSectionSchema = z.object({
  providers: z.record(z.string(), ProviderCatalogEntrySchema).default({}),
  markupRules: EntriesSchema,
  organizationMarkupRules: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** Organizations, users, memberships (keyed `<organizationId>/<userId>`) and API keys, each parsed on read (schema version 3). */
const TenancySectionSchema = z.object({
  organizations: EntriesSchema,
  users: EntriesSchema,
  memberships: EntriesSchema,
  apiKeys: EntriesSchema,
});

/** The audit trail: events oldest first, each with its sequence, and the last sequence handed out. */
const AuditSectionSchema = z.object({
  lastSequence: z.number().int().nonnegative().default(0),
  events: z.array(z.unknown()).default([]),
});

const WebhookSectionSchema = z.object({
  webhooks: EntriesSchema,
  deliveries: EntriesSchema,
});

/**
 * `request_database.json`: `templates`, `requests` and `machines` as Host Factory keeps them
 * (objects keyed by id), plus what this product adds (`state`, `leases`, `catalog`, `schemaVersion`).
 * Keys it does not know are kept as they are.
 */
export const JsonDatabaseSchema = z.looseObject({
  schemaVersion: z.number().int().nonnegative().default(0),
  templates: z.unknown().default({}),
  requests: z.record(z.string(), z.unknown()).default({}),
  machines: z.record(z.string(), z.unknown()).default({}),
  state: z.record(z.string(), StateEntrySchema).default({}),
  leases: z.record(z.string(), LeaseSchema).default({}),
  catalog: CatalogSectionSchema.optional(),
  tenancy: TenancySectionSchema.optional(),
  providerInstances: z.record(z.string(), z.unknown()).optional(),
  audit: AuditSectionSchema.optional(),
  webhooks: WebhookSectionSchema.optional(),
});
export type JsonDatabase = z.infer<typeof JsonDatabaseSchema>;
export type JsonStateEntry = z.infer<typeof StateEntrySchema>;
export type JsonCatalogSection = z.infer<typeof CatalogSectionSchema>;
export type JsonProviderCatalog = z.infer<typeof ProviderCatalogEntrySchema>;
export type JsonTenancySection = z.infer<typeof TenancySectionSchema>;
export type JsonAuditSection = z.infer<typeof AuditSectionSchema>;
export type JsonWebhookSection = z.infer<typeof WebhookSectionSchema>;

export function tenancySection(database: JsonDatabase): JsonTenancySection {
  database.tenancy ??= { organizations: {}, users: {}, memberships: {}, apiKeys: {} };
  return database.tenancy;
}

export function auditSection(database: JsonDatabase): JsonAuditSection {
  database.audit ??= { lastSequence: 0, events: [] };
  return database.audit;
}

export function webhookSection(database: JsonDatabase): JsonWebhookSection {
  database.webhooks ??= { webhooks: {}, deliveries: {} };
  return database.webhooks;
}

export interface Change<Result> {
  readonly result: Result;
  /** False when nothing changed, so the file is not rewritten. */
  readonly changed: boolean;
}

/**
 * The file and its lock. Reads need no lock (writes replace the file atomically, so a reader
 * always sees one whole version); every read-modify-write holds the lock from read to rename.
 */
export class JsonDatabaseFile {
  readonly lockPath: string;
  #queue: Promise<unknown> = Promise.resolve();
  #cache: { readonly identity: string; readonly database: JsonDatabase } | undefined;

  constructor(
    readonly config: JsonStorageConfig,
    private readonly lockOptions: Partial<FileLockOptions> = {},
  ) {
    this.lockPath = `${config.path}.lock`;
  }

  get path(): string {
    return this.config.path;
  }

  /**
   * The current content, for reading only (never change it: it is shared between reads).
   * Parsed again only when the file changed: every write replaces the file, so its identity
   * (inode, size, modification time) tells whether the cached parse is still the content.
   */
  async snapshot(): Promise<JsonDatabase> {
    const { database, identity } = await this.#load();
    if (identity !== undefined) this.#cache = { identity, database };
    return database;
  }

  /** A private copy, read from disk: the starting point of a change made under the lock. */
  async #readForChange(): Promise<JsonDatabase> {
    return (await this.#load(false)).database;
  }

  async #load(useCache = true): Promise<{ database: JsonDatabase; identity?: string }> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { database: JsonDatabaseSchema.parse({}) };
      throw new StorageError(`Cannot read ${this.path}: ${(error as Error).message}`, { cause: error, details: { path: this.path } });
    }
    let text: string;
    let identity: string;
    try {
      // Stat and read through one handle, so the identity belongs to the content read.
      const stats = await handle.stat({ bigint: true });
      identity = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
      if (useCache && this.#cache?.identity === identity) return this.#cache;
      text = await handle.readFile('utf8');
    } catch (error) {
      throw new StorageError(`Cannot read ${this.path}: ${(error as Error).message}`, { cause: error, details: { path: this.path } });
    } finally {
      await handle.close();
    }
    return { database: this.#parse(text), identity };
  }

  #parse(text: string): JsonDatabase {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new StorageError(`${this.path} is not valid JSON (${(error as Error).message}); restore it from a backup or fix it by hand.`, {
        cause: error,
        details: { path: this.path },
      });
    }
    const parsed = JsonDatabaseSchema.safeParse(document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StorageError(`${this.path} does not have the request database layout: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
        details: { path: this.path },
      });
    }
    return parsed.data;
  }

  /**
   * Read, change and write back under the lock. Operations of this process queue here first,
   * so they do not poll the lock file against each other.
   */
  update<Result>(change: (database: JsonDatabase) => Change<Result>): Promise<Result> {
    const run = this.#queue.then(() => this.#locked(change));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(database: JsonDatabase): Promise<void> {
    // Host Factory's own sections first, as in the files it writes.
    const { templates, requests, machines, state, leases, schemaVersion, ...others } = database;
    const ordered = {
      templates,
      requests,
      machines,
      ...others,
      state,
      leases,
      schemaVersion: Math.max(schemaVersion, JSON_SCHEMA_VERSION),
    };
    try {
      await writeFileAtomically(this.path, `${JSON.stringify(ordered, null, 2)}\n`);
    } catch (error) {
      throw asStorageError(`Cannot write ${this.path}`, error);
    }
  }

  async #locked<Result>(change: (database: JsonDatabase) => Change<Result>): Promise<Result> {
    await mkdir(dirname(this.path), { recursive: true });
    const lock = await acquireFileLock(this.lockPath, {
      timeoutMs: this.config.lockTimeoutMs,
      staleMs: this.config.lockStaleMs,
      ...this.lockOptions,
    });
    try {
      const database = await this.#readForChange();
      const { result, changed } = change(database);
      if (changed) await this.#write(database);
      return result;
    } finally {
      await lock.release();
    }
  }
}
