import {
  identifierProblem,
  NotFoundError,
  readRequestWithMachines,
  ValidationError,
  type ClaimWorkOptions,
  type Machine,
  type MachineListFilter,
  type MachineRepository,
  type MachineRequest,
  type MachineState,
  type Page,
  type ReleaseWorkOptions,
  type RenewLeaseOptions,
  type RequestListFilter,
  type RequestRepository,
  type RequestWithMachines,
  type SaveOptions,
  type StatePutOptions,
  type StateStore,
  type StoredState,
  type WorkClaim,
  type WorkLease,
  type WorkQueue,
} from '@ohf/domain-core';
import type { Storage } from '../storage.js';
import { isIdentifier, requireIdentifiers, storable } from './storable-text.js';
import { TextGuardedCatalog } from './text-guarded-catalog.js';
import { TextGuardedEvents, TextGuardedProviderInstances, TextGuardedTenancy, TextGuardedWebhooks } from './text-guarded-tenancy.js';

const EMPTY_PAGE: Page<never> = Object.freeze({ items: Object.freeze([]) as never[], total: 0 });

/**
 * Every strategy behaves the same with text no store keeps as it is (PostgreSQL refuses NUL in
 * text and JSONB; drivers turn lone surrogates into U+FFFD on the way in, JSON keeps them):
 * - a lookup or filter by an id that is not valid identifier text finds nothing, since no such
 *   id can have been saved;
 * - a save with such an id, and such a state key or worker id, is a VALIDATION_ERROR naming the field;
 * - free text (messages, tags, state values) keeps it with those characters replaced by U+FFFD.
 * So bad text from a caller or a cloud is never a storage failure (INTERNAL).
 */
export function guardText(storage: Storage): Storage {
  return {
    strategy: storage.strategy,
    requests: new TextGuardedRequests(storage.requests, storage.machines),
    machines: new TextGuardedMachines(storage.machines),
    state: new TextGuardedState(storage.state),
    work: new TextGuardedWork(storage.work),
    catalog: new TextGuardedCatalog(storage.catalog),
    tenancy: new TextGuardedTenancy(storage.tenancy),
    providerInstances: new TextGuardedProviderInstances(storage.providerInstances),
    events: new TextGuardedEvents(storage.events),
    webhooks: new TextGuardedWebhooks(storage.webhooks),
    migrate: () => storage.migrate(),
    healthCheck: () => storage.healthCheck(),
    close: () => storage.close(),
  };
}

/** Events going with a save follow the rules of `TextGuardedEvents`: made storable, never refused. */
function storableOptions(options: SaveOptions | undefined): SaveOptions | undefined {
  return options?.events === undefined ? options : { ...options, events: storable(options.events) };
}

class TextGuardedRequests implements RequestRepository {
  constructor(
    private readonly inner: RequestRepository,
    private readonly machines: MachineRepository,
  ) {}

  async save(request: MachineRequest, options?: SaveOptions): Promise<MachineRequest> {
    requireIdentifiers(`Request ${JSON.stringify(request.requestId)}`, {
      requestId: request.requestId,
      templateId: request.templateId,
      idempotencyKey: request.idempotencyKey,
      providerType: request.providerType,
      providerInstance: request.providerInstance,
      providerApi: request.providerApi,
      machineIds: request.machineIds,
    });
    return this.inner.save(storable(request), storableOptions(options));
  }

  async findById(requestId: string): Promise<MachineRequest | undefined> {
    return isIdentifier(requestId) ? this.inner.findById(requestId) : undefined;
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined> {
    return isIdentifier(idempotencyKey) ? this.inner.findByIdempotencyKey(idempotencyKey) : undefined;
  }

  /** Always offered, so a lazily opened storage can forward it: strategies without it take separate reads. */
  async findWithMachines(requestId: string): Promise<RequestWithMachines | undefined> {
    return isIdentifier(requestId) ? readRequestWithMachines(this.inner, this.machines, requestId) : undefined;
  }

  async list(filter?: RequestListFilter): Promise<Page<MachineRequest>> {
    const ids = [filter?.organizationId, filter?.templateId, filter?.providerInstance];
    return ids.some((id) => id !== undefined && !isIdentifier(id)) ? EMPTY_PAGE : this.inner.list(filter);
  }
}

class TextGuardedMachines implements MachineRepository {
  constructor(private readonly inner: Storage['machines']) {}

  async saveMany(machines: readonly Machine[], options?: SaveOptions): Promise<void> {
    for (const machine of machines) {
      requireIdentifiers(`Machine ${JSON.stringify(machine.machineId)}`, {
        machineId: machine.machineId,
        providerInstanceId: machine.providerInstanceId,
        requestId: machine.requestId,
        returnRequestId: machine.returnRequestId,
        providerType: machine.providerType,
        providerInstance: machine.providerInstance,
        providerApi: machine.providerApi,
      });
    }
    return this.inner.saveMany(storable(machines), storableOptions(options));
  }

  async findById(machineId: string): Promise<Machine | undefined> {
    return isIdentifier(machineId) ? this.inner.findById(machineId) : undefined;
  }

  async findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined> {
    if (!isIdentifier(providerInstanceId) || (providerInstance !== undefined && !isIdentifier(providerInstance))) return undefined;
    return this.inner.findByProviderInstanceId(providerInstanceId, providerInstance);
  }

  async findByRequestId(requestId: string): Promise<readonly Machine[]> {
    return isIdentifier(requestId) ? this.inner.findByRequestId(requestId) : [];
  }

  async countByTemplate(states: readonly MachineState[]): Promise<Readonly<Record<string, number>>> {
    return this.inner.countByTemplate(states);
  }

  async list(filter?: MachineListFilter): Promise<Page<Machine>> {
    const ids = [filter?.organizationId, filter?.requestId, filter?.providerInstance];
    return ids.some((id) => id !== undefined && !isIdentifier(id)) ? EMPTY_PAGE : this.inner.list(filter);
  }
}

function requireKey(key: string): void {
  const problem = typeof key === 'string' ? identifierProblem(key) : 'is not text';
  if (problem !== undefined) throw new ValidationError(`Invalid state key: the key ${problem}.`, { details: { field: 'key' } });
}

class TextGuardedState implements StateStore {
  constructor(private readonly inner: StateStore) {}

  async get(key: string): Promise<StoredState | undefined> {
    requireKey(key);
    return this.inner.get(key);
  }

  async put(key: string, value: unknown, options?: StatePutOptions): Promise<StoredState> {
    requireKey(key);
    return this.inner.put(key, storable(value), options);
  }

  async delete(key: string): Promise<boolean> {
    requireKey(key);
    return this.inner.delete(key);
  }
}

function requireWorkerId(workerId: string): void {
  const problem = typeof workerId === 'string' ? identifierProblem(workerId) : undefined;
  if (problem !== undefined) throw new ValidationError(`Invalid worker id: it ${problem}.`, { details: { field: 'workerId' } });
}

class TextGuardedWork implements WorkQueue {
  constructor(private readonly inner: WorkQueue) {}

  async claimWork(options: ClaimWorkOptions): Promise<readonly WorkClaim[]> {
    requireWorkerId(options.workerId);
    return this.inner.claimWork(options);
  }

  async renewLease(options: RenewLeaseOptions): Promise<WorkLease> {
    requireWorkerId(options.workerId);
    if (!isIdentifier(options.requestId)) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request ${JSON.stringify(options.requestId)} does not exist.`, {
        details: { requestId: options.requestId },
      });
    }
    return this.inner.renewLease(options);
  }

  async releaseWork(options: ReleaseWorkOptions): Promise<boolean> {
    requireWorkerId(options.workerId);
    return isIdentifier(options.requestId) ? this.inner.releaseWork(options) : false;
  }
}
