import {
  BusinessRuleError,
  MachineRequestSchema,
  type MachineRequest,
  type Page,
  type RequestListFilter,
  type RequestRepository,
  type SaveOptions,
} from '@ohf/domain-core';
import { InMemoryAuditLog } from './in-memory-audit-log.js';

/**
 * Test and in-process adapter of RequestRepository: same contract as the storage adapters
 * (optimistic concurrency on `version`, unique idempotency keys, in creation order like the storage adapters), kept in a Map.
 */
export class InMemoryRequestRepository implements RequestRepository {
  private readonly requests = new Map<string, MachineRequest>();

  /** `audit` keeps the events saves pass (`SaveOptions.events`); share it with the machine repository. */
  constructor(readonly audit: InMemoryAuditLog = new InMemoryAuditLog()) {}

  async save(request: MachineRequest, options: SaveOptions = {}): Promise<MachineRequest> {
    const stored = this.requests.get(request.requestId);
    const storedVersion = stored?.version ?? 0;
    if (request.version !== storedVersion) {
      throw new BusinessRuleError(
        'CONFLICT',
        `Request ${request.requestId} was changed by someone else (version ${storedVersion}, saving ${request.version}); reload and retry.`,
        { details: { requestId: request.requestId, storedVersion, version: request.version } },
      );
    }
    if (request.idempotencyKey !== undefined) {
      const holder = [...this.requests.values()].find(
        (candidate) => candidate.idempotencyKey === request.idempotencyKey && candidate.requestId !== request.requestId,
      );
      if (holder !== undefined) {
        throw new BusinessRuleError(
          'CONFLICT',
          `Idempotency key "${request.idempotencyKey}" already belongs to request ${holder.requestId}.`,
          { details: { requestId: holder.requestId } },
        );
      }
    }
    const saved = MachineRequestSchema.parse({ ...structuredClone(request), version: storedVersion + 1 });
    // The events first: an invalid event fails the save before the change is kept, as a rolled-back transaction would.
    if (options.events !== undefined && options.events.length > 0) this.audit.appendNow(options.events);
    this.requests.set(saved.requestId, saved);
    return structuredClone(saved);
  }

  async findById(requestId: string): Promise<MachineRequest | undefined> {
    const found = this.requests.get(requestId);
    return found === undefined ? undefined : structuredClone(found);
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined> {
    const found = [...this.requests.values()].find((request) => request.idempotencyKey === idempotencyKey);
    return found === undefined ? undefined : structuredClone(found);
  }

  async list(filter: RequestListFilter = {}): Promise<Page<MachineRequest>> {
    const matching = [...this.requests.values()]
      .filter(
        (request) =>
          (filter.organizationId === undefined || request.organizationId === filter.organizationId) &&
          (filter.kind === undefined || request.kind === filter.kind) &&
          (filter.statuses === undefined || filter.statuses.includes(request.status)) &&
          (filter.templateId === undefined || request.templateId === filter.templateId) &&
          (filter.providerInstance === undefined || request.providerInstance === filter.providerInstance),
      )
      .sort((left, right) => left.createdAt.localeCompare(right.createdAt) || left.requestId.localeCompare(right.requestId));
    const offset = filter.offset ?? 0;
    const items = matching.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
    return { items: items.map((request) => structuredClone(request)), total: matching.length };
  }
}
