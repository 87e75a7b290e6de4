import type { Logger, ProviderInstanceDescriptor, ProviderInstanceRegistration, ProviderInstances } from '@ohf/application-cqrs';
import { ConfigurationError, OhfError, StorageError, type StateStore } from '@ohf/domain-core';
import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import { z } from 'zod';
import { ENCRYPTION_KEY_VARIABLE, type SecretBox } from '../secrets/secret-box.js';

/**
 * Where run-time registrations are kept, in storage's key-value state. Named when only the API
 * kept them; the CLI shares the key, so each sees the other's registrations.
 */
export const PROVIDER_REGISTRATIONS_KEY = 'api.provider-registrations';

const StoredRegistrationSchema = z.object({
  name: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  priority: z.number(),
  weight: z.number(),
  capabilities: z.array(z.string()),
  /** The organization that registered it (absent: a global instance). */
  organizationId: z.string().optional(),
  /** The provider settings, JSON, sealed with AES-256-GCM: they may hold credentials. */
  sealedConfig: z.string(),
});
type StoredRegistration = z.infer<typeof StoredRegistrationSchema>;
const StoredRegistrationsSchema = z.object({ registrations: z.array(StoredRegistrationSchema) });

/** How often a conflicting write (another replica saved at the same moment) is retried. */
const SAVE_ATTEMPTS = 5;

/**
 * Provider instances registered at run time (registerProviderStrategy), kept so they survive a
 * restart and reach later CLI invocations and the other API replicas. Their settings are
 * encrypted at rest with the key from OHF_ENCRYPTION_KEY; without it, registering is refused
 * rather than storing credentials in clear.
 */
export class ProviderRegistrationStore {
  constructor(
    private readonly state: StateStore,
    private readonly secretBox: SecretBox | undefined,
  ) {}

  /** Refuses early, before the provider is created, when credentials could not be sealed. */
  assertCanSeal(): void {
    this.#box();
  }

  async load(): Promise<ProviderInstanceRegistration[]> {
    const stored = await this.#read();
    if (stored.value.registrations.length === 0) return [];
    const box = this.#box();
    return stored.value.registrations.map((entry) => ({
      name: entry.name,
      type: entry.type,
      enabled: entry.enabled,
      priority: entry.priority,
      weight: entry.weight,
      capabilities: entry.capabilities,
      ...(entry.organizationId === undefined ? {} : { organizationId: entry.organizationId }),
      config: JSON.parse(box.open(entry.sealedConfig)) as Record<string, unknown>,
    }));
  }

  async save(registration: ProviderInstanceRegistration): Promise<void> {
    const box = this.#box();
    const entry: StoredRegistration = {
      name: registration.name,
      type: registration.type,
      enabled: registration.enabled,
      priority: registration.priority,
      weight: registration.weight,
      capabilities: [...registration.capabilities],
      ...(registration.organizationId === undefined ? {} : { organizationId: registration.organizationId }),
      sealedConfig: box.seal(JSON.stringify(registration.config)),
    };
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.#read();
      const registrations = [...stored.value.registrations.filter((existing) => existing.name !== entry.name), entry];
      try {
        await this.state.put(PROVIDER_REGISTRATIONS_KEY, { registrations }, { expectedVersion: stored.version });
        return;
      } catch (error) {
        if (!(OhfError.isInstance(error) && error.code === 'CONFLICT') || attempt >= SAVE_ATTEMPTS) throw error;
      }
    }
  }

  async #read(): Promise<{ value: z.infer<typeof StoredRegistrationsSchema>; version: number }> {
    const stored = await this.state.get(PROVIDER_REGISTRATIONS_KEY);
    if (stored === undefined) return { value: { registrations: [] }, version: 0 };
    const parsed = StoredRegistrationsSchema.safeParse(stored.value);
    if (!parsed.success) {
      throw new StorageError(`The stored provider registrations (${PROVIDER_REGISTRATIONS_KEY}) are not readable.`, {
        details: { key: PROVIDER_REGISTRATIONS_KEY },
      });
    }
    return { value: parsed.data, version: stored.version };
  }

  #box(): SecretBox {
    if (this.secretBox === undefined) {
      throw new ConfigurationError(
        `Provider instances registered at run time are stored with their credentials encrypted; set ${ENCRYPTION_KEY_VARIABLE} (32 bytes, hex or base64, e.g. \`openssl rand -base64 32\`) to enable registration.`,
        { code: 'FORBIDDEN', details: { variable: ENCRYPTION_KEY_VARIABLE } },
      );
    }
    return this.secretBox;
  }
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
  readonly #registered = new Map<string, string>();
  #stored: Promise<ReadonlyMap<string, ProviderInstanceRegistration>> | undefined;
  /** Stored registrations whose client was created (registered with the inner instances). */
  readonly #activating = new Map<string, Promise<unknown>>();

  constructor(
    private readonly inner: DisposableProviderInstances,
    private readonly store: ProviderRegistrationStore,
    private readonly logger?: Logger,
  ) {}

  async list(): Promise<readonly ProviderInstanceDescriptor[]> {
    const configured = await this.inner.list();
    let stored: ReadonlyMap<string, ProviderInstanceRegistration>;
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

  async register(registration: ProviderInstanceRegistration): Promise<ProviderInstanceDescriptor> {
    this.store.assertCanSeal();
    const descriptor = await this.inner.register(registration);
    const fingerprint = fingerprintOf(registration);
    // A registration restored from the store (or repeated as it is) needs no new write.
    if (this.#registered.get(registration.name) !== fingerprint) {
      await this.store.save(registration);
      this.#registered.set(registration.name, fingerprint);
    }
    return descriptor;
  }

  /** The registrations storage holds now (read afresh): what other processes registered. */
  storedRegistrations(): Promise<ProviderInstanceRegistration[]> {
    return this.store.load();
  }

  /** Marks a registration read back from the store as already saved. */
  remember(registration: ProviderInstanceRegistration): void {
    this.#registered.set(registration.name, fingerprintOf(registration));
  }

  /** True when this registration (same name, same settings) is in force here. */
  knows(registration: ProviderInstanceRegistration): boolean {
    return this.#registered.get(registration.name) === fingerprintOf(registration);
  }

  async dispose(): Promise<void> {
    await this.inner.dispose?.();
  }

  /** Read once per process; a failed read is tried again on the next call. */
  #storedRegistrations(): Promise<ReadonlyMap<string, ProviderInstanceRegistration>> {
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

/** The same registration gives the same text whatever the order of its keys. */
function fingerprintOf(registration: ProviderInstanceRegistration): string {
  return JSON.stringify(registration, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([left], [right]) => left.localeCompare(right)))
      : value,
  );
}
