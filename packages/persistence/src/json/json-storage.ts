import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DEFAULT_ORGANIZATION_ID, systemClock, type Clock } from '@ohf/domain-core';
import type { MigrationResult, Storage, StorageHealth } from '../storage.js';
import type { JsonStorageConfig } from '../storage-config.js';
import type { FileLockOptions } from './file-lock.js';
import { JsonAuditLog } from './json-audit-log.js';
import { JsonCatalogRepository } from './json-catalog-repository.js';
import { JSON_SCHEMA_VERSION, JsonDatabaseFile, tenancySection, type JsonDatabase } from './json-database-file.js';
import { textField } from './json-documents.js';
import { JsonMachineRepository } from './json-machine-repository.js';
import { JsonRequestRepository } from './json-request-repository.js';
import { JsonProviderInstanceRepository } from './json-provider-instance-repository.js';
import { JsonStateStore } from './json-state-store.js';
import { JsonTenancyRepository } from './json-tenancy-repository.js';
import { JsonWebhookRepository } from './json-webhook-repository.js';
import { JsonWorkQueue } from './json-work-queue.js';

export async function openJsonStorage(
  config: JsonStorageConfig,
  options: { clock?: Clock; lock?: Partial<FileLockOptions> } = {},
): Promise<Storage> {
  const clock = options.clock ?? systemClock;
  const file = new JsonDatabaseFile(config, options.lock);
  return {
    strategy: 'json',
    requests: new JsonRequestRepository(file),
    machines: new JsonMachineRepository(file),
    state: new JsonStateStore(file, clock),
    work: new JsonWorkQueue(file, clock),
    catalog: new JsonCatalogRepository(file),
    tenancy: new JsonTenancyRepository(file),
    providerInstances: new JsonProviderInstanceRepository(file),
    events: new JsonAuditLog(file),
    webhooks: new JsonWebhookRepository(file),
    migrate: () => migrate(file, clock),
    healthCheck: () => healthCheck(file),
    // Nothing stays open between operations: every one opens, locks and closes the file.
    close: async () => undefined,
  };
}

/** Creates the file, or adds the sections an older file lacks; Host Factory's own sections are kept as they are. */
async function migrate(file: JsonDatabaseFile, clock: Clock): Promise<MigrationResult> {
  await removeAbandonedTemporaryFiles(file);
  return file.update((database) => {
    // A missing file reads as version 0, so the first migrate() writes it.
    const from = database.schemaVersion;
    const applied = JSON_UPGRADES.filter((version) => version > from);
    if (from < 3) {
      // Everything stored before organizations existed belongs to the default organization
      // (documents without an organizationId read as its).
      const now = clock.now().toISOString();
      tenancySection(database).organizations[DEFAULT_ORGANIZATION_ID] ??= {
        organizationId: DEFAULT_ORGANIZATION_ID,
        name: 'Default organization',
        quotas: {},
        createdAt: now,
        updatedAt: now,
      };
    }
    if (from < 4) moveOrganizationMarkupRules(database);
    return { result: { applied, current: Math.max(from, JSON_SCHEMA_VERSION) }, changed: applied.length > 0 };
  });
}

/**
 * The schema versions that change a file's content when it is upgraded (the sections of the
 * others are added when first written), as `migrate()` reports them.
 */
const JSON_UPGRADES: readonly number[] = [3, 4];

/**
 * Version 4 keys a markup rule by its owner and id: the rules of organizations leave
 * `catalog.markupRules` (keyed by id alone until then) for `catalog.organizationMarkupRules`.
 */
function moveOrganizationMarkupRules(database: JsonDatabase): void {
  const catalog = database.catalog;
  if (catalog === undefined) return;
  for (const [ruleId, rule] of Object.entries(catalog.markupRules)) {
    const organizationId = textField(rule, 'organizationId');
    if (organizationId === undefined) continue;
    catalog.organizationMarkupRules ??= {};
    (catalog.organizationMarkupRules[organizationId] ??= {})[ruleId] = rule;
    delete catalog.markupRules[ruleId];
  }
}

/**
 * A process killed between writing its temporary file and renaming it leaves the temporary
 * file behind (the database itself is intact). Writes take milliseconds, so one older than
 * the stale-lock age belongs to nobody.
 */
async function removeAbandonedTemporaryFiles(file: JsonDatabaseFile): Promise<void> {
  const directory = dirname(file.path);
  const prefix = `${basename(file.path)}.`;
  const names = await readdir(directory).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(directory, name);
    const stats = await stat(path).catch(() => undefined);
    if (stats && now - stats.mtimeMs > file.config.lockStaleMs) await unlink(path).catch(() => undefined);
  }
}

async function healthCheck(file: JsonDatabaseFile): Promise<StorageHealth> {
  const started = performance.now();
  try {
    const database = await file.snapshot();
    const counts = `${Object.keys(database.requests).length} requests, ${Object.keys(database.machines).length} machines`;
    return { ok: true, strategy: 'json', latencyMs: performance.now() - started, detail: `${file.path} (${counts})` };
  } catch (error) {
    return {
      ok: false,
      strategy: 'json',
      latencyMs: performance.now() - started,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
