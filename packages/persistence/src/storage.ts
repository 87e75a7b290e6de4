import type {
  AuditLog,
  CatalogRepository,
  Clock,
  MachineRepository,
  ProviderInstanceRepository,
  RequestRepository,
  StateStore,
  TenancyRepository,
  WebhookRepository,
  WorkQueue,
} from '@ohf/domain-core';
import type { StorageStrategy } from './storage-config.js';
import type { ParsedDocuments } from './internal/parsed-document-cache.js';

export interface MigrationResult {
  /** Migrations applied by this call, in order (empty when the schema was current). */
  readonly applied: readonly number[];
  /** The schema version after the call. */
  readonly current: number;
}

export interface StorageHealth {
  readonly ok: boolean;
  readonly strategy: StorageStrategy;
  readonly latencyMs: number;
  /** Why it is not ok, or where the data lives when it is. */
  readonly detail: string;
}

/** One storage, whatever the strategy: the repositories plus lifecycle. */
export interface Storage {
  readonly strategy: StorageStrategy;
  /** Every strategy sums what unfinished requests owe in storage (each new request checks it). */
  readonly requests: RequestRepository & Required<Pick<RequestRepository, 'outstandingByTemplate'>>;
  /** Every strategy counts machines by template in storage (a poll's close counts them all). */
  readonly machines: MachineRepository & Required<Pick<MachineRepository, 'countByTemplate'>>;
  readonly state: StateStore;
  readonly work: WorkQueue;
  /** The stored catalog of every provider instance and the markup rules admins added. */
  readonly catalog: CatalogRepository;
  /** Organizations, users, memberships and API keys. */
  readonly tenancy: TenancyRepository;
  /** Provider instances registered at run time, each owned by one organization. */
  readonly providerInstances: ProviderInstanceRepository;
  /** The audit trail; `requests.save` and `machines.saveMany` write theirs in the same transaction. */
  readonly events: AuditLog;
  /** Organizations' webhooks and their deliveries. */
  readonly webhooks: WebhookRepository;
  /** Creates or upgrades the schema; safe to call on every start and from several processes at once. */
  migrate(): Promise<MigrationResult>;
  /** Never throws: a failure is reported as `ok: false`. */
  healthCheck(): Promise<StorageHealth>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** Source of `now` for leases and state timestamps; tests inject one. */
  readonly clock?: Clock;
  /**
   * Keep parsed request and machine documents between reads (default true): a server reads the
   * same requests over and over. A process that reads each document once (a CLI call) gains
   * nothing from them and pays their memory, freezing and copies: about a fifth of the CPU of a
   * 10,000-machine status poll.
   */
  readonly keepParsedDocuments?: boolean;
  /**
   * Parsed documents shared with other storages (`createParsedDocuments`), used instead of this
   * storage's own: a long-lived process opening storage for each call keeps them across calls.
   */
  readonly parsedDocuments?: ParsedDocuments;
}
