import type { Logger, ProviderInstanceDescriptor, ProviderInstanceRegistration, ProviderInstances } from '@ohf/application-cqrs';
import { DEFAULT_ORGANIZATION_ID, OhfError } from '@ohf/domain-core';
import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import type {
  OwnedProviderInstanceRegistration,
  ProviderRegistrationStore,
  StoredProviderInstanceRegistration,
} from './provider-registration-store.js';

export {
  PROVIDER_REGISTRATIONS_KEY,
  ProviderRegistrationStore,
  type OwnedProviderInstanceRegistration,
  type StoredProviderInstanceRegistration,
} from './provider-registration-store.js';

/** What this process knows a registration by: its settings, and its owner. */
interface Known {
  readonly fingerprint: string;
  readonly organizationId: string;
}

type DisposableProviderInstances = ProviderInstances & { dispose?(): Promise<void> };

/**
 * The configured provider instances plus the ones registered at run time: every registration
 * is also written (encrypted) to the registration store once the provider accepted its
 * settings, and the stored ones are part of this process as well (read once, on first use, and
 * their clients created only when asked for), so a registration made by an earlier `ohfp`
 * invocation or another API replica is listed, selected and used here.
 */
export class PersistingProviderInstances implements ProviderInstances {
  readonly #registered = new Map<string, Known>();
  #stored: Promise<ReadonlyMap<string, StoredProviderInstanceRegistration>> | undefined;
  /** Stored registrations whose client was created (registered with the inner instances). */
  readonly #activating = new Map<string, Promise<unknown>>();

  constructor(
    private readonly inner: DisposableProviderInstances,
    private readonly store: ProviderRegistrationStore,
    private readonly logger?: Logger,
  ) {}

  async list(): Promise<readonly ProviderInstanceDescriptor[]> {
    const configured = await this.inner.list();
    let stored: ReadonlyMap<string, StoredProviderInstanceRegistration>;
    try {
      stored = await this.#storedRegistrations();
    } catch (error) {
      // Configured instances stay usable when the stored ones cannot be read (e.g. no key).
      this.logger?.warn({ error: describeError(error) }, 'provider instances registered at run time could not be read; listing the configured ones');
      return configured;
    }
    const names = new Set(configured.map((instance) => instance.name));
    return [...configured, ...[...stored.values()].filter((registration) => !names.has(registration.name)).map(descriptorOf)];
  }

  async get(name: string): Promise<ComputeProviderV1> {
    if (!(await this.inner.list()).some((instance) => instance.name === name)) {
      const registration = (await this.#storedRegistrations()).get(name);
      if (registration !== undefined) await this.#activate(registration);
    }
    return this.inner.get(name);
  }

  secretsOf(name: string): readonly string[] {
    return this.inner.secretsOf?.(name) ?? [];
  }

  missingCredentialsOf(name: string): string | undefined {
    return this.inner.missingCredentialsOf?.(name);
  }

  /**
   * Registers (or replaces) an instance for `registration.organizationId` (the default
   * organization when absent); CONFLICT when the name is another organization's.
   */
  async register(registration: OwnedProviderInstanceRegistration): Promise<ProviderInstanceDescriptor> {
    this.store.assertCanSeal();
    const known = this.#registered.get(registration.name);
    const fingerprint = fingerprintOf(registration);
    // A registration restored from the store (or repeated as it is) needs no new write. One
    // that names no owner is the stored one when its settings are: restoring it (the replicas'
    // sync) keeps its owner, and only an identical registration can be taken for it.
    const restored = known?.fingerprint === fingerprint && (registration.organizationId ?? known.organizationId) === known.organizationId;
    const organizationId = registration.organizationId ?? (restored ? known.organizationId : DEFAULT_ORGANIZATION_ID);
    if (!restored) await this.store.assertOwner(registration.name, organizationId);
    const descriptor = await this.inner.register(registration);
    if (!restored) {
      await this.store.save({ ...registration, organizationId });
      this.#registered.set(registration.name, { fingerprint, organizationId });
    }
    return descriptor;
  }

  /** The registrations storage holds now (read afresh), with their owners: what other processes registered. */
  storedRegistrations(): Promise<StoredProviderInstanceRegistration[]> {
    return this.store.load();
  }

  /** The organization that owns a registered instance; undefined for configured instances (global) and unknown names. */
  async ownerOf(name: string): Promise<string | undefined> {
    return (await this.#storedRegistrations()).get(name)?.organizationId ?? this.#registered.get(name)?.organizationId;
  }

  /** Marks a registration read back from the store as already saved. */
  remember(registration: OwnedProviderInstanceRegistration): void {
    this.#registered.set(registration.name, {
      fingerprint: fingerprintOf(registration),
      organizationId: registration.organizationId ?? DEFAULT_ORGANIZATION_ID,
    });
  }

  /** True when this registration (same name, same settings, same owner when it names one) is in force here. */
  knows(registration: OwnedProviderInstanceRegistration): boolean {
    const known = this.#registered.get(registration.name);
    return (
      known !== undefined &&
      known.fingerprint === fingerprintOf(registration) &&
      (registration.organizationId === undefined || registration.organizationId === known.organizationId)
    );
  }

  /** Seals every stored instance's credentials again under the current key (see ProviderRegistrationStore.resealAll). */
  resealAll(): Promise<number> {
    return this.store.resealAll();
  }

  async dispose(): Promise<void> {
    await this.inner.dispose?.();
  }

  /** Read once per process; a failed read is tried again on the next call. */
  #storedRegistrations(): Promise<ReadonlyMap<string, StoredProviderInstanceRegistration>> {
    this.#stored ??= this.store.load().then(
      (registrations) => {
        for (const registration of registrations) this.remember(registration);
        return new Map(registrations.map((registration) => [registration.name, registration]));
      },
      (error: unknown) => {
        this.#stored = undefined;
        throw error;
      },
    );
    return this.#stored;
  }

  /** Creates the client of a stored registration; concurrent first calls share it. */
  async #activate(registration: ProviderInstanceRegistration): Promise<void> {
    let activating = this.#activating.get(registration.name);
    if (activating === undefined) {
      activating = this.inner.register(registration).catch((error: unknown) => {
        this.#activating.delete(registration.name);
        throw error;
      });
      this.#activating.set(registration.name, activating);
    }
    await activating;
  }
}

/** A stored registration as selection sees it: with its owner, so other organizations never use it. */
function descriptorOf(registration: ProviderInstanceRegistration): ProviderInstanceDescriptor {
  return {
    ...(registration.organizationId === undefined ? {} : { organizationId: registration.organizationId }),
    name: registration.name,
    type: registration.type,
    enabled: registration.enabled,
    priority: registration.priority,
    weight: registration.weight,
    capabilities: [...registration.capabilities],
  };
}

function describeError(error: unknown): Record<string, unknown> {
  return OhfError.isInstance(error) ? { code: error.code, message: error.message } : { message: error instanceof Error ? error.message : String(error) };
}

/** The same settings give the same text whatever the order of their keys; the owner is not part of it. */
function fingerprintOf(registration: OwnedProviderInstanceRegistration): string {
  const { organizationId: _owner, ...settings } = registration;
  return JSON.stringify(settings, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([left], [right]) => left.localeCompare(right)))
      : value,
  );
}
