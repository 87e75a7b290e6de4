import type { Machine, MachineState } from '../machine/machine.js';
import type { MachineRequest, RequestStatus } from '../request/machine-request.js';
import type { Template } from '../template/template.js';

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

export interface RequestListFilter {
  readonly kind?: 'acquire' | 'return';
  readonly statuses?: readonly RequestStatus[];
  readonly templateId?: string;
  readonly providerInstance?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface RequestRepository {
  /** Inserts or updates; throws CONFLICT when `request.version` is not the stored version. Returns the saved request with its new version. */
  save(request: MachineRequest): Promise<MachineRequest>;
  findById(requestId: string): Promise<MachineRequest | undefined>;
  findByIdempotencyKey(idempotencyKey: string): Promise<MachineRequest | undefined>;
  list(filter?: RequestListFilter): Promise<Page<MachineRequest>>;
}
export const RequestRepository = Symbol.for('ohf.RequestRepository');

export interface MachineListFilter {
  readonly requestId?: string;
  readonly providerInstance?: string;
  readonly states?: readonly MachineState[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface MachineRepository {
  /** Inserts or updates many machines at once (one transaction where storage allows). */
  saveMany(machines: readonly Machine[]): Promise<void>;
  findById(machineId: string): Promise<Machine | undefined>;
  /** Looks a machine up by the id its cloud gave it, optionally within one provider instance. */
  findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined>;
  findByRequestId(requestId: string): Promise<readonly Machine[]>;
  list(filter?: MachineListFilter): Promise<Page<Machine>>;
}
export const MachineRepository = Symbol.for('ohf.MachineRepository');
