import type { Machine, MachineState } from '../machine/machine.js';
import type { MachineRequest, RequestStatus } from '../request/machine-request.js';
import type { Template } from '../template/template.js';
import type { SaveOptions } from '../audit/audit-event.js';

export interface Page<Item> {
  readonly items: readonly Item[];
  readonly total: number;
}

export interface TemplateSearchCriteria {
  readonly providerType?: string;
  readonly providerName?: string;
  readonly providerApi?: string;
  readonly enabled?: boolean;
  /** Case-insensitive substring of the templateId. */
  readonly text?: string;
}

export interface TemplateRepository {
  save(template: Template): Promise<void>;
  findById(templateId: string): Promise<Template | undefined>;
  delete(templateId: string): Promise<boolean>;
  findAll(): Promise<readonly Template[]>;
  findByProviderApi(providerApi: string): Promise<readonly Template[]>;
  findActive(): Promise<readonly Template[]>;
  search(criteria: TemplateSearchCriteria): Promise<readonly Template[]>;
}
export const TemplateRepository = Symbol.for('ohf.TemplateRepository');

/** A request and the machines shown beside it. */
export interface RequestWithMachines {
  readonly request: MachineRequest;
  /** Acquire: the machines it created; return: the machines it returns. */
  readonly machines: readonly Machine[];
}

export interface RequestListFilter {
  /** One organization's requests only. */
  readonly organizationId?: string;
  readonly kind?: 'acquire' | 'return';
  readonly statuses?: readonly RequestStatus[];
  readonly templateId?: string;
  readonly providerInstance?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Narrows `RequestRepository.outstandingByTemplate` to one template and/or one organization. */
export interface OutstandingFilter {
  readonly templateId?: string;
  readonly organizationId?: string;
}

export interface RequestRepository {
  /** Inserts or updates; throws CONFLICT when `request.version` is not the stored version. Returns the saved request with its new version. */
  save(request: MachineRequest, options?: SaveOptions): Promise<MachineRequest>;
  findById(requestId: string): Promise<MachineRequest | undefined>;
  findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined>;
  list(filter?: RequestListFilter): Promise<Page<MachineRequest>>;
  /**
   * The request with the machines shown beside it (see `readRequestWithMachines`), read at
   * once. Optional: storage that reaches a server implements it to answer in one round trip.
   */
  findWithMachines?(requestId: string): Promise<RequestWithMachines | undefined>;
  /**
   * What unfinished (pending, in_progress) acquire requests still owe, per template: the sum
   * over those requests of `requestedCount` minus the machines stored with the request, each
   * request counting only when it owes more than zero. An aggregate, so a check made on every
   * new request reads no request whole and does not grow with one read per unfinished request.
   * Optional: without it, callers list the requests and read each one's machines.
   */
  outstandingByTemplate?(filter?: OutstandingFilter): Promise<Readonly<Record<string, number>>>;
}
export const RequestRepository = Symbol.for('ohf.RequestRepository');

export interface MachineListFilter {
  /** One organization's machines only. */
  readonly organizationId?: string;
  readonly requestId?: string;
  readonly providerInstance?: string;
  readonly states?: readonly MachineState[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface MachineRepository {
  /** Inserts or updates many machines at once (one transaction where storage allows). */
  saveMany(machines: readonly Machine[], options?: SaveOptions): Promise<void>;
  findById(machineId: string): Promise<Machine | undefined>;
  /** Looks a machine up by the id its cloud gave it, optionally within one provider instance. */
  findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined>;
  findByRequestId(requestId: string): Promise<readonly Machine[]>;
  list(filter?: MachineListFilter): Promise<Page<Machine>>;
  /**
   * How many machines of each template (by `templateId`) are in one of `states` and on no
   * return request. An aggregate, so a count over many machines reads none of them whole.
   * Optional: without it, callers count a listing.
   */
  countByTemplate?(states: readonly MachineState[]): Promise<Readonly<Record<string, number>>>;
}
export const MachineRepository = Symbol.for('ohf.MachineRepository');

/** A small JSON document kept by key (e.g. selection-engine state between CLI invocations). */
export interface StoredState {
  readonly key: string;
  readonly value: unknown;
  /** 1 after the first write, then one more per write. */
  readonly version: number;
  readonly updatedAt: string;
}

export interface StatePutOptions {
  /**
   * The version the caller read; 0 means the key must not exist yet. When it is not the
   * stored version the put throws CONFLICT. Omitted: the last writer wins.
   */
  readonly expectedVersion?: number;
}

export interface StateStore {
  get(key: string): Promise<StoredState | undefined>;
  put(key: string, value: unknown, options?: StatePutOptions): Promise<StoredState>;
  delete(key: string): Promise<boolean>;
}
export const StateStore = Symbol.for('ohf.StateStore');

export interface ClaimWorkOptions {
  /** Identifies the claiming process (e.g. host name + pid); leases are held in its name. */
  readonly workerId: string;
  readonly leaseMs: number;
  readonly limit: number;
  readonly kinds?: readonly ('acquire' | 'return')[];
}

/** Until `expiresAt` no other worker may claim the request. */
export interface WorkLease {
  readonly requestId: string;
  readonly workerId: string;
  readonly expiresAt: string;
}

export interface WorkClaim {
  readonly request: MachineRequest;
  readonly lease: WorkLease;
}

export interface RenewLeaseOptions {
  readonly requestId: string;
  readonly workerId: string;
  readonly leaseMs: number;
}

export interface ReleaseWorkOptions {
  readonly requestId: string;
  readonly workerId: string;
  /** Keeps the request unclaimable for this long (back-off before a retry). */
  readonly retryAfterMs?: number;
}

/**
 * Background work on requests that are pending or in progress, shared by several processes:
 * a claim leases each request to one worker, so two workers never hold the same request at once.
 */
export interface WorkQueue {
  /** Leases up to `limit` unfinished requests whose lease is free or expired, oldest first. */
  claimWork(options: ClaimWorkOptions): Promise<readonly WorkClaim[]>;
  /** Extends a lease; throws CONFLICT when another worker holds the request now. */
  renewLease(options: RenewLeaseOptions): Promise<WorkLease>;
  /** Gives the lease back; false when this worker did not hold it. */
  releaseWork(options: ReleaseWorkOptions): Promise<boolean>;
}
export const WorkQueue = Symbol.for('ohf.WorkQueue');
