import { DEFAULT_ORGANIZATION_ID, type MachineRequest, type Page, type RequestListFilter, type RequestRepository, type SaveOptions } from '@ohf/domain-core';
import { eventRows } from '../internal/audit-query.js';
import { checkRequest, readRequest } from '../internal/documents.js';
import { requestQuery } from '../internal/list-filters.js';
import { conflictError } from '../internal/storage-errors.js';
import { appendJsonEvents } from './json-audit-log.js';
import type { JsonDatabaseFile } from './json-database-file.js';
import { entriesOldestFirst, pageOf, storedVersion, textField, type RawEntry } from './json-documents.js';

export function parseRequestEntry(entry: RawEntry, file: JsonDatabaseFile): MachineRequest {
  return readRequest(entry.document, storedVersion(entry.document), `${file.path} (requests.${entry.id})`);
}

export class JsonRequestRepository implements RequestRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async save(request: MachineRequest, options: SaveOptions = {}): Promise<MachineRequest> {
    const checked = checkRequest(request);
    const events = eventRows(options.events ?? []);
    const saved: MachineRequest = { ...checked, version: checked.version + 1 };
    return this.file.update((database) => {
      const stored = database.requests[saved.requestId];
      const current = stored === undefined ? undefined : storedVersion(stored);
      if (current !== (checked.version === 0 ? undefined : checked.version)) {
        throw conflictError(
          current === undefined
            ? `Request ${saved.requestId} was not saved: it is not stored at version ${checked.version}. Read it again before saving.`
            : `Request ${saved.requestId} was not saved: it changed since it was read (version ${checked.version}, stored ${current}). Read it again before saving.`,
          { requestId: saved.requestId, expectedVersion: checked.version, storedVersion: current ?? null },
        );
      }
      if (saved.idempotencyKey !== undefined) {
        const owner = Object.entries(database.requests).find(
          ([requestId, document]) =>
            requestId !== saved.requestId && textField(document, 'idempotencyKey') === saved.idempotencyKey,
        );
        if (owner) {
          throw conflictError(
            `Request ${saved.requestId} was not saved: idempotency key ${JSON.stringify(saved.idempotencyKey)} already belongs to request ${owner[0]}.`,
            { requestId: saved.requestId, idempotencyKey: saved.idempotencyKey, existingRequestId: owner[0] },
          );
        }
      }
      database.requests[saved.requestId] = saved;
      // Throws (and nothing is written) when an event cannot be stored.
      appendJsonEvents(database, events);
      return { result: saved, changed: true };
    });
  }

  async findById(requestId: string): Promise<MachineRequest | undefined> {
    const document = (await this.file.snapshot()).requests[requestId];
    return document === undefined ? undefined : parseRequestEntry({ id: requestId, document }, this.file);
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined> {
    const database = await this.file.snapshot();
    const entry = Object.entries(database.requests).find(
      ([, document]) => textField(document, 'idempotencyKey') === idempotencyKey,
    );
    return entry && parseRequestEntry({ id: entry[0], document: entry[1] }, this.file);
  }

  async list(filter?: RequestListFilter): Promise<Page<MachineRequest>> {
    const query = requestQuery(filter);
    const statuses = query.statuses && new Set<string>(query.statuses);
    const matching = entriesOldestFirst(
      (await this.file.snapshot()).requests,
      (document) =>
        (query.organizationId === undefined || (textField(document, 'organizationId') ?? DEFAULT_ORGANIZATION_ID) === query.organizationId) &&
        (query.kind === undefined || textField(document, 'kind') === query.kind) &&
        (statuses === undefined || statuses.has(textField(document, 'status') ?? '')) &&
        (query.templateId === undefined || textField(document, 'templateId') === query.templateId) &&
        (query.providerInstance === undefined || textField(document, 'providerInstance') === query.providerInstance),
    );
    return {
      items: pageOf(matching, query.offset, query.limit).map((entry) => parseRequestEntry(entry, this.file)),
      total: matching.length,
    };
  }
}
