import type { MachineRequest, Page, RequestListFilter, RequestRepository } from '@ohf/domain-core';
import { checkRequest, readRequest } from '../internal/documents.js';
import { requestQuery } from '../internal/list-filters.js';
import { conflictError } from '../internal/storage-errors.js';
import { compareByCreation } from '../internal/work-options.js';
import type { JsonDatabase, JsonDatabaseFile } from './json-database-file.js';

export function storedVersion(document: unknown): number {
  const version = (document as { version?: unknown } | undefined)?.version;
  return typeof version === 'number' ? version : 0;
}

export function requestsOf(database: JsonDatabase, file: JsonDatabaseFile): MachineRequest[] {
  return Object.entries(database.requests).map(([requestId, document]) =>
    readRequest(document, storedVersion(document), `${file.path} (requests.${requestId})`),
  );
}

export class JsonRequestRepository implements RequestRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async save(request: MachineRequest): Promise<MachineRequest> {
    const checked = checkRequest(request);
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
            requestId !== saved.requestId &&
            (document as { idempotencyKey?: unknown } | undefined)?.idempotencyKey === saved.idempotencyKey,
        );
        if (owner) {
          throw conflictError(
            `Request ${saved.requestId} was not saved: idempotency key ${JSON.stringify(saved.idempotencyKey)} already belongs to request ${owner[0]}.`,
            { requestId: saved.requestId, idempotencyKey: saved.idempotencyKey, existingRequestId: owner[0] },
          );
        }
      }
      database.requests[saved.requestId] = saved;
      return { result: saved, changed: true };
    });
  }

  async findById(requestId: string): Promise<MachineRequest | undefined> {
    const database = await this.file.read();
    const document = database.requests[requestId];
    return document === undefined
      ? undefined
      : readRequest(document, storedVersion(document), `${this.file.path} (requests.${requestId})`);
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined> {
    const database = await this.file.read();
    const entry = Object.entries(database.requests).find(
      ([, document]) => (document as { idempotencyKey?: unknown } | undefined)?.idempotencyKey === idempotencyKey,
    );
    return entry && readRequest(entry[1], storedVersion(entry[1]), `${this.file.path} (requests.${entry[0]})`);
  }

  async list(filter?: RequestListFilter): Promise<Page<MachineRequest>> {
    const query = requestQuery(filter);
    const statuses = query.statuses && new Set(query.statuses);
    const matching = requestsOf(await this.file.read(), this.file)
      .filter(
        (request) =>
          (query.kind === undefined || request.kind === query.kind) &&
          (statuses === undefined || statuses.has(request.status)) &&
          (query.templateId === undefined || request.templateId === query.templateId) &&
          (query.providerInstance === undefined || request.providerInstance === query.providerInstance),
      )
      .sort((a, b) => compareByCreation(a.createdAt, a.requestId, b.createdAt, b.requestId));
    const end = query.limit === undefined ? undefined : query.offset + query.limit;
    return { items: matching.slice(query.offset, end), total: matching.length };
  }
}
