import {
  emptyCloudState,
  fileStateStore,
  memoryStateStore,
  type CloudState,
  type CloudStateStore,
  type InMemoryFailureKind,
  type PendingFault,
  type StoredInstance,
} from './in-memory-cloud-state.js';
import type { InMemoryNativeState } from './in-memory-state-map.js';

export type InMemoryCloudOperation = 'create' | 'describe' | 'terminate' | 'list';

const STATUS_BY_KIND: Readonly<Record<InMemoryFailureKind, number>> = {
  capacity: 503,
  quota: 403,
  rate_limit: 429,
  server_error: 503,
  unauthorized: 401,
  forbidden: 403,
};

/** What the fake cloud answers when a call fails: an HTTP-like status, like a real cloud. */
export class InMemoryCloudError extends Error {
  readonly status: number;
  readonly kind: InMemoryFailureKind;
  readonly retryAfterSeconds?: number;
  readonly operation: InMemoryCloudOperation;

  constructor(kind: InMemoryFailureKind, operation: InMemoryCloudOperation, retryAfterSeconds?: number) {
    super(`fake cloud: ${operation} failed (${kind})`);
    this.kind = kind;
    this.status = STATUS_BY_KIND[kind];
    this.operation = operation;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  override get name(): string {
    return 'InMemoryCloudError';
  }
}

export interface InMemoryCloudOptions {
  /** Persist the cloud to this JSON file so separate processes share it. */
  readonly statePath?: string;
  readonly clock?: () => number;
  /** Machines stay 'provisioning' this long before reads show them 'active'. Default 0. */
  readonly autoRunAfterMs?: number;
  /** Prefix of instance ids; ids are `<prefix><sequence>`. Default 'mem-'. */
  readonly idPrefix?: string;
}

export interface CreateInput {
  readonly count: number;
  readonly clientToken?: string;
  readonly instanceType: string;
  readonly location: string;
  readonly imageId?: string;
  readonly lifecycle: 'ondemand' | 'spot';
  readonly tags: Readonly<Record<string, string>>;
  /**
   * `count` is the total wanted among live machines carrying these tags: only the missing ones
   * are created, and the live ones come back with them (how the real providers keep a retried
   * or resumed request from creating twice).
   */
  readonly totalFor?: Readonly<Record<string, string>>;
}

export interface CreateOutput {
  readonly instances: StoredInstance[];
  /** Machines asked for that capacity did not allow. */
  readonly shortfall: number;
  /** True when the client token had been seen: nothing new was created. */
  readonly replayed: boolean;
  /** The configured crash point was reached: the caller should die now. */
  readonly crash: boolean;
}

const LIVE_STATES: ReadonlySet<string> = new Set<InMemoryNativeState>(['provisioning', 'booting', 'active', 'stopping', 'off']);

/**
 * The fake cloud behind the in-memory test double: machines, client-token idempotency,
 * capacity, injected faults and call counters. Its API is the "wire" the double's provider
 * talks to; failures are thrown as `InMemoryCloudError` with HTTP-like statuses.
 */
export class InMemoryCloud {
  readonly #store: CloudStateStore;
  readonly #clock: () => number;
  readonly #autoRunAfterMs: number;
  readonly #idPrefix: string;

  constructor(options: InMemoryCloudOptions = {}) {
    this.#store = options.statePath ? fileStateStore(options.statePath) : memoryStateStore();
    this.#clock = options.clock ?? Date.now;
    this.#autoRunAfterMs = options.autoRunAfterMs ?? 0;
    this.#idPrefix = options.idPrefix ?? 'mem-';
  }

  // --- the cloud's API ------------------------------------------------------------------

  create(input: CreateInput): CreateOutput {
    return this.#call('create', (state) => {
      const known = input.clientToken === undefined ? undefined : state.clientTokens[input.clientToken];
      if (known) {
        const instances = known.map((id) => state.instances.find((instance) => instance.id === id)).filter((instance) => instance !== undefined);
        return { instances: instances.map((instance) => this.#promote(instance)), shortfall: 0, replayed: true, crash: false };
      }
      const live = state.instances.filter((instance) => LIVE_STATES.has(instance.nativeState)).length;
      const scope = input.totalFor;
      const existing =
        scope === undefined
          ? []
          : state.instances.filter(
              (instance) => LIVE_STATES.has(instance.nativeState) && Object.entries(scope).every(([key, value]) => instance.tags[key] === value),
            );
      const wanted = Math.max(0, input.count - existing.length);
      const room = state.capacity === null ? wanted : Math.max(0, state.capacity - live);
      const createCount = Math.min(wanted, room);
      const now = this.#clock();
      const created: StoredInstance[] = [];
      for (let index = 0; index < createCount; index += 1) {
        state.sequence += 1;
        const sequence = state.sequence;
        const instance: StoredInstance = {
          id: `${this.#idPrefix}${String(sequence).padStart(6, '0')}`,
          nativeState: 'provisioning',
          name: `ohf-${sequence}`,
          instanceType: input.instanceType,
          location: input.location,
          ...(input.imageId === undefined ? {} : { imageId: input.imageId }),
          lifecycle: input.lifecycle,
          tags: { ...input.tags },
          createdAtMs: now,
          privateIpAddress: `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
          publicIpAddress: `203.0.113.${sequence % 254 + 1}`,
          ...(input.clientToken === undefined ? {} : { clientToken: input.clientToken }),
        };
        state.instances.push(instance);
        created.push(instance);
      }
      if (input.clientToken !== undefined && created.length > 0) state.clientTokens[input.clientToken] = created.map((instance) => instance.id);
      let crash = false;
      if (state.createsUntilCrash !== null) {
        if (state.createsUntilCrash <= 1) {
          state.createsUntilCrash = null;
          crash = true;
        } else state.createsUntilCrash -= 1;
      }
      return {
        instances: [...existing.map((instance) => this.#promote(instance)), ...created.map((instance) => ({ ...instance }))],
        shortfall: wanted - createCount,
        replayed: existing.length > 0 && created.length === 0,
        crash,
      };
    });
  }

  /** The machines among `ids` the cloud knows (deleted ones included while kept). */
  describe(ids: readonly string[]): StoredInstance[] {
    return this.#call('describe', (state) => {
      const wanted = new Set(ids);
      return state.instances.filter((instance) => wanted.has(instance.id)).map((instance) => this.#promote(instance));
    });
  }

  /** Marks machines deleted; ids it does not know (or already deleted) come back as `notFound`. */
  terminate(ids: readonly string[]): { terminated: string[]; notFound: string[] } {
    return this.#call('terminate', (state) => {
      const terminated: string[] = [];
      const notFound: string[] = [];
      for (const id of ids) {
        const instance = state.instances.find((candidate) => candidate.id === id);
        if (!instance || instance.nativeState === 'deleted') {
          notFound.push(id);
          continue;
        }
        instance.nativeState = 'deleted';
        instance.deletedAtMs = this.#clock();
        terminated.push(id);
      }
      return { terminated, notFound };
    });
  }

  /**
   * Powers a live machine on or off, as the cloud's power API would; a machine it does not
   * know, or one deleted, is `false` (a 404). Not counted among the harness's operations.
   */
  power(id: string, action: 'boot' | 'shutdown' | 'reboot'): boolean {
    return this.#store.transaction((state) => {
      const instance = state.instances.find((candidate) => candidate.id === id);
      if (!instance || !LIVE_STATES.has(instance.nativeState)) return false;
      instance.nativeState = action === 'shutdown' ? 'off' : 'active';
      return true;
    });
  }

  /** Every machine carrying all the given tags. */
  list(tags: Readonly<Record<string, string>>): StoredInstance[] {
    return this.#call('list', (state) => {
      return state.instances
        .filter((instance) => Object.entries(tags).every(([key, value]) => instance.tags[key] === value))
        .map((instance) => this.#promote(instance));
    });
  }

  /** Every machine whose name, host name or private IP address is one of `names`. */
  findByName(names: readonly string[], hostNameOf: (instance: StoredInstance) => string): StoredInstance[] {
    return this.#call('list', (state) => {
      const wanted = new Set(names);
      return state.instances
        .filter((instance) => wanted.has(instance.name) || wanted.has(hostNameOf(instance)) || wanted.has(instance.privateIpAddress))
        .map((instance) => this.#promote(instance));
    });
  }

  /** Every machine carrying a tag with this key, whatever its value. */
  listWithTagKey(tagKey: string): StoredInstance[] {
    return this.#call('list', (state) =>
      state.instances.filter((instance) => Object.hasOwn(instance.tags, tagKey)).map((instance) => this.#promote(instance)),
    );
  }

  isHealthy(): boolean {
    return this.#store.transaction((state) => !state.unhealthy);
  }

  /**
   * A health probe: answered like any call (a pending fault for no particular operation
   * fails it) but not counted, so probing never skews the call counts tests assert.
   */
  probeHealth(): boolean {
    const outcome = this.#store.transaction((state): { fault: PendingFault } | { healthy: boolean } => {
      const faultAt = state.pendingFaults.findIndex((fault) => fault.operation === undefined);
      const [fault] = faultAt === -1 ? [] : state.pendingFaults.splice(faultAt, 1);
      return fault ? { fault } : { healthy: !state.unhealthy };
    });
    if ('fault' in outcome) throw new InMemoryCloudError(outcome.fault.kind, 'list', outcome.fault.retryAfterSeconds);
    return outcome.healthy;
  }

  // --- test controls --------------------------------------------------------------------

  /** Empty cloud, no faults, counters zero. */
  reset(): void {
    this.#store.transaction((state) => {
      Object.assign(state, emptyCloudState());
    });
  }

  /** The next `times` calls (of `operation`, or of any operation) fail as `kind`. */
  failNextCalls(kind: InMemoryFailureKind, options: { times?: number; retryAfterSeconds?: number; operation?: InMemoryCloudOperation } = {}): void {
    const fault: PendingFault = {
      kind,
      ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
      ...(options.operation === undefined ? {} : { operation: options.operation }),
    };
    this.#store.transaction((state) => {
      for (let index = 0; index < (options.times ?? 1); index += 1) state.pendingFaults.push({ ...fault });
    });
  }

  /** Most live machines the cloud holds; null removes the limit. */
  setCapacity(maxMachines: number | null): void {
    this.#store.transaction((state) => {
      state.capacity = maxMachines;
    });
  }

  /** The `createNumber`-th create from now (1 = the next) reports `crash`. */
  crashAfterCreate(createNumber: number | null): void {
    this.#store.transaction((state) => {
      state.createsUntilCrash = createNumber;
    });
  }

  setHealthy(healthy: boolean): void {
    this.#store.transaction((state) => {
      state.unhealthy = !healthy;
    });
  }

  /** Deletes a machine without trace, as a manual deletion or reclaim would. */
  remove(id: string): void {
    this.#store.transaction((state) => {
      state.instances = state.instances.filter((instance) => instance.id !== id);
    });
  }

  /** Moves a machine to another native state (e.g. 'error', 'off'). */
  setNativeState(id: string, nativeState: InMemoryNativeState): void {
    this.#store.transaction((state) => {
      const instance = state.instances.find((candidate) => candidate.id === id);
      if (!instance) throw new Error(`fake cloud: no instance ${id}`);
      instance.nativeState = nativeState;
    });
  }

  callCount(operation: InMemoryCloudOperation): number {
    return this.#store.transaction((state) => state.calls[operation]);
  }

  /** Every machine the cloud holds, as stored (for assertions). */
  instances(): StoredInstance[] {
    return this.#store.transaction((state) => state.instances.map((instance) => this.#promote(instance)));
  }

  /**
   * Installs fault settings once per distinct configuration: a process restarted with the
   * same settings continues the countdowns instead of re-arming them.
   */
  installFaults(configuration: InstallableFaults): void {
    const key = JSON.stringify(configuration);
    this.#store.transaction((state) => {
      if (state.installedFaults === key) return;
      state.installedFaults = key;
      state.capacity = configuration.capacity ?? null;
      state.pendingFaults = [];
      for (let index = 0; index < (configuration.failCreateTimes ?? 0); index += 1) {
        state.pendingFaults.push({
          kind: configuration.failCreateWith ?? 'capacity',
          operation: 'create',
          ...(configuration.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: configuration.retryAfterSeconds }),
        });
      }
      const crash = configuration.crashAfterCreate;
      state.createsUntilCrash = crash === undefined || crash === false ? null : crash === true ? 1 : crash;
      state.unhealthy = configuration.unhealthy ?? false;
    });
  }

  /**
   * Counts the call and either consumes a pending fault or runs `body`, in one transaction,
   * so an injected failure is recorded even though it is thrown.
   */
  #call<T>(operation: InMemoryCloudOperation, body: (state: CloudState) => T): T {
    const outcome = this.#store.transaction((state): { fault: PendingFault } | { value: T } => {
      state.calls[operation] += 1;
      const faultAt = state.pendingFaults.findIndex((fault) => fault.operation === undefined || fault.operation === operation);
      const [fault] = faultAt === -1 ? [] : state.pendingFaults.splice(faultAt, 1);
      return fault ? { fault } : { value: body(state) };
    });
    if ('fault' in outcome) throw new InMemoryCloudError(outcome.fault.kind, operation, outcome.fault.retryAfterSeconds);
    return outcome.value;
  }

  #promote(instance: StoredInstance): StoredInstance {
    if (instance.nativeState === 'provisioning' && this.#clock() - instance.createdAtMs >= this.#autoRunAfterMs) {
      instance.nativeState = 'active';
    }
    return { ...instance, tags: { ...instance.tags } };
  }
}

export interface InstallableFaults {
  readonly capacity?: number;
  readonly failCreateTimes?: number;
  readonly failCreateWith?: InMemoryFailureKind;
  readonly retryAfterSeconds?: number;
  readonly crashAfterCreate?: boolean | number;
  readonly unhealthy?: boolean;
}
