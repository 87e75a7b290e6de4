import type {
  AuditLog,
  CatalogRepository,
  MachineRepository,
  ProviderInstanceRepository,
  RequestRepository,
  StateStore,
  TenancyRepository,
  WebhookRepository,
  WorkQueue,
} from '@ohf/domain-core';
import { createStorage, type Storage, type StorageConfigInput, type StorageHealth, type StorageOptions } from '@ohf/persistence';
import { lazyPort } from './lazy-port.js';

/**
 * The configured storage, opened and migrated on first use and only then. Its repositories can
 * be handed out before anything is opened.
 */
export class LazyStorage {
  readonly requests: RequestRepository;
  readonly machines: MachineRepository;
  readonly state: StateStore;
  readonly work: WorkQueue;
  readonly catalog: CatalogRepository;
  readonly tenancy: TenancyRepository;
  readonly providerInstances: ProviderInstanceRepository;
  readonly events: AuditLog;
  readonly webhooks: WebhookRepository;
  #opening: Promise<Storage> | undefined;

  constructor(
    private readonly config: StorageConfigInput,
    private readonly options: StorageOptions = {},
  ) {
    this.requests = lazyPort(async () => (await this.open()).requests);
    this.machines = lazyPort(async () => (await this.open()).machines);
    this.state = lazyPort(async () => (await this.open()).state);
    this.work = lazyPort(async () => (await this.open()).work);
    this.catalog = lazyPort(async () => (await this.open()).catalog);
    this.tenancy = lazyPort(async () => (await this.open()).tenancy);
    this.providerInstances = lazyPort(async () => (await this.open()).providerInstances);
    this.events = lazyPort(async () => (await this.open()).events);
    this.webhooks = lazyPort(async () => (await this.open()).webhooks);
  }

  get strategy(): string {
    return this.config.strategy ?? 'sqlite';
  }

  get isOpen(): boolean {
    return this.#opening !== undefined;
  }

  open(): Promise<Storage> {
    this.#opening ??= (async () => {
      const storage = await createStorage(this.config, this.options);
      await storage.migrate();
      return storage;
    })().catch((error: unknown) => {
      this.#opening = undefined;
      throw error;
    });
    return this.#opening;
  }

  async healthCheck(): Promise<StorageHealth> {
    return (await this.open()).healthCheck();
  }

  /** Closes the storage if it was opened. */
  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = undefined;
    if (opening) await (await opening).close();
  }
}
