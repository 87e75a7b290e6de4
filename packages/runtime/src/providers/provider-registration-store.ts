import type { ProviderInstanceRegistration } from '@ohf/application-cqrs';
import {
  ConfigurationError,
  DEFAULT_ORGANIZATION_ID,
  StorageError,
  systemClock,
  type Clock,
  type ProviderInstanceRecord,
  type ProviderInstanceRepository,
  type StateStore,
} from '@ohf/domain-core';
import { z } from 'zod';
import { ENCRYPTION_KEY_VARIABLE, type SecretBox } from '../secrets/secret-box.js';
import { joinSettings, splitSettings } from './registration-settings.js';

/**
 * Where the previous release kept run-time registrations, in storage's key-value state. They
 * are moved into the provider instances table once (as the default organization's), then the
 * key is deleted.
 */
export const PROVIDER_REGISTRATIONS_KEY = 'api.provider-registrations';

const LegacyRegistrationSchema = z.object({
  name: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  priority: z.number(),
  weight: z.number(),
  capabilities: z.array(z.string()),
  /** The whole provider settings, JSON, sealed. */
  sealedConfig: z.string(),
});
const LegacyRegistrationsSchema = z.object({ registrations: z.array(LegacyRegistrationSchema) });

/** A run-time registration with the organization that owns it (the default one when absent). */
export interface OwnedProviderInstanceRegistration extends ProviderInstanceRegistration {
  readonly organizationId?: string;
}

/** A registration as stored: its owner is always known. */
export interface StoredProviderInstanceRegistration extends ProviderInstanceRegistration {
  readonly organizationId: string;
}

/**
 * Provider instances registered at run time (registerProviderStrategy), kept in storage's
 * provider instances table so they survive a restart and reach later CLI invocations and the
 * other API replicas. The settings that hold credentials are sealed with the key from
 * OHF_ENCRYPTION_KEY (the rest is stored as it is); without a key, registering is refused
 * rather than storing credentials in clear.
 */
export class ProviderRegistrationStore {
  #moved: Promise<void> | undefined;

  constructor(
    private readonly instances: ProviderInstanceRepository,
    private readonly state: StateStore,
    private readonly secretBox: SecretBox | undefined,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Refuses early, before the provider is created, when credentials could not be sealed. */
  assertCanSeal(): void {
    this.#box();
  }

  /** Every stored registration, settings opened (read afresh). */
  async load(): Promise<StoredProviderInstanceRegistration[]> {
    await this.#moveLegacyRegistrations();
    const records = await this.instances.list();
    if (records.length === 0) return [];
    const box = this.#box();
    return records.map((record) => ({
      name: record.name,
      organizationId: record.organizationId,
      type: record.type,
      enabled: record.active,
      priority: record.priority,
      weight: record.weight,
      capabilities: record.capabilities,
      config: joinSettings({ configuration: record.configuration, credentials: JSON.parse(box.open(record.sealedCredentials)) as Record<string, unknown> }),
    }));
  }

  /** CONFLICT when `name` is stored as another organization's instance. */
  async assertOwner(name: string, organizationId: string): Promise<void> {
    const stored = await this.instances.find(name);
    if (stored !== undefined && stored.organizationId !== organizationId) throw ownedElsewhere(name, organizationId);
  }

  /** Inserts or replaces; CONFLICT when the name belongs to another organization. */
  async save(registration: OwnedProviderInstanceRegistration): Promise<void> {
    const box = this.#box();
    const { credentials, configuration } = splitSettings(registration.config);
    const now = this.clock.now().toISOString();
    const stored = await this.instances.find(registration.name);
    await this.instances.save({
      name: registration.name,
      organizationId: registration.organizationId ?? DEFAULT_ORGANIZATION_ID,
      type: registration.type,
      sealedCredentials: box.seal(JSON.stringify(credentials)),
      configuration,
      capabilities: [...registration.capabilities],
      priority: registration.priority,
      weight: registration.weight,
      active: registration.enabled,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    });
  }

  /**
   * Seals every stored instance's credentials again under the current key, after a rotation
   * (the old key in OHF_ENCRYPTION_KEY_PREVIOUS, the new one in OHF_ENCRYPTION_KEY). Values
   * already under the current key are left alone. Returns how many were sealed again; once
   * it ran, the previous keys can be removed.
   */
  async resealAll(): Promise<number> {
    await this.#moveLegacyRegistrations();
    const box = this.#box();
    let resealed = 0;
    for (const record of await this.instances.list()) {
      if (!box.needsReseal(record.sealedCredentials)) continue;
      const updated: ProviderInstanceRecord = {
        ...record,
        sealedCredentials: box.seal(box.open(record.sealedCredentials)),
        updatedAt: this.clock.now().toISOString(),
      };
      await this.instances.save(updated);
      resealed += 1;
    }
    return resealed;
  }

  /** Once per process; a failed move is tried again on the next call. */
  #moveLegacyRegistrations(): Promise<void> {
    this.#moved ??= this.#move().catch((error: unknown) => {
      this.#moved = undefined;
      throw error;
    });
    return this.#moved;
  }

  async #move(): Promise<void> {
    const stored = await this.state.get(PROVIDER_REGISTRATIONS_KEY);
    if (stored === undefined) return;
    const parsed = LegacyRegistrationsSchema.safeParse(stored.value);
    if (!parsed.success) {
      throw new StorageError(`The stored provider registrations (${PROVIDER_REGISTRATIONS_KEY}) are not readable.`, {
        details: { key: PROVIDER_REGISTRATIONS_KEY },
      });
    }
    for (const entry of parsed.data.registrations) {
      // A registration made since (by a process of this release) is newer: it stays.
      if ((await this.instances.find(entry.name)) !== undefined) continue;
      const box = this.#box();
      await this.save({
        name: entry.name,
        organizationId: DEFAULT_ORGANIZATION_ID,
        type: entry.type,
        enabled: entry.enabled,
        priority: entry.priority,
        weight: entry.weight,
        capabilities: entry.capabilities,
        config: JSON.parse(box.open(entry.sealedConfig)) as Record<string, unknown>,
      });
    }
    await this.state.delete(PROVIDER_REGISTRATIONS_KEY);
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

function ownedElsewhere(name: string, organizationId: string): StorageError {
  return new StorageError(`Provider instance ${name} was not registered: the name belongs to another organization.`, {
    code: 'CONFLICT',
    retryable: false,
    details: { name, organizationId },
  });
}
